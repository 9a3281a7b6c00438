"""Writing each problem of a template as a Word comment on the faulty text."""
from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..errors import Problem
from ..output import write_bytes
from ..word import scan as docxscan
from ..word.rendering import load_template, normalise_zip


def annotate(template: str | Path, target: str | Path, problems: Iterable[Problem],
             lang: str = "id", doc_lang: str = "id") -> int:
    """A copy of the template with each problem (of :func:`~evalreport.templates.check`) as a
    Word comment on the faulty text.

    Comments go on the body's own paragraphs (and table cells); a problem in a header, footer,
    footnote, text box or content control (where LibreOffice hides a commented paragraph), or
    one of the whole file, is noted on the first body paragraph, saying where it is. Returns
    the number of comments written."""
    tpl = load_template(template, doc_lang)  # a bundled name: in doc_lang
    doc = Document(io.BytesIO(tpl.blob))
    paras = docxscan.paragraphs(doc, docxscan.notes(doc))
    author, initials = "evalreport", "ER"
    n = 0
    first_body = next((p for p in paras if _commentable(p) and p.runs), None)
    for problem in problems:
        p = docxscan.find(paras, problem.anchor) if problem.anchor else None
        message = problem.message.render(lang)
        text = f"{problem.tag} — {message}" if problem.tag else message
        if p is None or not _commentable(p):
            if first_body is None:
                continue
            where = problem.location.place.render(lang) if problem.location.place else ""
            p, text = first_body, (f"[{where}] {text}" if where else text)
        runs = _runs_for(p, problem.tag)
        if not runs:
            continue
        doc.add_comment(runs, text=text, author=author, initials=initials)
        n += 1
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes(target, normalise_zip(buf.getvalue()))
    return n


def _commentable(p: docxscan.Paragraph) -> bool:
    """Whether a comment can go on the paragraph itself: one of the body's own, not in a text
    box or a content control."""
    return p.part == "body" and p.within is None and not any(
        a.tag == docxscan.W_SDT for a in p.element.iterancestors())


def _runs_for(p: docxscan.Paragraph, tag: str) -> list[Run]:
    """The runs that carry ``tag`` in the paragraph (all its runs if not found)."""
    para = DocxParagraph(p.element, None)  # type: ignore[arg-type]
    start = p.text.find(tag) if tag else -1
    if start < 0:
        rs = [n.getparent() for n, _ in p.runs]
    else:
        end = start + len(tag)
        rs = [n.getparent() for n, s in p.runs if s < end and s + len(n.text or "") > start]
    seen, out = set(), []
    for r in rs:
        if r is not None and r.tag == qn("w:r") and id(r) not in seen:
            seen.add(id(r))
            out.append(Run(r, para))
    return out

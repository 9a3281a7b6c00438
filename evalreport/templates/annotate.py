"""Writing each problem of a template as a Word comment on the faulty text."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from docx import Document
from docx.oxml.ns import qn
from docx.text.run import Run

from ..output import write_bytes
from ..word import scan as docxscan
from ..word.rendering import load_template, normalise_zip
from .check import Finding

def annotate(template: str | Path, target: str | Path, findings: Iterable[Finding],
             lang: str = "id") -> int:
    """A copy of the template with each finding as a Word comment on the faulty text.

    Word allows comments in the body only: a problem in a header or footer is noted on the
    first body paragraph, saying where it is. Returns the number of comments written.
    """
    tpl = load_template(template)
    doc = Document(io.BytesIO(tpl.blob))
    paras = docxscan.paragraphs(doc)
    # the same paragraphs in the fresh document, matched by position
    author, initials = "evalreport", "ER"
    n = 0
    first_body = next((p for p in paras if p.part == "body" and p.runs), None)
    for f in findings:
        p = _same_paragraph(paras, f.paragraph) if f.paragraph else None
        text = f"{f.tag} — {f.message(lang)}" if f.tag else f.message(lang)
        if p is None or p.part != "body":
            if first_body is None:
                continue
            where = f.where(lang)
            p, text = first_body, f"[{where}] {text}"
        runs = _runs_for(p, f.tag)
        if not runs:
            continue
        doc.add_comment(runs, text=text, author=author, initials=initials)
        n += 1
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes(target, normalise_zip(buf.getvalue()))
    return n


def _same_paragraph(paras: list[docxscan.Paragraph], ref: docxscan.Paragraph) -> docxscan.Paragraph | None:
    for p in paras:
        if (p.part, p.section, p.number, p.table, p.row, p.cell) == (
                ref.part, ref.section, ref.number, ref.table, ref.row, ref.cell) and p.text == ref.text:
            return p
    return None


def _runs_for(p: docxscan.Paragraph, tag: str) -> list[Run]:
    """The runs that carry ``tag`` in the paragraph (all its runs if not found)."""
    from docx.text.paragraph import Paragraph as DocxParagraph
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

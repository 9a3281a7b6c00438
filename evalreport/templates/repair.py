"""Repairing what Word does to tags while staff type: split runs, proofing marks, tracked
changes and curly quotes inside a tag.

What a repair must never do is change what the template makes. When a template is filled,
docxtpl reads a tag split over several runs as the text of its pieces only: whatever Word put
between them (a tab, a line break, a spelling mark, a tracked deletion, a field mark) is
dropped. A repair therefore joins the pieces into the first one and takes out what stood
between them, except the marks that only delimit a range (bookmarks, comments), which move
before the tag; a tracked insertion inside a tag is accepted (its text is part of the tag), a
tracked deletion inside a tag is accepted too (its text is gone). Text outside tags is never
touched. Text boxes are mended in both copies Word keeps of them (see
:mod:`evalreport.word.scan`), footnotes and endnotes too.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from ..errors import Location, Problem
from ..i18n.messages import Message, _, join
from ..output import write_bytes
from ..word import scan as docxscan
from ..word.rendering import load_template, normalise_zip
from ..word.skeleton import CURLY

# Elements that hold runs: kept (and dropped only when a repair leaves them empty).
_CONTAINERS = {qn(x) for x in ("w:r", "w:ins", "w:moveTo", "w:hyperlink", "w:smartTag", "w:fldSimple",
                               "w:sdt", "w:sdtContent", "w:customXml", "w:dir", "w:bdo")}
# Properties: kept with all they hold.
_PROPERTIES = {qn(x) for x in ("w:rPr", "w:sdtPr", "w:sdtEndPr", "w:customXmlPr", "w:smartTagPr")}
# Marks of a range (a bookmark, a comment, ...): moved before the tag, so the range still exists.
_RANGE_MARKS = {qn(x) for x in ("w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart",
                                "w:commentRangeEnd", "w:permStart", "w:permEnd", "w:moveFromRangeStart",
                                "w:moveFromRangeEnd", "w:moveToRangeStart", "w:moveToRangeEnd")}
_DELETIONS = {qn("w:del"), qn("w:moveFrom")}
_INSERTIONS = {qn("w:ins"), qn("w:moveTo")}
_NAMES = {qn("w:tab"): _("tab"), qn("w:br"): _("line break"), qn("w:cr"): _("line break"),
          qn("w:proofErr"): None, qn("w:lastRenderedPageBreak"): None,
          qn("w:softHyphen"): _("hyphen"), qn("w:noBreakHyphen"): _("hyphen"),
          qn("w:fldChar"): _("field"), qn("w:instrText"): _("field"), qn("w:drawing"): _("picture"),
          qn("w:pict"): _("picture")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def repair(source: str | Path, target: str | Path) -> list[Problem]:
    """Write a repaired copy of a template; returns each change made (and what the file held
    that a template may not: macros and links to outside files, taken out). Text outside tags
    is kept, and the copy fills to the same text as the original."""
    tpl = load_template(source)
    file = tpl.name
    doc = Document(io.BytesIO(tpl.blob))
    notes = docxscan.notes(doc)
    changes: list[Problem] = list(tpl.problems)
    for p in docxscan.paragraphs(doc, notes, fallbacks=True):
        in_paragraph: list[Problem] = []
        for t in reversed(docxscan.tags([p])):  # right to left: offsets stay valid
            in_paragraph = _repair_tag(file, p, t) + in_paragraph
        if not p.fallback:  # the older copy of a text box is mended silently with its newer one
            changes += in_paragraph
    buf = io.BytesIO()
    doc.save(buf)
    blob = _with_parts(buf.getvalue(), {name.lstrip("/"): docxscan.serialise(root)
                                        for name, root in notes.values()})
    write_bytes(target, normalise_zip(blob))
    return changes


def _with_parts(blob: bytes, parts: dict[str, bytes]) -> bytes:
    """The .docx ``blob`` with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, parts.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def _change(file: str, p: docxscan.Paragraph, code: str, message: Message, tag: str) -> Problem:
    return Problem(Location(file=file, place=p.place()), message, severity="warning", code=code,
                   tag=tag, fixable=True, anchor=p.key)


def straighten(text: str) -> str:
    for k, v in CURLY.items():
        text = text.replace(k, v)
    return text


def _repair_tag(file: str, p: docxscan.Paragraph, t: docxscan.Tag) -> list[Problem]:
    pieces = [(node, start) for node, start in p.runs
              if (node.text or "") and start < t.end and start + len(node.text) > t.start]
    fixed = straighten(t.text)
    changes = []
    if len(pieces) > 1:
        first, fstart = pieces[0]
        last, lstart = pieces[-1]
        head, tail = first.text[: t.start - fstart], last.text[t.end - lstart:]
        removed, accepted = _clear_between(first, last)
        for node, _start in pieces[1:]:
            node.text = ""
        first.text = head + fixed
        first.set(_XML_SPACE, "preserve")
        last.text = tail
        for node, _start in pieces[1:]:
            _drop_if_empty(node.getparent())
        changes.append(_change(file, p, "split-runs", _(
            "Word split the tag into {n} runs; merged into one", n=len(pieces)), fixed))
        if accepted:
            changes.append(_change(file, p, "tracked-change", _(
                "a tracked change inside the tag is accepted"), fixed))
        if removed:
            changes.append(_change(file, p, "removed-from-tag", _(
                "taken out from inside the tag, where it never printed: {what}",
                what=join(removed)), fixed))
    elif fixed != t.text:
        node, start = pieces[0]
        node.text = node.text[: t.start - start] + fixed + node.text[t.end - start:]
    if fixed != t.text:
        changes.append(_change(file, p, "curly-quotes", _("quotes straightened"), fixed))
    return changes


def _clear_between(first, last) -> tuple[list[Message], bool]:
    """Take out what stands between two text pieces of one tag, as filling the template
    would; range marks move before the tag. Returns the names of what was taken out (each
    once) and whether a tracked change was accepted."""
    paragraph = first
    while paragraph is not None and paragraph.tag != docxscan.W_P:
        paragraph = paragraph.getparent()
    last_ancestors = set(last.iterancestors())
    first_run = first.getparent()
    elements = list(paragraph.iter())
    start, end = elements.index(first), elements.index(last)
    removed: list[Message] = []
    accepted = False
    skip: set = set()
    for el in elements[start + 1:end]:
        if el in skip or el in last_ancestors or not isinstance(el.tag, str):
            continue
        if el.tag in _PROPERTIES:
            skip.update(el.iterdescendants())
        elif el.tag == docxscan.W_T or el.tag in _CONTAINERS:
            accepted = accepted or el.tag in _INSERTIONS
        elif el.tag in _RANGE_MARKS:
            el.getparent().remove(el)
            first_run.addprevious(el)
        else:
            skip.update(el.iterdescendants())
            if el.tag in _DELETIONS:
                accepted = True
            else:
                name = _NAMES.get(el.tag, _("mark"))
                if name is not None and name not in removed:
                    removed.append(name)
            el.getparent().remove(el)
    if _insertion(first) is not _insertion(last):
        accepted = _accept_insertions(first, last) or accepted
    return removed, accepted


def _insertion(node):
    """The tracked insertion ``node`` is part of, if any."""
    return next((a for a in node.iterancestors() if a.tag in _INSERTIONS), None)


def _accept_insertions(first, last) -> bool:
    """Unwrap the tracked insertions that hold part of a tag that is partly outside them
    (their runs stay): rejecting the change would otherwise take half a tag away."""
    done = False
    for node in (first, last):
        ins = _insertion(node)
        if ins is not None and ins.getparent() is not None:
            parent = ins.getparent()
            index = parent.index(ins)
            for child in list(ins):
                parent.insert(index, child)
                index += 1
            parent.remove(ins)
            done = True
    return done


def _drop_if_empty(el) -> None:
    """Remove a run left without text (and so each container left empty), upwards."""
    while el is not None and el.tag in _CONTAINERS and el.tag != docxscan.W_P:
        content = [c for c in el if c.tag not in _PROPERTIES
                   and not (c.tag == docxscan.W_T and not (c.text or ""))]
        parent = el.getparent()
        if content or parent is None:
            return
        parent.remove(el)
        el = parent

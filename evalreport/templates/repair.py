"""Repairing what Word does to tags while staff type: split runs, proofing marks, curly quotes."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from ..output import write_bytes
from ..word import scan as docxscan
from ..word.rendering import load_template, normalise_zip
from .check import CURLY

@dataclass
class Change:
    paragraph: docxscan.Paragraph
    before: str
    after: str
    what_id: str
    what_en: str

    def describe(self, lang: str = "id") -> str:
        what = self.what_id if lang == "id" else self.what_en
        return f"{self.paragraph.where(lang)}: {what}: {self.before} → {self.after}"


_CLUTTER = {qn("w:proofErr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:permStart"),
            qn("w:permEnd")}


def repair(source: str | Path, target: str | Path) -> list[Change]:
    """Write a repaired copy of a template; returns each change made. Text outside tags is kept."""
    tpl = load_template(source)
    doc = Document(io.BytesIO(tpl.blob))
    changes: list[Change] = []
    for p in docxscan.paragraphs(doc):
        in_paragraph: list[Change] = []
        for t in reversed(docxscan.tags([p])):  # right to left: offsets stay valid
            in_paragraph = _repair_tag(p, t) + in_paragraph
        changes += in_paragraph
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes(target, normalise_zip(buf.getvalue()))
    return changes


def _repair_tag(p: docxscan.Paragraph, t: docxscan.Tag) -> list[Change]:
    changes = []
    parts = [(node, start) for node, start in p.runs
             if (node.text or "") and start < t.end and start + len(node.text) > t.start]
    fixed = t.text
    for k, v in CURLY.items():
        fixed = fixed.replace(k, v)
    if len(parts) > 1:
        first, fstart = parts[0]
        first_run = first.getparent()
        # keep what stands before the tag in the first node, then the whole tag
        first.text = first.text[: t.start - fstart] + fixed
        last, lstart = parts[-1]
        tail = last.text[t.end - lstart:]
        for node, _ in parts[1:]:
            node.text = ""
        if tail:
            last.text = tail
        else:
            first.text += ""
        first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        # clutter between the first and the last run of the tag goes
        runs = [n.getparent() for n, _ in parts]
        parent = first_run.getparent()
        removed = 0
        sib = first_run.getnext()
        while sib is not None and sib is not runs[-1]:
            nxt = sib.getnext()
            if sib.tag in _CLUTTER:
                if sib.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
                    parent.remove(sib)
                    first_run.addprevious(sib)  # bookmarks keep existing, before the tag
                else:
                    parent.remove(sib)
                removed += 1
            sib = nxt
        for r in runs[1:]:
            if r is not None and all((x.text or "") == "" for x in r.iter(qn("w:t"))) and r.getparent() is not None:
                if not [c for c in r if c.tag not in (qn("w:rPr"), qn("w:t"))]:
                    r.getparent().remove(r)
        changes.append(Change(p, t.text, fixed, f"tag yang terpecah menjadi {len(parts)} potongan disatukan",
                              f"tag split into {len(parts)} runs merged"))
    elif fixed != t.text:
        node, start = parts[0]
        node.text = node.text[: t.start - start] + fixed + node.text[t.end - start:]
        changes.append(Change(p, t.text, fixed, "tanda kutip diluruskan", "quotes straightened"))
    if len(parts) > 1 and fixed != t.text:
        changes.append(Change(p, t.text, fixed, "tanda kutip diluruskan", "quotes straightened"))
    return changes

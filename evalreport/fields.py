"""Tables of contents and caption numbers that are right in Word *and* in LibreOffice's PDF.

What Word writes: a TOC is a field (``w:fldChar`` begin, ``w:instrText`` " TOC \\o "1-3" ...",
separate, the entries as field result, end). Word rebuilds the result when fields are updated;
LibreOffice does not rebuild it on conversion, and ignores page references inside it, so a PDF
would show the placeholder text. Captions number themselves with ``SEQ Tabel`` fields whose
stored result is whatever the template had ("1" in every copy made by a loop).

What we write after rendering: the TOC field is replaced by its entries, one paragraph each
(style "TOC 1".."TOC 3", right tab with dot leader), each ending in a ``PAGEREF`` field to a
bookmark placed on the heading or caption. Both Word (fields are refreshed on opening) and
LibreOffice (page references are computed at layout) then print the right page numbers; the
SEQ results are renumbered in document order so captions read right before any refresh.
"""
from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOC_RE = re.compile(r"^\s*TOC\b(.*)$", re.S)
_SEQ_RE = re.compile(r"^\s*SEQ\s+(\S+)")


def _instr_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:instrText")))


def _style(p) -> str:
    ps = p.find(qn("w:pPr"))
    st = ps.find(qn("w:pStyle")) if ps is not None else None
    return st.get(qn("w:val")) if st is not None else ""


def _text(p) -> str:
    """Visible text, field results included, instructions excluded."""
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _heading_level(style_id: str, styles: dict[str, int]) -> int | None:
    if style_id in styles:
        return styles[style_id]
    m = re.fullmatch(r"(?i)heading\s?(\d)", style_id)
    return int(m.group(1)) if m else None


def _outline_levels(doc) -> dict[str, int]:
    """Style ids whose paragraphs are headings, with their level (from the style definitions)."""
    out: dict[str, int] = {}
    for s in doc.styles.element.iter(qn("w:style")):
        sid = s.get(qn("w:styleId")) or ""
        name_el = s.find(qn("w:name"))
        name = (name_el.get(qn("w:val")) if name_el is not None else "") or ""
        m = re.fullmatch(r"(?i)heading (\d)", name)
        if m:
            out[sid] = int(m.group(1))
            continue
        ppr = s.find(qn("w:pPr"))
        lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if lvl is not None and lvl.get(qn("w:val")) is not None:
            out[sid] = int(lvl.get(qn("w:val"))) + 1
    return out


def _text_width(body) -> int:
    """Width between margins, in twips, of the first section (for the right tab)."""
    sect = next(body.iter(qn("w:sectPr")), None)
    if sect is None:
        return 9070
    size, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    try:
        return int(size.get(qn("w:w"))) - int(mar.get(qn("w:left"))) - int(mar.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return 9070


def _run(text: str | None = None, child: str | None = None, **attrs: str):
    r = OxmlElement("w:r")
    if child:
        el = OxmlElement(child)
        for k, v in attrs.items():
            el.set(qn(k), v)
        r.append(el)
    if text is not None:
        t = OxmlElement("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
    return r


def _instr(text: str):
    r = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.text = text
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(it)
    return r


def _entry(text: str, bookmark: str, level: int, width: int, style_ids: set[str]):
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    sid = f"TOC{level}"
    if sid in style_ids:
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), sid)
        ppr.append(ps)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(width))
    tabs.append(tab)
    ppr.append(tabs)
    if sid not in style_ids:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(360 * (level - 1)))
        ppr.append(ind)
    p.append(ppr)
    p.append(_run(text))
    p.append(_run(None, "w:tab"))
    p.append(_run(None, "w:fldChar", **{"w:fldCharType": "begin"}))
    p.append(_instr(f" PAGEREF {bookmark} \\h "))
    p.append(_run(None, "w:fldChar", **{"w:fldCharType": "separate"}))
    p.append(_run("1"))
    p.append(_run(None, "w:fldChar", **{"w:fldCharType": "end"}))
    return p


def _bookmark(p, name: str, ident: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(ident))
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def _renumber_seq(body) -> None:
    """Give each SEQ field the number it will have (its stored result may be stale)."""
    counters: dict[str, int] = {}
    state: list = []  # stack of [instr, in_result, label]
    for el in body.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t"), qn("w:fldSimple")):
        if el.tag == qn("w:fldSimple"):
            m = _SEQ_RE.match(el.get(qn("w:instr")) or "")
            if m:
                counters[m.group(1)] = counters.get(m.group(1), 0) + 1
                ts = list(el.iter(qn("w:t")))
                if ts:
                    ts[0].text = str(counters[m.group(1)])
                    for t in ts[1:]:
                        t.text = ""
            continue
        if el.tag == qn("w:fldChar"):
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                state.append(["", False, None, False])
            elif kind == "separate" and state:
                m = _SEQ_RE.match(state[-1][0])
                state[-1][1] = True
                if m:
                    counters[m.group(1)] = counters.get(m.group(1), 0) + 1
                    state[-1][2] = str(counters[m.group(1)])
            elif kind == "end" and state:
                state.pop()
        elif el.tag == qn("w:instrText") and state and not state[-1][1]:
            state[-1][0] += el.text or ""
        elif el.tag == qn("w:t") and state and state[-1][1] and state[-1][2] is not None:
            el.text = "" if state[-1][3] else state[-1][2]
            state[-1][3] = True


def fill_tables_of_contents(doc) -> int:
    """Replace each TOC field of the body by its entries; returns the number of entries."""
    body = doc.element.body
    _renumber_seq(body)
    levels = _outline_levels(doc)
    style_ids = {s.get(qn("w:styleId")) for s in doc.styles.element.iter(qn("w:style"))}
    width = _text_width(body)
    paras = list(body.iter(qn("w:p")))
    tocs = [p for p in paras if _TOC_RE.match(_instr_text(p))]
    if not tocs:
        return 0
    ident = 900000
    marks: dict[int, str] = {}  # id(paragraph) -> bookmark name
    total = 0

    def mark(p) -> str:
        nonlocal ident
        if id(p) not in marks:
            ident += 1
            marks[id(p)] = f"_Toc{ident}"
            _bookmark(p, marks[id(p)], ident)
        return marks[id(p)]

    # what each paragraph is, worked out once: (paragraph, text, heading level, SEQ labels)
    facts = []
    toc_ids = {id(t) for t in tocs}
    for p in paras:
        if id(p) in toc_ids:
            continue
        text = _text(p).strip()
        if not text:
            continue
        seqs = {m.group(1) for i in p.iter(qn("w:instrText")) if (m := _SEQ_RE.match(i.text or ""))}
        seqs |= {m.group(1) for f in p.iter(qn("w:fldSimple"))
                 if (m := _SEQ_RE.match(f.get(qn("w:instr")) or ""))}
        facts.append((p, text, _heading_level(_style(p), levels), seqs))

    for toc in tocs:
        switches = _TOC_RE.match(_instr_text(toc)).group(1)  # type: ignore[union-attr]
        caption = re.search(r'\\c\s+"([^"]+)"', switches)
        outline = re.search(r'\\o\s+"(\d)-(\d)"', switches)
        lo, hi = (int(outline.group(1)), int(outline.group(2))) if outline else (1, 3)
        if caption:
            entries = [(text, p, 1) for p, text, _, seqs in facts if caption.group(1) in seqs]
        else:
            entries = [(text, p, level) for p, text, level, _ in facts
                       if level is not None and lo <= level <= hi]
        new = [_entry(text, mark(p), level, width, style_ids) for text, p, level in entries]
        if not new:
            empty = OxmlElement("w:p")
            empty.append(_run("–"))
            new = [empty]
        for el in new:
            toc.addprevious(el)
        toc.getparent().remove(toc)
        total += len(entries)
    return total

"""Page numbers and continued tables, once a layout has said where everything falls.

A .docx does not know its pages: Word and LibreOffice lay it out when they open it. What a
document stores is the *cached result* of each field: the page number a table of contents
entry showed when the field was last updated. evalreport writes the entries itself
(:mod:`evalreport.word.fields`), so their cached numbers are whatever it wrote; a viewer that
does not update fields (Word's Protected View, phone and web previewers) shows them as they
are. This module writes the right ones, given the page of each bookmark in a layout of the
document (:mod:`evalreport.run.pages` makes that layout with LibreOffice):

* :func:`add_marks` puts temporary bookmarks where a layout must say the page: at the start of
  each section (to turn a page of the file into the number printed on it: i, ii, ... in the
  front matter, 1, 2, ... from BAB I) and at each row of each table with a header row;
* :func:`page_labels` turns the pages of those marks into the printed number of every page;
* :func:`write_page_numbers` puts the printed number of its bookmark's page into each PAGEREF
  field's result. Where the page is numbered otherwise than 1, 2, 3 (the front matter's i, ii,
  iii), the entry's number becomes plain text: LibreOffice computes a page reference as a
  plain number whatever the page's numbering, so its PDF would print "2" in the table of
  contents beside a page whose foot reads "ii";
* :func:`fit_figures` makes a picture smaller, so that it fits in the space left at the foot of
  a page instead of leaving that page more than half empty (:mod:`evalreport.run.pages`
  decides by how much, from the layout);
* :func:`continue_tables` splits a table with a header row where a page break falls in it and
  puts "Tabel 4 (lanjutan)" above the rest (plain "(lanjutan)" for a table without a numbered
  caption), with its header rows again. Word and LibreOffice repeat a table's header rows on
  each page by themselves, but neither can print a text on the continuation pages only: a
  field in a repeated header row (``IF PAGE > PAGEREF ...``) is computed once in Word, and
  LibreOffice does not compute IF fields from .docx at all. The split follows the layout: with
  the same fonts (Arial, or its metric twin Liberation Sans) Word breaks the pages where
  LibreOffice does;
* :func:`tables_on_new_pages` starts a table on a new page, with its caption and introduction,
  where its first row alone would end a page.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .layout import is_header_row, keep_with_next

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _TBL, _TR, _TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
_PPR, _SECT_PR, _PG_NUM = W + "pPr", W + "sectPr", W + "pgNumType"
_FLD_CHAR, _INSTR, _FLD_TYPE, _VAL = W + "fldChar", W + "instrText", W + "fldCharType", W + "val"
_TCPR, _VMERGE = W + "tcPr", W + "vMerge"
_BM_START, _BM_END = W + "bookmarkStart", W + "bookmarkEnd"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
_SEQ = re.compile(r"^\s*SEQ\s+(\S+)")

MARK_PREFIX = "_Evl"  # temporary bookmarks: hidden (a leading underscore), never written out


# ----------------------------------------------------------------------------- numbering

def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    """Word's a, b, ... z, aa, bb, ... (the letter repeated, not spreadsheet columns)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A page number as a section's numbering format prints it (w:pgNumType/@w:fmt)."""
    if n < 1:
        return str(n)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    return str(n)


@dataclass(frozen=True)
class Section:
    """A section's page numbering: its format and the number it starts again at (None: it
    goes on from the section before), and the mark on its first paragraph."""

    fmt: str
    start: int | None
    mark: str


@dataclass(frozen=True)
class FigureMarks:
    """Where a picture and what keeps with it fall: ``start`` on the first paragraph that keeps
    with the picture (a heading, an introduction, or the picture itself), ``before`` at the end
    of what precedes them (the end of a paragraph, or of each cell of a table's last row),
    ``end`` at the end of the picture's caption and what keeps with it (its source line); with
    the picture's height and the page's bottom margin and text height, in points."""

    index: int  # among the pictures of the document (:func:`pictures`)
    start: str
    before: tuple[str, ...]
    end: str
    height: float
    bottom: float
    text_height: float


@dataclass
class Marks:
    """The temporary bookmarks a layout is asked about."""

    sections: list[Section] = field(default_factory=list)
    figures: list[FigureMarks] = field(default_factory=list)  # pictures, in document order
    # per table with a header row (in document order): the marks of its body rows, in order,
    # and of the first paragraph that keeps with it (its caption, or a heading and text)
    rows: list[list[str]] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    lead_before: list[tuple[str, ...]] = field(default_factory=list)  # the end of what precedes
    # per such table: its page's bottom margin and the height of its text, in points
    geometry: list[tuple[float, float]] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)  # every bookmark of the document
    # rows that continue a cell merged down from the row above: a table is not split there,
    # since the part before would then have to hold the merged text in fewer rows
    merged: set[str] = field(default_factory=set)


def _section_props(body) -> list:
    """Each section's w:sectPr, first to last (the last one is the body's own)."""
    found = [p.find(_PPR).find(_SECT_PR) for p in body.iter(_P)
             if p.find(_PPR) is not None and p.find(_PPR).find(_SECT_PR) is not None]
    last = body.find(_SECT_PR)
    return found + ([last] if last is not None else [])


def _numbering(sect) -> tuple[str, int | None]:
    el = sect.find(_PG_NUM) if sect is not None else None
    if el is None:
        return "decimal", None
    start = el.get(W + "start")
    return el.get(W + "fmt") or "decimal", int(start) if start and start.lstrip("-").isdigit() else None


def _bookmark(p, name: str, ident: int, at_end: bool = False) -> None:
    """A bookmark at the start of paragraph ``p`` (or around its last character)."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(ident))
    if at_end and _around_last_character(p, start, end):
        return
    at = 1 if p.find(_PPR) is not None else 0
    p.insert(at, end)
    p.insert(at, start)


def _around_last_character(p, start, end) -> bool:
    """Put a bookmark around the last character of the paragraph's text, moved to a run of its
    own with the same formatting: a place at the end of its last line that changes nothing in
    how it is laid out. (LibreOffice drops an empty bookmark at the end of a paragraph that
    holds a field, such as a caption's SEQ number.) False when there is no such character."""
    last = None
    for t in p.iter(_T):
        if t.text:
            last = t
    run = last.getparent() if last is not None else None
    if run is None or run.tag != _R or run[-1] is not last:
        return False
    tail = OxmlElement("w:r")
    rpr = run.find(W + "rPr")
    if rpr is not None:
        tail.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = last.text[-1]
    t.set(_SPACE, "preserve")
    tail.append(t)
    last.text = last.text[:-1]
    last.set(_SPACE, "preserve")
    run.addnext(end)
    run.addnext(tail)
    run.addnext(start)
    return True


def _free_id(body) -> int:
    ids = [int(x) for x in (el.get(qn("w:id")) for el in body.iter(_BM_START)) if x and x.isdigit()]
    return max(ids + [0]) + 1


def header_tables(body) -> list[tuple]:
    """(the paragraph before it, table) for each table of the body with a header row Word
    repeats on every page: the tables that may go on to another page. The paragraph is its
    caption when it has a SEQ field ("Tabel 4. ..."); it is None when the table follows no
    paragraph."""
    out = []
    kids = list(body)
    for before, tbl in zip([None] + kids, kids):
        if tbl.tag != _TBL or not any(is_header_row(tr) for tr in tbl.iterchildren(_TR)):
            continue
        out.append((before if before is not None and before.tag == _P else None, tbl))
    return out


def add_marks(doc) -> Marks:
    """Put a temporary bookmark on the first paragraph of each section and of each body row of
    each table with a header row, and around each picture (see :class:`FigureMarks`); returns their
    names, for a layout to say their places. A document so marked is only for a layout: the
    document written has none of them."""
    body = doc.element.body
    ident = _free_id(body)
    marks = Marks()
    sects = _section_props(body)
    firsts, fresh = [], True
    for p in body.iter(_P):
        if fresh:
            firsts.append(p)
            fresh = False
        ppr = p.find(_PPR)
        if ppr is not None and ppr.find(_SECT_PR) is not None:
            fresh = True
    for n, (sect, p) in enumerate(zip(sects, firsts)):
        name = f"{MARK_PREFIX}S{n}"
        _bookmark(p, name, ident)
        ident += 1
        fmt, start = _numbering(sect)
        marks.sections.append(Section(fmt, start, name))
    kids = list(body)  # held, so that the elements found below are these very ones
    section_of = _sections_of(kids, sects)
    ident = _mark_figures(doc, marks, kids, section_of, ident)
    styles = _keeping_styles(doc)
    for t, (caption, tbl) in enumerate(header_tables(body)):
        name = f"{MARK_PREFIX}T{t}L"
        lead = _lead(caption, styles) if caption is not None else None
        if lead is not None:
            _bookmark(lead, name, ident)
            ident += 1
        marks.leads.append(name)
        before = lead.getprevious() if lead is not None else None
        ends, ident = _mark_end(before, f"{MARK_PREFIX}T{t}E", ident) if before is not None else ((), ident)
        marks.lead_before.append(ends)
        marks.geometry.append(_geometry(section_of[kids.index(tbl)]))
        names = []
        for r, tr in enumerate(tbl.iterchildren(_TR)):
            if is_header_row(tr):
                continue
            p = next(tr.iter(_P), None)
            if p is None:
                continue
            name = f"{MARK_PREFIX}T{t}R{r}"
            _bookmark(p, name, ident)
            ident += 1
            names.append(name)
            if any(_vmerge(tc) == "continue" for tc in tr.iterchildren(_TC)):
                marks.merged.add(name)
        marks.rows.append(names)
    return marks


WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PER_PT = 12700
TWIPS_PER_PT = 20


def pictures(body) -> list:
    """The paragraphs of the body (not in a table) that hold an inline picture, in order."""
    return [p for p in body.iterchildren(_P) if p.find(f".//{WP}inline") is not None]


def _keeping_styles(doc) -> set[str]:
    """The paragraph styles whose paragraphs keep with the next (their own setting or that of
    a style they are based on)."""
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(W + "style")}

    def keeps(sid: str | None, depth: int = 0) -> bool:
        st = styles.get(sid or "")
        if st is None or depth > 20:
            return False
        ppr = st.find(_PPR)
        el = ppr.find(W + "keepNext") if ppr is not None else None
        if el is not None:
            return el.get(_VAL, "true") not in ("0", "false", "off")
        based = st.find(W + "basedOn")
        return keeps(based.get(_VAL) if based is not None else None, depth + 1)

    return {sid for sid in styles if sid and keeps(sid)}


def _keeps(p, styles: set[str]) -> bool:
    ppr = p.find(_PPR)
    if ppr is not None:
        el = ppr.find(W + "keepNext")
        if el is not None:
            return el.get(_VAL, "true") not in ("0", "false", "off")
        st = ppr.find(W + "pStyle")
        if st is not None:
            return st.get(_VAL) in styles
    return False


def _geometry(sect) -> tuple[float, float]:
    """A section's bottom margin and the height between its margins, in points."""
    size = sect.find(W + "pgSz") if sect is not None else None
    mar = sect.find(W + "pgMar") if sect is not None else None
    if size is None or mar is None:
        return 72.0, 700.0
    try:
        height = int(size.get(W + "h")) / TWIPS_PER_PT
        top, bottom = int(mar.get(W + "top")) / TWIPS_PER_PT, int(mar.get(W + "bottom")) / TWIPS_PER_PT
    except (AttributeError, TypeError, ValueError):
        return 72.0, 700.0
    return bottom, height - top - bottom


def _sections_of(kids: list, sects: list) -> list:
    """The w:sectPr of the section each of ``kids`` (the children of the body) is in."""
    out = []
    n = 0
    for el in kids:
        out.append(sects[min(n, len(sects) - 1)] if sects else None)
        ppr = el.find(_PPR) if el.tag == _P else None
        if ppr is not None and ppr.find(_SECT_PR) is not None:
            n += 1
    return out


def _mark_figures(doc, marks: Marks, kids: list, section_of: list, ident: int) -> int:
    body = doc.element.body
    styles = _keeping_styles(doc)
    for f, pic in enumerate(pictures(body)):
        k = kids.index(pic)
        start = k
        while start > 0 and kids[start - 1].tag == _P and _keeps(kids[start - 1], styles) \
                and kids[start - 1].find(f".//{_SECT_PR}") is None:
            start -= 1
        if start == 0 or k + 1 >= len(kids) or kids[k + 1].tag != _P:
            continue
        names, ident = _mark_end(kids[start - 1], f"{MARK_PREFIX}F{f}E", ident)
        if not names:
            continue
        end = k + 1  # the caption, and what keeps with it (the chart's source line)
        while end + 1 < len(kids) and kids[end + 1].tag == _P and _keeps(kids[end], styles) \
                and kids[end].find(f".//{_SECT_PR}") is None:
            end += 1
        _bookmark(kids[start], f"{MARK_PREFIX}F{f}S", ident)
        _bookmark(kids[end], f"{MARK_PREFIX}F{f}K", ident + 1, at_end=True)
        ident += 2
        extent = pic.find(f".//{WP}extent")
        height = int(extent.get("cy", "0")) / EMU_PER_PT if extent is not None else 0.0
        bottom, text_height = _geometry(section_of[k])
        marks.figures.append(FigureMarks(f, f"{MARK_PREFIX}F{f}S", tuple(names),
                                         f"{MARK_PREFIX}F{f}K", height, bottom, text_height))
    return ident


def _lead(p, styles: set[str]):
    """The first of the paragraphs that keep with ``p`` (say a heading and its introduction
    before a caption), or ``p`` itself."""
    while True:
        before = p.getprevious()
        if before is None or before.tag != _P or not _keeps(before, styles) \
                or before.find(f"{_PPR}/{_SECT_PR}") is not None:
            return p
        p = before


def tables_on_new_pages(doc, tables: set[int]) -> None:
    """Start tables (numbered as :func:`header_tables` lists them), with what
    keeps with them, on a new page: for a table whose first row alone would end a page."""
    body = doc.element.body
    styles = _keeping_styles(doc)
    for t, (caption, _tbl) in enumerate(header_tables(body)):
        if t in tables and caption is not None:
            ppr = _lead(caption, styles).get_or_add_pPr()
            if ppr.find(W + "pageBreakBefore") is None:
                ppr.get_or_add_pageBreakBefore()


def _mark_end(before, prefix: str, ident: int) -> tuple[tuple[str, ...], int]:
    """Marks at the end of a body element: of a paragraph (not a section's last), or of each
    cell of a table's last row, whose lowest says where the element ends."""
    if before.tag == _P and before.find(f"{_PPR}/{_SECT_PR}") is None:
        ends = [before]
    elif before.tag == _TBL and before.findall(_TR):
        ends = [tc.findall(_P)[-1] for tc in before.findall(_TR)[-1].iterchildren(_TC)
                if tc.findall(_P)]
    else:
        return (), ident
    names = []
    for e, p in enumerate(ends):
        names.append(f"{prefix}{e}")
        _bookmark(p, names[-1], ident, at_end=True)
        ident += 1
    return tuple(names), ident


def fit_figures(doc, scales: dict[int, float]) -> None:
    """Make pictures (numbered as :func:`pictures` lists them) smaller by the factors given,
    keeping their proportions."""
    pics = pictures(doc.element.body)
    for f, scale in scales.items():
        if f >= len(pics) or scale >= 1:
            continue
        for el in pics[f].iter(f"{WP}extent", f"{A}ext"):
            for attr in ("cx", "cy"):
                if el.get(attr, "").isdigit():
                    el.set(attr, str(int(int(el.get(attr)) * scale)))


def page_labels(sections: list[Section], pages: dict[str, int], count: int) -> dict[int, str]:
    """The number printed on each page of a layout (pages counted from 1), from each
    section's numbering and the page its first paragraph falls on."""
    labels: dict[int, str] = {}
    number = 0
    bounds = [(p, s) for s in sections if (p := pages.get(s.mark)) is not None]
    for n, (first, sect) in enumerate(bounds):
        last = bounds[n + 1][0] - 1 if n + 1 < len(bounds) else count
        number = sect.start if sect.start is not None else number + 1
        for page in range(first, last + 1):
            labels[page] = format_number(number, sect.fmt)
            number += 1
        number -= 1
    return labels


# ------------------------------------------------------------------------ page references

def _fields(body):
    """Each complete field of the body: (its instruction, its runs' elements from begin to
    end, the w:t elements of its result)."""
    stack: list[list] = []
    for el in body.iter(_FLD_CHAR, _INSTR, _T):
        if el.tag == _FLD_CHAR:
            kind = el.get(_FLD_TYPE)
            if kind == "begin":
                stack.append([el, "", [], False])
            elif kind == "separate" and stack:
                stack[-1][3] = True
            elif kind == "end" and stack:
                begin, instr, texts, _sep = stack.pop()
                yield instr, begin, el, texts
        elif el.tag == _INSTR:
            if stack and not stack[-1][3]:
                stack[-1][1] += el.text or ""
        elif stack and stack[-1][3]:
            stack[-1][2].append(el)


def _run_of(el):
    while el is not None and el.tag != _R:
        el = el.getparent()
    return el


def write_page_numbers(doc, page_of: dict[str, int], labels: dict[int, str],
                       sections: list[Section] | None = None) -> int:
    """Put the printed number of its bookmark's page in each PAGEREF field's result; a
    reference to a page numbered otherwise than 1, 2, 3 becomes that number as plain text
    (see the module's note). Returns the number of references written."""
    body = doc.element.body
    done = 0
    for instr, begin, end, texts in list(_fields(body)):
        m = _PAGEREF.match(instr)
        if not m or m.group(1) not in page_of:
            continue
        label = labels.get(page_of[m.group(1)])
        if label is None:
            continue
        if label.isdigit():
            if texts:
                texts[0].text = label
                for t in texts[1:]:
                    t.text = ""
            else:  # a field without a stored result: give it one
                sep = next((f for f in _following_chars(begin, end) if f.get(_FLD_TYPE) == "separate"),
                           None)
                if sep is None:
                    continue
                run = OxmlElement("w:r")
                t = OxmlElement("w:t")
                t.text = label
                run.append(t)
                _run_of(sep).addnext(run)
        else:
            _as_text(begin, end, label)
        done += 1
    return done


def _following_chars(begin, end):
    found = False
    for el in begin.getroottree().getroot().iter(_FLD_CHAR):
        if el is begin:
            found = True
        if found:
            yield el
        if el is end:
            return


def _as_text(begin, end, label: str) -> None:
    """Replace a field, all in one paragraph, by a run holding ``label`` (formatted as the
    field's first run)."""
    first, last = _run_of(begin), _run_of(end)
    if first is None or last is None or first.getparent() is not last.getparent():
        return
    parent = first.getparent()
    kids = list(parent)
    span = kids[kids.index(first):kids.index(last) + 1]
    run = OxmlElement("w:r")
    rpr = first.find(W + "rPr")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = label
    run.append(t)
    first.addprevious(run)
    for el in span:
        if el.tag in (_BM_START, _BM_END):
            continue  # a bookmark inside the field stays
        parent.remove(el)


# ------------------------------------------------------------------------ continued tables

def _seq_label(p) -> str:
    """"Tabel 4" of a caption "Tabel 4. Capaian ...": its text up to the end of its first
    SEQ field, or "" when it has none."""
    text, depth, seq, instr = "", 0, False, ""
    for el in p.iter(_T, _FLD_CHAR, _INSTR):
        if el.tag == _FLD_CHAR:
            kind = el.get(_FLD_TYPE)
            if kind == "begin":
                depth += 1
                instr = ""
            elif kind == "separate" and depth == 1:
                seq = bool(_SEQ.match(instr))
            elif kind == "end":
                depth -= 1
                if depth == 0 and seq:
                    return " ".join(text.split())
        elif el.tag == _INSTR:
            instr += el.text or ""
        else:
            text += el.text or ""
    simple = p.find(f".//{W}fldSimple")
    if simple is not None and _SEQ.match(simple.get(W + "instr") or ""):
        before = []
        for el in p.iter(_T, W + "fldSimple"):
            if el is simple:
                break
            if el.tag == _T:
                before.append(el.text or "")
        return " ".join(("".join(before) + "".join(simple.itertext(_T))).split())
    return ""


def _vmerge(tc) -> str | None:
    el = tc.find(f"{_TCPR}/{_VMERGE}")
    if el is None:
        return None
    return el.get(_VAL) or "continue"


def continue_tables(doc, breaks: dict[int, list[int]], label: str) -> int:
    """Split tables (numbered as :func:`header_tables` lists them) before the
    rows given (their index among the table's rows, header rows included), each new part
    with the table's header rows again and, above it, the caption's number and ``label``
    ("Tabel 4 (lanjutan)") in the caption's paragraph style, kept with the part. Returns the
    number of parts made."""
    made = 0
    tables = header_tables(doc.element.body)
    caption_style = next((st.get(qn("w:styleId")) for st in doc.styles.element.iter(W + "style")
                          if (st.find(W + "name") is not None
                              and st.find(W + "name").get(_VAL, "").casefold() == "caption")), None)
    for t, rows_at in breaks.items():
        if t >= len(tables):
            continue
        caption, tbl = tables[t]
        number = _seq_label(caption) if caption is not None else ""
        rows = list(tbl.iterchildren(_TR))
        heads = [tr for tr in rows if is_header_row(tr)]
        cuts = sorted({r for r in rows_at if 0 < r < len(rows) and not is_header_row(rows[r])})
        current = tbl
        for n, cut in enumerate(cuts):
            end = cuts[n + 1] if n + 1 < len(cuts) else len(rows)
            part = copy.deepcopy(tbl)
            for tr in part.findall(_TR):
                part.remove(tr)
            for tr in heads:
                head = copy.deepcopy(tr)
                for p in head.iter(_P):
                    keep_with_next(p)  # the repeated header never ends a page on its own
                part.append(head)
            moved = rows[cut:end]
            for tr in moved:
                part.append(tr)
            # the part before ends here: its last row need not keep with what follows now
            for p in rows[cut - 1].iter(_P):
                ppr = p.find(_PPR)
                keep = ppr.find(W + "keepNext") if ppr is not None else None
                if keep is not None:
                    ppr.remove(keep)
            para = OxmlElement("w:p")
            ppr = caption.find(_PPR) if number else None
            if ppr is not None:
                para.append(copy.deepcopy(ppr))
            elif caption_style:
                style = OxmlElement("w:pStyle")
                style.set(qn("w:val"), caption_style)
                para.get_or_add_pPr().append(style)
            keep_with_next(para)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = f"{number} {label}".strip()
            run.append(text)
            para.append(run)
            current.addnext(para)
            para.addnext(part)
            current = part
            made += 1
    return made


def document_language(doc) -> str:
    """The document's default proofing language, e.g. "id-ID" ("" when it names none)."""
    el = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return (el.get(_VAL) or "") if el is not None else ""


def bookmark_names(doc) -> list[str]:
    """The name of every bookmark in the body."""
    return [el.get(qn("w:name")) or "" for el in doc.element.body.iter(_BM_START)]

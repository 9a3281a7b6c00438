"""Tables of contents and caption numbers that are right in Word *and* in LibreOffice's PDF.

What Word writes: a TOC is a field (``w:fldChar`` begin, ``w:instrText`` " TOC \\o "1-3" ...",
separate, the entries as field result, end). Word rebuilds the result when fields are updated;
LibreOffice does not rebuild it on conversion, and ignores page references inside it, so a PDF
would show the placeholder text. Captions number themselves with ``SEQ Tabel`` fields whose
stored result is whatever the template had ("1" in every copy made by a loop).

What we write after rendering: the TOC field is replaced by its entries, one paragraph each
(style "TOC 1".."TOC 3", right tab with dot leader), each ending in a ``PAGEREF`` field to a
bookmark placed on the heading or caption. A TOC field Word has already updated spans several
paragraphs (begin and first entry in the first, one entry per paragraph, the end in the last):
it is replaced whole. Both Word (fields are refreshed on opening) and LibreOffice (page
references are computed at layout) then print the right page numbers; the SEQ results are
renumbered in document order so captions read right before any refresh. The page numbers the
entries store are "1" until a layout says better (:mod:`evalreport.word.pages`).
"""
from __future__ import annotations

import copy
import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ..charts.text import text_width
from .layout import style_sizes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOC_RE = re.compile(r"^\s*TOC\b(.*)$", re.S)
_SEQ_RE = re.compile(r"^\s*SEQ\s+(\S+)")
_HEADING_ID_RE = re.compile(r"(?i)heading\s?(\d)")
_HEADING_NAME_RE = re.compile(r"(?i)heading (\d)")

# Qualified names worked out once: these are compared against every element of the body.
_PPR, _PSTYLE, _VAL, _R = W + "pPr", W + "pStyle", W + "val", W + "r"
_T, _INSTR_TEXT, _FLD_CHAR, _FLD_SIMPLE = W + "t", W + "instrText", W + "fldChar", W + "fldSimple"
_FLD_CHAR_TYPE, _INSTR = W + "fldCharType", W + "instr"
_STYLE, _STYLE_ID, _NAME, _OUTLINE_LVL = W + "style", W + "styleId", W + "name", W + "outlineLvl"

_NS = {"w": W[1:-1]}
# Paragraphs with a field instruction: the only ones that can be a TOC or hold a SEQ field.
_WITH_FIELDS = etree.XPath(".//w:p[.//w:instrText or .//w:fldSimple]", namespaces=_NS)
# The style ids paragraphs use (as _style reads them: the first pPr's first pStyle).
_STYLES_USED = etree.XPath(".//w:p/w:pPr[1]/w:pStyle[1]/@w:val", namespaces=_NS, smart_strings=False)


@dataclass(frozen=True)
class TocStyles:
    """What the table of contents needs from the style definitions: the heading styles with
    their level, and which style ids exist. It depends on the template only (rendering does
    not touch the styles), so a caller may work it out once per template."""

    levels: dict[str, int]
    ids: frozenset[str]
    sizes: dict[str, float] = field(default_factory=dict)  # paragraph style id -> font size (pt)

    def entry_size(self, level: int) -> float:
        """The font size of an entry at ``level`` (its style's, else the document's, else 11)."""
        return self.sizes.get(f"TOC{level}", self.sizes.get("", 11.0))


def toc_styles(doc) -> TocStyles:
    """The :class:`TocStyles` of a python-docx document."""
    root = doc.styles.element
    styles = list(root.iter(_STYLE))
    return TocStyles(_outline_levels(styles), frozenset(s.get(_STYLE_ID) for s in styles),
                     style_sizes(root))


def _instr_text(p) -> str:
    return "".join(p.itertext(_INSTR_TEXT, with_tail=False))


def _style(p) -> str:
    ps = p.find(_PPR)
    st = ps.find(_PSTYLE) if ps is not None else None
    return st.get(_VAL) if st is not None else ""


def _text(p) -> str:
    """Visible text, field results included, instructions excluded."""
    return "".join(p.itertext(_T, with_tail=False))


def _heading_level(style_id: str, styles: dict[str, int]) -> int | None:
    if style_id in styles:
        return styles[style_id]
    m = _HEADING_ID_RE.fullmatch(style_id)
    return int(m.group(1)) if m else None


def _outline_levels(styles: list) -> dict[str, int]:
    """Style ids whose paragraphs are headings, with their level (from the style definitions)."""
    out: dict[str, int] = {}
    for s in styles:
        sid = s.get(_STYLE_ID) or ""
        name_el = s.find(_NAME)
        name = (name_el.get(_VAL) if name_el is not None else "") or ""
        m = _HEADING_NAME_RE.fullmatch(name)
        if m:
            out[sid] = int(m.group(1))
            continue
        ppr = s.find(_PPR)
        lvl = ppr.find(_OUTLINE_LVL) if ppr is not None else None
        if lvl is not None and lvl.get(_VAL) is not None:
            out[sid] = int(lvl.get(_VAL)) + 1
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


def _entry(text: str, bookmark: str, level: int, width: int, style_ids: AbstractSet[str],
           size: float = 11.0):
    """One line of a table of contents: ``text``, a dot leader and the page of ``bookmark``.

    A copy of the line made once per level and width, with the text and page reference put
    in (building its twenty elements one by one for every line cost more than the rest of
    the table of contents). An entry whose last line leaves no room for its page number ends
    that line one word early (:func:`_last_word_apart`), so the number stays on the entry's
    own last line and never stands alone under it."""
    p = copy.deepcopy(_entry_line(level, width, f"TOC{level}" in style_ids))
    text_run, _tab, _begin, instr_run, *_ = p.iterchildren(_R)
    head, tail = _last_word_apart(text, (width - _INDENT * (level - 1)) / 20, size)
    text_run[0].text = head
    if tail:
        text_run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.text = tail
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text_run.append(t)
    instr_run[0].text = f" PAGEREF {bookmark} \\h "
    return p


_INDENT = 360  # twips an entry is indented per level (as the bundled TOC styles, about)


def _last_word_apart(text: str, width: float, size: float) -> tuple[str, str]:
    """``text`` laid in lines ``width`` points wide (words moved to the next line as Word
    does); when its last line leaves no room for a dot leader and a page number (Word and
    LibreOffice would then put them alone on a line of their own), the text before its last
    word and that word (to go on a new line); else ``(text, "")``."""
    words = text.split(" ")
    if len(words) < 2 or text_width(text, size) + _room(size) <= width:
        return text, ""
    line = ""
    for word in words:  # the last line, as Word fills them
        wider = f"{line} {word}" if line else word
        line = wider if text_width(wider, size) <= width else word
    if " " not in line or text_width(line, size) + _room(size) <= width:
        return text, ""
    body = text.rstrip(" ")  # spaces at the end stay with the last word
    head, _, tail = body.rpartition(" ")
    return (head, tail + text[len(body):]) if head and tail else (text, "")


@functools.lru_cache(maxsize=8)
def _room(size: float) -> float:
    """Points a page number (three digits or a roman number) and a few leader dots take."""
    return text_width(" ...viii", size)


@functools.lru_cache(maxsize=32)
def _entry_line(level: int, width: int, styled: bool):
    """The line :func:`_entry` copies, with empty text and page reference; ``styled``: the
    document has the style "TOC <level>" (else the line is indented by hand). Never changed."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    sid = f"TOC{level}"
    if styled:
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
    if not styled:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(360 * (level - 1)))
        ppr.append(ind)
    p.append(ppr)
    p.append(_run(""))
    p.append(_run(None, "w:tab"))
    p.append(_run(None, "w:fldChar", **{"w:fldCharType": "begin"}))
    p.append(_instr(""))
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
    state: list = []  # stack of [instr, in_result, label, result_written]
    for el in body.iter(_FLD_CHAR, _INSTR_TEXT, _T, _FLD_SIMPLE):
        tag = el.tag
        if tag == _T:  # by far the most common: text matters only inside a SEQ result
            if state and state[-1][1] and state[-1][2] is not None:
                el.text = "" if state[-1][3] else state[-1][2]
                state[-1][3] = True
        elif tag == _FLD_CHAR:
            kind = el.get(_FLD_CHAR_TYPE)
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
        elif tag == _INSTR_TEXT:
            if state and not state[-1][1]:
                state[-1][0] += el.text or ""
        else:  # w:fldSimple
            m = _SEQ_RE.match(el.get(_INSTR) or "")
            if m:
                counters[m.group(1)] = counters.get(m.group(1), 0) + 1
                ts = list(el.iter(_T))
                if ts:
                    ts[0].text = str(counters[m.group(1)])
                    for t in ts[1:]:
                        t.text = ""


def _seq_labels(p) -> set[str]:
    """The labels of the SEQ fields in a paragraph ("Tabel", "Gambar")."""
    seqs = {m.group(1) for i in p.iter(_INSTR_TEXT) if (m := _SEQ_RE.match(i.text or ""))}
    seqs |= {m.group(1) for f in p.iter(_FLD_SIMPLE) if (m := _SEQ_RE.match(f.get(_INSTR) or ""))}
    return seqs


def _xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat('" + text.replace("'", "', \"'\", '") + "')"


@functools.lru_cache(maxsize=32)
def _candidates_query(heading_ids: tuple[str, ...], unstyled_heading: bool) -> etree.XPath:
    """Paragraphs in one of the ``heading_ids`` styles (or with no style, when that makes a
    heading), or with a field; in document order."""
    tests = [f"@w:val={_xpath_literal(sid)}" for sid in heading_ids]
    styled = f"w:pPr[1]/w:pStyle[1][{' or '.join(tests)}]" if tests else "false()"
    unstyled = " or not(w:pPr[1]/w:pStyle[1]/@w:val) or w:pPr[1]/w:pStyle[1]/@w:val=''" \
        if unstyled_heading else ""
    return etree.XPath(f".//w:p[{styled}{unstyled} or .//w:instrText or .//w:fldSimple]",
                       namespaces=_NS)


def _candidates(body, levels: dict[str, int]) -> list:
    """Every paragraph that may be a heading or hold a SEQ field (and a few that turn out not
    to be), found by XPath rather than by reading each paragraph's style in Python."""
    heading_ids = sorted({sid for sid in _STYLES_USED(body) if _heading_level(sid, levels) is not None})
    return _candidates_query(tuple(heading_ids), "" in levels)(body)


def _entry_sources(body, skip: AbstractSet, levels: dict[str, int]) -> list[tuple]:
    """What each paragraph that can be listed is, worked out once: (paragraph, text, heading
    level, SEQ labels). A paragraph that is neither a heading nor holds a SEQ field is never
    an entry, so only :func:`_candidates` are looked at."""
    facts = []
    for p in _candidates(body, levels):
        if p in skip:
            continue
        level = _heading_level(_style(p), levels)
        seqs = _seq_labels(p)
        if level is None and not seqs:
            continue
        text = _text(p).strip()
        if text:
            facts.append((p, text, level, seqs))
    return facts


@dataclass
class _TocField:
    """A TOC field: its switches and where it stands. Word writes it in one paragraph (begin,
    instruction, separate, a placeholder, end: as the templates have it) or, once it has been
    updated, over several: the begin and the first entry in the first paragraph, one entry per
    paragraph, and the end in the last one (or in a paragraph of its own)."""

    switches: str
    nodes: list            # the body children it spans, first to last
    begin: object          # its w:fldChar begin and end
    end: object


def _walk(node):
    """(body child, w:fldChar or w:instrText) from ``node`` on, through its following siblings."""
    while node is not None:
        for el in node.iter(_FLD_CHAR, _INSTR_TEXT):
            yield node, el
        node = node.getnext()


def _toc_field(p) -> _TocField | None:
    """The TOC field that begins in paragraph ``p`` (at the top level, not nested), followed to
    its end however many paragraphs it spans; None if there is none, or it never ends."""
    depth, instr, begin, collecting = 0, "", None, False
    for node, el in _walk(p):
        if depth == 0 and node is not p:
            return None  # every field of p is closed: no TOC began in it
        if el.tag == _INSTR_TEXT:
            if depth == 1 and collecting:
                instr += el.text or ""
            continue
        kind = el.get(_FLD_CHAR_TYPE)
        if kind == "begin":
            depth += 1
            if depth == 1:
                begin, instr, collecting = (node, el), "", True
        elif kind == "separate" and depth == 1:
            collecting = False
        elif kind == "end" and depth > 0:
            depth -= 1
            m = _TOC_RE.match(instr) if depth == 0 else None
            if m and begin is not None:
                nodes, n = [], begin[0]
                while n is not None:
                    nodes.append(n)
                    if n is node:
                        break
                    n = n.getnext()
                return _TocField(m.group(1), nodes, begin[1], el)
    return None


def _top(el, node):
    """The child of ``node`` that holds ``el``."""
    while el.getparent() is not node:
        el = el.getparent()
    return el


_CONTENT = etree.XPath("boolean(.//w:t[normalize-space()] or .//w:drawing or .//w:pict "
                       "or .//w:object)", namespaces=_NS)
_MARKS = (W + "bookmarkStart", W + "bookmarkEnd")


def _replace_field(field: _TocField, new: list) -> None:
    """Put ``new`` paragraphs where the field stood: every paragraph it spans goes, but for
    text before its begin or after its end, which stays in a paragraph of its own. A bookmark
    whose other half is outside the field is kept (Word would find it unbalanced)."""
    first, last = field.nodes[0], field.nodes[-1]
    parent = first.getparent()
    b, e = _top(field.begin, first), _top(field.end, last)
    if first is last:  # what follows the end moves to a paragraph of its own, after the entries
        kids = list(first)
        after = kids[kids.index(e) + 1:]
        last = copy.deepcopy(first)
        for k in list(last):
            if k.tag != _PPR:
                last.remove(k)
        for k in after:
            last.append(k)
        first.addnext(last)
        removed = kids[kids.index(b):kids.index(e) + 1]
    else:
        kids = list(first)
        removed = kids[kids.index(b):] + list(field.nodes[1:-1])
        kids = [k for k in last if k.tag != _PPR]
        removed += kids[:kids.index(e) + 1]
    marks = [m for x in removed for m in ([x] if x.tag in _MARKS else x.iter(*_MARKS))]
    halves: dict = {}
    for m in marks:
        halves.setdefault(m.get(qn("w:id")), []).append(m)
    for x in removed:
        x.getparent().remove(x)
    # a bookmark whose other half is outside the field stays, in the first new paragraph
    for m in (m for group in halves.values() if len(group) == 1 for m in group):
        if m.getparent() is not None:
            m.getparent().remove(m)
        new[0].insert(1 if new[0].find(_PPR) is not None else 0, m)
    for p, into in ((first, new[0]), (last, new[-1])):
        if p.tag == W + "p" and not _CONTENT(p):
            for m in list(p.iter(*_MARKS)):
                into.append(m)
    keep_first = first.tag != W + "p" or _CONTENT(first)
    keep_last = last.tag != W + "p" or _CONTENT(last)
    anchor = first if keep_first else first.getprevious()
    for p, keep in ((first, keep_first), (last, keep_last)):
        if not keep and p.getparent() is not None:
            parent.remove(p)
    for el in reversed(new):
        if anchor is not None:
            anchor.addnext(el)
        else:
            parent.insert(0, el)


def _taken_bookmarks(body) -> tuple[set[str], int]:
    """The bookmark names in use and the largest id, so that new ones never clash with them
    (a document made by evalreport may be used as a template again)."""
    names, top = set(), 0
    for el in body.iter(W + "bookmarkStart"):
        names.add(el.get(qn("w:name")) or "")
        try:
            top = max(top, int(el.get(qn("w:id")) or 0))
        except ValueError:
            pass
    return names, top


def fill_tables_of_contents(doc, styles: TocStyles | None = None) -> int:
    """Replace each TOC field of the body by its entries; returns the number of entries.

    A field Word has updated, which spans several paragraphs, is replaced whole: its old
    entries go with it. ``styles``: the document's :class:`TocStyles` when the caller has them
    already (they are read from ``doc`` otherwise, and only when there is a TOC)."""
    body = doc.element.body
    _renumber_seq(body)
    fields: list[_TocField] = []
    spanned: set = set()
    for p in _WITH_FIELDS(body):
        if p in spanned or "TOC" not in _instr_text(p):
            continue
        found = _toc_field(p)
        if found is not None:
            fields.append(found)
            spanned.update(n for node in found.nodes for n in node.iter(W + "p"))
    if not fields:
        return 0
    styles = styles or toc_styles(doc)
    width = _text_width(body)
    taken, ident = _taken_bookmarks(body)
    ident = max(ident, 900000)
    marks: dict[int, str] = {}  # id(paragraph) -> bookmark name
    total = 0

    def mark(p) -> str:
        nonlocal ident
        if id(p) not in marks:
            ident += 1
            while f"_Toc{ident}" in taken:
                ident += 1
            marks[id(p)] = f"_Toc{ident}"
            _bookmark(p, marks[id(p)], ident)
        return marks[id(p)]

    facts = _entry_sources(body, spanned, styles.levels)
    for toc in fields:
        caption = re.search(r'\\c\s+"([^"]+)"', toc.switches)
        outline = re.search(r'\\o\s+"(\d)-(\d)"', toc.switches)
        lo, hi = (int(outline.group(1)), int(outline.group(2))) if outline else (1, 3)
        if caption:
            entries = [(text, p, 1) for p, text, _, seqs in facts if caption.group(1) in seqs]
        else:
            entries = [(text, p, level) for p, text, level, _ in facts
                       if level is not None and lo <= level <= hi]
        new = [_entry(text, mark(p), level, width, styles.ids, styles.entry_size(level))
               for text, p, level in entries]
        if not new:
            empty = OxmlElement("w:p")
            empty.append(_run("–"))
            new = [empty]
        _replace_field(toc, new)
        total += len(entries)
    return total

"""How a rendered document falls on its pages: what rendering sets so that Word and LibreOffice
break pages well, whatever the data.

* **No table row alone on a page**: a table's second-to-last body row keeps with the last
  ("keep with next" on its paragraphs, which Word and LibreOffice both honour in a table row),
  so the last row never stands alone at the top of a page. The first row is not kept with the
  second: LibreOffice then keeps the whole table together, moving a long table to the next
  page; a table's first rows are kept with its caption and the text that introduces it, so
  they do not end a page alone.
* **No empty last section**: a template may end a section inside a condition (the landscape
  pages of an action plan end only when portrait pages follow them); when what would follow
  is left out, the last section would be empty, and Word and LibreOffice print an empty page
  for it. Its properties are given to the section before it instead.
* **No number or code cut at a random letter**: a word too long for its table column (a
  decree number ``188.45/112/KPTS/433.013/2024``, a large sum ``Rp12.463.335.063``, a web
  address) is broken by Word and LibreOffice wherever the column ends, mid-number. Such a
  word, and only a word wider than its cell, gets a zero-width break opportunity after each
  slash and between the currency and the amount, so a line can end there instead. Words that
  fit (a letter number in the letter's heading, a sum in the budget column) are left as they
  are, so copying them out of the document gives the plain text.
"""
from __future__ import annotations

import re

from lxml import etree

from ..charts.text import text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _PPR, _SECT_PR = W + "p", W + "tbl", W + "tr", W + "pPr", W + "sectPr"
_TR_PR, _TBL_HEADER, _KEEP_NEXT, _VAL = W + "trPr", W + "tblHeader", W + "keepNext", W + "val"
_OFF = ("0", "false", "off")
ZWSP = "\u200b"  # zero width space: a line may end here (Word and LibreOffice), nothing shows
_LONG_WORD = re.compile(r"[^\s\u200b]{10,}")  # shorter words fit the narrowest column
_TC, _TC_PR, _TC_W, _T = W + "tc", W + "tcPr", W + "tcW", W + "t"
_CELL_MARGINS = 216  # twips: Word's default cell margins, left and right
_SIZE = 11.0  # points: a text's size when neither its run nor its style says
_R, _R_PR, _SZ, _P_STYLE = W + "r", W + "rPr", W + "sz", W + "pStyle"
_UNKNOWN = 96.0  # points taken as a cell's room when its width is not given in twips
# texts that may hold a word to open: one walk over the texts (".//w:tc//w:t[...]", the cells'
# texts, is evaluated in quadratic time by libxml2: minutes for a national summary's tables)
_SLASH_OR_SUM = etree.XPath(".//w:t[contains(., '/') or contains(., 'Rp')]",
                            namespaces={"w": W[1:-1]}, smart_strings=False)
_BREAK = re.compile(r"(?<=/)(?=[^/\s\u200b])|(?<=^Rp)(?=\d)")


def is_header_row(tr) -> bool:
    """A row Word repeats at the top of every page the table runs onto (w:tblHeader)."""
    pr = tr.find(_TR_PR)
    el = pr.find(_TBL_HEADER) if pr is not None else None
    return el is not None and el.get(_VAL, "true") not in _OFF


def keep_with_next(p) -> None:
    """Set "keep with next" on a paragraph (w:keepNext, in its schema place)."""
    ppr = p.get_or_add_pPr()
    el = ppr.find(_KEEP_NEXT)
    if el is None:
        ppr.get_or_add_keepNext()
    else:
        el.attrib.pop(_VAL, None)


def keep_rows_together(body) -> int:
    """Keep each table's second-to-last body row with its last, so that no page begins with
    a table's last row alone (header rows repeat and do not count). Tables inside tables are
    left as they are. Returns the number of tables seen to."""
    done = 0
    for tbl in body.iter(_TBL):
        if tbl.getparent() is not None and tbl.getparent().tag == W + "tc":
            continue
        rows = [tr for tr in tbl.iterchildren(_TR) if not is_header_row(tr)]
        if len(rows) < 2:
            continue
        for p in rows[-2].iter(_P):
            keep_with_next(p)
        done += 1
    return done


def drop_empty_last_section(body) -> bool:
    """When nothing follows the last section break but the document's closing section
    properties, the last section is empty: the break's properties become the document's
    closing ones and the break's paragraph goes (when it holds nothing else). Returns whether
    a section was dropped."""
    kids = [k for k in body if k.tag != _SECT_PR]
    if not kids or kids[-1].tag != _P:
        return False
    last = kids[-1]
    ppr = last.find(_PPR)
    sect = ppr.find(_SECT_PR) if ppr is not None else None
    if sect is None:
        return False
    closing = body.find(_SECT_PR)
    ppr.remove(sect)
    # the empty section printed no page: its own headers and footers go with it
    if closing is not None:
        body.replace(closing, sect)
    else:
        body.append(sect)
    if not "".join(last.itertext(W + "t")).strip() and last.find(f".//{W}drawing") is None:
        body.remove(last)
    return True


def _room(tc) -> float:
    """Points of text a cell holds on a line (its width less Word's default margins)."""
    pr = tc.find(_TC_PR)
    w = pr.find(_TC_W) if pr is not None else None
    try:
        if w is not None and w.get(W + "type", "dxa") == "dxa":
            return (int(w.get(W + "w")) - _CELL_MARGINS) / 20
    except (TypeError, ValueError):
        pass
    return _UNKNOWN


def _points(rpr) -> float | None:
    sz = rpr.find(_SZ) if rpr is not None else None
    try:
        return int(sz.get(_VAL)) / 2 if sz is not None else None
    except (TypeError, ValueError):
        return None


def style_sizes(styles) -> dict[str, float]:
    """The font size of each paragraph style of a styles part (through the styles it is based
    on), and the document's default under the key ""."""
    own: dict[str, tuple[float | None, str | None]] = {}
    for st in styles.iter(W + "style"):
        based = st.find(W + "basedOn")
        own[st.get(W + "styleId") or ""] = (_points(st.find(_R_PR)),
                                            based.get(_VAL) if based is not None else None)
    default = _points(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")) or _SIZE
    out = {"": default}
    for sid in own:
        size, seen, at = None, set(), sid
        while size is None and at in own and at not in seen:
            seen.add(at)
            size, at = own[at]  # type: ignore[assignment]
        out[sid] = size or default
    return out


def _size(t, sizes: dict[str, float]) -> float:
    """Points a text element is set in: its run's size, else its paragraph style's."""
    run = t.getparent()
    size = _points(run.find(_R_PR)) if run is not None and run.tag == _R else None
    if size:
        return size
    p = next(t.iterancestors(_P), None)
    ppr = p.find(_PPR) if p is not None else None
    st = ppr.find(_P_STYLE) if ppr is not None else None
    return sizes.get(st.get(_VAL) if st is not None else "Normal", sizes.get("", _SIZE))


def open_long_words(body, sizes: dict[str, float] | None = None) -> int:
    """Let a word too wide for its table cell end a line after a slash or between ``Rp`` and
    its amount (see the module documentation); ``sizes``: the paragraph styles' font sizes
    (:func:`style_sizes`), else every text is taken as 11 pt. Returns the number of texts
    changed."""
    done = 0
    for t in _SLASH_OR_SUM(body):
        text = t.text or ""
        if _LONG_WORD.search(text) is None:
            continue
        tc = next(t.iterancestors(_TC), None)
        if tc is None:  # not in a table
            continue
        room = _room(tc)
        size = _size(t, sizes or {})

        def opened(m: re.Match, room: float = room, size: float = size) -> str:
            word = m.group(0)
            return _BREAK.sub(ZWSP, word) if text_width(word, size) > room else word

        new = _LONG_WORD.sub(opened, text)
        if new != text:
            t.text = new
            done += 1
    return done

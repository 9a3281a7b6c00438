#!/usr/bin/env python
"""Build the default Word templates of evalreport into ``templates/``.

    python scripts/build_templates.py            # writes the four templates
    python scripts/build_templates.py --out DIR  # somewhere else (tests, previews)

The templates are ordinary Word documents that a secretariat can open, read and edit in
Microsoft Word or LibreOffice: Word's built-in styles (Title, Heading 1-3, Caption, List Bullet,
List Number, Table Grid) so that the navigation pane and the table of contents work, Arial 11 pt,
A4 paper with margins of 3 cm left and 2.5 cm elsewhere. Two sets from one layout: Indonesian
in ``templates/`` and English in ``templates/en/``, whose words (and own style names) come
from ``scripts/template_words.py``.

The Jinja tags (docxtpl syntax) come from the template context documented in
``evalreport/context.py`` (``SCHEMA``; the regional summary uses ``SUMMARY_SCHEMA`` in
``evalreport/summary.py``). Each tag is typed whole inside one run and marked "no proofing", so
Word does not split it; a paragraph that holds only a control tag (``{%p for ... %}``) is set in the
"Kode Templat" style (small, grey) so staff can tell code from text, and it disappears on render.

The output is deterministic: the same bytes on every run (fixed core properties and zip
timestamps), so a change in the templates shows up only when this script changes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from template_words import ENGLISH, ENGLISH_STYLES

ROOT = Path(__file__).resolve().parent.parent
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

FONT = "Arial"
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)
CODE_COLOUR = RGBColor(0x7F, 0x7F, 0x7F)
HEADER_FILL = "D9D9D9"   # table header rows: light grey, prints well in black and white
LABEL_FILL = "F2F2F2"    # label column of the finding tables

# A4, margins 3 cm left (binding) and 2.5 cm elsewhere. On landscape pages the binding edge is
# the top, so the top margin is the 3 cm one; the text block is 24.7 cm wide.
PAGE_W, PAGE_H = 21.0, 29.7
MARGIN_BIND, MARGIN = 3.0, 2.5
TEXT_W = PAGE_W - MARGIN_BIND - MARGIN          # 15.5 cm
TEXT_W_LANDSCAPE = PAGE_H - 2 * MARGIN          # 24.7 cm
SIGNATURE_W = 8.0                               # width of the signature column

NOT_FILLED = "Bagian ini belum diisi dalam data evaluasi."
PLACEHOLDER_TOC = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar isi."
PLACEHOLDER_TABLES = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar tabel."
PLACEHOLDER_FIGURES = "Klik kanan lalu pilih Perbarui Bidang (Update Field) untuk memperbarui daftar gambar."

# At most this many region names (about three lines) keep with the table that follows them.
SHORT_NAME_LIST = 12
CHARTS = ("capaian", "target_realisasi", "tren", "perbandingan")  # grafik.* pictures
_TAG = re.compile(r"{[{%#]")
_TAGS = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})")


# =========================================================================== language

# The language the templates are being built in. The builder is written with the Indonesian
# words; an English build looks every text it writes up in ``template_words.ENGLISH`` (a run
# as a whole, else each stretch of text between its tags), so that both sets share one
# layout. A text with no English is collected in MISSING and fails the build.
LANG = "id"
MISSING: list[str] = []
_ENGLISH_WORDS = set(ENGLISH.values())


def word(text: str) -> str:
    """``text`` in the language being built (the Indonesian text itself for ``id``)."""
    if LANG == "id" or not re.search(r"[A-Za-z]", _TAGS.sub("", text)):
        return text
    if text in ENGLISH:
        return ENGLISH[text]
    if not _TAGS.search(text):
        core = text.strip()
        if core in _ENGLISH_WORDS:  # written in English already (a caption's translated label)
            return text
        if core in ENGLISH:
            return text[:len(text) - len(text.lstrip())] + ENGLISH[core] + text[len(text.rstrip()):]
        MISSING.append(text)
        return text
    return "".join(part if _TAGS.fullmatch(part) else word(part) for part in _TAGS.split(text))


def style_name(name: str) -> str:
    """The name of one of our own styles (Teks Tabel, Kode Templat, ...) in the language being
    built; Word's built-in styles keep their names (Word shows them in its own language)."""
    return ENGLISH_STYLES.get(name, name) if LANG == "en" else name


# =========================================================================== text and runs

@dataclass(frozen=True)
class Txt:
    """A run of text with its direct formatting (a tag must be a whole run)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    colour: RGBColor | None = None


def B(text: str, **kw) -> Txt:
    return Txt(text, bold=True, **kw)


def I(text: str, **kw) -> Txt:  # noqa: E743 - "italic", as in Word's toolbar
    return Txt(text, italic=True, **kw)


def small(text: str, **kw) -> Txt:
    return Txt(text, size=kw.pop("size", 8), **kw)


RunSpec = str | Txt
ParSpec = RunSpec | tuple       # one run, or a tuple of runs making one paragraph


def is_control(runs: Iterable[RunSpec]) -> bool:
    """A paragraph made of a single docxtpl paragraph tag ({%p ...%}); it vanishes on render."""
    texts = [r.text if isinstance(r, Txt) else r for r in runs]
    return len(texts) == 1 and texts[0].startswith("{%p ")


def add_run(par: Paragraph, spec: RunSpec) -> None:
    t = spec if isinstance(spec, Txt) else Txt(spec)
    run = par.add_run(word(t.text))
    if t.bold:
        run.bold = True
    if t.italic:
        run.italic = True
    if t.underline:
        run.underline = True
    if t.size:
        run.font.size = Pt(t.size)
    if t.colour is not None:
        run.font.color.rgb = t.colour
    if _TAG.search(t.text):
        # No spell check inside tags: Word would otherwise split them with w:proofErr marks.
        run.font.no_proof = True


def _new_paragraph(container) -> Paragraph:
    """A new paragraph at the end of ``container``; a fresh cell's empty paragraph is reused."""
    if isinstance(container, _Cell):
        pars = container.paragraphs
        if len(pars) == 1 and not pars[0].runs and pars[0]._p.pPr is None:
            return pars[0]
    return container.add_paragraph()


def write(container, *runs: RunSpec, style: str | None = None, align=None,
          keep_next: bool | None = None, before: float | None = None, after: float | None = None,
          page_break_before: bool | None = None) -> Paragraph:
    """Add one paragraph made of ``runs``. A lone ``{%p ...%}`` tag gets the code style."""
    par = _new_paragraph(container)
    if style is None and is_control(runs):
        style = "Kode Templat"
    if style:
        par.style = style_name(style)
    for r in runs:
        add_run(par, r)
    set_format(par.paragraph_format, align=align, keep_next=keep_next, before=before, after=after,
               page_break_before=page_break_before)
    return par


def set_format(fmt, *, align=None, before: float | None = None, after: float | None = None,
               line: float | None = None, keep_next: bool | None = None,
               page_break_before: bool | None = None) -> None:
    """Set what is given on a paragraph's or a style's paragraph format; leave the rest."""
    if align is not None:
        fmt.alignment = align
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if keep_next is not None:
        fmt.keep_with_next = keep_next
    if page_break_before is not None:
        fmt.page_break_before = page_break_before


def intro(container, *runs: RunSpec, **kw) -> Paragraph:
    """A short paragraph that introduces what follows it (a list, a table, the first
    subsection): it keeps with the next paragraph, so that a heading and its introduction never
    end a page with the content they announce on the next one. Keep-with-next chains (heading,
    introduction, caption, table), so only for a few lines: a long paragraph that keeps with
    the next cannot split, and LibreOffice moves it whole to the next page."""
    return write(container, *runs, keep_next=True, **kw)


def tag(container, jinja: str) -> Paragraph:
    """A paragraph holding one docxtpl paragraph tag, e.g. ``{%p for k in ringkasan.kalimat %}``."""
    assert jinja.startswith("{%p "), jinja
    return write(container, jinja)


def heading(doc, level: int, *runs: RunSpec, page_break_before: bool | None = None) -> Paragraph:
    return write(doc, *runs, style=f"Heading {level}", page_break_before=page_break_before)


def bullets(doc, loop: str, *runs: RunSpec, style: str = "List Bullet", num_id: int | None = None) -> None:
    """A list item repeated by a paragraph loop: ``{%p for x in xs %}`` item ``{%p endfor %}``."""
    tag(doc, "{%p " + loop + " %}")
    par = write(doc, *runs, style=style)
    if num_id is not None:
        set_numbering(par, num_id)
    tag(doc, "{%p endfor %}")


def page_break(doc) -> None:
    par = doc.add_paragraph()
    par.add_run().add_break(WD_BREAK.PAGE)


# =========================================================================== low-level XML

def _el(tag_name: str, **attrs: str):
    el = OxmlElement(tag_name)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _replace_child(parent, child, successors: tuple[str, ...]) -> None:
    """Put ``child`` into ``parent`` replacing one of the same tag, keeping schema order."""
    old = parent.find(child.tag)
    if old is not None:
        parent.remove(old)
    parent.insert_element_before(child, *successors)


def field(par: Paragraph, instruction: str, placeholder: str = "", dirty: bool = False,
          size: float | None = None) -> None:
    """A complex field (begin / instruction / separate / result / end), as Word writes it."""
    def run(*children, text: str | None = None):
        r = par.add_run(text) if text is not None else par.add_run()
        if size:
            r.font.size = Pt(size)
        for c in children:
            r._r.append(c)
        return r

    begin = _el("w:fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")  # Word refreshes the field when the document opens
    run(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    # a list of captions names their SEQ label, in the document's language
    instr.text = " " + re.sub(r'\\c "(\w+)"', lambda m: f'\\c "{word(m.group(1))}"', instruction) + " "
    run(instr)
    run(_el("w:fldChar", fldCharType="separate"))
    run(text=word(placeholder))
    run(_el("w:fldChar", fldCharType="end"))


def paragraph_border(par: Paragraph, edge: str, val: str = "single", sz: int = 4, space: int = 1) -> None:
    pPr = par._p.get_or_add_pPr()
    pbdr = pPr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        pPr.insert_element_before(pbdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                                  "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                                  "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                                  "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                                  "w:rPr", "w:sectPr", "w:pPrChange")
    pbdr.append(_el(f"w:{edge}", val=val, sz=str(sz), space=str(space), color="auto"))


def set_numbering(par: Paragraph, num_id: int) -> None:
    numPr = par._p.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_ilvl().val = 0
    numPr.get_or_add_numId().val = num_id


def restarted_list(doc, style: str = "List Number") -> int:
    """A new numbering instance of ``style``'s list that starts again at 1.

    Every "List Number" paragraph shares one list, so a second list would go on 4, 5, 6;
    giving each list its own w:num with a start override makes each start at 1."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(0).add_startOverride(1)
    return num.numId


# =========================================================================== tables

def new_table(container, widths_cm: list[float], rows: int = 0, style: str | None = "Table Grid",
              align=WD_TABLE_ALIGNMENT.CENTER) -> Table:
    """A table with fixed column widths (Word and LibreOffice both honour them)."""
    if isinstance(container, _Cell):
        raise ValueError("no nested tables: Word reports them as unreadable after rendering")
    if hasattr(container, "add_table") and isinstance(container, DocumentObject):
        table = container.add_table(rows=rows, cols=len(widths_cm))
    else:
        table = container.add_table(rows, len(widths_cm), Cm(sum(widths_cm)))
    if style:
        table.style = style
    table.alignment = align
    table.autofit = False
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.insert_element_before(tblW, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                                    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    tblW.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    tblW.set(qn("w:type"), "dxa")
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    table._widths = widths_cm  # type: ignore[attr-defined]
    return table


def add_row(table: Table) -> _Row:
    row = table.add_row()
    for cell, w in zip(row.cells, table._widths):  # type: ignore[attr-defined]
        cell.width = Cm(w)
    return row


def row_props(row: _Row, cant_split: bool = True, header: bool = False) -> None:
    """Rows never split across pages; header rows repeat on every page (w:tblHeader)."""
    trPr = row._tr.get_or_add_trPr()
    if cant_split and trPr.find(qn("w:cantSplit")) is None:
        trPr.insert_element_before(_el("w:cantSplit"), "w:trHeight", "w:tblHeader",
                                   "w:tblCellSpacing", "w:jc", "w:hidden")
    if header and trPr.find(qn("w:tblHeader")) is None:
        trPr.insert_element_before(_el("w:tblHeader"), "w:tblCellSpacing", "w:jc", "w:hidden")


def shade(cell: _Cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    _replace_child(tcPr, _el("w:shd", val="clear", color="auto", fill=fill),
                   ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"))


def make_room_for_cellbg(cell: _Cell) -> None:
    """docxtpl writes the {% cellbg %} shading as the *first* child of w:tcPr, but the schema
    wants w:shd after w:tcW, w:gridSpan, w:vMerge and w:tcBorders (Word may refuse the file
    otherwise). So a shaded cell keeps none of those: its width comes from the table grid, and
    a w:vAlign (which follows w:shd) keeps w:tcPr non-empty, which docxtpl needs to find it."""
    tcPr = cell._tc.get_or_add_tcPr()
    for tag_name in ("w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd"):
        el = tcPr.find(qn(tag_name))
        if el is not None:
            tcPr.remove(el)
    if tcPr.find(qn("w:vAlign")) is None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def table_borders(table: Table, **edges: tuple[str, int]) -> None:
    """Set the table's borders; edges not given are removed ("nil")."""
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, sz = edges.get(edge, ("nil", 0))
        attrs = {"val": val}
        if val != "nil":
            attrs.update(sz=str(sz), space="0", color="auto")
        borders.append(_el(f"w:{edge}", **attrs))
    _replace_child(tblPr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))


def cell_margins(table: Table, left: float = 0.1, right: float = 0.1, top: float = 0.0,
                 bottom: float = 0.0) -> None:
    mar = OxmlElement("w:tblCellMar")
    for edge, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(_el(f"w:{edge}", w=str(int(Cm(v).twips)), type="dxa"))
    _replace_child(table._tbl.tblPr, mar, ("w:tblLook",))


def fill(cell: _Cell, *pars: ParSpec, style: str = "Teks Tabel", align=None,
         keep_next: bool | None = None) -> None:
    """Write paragraphs into a cell; each is one run or a tuple of runs."""
    for p in pars:
        runs = p if isinstance(p, tuple) else (p,)
        write(cell, *runs, style=None if is_control(runs) else style, align=align, keep_next=keep_next)


def tag_row(table: Table, jinja: str) -> None:
    """A row holding only a row tag ({%tr for ... %}); docxtpl replaces the whole row."""
    row = add_row(table)
    merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    write(merged, jinja, style="Kode Templat")


@dataclass(frozen=True)
class Col:
    label: str
    width: float
    align: object = WD_ALIGN_PARAGRAPH.LEFT


L, C, R = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def data_table(container, cols: list[Col], body: list[ParSpec | list[ParSpec]], loop: str | None = None,
               compact: bool = False, check_width: float | None = TEXT_W,
               detail: list[ParSpec] | None = None, detail_from: int = 2,
               inner_loop: str | None = None, keep_together: bool = False) -> Table:
    """A bordered table: a header row repeated on every page, one body row (repeated by
    ``{%tr loop %}`` when given), rows that never split across pages.

    ``detail`` adds a second row per item whose cell spans from column ``detail_from`` to the
    end (the columns before it are merged down), for long text such as a data source.
    ``inner_loop`` repeats the row inside ``loop`` (a group's items), for cells merged down
    over a group with ``{% vm %}``. ``keep_together``: the rows keep with each other, for a
    short table that should not be split across pages.

    To keep a table's last row with what follows (a closing sentence, a signature), set "keep
    with next" on the paragraph after the table: rendering carries it to the last row
    (:func:`evalreport.rendering.keep_table_ends`), so the template keeps one body row."""
    if check_width is not None:
        total = round(sum(c.width for c in cols), 3)
        assert total == check_width, f"columns add up to {total} cm, not {check_width} cm"
    text_style, head_style = ("Teks Tabel Kecil", "Kepala Tabel Kecil") if compact else ("Teks Tabel", "Kepala Tabel")
    table = new_table(container, [c.width for c in cols])
    table._cols = cols  # type: ignore[attr-defined]
    cell_margins(table, left=0.1, right=0.1)
    head = add_row(table)
    row_props(head, header=True)
    for cell, col in zip(head.cells, cols):
        shade(cell, HEADER_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        fill(cell, col.label, style=head_style)
    if loop:
        tag_row(table, "{%tr " + loop + " %}")
    if inner_loop:
        tag_row(table, "{%tr " + inner_loop + " %}")
    # with a detail row below, keep this row on the same page as it
    row = _body_row(table, cols, body, text_style, keep_next=True if detail or keep_together else None)
    if detail:
        extra = add_row(table)
        row_props(extra)
        span = extra.cells[detail_from].merge(extra.cells[len(cols) - 1])
        fill(span, *detail, style=text_style)
        for i in range(detail_from):
            row.cells[i].merge(extra.cells[i])
    if inner_loop:
        tag_row(table, "{%tr endfor %}")
    if loop:
        tag_row(table, "{%tr endfor %}")
    return table


def _body_row(table: Table, cols: list[Col], body: list[ParSpec | list[ParSpec]], text_style: str,
              keep_next: bool | None) -> _Row:
    row = add_row(table)
    row_props(row)
    for cell, col, content in zip(row.cells, cols, body):
        pars = content if isinstance(content, list) else [content]
        fill(cell, *pars, style=text_style, align=col.align, keep_next=keep_next)
    for cell in row.cells:
        if "{% cellbg" in cell.text:
            make_room_for_cellbg(cell)
    return row


def label_table(container, rows: list[tuple[str, ParSpec | list[ParSpec]]], widths: tuple[float, float],
                keep_together: bool = False, keep_first: int = 0) -> Table:
    """Two columns, label and value, one row per item (key figures, findings). Rows never
    split; ``keep_together`` keeps them all on one page, ``keep_first`` only the first so
    many with the row after them (the rest may go on to the next page)."""
    table = new_table(container, list(widths))
    for n, (label, value) in enumerate(rows):
        row = add_row(table)
        row_props(row)
        last = n == len(rows) - 1
        keep = True if (keep_together or n < keep_first) and not last else None
        shade(row.cells[0], LABEL_FILL)
        fill(row.cells[0], B(label), keep_next=keep)
        pars = value if isinstance(value, list) else [value]
        fill(row.cells[1], *pars, keep_next=keep)
    return table


# =========================================================================== captions

def caption(doc, label: str, *runs: RunSpec, keep_next: bool | None = None) -> Paragraph:
    """"Tabel 3. Capaian ..." with a real SEQ field, so Word numbers it and lists it in the
    DAFTAR TABEL / DAFTAR GAMBAR. Table captions go above the table and keep with it; figure
    captions go below the picture."""
    if keep_next is None:
        keep_next = label == "Tabel"
    label = word(label)
    par = write(doc, style="Caption", keep_next=keep_next)
    add_run(par, f"{label} ")
    field(par, f"SEQ {label} \\* ARABIC", "1")
    add_run(par, ". ")
    for r in runs:
        add_run(par, r)
    return par


def source_line(doc, source: str) -> None:
    """The chart's "Sumber: ... (diolah)" line under its caption, when its data name one."""
    tag(doc, "{%p if " + source + " %}")
    write(doc, "{{ " + source + " }}", style="Sumber Gambar")
    tag(doc, "{%p endif %}")


def figure_list(doc, pictures: str, *caption_runs: RunSpec) -> None:
    """Several charts from a list of {dimensi, gambar, sumber}, each with its own numbered
    caption and source line."""
    tag(doc, "{%p for g in " + pictures + " %}")
    write(doc, "{{ g.gambar }}", style="Gambar", keep_next=True)
    caption(doc, "Gambar", *caption_runs, keep_next=True)
    source_line(doc, "g.sumber")
    tag(doc, "{%p endfor %}")


def figure(doc, picture: str, *caption_runs: RunSpec, source: tuple[RunSpec, ...] | None = None) -> None:
    """A chart: shown only when present (the picture may be "" when there is nothing to draw),
    with its caption and its source line: ``grafik.sumber.<name>`` for ``grafik.<name>``, or
    ``source`` written out for a chart whose numbers come from elsewhere than indicators."""
    tag(doc, "{%p if " + picture + " %}")
    write(doc, "{{ " + picture + " }}", style="Gambar", keep_next=True)
    caption(doc, "Gambar", *caption_runs, keep_next=True)
    if source is None:
        source_line(doc, picture.replace("grafik.", "grafik.sumber.", 1))
    else:
        write(doc, *source, style="Sumber Gambar")
    tag(doc, "{%p endif %}")


# =========================================================================== document, styles

def new_document(landscape: bool = False) -> DocumentObject:
    doc = Document()
    _drop_package_leftovers(doc)
    setup_styles(doc)
    setup_settings(doc)
    set_page(doc.sections[0], landscape)
    return doc


def _drop_package_leftovers(doc: DocumentObject) -> None:
    """python-docx's blank document carries a thumbnail of an empty page and a Word 2010
    copy of its old (Calibri, blue) styles; neither belongs in our templates."""
    pkg_rels = doc.part.package.rels
    for rid in [k for k, rel in pkg_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del pkg_rels[rid]
    for rid in [k for k, rel in doc.part.rels.items() if rel.reltype.endswith("/stylesWithEffects")]:
        del doc.part.rels[rid]


def set_page(section, landscape: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(PAGE_H), Cm(PAGE_W)
        section.top_margin, section.bottom_margin = Cm(MARGIN_BIND), Cm(MARGIN)
        section.left_margin = section.right_margin = Cm(MARGIN)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_W), Cm(PAGE_H)
        section.left_margin = Cm(MARGIN_BIND)
        section.right_margin = section.top_margin = section.bottom_margin = Cm(MARGIN)
    section.header_distance = section.footer_distance = Cm(1.25)
    section.gutter = Cm(0)


def _fonts(rPr, name: str = FONT) -> None:
    """Explicit fonts on every script slot; theme-font attributes would override them."""
    rFonts = rPr.get_or_add_rFonts()
    for k in list(rFonts.attrib):
        del rFonts.attrib[k]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rFonts.set(qn(f"w:{slot}"), name)


# Word's own names and ids for built-in styles that python-docx's blank document lacks.
WORD_BUILTIN_IDS = {"toc 1": "TOC1", "toc 2": "TOC2", "toc 3": "TOC3", "table of figures": "TableofFigures"}


def _style(doc, name: str, *, size: float | None = None, bold: bool | None = None,
           italic: bool | None = None, colour: RGBColor | None = BLACK, align=None,
           before: float | None = None, after: float | None = None, line: float | None = None,
           keep_next: bool | None = None, page_break_before: bool | None = None,
           base: str | None = None, kind=WD_STYLE_TYPE.PARAGRAPH, next_style: str | None = None):
    styles = doc.styles
    name = style_name(name)
    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, kind)
        st.base_style = styles[style_name(base or "Normal")]
        if name in WORD_BUILTIN_IDS:  # a Word built-in missing from the blank document
            st.element.attrib.pop(qn("w:customStyle"), None)
            st.element.set(qn("w:styleId"), WORD_BUILTIN_IDS[name])
            st.priority, st.unhide_when_used = 39, True
        else:
            st.quick_style = True
    _fonts(st.element.get_or_add_rPr())
    f = st.font
    if size is not None:
        f.size = Pt(size)
        rPr = st.element.get_or_add_rPr()
        szCs = rPr.find(qn("w:szCs"))
        if szCs is not None:
            szCs.set(qn("w:val"), str(int(size * 2)))
    if bold is not None:
        f.bold = bold
        rPr = st.element.rPr
        bCs = rPr.find(qn("w:bCs"))
        if bCs is not None:
            rPr.remove(bCs)
    if italic is not None:
        f.italic = italic
    if colour is not None:
        f.color.rgb = colour
        c = st.element.rPr.find(qn("w:color"))
        for k in ("themeColor", "themeShade", "themeTint"):
            c.attrib.pop(qn(f"w:{k}"), None)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        set_format(st.paragraph_format, align=align, before=before, after=after, line=line,
                   keep_next=keep_next, page_break_before=page_break_before)
        if next_style:
            st.next_paragraph_style = styles[next_style]
    return st


def setup_styles(doc: DocumentObject) -> None:
    """Word's built-in styles, set to a formal Indonesian government look; a few own styles
    (Teks Tabel, Kepala Tabel, Gambar, Kode Templat) for what Word has no built-in for."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rPr)
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), PROOFING[LANG])
    lang.set(qn("w:eastAsia"), PROOFING[LANG])
    ppr_spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    ppr_spacing.set(qn("w:after"), "120")
    ppr_spacing.set(qn("w:line"), "276")

    J = WD_ALIGN_PARAGRAPH.JUSTIFY
    _style(doc, "Normal", size=11, align=J, after=6, line=1.15)
    title = _style(doc, "Title", size=18, bold=True, align=C, before=0, after=12, line=1.0)
    pbdr = title.element.pPr.find(qn("w:pBdr"))
    if pbdr is not None:
        title.element.pPr.remove(pbdr)
    title.element.rPr.remove(title.element.rPr.find(qn("w:spacing")))
    title.element.rPr.remove(title.element.rPr.find(qn("w:kern")))
    subtitle = _style(doc, "Subtitle", size=14, bold=True, italic=False, align=C, before=0, after=6, line=1.0)
    for tag_name in ("w:spacing", "w:iCs"):
        el = subtitle.element.rPr.find(qn(tag_name))
        if el is not None:
            subtitle.element.rPr.remove(el)
    _style(doc, "Heading 1", size=14, bold=True, align=C, before=0, after=18, keep_next=True,
           page_break_before=True)
    _style(doc, "Heading 2", size=12, bold=True, align=L, before=12, after=6, keep_next=True)
    _style(doc, "Heading 3", size=11, bold=True, align=L, before=10, after=4, keep_next=True)
    _style(doc, "TOC Heading", size=14, bold=True, align=C, before=0, after=18)
    # Entries of the table of contents and of the lists of tables and figures, compact so
    # that the DAFTAR ISI of a full report stays on one page.
    for name, indent in (("toc 1", 0.0), ("toc 2", 0.6), ("toc 3", 1.2), ("table of figures", 0.0)):
        st = _style(doc, name, size=11, align=L, before=0, after=2, line=1.0, next_style="Normal")
        st.paragraph_format.left_indent = Cm(indent)
        st.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _style(doc, "Caption", size=10, bold=True, align=C, before=6, after=6, line=1.0)
    _style(doc, "List Bullet", align=J, after=3)
    _style(doc, "List Number", align=J, after=3)
    for name in ("Header", "Footer"):
        st = _style(doc, name, size=8, colour=GREY, align=C, before=0, after=0, line=1.0)
        tabs = st.element.pPr.find(qn("w:tabs"))
        if tabs is not None:
            st.element.pPr.remove(tabs)
    _style(doc, "Teks Tabel", size=10, align=L, before=1, after=1, line=1.0)
    _style(doc, "Kepala Tabel", size=10, bold=True, align=C, before=1, after=1, line=1.0,
           base="Teks Tabel")
    _style(doc, "Teks Tabel Kecil", size=9, align=L, before=1, after=1, line=1.0, base="Teks Tabel")
    _style(doc, "Kepala Tabel Kecil", size=9, bold=True, align=C, before=1, after=1, line=1.0,
           base="Teks Tabel")
    _style(doc, "Gambar", align=C, before=6, after=0, line=1.0, keep_next=True)
    _style(doc, "Sumber Gambar", size=9, italic=True, align=C, before=0, after=8, line=1.0)
    _style(doc, "Kode Templat", size=8, colour=CODE_COLOUR, align=L, before=0, after=0, line=1.0)
    _style(doc, "Tanda Tangan", size=11, align=C, before=0, after=0, line=1.0)


def setup_settings(doc: DocumentObject) -> None:
    """Word 2013+ mode (no "Compatibility Mode" banner), Indonesian proofing, and fields
    (table of contents, SEQ numbers, pages) refreshed when the document is opened."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    for cs in compat.findall(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), "15")
    if settings.find(qn("w:updateFields")) is None:
        compat.addprevious(_el("w:updateFields", val="true"))
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), PROOFING[LANG])
    # the document language's, for field maths
    separators = {"id": (",", ";"), "en": (".", ",")}[LANG]
    for name, val in zip(("decimalSymbol", "listSeparator"), separators, strict=True):
        el = settings.find(qn(f"w:{name}"))
        if el is not None:
            el.set(qn("w:val"), val)
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)


# =========================================================================== page furniture

def page_header(section, *runs: RunSpec) -> None:
    """A small running header with a thin line below it (own, not linked to the cover)."""
    header = section.header
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.style = "Header"
    for r in runs:
        add_run(par, r)
    paragraph_border(par, "bottom", sz=4, space=4)


def page_footer(section, first: bool = False) -> None:
    """"Halaman 3 dari 24", with real PAGE and NUMPAGES fields (``first``: the footer of a
    different first page)."""
    footer = section.first_page_footer if first else section.footer
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    par.style = "Footer"
    par.paragraph_format.alignment = C
    add_run(par, "Halaman ")
    field(par, "PAGE", "1")
    add_run(par, " dari ")
    field(par, "NUMPAGES", "1")


def page_number_footer(section) -> None:
    """A footer with the page number alone, centred: its format (i, ii, ... or 1, 2, ...) is
    the section's (:func:`page_numbers`)."""
    footer = section.footer
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    par.style = "Footer"
    par.paragraph_format.alignment = C
    field(par, "PAGE", "1", size=10)


def page_numbers(section, fmt: str, start: int | None = None) -> None:
    """The section's page numbers: ``fmt`` "lowerRoman" or "decimal", starting again at
    ``start`` (None: going on from the section before)."""
    sectPr = section._sectPr
    old = sectPr.find(qn("w:pgNumType"))
    if old is not None:
        sectPr.remove(old)
    el = _el("w:pgNumType", fmt=fmt)
    if start is not None:
        el.set(qn("w:start"), str(start))
    sectPr.insert_element_before(el, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                 "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                                 "w:printerSettings", "w:sectPrChange")


def new_section(doc, landscape: bool = False):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape)
    return section


# =========================================================================== shared blocks

def kop_surat(doc, width: float = TEXT_W) -> None:
    """Letterhead: the government and agency lines centred, a thick-thin rule below.

    With a logo, the logo stands in a narrow left column and the lines are centred in the rest;
    without one, a one-column table centres the lines on the page (a logo column left empty
    would push them about 1.4 cm right of centre). Both tables are in the template, and
    ``{%p if kop.logo %}`` keeps one of them."""
    logo_w = 2.7
    tag(doc, "{%p if kop.logo %}")
    with_logo = _kop_table(doc, [logo_w, width - logo_w])
    logo, text = with_logo.rows[0].cells
    write(logo, "{{ kop.logo }}", style="Gambar", align=C)
    _kop_lines(text)
    tag(doc, "{%p else %}")
    plain = _kop_table(doc, [width])
    _kop_lines(plain.rows[0].cells[0])
    tag(doc, "{%p endif %}")


def _kop_table(doc, widths: list[float]) -> Table:
    table = new_table(doc, widths, style=None)
    table_borders(table, bottom=("thickThinSmallGap", 24))
    cell_margins(table, left=0.05, right=0.05, bottom=0.15)
    row = add_row(table)
    for cell in row.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def _kop_lines(cell: _Cell) -> None:
    common = dict(style="Tanda Tangan", align=C)
    write(cell, B("{{ kop.pemerintah }}", size=14), **common)
    write(cell, B("{{ kop.instansi }}", size=16), **common)
    tag(cell, "{%p if kop.alamat %}")
    write(cell, Txt("{{ kop.alamat }}", size=10), **common)
    tag(cell, "{%p endif %}")
    tag(cell, "{%p if kop.kontak %}")
    write(cell, Txt("{{ kop.kontak }}", size=9), **common)
    tag(cell, "{%p endif %}")


def signature(container, width: float = TEXT_W, with_date: bool = True) -> Table:
    """Signature block in the right-hand column of a borderless table, so that it lines up.
    Its row never splits, and its lines keep with the next, so place, title and name stay
    together (use :func:`closing` before it to keep it with the text it signs for)."""
    table = new_table(container, [width - SIGNATURE_W, SIGNATURE_W], style=None)
    table_borders(table)
    cell_margins(table, left=0.0, right=0.0)
    row = add_row(table)
    row_props(row)
    cell = row.cells[1]
    if with_date:
        write(cell, "{{ dokumen.tempat }}, {{ dokumen.tanggal_teks }}", style="Tanda Tangan",
              keep_next=True)
    write(cell, "{{ penandatangan.jabatan }},", style="Tanda Tangan", keep_next=True)
    write(cell, Txt("{{ penandatangan.nama }}", bold=True, underline=True), style="Tanda Tangan",
          before=66, keep_next=True)
    tag(cell, "{%p if penandatangan.pangkat %}")
    write(cell, "{{ penandatangan.pangkat }}", style="Tanda Tangan")
    tag(cell, "{%p endif %}")
    tag(cell, "{%p if penandatangan.nip %}")
    write(cell, "NIP. {{ penandatangan.nip }}", style="Tanda Tangan")
    tag(cell, "{%p endif %}")
    return table


def two_signatures(container, width: float = TEXT_W) -> Table:
    """The approval page's signatures: who prepared the report (penyusun) on the left, who
    approves it (penandatangan) on the right. Titles, the space to sign in, and names are
    rows of their own, so the names stand level however many lines a title takes."""
    half = width / 2
    table = new_table(container, [half, half], style=None)
    table_borders(table)
    cell_margins(table, left=0.0, right=0.0)
    people = (("Disusun oleh,", "penyusun"), ("Disahkan oleh,", "penandatangan"))
    titles, space, names = add_row(table), add_row(table), add_row(table)
    for row in (titles, space, names):
        row_props(row)
    space.height = Cm(2.2)
    for n, (role, who) in enumerate(people):
        write(titles.cells[n], role, style="Tanda Tangan", keep_next=True)
        write(titles.cells[n], "{{ " + who + ".jabatan }},", style="Tanda Tangan", keep_next=True)
        write(space.cells[n], "", style="Tanda Tangan", keep_next=True)
        cell = names.cells[n]
        write(cell, Txt("{{ " + who + ".nama }}", bold=True, underline=True), style="Tanda Tangan",
              keep_next=True)
        tag(cell, "{%p if " + who + ".pangkat %}")
        write(cell, "{{ " + who + ".pangkat }}", style="Tanda Tangan")
        tag(cell, "{%p endif %}")
        tag(cell, "{%p if " + who + ".nip %}")
        write(cell, "NIP. {{ " + who + ".nip }}", style="Tanda Tangan")
        tag(cell, "{%p endif %}")
    return table


def closing(doc, *runs: RunSpec, space: float = 12, before: float | None = None) -> Paragraph:
    """The closing sentence of a document ("Demikian ...") and the space below it, both kept
    with the next paragraph, so that the signature block after them never stands alone at the
    top of a page, cut off from the text it signs for."""
    par = write(doc, *runs, keep_next=True, before=before)
    spacer(doc, space).paragraph_format.keep_with_next = True
    return par


def info_lines(doc, rows: list[tuple[str, RunSpec]], widths: tuple[float, float, float]) -> Table:
    """Aligned "Label : value" lines (letter header, matrix header) in a borderless table."""
    table = new_table(doc, list(widths), style=None, align=WD_TABLE_ALIGNMENT.LEFT)
    table_borders(table)
    cell_margins(table, left=0.0, right=0.1)
    for label, value in rows:
        row = add_row(table)
        fill(row.cells[0], label, style="Tanda Tangan", align=L)
        fill(row.cells[1], ":", style="Tanda Tangan", align=L)
        fill(row.cells[2], value, style="Tanda Tangan", align=L)
    return table


def listed(doc, items: str, intro: str, *, numbered: bool = False, missing: str = NOT_FILLED) -> None:
    """An introduced list of ``items`` (bulleted or numbered from 1), or a visible note when the
    data leave it empty, so that a section never stands blank under its heading."""
    tag(doc, "{%p if " + items + " %}")
    if intro:
        write(doc, intro, keep_next=True)
    if numbered:
        bullets(doc, f"for x in {items}", "{{ x }}", style="List Number", num_id=restarted_list(doc))
    else:
        bullets(doc, f"for x in {items}", "{{ x }}")
    tag(doc, "{%p else %}")
    write(doc, I(missing))
    tag(doc, "{%p endif %}")


def spacer(doc, points: float = 6) -> Paragraph:
    """An empty paragraph: keeps two tables apart (Word would merge them) or adds air."""
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(points)
    return par


# =========================================================================== shared tables

def late(item: str) -> tuple:
    """"Terlambat N hari" under an action's status or deadline, when it is late."""
    return ("{%p if " + item + ".terlambat %}", Txt("{{ " + item + ".keterangan }}", bold=True, size=8),
            "{%p endif %}")


RTL_COLS = [  # each as wide as its longest word at 9 pt ("Kabupaten", "ditindaklanjuti")
    Col("No", 0.7, C), Col("Temuan", 2.2), Col("Rekomendasi", 2.8), Col("Kegiatan", 2.8),
    Col("Penanggung Jawab", 2.3), Col("Batas Waktu", 1.8, C), Col("Indikator Keberhasilan", 2.6),
    Col("Anggaran", 2.9, R), Col("Sumber Anggaran", 1.9, C), Col("Status", 2.3, C),
    Col("Bukti / Catatan", 2.4),
]
RTL_BODY = [
    "{{ t.no }}",
    # A recommendation's finding and text once, merged down over its actions (docxtpl's
    # {% vm %}, inside the loop over its actions). A merged cell holds one run: the part of a
    # cell that {% vm %} prints only once is its first run.
    "{% vm %}{{ g.temuan }}", "{% vm %}{{ g.kode_rekomendasi }}: {{ g.rekomendasi }}",
    "{{ t.kegiatan }}",
    ["{{ t.penanggung_jawab }}", '{%p if t.mitra != "–" %}', small("Mitra: {{ t.mitra }}"), "{%p endif %}"],
    "{{ t.batas_waktu }}", "{{ t.indikator_keberhasilan }}", "{{ t.anggaran }}",
    "{{ t.sumber_anggaran }}",
    [("{% cellbg t.warna_status %}", "{{ t.status }}"), small("Progres {{ t.progres }}"), *late("t")],
    "{{ t.bukti }}",
]
BUDGET_COLUMN = 7


NO_ACTIONS = ("Belum terdapat rencana tindak lanjut khusus ", "{{ wilayah.nama }}",
              " untuk periode ini.")


def rtl_matrix(doc) -> Table:
    """The follow-up action-plan matrix (landscape, 24.7 cm): one row per action, grouped by
    the recommendation it follows up, whose finding and text are merged over the group's rows;
    a last row with the total budget."""
    table = data_table(doc, RTL_COLS, RTL_BODY, loop="for g in tindak_lanjut_per_rekomendasi",
                       inner_loop="for t in g.kegiatan", compact=True, check_width=TEXT_W_LANDSCAPE)
    # the total keeps with the sentence that says it in words, so that sentence never stands
    # alone on a page after a matrix that fills its pages
    total_row(table, "Jumlah anggaran", BUDGET_COLUMN, "{{ rtl.total_anggaran }}", compact=True,
              keep_next=True)
    return table


def total_row(table: Table, label: str, column: int, value: RunSpec, compact: bool = False,
              keep_next: bool | None = None) -> _Row:
    """A closing row of a table: ``label`` over the columns before ``column``, ``value`` in it
    and the columns after it merged and empty; ``keep_next``: it keeps with what follows the
    table."""
    style = "Teks Tabel Kecil" if compact else "Teks Tabel"
    row = add_row(table)
    row_props(row)
    cells = row.cells
    n = len(cells)
    head = cells[0].merge(cells[column - 1]) if column > 1 else cells[0]
    fill(head, B(label), style=style, align=R, keep_next=keep_next)
    fill(cells[column], B(value) if isinstance(value, str) else value, style=style,
         align=table._cols[column].align, keep_next=keep_next)  # type: ignore[attr-defined]
    if column + 1 < n:
        rest = cells[column + 1].merge(cells[n - 1])
        if keep_next:
            fill(rest, "", style=style, keep_next=True)
    return row


def rtl_totals(doc) -> None:
    write(doc, "{{ rtl.kalimat }}", before=6)


def status_recap(doc) -> None:
    """The count of actions by follow-up status, with its total."""
    write(doc, "Jumlah kegiatan ", "{{ wilayah.nama }}", " menurut status tindak lanjut per ",
          "{{ rtl.status_per }}", ":", keep_next=True, after=3, before=6)
    table = data_table(doc, [Col("Status Tindak Lanjut", 6.0), Col("Jumlah", 2.5, C)],
                       ["{{ s.status }}", "{{ s.jumlah }}"], loop="for s in rtl.per_status",
                       check_width=None, keep_together=True)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    total_row(table, "Jumlah", 1, "{{ rtl.jumlah }}")


def context_actions(doc, width: float = TEXT_W_LANDSCAPE, caption_too: bool = False,
                    intro_text: bool = True) -> None:
    """The programme-wide actions a region's plan refers to, without their budget: they are
    the province's, listed with their budget once, in the regional summary."""
    if intro_text:
        intro(doc, "Kegiatan tindak lanjut tingkat ", "{{ konteks.nama }}", " yang juga menyangkut ",
              "{{ wilayah.nama }}", " dilaksanakan oleh perangkat daerah provinsi; anggarannya dimuat "
              "dalam ringkasan perbandingan antarwilayah, tidak dalam matriks rencana tindak lanjut "
              "wilayah ini.", before=12)
    if caption_too:
        caption(doc, "Tabel", "Kegiatan tindak lanjut tingkat provinsi yang terkait", keep_next=True)
    if width == TEXT_W:  # portrait: the narrow columns keep the width of their headers
        widths = (0.8, 1.2, 2.3, 3.7, 3.2, 1.9, 2.4)
    else:
        widths = (0.8, 1.3, 2.4, 7.7, 5.5, 2.8, 4.2)
    w = iter(widths)
    data_table(doc, [
        Col("No", next(w), C), Col("Kode", next(w), C), Col("Rekomendasi", next(w), C),
        Col("Kegiatan", next(w)), Col("Penanggung Jawab", next(w)),
        Col("Batas Waktu", next(w), C), Col("Status", next(w), C),
    ], ["{{ k.no }}", "{{ k.kode }}", "{{ k.kode_rekomendasi }}", "{{ k.kegiatan }}",
        "{{ k.penanggung_jawab }}", "{{ k.batas_waktu }}",
        [("{% cellbg k.warna_status %}", "{{ k.status }}"), small("Progres {{ k.progres }}"), *late("k")]],
        loop="for k in konteks.tindak_lanjut", compact=True, check_width=None)


# =========================================================================== the previous cycle

LATE_MARK = late("k")


def previous_actions_table(doc) -> Table:
    """The previous cycle's actions of a region (portrait, 15.5 cm): the action under its
    recommendation's code, its deadline with "Terlambat N hari" when it passed before this
    document's date and the action is not closed, its latest status (coloured) with progress
    then and now, and its evidence."""
    return data_table(doc, [
        Col("No", 0.8, C), Col("Kegiatan", 5.2), Col("Batas Waktu", 2.4, C),
        Col("Status Terkini", 3.2, C), Col("Bukti / Catatan", 3.9),
    ], ["{{ k.no }}", ["{{ k.kegiatan }}", small("{{ k.kode }} · Rekomendasi {{ k.kode_rekomendasi }}")],
        ["{{ k.batas_waktu }}", *LATE_MARK],
        [("{% cellbg k.warna_status %}", "{{ k.status }}"),
         small("Progres {{ k.progres_semula }} → {{ k.progres }}")],
        "{{ k.bukti }}"], loop="for k in tindak_lanjut_lalu.kegiatan", compact=True)


def previous_section(doc, number: str) -> None:
    """Section ``number`` of BAB III: what became of the previous evaluation's recommendations
    for this region (shown only when a previous cycle is given)."""
    tag(doc, "{%p if tindak_lanjut_lalu.diberikan %}")
    heading(doc, 2, number, " Tindak Lanjut Hasil Evaluasi Periode ", "{{ tindak_lanjut_lalu.periode }}")
    tag(doc, "{%p if tindak_lanjut_lalu.ada %}")
    intro(doc, "Evaluasi periode ", "{{ tindak_lanjut_lalu.periode }}", " (dokumen tanggal ",
          "{{ tindak_lanjut_lalu.tanggal_dokumen }}", ") memuat ",
          "{{ tindak_lanjut_lalu.jumlah_rekomendasi }}", " rekomendasi bagi ", "{{ wilayah.nama }}",
          " dengan ", "{{ tindak_lanjut_lalu.jumlah_kegiatan }}", " kegiatan tindak lanjut. Posisi "
          "tindak lanjut per ", "{{ tindak_lanjut_lalu.per }}", ": ", "{{ tindak_lanjut_lalu.kalimat }}",
          " Status rekomendasi mengikuti klasifikasi Badan Pemeriksa Keuangan: sesuai rekomendasi, "
          "belum sesuai, belum ditindaklanjuti, dan tidak dapat ditindaklanjuti.")
    caption(doc, "Tabel", "Status tindak lanjut rekomendasi evaluasi periode ",
            "{{ tindak_lanjut_lalu.periode }}", ", ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.6, C), Col("Rekomendasi", 6.6), Col("Ditujukan Kepada", 3.3),
        Col("Status", 3.2, C),
    ], ["{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.ditujukan_kepada }}",
        ("{% cellbg r.warna_status %}", "{{ r.status }}")], loop="for r in tindak_lanjut_lalu.rekomendasi")
    intro(doc, "Rincian kegiatannya disajikan pada tabel berikut. Kegiatan yang batas waktunya telah "
               "lewat pada tanggal laporan ini (", "{{ dokumen.tanggal_teks }}", ") dan belum selesai "
               "ditandai terlambat, dengan jumlah hari keterlambatannya.", before=6)
    caption(doc, "Tabel", "Kegiatan tindak lanjut hasil evaluasi periode ",
            "{{ tindak_lanjut_lalu.periode }}", ", ", "{{ wilayah.nama }}", keep_next=True)
    previous_actions_table(doc)
    figure(doc, "grafik.tindak_lanjut_lalu", "Kegiatan tindak lanjut hasil evaluasi periode ",
           "{{ tindak_lanjut_lalu.periode }}", " menurut status per ", "{{ tindak_lanjut_lalu.per }}",
           ", ", "{{ wilayah.nama }}",
           source=("Sumber: pemantauan tindak lanjut hasil evaluasi periode ",
                   "{{ tindak_lanjut_lalu.periode }}", " (diolah)"))
    tag(doc, "{%p else %}")
    write(doc, "{{ tindak_lanjut_lalu.kalimat }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


PREVIOUS_RTL_COLS = [
    Col("No", 0.7, C), Col("Rekomendasi", 3.8), Col("Kegiatan", 3.8), Col("Penanggung Jawab", 2.6),
    Col("Batas Waktu", 1.9, C), Col("Status Semula", 2.3, C), Col("Status Terkini", 2.4, C),
    Col("Progres", 2.0, C), Col("Keterangan", 2.0, C), Col("Bukti / Catatan", 3.2),
]


def previous_rtl(doc) -> None:
    """The action plan's follow-up of the previous cycle (landscape): each earlier action under
    its recommendation (code, text and status merged over its actions), the status recorded
    then and now, progress then and now with the change, "Terlambat N hari", evidence; and the
    count of actions by status with a chart."""
    tag(doc, "{%p if tindak_lanjut_lalu.ada %}")
    write(doc, "TINDAK LANJUT HASIL EVALUASI PERIODE ", "{{ tindak_lanjut_lalu.periode }}",
          style="Heading 2", before=18, keep_next=True)
    intro(doc, "Kegiatan tindak lanjut atas rekomendasi evaluasi periode ",
          "{{ tindak_lanjut_lalu.periode }}", " bagi ", "{{ wilayah.nama }}", ", dengan status semula "
          "(per ", "{{ tindak_lanjut_lalu.tanggal_dokumen }}", ") dan status terkini (per ",
          "{{ tindak_lanjut_lalu.per }}", "). ", "{{ tindak_lanjut_lalu.kalimat }}")
    data_table(doc, PREVIOUS_RTL_COLS, [
        "{{ k.no }}", "{% vm %}{{ g.kode_rekomendasi }}: {{ g.rekomendasi }}",
        "{{ k.kegiatan }}", "{{ k.penanggung_jawab }}", "{{ k.batas_waktu }}", "{{ k.status_semula }}",
        ("{% cellbg k.warna_status %}", "{{ k.status }}"),
        ["{{ k.progres_semula }} → {{ k.progres }}", small("{{ k.perubahan_progres }}")],
        B("{{ k.keterangan }}"), "{{ k.bukti }}",
    ], loop="for g in tindak_lanjut_lalu.kegiatan_per_rekomendasi", inner_loop="for k in g.kegiatan",
        compact=True, check_width=TEXT_W_LANDSCAPE)
    # a paragraph that keeps with nothing: the count below keeps with its own table, not with
    # the matrix's last rows (a long chain of kept rows leaves a page half empty)
    spacer(doc, 3)
    write(doc, "Jumlah rekomendasi dan kegiatan evaluasi periode ", "{{ tindak_lanjut_lalu.periode }}",
          " menurut status tindak lanjut per ", "{{ tindak_lanjut_lalu.per }}", ":", keep_next=True,
          after=3, before=6)
    table = data_table(doc, [Col("Status Tindak Lanjut", 6.0), Col("Rekomendasi", 2.5, C),
                             Col("Kegiatan", 2.5, C)],
                       [("{% cellbg s.warna %}", "{{ s.status }}"), "{{ s.jumlah }}",
                        "{{ s.jumlah_kegiatan }}"],
                       loop="for s in tindak_lanjut_lalu.per_status", check_width=None, keep_together=True)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    total = total_row(table, "Jumlah", 1, "{{ tindak_lanjut_lalu.jumlah_rekomendasi }}")
    fill(total.cells[2], B("{{ tindak_lanjut_lalu.jumlah_kegiatan }}"), align=C)
    tag(doc, "{%p endif %}")


# =========================================================================== 1. laporan evaluasi

def build_laporan() -> DocumentObject:
    """The evaluation report, in the outline reviewers expect of an Indonesian government
    evaluation report: cover; front matter numbered i, ii, ... (Lembar Pengesahan, Kata
    Pengantar, Daftar Isi / Tabel / Gambar, Daftar Singkatan, Ringkasan Eksekutif); BAB I
    Pendahuluan, BAB II Metodologi, BAB III Hasil Evaluasi, BAB IV Kesimpulan dan Rekomendasi,
    BAB V Penutup numbered from 1; Lampiran (the action-plan matrix landscape, the rest
    portrait)."""
    doc = new_document()
    _cover(doc)

    front = new_section(doc)
    page_numbers(front, "lowerRoman", start=1)
    page_header(front, "Laporan Evaluasi {{ program.nama }} – {{ wilayah.nama }} {{ program.periode }}")
    page_number_footer(front)
    _front_matter(doc)

    body = new_section(doc)  # header and footer carry on; the numbers start again, at 1
    page_numbers(body, "decimal", start=1)
    _bab_pendahuluan(doc)
    _bab_metodologi(doc)
    _bab_hasil(doc)
    _bab_kesimpulan(doc)
    _bab_penutup(doc)

    _lampiran(doc)
    return doc


def _cover(doc) -> None:
    kop_surat(doc)
    write(doc, "LAPORAN EVALUASI", style="Title", before=110)
    write(doc, "{{ program.nama|upper }}", style="Subtitle")
    write(doc, "TAHUN {{ program.periode }}", style="Subtitle")
    write(doc, "{{ wilayah.nama|upper }}", style="Subtitle", before=18)
    write(doc, B("{{ program.instansi|upper }}"), align=C, before=300, after=0, keep_next=True)
    write(doc, "{{ dokumen.tempat }}, {{ dokumen.tanggal_teks }}", align=C, after=0)


def _front_matter(doc) -> None:
    _approval_page(doc)

    heading(doc, 1, "KATA PENGANTAR")
    write(doc, "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa karena atas rahmat-Nya "
               "Laporan Evaluasi ", "{{ program.nama }}", " Tahun ", "{{ program.periode }}", " di ",
          "{{ wilayah.nama }}", " dapat diselesaikan. Laporan ini disusun oleh ", "{{ program.instansi }}",
          " sebagai wujud akuntabilitas pelaksanaan program dan sebagai bahan pengambilan keputusan "
          "bagi pimpinan daerah.")
    # Section 3.4 compares regions only when there are some (wilayah_pembanding.jumlah > 1).
    write(doc, "Laporan ini memuat hasil pengukuran ", "{{ ringkasan.jumlah_indikator }}",
          " indikator kinerja, analisis capaian per dimensi, ",
          "{% if wilayah_pembanding.jumlah > 1 %}perbandingan antarperiode dan antarwilayah"
          "{% else %}perbandingan antarperiode{% endif %}",
          ", temuan evaluasi, serta rekomendasi dan rencana tindak lanjutnya. Setiap "
          "angka dalam laporan ini dapat ditelusuri ke sumber datanya sebagaimana tercantum pada "
          "tabel indikator di BAB II.")
    closing(doc, "Kami menyampaikan terima kasih kepada semua pihak yang telah membantu pelaksanaan "
                 "evaluasi dan penyusunan laporan ini. Semoga laporan ini bermanfaat bagi penguatan "
                 "ketahanan sosial dan politik di ", "{{ wilayah.nama }}", ".")
    signature(doc)

    # The lists are headings of their own (level 1), so that the table of contents lists them.
    heading(doc, 1, "DAFTAR ISI")
    field(write(doc), 'TOC \\o "1-3" \\h \\z \\u', PLACEHOLDER_TOC, dirty=True)
    heading(doc, 1, "DAFTAR TABEL")
    field(write(doc), 'TOC \\h \\z \\c "Tabel"', PLACEHOLDER_TABLES, dirty=True)
    tag(doc, "{%p if " + " or ".join(f"grafik.{k}" for k in CHARTS) + " %}")
    write(doc, "DAFTAR GAMBAR", style="Heading 1", page_break_before=False, before=24)
    field(write(doc), 'TOC \\h \\z \\c "Gambar"', PLACEHOLDER_FIGURES, dirty=True)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if singkatan %}")
    heading(doc, 1, "DAFTAR SINGKATAN")
    if LANG != "id":  # a reader abroad is told why the names stay Indonesian
        intro(doc, "Singkatan berikut dipakai dalam laporan ini.")
    glossary_table(doc)
    tag(doc, "{%p endif %}")

    heading(doc, 1, "RINGKASAN EKSEKUTIF")
    intro(doc, "Evaluasi ", "{{ program.nama }}", " di ", "{{ wilayah.nama }}", " untuk periode ",
          "{{ program.periode }}", " menghasilkan pokok-pokok sebagai berikut.")
    bullets(doc, "for k in ringkasan.kalimat", "{{ k }}")
    write(doc, "{{ ringkasan.hasil }}", before=6)
    tag(doc, "{%p if tindak_lanjut_lalu.diberikan %}")
    write(doc, B("Tindak lanjut evaluasi periode {{ tindak_lanjut_lalu.periode }}. "),
          "{{ tindak_lanjut_lalu.kalimat }}", before=6)
    tag(doc, "{%p endif %}")
    caption(doc, "Tabel", "Angka kunci capaian kinerja ", "{{ wilayah.nama }}", " periode ",
            "{{ program.periode }}", keep_next=True)
    label_table(doc, [
        ("Jumlah indikator yang dievaluasi", "{{ ringkasan.jumlah_indikator }}"),
        ("Target yang tercapai", ("{{ ringkasan.jumlah_tercapai }}", " (", "{{ ringkasan.persen_tercapai }}", ")")),
        ("Target yang belum tercapai", "{{ ringkasan.jumlah_tidak_tercapai }}"),
        ("Indikator yang belum dapat dinilai", "{{ ringkasan.jumlah_tanpa_data }}"),
        ("Rata-rata capaian kinerja{% if batas_capaian %} (capaian setiap indikator dibatasi "
         "{{ batas_capaian }}){% endif %}", "{{ ringkasan.rata_capaian }}"),
        ("Predikat rata-rata capaian", B("{{ ringkasan.predikat_teks }}")),
    ], widths=(9.0, 5.0), keep_together=True)


def _approval_page(doc) -> None:
    """Lembar Pengesahan: what the report is, who evaluated, and the signatures that approve
    it (the preparer's beside the signatory's when the data name one)."""
    heading(doc, 1, "LEMBAR PENGESAHAN", page_break_before=False)
    write(doc, "LAPORAN EVALUASI", style="Subtitle", after=0)
    write(doc, "{{ program.nama|upper }}", style="Subtitle", after=0)
    write(doc, "TAHUN {{ program.periode }}", style="Subtitle", after=18)
    label_table(doc, [
        ("Judul laporan", ("Laporan Evaluasi ", "{{ program.nama }}", " Tahun ", "{{ program.periode }}")),
        ("Wilayah yang dievaluasi", "{{ wilayah.nama }}"),
        ("Periode evaluasi", "{{ program.periode }}"),
        ("Pelaksana evaluasi", "{{ program.instansi }}"),
        ("Tim evaluasi", ["{%p for x in program.evaluator %}", "{{ x }}", "{%p else %}", "–",
                          "{%p endfor %}"]),
    ], widths=(4.5, 11.0))
    write(doc, "Disahkan di ", "{{ dokumen.tempat }}", " pada tanggal ", "{{ dokumen.tanggal_teks }}",
          ".", before=18, keep_next=True)
    spacer(doc, 12).paragraph_format.keep_with_next = True
    tag(doc, "{%p if penyusun.nama %}")
    two_signatures(doc)
    tag(doc, "{%p else %}")
    signature(doc, with_date=False)
    tag(doc, "{%p endif %}")


def glossary_table(doc) -> Table:
    """The abbreviations and their meanings, two borderless columns."""
    table = new_table(doc, [3.8, 11.7], style=None)
    table_borders(table)
    cell_margins(table, left=0.0, right=0.1)
    tag_row(table, "{%tr for s in singkatan %}")
    row = add_row(table)
    row_props(row)
    fill(row.cells[0], B("{{ s.singkatan }}"), style="Teks Tabel")
    fill(row.cells[1], "{{ s.kepanjangan }}", style="Teks Tabel")
    tag_row(table, "{%tr endfor %}")
    return table


def _bab_pendahuluan(doc) -> None:
    heading(doc, 1, "BAB I PENDAHULUAN", page_break_before=False)  # the section starts a page
    tag(doc, "{%p if konteks.pengantar %}")
    write(doc, "{{ konteks.pengantar }}")
    tag(doc, "{%p endif %}")
    heading(doc, 2, "1.1 Latar Belakang")
    tag(doc, "{%p for paragraf in program.latar_belakang %}")
    write(doc, "{{ paragraf }}")
    tag(doc, "{%p else %}")
    write(doc, I(NOT_FILLED))
    tag(doc, "{%p endfor %}")

    heading(doc, 2, "1.2 Dasar Hukum")
    listed(doc, "program.dasar_hukum", "Evaluasi ini dilaksanakan berdasarkan:", numbered=True)

    heading(doc, 2, "1.3 Maksud dan Tujuan")
    write(doc, "{{ program.maksud }}")
    listed(doc, "program.tujuan", "Tujuan evaluasi ini adalah untuk:", numbered=True,
           missing="Tujuan evaluasi belum diisi dalam data evaluasi.")

    heading(doc, 2, "1.4 Ruang Lingkup")
    intro(doc, "Evaluasi mencakup ", "{{ ringkasan.jumlah_indikator }}", " indikator kinerja dalam ",
          "{{ dimensi|length }}", " dimensi di ", "{{ wilayah.nama }}", ", dengan periode berjalan ",
          "{{ program.periode }}", " dan data pembanding sejak periode ", "{{ program.periode_awal }}", ".")
    tag(doc, "{%p if program.ruang_lingkup %}")
    write(doc, "{{ program.ruang_lingkup }}")
    tag(doc, "{%p endif %}")


def _bab_metodologi(doc) -> None:
    """BAB II: the framework, the indicators with their sources, how data were collected,
    how achievement and its bands are computed, and who evaluated."""
    heading(doc, 1, "BAB II METODOLOGI")
    heading(doc, 2, "2.1 Kerangka Evaluasi")
    intro(doc, "Kerangka evaluasi terdiri atas ", "{{ dimensi|length }}", " dimensi dan ",
          "{{ ringkasan.jumlah_indikator }}", " indikator kinerja. Dimensi yang diukur adalah "
          "sebagai berikut:")
    bullets(doc, "for d in dimensi", B("{{ d.nama }}"), "{% if d.uraian %}: {{ d.uraian }}{% endif %}")

    heading(doc, 2, "2.2 Indikator Kinerja dan Sumber Data")
    intro(doc, "Setiap indikator memiliki satuan, arah kinerja (polaritas), target, kondisi awal "
               "(nilai pada tahun dasar) dan sumber data sebagaimana tabel berikut.")
    caption(doc, "Tabel", "Indikator kinerja, target dan sumber data", keep_next=True)
    data_table(doc, [
        Col("No", 0.9, C), Col("Kode", 1.4, C), Col("Indikator", 4.8), Col("Satuan", 2.0, C),
        Col("Polaritas", 2.1, C), Col("Target", 1.8, C), Col("Kondisi Awal (Tahun)", 2.5, C),
    ], [
        "{{ i.no }}", "{{ i.kode }}", [B("{{ i.nama }}"), small("Dimensi: {{ i.dimensi }}")],
        "{{ i.satuan }}", "{{ i.polaritas }}", "{{ i.target }}",
        "{{ i.baseline_teks }}",
    ], loop="for i in indikator", compact=True, detail=[
        (small("Sumber data: ", bold=True), small("{{ i.sumber }}")),
        '{%p if i.metode != "–" %}',
        (small("Metode: ", bold=True), small("{{ i.metode }}")),
        "{%p endif %}",
    ])

    heading(doc, 2, "2.3 Pengumpulan dan Analisis Data")
    listed(doc, "program.metode", "Data dikumpulkan dan dianalisis dengan metode berikut:",
           missing="Metode pengumpulan dan analisis data belum diisi dalam data evaluasi.")

    heading(doc, 2, "2.4 Pengukuran Capaian")
    intro(doc, "Capaian kinerja dihitung dengan membandingkan realisasi terhadap target. Untuk "
               "indikator yang makin tinggi makin baik, capaian = realisasi ÷ target × 100%; untuk "
               "indikator yang makin rendah makin baik, capaian = (2 × target − realisasi) ÷ target "
               "× 100%; untuk target berupa rentang, realisasi di dalam rentang bernilai 100%. "
               "Capaian tidak pernah dilaporkan di bawah 0%.")
    write(doc, "Rata-rata capaian suatu dimensi atau wilayah adalah rata-rata capaian indikator yang "
               "dapat dinilai", "{% if batas_capaian %}, dengan capaian setiap indikator dibatasi "
               "paling tinggi {{ batas_capaian }} sebelum dirata-ratakan, sehingga capaian yang "
               "melampaui target tidak menutupi target yang belum tercapai; capaian per indikator "
               "tetap disajikan tanpa batas{% endif %}. Setiap predikat rata-rata disertai jumlah "
               "target yang tercapai. Indikator tanpa realisasi atau tanpa target belum dapat dinilai "
               "dan tidak dihitung dalam rata-rata.")
    intro(doc, "Capaian dikelompokkan ke dalam predikat menurut skema ", "{{ skema_predikat }}",
          " sebagaimana tabel berikut. Status target (tercapai atau tidak tercapai) dinilai "
          "tersendiri: sebuah indikator dapat berpredikat tinggi meskipun targetnya belum tercapai.")
    caption(doc, "Tabel", "Predikat capaian kinerja", keep_next=True)
    data_table(doc, [Col("Warna", 2.0, C), Col("Predikat", 5.0), Col("Batas Capaian (%)", 4.0, C)],
               [("{% cellbg p.warna %}", ""), "{{ p.nama }}", "{{ p.aturan }}"],
               loop="for p in predikat", check_width=None)

    heading(doc, 2, "2.5 Tim Evaluasi")
    listed(doc, "program.evaluator", "Evaluasi dilaksanakan oleh tim evaluasi yang terdiri atas:",
           missing="Susunan tim evaluasi belum diisi dalam data evaluasi.")


def _bab_hasil(doc) -> None:
    heading(doc, 1, "BAB III HASIL EVALUASI")
    # What the chapter holds; with one region there is no comparison between regions, and
    # the reader is told so where a section on it would stand.
    write(doc, "Bab ini menyajikan capaian kinerja setiap indikator dan setiap dimensi, perbandingan "
               "antarperiode", "{% if wilayah_pembanding.jumlah > 1 %}, perbandingan antarwilayah"
               "{% endif %}", ", serta temuan evaluasi. ",
          "{% if wilayah_pembanding.jumlah > 1 %}{% elif program.jumlah_wilayah > 1 %}Perbandingan "
          "antarwilayah tidak disajikan karena {{ wilayah.nama }} adalah satu-satunya wilayah di "
          "{{ wilayah_pembanding.nama }} dalam data evaluasi ini.{% else %}Perbandingan antarwilayah "
          "tidak disajikan karena data evaluasi ini hanya memuat satu wilayah.{% endif %}")
    heading(doc, 2, "3.1 Capaian Kinerja Indikator")
    intro(doc, "Pada periode ", "{{ program.periode }}", ", ", "{{ ringkasan.tercapai_teks }}",
          " (", "{{ ringkasan.persen_tercapai }}", "), dengan rata-rata capaian ",
          "{{ ringkasan.rata_capaian }}", " dan predikat ", "{{ ringkasan.predikat }}", ". Rincian "
          "capaian setiap indikator disajikan pada tabel berikut; warna sel predikat mengikuti skema ",
          "{{ skema_predikat }}", ", sedangkan kolom keterangan menunjukkan apakah target tercapai.")
    caption(doc, "Tabel", "Capaian kinerja indikator ", "{{ wilayah.nama }}", " periode ",
            "{{ program.periode }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.9, C), Col("Indikator", 4.4), Col("Target", 1.8, C), Col("Realisasi", 1.8, C),
        Col("Capaian", 1.8, C), Col("Predikat", 2.6, C), Col("Keterangan", 2.2, C),
    ], [
        "{{ i.no }}", ["{{ i.nama }}", small("Satuan: {{ i.satuan }}")], "{{ i.target }}",
        "{{ i.realisasi }}", "{{ i.capaian }}", ("{% cellbg i.warna %}", B("{{ i.predikat }}")),
        ["{{ i.tercapai }}", '{%p if i.ada_catatan %}', small("{{ i.catatan }}", italic=True), "{%p endif %}"],
    ], loop="for i in indikator")
    figure(doc, "grafik.capaian", "Capaian kinerja per indikator, ", "{{ wilayah.nama }}", " periode ",
           "{{ program.periode }}")
    figure(doc, "grafik.target_realisasi", "Target dan realisasi per indikator, ", "{{ wilayah.nama }}",
           " periode ", "{{ program.periode }}")
    disaggregated_results(doc)

    heading(doc, 2, "3.2 Capaian per Dimensi")
    intro(doc, "Uraian capaian menurut dimensi adalah sebagai berikut.")
    tag(doc, "{%p for d in dimensi %}")
    heading(doc, 3, "3.2.", "{{ d.no }}", " Dimensi ", "{{ d.nama }}")
    tag(doc, "{%p if d.uraian %}")
    write(doc, "{{ d.uraian }}", keep_next=True)
    tag(doc, "{%p endif %}")
    intro(doc, "{{ d.kalimat }}")
    bullets(doc, "for i in d.indikator",
            B("{{ i.nama }}"), ": ", "{{ i.kalimat }}",
            '{% if i.tren != "–" %} Dibandingkan periode {{ i.periode_lalu }}, realisasi '
            '{{ i.tren }} ({{ i.selisih_lalu }}).{% endif %}',
            '{% if i.kalimat_peringkat %} {{ i.kalimat_peringkat }}{% endif %}')
    tag(doc, "{%p endfor %}")

    heading(doc, 2, "3.3 Perbandingan Antarperiode")
    intro(doc, "Realisasi periode ", "{{ program.periode }}", " dibandingkan dengan periode sebelumnya "
               "dan dengan kondisi awal disajikan pada tabel berikut.")
    caption(doc, "Tabel", "Perbandingan realisasi antarperiode, ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Indikator", 4.2), Col("Kondisi Awal (Tahun)", 2.5, C),
        Col("Realisasi Sebelumnya (Periode)", 2.3, C), Col("Realisasi {{ program.periode }}", 1.9, C),
        Col("Perubahan", 1.9, C), Col("Tren", 1.9, C),
    ], [
        "{{ i.no }}", "{{ i.nama }}",
        "{{ i.baseline_teks }}",
        ["{{ i.realisasi_lalu }}", '{%p if i.periode_lalu != "–" %}', "({{ i.periode_lalu }})", "{%p endif %}"],
        "{{ i.realisasi }}", "{{ i.selisih_lalu }}", "{{ i.tren }}",
    ], loop="for i in indikator", compact=True)
    figure(doc, "grafik.tren", "Tren realisasi antarperiode terhadap target, ", "{{ wilayah.nama }}")

    # Compared with other regions only when there are some; the chapter's introduction says
    # why there is no such section otherwise.
    tag(doc, "{%p if wilayah_pembanding.jumlah > 1 %}")
    heading(doc, 2, "3.4 Perbandingan Antarwilayah")
    intro(doc, "Posisi ", "{{ wilayah.nama }}", " dibandingkan dengan ", "{{ wilayah_pembanding.jumlah_lain }}",
               " ", "{{ wilayah_pembanding.sebutan }}", " lain yang dievaluasi di ",
               "{{ wilayah_pembanding.nama }}",
               " untuk setiap indikator pada periode ", "{{ program.periode }}", " adalah sebagai "
               "berikut. Peringkat dihitung menurut capaian di antara ", "{{ wilayah_pembanding.jumlah }}", " ",
               "{{ wilayah_pembanding.sebutan }}", " tersebut; capaian yang sama mendapat peringkat yang sama.")
    caption(doc, "Tabel", "Peringkat ", "{{ wilayah.nama }}", " per indikator di antara ",
            "{{ wilayah_pembanding.sebutan }}", " yang dievaluasi di ", "{{ wilayah_pembanding.nama }}")
    data_table(doc, [
        Col("No", 0.8, C), Col("Indikator", 7.3), Col("Realisasi", 2.2, C), Col("Capaian", 2.2, C),
        Col("Peringkat", 3.0, C),
    ], ["{{ i.no }}", "{{ i.nama }}", "{{ i.realisasi }}", "{{ i.capaian }}", "{{ i.peringkat }}"],
        loop="for i in indikator")
    figure_list(doc, "grafik.perbandingan", "Perbandingan capaian antarwilayah (% terhadap target), dimensi ",
                "{{ g.dimensi }}", ", periode ", "{{ program.periode }}")
    tag(doc, "{%p endif %}")

    heading(doc, 2, "{% if wilayah_pembanding.jumlah > 1 %}3.5{% else %}3.4{% endif %} Temuan")
    intro(doc, "Temuan evaluasi dirumuskan dalam unsur kondisi (apa yang terjadi), kriteria (apa yang "
               "seharusnya), sebab, dan akibat, serta dikaitkan dengan kriteria evaluasi OECD-DAC. "
               "Temuan diberi nomor urut dalam laporan ini dan kode yang dirujuk oleh rekomendasi dan "
               "rencana tindak lanjut.")
    tag(doc, "{%p if not temuan %}")
    write(doc, "Tidak terdapat temuan khusus ", "{{ wilayah.nama }}", " pada periode ini.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if temuan_terpilah %}")
    write(doc, B("Data terpilah. "), "Selisih antarkategori berikut melebihi batas selisih yang "
               "ditetapkan dan menjadi konteks temuan di bawah ini:", keep_next=True)
    bullets(doc, "for x in temuan_terpilah", "{{ x }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for t in temuan %}")
    heading(doc, 3, "Temuan ", "{{ t.no }}", " (", "{{ t.kode }}", "): ", "{{ t.judul }}")
    finding_table(doc)
    spacer(doc, 6)
    tag(doc, "{%p endfor %}")
    # Programme-wide findings: provincial context, with this region's own results on their
    # indicators and never other regions' figures (the full findings are in the summary).
    tag(doc, "{%p if konteks.temuan %}")
    intro(doc, B("Temuan tingkat "), B("{{ konteks.nama }}"), B(" (konteks). "),
          "Temuan berikut dirumuskan untuk seluruh ", "{{ konteks.jumlah_wilayah }}", " ",
          "{{ konteks.sebutan }}", " yang dievaluasi, tidak khusus untuk ", "{{ wilayah.nama }}",
          "; uraian lengkapnya dimuat dalam ringkasan perbandingan antarwilayah. Kolom terakhir "
          "menyajikan hasil ", "{{ wilayah.nama }}", " sendiri pada indikator terkait.", before=6)
    caption(doc, "Tabel", "Temuan tingkat provinsi dan hasil ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.2, C), Col("Temuan", 6.5),
        Col("Hasil {{ wilayah.nama }} pada indikator terkait", 7.0),
    ], ["{{ k.no }}", "{{ k.kode }}", "{{ k.judul }}", "{{ k.kaitan }}"],
        loop="for k in konteks.temuan", compact=True)
    tag(doc, "{%p endif %}")
    previous_section(doc, "{% if wilayah_pembanding.jumlah > 1 %}3.6{% else %}3.5{% endif %}")


def disaggregated_results(doc) -> None:
    """Data terpilah: per indicator and breakdown, a table of the categories with their
    achievement against the indicator's target and the gap between them, then one grouped-bar
    chart of them all. Left out when the region has no disaggregated values."""
    tag(doc, "{%p if ada_terpilah %}")
    heading(doc, 3, "3.1.1 Data Terpilah")
    intro(doc, "Realisasi indikator berikut juga dipilah menurut kategori (data terpilah). Setiap "
               "kategori dinilai terhadap target yang sama dengan indikatornya, sehingga terlihat "
               "apakah capaian keseluruhan menutupi kelompok yang tertinggal.")
    tag(doc, "{%p for i in indikator %}")
    tag(doc, "{%p for t in i.terpilah %}")
    caption(doc, "Tabel", "{{ i.kode }}", " menurut ", "{{ t.nama }}", ", ", "{{ wilayah.nama }}",
            " periode ", "{{ program.periode }}", " (target ", "{{ i.target }}", ")", keep_next=True)
    data_table(doc, [
        Col("Kategori", 4.1), Col("Realisasi", 2.2, C), Col("Capaian", 2.2, C),
        Col("Predikat", 2.6, C), Col("Keterangan", 2.6, C), Col("Status Data", 1.8, C),
    ], [
        "{{ k.nama }}", "{{ k.realisasi }}", "{{ k.capaian }}",
        ("{% cellbg k.warna %}", B("{{ k.predikat }}")), "{{ k.tercapai }}", "{{ k.status_data }}",
    ], loop="for k in t.kategori", keep_together=True)
    write(doc, "{{ i.nama }}", ": realisasi keseluruhan ", "{{ i.realisasi }}", " (capaian ",
          "{{ i.capaian }}", ")", "{% if t.selisih %}; {{ t.selisih }}{% endif %}",
          "{% if t.melebihi_batas %}, melebihi batas selisih {{ t.batas_selisih }}{% endif %}.",
          before=4)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    figure_list(doc, "grafik.terpilah", "Capaian menurut kategori (data terpilah), ", "{{ wilayah.nama }}",
                " periode ", "{{ program.periode }}", "{% if g.bagian %} ({{ g.bagian }}){% endif %}")
    tag(doc, "{%p endif %}")


def data_annex(doc, number: str) -> None:
    """Lampiran data: what the evaluator entered for the region, per period, with status and
    source, and each derived value's numerator, denominator and scale, so that a reviewer can
    recompute it by hand."""
    tag(doc, "{%p if lampiran_data.ada %}")
    heading(doc, 2, "Lampiran ", number, ". Data Evaluasi ", "{{ wilayah.nama }}")
    intro(doc, "Lampiran ini memuat seluruh ", "{{ lampiran_data.jumlah_nilai }}", " nilai yang "
               "dimasukkan untuk ", "{{ wilayah.nama }}", " per periode beserta status datanya, sumber "
               "data setiap indikator, serta pembilang, penyebut dan pengali indikator turunan, "
               "sehingga setiap angka dalam laporan dapat ditelusuri dan dihitung ulang.")
    caption(doc, "Tabel", "Sumber data indikator, ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("Kode", 1.5, C), Col("Indikator", 5.2), Col("Satuan", 2.3, C), Col("Sumber dan Metode", 6.5),
    ], [
        "{{ s.kode }}", ["{{ s.nama }}", "{%p if not s.dilaporkan %}", small("Data penyusun", italic=True),
                         "{%p endif %}"], "{{ s.satuan }}",
        ["{{ s.sumber }}", small("{{ s.metode }}", italic=True)],
    ], loop="for s in lampiran_data.indikator", compact=True)
    caption(doc, "Tabel", "Nilai per periode, ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.9, C), Col("Kode", 1.5, C), Col("Periode", 1.5, C), Col("Kategori", 4.4),
        Col("Nilai", 2.1, R), Col("Status", 1.7, C), Col("Catatan", 3.4),
    ], [
        "{{ v.no }}", "{{ v.kode }}", "{{ v.periode }}", "{{ v.kategori }}", "{{ v.nilai }}",
        "{{ v.status }}", "{{ v.catatan }}",
    ], loop="for v in lampiran_data.nilai", compact=True)
    tag(doc, "{%p if lampiran_data.turunan %}")
    caption(doc, "Tabel", "Perhitungan indikator turunan, ", "{{ wilayah.nama }}", keep_next=True)
    data_table(doc, [
        Col("Kode", 1.4, C), Col("Periode", 1.5, C), Col("Pembilang", 2.9, R), Col("Penyebut", 3.1, R),
        Col("Pengali", 1.9, R), Col("Hasil", 1.7, R), Col("Satuan", 3.0, C),
    ], [
        "{{ d.kode }}", "{{ d.periode }}", ["{{ d.pembilang }}", small("{{ d.kode_pembilang }}")],
        ["{{ d.penyebut }}", small("{{ d.kode_penyebut }}")], "{{ d.pengali }}", B("{{ d.hasil }}"),
        "{{ d.satuan }}",
    ], loop="for d in lampiran_data.turunan", compact=True)
    write(doc, "Hasil = pembilang ÷ penyebut × pengali, dibulatkan setengah ke atas ke jumlah "
               "desimal indikatornya.", style="Teks Tabel Kecil", before=3)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def finding_table(doc) -> Table:
    """A finding as condition, criterion, cause and effect. Its first two rows keep with its
    heading; the rest may go on to the next page rather than leave half a page empty."""
    return label_table(doc, [
        ("Kondisi", "{{ t.kondisi }}"), ("Kriteria", "{{ t.kriteria }}"), ("Sebab", "{{ t.sebab }}"),
        ("Akibat", "{{ t.akibat }}"), ("Dimensi", "{{ t.dimensi }}"),
        ("Kriteria OECD-DAC", "{{ t.kriteria_dac }}"),
        ("Indikator terkait", "{{ t.indikator }}"), ("Bukti", "{{ t.bukti }}"),
    ], widths=(3.5, 12.0), keep_first=1)


def _bab_kesimpulan(doc) -> None:
    heading(doc, 1, "BAB IV KESIMPULAN DAN REKOMENDASI")
    heading(doc, 2, "4.1 Kesimpulan")
    write(doc, "Berdasarkan hasil evaluasi di ", "{{ wilayah.nama }}", ", dapat disimpulkan hal-hal "
               "sebagai berikut:", keep_next=True)
    bullets(doc, "for x in kesimpulan", "{{ x }}", style="List Number", num_id=restarted_list(doc))
    # The conclusions on every region are the province's: this report points to them in the
    # regional summary rather than print, in one region's report, what other regions missed.
    tag(doc, "{%p if konteks.kesimpulan %}")
    write(doc, B("Konteks provinsi. "), "Kesimpulan evaluasi atas seluruh ",
          "{{ konteks.jumlah_wilayah }}", " ", "{{ konteks.sebutan }}", " di ", "{{ konteks.nama }}",
          " dimuat dalam ringkasan perbandingan antarwilayah.", before=6)
    tag(doc, "{%p endif %}")

    heading(doc, 2, "4.2 Rekomendasi")
    tag(doc, "{%p if rekomendasi %}")
    intro(doc, "Untuk menindaklanjuti temuan evaluasi, disampaikan rekomendasi bagi ",
          "{{ wilayah.nama }}", " sebagai berikut, menurut prioritas.")
    caption(doc, "Tabel", "Rekomendasi hasil evaluasi", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.3, C), Col("Rekomendasi", 6.2), Col("Prioritas", 1.9, C),
        Col("Ditujukan Kepada", 3.5), Col("Temuan", 1.8, C),
    ], ["{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.prioritas }}", "{{ r.ditujukan_kepada }}",
        "{{ r.temuan }}"], loop="for r in rekomendasi")
    write(doc, "Rencana tindak lanjut atas rekomendasi tersebut dimuat dalam Lampiran 1.", before=6)
    tag(doc, "{%p else %}")
    intro(doc, "Tidak terdapat rekomendasi khusus ", "{{ wilayah.nama }}", " pada periode ini.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if konteks.rekomendasi %}")
    intro(doc, B("Rekomendasi tingkat "), B("{{ konteks.nama }}"), B(" (konteks). "),
          "Rekomendasi berikut berlaku bagi seluruh ", "{{ konteks.nama }}", " dan ditindaklanjuti "
          "oleh perangkat daerah yang dituju.", before=6)
    caption(doc, "Tabel", "Rekomendasi tingkat provinsi", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.3, C), Col("Rekomendasi", 7.6), Col("Ditujukan Kepada", 4.0),
        Col("Temuan", 1.8, C),
    ], ["{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.ditujukan_kepada }}", "{{ r.temuan }}"],
        loop="for r in konteks.rekomendasi")
    tag(doc, "{%p endif %}")


def _bab_penutup(doc) -> None:
    heading(doc, 1, "BAB V PENUTUP")
    write(doc, "Demikian Laporan Evaluasi ", "{{ program.nama }}", " Tahun ", "{{ program.periode }}",
          " di ", "{{ wilayah.nama }}", " ini disusun sebagai wujud akuntabilitas pelaksanaan program. "
          "Hasil evaluasi ini menunjukkan bahwa ", "{{ ringkasan.tercapai_teks }}", ", dengan predikat "
          "rata-rata capaian ", "{{ ringkasan.predikat }}", ".")
    write(doc, "{% if rekomendasi %}Rekomendasi dan rencana tindak lanjut dalam laporan ini diharapkan "
               "dilaksanakan oleh perangkat daerah yang dituju sesuai batas waktunya, dan "
               "perkembangannya dipantau hingga selesai.{% else %}Hasil evaluasi ini diharapkan "
               "menjadi bahan perbaikan program pada periode berikutnya.{% endif %}")
    closing(doc, "Atas perhatian dan kerja sama semua pihak, kami ucapkan terima kasih.")
    signature(doc)


def _lampiran(doc) -> None:
    """The appendices: the region's action-plan matrix on landscape pages (its eleven columns
    need them), the programme-wide actions it refers to on portrait ones. With no action plan
    of its own, the appendix is portrait throughout: the landscape section's end stands inside
    ``{%p if tindak_lanjut %}``, and a section left empty at the end of a document is dropped
    when it is rendered."""
    page_numbers(new_section(doc, landscape=True), "decimal")  # numbering goes on from the body
    write(doc, "LAMPIRAN", style="Heading 1", page_break_before=False)
    heading(doc, 2, "Lampiran 1. Matriks Rencana Tindak Lanjut")
    tag(doc, "{%p if tindak_lanjut %}")
    intro(doc, "Status tindak lanjut per ", "{{ rtl.status_per }}", ".")
    caption(doc, "Tabel", "Matriks rencana tindak lanjut hasil evaluasi", keep_next=True)
    rtl_matrix(doc)
    rtl_totals(doc)
    page_numbers(new_section(doc), "decimal")  # ends the landscape pages, inside the condition
    tag(doc, "{%p else %}")
    write(doc, *NO_ACTIONS)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if konteks.tindak_lanjut %}")
    heading(doc, 2, "Lampiran 2. Kegiatan Tindak Lanjut Tingkat ", "{{ konteks.nama }}")
    context_actions(doc, width=TEXT_W, caption_too=True)
    tag(doc, "{%p endif %}")
    data_annex(doc, "{% if konteks.tindak_lanjut %}3{% else %}2{% endif %}")
    # Where the data came from (file, hash, version, band scheme, cap) is in the document's
    # properties and in the run's evalreport-provenance.json, not on a signed page.


# =========================================================================== 2. rekomendasi

def build_rekomendasi() -> DocumentObject:
    """The covering letter of a region's recommendations. Its number, addressee, subject and
    paragraphs come from the context (``dokumen``, ``surat``): a letter goes down to the head of
    the evaluated region (follow up, report progress within a period) or up to a superior
    (results reported, nothing asked), and says plainly when there is no recommendation."""
    doc = new_document()
    page_footer(doc.sections[0])
    kop_surat(doc)
    spacer(doc, 12)
    # Date on the right of the first line, then Nomor / Sifat / Lampiran / Hal.
    write(doc, "{{ dokumen.tempat }}, {{ dokumen.tanggal_teks }}", align=R, after=6)
    info_lines(doc, [
        ("Nomor", "{{ dokumen.nomor }}"),
        ("Sifat", "{{ dokumen.sifat }}"),
        ("Lampiran", "{{ dokumen.lampiran }}"),
        ("Hal", "{{ dokumen.hal }}"),
    ], widths=(2.6, 0.4, 9.0))
    write(doc, "Yth. ", "{{ surat.kepada }}", before=18, after=0, align=L)
    write(doc, "di Tempat", after=12, align=L)

    tag(doc, "{%p for p in surat.paragraf %}")
    write(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")
    closing(doc, "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.")
    signature(doc, with_date=False)
    copies(doc)

    tag(doc, "{%p if surat.ada_rekomendasi %}")
    page_break(doc)
    # "Lampiran surat" block, top right, as the annex of an official letter.
    info = info_lines(doc, [
        ("Lampiran", "Surat {{ penandatangan.jabatan }}"),
        ("Nomor", "{{ dokumen.nomor }}"),
        ("Tanggal", "{{ dokumen.tanggal_teks }}"),
    ], widths=(2.0, 0.4, 7.1))
    info.alignment = WD_TABLE_ALIGNMENT.RIGHT
    write(doc, "REKOMENDASI HASIL EVALUASI", style="Title", before=18, after=0)
    write(doc, "{{ program.nama }}", style="Subtitle", after=0)
    write(doc, "Tahun ", "{{ program.periode }}", " – ", "{{ wilayah.nama }}", style="Subtitle", after=12)
    # One numbering 1..n across the priority groups (recommendations come by priority).
    tag(doc, "{%p for g in rekomendasi_per_prioritas %}")
    heading(doc, 2, "Prioritas ", "{{ g.prioritas }}")
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.3, C), Col("Rekomendasi", 6.0), Col("Ditujukan Kepada", 3.5),
        Col("Menjawab Temuan", 3.9),
    ], [
        "{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.ditujukan_kepada }}",
        [B("{{ r.temuan }}"), '{%p if r.ada_temuan %}', "{{ r.temuan_judul }}", "{%p endif %}"],
    ], loop="for r in g.daftar")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if konteks.rekomendasi and not surat.ke_atasan %}")
    heading(doc, 2, "Rekomendasi Tingkat ", "{{ konteks.nama }}", " (untuk diketahui)")
    intro(doc, "Rekomendasi berikut berlaku bagi seluruh ", "{{ konteks.nama }}", " dan ditindaklanjuti "
               "oleh perangkat daerah yang dituju; rekomendasi ini tidak dimohonkan tindak lanjutnya "
               "kepada ", "{{ wilayah.nama }}", ".")
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.3, C), Col("Rekomendasi", 8.4), Col("Ditujukan Kepada", 5.0),
    ], ["{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.ditujukan_kepada }}"],
        loop="for r in konteks.rekomendasi")
    tag(doc, "{%p endif %}")
    # A closing sentence that keeps with the signature, so the signature never stands alone on
    # a page of its own after the last table.
    closing(doc, "{% if surat.ke_atasan %}Demikian rekomendasi ini disampaikan.{% else %}Demikian "
                 "rekomendasi ini disampaikan untuk dapat ditindaklanjuti.{% endif %}",
            space=18, before=12)
    signature(doc, with_date=False)
    tag(doc, "{%p endif %}")
    return doc


def copies(doc) -> None:
    """"Tembusan:" with the copies the data name, numbered, under the signature."""
    tag(doc, "{%p if surat.tembusan %}")
    write(doc, "Tembusan:", before=18, after=0, keep_next=True, align=L)
    bullets(doc, "for x in surat.tembusan", "Yth. {{ x }}{% if loop.last %}.{% else %};{% endif %}",
            style="List Number", num_id=restarted_list(doc))
    tag(doc, "{%p endif %}")


# =========================================================================== 3. rencana tindak lanjut

def build_rtl() -> DocumentObject:
    """The follow-up action plan of one region: letterhead, what it belongs to (the
    programme, the covering letter by its number and date, the date its statuses are as of),
    the matrix with its total budget, the count by status with its total, the programme-wide
    actions it refers to, and the signature."""
    doc = new_document(landscape=True)
    section = doc.sections[0]
    page_header(section, "Matriks Rencana Tindak Lanjut – {{ program.nama }} – {{ wilayah.nama }} "
                         "{{ program.periode }}")
    page_footer(section)
    kop_surat(doc, width=TEXT_W_LANDSCAPE)
    write(doc, "MATRIKS RENCANA TINDAK LANJUT HASIL EVALUASI", style="Title", before=12, after=6)
    info_lines(doc, [
        ("Program", "{{ program.nama }}"),
        ("Wilayah", "{{ wilayah.nama }}"),
        ("Periode evaluasi", "{{ program.periode }}"),
        ("Instansi", "{{ program.instansi }}"),
        ("Surat pengantar", "{% if dokumen.nomor %}Nomor {{ dokumen.nomor }} tanggal "
                            "{{ dokumen.tanggal_teks }}{% else %}tanggal {{ dokumen.tanggal_teks }}"
                            "{% endif %}, hal {{ dokumen.hal }}"),
        ("Status per", "{{ rtl.status_per }}"),
    ], widths=(3.5, 0.4, 20.8))
    spacer(doc, 8)
    # A matrix, not a letter: it closes with the count by status (or the provincial actions it
    # refers to) instead of a "Demikian ..." sentence, and that table's last row keeps with the
    # signature, so that the signature never stands alone on the last page.
    tag(doc, "{%p if tindak_lanjut %}")
    rtl_matrix(doc)
    rtl_totals(doc)
    status_recap(doc)
    tag(doc, "{%p else %}")
    write(doc, *NO_ACTIONS, before=6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if konteks.tindak_lanjut %}")
    context_actions(doc)
    tag(doc, "{%p endif %}")
    previous_rtl(doc)
    spacer(doc, 12).paragraph_format.keep_with_next = True
    signature(doc, width=TEXT_W_LANDSCAPE)
    return doc


# =========================================================================== 4. ringkasan wilayah

def build_ringkasan_wilayah() -> DocumentObject:
    """The cross-region summary; its context is ``SUMMARY_SCHEMA`` in evalreport/summary.py."""
    doc = new_document()
    section = doc.sections[0]
    section.different_first_page_header_footer = True  # the first page has the letterhead
    page_header(section, "Ringkasan Perbandingan Antarwilayah {{ program.nama }} {{ program.periode }}")
    page_footer(section)
    page_footer(section, first=True)
    kop_surat(doc)
    write(doc, "RINGKASAN PERBANDINGAN ANTARWILAYAH", style="Title", before=24, after=6)
    write(doc, "{{ program.nama }}", style="Subtitle", after=0)
    write(doc, "Tahun ", "{{ program.periode }}", style="Subtitle", after=18)
    write(doc, "Ringkasan ini membandingkan capaian kinerja ", "{{ jumlah_wilayah }}", " wilayah pada ",
          "{{ program.nama }}", " periode ", "{{ program.periode }}", ". Capaian setiap indikator "
          "dikelompokkan ke dalam predikat menurut skema ", "{{ skema_predikat }}", "; rata-rata "
          "capaian dihitung dari indikator yang dapat dinilai",
          "{% if batas_capaian %}, dengan capaian setiap indikator dibatasi paling tinggi "
          "{{ batas_capaian }} sebelum dirata-ratakan{% endif %}", ", dan setiap predikat disertai "
          "jumlah target yang tercapai.")

    heading(doc, 2, "1. Peringkat Wilayah")
    tag(doc, "{%p for x in catatan_peringkat %}")
    write(doc, "{{ x }}", keep_next=True)
    tag(doc, "{%p endfor %}")
    caption(doc, "Tabel", "Peringkat wilayah menurut rata-rata capaian, periode ", "{{ program.periode }}",
            keep_next=True)
    data_table(doc, [
        Col("Peringkat", 1.9, C), Col("Wilayah", 4.6), Col("Rata-rata Capaian", 2.4, C),
        Col("Predikat", 2.6, C), Col("Target Tercapai", 2.2, C), Col("Indikator Dinilai", 1.8, C),
    ], ["{{ w.peringkat }}", ["{{ w.nama }}", '{%p if w.catatan %}', small("{{ w.catatan }}", italic=True),
                             "{%p endif %}"], "{{ w.rata_capaian }}",
        ("{% cellbg w.warna %}", B("{{ w.predikat }}")),
        "{{ w.jumlah_tercapai }} dari {{ w.jumlah_indikator }}", "{{ w.dinilai }}"],
        loop="for w in wilayah_peringkat")
    figure(doc, "grafik.sebaran", "Sebaran wilayah menurut predikat rata-rata capaian, periode ",
           "{{ program.periode }}")

    heading(doc, 2, "2. Predikat per Dimensi")
    write(doc, "Rata-rata capaian dan predikat setiap wilayah pada setiap dimensi disajikan pada tabel "
               "berikut.", keep_next=True)
    caption(doc, "Tabel", "Predikat wilayah per dimensi, periode ", "{{ program.periode }}", keep_next=True)
    dimension_matrix(doc)

    heading(doc, 2, "3. Peringkat per Indikator")
    intro(doc, "Untuk setiap indikator, wilayah diurutkan dari kinerja terbaik; wilayah yang belum "
               "mencapai target disebutkan.")
    figure_list(doc, "grafik.perbandingan", "Perbandingan capaian antarwilayah (% terhadap target), dimensi ",
                "{{ g.dimensi }}", ", periode ", "{{ program.periode }}")
    tag(doc, "{%p for ind in indikator_peringkat %}")
    heading(doc, 3, "{{ ind.kode }}", " ", "{{ ind.nama }}")
    # The heading keeps with a short line. The names of the regions that missed the target
    # follow in a paragraph of their own: a few names (a line or three) keep with the table, so
    # the heading never ends a page without it; a long list (hundreds of names in a national
    # dataset, more than a page) keeps with nothing, so that it can split across pages:
    # LibreOffice moves a "keep with next" paragraph longer than the rest of the page whole to
    # the next page, which left the heading alone at the bottom of a page.
    intro(doc, "Target ", "{{ ind.target }}", " (satuan: ", "{{ ind.satuan }}", "). ",
          "{% if ind.jumlah_tidak_tercapai %}{{ ind.jumlah_tidak_tercapai }} wilayah belum mencapai "
          "target.{% else %}Seluruh wilayah mencapai target.{% endif %}")
    tag(doc, "{%p if ind.jumlah_tidak_tercapai > " + str(SHORT_NAME_LIST) + " %}")
    write(doc, "Wilayah yang belum mencapai target: ", "{{ ind.tidak_tercapai }}", ".")
    tag(doc, "{%p elif ind.jumlah_tidak_tercapai %}")
    intro(doc, "Wilayah yang belum mencapai target: ", "{{ ind.tidak_tercapai }}", ".")
    tag(doc, "{%p endif %}")
    caption(doc, "Tabel", "Peringkat wilayah pada indikator ", "{{ ind.kode }}", ", periode ",
            "{{ program.periode }}", keep_next=True)
    data_table(doc, [
        Col("Peringkat", 1.9, C), Col("Wilayah", 3.6), Col("Target", 1.7, C), Col("Realisasi", 1.8, C),
        Col("Capaian", 1.8, C), Col("Predikat", 2.5, C), Col("Keterangan", 2.2, C),
    ], ["{{ b.peringkat }}", "{{ b.wilayah }}", "{{ b.target }}", "{{ b.realisasi }}", "{{ b.capaian }}",
        ("{% cellbg b.warna %}", "{{ b.predikat }}"),
        ["{{ b.tercapai }}", '{%p if b.catatan %}', small("{{ b.catatan }}", italic=True), "{%p endif %}"]],
        loop="for b in ind.baris")
    tag(doc, "{%p for g in ind.terpilah %}")
    intro(doc, B("Data terpilah menurut "), B("{{ g.nama }}"), B(". "), "Selisih antarkategori per "
          "wilayah; ", "{% if g.jumlah_melebihi %}{{ g.jumlah_melebihi }} wilayah melebihi batas "
          "selisih {{ g.batas_selisih }}.{% else %}tidak ada wilayah yang melebihi batas selisih "
          "{{ g.batas_selisih }}.{% endif %}", before=6)
    caption(doc, "Tabel", "Selisih ", "{{ ind.kode }}", " menurut ", "{{ g.nama }}", " per wilayah, periode ",
            "{{ program.periode }}", keep_next=True)
    data_table(doc, [Col("Wilayah", 3.6), Col("Nilai per Kategori", 5.2), Col("Selisih", 6.7)], [
        "{{ w.wilayah }}", "{{ w.nilai }}",
        ["{{ w.selisih }}", "{%p if w.melebihi_batas %}", small("melebihi batas", italic=True), "{%p endif %}"],
    ], loop="for w in g.wilayah")
    tag(doc, "{%p endfor %}")
    spacer(doc, 6)
    tag(doc, "{%p endfor %}")

    _summary_programme_wide(doc)
    _summary_previous(doc)
    # The closing sentence keeps with the signature block, so the signature never stands alone
    # on the last page.
    closing(doc, "Demikian ringkasan perbandingan antarwilayah ini disusun sebagai bahan evaluasi dan "
                 "perencanaan program pada periode berikutnya.", before=12)
    signature(doc)
    return doc


def _summary_previous(doc) -> None:
    """How the previous cycle's recommendations were followed up, region by region."""
    tag(doc, "{%p if tindak_lanjut_lalu.wilayah %}")
    heading(doc, 2, "{% if provinsi.ada %}5{% else %}4{% endif %}. Tindak Lanjut Hasil Evaluasi Periode ",
            "{{ tindak_lanjut_lalu.periode }}")
    intro(doc, "Posisi tindak lanjut per ", "{{ tindak_lanjut_lalu.per }}", ": ",
          "{{ tindak_lanjut_lalu.kalimat }}", " Rinciannya menurut wilayah disajikan pada tabel berikut.")
    caption(doc, "Tabel", "Status tindak lanjut rekomendasi evaluasi periode ",
            "{{ tindak_lanjut_lalu.periode }}", " menurut wilayah", keep_next=True)
    table = data_table(doc, [
        Col("Wilayah", 3.7), Col("Jumlah", 1.4, C), Col("Sesuai", 1.4, C), Col("Belum Sesuai", 1.7, C),
        Col("Belum Ditindaklanjuti", 2.6, C), Col("Tidak Dapat Ditindaklanjuti", 2.6, C),
        Col("Kegiatan Terlambat", 2.1, C),
    ], ["{{ w.nama }}", "{{ w.jumlah_rekomendasi }}", "{{ w.jumlah_sesuai }}", "{{ w.jumlah_belum_sesuai }}",
        "{{ w.jumlah_belum_ditindaklanjuti }}", "{{ w.jumlah_tidak_dapat }}", "{{ w.jumlah_terlambat }}"],
        loop="for w in tindak_lanjut_lalu.wilayah", compact=True, keep_together=True)
    row = add_row(table)
    row_props(row)
    for cell, key in zip(row.cells, ("", "jumlah_rekomendasi", "jumlah_sesuai", "jumlah_belum_sesuai",
                                     "jumlah_belum_ditindaklanjuti", "jumlah_tidak_dapat",
                                     "jumlah_terlambat"), strict=True):
        text = B("Jumlah") if not key else B("{{ tindak_lanjut_lalu.jumlah." + key + " }}")
        fill(cell, text, style="Teks Tabel Kecil", align=R if not key else C)
    tag(doc, "{%p endif %}")


def _summary_programme_wide(doc) -> None:
    """What concerns the whole programme: its conclusions, findings, recommendations and the
    action plan with its budget (each region's own plan is in its own documents)."""
    tag(doc, "{%p if provinsi.ada %}")
    heading(doc, 2, "4. Kesimpulan dan Tindak Lanjut Tingkat ", "{{ program.wilayah }}")
    tag(doc, "{%p if provinsi.kesimpulan %}")
    intro(doc, "Kesimpulan evaluasi atas seluruh wilayah adalah sebagai berikut:")
    bullets(doc, "for x in provinsi.kesimpulan", "{{ x }}", style="List Number", num_id=restarted_list(doc))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if provinsi.temuan %}")
    intro(doc, "Temuan yang berlaku bagi seluruh wilayah adalah sebagai berikut.", before=6)
    tag(doc, "{%p for t in provinsi.temuan %}")
    heading(doc, 3, "Temuan ", "{{ t.no }}", " (", "{{ t.kode }}", "): ", "{{ t.judul }}")
    finding_table(doc)
    spacer(doc, 6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if provinsi.rekomendasi %}")
    intro(doc, "Rekomendasi yang berlaku bagi seluruh wilayah, menurut prioritas:", before=6)
    caption(doc, "Tabel", "Rekomendasi tingkat ", "{{ program.wilayah }}", keep_next=True)
    data_table(doc, [
        Col("No", 0.8, C), Col("Kode", 1.3, C), Col("Rekomendasi", 6.2), Col("Prioritas", 1.9, C),
        Col("Ditujukan Kepada", 3.5), Col("Temuan", 1.8, C),
    ], ["{{ r.no }}", "{{ r.kode }}", "{{ r.teks }}", "{{ r.prioritas }}", "{{ r.ditujukan_kepada }}",
        "{{ r.temuan }}"], loop="for r in provinsi.rekomendasi")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if provinsi.tindak_lanjut %}")
    intro(doc, "Rencana tindak lanjut tingkat ", "{{ program.wilayah }}", ", dengan anggarannya:", before=6)
    caption(doc, "Tabel", "Rencana tindak lanjut tingkat ", "{{ program.wilayah }}", " (status per ",
            "{{ provinsi.rtl.status_per }}", ")", keep_next=True)
    table = data_table(doc, [
        Col("No", 0.7, C), Col("Kode", 1.1, C), Col("Kegiatan", 3.8), Col("Penanggung Jawab", 2.8),
        Col("Batas Waktu", 1.9, C), Col("Anggaran", 2.7, R), Col("Status", 2.5, C),
    ], ["{{ t.no }}", [B("{{ t.kode }}"), small("{{ t.kode_rekomendasi }}")], "{{ t.kegiatan }}",
        "{{ t.penanggung_jawab }}", "{{ t.batas_waktu }}", "{{ t.anggaran }}",
        [("{% cellbg t.warna_status %}", "{{ t.status }}"), small("Progres {{ t.progres }}"), *late("t")]],
        loop="for t in provinsi.tindak_lanjut", compact=True)
    total_row(table, "Jumlah anggaran", 5, "{{ provinsi.rtl.total_anggaran }}", compact=True)
    write(doc, "{{ provinsi.rtl.kalimat }} {{ provinsi.rtl.kalimat_wilayah }}", before=6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def dimension_matrix(doc) -> Table:
    """Regions down, dimensions across: one column per dimension through docxtpl column loops
    ({%tc for %}). After rendering, docxtpl scales the template's grid columns and adds equal
    ones for the extra cells, so the four template columns must be equal for the region and
    dimension columns to come out equal; Word re-fits the table to its content (autofit)."""
    widths = [TEXT_W / 4] * 4
    table = new_table(doc, widths)
    cell_margins(table, left=0.1, right=0.1)
    head = add_row(table)
    row_props(head, header=True)
    for cell, text in zip(head.cells, ("Wilayah", "{%tc for d in dimensi_kolom %}", "{{ d.nama }}",
                                       "{%tc endfor %}")):
        shade(cell, HEADER_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        fill(cell, text, style="Kode Templat" if text.startswith("{%tc") else "Kepala Tabel Kecil")
    tag_row(table, "{%tr for w in wilayah_peringkat %}")
    row = add_row(table)
    row_props(row)
    fill(row.cells[0], "{{ w.nama }}", style="Teks Tabel Kecil")
    fill(row.cells[1], "{%tc for d in w.dimensi %}", style="Kode Templat")
    fill(row.cells[2], ("{% cellbg d.warna %}", B("{{ d.predikat }}")), small("{{ d.rata_capaian }}"),
         small("{{ d.tercapai_teks }}"), style="Teks Tabel Kecil", align=C)
    fill(row.cells[3], "{%tc endfor %}", style="Kode Templat")
    tag_row(table, "{%tr endfor %}")
    make_room_for_cellbg(row.cells[2])
    # Let Word and LibreOffice size the generated columns: no fixed layout, no cell widths.
    tblPr = table._tbl.tblPr
    tblPr.find(qn("w:tblW")).set(qn("w:type"), "pct")
    tblPr.find(qn("w:tblW")).set(qn("w:w"), "5000")
    layout = tblPr.find(qn("w:tblLayout"))
    if layout is not None:
        tblPr.remove(layout)
    for tcW in table._tbl.iter(qn("w:tcW")):
        tcW.set(qn("w:type"), "auto")
        tcW.set(qn("w:w"), "0")
    return table


# =========================================================================== saving

TEMPLATES = {
    "laporan-evaluasi.docx": (build_laporan, "Templat Laporan Evaluasi",
                              "Laporan evaluasi program per wilayah"),
    "rekomendasi.docx": (build_rekomendasi, "Templat Surat Rekomendasi Hasil Evaluasi",
                         "Surat pengantar dan daftar rekomendasi menurut prioritas"),
    "rencana-tindak-lanjut.docx": (build_rtl, "Templat Matriks Rencana Tindak Lanjut",
                                   "Matriks rencana tindak lanjut hasil evaluasi"),
    "ringkasan-wilayah.docx": (build_ringkasan_wilayah, "Templat Ringkasan Perbandingan Antarwilayah",
                               "Kerangka ringkasan perbandingan antarwilayah (belum lengkap)"),
}


def save(doc: DocumentObject, path: Path, title: str, subject: str) -> None:
    """Save with fixed metadata and zip timestamps, so every build gives the same bytes."""
    cp = doc.core_properties
    cp.title, cp.subject = word(title), word(subject)
    cp.author = cp.last_modified_by = "evalreport"
    cp.created = cp.modified = FIXED_TIME
    cp.revision = 1
    cp.language = PROOFING[LANG]
    cp.keywords = word("evalreport; templat; docxtpl")
    # No Jinja-looking text here: docxtpl renders the core properties as templates too.
    cp.comments = word("Templat Word evalreport; tanda isian di dalam kurung kurawal diisi otomatis.")
    cp.category = word("Templat")
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<Application>[^<]*</Application>", b"<Application>evalreport</Application>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


# Each language's set: Indonesian in the folder itself, English in en/.
FOLDERS = {"id": "", "en": "en"}
PROOFING = {"id": "id-ID", "en": "en-GB"}


def main(argv: list[str] | None = None) -> None:
    global LANG
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates", help="folder to write to")
    args = parser.parse_args(argv)
    for lang, folder in FOLDERS.items():
        LANG = lang
        MISSING.clear()
        for name, (build, title, subject) in TEMPLATES.items():
            save(build(), args.out / folder / name, title, subject)
            print(args.out / folder / name)
        if MISSING:
            raise SystemExit(f"no {lang} words in scripts/template_words.py for:\n  " +
                             "\n  ".join(repr(t) for t in dict.fromkeys(MISSING)))


if __name__ == "__main__":
    main()

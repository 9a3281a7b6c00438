"""Charts Word can edit: the report's charts as DrawingML chart parts with an embedded workbook.

Each public function takes the same data as its picture twin in :mod:`evalreport.charts.draw`
(the same signature; ``dpi`` is accepted and not used) and returns a
:class:`~evalreport.charts.model.NativeChart` (the chart part's XML, every value also cached in
it, and the workbook Word opens on "Edit Data") or, for charts of one panel per indicator, a
:class:`~evalreport.charts.model.ChartGroup`. :mod:`evalreport.word.charts` puts them into a
document.

Why lxml + XlsxWriter and not python-pptx's chart writer (``ChartXmlWriter`` with
``CategoryChartData``): python-pptx writes PowerPoint's plain chart types, and these charts
need a second bar group on secondary axes (a target line is an axis crossing at 100 %, the one
form Word and LibreOffice both draw; a zone where a value meets its target is a bar growing from
that crossing), per-point label formats, pattern fills and error bars, so most of its XML would
be patched; its workbook writer stamps the time of writing (documents must be byte-identical
between runs); and its chart parts belong to a python-pptx package, not a python-docx one. So
the chart XML is written here, in ECMA-376 schema order, and the workbook with XlsxWriter
(public API only; a fixed creation date, and XlsxWriter fixes the zip entries' dates).

What the charts show is what the pictures show, from the same places:

* colours from :mod:`.style` and the band colours of the scheme; greyscale-safe as the pictures:
  bands differ in lightness or carry a pattern (:func:`.palette.band_hatches`, written as
  DrawingML presets by :func:`.palette.drawingml_pattern`), a missed target is a diagonal
  pattern whatever the band, and every value is also written as a label;
* bars of one band are one series, named after the band: the legend names the colours, and
  Word and LibreOffice list it alike (no legend entry is hidden);
* the report's region in a comparison: "►" before its name, a dark edge round its bar, its value
  in bold; ranks before the names, ties marked "4=";
* target and actual: the actual value as a percentage of its target on one scale, the side of
  the target that meets it shaded, the target dashed;
* words are catalogue messages in the document's language (``lang``);
* numbers: each label's number format is read from the caller's ``number_format`` (the one the
  pictures use), with a locale tag (``[$-421]`` Indonesian, ``[$-409]`` English) so that
  LibreOffice, which makes the PDFs, writes "91,71%"; Word writes the separators of the
  computer's regional settings;
* fonts: Arial (LibreOffice uses Liberation Sans, the pictures' font, with Arial's metrics),
  nothing below 8 pt; the plot area is placed by hand and long labels wrapped here, so that Word
  and LibreOffice lay a chart out alike.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import xlsxwriter

from ..i18n.messages import Message, _, n_
from .draw import (
    ACTUAL_WORD,
    MISSED,
    NO_DATA,
    TARGET,
    TIED,
    _fmt_for,
    _nice_hi,
    _pair_texts,
    _rank_marks,
    _rank_rows,
    _region_alt,
    _shares,
    _subtitle,
    _target_text,
    _zone,
)
from .model import Bar, ChartGroup, NativeChart, Pair, RegionValue, Series
from .palette import contrast_ink, drawingml_pattern
from .style import (
    ACTUAL,
    BAND_FACE,
    EDGE,
    GRID,
    HIGHLIGHT,
    LABEL_PT,
    MAX_HEIGHT_CM,
    MUTED,
    PAD,
    PT,
    REF,
    SMALL_PT,
    SPINE,
    TEXT,
    TITLE_PT,
    NumberFormat,
)
from .text import _count, _intro, _TickFormatter, _width, _with_unit, _wrap

__all__ = ["achievement_chart", "target_actual_chart", "trend_chart", "region_comparison_chart",
           "distribution_chart", "WORKBOOK_RID", "FULL_WIDTH_CM", "HALF_WIDTH_CM"]

WORKBOOK_RID = "rId1"  # the chart part's relationship to its workbook
SHEET = "Sheet1"
# The width of a chart: the line of the bundled templates (15.5 cm) less a little. A picture
# is 16 cm and may reach into the margin; a chart wider than the line is squeezed to it by
# LibreOffice, its text narrowed. Two half-width charts side by side fit the line.
FULL_WIDTH_CM = 15.4
HALF_WIDTH_CM = 7.6
FONT = "Arial"
LEAD = 1.22  # line height / font size, as Word and LibreOffice set chart text
EMU_PT = 12700
WHITE = "#FFFFFF"
NO_BAND_WORD = _("no band")
MEETS = _("Meets the target")
_LANG_TAG = {"id": "id-ID", "en": "en-US"}

# -- number formats -----------------------------------------------------------------------------

_SAMPLE = re.compile(r"^(?P<pre>\D*?)(?P<int>\d+)(?:(?P<sep>[.,])(?P<frac>\d+))?(?P<post>\D*)$")
_LCID = {",": "[$-421]", ".": "[$-409]"}  # Indonesian, English (United States)


@dataclass(frozen=True)
class _Style:
    """How a caller's number_format writes numbers: decimals, separator, text around."""

    decimals: int
    sep: str  # the decimal separator
    pre: str = ""
    post: str = ""

    def code(self, pre: str | None = None, post: str | None = None) -> str:
        """The chart number format code, e.g. ``[$-421]#,##0.00"%"``."""
        pre, post = self.pre if pre is None else pre, self.post if post is None else post
        frac = "." + "0" * self.decimals if self.decimals else ""
        return f"{_LCID[self.sep]}{_literal(pre)}#,##0{frac}{_literal(post)}"

    def read(self, text: str) -> tuple[float, str, str] | None:
        """(number, text before, text after) of the first number written this way in text."""
        group = "." if self.sep == "," else ","
        m = re.search(r"[−-]?\d{1,3}(?:" + re.escape(group) + r"\d{3})*(?:" + re.escape(self.sep)
                      + r"\d+)?|[−-]?\d+(?:" + re.escape(self.sep) + r"\d+)?", text)
        if not m:
            return None
        raw = m.group(0).replace("−", "-").replace(group, "").replace(self.sep, ".")
        return float(raw), text[: m.start()], text[m.end():]


def _literal(text: str) -> str:
    return f'"{text.replace(chr(34), "″")}"' if text else ""


def _static(text: str) -> str:
    """A number format that writes text whatever the value (a label that is not its number)."""
    return _literal(text) or '""'


@lru_cache(maxsize=256)
def _style(number_format: NumberFormat, decimals: int | None = None) -> _Style:
    """The style of number_format (told the decimals when known), read from how it writes 1.5."""
    sample = number_format(1.5) if decimals is None else number_format(1.5, decimals)  # type: ignore[call-arg]
    m = _SAMPLE.match(sample.strip())
    if not m:
        return _Style(2 if decimals is None else decimals, ",")
    sep = m.group("sep")
    if sep is None:  # "2": no decimals; the separator is the one its groups do not use
        sep = "." if "," in number_format(1234567.0) else ","
    return _Style(len(m.group("frac") or ""), sep, m.group("pre"), m.group("post"))


def _label_code(text: str, value: float | None, style: _Style) -> str:
    """The number format that writes ``text`` for ``value``: the number in it follows the
    value (editing the data updates it), the words around it are kept; text without the value
    in it is written as it is (static)."""
    read = style.read(text) if value is not None else None
    if read is not None and value is not None:
        number, pre, post = read
        num = text[len(pre): len(text) - len(post)]
        decimals = len(num.split(style.sep)[1]) if style.sep in num else 0
        if round(value, decimals) == round(number, decimals):
            return _Style(decimals, style.sep).code(pre, post)
    return _static(text)


def _decimals_for(step: float) -> int:
    """Decimals a tick step needs: 0 for 10, 1 for 2.5, 2 for 0.25."""
    return next((d for d in range(6) if abs(round(step, d) - step) < 1e-9), 6)


def _nice_step(span: float, ticks: int = 6) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` ticks."""
    raw = max(span, 1e-9) / ticks
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _round_down(value: float, step: float) -> float:
    return math.floor(round(value / step, 9)) * step


# -- XML ----------------------------------------------------------------------------------------

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_NSDECL = "".join(f' xmlns:{k}="{v}"' for k, v in NS.items())
# What XML 1.0 cannot hold (data text is cleaned before it gets here; this is the last guard)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                           "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"})


def _esc(text: str, table: dict) -> str:
    text = text.translate(table)
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def _flat(children, out: list[str]) -> None:
    for x in children:
        if x is None:
            continue
        if isinstance(x, (list, tuple)):
            _flat(x, out)
        else:
            out.append(x)


def E(tag: str, *children, text: str | None = None, **attrs) -> str:
    """An element as XML text (written as strings: a chart has thousands of elements, and
    building them as lxml elements was most of a chart's time); children may be elements,
    None (skipped) or lists of them; attributes whose value is None are left out."""
    head = "<" + tag + (_NSDECL if tag == "c:chartSpace" else "")
    for k, v in attrs.items():
        if v is not None:
            head += f' {k}="{_esc(str(v), _ATTR_ESC)}"'
    body: list[str] = []
    if text is not None:
        body.append(_esc(text, _TEXT_ESC))
    _flat(children, body)
    if not body:
        return head + "/>"
    return head + ">" + "".join(body) + "</" + tag + ">"


def V(tag: str, val: object) -> str:
    """An element with only a ``val`` attribute (booleans as 1/0)."""
    if isinstance(val, bool):
        val = int(val)
    return f'<{tag} val="{_esc(str(val), _ATTR_ESC)}"/>'


def _digits(v: float) -> float:
    """A value to 15 significant digits, the precision of a spreadsheet cell: the chart caches
    and the workbook holds the same number (XlsxWriter writes 16 digits, Python's repr 17)."""
    return float(f"{v:.15g}")


def _num(v: float) -> str:
    v = _digits(v)
    return repr(v) if not v.is_integer() else str(int(v))


def _rgb(color: str, alpha: float | None = None) -> str:
    return E("a:srgbClr", V("a:alpha", round(alpha * 100000)) if alpha is not None else None,
             val=color.lstrip("#").upper())


def _solid(color: str) -> str:
    return E("a:solidFill", _rgb(color))


def _fill(color: str | None, pattern: str | None = None) -> str:
    """A solid fill, no fill (None), or a preset pattern over the colour in the ink that shows
    on it (as the pictures draw their hatches)."""
    if color is None:
        return E("a:noFill")
    if pattern is None:
        return _solid(color)
    return E("a:pattFill", E("a:fgClr", _rgb(contrast_ink(color))), E("a:bgClr", _rgb(color)),
             prst=pattern)


def _line(color: str | None, width_pt: float = 0.75, dash: str | None = None) -> str:
    if color is None:
        return E("a:ln", E("a:noFill"))
    return E("a:ln", _solid(color), V("a:prstDash", dash) if dash else None,
             w=round(width_pt * EMU_PT))


def _sppr(fill: str | None = None, line: str | None = None) -> str:
    return E("c:spPr", fill, line)


def _rpr(tag: str, size: float, color: str = TEXT, bold: bool = False,
         italic: bool = False) -> str:
    return E(tag, _solid(color), E("a:latin", typeface=FONT), E("a:cs", typeface=FONT),
             sz=round(size * 100), b=int(bold), i=int(italic))


def _txpr(size: float, color: str = TEXT, bold: bool = False, rot: int | None = None,
          nowrap: bool = False) -> str:
    """Text properties; nowrap: written on one line however long (value labels)."""
    body = E("a:bodyPr", rot=rot * 60000 if rot is not None else None,
             vert="horz" if rot is not None else None, wrap="none" if nowrap else None)
    return E("c:txPr", body, E("a:lstStyle"),
             E("a:p", E("a:pPr", _rpr("a:defRPr", size, color, bold)), E("a:endParaRPr", lang="id-ID")))


@dataclass(frozen=True)
class _Text:
    """Lines of one style, for a title."""

    lines: tuple[str, ...]
    size: float
    color: str = TEXT
    bold: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEAD


def _rich_title(blocks: Sequence[_Text], x: float | None = None, y: float | None = None,
                left: bool = False) -> str:
    """A c:title with its own text (not linked to a cell), at (x, y) (fractions of the chart)
    when given, its lines left-aligned when ``left``."""
    paras = [E("a:p", E("a:pPr", _rpr("a:defRPr", b.size, b.color, b.bold), algn="l" if left else None),
               E("a:r", _rpr("a:rPr", b.size, b.color, b.bold), E("a:t", text=line)))
             for b in blocks for line in b.lines]
    layout = None
    if x is not None and y is not None:
        layout = E("c:layout", E("c:manualLayout", V("c:xMode", "edge"), V("c:yMode", "edge"),
                                 V("c:x", round(x, 5)), V("c:y", round(y, 5))))
    return E("c:title", E("c:tx", E("c:rich", E("a:bodyPr"), E("a:lstStyle"), paras)), layout,
             V("c:overlay", 0))


def _axis_title(text: str) -> str:
    return _rich_title([_Text((text,), LABEL_PT)])


def _manual(x: float, y: float, w: float, h: float, target: str | None = "inner") -> str:
    """A c:layout placing an element at fractions of the chart's width and height."""
    return E("c:layout", E(
        "c:manualLayout", V("c:layoutTarget", target) if target else None,
        V("c:xMode", "edge"), V("c:yMode", "edge"),
        V("c:x", round(x, 5)), V("c:y", round(y, 5)), V("c:w", round(w, 5)), V("c:h", round(h, 5))))


# -- the data: one sheet, its cell ranges, the workbook -----------------------------------------


def _col(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] if i < 26 else _col(i // 26 - 1) + _col(i % 26)


@dataclass
class _Column:
    header: str
    values: list  # str for the category column, float | None for the others
    number_format: str = "General"  # the chart's label format (the sheet gets its number part)


@dataclass
class _Sheet:
    """What the chart shows, as cells of Sheet1 under a header row: the category column, one
    column per series, then columns other parts read (error bar lengths). ``base``: the
    column of the first series, and ``book`` the whole sheet, when several charts share one
    workbook (each its own columns of it)."""

    category: _Column
    series: list[_Column]
    extra: list[_Column] = field(default_factory=list)
    base: int = 1
    book: tuple | None = None
    _cat: str | None = field(default=None, init=False, repr=False)

    @property
    def rows(self) -> int:
        return len(self.category.values)

    @property
    def columns(self) -> list[_Column]:
        return [self.category, *self.series, *self.extra]

    def _range(self, c: int) -> str:
        return f"{SHEET}!${_col(c)}$2:${_col(c)}${self.rows + 1}"

    def cat(self) -> str:
        """The c:cat of every series: the category column, with its cached text (the same for
        every series: written once)."""
        if self._cat is None:
            self._cat = E("c:cat", E("c:strRef", E("c:f", text=self._range(0)),
                                     _str_cache(self.category.values)))
        return self._cat

    def tx(self, i: int) -> str:
        """The c:tx of series i (or, past the series, of an extra column): its header cell."""
        cell = f"{SHEET}!${_col(self.base + i)}$1"
        return E("c:tx", E("c:strRef", E("c:f", text=cell), _str_cache([self.columns[1 + i].header])))

    def val(self, i: int, tag: str = "c:val") -> str:
        """The values of series i (or of an extra column) as ``tag``: a reference with the
        numbers cached, blanks left out."""
        col = self.columns[1 + i]
        return E(tag, E("c:numRef", E("c:f", text=self._range(self.base + i)), E(
            "c:numCache", E("c:formatCode", text=_sheet_format(col.number_format)),
            V("c:ptCount", self.rows),
            [E("c:pt", E("c:v", text=_num(v)), idx=j) for j, v in enumerate(col.values)
             if v is not None])))

    def xlsx(self) -> bytes:
        """The workbook: the same cells, numbers with their decimals; byte-identical for the
        same data, and made once per process for the same data."""
        if self.book is not None:
            return _workbook(self.book)
        return _workbook(tuple((c.header, tuple(c.values), _sheet_format(c.number_format))
                               for c in self.columns))


@lru_cache(maxsize=512)
def _workbook(columns: tuple[tuple[str, tuple, str], ...]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    # XlsxWriter stamps the time of writing unless told a date; it writes the zip entries with
    # a fixed date itself
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    ws = wb.add_worksheet(SHEET)
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    text = wb.add_format({"text_wrap": True, "valign": "top"})
    formats: dict[str, object] = {}
    for c, (header, values, number_format) in enumerate(columns):
        ws.set_column(c, c, 48 if c == 0 else 16)
        ws.write_string(0, c, header, head)
        if c == 0:
            for r, v in enumerate(values, 1):
                ws.write_string(r, 0, v, text)
            continue
        fmt = formats.get(number_format)
        if fmt is None:
            fmt = formats[number_format] = wb.add_format({"num_format": number_format,
                                                          "valign": "top"})
        for r, v in enumerate(values, 1):
            if v is not None:
                ws.write_number(r, c, _digits(v), fmt)
    wb.close()
    return buf.getvalue()


def _sheet_format(code: str) -> str:
    """The number part of a label format, for the sheet's cells: "#,##0.00" (no words)."""
    m = re.search(r"#,##0(\.0+)?", code)
    return m.group(0) if m else "General"


def _category_point(i: int, text: str) -> str:
    return E("c:pt", E("c:v", text=text), idx=i)


def _str_cache(values: Sequence[str]) -> str:
    return E("c:strCache", V("c:ptCount", len(values)),
             [_category_point(i, v) for i, v in enumerate(values)])


# -- chart pieces -------------------------------------------------------------------------------

_LABEL_FLAGS = ("c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName",
                "c:showPercent", "c:showBubbleSize")


def _flags(value: bool) -> list[str]:
    return [V(tag, value and tag == "c:showVal") for tag in _LABEL_FLAGS]


def _label(i: int, code: str, pos: str | None, size: float = SMALL_PT, bold: bool = False) -> str:
    """One point's value label (c:dLbl) in its own number format, on a white ground."""
    return E("c:dLbl", V("c:idx", i), E("c:numFmt", formatCode=code, sourceLinked=0),
             _sppr(_solid(WHITE), _line(None)), _txpr(size, bold=bold, nowrap=True),
             V("c:dLblPos", pos) if pos else None, _flags(True))


def _dlbls(codes: dict[int, str], default: str | None, pos: str | None, size: float = SMALL_PT,
           marked: bool = False) -> str:
    """Value labels of a series, on one line on a white ground (a reference line or a grid
    line never runs through the digits): one c:dLbl per point in ``codes`` whose format differs
    from ``default``; no labels at all if default is None and codes is empty. ``marked``: each
    point's label between markers (see :func:`_band_series`)."""
    if default is None and not codes:
        return E("c:dLbls", V("c:delete", 1))
    own = []
    for i, code in sorted(codes.items()):
        if marked:
            own.append(f"<!--L{i}-->")
        if code != default:
            own.append(_label(i, code, pos, size))
        if marked:
            own.append(f"<!--/L{i}-->")
    return E("c:dLbls", own,
             E("c:numFmt", formatCode=default or "General", sourceLinked=0),
             _sppr(_solid(WHITE), _line(None)), _txpr(size, nowrap=True),
             V("c:dLblPos", pos) if pos else None, _flags(default is not None),
             V("c:showLeaderLines", 0))


def _scaling(lo: float | None = None, hi: float | None = None,
             reverse: bool = False) -> str:
    return E("c:scaling", V("c:orientation", "maxMin" if reverse else "minMax"),
             V("c:max", _num(hi)) if hi is not None else None,
             V("c:min", _num(lo)) if lo is not None else None)


def _cat_ax(ax_id: int, cross: int, pos: str, *, reverse: bool = False, size: float = LABEL_PT,
            labels: bool = True, line: str | None = None,
            crosses_at: float | None = None, bold: bool = False) -> str:
    """A category axis with no ticks; its labels at the low end of the value axis (left of
    the plot even when the axis crosses elsewhere); crossing its value axis at ``crosses_at``
    if given (a target line)."""
    return E("c:catAx", V("c:axId", ax_id), _scaling(reverse=reverse), V("c:delete", 0),
             V("c:axPos", pos), V("c:majorTickMark", "none"), V("c:minorTickMark", "none"),
             V("c:tickLblPos", "low" if labels else "none"),
             _sppr(None, line if line is not None else _line(SPINE)), _txpr(size, bold=bold),
             V("c:crossAx", cross),
             V("c:crossesAt", _num(crosses_at)) if crosses_at is not None
             else V("c:crosses", "autoZero"),
             V("c:auto", 1), V("c:lblAlgn", "ctr"), V("c:lblOffset", 100),
             V("c:tickLblSkip", 1), V("c:tickMarkSkip", 1), V("c:noMultiLvlLbl", 1))


def _val_ax(ax_id: int, cross: int, pos: str, lo: float, hi: float, step: float, code: str, *,
            title: str = "", crosses: str = "autoZero", visible: bool = True,
            grid: bool = True) -> str:
    """A value axis from lo to hi with a tick every step; visible=False: there (for a group on
    secondary axes) but with no line, ticks or labels."""
    return E("c:valAx", V("c:axId", ax_id), _scaling(lo, hi), V("c:delete", 0),
             V("c:axPos", pos),
             E("c:majorGridlines", _sppr(None, _line(GRID, 0.7))) if grid and visible else None,
             _axis_title(title) if title and visible else None,
             E("c:numFmt", formatCode=code, sourceLinked=0),
             V("c:majorTickMark", "out" if visible else "none"), V("c:minorTickMark", "none"),
             V("c:tickLblPos", "nextTo" if visible else "none"),
             _sppr(None, _line(SPINE if visible else None)), _txpr(SMALL_PT),
             V("c:crossAx", cross), V("c:crosses", crosses), V("c:crossBetween", "between"),
             V("c:majorUnit", _num(step)))


def _chart_space(plot_area: str, lang: str, *, title: str | None = None,
                 legend: str | None = None, encode: bool = True):
    """The chart part: the plot area, title and legend on a white chart area, Arial 8 pt by
    default, the workbook linked as relationship rId1."""
    chart = E("c:chart", title, V("c:autoTitleDeleted", 0 if title is not None else 1),
              plot_area, legend, V("c:plotVisOnly", 1), V("c:dispBlanksAs", "gap"))
    space = E("c:chartSpace", V("c:date1904", 0), V("c:lang", _LANG_TAG.get(lang, "id-ID")),
              V("c:roundedCorners", 0), chart, _sppr(_solid(WHITE), _line(None)), _txpr(SMALL_PT),
              E("c:externalData", V("c:autoUpdate", 0), **{"r:id": WORKBOOK_RID}))
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + space
    return xml.encode("utf-8") if encode else xml


LEGEND_ROW = SMALL_PT * LEAD + 5


def _legend_rows(names: Sequence[str], width: float) -> int:
    """Rows a legend of these entries takes in ``width`` points (key, gap, text, spacing)."""
    rows, used = 1, 0.0
    for name in names:
        # LibreOffice's spacing: the key, a gap, the text, and a wide gap before the next
        w = 2.2 * SMALL_PT + _width(name, SMALL_PT) * 1.08 + 3.0 * SMALL_PT
        if used and used + w > width:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def _legend(x: float, y: float, w: float, h: float, entries: Sequence[int] = ()) -> str:
    """A legend of every series at (x, y, w, h), fractions of the chart; ``entries``: the
    indexes of series not to list (line charts only: Word and LibreOffice number the entries
    of horizontal bars in different orders)."""
    hidden = [E("c:legendEntry", V("c:idx", i), V("c:delete", 1)) for i in entries]
    return E("c:legend", V("c:legendPos", "t"), hidden, _manual(x, y, w, h, target=None),
             V("c:overlay", 0), _sppr(E("a:noFill"), _line(None)), _txpr(SMALL_PT))


def _say(lang: str, text: str | Message) -> str:
    return text.render(lang) if isinstance(text, Message) else text


def _height_cm(points: float) -> float:
    return min(MAX_HEIGHT_CM, math.ceil(round(points / PT * 100, 6)) / 100)


# -- horizontal bars ----------------------------------------------------------------------------


@dataclass
class _Layout:
    """A chart's layout in points, ``width`` wide: the plot area ``plot_h`` high at ``top``,
    with margins ``left`` (category labels), ``right`` (value labels running past the plot)
    and ``bottom`` (the x axis)."""

    width: float
    top: float
    plot_h: float
    bottom: float
    left: float
    right: float = PAD

    @property
    def height(self) -> float:
        return self.top + self.plot_h + self.bottom

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    def plot(self) -> str:
        """The plot area's c:layout (inner: the plot without its axis labels)."""
        h = self.height
        return _manual(self.left / self.width, self.top / h, self.plot_w / self.width,
                       self.plot_h / h)

    def fit_labels(self, ends: Sequence[tuple[float, float]], lo: float, hi: float) -> float:
        """Widen the right margin so that every value label (bar end, label width in pt)
        fits right of its bar (at most 45 % of the space right of the category labels); the
        low end of the x axis, moved left if a label left of a negative bar needs room."""
        room = self.width - PAD - self.left
        need = PAD
        for end, w in ends:
            f = (max(end, 0.0) - lo) / (hi - lo)
            if f > 0:
                need = max(need, room - (room - w - 8) / f)
        self.right = min(0.45 * room, math.ceil(need))
        for end, w in ends:  # a negative bar's label is left of its end
            if end < 0:
                lo = min(lo, end - (w + 8) / self.plot_w * (hi - lo))
        return lo


def _heading(blocks: list[_Text], width: float) -> tuple[str | None, float]:
    """A left-aligned title of text blocks (a panel's name in bold, a grey line under it) and
    the points it takes at the top."""
    blocks = [b for b in blocks if b.lines and any(line.strip() for line in b.lines)]
    if not blocks:
        return None, PAD
    return _rich_title(blocks, x=PAD / width, y=0.0, left=True), PAD + sum(b.height for b in blocks) + 6


def _x_axis_h(title: bool) -> float:
    return SMALL_PT * LEAD + 8 + (LABEL_PT * LEAD + 4 if title else 0) + PAD


def _bar_group(series: list[str], ax_ids: tuple[int, int], gap: int = 60,
               overlap: int = 100) -> str:
    return E("c:barChart", V("c:barDir", "bar"), V("c:grouping", "clustered"), V("c:varyColors", 0),
             series, V("c:gapWidth", gap), V("c:overlap", overlap),
             V("c:axId", ax_ids[0]), V("c:axId", ax_ids[1]))


@dataclass(frozen=True)
class _BandKey:
    label: str
    color: str
    hatch: str


def _point(j: int, key: _BandKey, missed: bool, lit: bool) -> str:
    """The c:dPt of a bar drawn unlike its series: a missed target's pattern, the report's
    region's dark edge."""
    return E("c:dPt", V("c:idx", j), V("c:invertIfNegative", 0), V("c:bubble3D", 0),
             _sppr(_fill(key.color, drawingml_pattern(key.hatch, missed)),
                   _line(HIGHLIGHT, 1.75) if lit else _line(EDGE, 0.5)))


def _band_series(sheet: _Sheet, keys: list[_BandKey], rows: Sequence[_BandKey | None],
                 mets: Sequence[bool | None], codes: dict[int, str], default: str | None,
                 first: int = 0, marked: bool = False) -> list[str]:
    """One bar series per band (sheet series ``first`` + k for keys[k]): its colour and pattern,
    a thin dark edge (a pale band shows on paper), the missed targets' pattern per point, and
    each point's label. ``marked``: each row's point and label between markers, for
    :class:`_PanelPlan` to mark the report's region."""
    out = []
    for k, key in enumerate(keys):
        i = first + k
        mine = [j for j, r in enumerate(rows) if r == key]
        points = []
        for j in mine:
            missed = mets[j] is False
            if marked:
                points.append(f"<!--P{j}-->")
            if missed:
                points.append(_point(j, key, True, False))
            if marked:
                points.append(f"<!--/P{j}-->")
        out.append(E("c:ser", V("c:idx", i), V("c:order", i), sheet.tx(i),
                     _sppr(_fill(key.color, drawingml_pattern(key.hatch)), _line(EDGE, 0.5)),
                     V("c:invertIfNegative", 0), points,
                     _dlbls({j: codes[j] for j in mine if j in codes}, default if mine else None,
                            "outEnd", marked=marked),
                     sheet.cat(), sheet.val(i)))
    return out


def _legend_series(sheet: _Sheet, i: int, fill: str,
                   line: str) -> str:
    """A series with no values, there for its legend entry (a missed target's pattern)."""
    return E("c:ser", V("c:idx", i), V("c:order", i), sheet.tx(i), _sppr(fill, line),
             V("c:invertIfNegative", 0), E("c:dLbls", V("c:delete", 1)), sheet.cat(), sheet.val(i))


def _reference_group(sheet: _Sheet, i: int, value: float, lo: float, hi: float
                     ) -> tuple[str, list[str]]:
    """A dashed line at x = ``value`` over horizontal bars: a second bar group on secondary
    axes (3 and 4) whose category axis, with no labels, crosses its value axis at ``value``
    (Word and LibreOffice both draw an axis crossing; neither draws a scatter line over
    horizontal bars the same way). Its series (sheet series ``i``, no values) names the line
    in the legend with a dashed key."""
    ser = E("c:ser", V("c:idx", i), V("c:order", i), sheet.tx(i),
            _sppr(E("a:noFill"), _line(REF, 1.1, "dash")), V("c:invertIfNegative", 0),
            E("c:dLbls", V("c:delete", 1)), sheet.cat(), sheet.val(i))
    axes = [_cat_ax(3, 4, "r", reverse=True, labels=False, line=_line(REF, 1.1, "dash"),
                    crosses_at=value),
            _val_ax(4, 3, "t", lo, hi, hi - lo, "General", crosses="max", visible=False)]
    return _bar_group([ser], (3, 4)), axes


def _missed_fill() -> str:
    """The legend key of a missed target: the bars' diagonal, drawn closer (a key is too small
    for the bars' wide one to show a line in LibreOffice)."""
    return E("a:pattFill", E("a:fgClr", _rgb(TEXT)), E("a:bgClr", _rgb(WHITE)), prst="dkUpDiag")


def _x_range(values: Sequence[float | None], hi: float) -> tuple[float, float, float]:
    """x axis limits and tick step for bars from min(0, lowest) to ``hi``."""
    present = [v for v in values if v is not None]
    lo = min([0.0] + present) * 1.1
    step = _nice_step(hi - lo)
    return _round_down(lo, step), math.ceil(round(hi / step, 9)) * step, step


def _band_keys(labels: Sequence[str], colors: Sequence[str], hatches: Sequence[str],
               values: Sequence[float | None], lang: str,
               order: Sequence[tuple] = ()) -> tuple[list[_BandKey], list[_BandKey | None]]:
    """The bands shown (in the scheme's order where ``order`` gives it, else as they come)
    and each row's band (None: no bar)."""
    rows: list[_BandKey | None] = []
    for label, color, hatch, v in zip(labels, colors, hatches, values):
        rows.append(None if v is None else
                    _BandKey(label or NO_BAND_WORD.render(lang), color.upper(), hatch))
    seen = list(dict.fromkeys(r for r in rows if r is not None))
    rank = {(str(lab), str(col).upper()): n for n, (lab, col, *_) in enumerate(order)}
    seen.sort(key=lambda k: rank.get((k.label, k.color), len(rank)))
    return seen, rows


def _bar_labels(texts: Sequence[str], values: Sequence[float | None], style: _Style) -> dict[int, str]:
    return {i: _label_code(t, v, style) for i, (t, v) in enumerate(zip(texts, values))
            if v is not None}


def _row_labels(labels: Sequence[str], *, room: float, width: float, floor: float,
                size: float = LABEL_PT) -> tuple[list[list[str]], float]:
    """Category labels wrapped to ``width`` (fewer lines when the rows must fit ``room``) and
    the height of one row."""
    wrapped = [_wrap(t, width, size) for t in labels]
    band = max(floor, max(map(len, wrapped)) * size * LEAD + 7)
    if band * len(labels) > room:
        band = max(room / len(labels), size * LEAD + 2)
        lines = max(1, int((band - 3) // (size * LEAD)))
        wrapped = [_wrap(t, width, size, lines) for t in labels]
    return wrapped, band


def _label_margin(wrapped: Sequence[Sequence[str]], size: float, bold: bool = False) -> float:
    return PAD + max(_width(line, size, bold) for lab in wrapped for line in lab) + 10


# -- the charts ---------------------------------------------------------------------------------


def achievement_chart(bars: list[Bar], *, title: str, reference: float = 100.0,
                      reference_label: str | None = None, xlabel: str | None = None,
                      number_format: NumberFormat, dpi: int | None = None,
                      show_title: bool = True, lang: str = "id",
                      scale_max: float | None = None) -> NativeChart:
    """Achievement (capaian, %) per indicator: one horizontal bar each, first at the top, in
    its band's colour (one series per band, named in the legend), a missed target striped,
    labelled with its note ("91,71% · Sangat Tinggi"; the number in it follows the data) or
    its value, a dashed reference line at ``reference``. ``scale_max``: as for the picture,
    the highest value the scale must hold (the axis stops at 200 %; a longer bar runs to the
    axis end and its label tells its value)."""
    if not bars:
        raise ValueError("achievement_chart: no bars to draw (the list of indicators is empty)")
    reference_label = reference_label or _("Target ({value}%)",
                                           value=_TickFormatter(number_format)(reference)).render(lang)
    xlabel = xlabel or _("Achievement (%)").render(lang)
    no_data = NO_DATA.render(lang)
    style = _style(number_format)
    default = _Style(style.decimals, style.sep, style.pre, style.post + "%").code()
    texts = [no_data if b.value is None else b.note or f"{number_format(b.value)}%" for b in bars]
    width = FULL_WIDTH_CM * PT
    heading, top = _heading([_Text(tuple(_wrap(title, width - 2 * PAD, TITLE_PT, bold=True)),
                                   TITLE_PT, bold=True)] if show_title else [], width)
    keys, rows = _band_keys([b.band for b in bars], [b.color for b in bars],
                            [b.hatch for b in bars], [b.value for b in bars], lang)
    missed = any(b.met is False for b in bars)
    names = [k.label for k in keys] + ([MISSED.render(lang)] if missed else []) + [reference_label]
    legend_h = _legend_rows(names, width - 2 * PAD) * LEGEND_ROW + 4
    top += legend_h
    bottom = _x_axis_h(True)
    labels, band = _row_labels([b.label + (f" ({no_data})" if b.value is None else "")
                                for b in bars], room=MAX_HEIGHT_CM * PT - top - bottom,
                               width=0.38 * (width - 2 * PAD), floor=20.0)
    layout = _Layout(width, top, band * len(bars), bottom, _label_margin(labels, LABEL_PT))
    values = [b.value for b in bars]
    hi = _nice_hi(max([reference, scale_max or 0.0] + [v for v in values if v is not None]),
                  cap=max(200.0, reference * 1.2))
    lo, hi, step = _x_range(values, hi)
    lo = _round_down(layout.fit_labels(
        [(min(v or 0.0, hi), _width(t, SMALL_PT)) for v, t in zip(values, texts)], lo, hi), step)
    columns = [_Column(k.label, [v if r == k else None for v, r in zip(values, rows)], default)
               for k in keys]
    columns.append(_Column(MISSED.render(lang), [None] * len(bars)))
    columns.append(_Column(reference_label, [None] * len(bars)))
    sheet = _Sheet(_Column(xlabel, ["\n".join(lab) for lab in labels]), columns)
    series = _band_series(sheet, keys, rows, [b.met for b in bars],
                          _bar_labels(texts, values, style), default)
    if missed:
        series.append(_legend_series(sheet, len(keys), _missed_fill(), _line(EDGE, 0.5)))
    ref_group, ref_axes = _reference_group(sheet, len(keys) + 1, reference, lo, hi)
    axes = [_cat_ax(1, 2, "l", reverse=True),
            _val_ax(2, 1, "b", lo, hi, step, _Style(_decimals_for(step), style.sep).code(),
                    title=xlabel, crosses="max")]
    plot = E("c:plotArea", layout.plot(), _bar_group(series, (1, 2)), ref_group, axes, ref_axes,
             _sppr(E("a:noFill"), _line(None)))
    legend = _legend(PAD / width, (top - legend_h) / layout.height, 1 - 2 * PAD / width,
                     legend_h / layout.height)
    xml = _chart_space(plot, lang, title=heading, legend=legend)

    def say(b: Bar, text: str) -> str:
        if b.value is None or not b.note:
            return f"{b.label}: {text}"
        first, *rest = b.note.split(" · ")
        return f"{b.label}: {first}" + (f" ({', '.join(rest)})" if rest else "")

    alt = _intro(title, _("Bar chart of achievement per indicator, with the reference line "
                          "{reference}: {items}.", reference=reference_label,
                          items="; ".join(map(say, bars, texts))).render(lang))
    return NativeChart(xml, sheet.xlsx(), FULL_WIDTH_CM, _height_cm(layout.height), alt)


def target_actual_chart(pairs: list[Pair], *, title: str, number_format: NumberFormat,
                        dpi: int | None = None, show_title: bool = True,
                        target_label: str | None = None, actual_label: str | None = None,
                        lang: str = "id", scale_max: float | None = None) -> NativeChart:
    """Actual against target per indicator, every row on one scale as in the picture: the
    actual value as a percentage of its target (a range: of its middle), a dark blue bar
    labelled with the value itself; the side of the target that meets it shaded light grey
    (a bar growing from the target line; a range: an error bar over the range), the target
    dashed. So a lower-is-better indicator under its target reads as met, whatever its unit.

    The zones are the primary bar group, whose category axis crosses at 100 % (the dashed
    line), so that they grow from it; the actual bars are a second group over them."""
    if not pairs:
        raise ValueError("target_actual_chart: no pairs to draw (the list of indicators is empty)")
    target_label = target_label or TARGET.render(lang)
    actual_label = actual_label or ACTUAL_WORD.render(lang)
    shares, texts, t_texts, alt = _pair_texts(pairs, number_format, target_label, lang)
    width = FULL_WIDTH_CM * PT
    heading, top = _heading([_Text(tuple(_wrap(title, width - 2 * PAD, TITLE_PT, bold=True)),
                                   TITLE_PT, bold=True)] if show_title else [], width)
    meets = MEETS.render(lang)
    legend_h = LEGEND_ROW + 4
    top += legend_h
    bottom = _x_axis_h(True)
    subs = [_subtitle(p.unit, t, target_label, lang) for p, t in zip(pairs, t_texts)]
    cats = [f"{p.label} — {sub}" + (f" ({a})" if s is None else "")
            for p, sub, s, a in zip(pairs, subs, shares, texts)]
    labels, band = _row_labels(cats, room=MAX_HEIGHT_CM * PT - top - bottom,
                               width=0.42 * (width - 2 * PAD), floor=28.0)
    layout = _Layout(width, top, band * len(pairs), bottom, _label_margin(labels, LABEL_PT))
    present = [s for s in shares if s is not None]
    band_ends = [_zone(p.comparator, p.target_band, 0.0)[0][1]  # type: ignore[index]
                 for p, s in zip(pairs, shares) if p.target_band and s is not None]
    hi = _nice_hi(max([100.0, scale_max or 0.0] + present + band_ends), cap=200.0)
    lo, hi, step = _x_range(shares, hi)
    lo = _round_down(layout.fit_labels(
        [(min(s or 0.0, hi), _width(t, SMALL_PT)) for s, t in zip(shares, texts)], lo, hi), step)
    # the zone grows from the target line (the category axis crosses at 100) to the side that
    # meets it; a range has a side each way: its lower part in the zone series, its upper
    # part in a series of its own ("Target range"), both the same grey
    zone_to: list[float | None] = []
    upper: list[float | None] = []
    for p, s in zip(pairs, shares):
        zone, _marks = _zone(p.comparator, p.target_band, hi) if s is not None else (None, [])
        if zone is None:
            zone_to.append(None)
            upper.append(None)
        elif p.target_band:
            zone_to.append(zone[0])
            upper.append(zone[1])
        else:
            zone_to.append(zone[1] if zone[0] == 100.0 else max(zone[0], lo))
            upper.append(None)
    ranged = any(u is not None for u in upper)
    tick = _Style(_decimals_for(step), _style(number_format).sep).code()
    columns = [_Column(meets, zone_to, tick)]
    if ranged:
        columns.append(_Column(_("Target range").render(lang), upper, tick))
    columns.append(_Column(actual_label, shares, tick))
    sheet = _Sheet(_Column(_("Indicator").render(lang), ["\n".join(lab) for lab in labels]),
                   columns)
    zones = [E("c:ser", V("c:idx", k), V("c:order", k), sheet.tx(k),
               _sppr(_solid(BAND_FACE), _line(None)), V("c:invertIfNegative", 0),
               E("c:dLbls", V("c:delete", 1)), sheet.cat(), sheet.val(k))
             for k in range(len(columns) - 1)]
    n = len(columns) - 1
    codes = {i: _static(t) for i, (t, s) in enumerate(zip(texts, shares)) if s is not None}
    actual = E("c:ser", V("c:idx", n), V("c:order", n), sheet.tx(n), _sppr(_solid(ACTUAL)),
               V("c:invertIfNegative", 0), _dlbls(codes, None, "outEnd"), sheet.cat(),
               sheet.val(n))
    xlabel = _("{what} · dashed line: {line}", what=_("Actual as % of the target").render(lang),
               line=target_label).render(lang)
    axes = [_cat_ax(1, 2, "l", reverse=True, crosses_at=100.0, line=_line(REF, 1.1, "dash")),
            _val_ax(2, 1, "b", lo, hi, step, tick, title=xlabel, crosses="max"),
            _cat_ax(3, 4, "r", reverse=True, labels=False, line=_line(None)),
            _val_ax(4, 3, "t", lo, hi, step, tick, crosses="max", visible=False)]
    plot = E("c:plotArea", layout.plot(), _bar_group(zones, (1, 2), gap=40),
             _bar_group([actual], (3, 4), gap=40), axes, _sppr(E("a:noFill"), _line(None)))
    legend = _legend(PAD / width, (top - legend_h) / layout.height, 1 - 2 * PAD / width,
                     legend_h / layout.height)
    xml = _chart_space(plot, lang, title=heading, legend=legend)
    return NativeChart(xml, sheet.xlsx(), FULL_WIDTH_CM, _height_cm(layout.height), _intro(
        title, _("Actual values as a percentage of their targets, per indicator: {items}.",
                 items="; ".join(alt)).render(lang)))


# -- small multiples: one chart per indicator ---------------------------------------------------


def _columns_of(n: int, fits_half: bool) -> int:
    return 2 if n > 1 and fits_half else 1


def _panel_title(label: str, width: float) -> tuple[str | None, int]:
    """A panel's name, bold, wrapped to the chart, and its number of lines. (The grey line
    under it in the picture is the axis title here: LibreOffice writes a chart title in one
    style.)"""
    head = _wrap(label, width - 2 * PAD, LABEL_PT, bold=True)
    title, _top = _heading([_Text(tuple(head), LABEL_PT, bold=True)], width)
    return title, len(head)


def _title_top(lines: int) -> float:
    """Points above the plot area for a panel title of ``lines`` lines."""
    return PAD + lines * LABEL_PT * LEAD + 6


def _y_range(values: Sequence[float]) -> tuple[float, float, float]:
    """y axis limits and tick step around the values, with a step of room above the top
    value for its label."""
    lo_d, hi_d = (min(values), max(values)) if values else (0.0, 1.0)
    if lo_d == hi_d:
        lo_d, hi_d = lo_d - (abs(lo_d) * 0.1 or 0.5), hi_d + (abs(hi_d) * 0.1 or 0.5)
    step = _nice_step(hi_d - lo_d, 4)
    lo = math.floor(round(lo_d / step, 9)) * step
    hi = math.ceil(round(hi_d / step, 9)) * step
    if lo == lo_d and lo > 0:
        lo -= step
    if hi == hi_d:
        hi += step
    return lo, hi, step


def trend_chart(series: list[Series], *, title: str, number_format: NumberFormat,
                dpi: int | None = None, show_title: bool = True,
                target_label: str | None = None, actual_label: str | None = None,
                lang: str = "id") -> ChartGroup:
    """Values over periods, one small line chart per indicator (each on its own scale, as the
    picture's rows), two to a line: the actual values with labelled markers (a gap where a
    period has no value) and the target as a dashed line (a range: both its ends), the unit
    and target under the indicator's name."""
    if not series:
        raise ValueError("trend_chart: no series to draw (the list of indicators is empty)")
    for s in series:
        if len(s.periods) != len(s.values):
            raise ValueError(f"trend_chart: '{s.label}' has {len(s.periods)} periods but "
                             f"{len(s.values)} values")
    target_label = target_label or TARGET.render(lang)
    actual_label = actual_label or ACTUAL_WORD.render(lang)
    no_data = NO_DATA.render(lang)
    cols = _columns_of(len(series), True)
    width_cm = HALF_WIDTH_CM if cols == 2 else FULL_WIDTH_CM
    width = width_cm * PT
    targets = [s.target_text or _target_text(s.target, s.target_band,
                                             _fmt_for(number_format, s.decimals))
               for s in series]
    subs = [_subtitle(s.unit, t, target_label, lang) for s, t in zip(series, targets)]
    titles = [_panel_title(s.label, width) for s in series]
    top = _title_top(max(n for _t, n in titles))  # charts side by side line up
    # one workbook for the group: every indicator's values and target over the periods, each
    # chart reading its own columns (and staff find the whole table on "Edit Data")
    periods = list(dict.fromkeys(p for s in series for p in s.periods))
    category = _Column(_("Period").render(lang), periods)
    own = [_trend_columns(s, periods, number_format, target_label, actual_label) for s in series]
    book = tuple((c.header, tuple(c.values), _sheet_format(c.number_format))
                 for c in [category, *(c for cols_ in own for c in cols_)])
    bases = [1 + sum(len(c) for c in own[:k]) for k in range(len(own))]
    charts = [_trend_panel(s, _Sheet(category, cols_, base=base, book=book), heading, top, sub,
                           width, width_cm, number_format, lang)
              for s, cols_, base, sub, (heading, _n) in zip(series, own, bases, subs, titles)]
    alt = []
    for s, t in zip(series, targets):
        fmt = _fmt_for(number_format, s.decimals)
        pts = ", ".join(f"{no_data if v is None else fmt(v)} ({p})"
                        for p, v in zip(s.periods, s.values))
        alt.append(f"{_with_unit(s.label, s.unit)}: {pts}"
                   + (f"; {target_label.lower()} {t}" if t else ""))
    whole = _intro(title, _("Trend of the actual values per indicator: {items}.",
                            items="; ".join(alt)).render(lang))
    return ChartGroup(tuple(charts), whole)


def _trend_columns(s: Series, periods: list[str], number_format: NumberFormat,
                   target_label: str, actual_label: str) -> list[_Column]:
    """An indicator's columns of the trend's sheet: its actual values over ``periods`` and its
    target (a range: both ends) in every period, headed with its code."""
    code = _style(number_format, s.decimals).code()
    name = s.label.split()[0] if s.label.split() else ""
    by_period = dict(zip(s.periods, s.values))
    values = [by_period.get(p) for p in periods]
    ends: list[float] = []
    if s.target_band:
        ends = list(s.target_band)
    elif s.target is not None:
        ends = [s.target]
    return [_Column(f"{name} {actual_label}".strip(), values, code)] + \
        [_Column(f"{name} {target_label}".strip(), [v] * len(periods), code) for v in ends]


def _trend_labels(values: Sequence[float | None], targets: Sequence[float | None],
                  code: str) -> str:
    """The value labels of a trend line: above each point, below one that is under the
    target's line (or under the lower end of a range), so that no label sits on the line."""
    line = min((t for t in targets if t is not None), default=None)
    below = {i: code for i, v in enumerate(values)
             if v is not None and line is not None and v < line}
    own = [_label(i, c, "b") for i, c in sorted(below.items())]
    return E("c:dLbls", own, E("c:numFmt", formatCode=code, sourceLinked=0),
             _sppr(_solid(WHITE), _line(None)), _txpr(SMALL_PT, nowrap=True), V("c:dLblPos", "t"),
             _flags(True), V("c:showLeaderLines", 0))


def _trend_panel(s: Series, sheet: _Sheet, heading, top: float, sub: str, width: float,
                 width_cm: float, number_format: NumberFormat, lang: str) -> NativeChart:
    fmt = _fmt_for(number_format, s.decimals)
    code = _style(number_format, s.decimals).code()
    columns = sheet.series
    values = columns[0].values
    present = [v for c in columns for v in c.values if v is not None]
    lo, hi, step = _y_range(present)
    line = min((c.values[0] for c in columns[1:] if c.values and c.values[0] is not None),
               default=None)
    shown = [v for v in values if v is not None]
    if line is not None and shown and min(shown) < line and (lo - step >= 0 or lo < 0):
        lo -= step  # room for the labels written below the points under the target
    tick = _Style(_decimals_for(step), _style(number_format).sep).code()
    legend_h = LEGEND_ROW + 2
    plot_h = 84.0
    sub_lines = _wrap(sub, width - 8 * PAD, LABEL_PT) if sub else []  # as the plot is wide
    bottom = SMALL_PT * LEAD + 8 + len(sub_lines) * LABEL_PT * LEAD + 4 + legend_h + PAD
    tick_w = max(_width(_TickFormatter(number_format)(v), SMALL_PT) for v in (lo, hi))
    left = PAD + tick_w + 8
    layout = _Layout(width, top + 4, plot_h, bottom, left, 3 * PAD)
    sers = [E("c:ser", V("c:idx", 0), V("c:order", 0), sheet.tx(0),
              _sppr(None, _line(ACTUAL, 1.75)),
              E("c:marker", V("c:symbol", "circle"), V("c:size", 5),
                _sppr(_solid(ACTUAL), _line(ACTUAL, 0.75))),
              _trend_labels(values, [c.values[0] for c in columns[1:]], code), sheet.cat(),
              sheet.val(0), V("c:smooth", 0))]
    for k in range(1, len(columns)):
        sers.append(E("c:ser", V("c:idx", k), V("c:order", k), sheet.tx(k),
                      _sppr(None, _line(REF, 1.1, "dash")),
                      E("c:marker", V("c:symbol", "none")), E("c:dLbls", V("c:delete", 1)),
                      sheet.cat(), sheet.val(k), V("c:smooth", 0)))
    group = E("c:lineChart", V("c:grouping", "standard"), V("c:varyColors", 0), sers,
              V("c:marker", 1), V("c:axId", 1), V("c:axId", 2))
    axes = [E("c:catAx", V("c:axId", 1), _scaling(), V("c:delete", 0), V("c:axPos", "b"),
              _rich_title([_Text(tuple(sub_lines), LABEL_PT, MUTED)]) if sub_lines else None,
              V("c:majorTickMark", "none"), V("c:minorTickMark", "none"),
              V("c:tickLblPos", "low"), _sppr(None, _line(SPINE)), _txpr(SMALL_PT, bold=True),
              V("c:crossAx", 2), V("c:crosses", "autoZero"), V("c:auto", 1),
              V("c:lblAlgn", "ctr"), V("c:lblOffset", 100), V("c:noMultiLvlLbl", 1)),
            _val_ax(2, 1, "l", lo, hi, step, tick)]
    h = layout.height
    legend = _legend(PAD / width, (h - legend_h - PAD) / h, 1 - 2 * PAD / width, legend_h / h,
                     entries=[2] if len(columns) == 3 else ())
    plot = E("c:plotArea", layout.plot(), group, axes, _sppr(E("a:noFill"), _line(None)))
    xml = _chart_space(plot, lang, title=heading, legend=legend)
    pts = ", ".join(f"{NO_DATA.render(lang) if v is None else fmt(v)} ({p})"
                    for p, v in zip(s.periods, s.values))
    return NativeChart(xml, sheet.xlsx(), width_cm, _height_cm(h),
                       f"{_with_unit(s.label, s.unit)}: {pts}")


def region_comparison_chart(panels: list[tuple[str, str, list[RegionValue], float | None]], *,
                            title: str, number_format: NumberFormat, dpi: int | None = None,
                            show_title: bool = True, target_label: str | None = None,
                            subtitles: Sequence[str] | None = None,
                            bands: Sequence[tuple] = (), lang: str = "id") -> ChartGroup:
    """Regions ranked per indicator, one chart per panel of the picture (label, unit, regions
    given best first, reference value), two side by side when the names fit half the width:
    horizontal bars in their band's colour, the rank before each name (ties marked "="), the
    value at the bar's end, a dashed target line, missed targets striped. The report's region
    (highlighted) gets "►" before its name, a dark edge round its bar and its value in bold.
    More than 40 regions (or more than fit): the top and the bottom 15 with a row saying how
    many are left out, and the highlighted region from the middle, as in the picture.

    ``subtitles``: the grey line under each panel's name (here the axis title); ``bands``:
    (label, colour) or (label, colour, pattern) of the scheme, in its order (the series and
    legend order).

    Every region of a province gets these charts with its own row marked: the charts without
    the mark (and their workbooks, which hold the names without it) are made once per process
    and the mark is put into a copy for each region."""
    if not panels:
        raise ValueError("region_comparison_chart: no panels to draw (no indicators)")
    number_format = _memo(number_format)
    target_label = target_label or TARGET.render(lang)
    plain = tuple((label, unit, tuple(replace(r, highlight=False) for r in regions), target)
                  for label, unit, regions, target in panels)
    key = (plain, None if subtitles is None else tuple(subtitles),
           tuple(tuple(b) for b in bands), target_label, lang, number_format)
    plans = _PLANS.get(key)
    if plans is None:
        if len(_PLANS) >= 256:  # a process renders a few provinces' groups at a time
            _PLANS.clear()
        plans = _PLANS[key] = _comparison_plans(plain, number_format, target_label, subtitles,
                                                bands, lang)
    charts = []
    for k, ((label, unit, regions, target), plan) in enumerate(zip(panels, plans)):
        lit = [i for i, r in enumerate(regions) if r.highlight]
        found = [plan.row_of.get(i) for i in lit]
        rows = [y for y in found if y is not None]
        if len(rows) < len(found):  # cut from the rows without the mark: made anew
            plan = _comparison_plans(tuple((lab, u, tuple(rs), t) for lab, u, rs, t in panels),
                                     number_format, target_label, subtitles, bands, lang)[k]
            rows = [plan.row_of[i] for i in lit]
        alt = _region_alt(_with_unit(label, unit), list(regions), target, number_format,
                          target_label, lang)
        charts.append(NativeChart(plan.render(rows), plan.xlsx, plan.width_cm, plan.height_cm,
                                  alt))
    whole = _intro(title, _("Regions compared per indicator, best first.").render(lang) + " "
                   + " ".join(c.alt_text for c in charts))
    return ChartGroup(tuple(charts), whole)


_PLANS: dict[tuple, list[_PanelPlan]] = {}
_FORMATS: dict[NumberFormat, NumberFormat] = {}


def _memo(number_format: NumberFormat) -> NumberFormat:
    """``number_format`` remembering what it wrote: a province's values come back in the
    charts of each of its regions."""
    if number_format in _FORMATS:
        return _FORMATS[number_format]
    if len(_FORMATS) >= 64:
        _FORMATS.clear()
    written: dict[tuple, str] = {}

    def memo(v: float, decimals: int | None = None) -> str:
        out = written.get((v, decimals))
        if out is None:
            if len(written) >= 100_000:
                written.clear()
            out = written[(v, decimals)] = (number_format(v) if decimals is None
                                            else number_format(v, decimals))  # type: ignore[call-arg]
        return out

    _FORMATS[number_format] = _FORMATS[memo] = memo
    return memo


_MARK = re.compile(r"<!--/?[PL]\d+-->")


@dataclass(frozen=True)
class _PanelPlan:
    """One comparison chart without the report's region marked: its XML with a marker round
    each row's point and label (``<!--P3-->...<!--/P3-->``), and for each row what marking it
    puts there."""

    xml: str
    xlsx: bytes
    width_cm: float
    height_cm: float
    row_of: dict[int, int]  # region index -> row (category) index
    cat: dict[int, tuple[str, str]]  # row -> (its category point, the same marked)
    point: dict[int, str]  # row -> its c:dPt marked
    label: dict[int, str]  # row -> its c:dLbl in bold

    def render(self, rows: Sequence[int]) -> bytes:
        xml = self.xml
        for y in rows:
            plain, marked = self.cat[y]
            xml = xml.replace(plain, marked)
            xml = _swap(xml, "P", y, self.point.get(y, ""))
            xml = _swap(xml, "L", y, self.label.get(y, ""))
        return _MARK.sub("", xml).encode("utf-8")


def _swap(xml: str, kind: str, row: int, new: str) -> str:
    """``xml`` with what stands between a row's markers replaced by ``new``."""
    start = xml.find(f"<!--{kind}{row}-->")
    if start < 0:
        return xml
    end_mark = f"<!--/{kind}{row}-->"
    end = xml.index(end_mark, start)
    return xml[:start] + new + xml[end + len(end_mark):]


def _comparison_plans(panels: tuple, number_format: NumberFormat, target_label: str,
                      subtitles: Sequence[str] | None, bands: Sequence[tuple],
                      lang: str) -> list[_PanelPlan]:
    """The charts of one comparison picture, each without its mark (see
    :func:`region_comparison_chart`); the rows are those of the regions as given."""
    if subtitles is None:
        subtitles = [_subtitle(unit, "" if t is None else
                               _fmt_for(number_format, r[0].decimals if r else None)(t),
                               target_label, lang) for _l, unit, r, t in panels]
    marks = [_rank_marks(list(regions)) for _l, _u, regions, _t in panels]
    rank_w = max([_width(m, SMALL_PT) for ms in marks for m in ms] + [0.0]) + 4
    longest = max([_width("► " + r.region, SMALL_PT) for _l, _u, rs, _t in panels for r in rs]
                  + [20.0])
    half = HALF_WIDTH_CM * PT
    cols = _columns_of(len(panels), longest + rank_w <= 0.45 * (half - 2 * PAD))
    if cols == 1 and len(panels) > 1:  # as the picture: two side by side rather than rows cut
        room = MAX_HEIGHT_CM * PT / len(panels) - 120
        if any(len(regions) > room // 10.5 for _l, _u, regions, _t in panels):
            cols = 2
    width_cm = HALF_WIDTH_CM if cols == 2 else FULL_WIDTH_CM
    width = width_cm * PT
    nrows = -(-len(panels) // cols)
    titles = [_panel_title(label, width) for label, *_r in panels]
    head_top = _title_top(max(n for _t, n in titles))  # charts side by side line up
    # every chart of the group has the same legend and rows, so that charts side by side align
    by_color = {str(c).upper(): (str(_say(lang, lab)), str(c).upper(), rest[0] if rest else "")
                for lab, c, *rest in bands}
    any_missed = any(v.met is False for _l, _u, rs, _t in panels for v in rs)
    any_tie = any(m.endswith("=") for ms in marks for m in ms)
    legend_names = [lab for lab, *_r in by_color.values()] + \
        ([MISSED.render(lang)] if any_missed else []) + [target_label]
    legend_h = _legend_rows(legend_names, width - 2 * PAD) * LEGEND_ROW + 4
    top = head_top + legend_h
    tie = (" · " + TIED.render(lang)) if any_tie else ""
    xlabels = [(sub or _("Achievement (%)").render(lang)) + tie for sub in subtitles]
    sub_lines = max(len(_wrap(x, 0.6 * width, LABEL_PT)) for x in xlabels)  # as the plot is wide
    bottom = _x_axis_h(True) + (sub_lines - 1) * LABEL_PT * LEAD
    room = MAX_HEIGHT_CM * PT / nrows - top - bottom
    limit = max(3, int(room // 10.5))
    rows = [_rank_rows(list(regions), limit) for _l, _u, regions, _t in panels]
    nrow = max(1, max(map(len, rows)))
    row_h = min(13.0, max(room / nrow, 9.5))
    # one scale for every panel of the group, as in the picture
    present = [v.value for _l, _u, rs, _t in panels for v in rs if v.value is not None]
    present += [t for *_r, t in panels if t is not None]
    top_v = max([0.0] + present)
    hi = _nice_hi(top_v, floor=0.0) if top_v >= 50 else top_v * 1.05 or 1.0
    return [_comparison_panel(label, unit, list(regions), target, rs, ms, heading, top, legend_h,
                              head_top, bottom, row_h * nrow, width, width_cm, hi, number_format,
                              target_label, xlabel, by_color, any_missed, lang)
            for (label, unit, regions, target), xlabel, rs, ms, (heading, _n) in zip(
                panels, xlabels, rows, marks, titles)]


def _comparison_panel(label: str, unit: str, regions: list[RegionValue], target: float | None,
                      rs: list[tuple[int | None, int]], marks: list[str], heading, top: float,
                      legend_h: float, head_top: float, bottom: float, plot_h: float,
                      width: float, width_cm: float, top_value: float,
                      number_format: NumberFormat, target_label: str, xlabel: str,
                      by_color: dict[str, tuple], any_missed: bool, lang: str) -> _PanelPlan:
    no_data = NO_DATA.render(lang)
    cats: list[str] = []
    values: list[float | None] = []
    colors: list[str] = []
    hatches: list[str] = []
    bands: list[str] = []
    mets: list[bool | None] = []
    texts: list[str] = []
    row_of: dict[int, int] = {}
    for y, (i, gap) in enumerate(rs):
        if i is None:
            cats.append(n_("… {n} more region", "… {n} more regions", gap,
                           n=_count(gap)).render(lang))
            values.append(None)
            colors.append(WHITE)
            hatches.append("")
            bands.append("")
            mets.append(None)
            texts.append("")
            continue
        r = regions[i]
        row_of[i] = y
        mark = marks[i]
        cats.append((f"{mark} " if mark else "") + r.region
                    + (f" ({no_data})" if r.value is None else ""))
        values.append(r.value)
        known = by_color.get(r.color.upper())
        colors.append(r.color)
        hatches.append(known[2] if known else r.hatch)
        bands.append(r.band or (known[0] if known else ""))
        mets.append(r.met)
        texts.append("" if r.value is None else _fmt_for(number_format, r.decimals)(r.value))
    keys, rows = _band_keys(bands, colors, hatches, values, lang, order=list(by_color.values()))
    # every band of the group, in every chart of it: the same legend side by side
    keys = [*(_BandKey(str(lab), col, hatch) for lab, col, hatch in by_color.values()),
            *(k for k in keys if (k.label, k.color) not in
              {(str(lab), col) for lab, col, _h in by_color.values()})]
    style = _style(number_format, next((r.decimals for r in regions if r.decimals is not None),
                                       None))
    default = style.code()
    # room for the mark before the longest name
    layout = _Layout(width, top, plot_h, bottom,
                     _label_margin([["► " + c] for c in cats], SMALL_PT))
    lo, hi, step = _x_range(values, top_value)
    lo = _round_down(layout.fit_labels(
        [(min(v or 0.0, hi), _width(t, SMALL_PT, True)) for v, t in zip(values, texts)], lo, hi),
        step)
    columns = [_Column(k.label, [v if r == k else None for v, r in zip(values, rows)], default)
               for k in keys]
    columns.append(_Column(MISSED.render(lang), [None] * len(values)))
    columns.append(_Column(target_label, [None] * len(values)))
    sheet = _Sheet(_Column(_with_unit(label, unit), cats), columns)
    codes = _bar_labels(texts, values, style)
    series = _band_series(sheet, keys, rows, mets, codes, default, marked=True)
    if any_missed:
        series.append(_legend_series(sheet, len(keys), _missed_fill(), _line(EDGE, 0.5)))
    groups = [_bar_group(series, (1, 2), gap=45)]
    axes = [_cat_ax(1, 2, "l", reverse=True, size=SMALL_PT),
            _val_ax(2, 1, "b", lo, hi, step, _Style(_decimals_for(step), style.sep).code(),
                    title=xlabel, crosses="max")]
    if target is not None:
        ref_group, ref_axes = _reference_group(sheet, len(keys) + 1, target, lo, hi)
        groups.append(ref_group)
        axes += ref_axes
    plot = E("c:plotArea", layout.plot(), groups, axes, _sppr(E("a:noFill"), _line(None)))
    legend = _legend(PAD / width, head_top / layout.height, 1 - 2 * PAD / width,
                     legend_h / layout.height)
    xml = _chart_space(plot, lang, title=heading, legend=legend, encode=False)
    cat = {y: (_category_point(y, cats[y]), _category_point(y, "► " + cats[y]))
           for y in row_of.values()}
    point = {y: _point(y, rows[y], mets[y] is False, True)  # type: ignore[arg-type]
             for y in row_of.values() if rows[y] is not None}
    bold = {y: _label(y, codes[y], "outEnd", bold=True) for y in row_of.values() if y in codes}
    return _PanelPlan(xml, sheet.xlsx(), width_cm, _height_cm(layout.height), row_of, cat,
                      point, bold)


def distribution_chart(values_by_band: list[tuple], *, title: str, dpi: int | None = None,
                       show_title: bool = True, xlabel: str | None = None,
                       lang: str = "id") -> NativeChart:
    """How many regions fall in each band: one bar per band (label, colour, count, and
    optionally the band's pattern), in the given order from the top, each labelled with its
    count and share."""
    if not values_by_band:
        raise ValueError("distribution_chart: no bands to draw (the list is empty)")
    if any(c < 0 for _l, _c, c, *_r in values_by_band):
        raise ValueError("distribution_chart: a count of regions cannot be negative")
    xlabel = xlabel or _("Number of regions").render(lang)
    counts = [c for _l, _c, c, *_r in values_by_band]
    texts = [n_("{n} region ({share}%)", "{n} regions ({share}%)", c, n=_count(c),
                share=p).render(lang) for c, p in zip(counts, _shares(counts))]
    width = FULL_WIDTH_CM * PT
    heading, top = _heading([_Text(tuple(_wrap(title, width - 2 * PAD, TITLE_PT, bold=True)),
                                   TITLE_PT, bold=True)] if show_title else [], width)
    bottom = _x_axis_h(True)
    labels, band = _row_labels([lab for lab, *_r in values_by_band],
                               room=MAX_HEIGHT_CM * PT - top - bottom,
                               width=0.3 * (width - 2 * PAD), floor=22.0)
    layout = _Layout(width, top, band * len(counts), bottom, _label_margin(labels, LABEL_PT))
    top_count = max(counts) * 1.1 or 1.0
    step = float(max(1, math.ceil(_nice_step(top_count))))
    hi = max(step, math.ceil(top_count / step) * step)
    layout.fit_labels([(c, _width(t, SMALL_PT)) for c, t in zip(counts, texts)], 0.0, hi)
    whole = _Style(0, _style(lambda v, d=0: _count(v)).sep)
    sheet = _Sheet(_Column(_("Band").render(lang), ["\n".join(lab) for lab in labels]),
                   [_Column(xlabel, [float(c) for c in counts], whole.code())])
    points = []
    for i, (_label, color, c, *rest) in enumerate(values_by_band):
        hatch = rest[0] if rest else ""
        points.append(E("c:dPt", V("c:idx", i), V("c:invertIfNegative", 0), V("c:bubble3D", 0),
                        _sppr(_fill(color, drawingml_pattern(hatch)),
                              _line(EDGE, 0.5) if c else _line(None))))
    codes = {i: _static(t) for i, t in enumerate(texts)}
    ser = E("c:ser", V("c:idx", 0), V("c:order", 0), sheet.tx(0), _sppr(_solid(ACTUAL)),
            V("c:invertIfNegative", 0), points, _dlbls(codes, None, "outEnd"), sheet.cat(),
            sheet.val(0))
    axes = [_cat_ax(1, 2, "l", reverse=True),
            _val_ax(2, 1, "b", 0.0, hi, step, whole.code(), title=xlabel, crosses="max")]
    plot = E("c:plotArea", layout.plot(), _bar_group([ser], (1, 2), gap=50), axes,
             _sppr(E("a:noFill"), _line(None)))
    xml = _chart_space(plot, lang, title=heading)
    alt = "; ".join(f"{lab} {t}" for (lab, *_r), t in zip(values_by_band, texts))
    return NativeChart(xml, sheet.xlsx(), FULL_WIDTH_CM, _height_cm(layout.height), _intro(
        title, _("Distribution of {n} regions by achievement band: {items}.", n=_count(sum(counts)),
                 items=alt).render(lang)))


"""Text in charts: measuring, wrapping and cutting labels as Agg draws them, and tick labels in
the document's number format."""
from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Sequence
from functools import lru_cache

from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.ticker import FuncFormatter

from .style import FONT, NumberFormat


@lru_cache(maxsize=2)
def _font_path(bold: bool) -> str:
    return findfont(FontProperties(family=FONT, weight="bold" if bold else "normal"))


_NUMERIC = re.compile(r"[0-9.,%+\-−–= ]*")


@lru_cache(maxsize=8)
def _sized_font(size: float, bold: bool) -> FT2Font:
    font = FT2Font(_font_path(bold))  # its own, not matplotlib's shared one: sized once
    font.set_size(size, 150)
    return font


@lru_cache(maxsize=1024)
def _advance(char: str, size: float, bold: bool) -> float:
    """A glyph's advance in points at 150 dpi (hinted, as Agg lays it out)."""
    glyph = _sized_font(size, bold).load_char(ord(char), flags=LoadFlags.DEFAULT)
    return glyph.horiAdvance / 64 * 72 / 150


@lru_cache(maxsize=16384)
def _width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of text, as Agg draws it at 150 dpi (hinting makes glyphs
    wider at low resolutions: 3 % more covers the dpi usual for print, 150 to 300). A number
    (digits and their signs, no kerning between them) is the sum of its glyphs' advances, half
    a point wider than its ink at most: laying out each value label of each region was a fifth
    of a chart's time."""
    if _NUMERIC.fullmatch(text):
        return (sum(_advance(c, size, bold) for c in text) + 0.5) * 1.03
    font = get_font(_font_path(bold))
    font.clear()
    font.set_size(size, 150)
    font.set_text(text, 0.0)
    return font.get_width_height()[0] / 64 * 72 / 150 * 1.03


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of one line of ``text`` in Arial's metrics at ``size`` points as a page
    sets it: the sum of its characters' unhinted advances, without kerning, as Word sets a line
    by default (the charts' own measure, :func:`_width`, is that of hinted pixels)."""
    return sum(_page_advance(c, bold) for c in text) * size / 100


@lru_cache(maxsize=2048)
def _page_advance(char: str, bold: bool) -> float:
    """A character's advance in points at 100 points, unhinted."""
    font = get_font(_font_path(bold))
    font.clear()
    font.set_size(100, 72)
    try:
        with warnings.catch_warnings():  # a glyph the font lacks is measured as its box
            warnings.simplefilter("ignore", UserWarning)
            glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
    except RuntimeError:  # no glyph at all: nothing (a format mark), else as wide as a digit
        return 0.0 if unicodedata.category(char)[0] in "CMZ" else _page_advance("0", bold)
    return glyph.linearHoriAdvance / 65536


def _text_w(lines: Sequence[str], size: float, bold: bool = False) -> float:
    return max((_width(line, size, bold) for line in lines), default=0.0)


def _clip(line: str, width: float, size: float, bold: bool = False, force: bool = False) -> str:
    """The line, cut and ended with "…" if it is wider than width (or if force). Only for what
    cannot wrap or grow (see :func:`_wrap`)."""
    w = _width(line, size, bold)
    if w <= width and not force:
        return line
    if w > width:
        line = line[: int(len(line) * width / w) + 1]
    while line and _width(line.rstrip() + "…", size, bold) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _pieces(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than width, broken after its hyphens and slashes, or else where it must be."""
    if _width(word, size, bold) <= width:
        return [word]
    parts = [p for p in re.split(r"(?<=[-/])", word) if p]
    out: list[str] = []
    for part in parts:
        if out and _width(out[-1] + part, size, bold) <= width:
            out[-1] += part
            continue
        while _width(part, size, bold) > width and len(part) > 1:
            n = max(1, next((k for k in range(len(part), 0, -1)
                             if _width(part[:k], size, bold) <= width), 1))
            out.append(part[:n])
            part = part[n:]
        out.append(part)
    return out


def _wrap(text: str, width: float, size: float, max_lines: int | None = None,
          bold: bool = False) -> list[str]:
    """Greedy word wrap to width (pt): as many lines as the text needs, no word lost. Only with
    max_lines (a chart that cannot grow any more) is the rest cut with "…"."""
    lines: list[str] = []
    for word in text.split():
        for piece in _pieces(word, width, size, bold):
            if lines and _width(f"{lines[-1]} {piece}", size, bold) <= width:
                lines[-1] += f" {piece}"
            else:
                lines.append(piece)
    if not lines:
        return [""]
    if max_lines is None or len(lines) <= max_lines:
        return lines
    lines = lines[:max_lines]
    return lines[:-1] + [_clip(lines[-1], width, size, bold, force=True)]


def _with_unit(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


def _intro(title: str, what: str) -> str:
    return f"{title.strip().rstrip('.')}. {what}" if title.strip() else what


class _TickFormatter(FuncFormatter):
    """number_format for axis ticks, without zero decimals when every tick is a whole number
    ("0 25 50" rather than "0,00 25,00 50,00"; but "0,25 0,50 0,75 1,00"). The decimal
    separator is read from number_format(0.5)."""

    def __init__(self, number_format: NumberFormat):
        m = re.search(r"\d(\D)\d", number_format(0.5))
        self._strip = re.compile(re.escape(m.group(1)) + r"0+(?=\D*$)") if m else None
        self._number_format = number_format
        super().__init__(self._one)

    def _one(self, v: float, _pos: object = None, whole: bool | None = None) -> str:
        v = 0.0 if v == 0 else float(v)
        s = self._number_format(v)
        whole = v.is_integer() if whole is None else whole
        return self._strip.sub("", s) if self._strip and whole else s

    def format_ticks(self, values):
        whole = all(float(v).is_integer() for v in values)
        return [self._one(v, whole=whole) for v in values]


def _count(v: float, _pos: object = None) -> str:
    return f"{v:,.0f}".replace(",", ".")

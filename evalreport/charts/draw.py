"""Charts for the evaluation documents: PNG images sized for an A4 page, ready for python-docx.

Every function takes plain data (the dataclasses of :mod:`.model`) and returns a :class:`Chart`:
the PNG bytes, the size to insert it at (the figure size, 16 cm wide, so that text prints at its
nominal point size, never below 8 pt) and an alt text that states the key numbers, in the
document's language (``lang``; the words are catalogue messages).

How it draws:

* matplotlib's object API only (``Figure`` + the Agg canvas of :mod:`evalreport._fast.raster`,
  which also writes the PNG): no pyplot, no global ``rcParams``; fonts, sizes and colours are
  passed to every artist, and so is ``parse_math=False``: text from the data prints as written,
  a name with two "$" is not a formula.
* Fixed margins, computed from the measured width of the labels and the number of rows (no
  ``tight_layout`` / ``bbox_inches="tight"``: they draw the figure twice). Long labels wrap to
  as many lines as they need and the row grows; the figure grows with its rows up to 22 cm.
* One scale per figure, with its axis: every row and panel of a picture is read on the same
  scale (achievement in %, or an actual value as % of its target).
* Value labels start where they touch no target or reference line (pushed past it if need be);
  target lines lie under the bars, visible between them.
* Byte-deterministic PNG: the same input gives the same bytes.
* Greyscale-safe: band colours differ in lightness or carry a pattern
  (:mod:`evalreport.charts.palette`), a missed target is striped whatever its band, actual values
  dark blue, targets dashed and zones light grey, and every value is also written as text.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .._fast.raster import add, canvas, note, png
from ..i18n.messages import Message, _, n_
from .frames import _framed
from .model import Bar, Chart, Pair, RegionValue, Series
from .palette import MISSED_HATCH, contrast_ink
from .style import (  # noqa: I001
    ACTUAL,
    BAND_FACE,
    BOX,
    CLEAR,
    DASH,
    DEFAULT_DPI,
    EDGE,
    FONT,
    FULL_W,
    GRID,
    HIGHLIGHT,
    LABEL_PT,
    LEAD,
    MAX_HEIGHT_CM,
    MIN_ROW,
    MUTED,
    PAD,
    PT,
    REF,
    SMALL_PT,
    SPINE,
    TEXT,
    TICK_H,
    TITLE_PT,
    WIDTH_CM,
    NumberFormat,
)
from .text import _clip, _count, _intro, _text_w, _TickFormatter, _width, _with_unit, _wrap

__all__ = [
    "achievement_chart", "target_actual_chart", "trend_chart", "region_comparison_chart",
    "distribution_chart", "comparison_groups", "Bar", "Pair", "Series", "RegionValue",
]

# The words the charts write, rendered in the document's language.
NO_DATA = _("no data")
NO_TARGET = _("no target")
TARGET = _("Target")
ACTUAL_WORD = _("Actual")
MISSED = _("Target not met")
TIED = _("4= tied rank")


def _say(lang: str, text: str | Message) -> str:
    return text.render(lang) if isinstance(text, Message) else text


# -- layout -------------------------------------------------------------------------------------


@dataclass
class _Grid:
    """A fixed-margin layout in points: the title (and an optional legend) at the top, then n
    panels in ncols columns. Around each panel's axes: head_h above (panel title), foot_h below
    (x axis), label_w left (y labels), right_w right; gap_h between panel rows."""

    title: str
    n: int = 1
    ncols: int = 1
    head_h: float = 0.0
    foot_h: float = TICK_H
    label_w: float = 0.0
    right_w: float = 10.0
    gap_h: float = 12.0
    legend: list | None = None
    title_lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.title_lines = _wrap(self.title, FULL_W - 2 * PAD, TITLE_PT, bold=True)

    @property
    def nrows(self) -> int:
        return -(-self.n // self.ncols)

    @property
    def col_w(self) -> float:
        return (FULL_W - 2 * PAD) / self.ncols

    @property
    def axes_w(self) -> float:
        return self.col_w - self.label_w - self.right_w

    @property
    def top(self) -> float:
        title_h = len(self.title_lines) * TITLE_PT * LEAD if self.title.strip() else 0.0
        return PAD + title_h + 6 + self.legend_rows * (SMALL_PT * LEAD + 8)

    @property
    def legend_rows(self) -> int:
        """One row of legend entries, two if they do not fit across the figure."""
        if not self.legend:
            return 0
        # per entry: handle (2.2 em) + pad (0.8 em) + label; between entries 1.8 em
        em = SMALL_PT
        width = sum(3.0 * em + _width(h.get_label(), SMALL_PT) for h in self.legend)
        width += 1.8 * em * (len(self.legend) - 1)
        return 1 if width <= FULL_W - 2 * PAD else 2

    def frame_h(self) -> float:
        r = self.nrows
        return self.top + PAD + r * (self.head_h + self.foot_h) + (r - 1) * self.gap_h

    def max_axes_h(self) -> float:
        """The axes height per panel row that keeps the figure within 22 cm."""
        return (MAX_HEIGHT_CM * PT - self.frame_h()) / self.nrows

    def figure(self, axes_h: float, dpi: int) -> tuple[Figure, list, float]:
        """The figure with its panel axes, and its height in cm (rounded up to 0.01 cm)."""
        r = self.nrows
        height_cm = math.ceil(round((self.frame_h() + r * axes_h) / PT * 100, 6)) / 100
        H = height_cm * PT
        fig = Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=dpi, facecolor="white")
        canvas(fig)
        top = self.top + self.head_h
        between = self.foot_h + self.gap_h + self.head_h
        fig.subplots_adjust(
            left=(PAD + self.label_w) / FULL_W, right=1 - (PAD + self.right_w) / FULL_W,
            top=1 - top / H, bottom=1 - (top + r * axes_h + (r - 1) * between) / H,
            wspace=(self.label_w + self.right_w) / self.axes_w, hspace=between / axes_h)
        gs = fig.add_gridspec(r, self.ncols)
        axes = [fig.add_subplot(gs[i // self.ncols, i % self.ncols]) for i in range(self.n)]
        if self.title.strip():
            fig.text(PAD / FULL_W, 1 - PAD / H, "\n".join(self.title_lines), ha="left", va="top",
                     fontsize=TITLE_PT, fontweight="bold", fontfamily=FONT, parse_math=False, color=TEXT)
        if self.legend:
            fig.legend(handles=self.legend, loc="upper left",
                       ncols=-(-len(self.legend) // self.legend_rows),
                       bbox_to_anchor=(PAD / FULL_W, 1 - (self.top - self.legend_rows
                                                          * (SMALL_PT * LEAD + 8) + 2) / H),
                       frameon=False, borderpad=0, borderaxespad=0, handlelength=2.2,
                       handleheight=1.0, columnspacing=1.8, labelcolor=TEXT,
                       prop=FontProperties(family=FONT, size=SMALL_PT))
            for text in fig.legends[-1].get_texts():
                text.set_parse_math(False)
        return fig, axes, height_cm


def _subtitle(unit: str, target: str = "", target_label: str = "Target", lang: str = "id") -> str:
    """The grey line under a row or panel title: the unit and the target."""
    parts = [unit and _("Unit: {unit}", unit=unit).render(lang),
             target and f"{target_label}: {target}"]
    return " · ".join(p for p in parts if p)


def _panels(title: str, titles: list[str], subs: list[str], legend: list | None,
            ncols: int = 2, **kw) -> tuple[_Grid, list[list[str]], list[list[str]]]:
    """The grid for small multiples: at most 2 columns (a third leaves no room for the bars
    and their tick labels), with the panel titles (bold) and subtitles wrapped to the column
    width, as many lines as they need. Callers with many panels split them over pictures (see
    :func:`comparison_groups`); otherwise rows get lower, then fewer regions are shown."""
    n = len(titles)
    grid = _Grid(title, n, min(n, ncols), legend=legend, **kw)
    heads = [_wrap(t, grid.col_w - 6, LABEL_PT, bold=True) for t in titles]
    lines = [_wrap(t, grid.col_w - 6, SMALL_PT) if t else [] for t in subs]
    grid.head_h = (max(map(len, heads)) * LABEL_PT * LEAD
                   + max(map(len, lines)) * SMALL_PT * LEAD + 7)
    return grid, heads, lines


def comparison_groups(n_panels: int, n_regions: int) -> list[range]:
    """How to split n panels of n regions each over pictures of :func:`region_comparison_chart`
    so that every region keeps a readable row: four panels (two rows of two) while 17 regions
    fit in half a page, else two (one row)."""
    size = 4 if n_regions <= 17 else 2
    return [range(i, min(i + size, n_panels)) for i in range(0, n_panels, size)]


def _panel_title(ax, lines: list[str], sub: list[str], label_w: float) -> None:
    """A bold panel title over the whole column (from the y labels on), a grey subtitle below."""
    kw = dict(xycoords="axes fraction", textcoords="offset points", ha="left", va="bottom",
              fontfamily=FONT, parse_math=False)
    lift = len(sub) * SMALL_PT * LEAD + 1 if sub else 0
    ax.annotate("\n".join(lines), (0, 1), xytext=(-label_w, 5 + lift), fontsize=LABEL_PT,
                fontweight="bold", color=TEXT, **kw)
    if sub:
        ax.annotate("\n".join(sub), (0, 1), xytext=(-label_w, 5), fontsize=SMALL_PT,
                    color=MUTED, **kw)


def _style(ax, axis: str, formatter, nbins: int = 5, integer: bool = False) -> None:
    """No top/right spines, a light grid along `axis`, formatted ticks on it."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color(SPINE)
    ax.spines[["left", "bottom"]].set_linewidth(0.8)
    ax.tick_params(labelsize=SMALL_PT, labelfontfamily=FONT, labelcolor=TEXT, color=SPINE,
                   length=3, width=0.8, pad=3)
    ax.grid(axis=axis, color=GRID, linewidth=0.7)
    ax.set_axisbelow(True)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(nbins, integer=integer, steps=[1, 2, 5, 10]
                                         if integer else [1, 2, 2.5, 5, 10]))
    target.set_major_formatter(formatter)


def _note(ax, x, y, text, *, dx=3.0, dy=0.0, ha="left", va="center", size=SMALL_PT, color=TEXT,
          bbox: dict | None = None, zorder: float = 3, fontweight="normal", style="normal",
          xycoords=None):
    """Text at a data point, shifted by (dx, dy) points (drawn even at the axes' edge), on the
    white box ``bbox`` (:data:`BOX`) if given: an annotation, drawn by the raster trick's
    :class:`~evalreport._fast.raster.Note` on the fast path."""
    pad = None
    if bbox is not None:
        pad = float(dict(p.split("=") for p in bbox["boxstyle"].split(",")[1:])["pad"])
    return note(ax, (x, y), text, (dx, dy), ha=ha, va=va, size=size, family=FONT, color=color,
                weight=fontweight, style=style, box_pad=pad,
                box_color=bbox["facecolor"] if bbox else "white", zorder=zorder,
                xycoords=xycoords)


def _hbar(ax, y: float, width: float, height: float, *, left: float = 0.0,
          **props) -> Rectangle:
    """One horizontal bar from x = left, centred on y: ``ax.barh`` without its bookkeeping
    (data limits, containers), which these charts do not use (their limits are set)."""
    return add(ax, Rectangle((left, y - height / 2), width - left, height, **props))


def _band_bar(ax, y: float, width: float, height: float, color: str, hatch: str = "",
              met: bool | None = None, zorder: float = 2) -> None:
    """A bar in a band's colour: a thin dark edge (a pale band shows on paper), the band's
    pattern if it has one, stripes over it when the target was missed."""
    pattern = hatch + (MISSED_HATCH if met is False else "")
    _hbar(ax, y, width, height, facecolor=color, edgecolor=EDGE, linewidth=0.5, zorder=zorder,
          hatch=pattern or None, hatchcolor=contrast_ink(color) if pattern else None)


def _break(ax, y: float, lo: float, hi: float, height: float) -> None:
    """Two white slashes across the end of a bar cut at the axis end (its value is written)."""
    w = (hi - lo) * 0.006
    for k in (1, 2):
        x = hi - (hi - lo) * 0.014 * k
        add(ax, Line2D([x - w, x + w], [y + height * 0.6, y - height * 0.6],
                             color="white", linewidth=1.6, zorder=2.5))


def _missed_handle(lang: str) -> Patch:
    return Patch(facecolor="#FFFFFF", edgecolor=EDGE, linewidth=0.5, hatch=MISSED_HATCH,
                 hatchcolor=TEXT, label=MISSED.render(lang))


def _band_handles(bands: Sequence[tuple], lang: str) -> list:
    """Legend entries of band colours: (label, colour) or (label, colour, pattern)."""
    out = []
    for label, color, *rest in bands:
        hatch = rest[0] if rest else ""
        out.append(Patch(facecolor=color, edgecolor=EDGE, linewidth=0.5, hatch=hatch or None,
                         hatchcolor=contrast_ink(color) if hatch else None,
                         label=_say(lang, label)))
    return out


def _ylabels(ax, labels: list[str], size: float, ys: Sequence[float] | None = None,
             bold: Sequence[bool] = ()) -> None:
    """Row labels left of the axes (row i at y = ys[i], or i), right-aligned; no tick marks."""
    ax.set_yticks([])
    tr = ax.get_yaxis_transform()
    for i, text in enumerate(labels):
        b = i < len(bold) and bold[i]
        _note(ax, 0, i if ys is None else ys[i], text, dx=-5, ha="right", size=size,
              fontweight="bold" if b else "normal", xycoords=tr)


def _ref_line(ax, x: float, vertical: bool = True, zorder: float = 1.5) -> None:
    """A dashed target / reference line, under the bars (seen between them)."""
    (ax.axvline if vertical else ax.axhline)(x, color=REF, linewidth=1.1, linestyle=DASH,
                                             zorder=zorder)


def _clear_of(start: float, width: float, lines: Sequence[float]) -> float:
    """Where a label of ``width`` (pt) that would start at ``start`` (pt from the axes' left)
    starts so that it keeps clear of the vertical lines at ``lines`` (pt): past any line it
    would touch."""
    x = start
    for line in sorted(lines):
        if x - CLEAR < line < x + width + CLEAR:
            x = line + CLEAR
    return x


@dataclass
class _Scale:
    """A horizontal scale: data value to points from the axes' left."""

    lo: float
    hi: float
    axes_w: float

    def pt(self, v: float) -> float:
        return (v - self.lo) / (self.hi - self.lo) * self.axes_w


def _label_offsets(scale: _Scale, ends: Sequence[float | None], widths: Sequence[float],
                   lines: Sequence[float]) -> list[float]:
    """For each bar ending at ``ends[i]``: the offset (pt) of its value label from the bar end,
    3 pt as a rule, more where a target line is in the way."""
    out = []
    line_pts = [scale.pt(x) for x in lines]
    for end, w in zip(ends, widths):
        at = scale.pt(max(end or 0.0, 0.0))
        out.append(_clear_of(at + 3.0, w, line_pts) - at)
    return out


def _right_margin(room: float, label_w: float, lo: float, hi: float,
                  ends: Sequence[float | None], widths: Sequence[float],
                  lines: Sequence[float], step: float = 24.0) -> float:
    """The narrowest right margin (in steps, so that similar charts share a frame) into which
    every value label fits, at most half the room."""
    right = 8.0
    while right < 0.5 * room:
        scale = _Scale(lo, hi, room - label_w - right)
        offs = _label_offsets(scale, ends, widths, lines)
        over = max((scale.pt(max(e or 0.0, 0.0)) + o + w - scale.axes_w
                    for e, o, w in zip(ends, offs, widths)), default=0.0)
        if over <= right - 2:
            return right
        right = math.ceil((right + 1) / step) * step
    return 0.5 * room


# show_title=False draws no title in the picture (a document caption says it); the title still
# opens the alt text.


def _fmt_for(number_format: NumberFormat, decimals: int | None) -> NumberFormat:
    """The caller's format, told the number of decimals of one indicator when it is known."""
    if decimals is None:
        return number_format
    return lambda v: number_format(v, decimals)  # type: ignore[call-arg]


def _target_text(target: float | None, band: tuple[float, float] | None, fmt: NumberFormat) -> str:
    if band:
        return f"{fmt(band[0])}–{fmt(band[1])}"
    return "" if target is None else fmt(target)


def _nice_hi(top: float, floor: float = 120.0, step: float = 20.0, cap: float | None = None) -> float:
    """The axis end: at least ``floor``, 110 % of the top value, in steps of 20 (fewer frames)."""
    hi = max(floor, top * 1.1)
    hi = floor if hi <= floor else math.ceil(hi / step) * step
    return min(hi, cap) if cap else hi


NOTE_W = 80.0  # pt: a value label wider than this breaks at its " · " ("102,57%" / "Sangat Tinggi")


def _wrap_parts(text: str, width: float, sep: str = " · ") -> list[str]:
    """Parts of a label joined by ``sep`` on lines no wider than ``width`` (pt) where they can."""
    lines: list[str] = []
    for part in text.split(sep):
        if lines and _width(lines[-1] + sep + part, SMALL_PT) <= width:
            lines[-1] += sep + part
        else:
            lines.append(part)
    return lines


# -- achievement --------------------------------------------------------------------------------


def _row_heights(labels: list[list[str]], line_h: float, min_h: float, pad: float) -> list[float]:
    return [max(min_h, len(lab) * line_h + pad) for lab in labels]


def _centres(heights: Sequence[float]) -> list[float]:
    out, y = [], 0.0
    for h in heights:
        out.append(y + h / 2)
        y += h
    return out


def achievement_chart(bars: list[Bar], *, title: str, reference: float = 100.0,
                      reference_label: str | None = None, xlabel: str | None = None,
                      number_format: NumberFormat, dpi: int = DEFAULT_DPI,
                      show_title: bool = True, lang: str = "id",
                      scale_max: float | None = None) -> Chart:
    """Achievement (capaian, %) per indicator: one horizontal bar each, first at the top,
    coloured by band (striped where the target was missed), labelled at its end, on one scale
    with a dashed reference line under the bars. ``scale_max``: the highest value the scale
    must hold (the same for every region of a run, so their charts read alike and share one
    frame); the axis stops at 200 %, a longer bar is broken at its end."""
    if not bars:
        raise ValueError("achievement_chart: no bars to draw (the list of indicators is empty)")
    reference_label = reference_label or _("Target ({value}%)",
                                           value=_TickFormatter(number_format)(reference)).render(lang)
    xlabel = xlabel or _("Achievement (%)").render(lang)
    no_data = NO_DATA.render(lang)
    n = len(bars)
    # a long note ("91,71% · Sangat Tinggi · tidak tercapai") breaks at its dots: a narrower
    # right margin leaves the scale more room
    texts = [no_data if b.value is None else
             "\n".join(_wrap_parts(b.note, NOTE_W)) if b.note else f"{number_format(b.value)}%"
             for b in bars]
    legend = [_missed_handle(lang)] if any(b.met is False for b in bars) else None
    # every row as tall as the tallest label a region's values could give (value, band, "not
    # met"), whatever this region's are: regions with the same indicators share one frame
    note_lines = max([t.count("\n") + 1 for t in texts] + [3 if any(b.note for b in bars) else 1])
    grid = _Grid(title if show_title else "", head_h=SMALL_PT * LEAD + 5,
                 foot_h=TICK_H + LABEL_PT * LEAD + 2, legend=legend)
    line_h = LABEL_PT * LEAD
    for share in (0.38, 0.44, 0.5):  # a wider label column before a taller chart
        labels = [_wrap(b.label, share * grid.col_w, LABEL_PT) for b in bars]
        heights = [max(h, note_lines * SMALL_PT * LEAD + 4.0)
                   for h in _row_heights(labels, line_h, 20.0, 7.0)]
        if sum(heights) <= grid.max_axes_h():
            break
    else:  # more than a page of labels: the last resort, lines cut to what fits
        most = max(1, int((grid.max_axes_h() / n - 7) // line_h))
        labels = [_wrap(b.label, share * grid.col_w, LABEL_PT, most) for b in bars]
        heights = _row_heights(labels, line_h, min(20.0, grid.max_axes_h() / n), 7.0)
    ys = _centres(heights)
    total = sum(heights)
    bar_h = min(12.4, min(heights) * 0.62)
    grid.label_w = max(_text_w(lab, LABEL_PT) for lab in labels) + 9
    present = [b.value for b in bars if b.value is not None]
    lo = min([0.0] + present) * 1.1
    hi = _nice_hi(max([reference, scale_max or 0.0] + present), cap=max(200.0, reference * 1.2))
    values = [None if v is None else min(v, hi) for v in (b.value for b in bars)]
    room = grid.col_w
    widths = [_text_w(t.split("\n"), SMALL_PT) + 2 for t in texts]
    # room for a label as wide as notes get, at the axis end, whatever this region's values:
    # so that regions with the same indicators (and scale_max) share one frame
    widest = max(widths + ([NOTE_W + 2] if any(b.note for b in bars) else []))
    grid.right_w = _right_margin(room, grid.label_w, lo, hi, [hi], [widest], [])
    scale = _Scale(lo, hi, grid.axes_w)
    offsets = _label_offsets(scale, values, widths, [reference])
    pos = scale.pt(reference)
    half = _width(reference_label, SMALL_PT) / 2
    ref_ha = ("right" if pos + half > grid.axes_w + grid.right_w
              else "left" if pos < half else "center")

    def frame():
        fig, (ax,), height_cm = grid.figure(total, dpi)
        # the reference label above the axes, kept inside the figure
        _note(ax, reference, 1.0, reference_label, dx=0, dy=3, ha=ref_ha, va="bottom", color=REF,
              xycoords=ax.get_xaxis_transform())
        ax.set_xlim(lo, hi)
        ax.set_ylim(total, 0)
        _ylabels(ax, ["\n".join(lab) for lab in labels], LABEL_PT, ys)
        _style(ax, "x", _TickFormatter(number_format), nbins=7)
        ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
        _ref_line(ax, reference)
        return fig, [ax], height_cm

    def data(axes):
        ax, = axes
        for b, v, y, text, off in zip(bars, values, ys, texts, offsets):
            if v is None:
                _note(ax, 0, y, text, color=MUTED, style="italic", bbox=BOX, zorder=4)
                continue
            _band_bar(ax, y, v, bar_h, b.color, b.hatch, b.met)
            if b.value > hi:  # type: ignore[operator]
                _break(ax, y, lo, hi, bar_h)
            _note(ax, max(v, 0.0), y, text, dx=off, bbox=BOX, zorder=4)
        return [ax.spines["left"]]  # the axis line stays over the bars' ends at 0

    key = ("achievement", dpi, grid.title, tuple(map(tuple, labels)), tuple(heights),
           grid.label_w, grid.right_w, lo, hi, reference, reference_label, ref_ha, xlabel,
           bool(legend), number_format, lang)
    png_bytes, height_cm = _framed(key, frame, data)

    def say(b: Bar, text: str) -> str:
        if b.value is None or not b.note:
            return f"{b.label}: {text}"
        first, *rest = b.note.split(" · ")
        return f"{b.label}: {first}" + (f" ({', '.join(rest)})" if rest else "")

    alt = _intro(title, _("Bar chart of achievement per indicator, with the reference line "
                          "{reference}: {items}.", reference=reference_label,
                          items="; ".join(map(say, bars, texts))).render(lang))
    return Chart(png_bytes, WIDTH_CM, height_cm, alt)


# -- rows of indicators (target and actual, trend) ----------------------------------------------


@dataclass
class _Rows:
    """The layout of a chart of n indicator rows in one axes, first at the top, each row as tall
    as its label needs (y in points from the top), with the indicator label (bold) and a grey
    line (unit, target) left of each row. Far cheaper to draw than one axes per indicator, and
    it reads like the report's tables. Everything here is frame: the same for every region
    with the same indicators."""

    grid: _Grid
    heads: list[list[str]]
    lines: list[list[str]]
    heights: list[float]

    @property
    def n(self) -> int:
        return len(self.heights)

    @property
    def total(self) -> float:
        return sum(self.heights)

    @property
    def tops(self) -> list[float]:
        return [sum(self.heights[:i]) for i in range(self.n)]

    @classmethod
    def layout(cls, labels: list[str], subs: list[str], title: str, legend: list | None,
               min_h: float, head_h: float, foot_h: float = PAD) -> _Rows:
        grid = _Grid(title, head_h=head_h, foot_h=foot_h, right_w=PAD, legend=legend)

        def block(h: list[str], sub: list[str]) -> float:
            return len(h) * LABEL_PT * LEAD + len(sub) * SMALL_PT * LEAD + 8

        for share in (0.34, 0.42, 0.5):  # a wider label column before a taller chart
            heads = [_wrap(t, share * grid.col_w, LABEL_PT, bold=True) for t in labels]
            lines = [_wrap(t, share * grid.col_w, SMALL_PT) if t else [] for t in subs]
            heights = [max(min_h, block(h, sub)) for h, sub in zip(heads, lines)]
            if sum(heights) <= grid.max_axes_h():
                break
        else:  # more than a page of labels: the last resort, lines cut to what fits
            each = grid.max_axes_h() / len(labels)
            most = max(1, int((each - 8 - SMALL_PT * LEAD) // (LABEL_PT * LEAD)))
            heads = [_wrap(t, share * grid.col_w, LABEL_PT, most, bold=True) for t in labels]
            lines = [_wrap(t, share * grid.col_w, SMALL_PT, 1) if t else [] for t in subs]
            heights = [min(each, max(min_h, block(h, sub))) for h, sub in zip(heads, lines)]
        grid.label_w = max(max(_text_w(h, LABEL_PT, True), _text_w(sub, SMALL_PT) if sub else 0)
                           for h, sub in zip(heads, lines)) + 10
        return cls(grid, heads, lines, heights)

    def key(self) -> tuple:
        legend = tuple(h.get_label() for h in self.grid.legend or ())
        return (self.grid.title, legend, tuple(map(tuple, self.heads)),
                tuple(map(tuple, self.lines)), tuple(self.heights), self.grid.head_h,
                self.grid.right_w, self.grid.foot_h)

    def frame(self, dpi: int) -> tuple[Figure, Axes, float]:
        grid = self.grid
        fig, (ax,), height_cm = grid.figure(self.total, dpi)
        ax.set_ylim(self.total, 0)
        ax.set_xlim(0, 1)
        ax.set_axis_off()
        tr = ax.get_yaxis_transform()
        for top, row_h, h, sub in zip(self.tops, self.heights, self.heads, self.lines):
            block = len(h) * LABEL_PT * LEAD + len(sub) * SMALL_PT * LEAD
            first = max(0.0, (row_h - block) / 2)  # points below the row's top edge
            ax.annotate("\n".join(h), (0, top), xycoords=tr, xytext=(-8, -first),
                        textcoords="offset points", ha="right", va="top", fontsize=LABEL_PT,
                        fontweight="bold", fontfamily=FONT, parse_math=False, color=TEXT, linespacing=1.1)
            if sub:
                ax.annotate("\n".join(sub), (0, top), xycoords=tr,
                            xytext=(-8, -first - len(h) * LABEL_PT * LEAD - 1),
                            textcoords="offset points", ha="right", va="top", fontsize=SMALL_PT,
                            fontfamily=FONT, parse_math=False, color=MUTED, linespacing=1.1)
        if self.n > 1:  # thin rules between rows, across labels and plot
            ax.hlines(self.tops[1:], -grid.label_w / grid.axes_w, 1, colors=GRID,
                      linewidth=0.7, clip_on=False, zorder=0,
                      transform=ax.get_yaxis_transform())  # x in axes fractions
        return fig, ax, height_cm


def _zone(comparator: str, band: tuple[float, float] | None,
          hi: float) -> tuple[tuple[float, float] | None, list[float]]:
    """Where a value meets its target, in % of the target (from, to), and where the target
    lines go: right of 100 for "at least", left of it for "at most", a range's own ends."""
    if band:
        mid = sum(band) / 2
        a, b = band[0] / mid * 100, band[1] / mid * 100
        return (a, b), [a, b]
    if comparator in (">=", ">"):
        return (100.0, hi), [100.0]
    if comparator in ("<=", "<"):
        return (0.0, 100.0), [100.0]
    return None, [100.0]  # "=": the line itself


def _pair_texts(pairs: Sequence[Pair], number_format: NumberFormat, target_label: str, lang: str
                ) -> tuple[list[float | None], list[str], list[str], list[str]]:
    """What the target/actual chart says of each pair, drawn or as a Word chart: the actual as
    a share of its target (None when there is nothing to scale it by), the actual's label, the
    target's text, and the sentence of its alt text."""
    no_data, no_target = NO_DATA.render(lang), NO_TARGET.render(lang)
    shares: list[float | None] = []
    texts, t_texts, alt = [], [], []
    for p in pairs:
        fmt = _fmt_for(number_format, p.decimals)
        t_text = p.target_text or (no_target if p.target is None and not p.target_band
                                   else _target_text(p.target, p.target_band, fmt))
        ref = sum(p.target_band) / 2 if p.target_band else p.target
        share = None if p.actual is None or ref is None or ref <= 0 else p.actual / ref * 100
        a_text = no_data if p.actual is None else fmt(p.actual)
        if share is None and p.actual is not None:  # nothing to scale it by: the value alone
            a_text += f" ({no_target})" if ref is None else f" ({target_label} {t_text})"
        shares.append(share)
        texts.append(a_text)
        t_texts.append(t_text)
        item = _("{label}: target {target}, actual {actual}", label=_with_unit(p.label, p.unit),
                 target=t_text, actual=no_data if p.actual is None else fmt(p.actual)).render(lang)
        if share is not None:
            item += " " + _("({share}% of the target)", share=number_format(share)).render(lang)
        alt.append(item)
    return shares, texts, t_texts, alt


def target_actual_chart(pairs: list[Pair], *, title: str, number_format: NumberFormat,
                        dpi: int = DEFAULT_DPI, show_title: bool = True,
                        target_label: str | None = None, actual_label: str | None = None,
                        lang: str = "id", scale_max: float | None = None) -> Chart:
    """Actual against target per indicator, every row on one scale: the actual value as a
    percentage of its target (a range: of its middle), a dark blue bar labelled with the value
    itself; the side of the target that meets it shaded light grey, the target dashed. So a
    lower-is-better indicator under its target reads as met, whatever its unit.
    ``scale_max``: as for :func:`achievement_chart`, in % of target."""
    if not pairs:
        raise ValueError("target_actual_chart: no pairs to draw (the list of indicators is empty)")
    target_label = target_label or TARGET.render(lang)
    actual_label = actual_label or ACTUAL_WORD.render(lang)
    legend = [Patch(facecolor=ACTUAL, label=actual_label),
              Line2D([], [], color=REF, linewidth=1.1, linestyle=DASH, label=target_label),
              Patch(facecolor=BAND_FACE, label=_("Meets the target").render(lang))]
    shares, texts, t_texts, alt = _pair_texts(pairs, number_format, target_label, lang)
    subs = [_subtitle(p.unit, t, target_label, lang) for p, t in zip(pairs, t_texts)]
    layout = _Rows.layout([p.label for p in pairs], subs, title if show_title else "", legend,
                          28.0, 0.0, foot_h=TICK_H + LABEL_PT * LEAD + 2)
    present = [s for s in shares if s is not None]
    band_ends = [_zone(p.comparator, p.target_band, 0.0)[0][1]  # type: ignore[index]
                 for p, s in zip(pairs, shares) if p.target_band and s is not None]
    hi = _nice_hi(max([100.0, scale_max or 0.0] + present + band_ends), cap=200.0)
    lo = min([0.0] + present) * 1.1
    ends = [None if s is None else min(s, hi) for s in shares]
    zones = [_zone(p.comparator, p.target_band, hi) if s is not None else (None, [])
             for p, s in zip(pairs, shares)]
    widths = [_width(t, SMALL_PT) + 2 for t in texts]
    # room for a value as wide as the row's scale end written out, at the axis end, whatever
    # this region's values: so that regions with the same indicators share one frame
    widest = [_width(_fmt_for(number_format, p.decimals)(
        (sum(p.target_band) / 2 if p.target_band else p.target or 0.0) * hi / 100), SMALL_PT) + 2
        for p in pairs]
    layout.grid.right_w = _right_margin(layout.grid.col_w, layout.grid.label_w, lo, hi,
                                        [hi] * len(pairs) + ends, widest + widths, [])
    scale = _Scale(lo, hi, layout.grid.axes_w)
    offsets = [_label_offsets(scale, [e], [w], marks)[0]
               for e, w, (_z, marks) in zip(ends, widths, zones)]
    xlabel = _("Actual as % of the target").render(lang)

    def frame():
        fig, ax, height_cm = layout.frame(dpi)
        ax.set_axis_on()
        ax.set_xlim(lo, hi)
        ax.set_ylim(layout.total, 0)
        ax.set_yticks([])
        _style(ax, "x", _TickFormatter(number_format), nbins=7)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
        return fig, [ax], height_cm

    def data(axes):
        ax, = axes
        for share, end, (zone, marks), top, h, text, off in zip(
                shares, ends, zones, layout.tops, layout.heights, texts, offsets):
            y = top + h / 2
            if share is None or end is None:
                _note(ax, 0, y, text, dx=0, color=MUTED, style="italic", zorder=4)
                continue
            inner = (top + 3, top + h - 3)
            if zone:
                add(ax, Rectangle((zone[0], inner[0]), zone[1] - zone[0],
                                        inner[1] - inner[0], facecolor=BAND_FACE,
                                        edgecolor="none", zorder=1))
            for x in marks:
                add(ax, Line2D([x, x], list(inner), color=REF, linewidth=1.1,
                                     linestyle=DASH, zorder=1.5))
            _hbar(ax, y, max(end, 0.0), 11.0, left=min(0.0, end), facecolor=ACTUAL,
                  edgecolor="none", zorder=2)
            if share > hi:  # cut at the axis end
                _break(ax, y, lo, hi, 11.0)
            _note(ax, max(end, 0.0), y, text, dx=off, bbox=BOX, zorder=4)
        return [ax.spines["bottom"]]

    key = ("target_actual", dpi, *layout.key(), lo, hi, xlabel, number_format, lang)
    png_bytes, height_cm = _framed(key, frame, data)
    return Chart(png_bytes, WIDTH_CM, height_cm, _intro(
        title, _("Actual values as a percentage of their targets, per indicator: {items}.",
                 items="; ".join(alt)).render(lang)))


# -- trend --------------------------------------------------------------------------------------


_PLACES = {  # (dx, dy, ha, va) of a point's value label, in points (y up)
    "above": (0, 5, "center", "bottom"), "below": (0, -5, "center", "top"),
    "upper left": (-3, 3, "right", "bottom"), "upper right": (3, 3, "left", "bottom"),
    "lower left": (-3, -3, "right", "top"), "lower right": (3, -3, "left", "top"),
}


def _label_place(vals: list[float | None], i: int) -> str:
    """Where a point's value label goes first, on the side the line leaves free: below a low
    point, above a high one, upper left on a rise, upper right on a fall."""
    v = vals[i]
    if v is None:
        return "above"
    higher = [w > v for j in (i - 1, i + 1) if 0 <= j < len(vals) and (w := vals[j]) is not None]
    if higher and all(higher):
        return "below"
    if not any(higher):
        return "above"
    return "upper left" if higher[-1] else "upper right"


def _free_place(first: str, x: float, y: float, width: float, lines: Sequence[float],
                segments: Sequence[tuple[tuple[float, float], tuple[float, float]]],
                room: tuple[float, float], height: float = SMALL_PT * 1.2 + 2) -> str:
    """The first place (``first``, then the others) whose label, ``width`` wide, keeps clear of
    the horizontal target lines at ``lines`` and of the line's own ``segments``, inside
    ``room`` (y from, to); ``first`` if none does. All in points, y downwards."""
    order = [first] + [p for p in ("above", "below", "upper left", "upper right", "lower left",
                                   "lower right") if p != first]
    for place in order:
        dx, dy, ha, va = _PLACES[place]
        top = y - dy - height if va == "bottom" else y - dy
        bottom = top + height
        left = x + dx - (width / 2 if ha == "center" else width if ha == "right" else 0)
        right = left + width
        if top < room[0] or bottom > room[1]:
            continue
        if any(top - 1 < t < bottom + 1 for t in lines):
            continue
        crossed = False
        for (x0, y0), (x1, y1) in segments:
            for k in np.linspace(0, 1, 25):
                px, py = x0 + (x1 - x0) * k, y0 + (y1 - y0) * k
                if left < px < right and top < py < bottom:
                    crossed = True
                    break
            if crossed:
                break
        if not crossed:
            return place
    return first


def trend_chart(series: list[Series], *, title: str, number_format: NumberFormat,
                dpi: int = DEFAULT_DPI, show_title: bool = True,
                target_label: str | None = None, actual_label: str | None = None,
                lang: str = "id") -> Chart:
    """Values over periods, one row per indicator on its own scale (indicators have different
    units; every point is labelled with its value): a line with labelled markers (gaps for
    missing values) and a dashed target line or a shaded target range, the periods named once
    above the rows. Value labels go to the side of their point that keeps clear of the target."""
    if not series:
        raise ValueError("trend_chart: no series to draw (the list of indicators is empty)")
    for s in series:
        if len(s.periods) != len(s.values):
            raise ValueError(f"trend_chart: '{s.label}' has {len(s.periods)} periods but "
                             f"{len(s.values)} values")
    target_label = target_label or TARGET.render(lang)
    actual_label = actual_label or ACTUAL_WORD.render(lang)
    no_data = NO_DATA.render(lang)
    legend: list[Artist] = [Line2D([], [], color=ACTUAL, linewidth=1.8, marker="o", markersize=4.5,
                                   label=actual_label)]
    if any(s.target is not None and not s.target_band for s in series):
        legend.append(Line2D([], [], color=REF, linewidth=1.1, linestyle=DASH, label=target_label))
    if any(s.target_band for s in series):
        legend.append(Patch(facecolor=BAND_FACE, label=_("Target range").render(lang)))
    targets = [s.target_text or _target_text(s.target, s.target_band,
                                             _fmt_for(number_format, s.decimals))
               for s in series]
    subs = [_subtitle(s.unit, t, target_label, lang) for s, t in zip(series, targets)]
    rows = _Rows.layout([s.label for s in series], subs, title if show_title else "", legend,
                        50.0, SMALL_PT * LEAD + 6)
    periods = max((s.periods for s in series), key=len)
    k = len(periods)
    xs = {p: 0.08 + 0.84 * (j / (k - 1) if k > 1 else 0.5) for j, p in enumerate(periods)}

    def frame():
        fig, ax, height_cm = rows.frame(dpi)
        for p, x in xs.items():  # the periods, once, above the first row
            _note(ax, x, 0, p, dx=0, dy=4, ha="center", va="bottom", fontweight="bold")
        return fig, [ax], height_cm

    def draw_row(ax, top: float, row_h: float, s: Series) -> None:
        fmt = _fmt_for(number_format, s.decimals)
        d = [v for v in s.values if v is not None] + list(s.target_band or ())
        d += [s.target] if s.target is not None and not s.target_band else []
        lo, hi = (min(d), max(d)) if d else (0.0, 1.0)
        if lo == hi:
            lo, hi = lo - (abs(lo) * 0.1 or 0.5), hi + (abs(hi) * 0.1 or 0.5)
        # the line keeps room for a label above its highest point and below its lowest
        upper, lower = top + 17.0, top + row_h - 18.0

        def y(v: float) -> float:
            return lower - (v - lo) / (hi - lo) * (lower - upper)

        lines: list[float] = []
        if s.target_band:
            ax.fill_between([0.02, 0.98], y(s.target_band[0]), y(s.target_band[1]),
                            facecolor=BAND_FACE, linewidth=0, zorder=1)
            lines = [y(s.target_band[0]), y(s.target_band[1])]
        elif s.target is not None:
            add(ax, Line2D([0.02, 0.98], [y(s.target)] * 2, color=REF, linewidth=1.1,
                                 linestyle=DASH, zorder=3))
            lines = [y(s.target)]
        x = [xs[p] for p in s.periods]
        ys = [np.nan if v is None else y(v) for v in s.values]
        add(ax, Line2D(x, ys, color=ACTUAL, linewidth=1.8, marker="o", markersize=4.5,
                             zorder=4))  # ax.plot without its bookkeeping: the limits are set
        half = (_width(no_data, SMALL_PT) / 2 + 2) / rows.grid.axes_w  # kept inside the plot
        for j, v in enumerate(s.values):
            if v is None:  # at the height of the plot furthest from a target line
                spots = np.linspace(upper, lower, 9)
                at = max(spots, key=lambda h: min([abs(h - t) for t in lines] + [1e9]))
                _note(ax, min(max(x[j], half), 1 - half), at, no_data, dx=0,
                      ha="center", color=MUTED, style="italic", zorder=5, bbox=BOX)
                continue
            w = rows.grid.axes_w
            near = [((x[k] * w, ys[k]), (x[k + 1] * w, ys[k + 1])) for k in (j - 1, j)
                    if 0 <= k < len(x) - 1 and not (np.isnan(ys[k]) or np.isnan(ys[k + 1]))]
            place = _free_place(_label_place(s.values, j), x[j] * w, ys[j],
                                _width(fmt(v), SMALL_PT) + 2, lines, near,
                                (top + 1, top + row_h + 1))
            dx, dy, ha, va = _PLACES[place]
            _note(ax, x[j], ys[j], fmt(v), dx=dx, dy=dy, ha=ha, va=va, zorder=5, bbox=BOX)

    def data(axes):
        for top, row_h, s in zip(rows.tops, rows.heights, series):
            draw_row(axes[0], top, row_h, s)
        return []

    png_bytes, height_cm = _framed(("trend", dpi, tuple(xs), *rows.key(), lang), frame, data)
    alt = []
    for s, t in zip(series, targets):
        fmt = _fmt_for(number_format, s.decimals)
        pts = ", ".join(f"{no_data if v is None else fmt(v)} ({p})"
                        for p, v in zip(s.periods, s.values))
        alt.append(f"{_with_unit(s.label, s.unit)}: {pts}"
                   + (f"; {target_label.lower()} {t}" if t else ""))
    return Chart(png_bytes, WIDTH_CM, height_cm, _intro(
        title, _("Trend of the actual values per indicator: {items}.",
                 items="; ".join(alt)).render(lang)))


# -- regions compared ---------------------------------------------------------------------------


def _rank_rows(regions: list[RegionValue], limit: int) -> list[tuple[int | None, int]]:
    """The rows to draw: (position, 0) for a region, (None, how many) for a gap row. Up to 40
    regions that fit: all; otherwise the top and the bottom (15 each at most), and any
    highlighted region from the middle, between gap rows."""
    n = len(regions)
    if n <= min(40, limit):
        return [(i, 0) for i in range(n)]
    k = max(1, min(15, (limit - 1) // 2))
    mid = [i for i, r in enumerate(regions) if r.highlight and k <= i < n - k]
    if mid:
        k = max(1, min(15, (limit - 1 - 2 * len(mid)) // 2))
        mid = [i for i, r in enumerate(regions) if r.highlight and k <= i < n - k]
    rows: list[tuple[int | None, int]] = []
    prev = -1
    for i in [*range(k), *mid, *range(n - k, n)]:
        if i > prev + 1:
            rows.append((None, i - prev - 1))
        rows.append((i, 0))
        prev = i
    return rows


def _rank_marks(regions: list[RegionValue]) -> list[str]:
    """Each region's rank as printed: "3", or "3=" when another region shares it (as the
    summary's tables print it); position in the list when no ranks are given; "" without a
    rank."""
    ranks = [r.rank for r in regions]
    if all(r is None for r in ranks):
        ranks = [i + 1 if r.value is not None else None for i, r in enumerate(regions)]
    counts: dict[int, int] = {}
    for r in ranks:
        if r is not None:
            counts[r] = counts.get(r, 0) + 1
    return ["" if r is None else f"{r}=" if counts[r] > 1 else str(r) for r in ranks]


# The layout of a group's comparison pictures, kept per process: it is the same whichever
# region a picture highlights, as long as every region has its row (none cut to the top and
# bottom rows, where the highlighted one is kept from the middle).
_LAYOUTS = 64


@dataclass(frozen=True)
class _ComparisonLayout:
    grid: _Grid
    heads: list
    subs: list
    rows: list  # per panel: (position, 0) for a region, (None, how many) for a gap
    names: list
    marks: list
    cells: list  # per panel: (values, texts)
    offsets: list
    lo: float
    hi: float
    scale: _Scale
    nrow: int
    row_h: float
    size: float
    rank_w: float
    subtitles: list
    cut: bool  # rows cut to the top and bottom: they depend on the region highlighted


_layouts: dict[tuple, _ComparisonLayout] = {}


def _comparison_layout(panels: list[tuple[str, str, list[RegionValue], float | None]], title: str,
                       number_format: NumberFormat, show_title: bool, target_label: str,
                       subtitles: Sequence[str] | None, bands: Sequence[tuple], lang: str
                       ) -> _ComparisonLayout:
    """Where everything of a comparison picture goes (see region_comparison_chart)."""
    no_data = NO_DATA.render(lang)
    legend: list[Artist] = ([Line2D([], [], color=REF, linewidth=1.1, linestyle=DASH, label=target_label)]
                            if any(t is not None for *_, t in panels) else [])
    legend += _band_handles(bands, lang)
    if any(v.met is False for _, _, regions, _ in panels for v in regions):
        legend.append(_missed_handle(lang))
    marks = [_rank_marks(regions) for _, _, regions, _ in panels]
    if any(m.endswith("=") for ms in marks for m in ms):
        legend.append(Line2D([], [], linestyle="none", label=TIED.render(lang)))
    if subtitles is None:
        subtitles = [_subtitle(unit, "" if t is None else
                               _fmt_for(number_format, r[0].decimals if r else None)(t),
                               target_label, lang) for _, unit, r, t in panels]
    size = LABEL_PT
    longest = max([_width(r.region, size, True) for _, _, rs, _ in panels for r in rs] + [20.0])
    rank_w = max([_width(m, size, True) for ms in marks for m in ms] + [0.0]) + 5
    # two panels side by side; one a row when the names would not fit half the width and every
    # region still has its row that way; otherwise (many regions with long names) two, and
    # only then a name too long for its column is cut
    ncols = 2 if longest + rank_w <= 0.45 * ((FULL_W - 2 * PAD) / 2) or len(panels) == 1 else 1
    while True:
        grid, heads, subs = _panels(title if show_title else "", [lab for lab, *_ in panels],
                                    list(subtitles), legend, ncols=ncols, right_w=12.0)
        limit = max(3, int(grid.max_axes_h() // MIN_ROW))
        rows = [_rank_rows(r, limit) for _, _, r, _ in panels]
        cut = any(len(rs) < len(r) for rs, (_, _, r, _) in zip(rows, panels))
        if ncols == 2 or not cut:
            break
        ncols = 2
    nrow = max(1, max(map(len, rows)))
    row_h = min(13.0, grid.max_axes_h() / nrow)
    if row_h < 12:
        size = SMALL_PT
    names = [["" if i is None else _clip(regions[i].region, 0.45 * grid.col_w - rank_w, size,
                                         True)
              for i, _gap in rs] for (_l, _u, regions, _t), rs in zip(panels, rows)]
    grid.label_w = max([_width(t, size, True) for ns in names for t in ns] + [20.0]) + 8 + rank_w
    cells = []  # per panel: (values, texts)
    for (_label, _unit, regions, _target), rs in zip(panels, rows):
        vals = [None if i is None else regions[i].value for i, _ in rs]
        texts = [n_("… {n} more region", "… {n} more regions", m, n=_count(m)).render(lang)
                 if i is None else no_data if regions[i].value is None else
                 _fmt_for(number_format, regions[i].decimals)(regions[i].value)  # type: ignore[arg-type]
                 for i, m in rs]
        cells.append((vals, texts))
    # one scale for every panel of the picture
    present = [v for vals, _ in cells for v in vals if v is not None]
    present += [t for *_, t in panels if t is not None]
    lo = min([0.0] + present) * 1.1
    top = max([0.0] + present)
    hi = _nice_hi(top, floor=0.0) if top >= 50 else top * 1.05 or 1.0  # in %: steps of 20
    targets = [t for *_, t in panels]
    room = grid.col_w
    grid.right_w = max(
        _right_margin(room, grid.label_w, lo, hi, vals, [_width(t, SMALL_PT, True) + 2
                                                          for t in texts],
                      [t] if t is not None else [], step=12.0)
        for (vals, texts), t in zip(cells, targets))
    scale = _Scale(lo, hi, grid.axes_w)
    offsets = [_label_offsets(scale, vals, [_width(t, SMALL_PT, True) + 2 for t in texts],
                              [t] if t is not None else [])
               for (vals, texts), t in zip(cells, targets)]
    return _ComparisonLayout(grid, heads, subs, rows, names, marks, cells, offsets, lo, hi,
                             scale, nrow, row_h, size, rank_w, list(subtitles), cut)


def region_comparison_chart(panels: list[tuple[str, str, list[RegionValue], float | None]], *,
                            title: str, number_format: NumberFormat, dpi: int = DEFAULT_DPI,
                            show_title: bool = True, target_label: str | None = None,
                            subtitles: Sequence[str] | None = None,
                            bands: Sequence[tuple] = (), lang: str = "id") -> Chart:
    """Regions ranked per indicator, one panel each (label, unit, regions given best first,
    reference value), all panels on one scale: horizontal bars with their rank (ties marked
    "=") and value, a dashed target line under the bars, missed targets striped. A highlighted
    region (the one the document is about) gets a box round its row and bold words. More than
    40 regions (or more than fit in 22 cm): the top and the bottom 15 (fewer if need be) with a
    gap row, and any highlighted region from the middle.

    ``subtitles``: the grey line under each panel title, instead of its unit and target;
    ``bands``: (label, colour) or (label, colour, pattern) of the bar colours, for the legend.

    The picture without the highlight is the same for every region of the group: it is drawn
    once per process and kept (:mod:`.frames`), and each region's highlight drawn over it."""
    if not panels:
        raise ValueError("region_comparison_chart: no panels to draw (no indicators)")
    target_label = target_label or TARGET.render(lang)
    plain = tuple((lab, unit, tuple(replace(r, highlight=False) if r.highlight else r for r in regions), t)
                  for lab, unit, regions, t in panels)
    known = (plain, title, show_title, None if subtitles is None else tuple(subtitles),
             tuple(map(tuple, bands)), target_label, number_format, lang)
    lay = _layouts.get(known)
    if lay is None:
        lay = _comparison_layout(panels, title, number_format, show_title, target_label,
                                 subtitles, bands, lang)
        if not lay.cut:
            if len(_layouts) >= _LAYOUTS:
                _layouts.pop(next(iter(_layouts)), None)
            _layouts[known] = lay
    grid, heads, subs, rows, names, marks, cells, offsets = (
        lay.grid, lay.heads, lay.subs, lay.rows, lay.names, lay.marks, lay.cells, lay.offsets)
    lo, hi, scale, nrow, row_h, size, rank_w = (
        lay.lo, lay.hi, lay.scale, lay.nrow, lay.row_h, lay.size, lay.rank_w)
    subtitles = lay.subtitles
    tick = _TickFormatter(number_format)  # an axis's own: a formatter is bound to its axis

    def frame():
        fig, axes, height_cm = grid.figure(nrow * row_h, dpi)
        for ax, (_label, _unit, regions, target), head, sub, rs, ns, ms, (vals, texts), offs in zip(
                axes, panels, heads, subs, rows, names, marks, cells, offsets):
            ax.set_xlim(lo, hi)
            ax.set_ylim(nrow - 0.5, -0.5)
            if target is not None:
                _ref_line(ax, target)
            for y, ((i, _gap), v, text, off) in enumerate(zip(rs, vals, texts, offs)):
                if i is None:
                    _note(ax, 0, y, text, color=MUTED, style="italic", zorder=4)
                    continue
                r = regions[i]
                if v is None:
                    _note(ax, 0, y, text, color=MUTED, style="italic", bbox=BOX, zorder=4)
                else:
                    _band_bar(ax, y, v, 0.68, r.color, r.hatch, r.met)
                    _note(ax, max(v, 0.0), y, text, dx=off, bbox=BOX, zorder=4)
            _ylabels(ax, ns, size)
            tr = ax.get_yaxis_transform()
            for y, (i, _gap) in enumerate(rs):  # the ranks, right-aligned in their own column
                if i is not None and ms[i]:
                    _note(ax, 0, y, ms[i], dx=-grid.label_w + rank_w - 2, ha="right", size=size,
                          color=MUTED, xycoords=tr)
            _style(ax, "x", tick, nbins=4)
            _panel_title(ax, head, sub, grid.label_w)
        return fig, axes, height_cm

    def data(axes):
        """The highlighted region: a box round its row, its name and value in bold."""
        for ax, (_label, _unit, regions, _target), rs, ns, (vals, texts), offs in zip(
                axes, panels, rows, names, cells, offsets):
            tr = blended_transform_factory(ax.transAxes, ax.transData)
            for y, ((i, _gap), v, text, off) in enumerate(zip(rs, vals, texts, offs)):
                if i is None or not regions[i].highlight:
                    continue
                left = -(grid.label_w + 2) / grid.axes_w
                end = (scale.pt(max(v or 0.0, 0.0)) + (off if v is not None else 3)
                       + _width(text, SMALL_PT, True) + 4)  # past its value label
                right = max(1.0, end / grid.axes_w)
                add(ax, Rectangle((left, y - 0.5), right - left, 1.0, transform=tr,
                                        facecolor="none", edgecolor=HIGHLIGHT, linewidth=1.2,
                                        clip_on=False, zorder=6))
                _note(ax, 0, y, ns[y], dx=-5, ha="right", size=size, fontweight="bold",
                      zorder=5, bbox=BOX, xycoords=ax.get_yaxis_transform())
                if v is not None:
                    _note(ax, max(v, 0.0), y, text, dx=off, bbox=BOX, zorder=5,
                          fontweight="bold")
        return []

    key = ("region", dpi, grid.title, plain, tuple(subtitles), tuple(map(tuple, bands)),
           target_label, tuple(map(tuple, rows)), number_format, lang)
    png_bytes, height_cm = _framed(key, frame, data)
    alt = [_region_alt(_with_unit(lab, unit), regions, target, number_format, target_label,
                       lang) for lab, unit, regions, target in panels]
    return Chart(png_bytes, WIDTH_CM, height_cm, _intro(
        title, _("Regions compared per indicator, best first.").render(lang) + " " + " ".join(alt)))


def _region_alt(label: str, regions: list[RegionValue], target: float | None,
                fmt: NumberFormat, target_label: str, lang: str) -> str:
    no_data = NO_DATA.render(lang)

    def say(i: int) -> str:
        r = regions[i]
        return f"{r.region} {no_data if r.value is None else fmt(r.value)}"

    n = len(regions)
    marks = _rank_marks(regions)
    if not n:
        out = [_("{label}: no regions", label=label).render(lang)]
    elif n <= 10:
        out = [f"{label}: " + "; ".join(map(say, range(n)))]
    else:
        out = [_("{label}: {n} regions; highest {top}", label=label, n=n,
                 top="; ".join(map(say, range(3)))).render(lang),
               _("Lowest {bottom}", bottom="; ".join(map(say, range(n - 3, n)))).render(lang)]
    out += [(_("{region} tied at rank {rank} of {n}", region=regions[i].region,
               rank=marks[i].rstrip("="), n=n) if marks[i].endswith("=") else
             _("{region} rank {rank} of {n}", region=regions[i].region, rank=marks[i] or i + 1,
               n=n)).render(lang)
            for i in range(n) if regions[i].highlight]
    if target is not None:
        out.append(f"{target_label} {fmt(target)}")
    return ". ".join(out) + "."


# -- distribution -------------------------------------------------------------------------------


def _shares(counts: list[int]) -> list[int]:
    """Whole percentages that add up to 100 (largest remainders get the rounding)."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    exact = [100 * c / total for c in counts]
    out = [math.floor(e) for e in exact]
    by_rest = sorted(range(len(counts)), key=lambda i: out[i] - exact[i])
    for i in by_rest[: 100 - sum(out)]:
        out[i] += 1
    return out


def distribution_chart(values_by_band: list[tuple], *, title: str, dpi: int = DEFAULT_DPI,
                       show_title: bool = True, xlabel: str | None = None,
                       lang: str = "id", count_text: Callable[[int, int], Message] | None = None,
                       alt_text: Callable[[int, str], Message] | None = None) -> Chart:
    """How many regions fall in each band: one bar per band (label, colour, count, and
    optionally the band's pattern), in the given order from the top, each labelled with its
    count and share. ``count_text(count, share)`` and ``alt_text(total, items)`` word the bars
    and the description when the things counted are not regions (e.g. actions by status)."""
    if not values_by_band:
        raise ValueError("distribution_chart: no bands to draw (the list is empty)")
    if any(c < 0 for _, _, c, *_ in values_by_band):
        raise ValueError("distribution_chart: a count of regions cannot be negative")
    xlabel = xlabel or _("Number of regions").render(lang)
    counts_i = [c for _, _, c, *_ in values_by_band]
    total = sum(counts_i)
    texts = [(count_text(c, p) if count_text else
              n_("{n} region ({share}%)", "{n} regions ({share}%)", c, n=_count(c), share=p)
              ).render(lang) for c, p in zip(counts_i, _shares(counts_i))]
    grid = _Grid(title if show_title else "", foot_h=TICK_H + LABEL_PT * LEAD + 2)
    labels = [_wrap(lab, 0.3 * grid.col_w, LABEL_PT) for lab, *_ in values_by_band]
    grid.label_w = max(_text_w(lab, LABEL_PT) for lab in labels) + 9
    n = len(values_by_band)
    row_h = min(max(22.0, max(map(len, labels)) * LABEL_PT * LEAD + 7), grid.max_axes_h() / n)
    counts = [float(c) for c in counts_i]
    lo, top = 0.0, max(counts) * 1.05 or 1.0
    widths = [_width(t, SMALL_PT) + 2 for t in texts]
    grid.right_w = _right_margin(grid.col_w, grid.label_w, lo, top, counts, widths, [])
    fig, (ax,), height_cm = grid.figure(n * row_h, dpi)
    for y, ((_label, color, c, *rest), text) in enumerate(zip(values_by_band, texts)):
        if c:  # no bar (not even its edge) for an empty band
            _band_bar(ax, y, float(c), 0.62, color, rest[0] if rest else "")
        _note(ax, float(c), y, text, bbox=BOX, zorder=4)
    ax.set_xlim(lo, top)
    ax.set_ylim(n - 0.5, -0.5)
    _ylabels(ax, ["\n".join(lab) for lab in labels], LABEL_PT)
    _style(ax, "x", FuncFormatter(_count), nbins=6, integer=True)
    ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
    alt = "; ".join(f"{lab} {t}" for (lab, *_), t in zip(values_by_band, texts))
    described = (alt_text(total, alt) if alt_text else
                 _("Distribution of {n} regions by achievement band: {items}.", n=_count(total),
                   items=alt))
    return Chart(png(fig), WIDTH_CM, height_cm, _intro(title, described.render(lang)))

"""Charts for the evaluation documents: PNG images sized for an A4 page, ready for python-docx.

Every function takes plain data (the dataclasses below) and returns a :class:`Chart`: the PNG
bytes, the size to insert it at (the figure size, 16 cm wide, so that text prints at its nominal
point size, never below 8 pt) and an Indonesian alt text that states the key numbers.

How it draws:

* matplotlib's object API only (``Figure`` + the Agg canvas of :mod:`evalreport.raster`, which
  also writes the PNG): no pyplot, no global ``rcParams``; fonts, sizes and colours are passed
  to every artist, and so is ``parse_math=False``: text from the data prints as written, a
  name with two "$" is not a formula.
* Fixed margins, computed from the measured width of the labels and the number of rows (no
  ``tight_layout`` / ``bbox_inches="tight"``: they draw the figure twice). Long labels are
  wrapped, then cut with "…". The figure grows with the number of rows up to 22 cm.
* Byte-deterministic PNG: the same input gives the same bytes.
* Greyscale-safe: actual values dark blue, targets light grey and hatched, reference lines dark
  and dashed, and every value is also written as text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .._fast.raster import canvas, png
from .frames import _framed
from .model import Bar, Chart, Pair, RegionValue, Series
from .style import (  # noqa: I001
    NumberFormat, ACTUAL, BAND_FACE, BOX, DASH, FONT, FULL_W, LEAD, MIN_ROW, NO_DATA, NO_TARGET, PAD, PT,
    REF, TEXT, MUTED, GRID, SPINE, HIGHLIGHT, TARGET_FACE, TARGET_EDGE, TARGET_HATCH,
    TICK_H, TITLE_PT, LABEL_PT, SMALL_PT, WIDTH_CM, MAX_HEIGHT_CM)
from .text import _TickFormatter, _clip, _count, _intro, _text_w, _width, _with_unit, _wrap

__all__ = [
    "achievement_chart", "target_actual_chart", "trend_chart", "region_comparison_chart",
    "distribution_chart", "comparison_groups",
]

# -- layout -------------------------------------------------------------------------------------


@dataclass
class _Grid:
    """A fixed-margin layout in points: the title (and an optional one-row legend) at the top,
    then n panels in ncols columns. Around each panel's axes: head_h above (panel title),
    foot_h below (x axis), label_w left (y labels), right_w right; gap_h between panel rows."""

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
        self.title_lines = _wrap(self.title, FULL_W - 2 * PAD, TITLE_PT, 3, bold=True)

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


def _chart(fig: Figure, height_cm: float, dpi: int, alt: str) -> Chart:
    return Chart(png(fig), WIDTH_CM, height_cm, alt)


def _subtitle(unit: str, target: str = "", target_label: str = "Target") -> str:
    """The grey line under a panel title: the unit and the target."""
    parts = [unit and f"Satuan: {unit}", target and f"{target_label}: {target}"]
    return " · ".join(p for p in parts if p)


def _panels(title: str, titles: list[str], subs: list[str],
            legend: list | None, **kw) -> tuple[_Grid, list[list[str]], list[list[str]]]:
    """The grid for small multiples: at most 2 columns (a third leaves no room for the bars
    and their tick labels), with the panel titles (bold, up to 3 lines) and subtitles (up to 3
    lines) wrapped to the column width. Callers with many panels split them over pictures
    (see :func:`comparison_groups`); otherwise rows get lower, then fewer regions are shown."""
    n = len(titles)
    grid = _Grid(title, n, min(n, 2), legend=legend, **kw)
    heads = [_wrap(t, grid.col_w - 6, LABEL_PT, 3, True) for t in titles]
    lines = [_wrap(t, grid.col_w - 6, SMALL_PT, 3) if t else [] for t in subs]
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
          **kw):
    """Text at a data point, shifted by (dx, dy) points (drawn even at the axes' edge)."""
    return ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                       fontsize=size, fontfamily=FONT, parse_math=False, color=color, annotation_clip=False, **kw)


def _hbar(ax, y: float, width: float, height: float, **props) -> Rectangle:
    """One horizontal bar from x = 0, centred on y: ``ax.barh`` without its bookkeeping (data
    limits, containers), which these charts do not use (their limits are set)."""
    return ax.add_artist(Rectangle((0.0, y - height / 2), width, height, **props))


def _missing(ax, y, text=NO_DATA) -> None:
    _note(ax, 0, y, text, color=MUTED, style="italic", bbox=BOX, zorder=4)


def _ylabels(ax, labels: list[str], size: float, bold: Sequence[bool] = ()) -> None:
    """Row labels left of the axes (row i at y = i), right-aligned; no tick marks."""
    ax.set_yticks([])
    tr = ax.get_yaxis_transform()
    for i, text in enumerate(labels):
        b = i < len(bold) and bold[i]
        ax.annotate(text, (0, i), xycoords=tr, xytext=(-5, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=size, fontfamily=FONT, parse_math=False,
                    fontweight="bold" if b else "normal", color=TEXT)


def _xlim(rows: list[tuple[float | None, str]], axes_w: float, hi_floor: float,
          bold: Sequence[bool] = ()) -> tuple[float, float]:
    """x limits for horizontal bars (value, label): from min(0, lowest value) to a right end
    that keeps every label (written from max(value, 0) on) inside the axes."""
    lo = min([0.0] + [v for v, _ in rows if v is not None]) * 1.1
    items = [(max(v or 0.0, 0.0), _width(t, SMALL_PT, i < len(bold) and bold[i]))
             for i, (v, t) in enumerate(rows)]
    hi = max([hi_floor] + [x for x, _ in items])
    for x, w in items:
        f = (w + 6) / axes_w
        if f < 0.8:
            hi = max(hi, (x - f * lo) / (1 - f))
    return lo, hi if hi > lo else lo + 1


def _bars(ax, rows: list[tuple[float | None, str]], colors: list[str], *, height: float,
          bold: Sequence[bool] = (), y0: int = 0, edges: Sequence[str] = (),
          linewidth: float = 0.0) -> None:
    """Horizontal bars at y = y0, y0 + 1, ... with their labels (a None value: the label alone,
    in grey italics, e.g. 'tidak ada data'); edges: an edge colour per row ('none': none)."""
    for i, (v, _) in enumerate(rows):
        if v is not None:
            _hbar(ax, y0 + i, v, height, facecolor=colors[i],
                  edgecolor=edges[i] if i < len(edges) else "none", linewidth=linewidth, zorder=2)
    for i, (v, text) in enumerate(rows):
        if v is None:
            _missing(ax, y0 + i, text)
        else:
            _note(ax, max(v, 0.0), y0 + i, text, bbox=BOX, zorder=4,
                  fontweight="bold" if i < len(bold) and bold[i] else "normal")


def _ref_line(ax, x: float, vertical: bool = True) -> None:
    """A dashed target / reference line, edged in white so that it shows on dark bars too."""
    (ax.axvline if vertical else ax.axhline)(
        x, color=REF, linewidth=1.1, linestyle=DASH, zorder=3,
        path_effects=[withStroke(linewidth=2.6, foreground="white")])


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


# -- charts -------------------------------------------------------------------------------------


def achievement_chart(bars: list[Bar], *, title: str, reference: float = 100.0,
                      reference_label: str = "Target (100%)", xlabel: str = "Capaian (%)",
                      number_format: NumberFormat, dpi: int = 150,
                      show_title: bool = True) -> Chart:
    """Achievement (capaian, %) per indicator: one horizontal bar each, first at the top,
    coloured by band, labelled at its end, with a dashed reference line."""
    if not bars:
        raise ValueError("achievement_chart: no bars to draw (the list of indicators is empty)")
    n = len(bars)
    texts = [NO_DATA if b.value is None else b.note or f"{number_format(b.value)}%" for b in bars]
    grid = _Grid(title if show_title else "", head_h=SMALL_PT * LEAD + 5,
                 foot_h=TICK_H + LABEL_PT * LEAD + 2)
    label_max = 0.38 * grid.col_w
    line_h = LABEL_PT * LEAD
    labels = [_wrap(b.label, label_max, LABEL_PT, 3) for b in bars]
    row_h = max(20.0, max(map(len, labels)) * line_h + 7)
    if n * row_h > grid.max_axes_h():  # many rows: fewer label lines
        row_h = grid.max_axes_h() / n
        labels = [_wrap(b.label, label_max, LABEL_PT, max(1, int((row_h - 3) // line_h)))
                  for b in bars]
    grid.label_w = max(_text_w(lab, LABEL_PT) for lab in labels) + 9
    # x from 0 to max(120, 110 % of the highest value); the value labels may run past the
    # axis end into a right margin wide enough for the longest overhang
    values = [b.value for b in bars]
    present = [v for v in values if v is not None]
    lo = min([0.0] + present) * 1.1
    hi = max([120.0, reference * 1.1] + [v * 1.1 for v in present])
    # 140, 160, ...: fewer frames to draw (a float: a huge integer is no axis limit for numpy)
    hi = 120.0 if hi <= 120 else float(math.ceil(hi / 20) * 20)
    room = grid.col_w - grid.label_w  # axes + right margin
    ends = [((max(v or 0.0, 0.0) - lo) / (hi - lo), _width(t, SMALL_PT) + 6)
            for v, t in zip(values, texts)]
    need = max([8.0] + [room - (room - w) / f for f, w in ends if f > 0])
    grid.right_w = min(0.5 * room, math.ceil(need / 24) * 24)  # in steps, for the same reason
    pos = (reference - lo) / (hi - lo) * grid.axes_w
    half = _width(reference_label, SMALL_PT) / 2
    ref_ha = ("right" if pos + half > grid.axes_w + grid.right_w
              else "left" if pos < half else "center")

    def frame():
        fig, (ax,), height_cm = grid.figure(n * row_h, dpi)
        # the reference label above the axes, kept inside the figure
        _note(ax, reference, 1.0, reference_label, dx=0, dy=3, ha=ref_ha, va="bottom", color=REF,
              xycoords=ax.get_xaxis_transform())
        ax.set_xlim(lo, hi)
        ax.set_ylim(n - 0.5, -0.5)
        _ylabels(ax, ["\n".join(lab) for lab in labels], LABEL_PT)
        _style(ax, "x", _TickFormatter(number_format), nbins=7)
        ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
        return fig, [ax], height_cm

    def data(axes):
        ax, = axes
        _bars(ax, list(zip(values, texts)), [b.color for b in bars], height=0.62)
        _ref_line(ax, reference)
        return [ax.spines["left"]]  # the axis line stays over the bars' ends at 0

    key = ("achievement", dpi, grid.title, tuple(map(tuple, labels)), row_h, grid.label_w,
           grid.right_w, lo, hi, reference, reference_label, ref_ha, xlabel, number_format)
    png_bytes, height_cm = _framed(key, frame, data)

    def say(b: Bar, text: str) -> str:
        if b.value is None or not b.note:
            return f"{b.label}: {text}"
        first, *rest = b.note.split(" · ")
        return f"{b.label}: {first}" + (f" ({', '.join(rest)})" if rest else "")

    alt = _intro(title, f"Grafik batang capaian per indikator, dengan garis acuan "
                        f"{reference_label}: " + "; ".join(map(say, bars, texts)) + ".")
    return Chart(png_bytes, WIDTH_CM, height_cm, alt)


@dataclass
class _Rows:
    """The layout of a chart of n indicator rows in one axes (row i between y = i and i + 1,
    first at the top), with the indicator label (bold) and a grey line (unit, target) left of
    each row. Far cheaper to draw than one axes per indicator, and it reads like the report's
    tables. Everything here is frame: the same for every region with the same indicators."""

    grid: _Grid
    n: int
    heads: list[list[str]]
    lines: list[list[str]]
    row_h: float

    @classmethod
    def layout(cls, labels: list[str], subs: list[str], title: str, legend: list | None,
               row_h: float, head_h: float) -> _Rows:
        grid = _Grid(title, head_h=head_h, foot_h=PAD, right_w=PAD, legend=legend)
        label_max = 0.34 * grid.col_w
        heads = [_wrap(t, label_max, LABEL_PT, 3, bold=True) for t in labels]
        lines = [_wrap(t, label_max, SMALL_PT, 2) if t else [] for t in subs]
        need = max(len(h) * LABEL_PT * LEAD + len(l) * SMALL_PT * LEAD
                   for h, l in zip(heads, lines)) + 8
        n = len(labels)
        row_h = max(row_h, need)
        if n * row_h > grid.max_axes_h():
            row_h = grid.max_axes_h() / n
        grid.label_w = max(max(_text_w(h, LABEL_PT, True), _text_w(l, SMALL_PT) if l else 0)
                           for h, l in zip(heads, lines)) + 10
        return cls(grid, n, heads, lines, row_h)

    def key(self) -> tuple:
        legend = tuple(h.get_label() for h in self.grid.legend or ())
        return (self.grid.title, legend, tuple(map(tuple, self.heads)),
                tuple(map(tuple, self.lines)), self.row_h, self.grid.head_h)

    def frame(self, dpi: int) -> tuple[Figure, object, float]:
        grid, n, row_h = self.grid, self.n, self.row_h
        fig, (ax,), height_cm = grid.figure(n * row_h, dpi)
        ax.set_ylim(n, 0)
        ax.set_xlim(0, 1)
        ax.set_axis_off()
        tr = ax.get_yaxis_transform()
        for i, (h, l) in enumerate(zip(self.heads, self.lines)):
            block = len(h) * LABEL_PT * LEAD + len(l) * SMALL_PT * LEAD
            top_pt = (row_h - block) / 2  # points below the row's top edge
            ax.annotate("\n".join(h), (0, i), xycoords=tr, xytext=(-8, -top_pt),
                        textcoords="offset points", ha="right", va="top", fontsize=LABEL_PT,
                        fontweight="bold", fontfamily=FONT, parse_math=False, color=TEXT, linespacing=1.1)
            if l:
                ax.annotate("\n".join(l), (0, i), xycoords=tr,
                            xytext=(-8, -top_pt - len(h) * LABEL_PT * LEAD - 1),
                            textcoords="offset points", ha="right", va="top", fontsize=SMALL_PT,
                            fontfamily=FONT, parse_math=False, color=MUTED, linespacing=1.1)
        if n > 1:  # thin rules between rows, across labels and plot
            ax.hlines(np.arange(1, n), -grid.label_w / grid.axes_w, 1, colors=GRID,
                      linewidth=0.7, clip_on=False, zorder=0)
        return fig, ax, height_cm


def target_actual_chart(pairs: list[Pair], *, title: str, number_format: NumberFormat,
                        dpi: int = 150, show_title: bool = True, target_label: str = "Target",
                        actual_label: str = "Realisasi") -> Chart:
    """Target against actual per indicator, one row each on the indicator's own scale (from 0
    to the larger of the two): the target bar light grey and hatched (a range: a shaded span),
    the actual bar dark blue, both labelled with their values."""
    if not pairs:
        raise ValueError("target_actual_chart: no pairs to draw (the list of indicators is empty)")
    legend = [Patch(facecolor=TARGET_FACE, edgecolor=TARGET_EDGE, hatch=TARGET_HATCH,
                    linewidth=0.8, label=target_label),
              Patch(facecolor=ACTUAL, label=actual_label)]
    if any(p.target_band for p in pairs):
        legend.insert(1, Patch(facecolor=BAND_FACE, edgecolor=TARGET_EDGE, linewidth=0.8,
                               label=f"{target_label} (rentang)"))
    rows = _Rows.layout([p.label for p in pairs], [_subtitle(p.unit) for p in pairs],
                        title if show_title else "", legend, 30.0, 0.0)
    axes_w = rows.grid.axes_w
    alt = []
    marks = []  # (y, (from, to) or None, text, kind: "target", "band" or "actual")
    for i, p in enumerate(pairs):
        fmt = _fmt_for(number_format, p.decimals)
        t_text = p.target_text or (NO_TARGET if p.target is None and not p.target_band
                                   else _target_text(p.target, p.target_band, fmt))
        a_text = NO_DATA if p.actual is None else fmt(p.actual)
        present = [abs(v) for v in (p.target, p.actual, *(p.target_band or ())) if v is not None]
        # the longest label must fit right of its bar: leave that share of the row free
        free = (max(_width(t_text, SMALL_PT), _width(a_text, SMALL_PT)) + 10) / axes_w
        scale = (1 - free) / (max(present) or 1.0) if present else 0.0

        def span(lo: float | None, hi: float | None) -> tuple[float, float] | None:
            return None if hi is None else (max(lo or 0.0, 0.0) * scale, max(hi, 0.0) * scale)

        if p.target_band:
            marks.append((i + 0.3, span(*p.target_band), t_text, "band"))
        else:
            marks.append((i + 0.3, span(0.0, p.target), t_text, "target"))
        marks.append((i + 0.68, span(0.0, p.actual), a_text, "actual"))
        alt.append(f"{_with_unit(p.label, p.unit)}: {target_label.lower()} {t_text}, "
                   f"{actual_label.lower()} {a_text}")

    def frame():
        fig, ax, height_cm = rows.frame(dpi)
        return fig, [ax], height_cm

    def data(axes):
        ax, = axes
        for y, extent, text, kind in marks:
            if extent is None:
                _note(ax, 0, y, text, dx=0, color=MUTED, style="italic")
                continue
            lo, hi = extent
            if kind == "target":
                _hbar(ax, y, hi, 0.3, facecolor=TARGET_FACE, edgecolor=TARGET_EDGE,
                      hatch=TARGET_HATCH, linewidth=0.8, zorder=2)
            elif kind == "band":  # the range itself, not a bar to its middle
                ax.add_artist(Rectangle((lo, y - 0.15), hi - lo, 0.3, facecolor=BAND_FACE,
                                        edgecolor=TARGET_EDGE, linewidth=0.8, zorder=2))
            else:
                _hbar(ax, y, hi, 0.3, facecolor=ACTUAL, edgecolor="none", zorder=2)
            _note(ax, hi, y, text, zorder=4)
        return []

    png_bytes, height_cm = _framed(("target_actual", dpi, *rows.key()), frame, data)
    return Chart(png_bytes, WIDTH_CM, height_cm, _intro(
        title, f"Grafik {target_label.lower()} dan {actual_label.lower()} per indikator: "
               + "; ".join(alt) + "."))


def _label_place(vals: list[float | None], i: int) -> tuple[float, float, str, str]:
    """Where a point's value label goes (dx, dy, ha, va), on the side the line leaves free:
    below a low point, above a high one, upper left on a rise, upper right on a fall."""
    v = vals[i]
    higher = [vals[j] > v for j in (i - 1, i + 1) if 0 <= j < len(vals) and vals[j] is not None]
    if higher and all(higher):
        return 0, -5, "center", "top"
    if not any(higher):
        return 0, 5, "center", "bottom"
    return (-3, 3, "right", "bottom") if higher[-1] else (3, 3, "left", "bottom")


def trend_chart(series: list[Series], *, title: str, number_format: NumberFormat, dpi: int = 150,
                show_title: bool = True,
                target_label: str = "Target", actual_label: str = "Realisasi") -> Chart:
    """Values over periods, one row per indicator on its own scale: a line with labelled
    markers (gaps for missing values) and a dashed target line or a shaded target range, the
    periods named once above the rows."""
    if not series:
        raise ValueError("trend_chart: no series to draw (the list of indicators is empty)")
    for s in series:
        if len(s.periods) != len(s.values):
            raise ValueError(f"trend_chart: '{s.label}' has {len(s.periods)} periods but "
                             f"{len(s.values)} values")
    legend = [Line2D([], [], color=ACTUAL, linewidth=1.8, marker="o", markersize=4.5,
                     label=actual_label)]
    if any(s.target is not None and not s.target_band for s in series):
        legend.append(Line2D([], [], color=REF, linewidth=1.1, linestyle=DASH, label=target_label))
    if any(s.target_band for s in series):
        legend.append(Patch(facecolor=BAND_FACE, label=f"{target_label} (rentang)"))
    targets = [_target_text(s.target, s.target_band, _fmt_for(number_format, s.decimals))
               for s in series]
    subs = [_subtitle(s.unit, t, target_label) for s, t in zip(series, targets)]
    rows = _Rows.layout([s.label for s in series], subs, title if show_title else "", legend,
                        44.0, SMALL_PT * LEAD + 6)
    periods = max((s.periods for s in series), key=len)
    k = len(periods)
    xs = {p: 0.08 + 0.84 * (j / (k - 1) if k > 1 else 0.5) for j, p in enumerate(periods)}

    def frame():
        fig, ax, height_cm = rows.frame(dpi)
        for p, x in xs.items():  # the periods, once, above the first row
            _note(ax, x, 0, p, dx=0, dy=4, ha="center", va="bottom", fontweight="bold")
        return fig, [ax], height_cm

    def draw_row(ax, i: int, s: Series) -> None:
        fmt = _fmt_for(number_format, s.decimals)
        d = [v for v in s.values if v is not None] + list(s.target_band or ())
        d += [s.target] if s.target is not None and not s.target_band else []
        lo, hi = (min(d), max(d)) if d else (0.0, 1.0)
        if lo == hi:
            lo, hi = lo - (abs(lo) * 0.1 or 0.5), hi + (abs(hi) * 0.1 or 0.5)
        top, bottom = i + 0.32, i + 0.76  # the line keeps clear of the row's edges and labels

        def y(v: float) -> float:
            return bottom - (v - lo) / (hi - lo) * (bottom - top)

        if s.target_band:
            ax.fill_between([0.02, 0.98], y(s.target_band[0]), y(s.target_band[1]),
                            facecolor=BAND_FACE, linewidth=0, zorder=1)
        elif s.target is not None:
            ax.add_artist(Line2D([0.02, 0.98], [y(s.target)] * 2, color=REF, linewidth=1.1,
                                 linestyle=DASH, zorder=3))
        x = [xs[p] for p in s.periods]
        ys = [np.nan if v is None else y(v) for v in s.values]
        ax.add_artist(Line2D(x, ys, color=ACTUAL, linewidth=1.8, marker="o", markersize=4.5,
                             zorder=4))  # ax.plot without its bookkeeping: the limits are set
        half = (_width(NO_DATA, SMALL_PT) / 2 + 2) / rows.grid.axes_w  # kept inside the plot
        for j, v in enumerate(s.values):
            if v is None:
                _note(ax, min(max(x[j], half), 1 - half), (top + bottom) / 2, NO_DATA, dx=0,
                      ha="center", color=MUTED, style="italic", zorder=5, bbox=BOX)
                continue
            dx, dy, ha, va = _label_place(s.values, j)
            _note(ax, x[j], ys[j], fmt(v), dx=dx, dy=dy, ha=ha, va=va, zorder=5, bbox=BOX)

    def data(axes):
        for i, s in enumerate(series):
            draw_row(axes[0], i, s)
        return []

    png_bytes, height_cm = _framed(("trend", dpi, tuple(xs), *rows.key()), frame, data)
    alt = []
    for s, t in zip(series, targets):
        fmt = _fmt_for(number_format, s.decimals)
        pts = ", ".join(f"{NO_DATA if v is None else fmt(v)} ({p})"
                        for p, v in zip(s.periods, s.values))
        alt.append(f"{_with_unit(s.label, s.unit)}: {pts}"
                   + (f"; {target_label.lower()} {t}" if t else ""))
    return Chart(png_bytes, WIDTH_CM, height_cm, _intro(
        title, f"Grafik tren {actual_label.lower()} per indikator: " + "; ".join(alt) + "."))


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


def region_comparison_chart(panels: list[tuple[str, str, list[RegionValue], float | None]], *,
                            title: str, number_format: NumberFormat, dpi: int = 150,
                            show_title: bool = True, target_label: str = "Target",
                            subtitles: Sequence[str] | None = None,
                            bands: Sequence[tuple[str, str]] = ()) -> Chart:
    """Regions ranked per indicator, one panel each (label, unit, regions given best first,
    reference value): horizontal bars, a dashed target line, highlighted regions with a dark
    edge and a bold label. More than 40 regions (or more than fit in 22 cm): the top and the
    bottom 15 (fewer if need be) with a gap row, and any highlighted region from the middle.
    ``subtitles``: the grey line under each panel title, instead of its unit and target;
    ``bands``: (label, colour) of the bar colours, for the legend."""
    if not panels:
        raise ValueError("region_comparison_chart: no panels to draw (no indicators)")
    legend = ([Line2D([], [], color=REF, linewidth=1.1, linestyle=DASH, label=target_label)]
              if any(t is not None for *_, t in panels) else [])
    legend += [Patch(facecolor=color, label=label) for label, color in bands]
    if subtitles is None:
        subtitles = [_subtitle(unit, "" if t is None else
                               _fmt_for(number_format, r[0].decimals if r else None)(t),
                               target_label) for _, unit, r, t in panels]
    grid, heads, subs = _panels(title if show_title else "", [lab for lab, *_ in panels],
                                list(subtitles), legend, right_w=12.0)
    limit = max(3, int(grid.max_axes_h() // MIN_ROW))
    rows = [_rank_rows(r, limit) for _, _, r, _ in panels]
    nrow = max(1, max(map(len, rows)))
    row_h = min(13.0, grid.max_axes_h() / nrow)
    size = LABEL_PT if row_h >= 12 else SMALL_PT
    labels = []
    for (_, _, regions, _), rs in zip(panels, rows):
        cut = len(rs) < len(regions)
        labels.append(["" if i is None else _clip(f"{i + 1}. " * cut + regions[i].region,
                                                  0.45 * grid.col_w, size, regions[i].highlight)
                       for i, _ in rs])
    grid.label_w = max([_width(t, size, True) for ls in labels for t in ls] + [20.0]) + 8
    fig, axes, height_cm = grid.figure(nrow * row_h, dpi)
    tick = _TickFormatter(number_format)
    alt = []
    for ax, (lab, unit, regions, target), head, sub, rs, ls in zip(
            axes, panels, heads, subs, rows, labels):
        vals = [None if i is None else regions[i].value for i, _ in rs]
        texts = [f"… {m} daerah lainnya" if i is None else
                 NO_DATA if regions[i].value is None else
                 _fmt_for(number_format, regions[i].decimals)(regions[i].value)
                 for i, m in rs]
        bold = [i is not None and regions[i].highlight for i, _ in rs]
        colors = [ACTUAL if i is None else regions[i].color for i, _ in rs]
        present = [v for v in vals if v is not None] + ([target] if target is not None else [])
        lo, hi = _xlim(list(zip(vals, texts)), grid.axes_w,
                       max([0.0] + present) * 1.05 or 1.0, bold)
        _bars(ax, list(zip(vals, texts)), colors, height=0.68, bold=bold,
              edges=[HIGHLIGHT if b else "none" for b in bold], linewidth=1.4)
        if target is not None:
            _ref_line(ax, target)
        ax.set_xlim(lo, hi)
        ax.set_ylim(nrow - 0.5, -0.5)
        _ylabels(ax, ls, size, bold=bold)
        _style(ax, "x", tick, nbins=4)
        _panel_title(ax, head, sub, grid.label_w)
        alt.append(_region_alt(_with_unit(lab, unit), regions, target, number_format,
                               target_label))
    return _chart(fig, height_cm, dpi, _intro(
        title, "Perbandingan antardaerah per indikator, diurutkan dari yang terbaik. "
               + " ".join(alt)))


def _region_alt(label: str, regions: list[RegionValue], target: float | None,
                fmt: NumberFormat, target_label: str) -> str:
    def say(i: int) -> str:
        r = regions[i]
        return f"{r.region} {NO_DATA if r.value is None else fmt(r.value)}"

    n = len(regions)
    if not n:
        out = [f"{label}: tidak ada daerah"]
    elif n <= 10:
        out = [f"{label}: " + "; ".join(map(say, range(n)))]
    else:
        out = [f"{label}: {n} daerah; tertinggi " + "; ".join(map(say, range(3))),
               "Terendah " + "; ".join(map(say, range(n - 3, n)))]
    out += [f"{regions[i].region} peringkat {i + 1} dari {n}"
            for i in range(n) if regions[i].highlight]
    if target is not None:
        out.append(f"{target_label} {fmt(target)}")
    return ". ".join(out) + "."


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


def distribution_chart(values_by_band: list[tuple[str, str, int]], *, title: str,
                       dpi: int = 150, show_title: bool = True, xlabel: str = "Jumlah daerah") -> Chart:
    """How many regions fall in each band: one bar per band (label, colour, count), in the
    given order from the top, each labelled with its count and share."""
    if not values_by_band:
        raise ValueError("distribution_chart: no bands to draw (the list is empty)")
    if any(c < 0 for _, _, c in values_by_band):
        raise ValueError("distribution_chart: a count of regions cannot be negative")
    total = sum(c for _, _, c in values_by_band)
    texts = [f"{_count(c)} daerah ({p}%)"
             for (_, _, c), p in zip(values_by_band, _shares([c for _, _, c in values_by_band]))]
    grid = _Grid(title if show_title else "", foot_h=TICK_H + LABEL_PT * LEAD + 2)
    labels = [_wrap(lab, 0.3 * grid.col_w, LABEL_PT, 2) for lab, _, _ in values_by_band]
    grid.label_w = max(_text_w(lab, LABEL_PT) for lab in labels) + 9
    n = len(values_by_band)
    row_h = min(max(22.0, max(map(len, labels)) * LABEL_PT * LEAD + 7), grid.max_axes_h() / n)
    fig, (ax,), height_cm = grid.figure(n * row_h, dpi)
    counts = [float(c) for _, _, c in values_by_band]
    lo, hi = _xlim(list(zip(counts, texts)), grid.axes_w, max(counts) * 1.05 or 1.0)
    _bars(ax, list(zip(counts, texts)), [col for _, col, _ in values_by_band], height=0.62)
    ax.set_xlim(lo, hi)
    ax.set_ylim(n - 0.5, -0.5)
    _ylabels(ax, ["\n".join(lab) for lab in labels], LABEL_PT)
    _style(ax, "x", FuncFormatter(_count), nbins=6, integer=True)
    ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
    alt = "; ".join(f"{lab} {t}" for (lab, _, _), t in zip(values_by_band, texts))
    return _chart(fig, height_cm, dpi, _intro(
        title, f"Sebaran {_count(total)} daerah menurut predikat capaian: {alt}."))

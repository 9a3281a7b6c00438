"""The chart of disaggregated results: grouped bars, one group per indicator and breakdown.

Each group starts with its indicator and breakdown in bold, then one bar for the headline value
('keseluruhan') and one per category, each as achievement against the same target, on one
scale with the dashed 100 % line, as :func:`evalreport.charts.draw.achievement_chart` draws
them. Greyscale-safe the same way: bars in their band's colour and pattern, striped where the
target was missed, every bar named at its left and its value written at its end.
"""
from __future__ import annotations

from dataclasses import dataclass

from .._fast.raster import png
from ..i18n.messages import _
from .draw import (
    NO_DATA,
    _band_bar,
    _Grid,
    _label_offsets,
    _missed_handle,
    _nice_hi,
    _note,
    _ref_line,
    _right_margin,
    _Scale,
    _style,
    _ylabels,
)
from .model import Bar, Chart
from .style import (
    BOX,
    DEFAULT_DPI,
    FONT,
    LABEL_PT,
    LEAD,
    MUTED,
    REF,
    SMALL_PT,
    TEXT,
    TICK_H,
    WIDTH_CM,
    NumberFormat,
)
from .text import _intro, _text_w, _TickFormatter, _wrap


@dataclass(frozen=True)
class Group:
    """One indicator broken down by one breakdown: its heading and its bars (the headline
    first, then the categories in their declared order)."""

    heading: str
    bars: tuple[Bar, ...]


def grouped_chart(groups: list[Group], *, title: str, number_format: NumberFormat,
                  dpi: int = DEFAULT_DPI, show_title: bool = True, lang: str = "id") -> Chart:
    """Achievement (%) per category, grouped by indicator and breakdown."""
    if not groups or not any(g.bars for g in groups):
        raise ValueError("grouped_chart: no groups to draw")
    reference = 100.0
    reference_label = _("Target ({value}%)", value=_TickFormatter(number_format)(reference)).render(lang)
    xlabel = _("Achievement (%)").render(lang)
    no_data = NO_DATA.render(lang)
    bars = [b for g in groups for b in g.bars]
    legend = [_missed_handle(lang)] if any(b.met is False for b in bars) else None
    grid = _Grid(title if show_title else "", foot_h=TICK_H + LABEL_PT * LEAD + 2, legend=legend)
    line_h = LABEL_PT * LEAD
    heads = [_wrap(g.heading, grid.col_w - 12, LABEL_PT, bold=True) for g in groups]
    labels = [[_wrap(b.label, 0.3 * grid.col_w, LABEL_PT) for b in g.bars] for g in groups]
    grid.label_w = max(_text_w(lab, LABEL_PT) for group in labels for lab in group) + 9
    # rows from the top: a group's heading, its bars, a gap before the next group
    ys: list[float] = []
    head_ys: list[float] = []
    y = 0.0
    for head, group in zip(heads, labels, strict=True):
        head_ys.append(y + 2)
        y += len(head) * line_h + 4
        for lab in group:
            h = max(len(lab) * line_h, 14.0) + 6
            ys.append(y + h / 2)
            y += h
        y += 8
    total = y
    bar_h = 11.0
    texts = [no_data if b.value is None else b.note or f"{number_format(b.value)}%" for b in bars]
    values = [b.value for b in bars if b.value is not None]
    lo = 0.0
    hi = _nice_hi(max([reference] + values), cap=200.0)
    widths = [_text_w([t], SMALL_PT) + 4 for t in texts]
    grid.right_w = _right_margin(grid.col_w, grid.label_w, lo, hi, [hi], [max(widths)], [])
    # a value label starts clear of the target line (pushed past it if it would touch it)
    ends = [None if b.value is None else min(b.value, hi) for b in bars]
    offsets = _label_offsets(_Scale(lo, hi, grid.axes_w), ends, widths, [reference])
    fig, (ax,), height_cm = grid.figure(total, dpi)
    ax.set_xlim(lo, hi)
    ax.set_ylim(total, 0)
    _ylabels(ax, ["\n".join(lab) for group in labels for lab in group], LABEL_PT, ys)
    for head, hy in zip(heads, head_ys, strict=True):
        # the heading starts at the left edge of the row labels, across the whole figure
        ax.annotate("\n".join(head), (0, hy), xycoords=ax.get_yaxis_transform(),
                    xytext=(-grid.label_w + 4, 0), textcoords="offset points", ha="left", va="top",
                    fontsize=LABEL_PT, fontweight="bold", fontfamily=FONT, parse_math=False,
                    color=TEXT, annotation_clip=False, bbox=BOX, zorder=5)
    _style(ax, "x", _TickFormatter(number_format), nbins=7)
    ax.set_xlabel(xlabel, fontsize=LABEL_PT, fontfamily=FONT, parse_math=False, color=TEXT, labelpad=3)
    _ref_line(ax, reference)
    _note(ax, reference, 1.0, reference_label, dx=0, dy=3, ha="center", va="bottom", color=REF,
          xycoords=ax.get_xaxis_transform())
    for b, yy, text, off in zip(bars, ys, texts, offsets, strict=True):
        if b.value is None:
            _note(ax, 0, yy, text, color=MUTED, style="italic", bbox=BOX, zorder=4)
            continue
        _band_bar(ax, yy, min(b.value, hi), bar_h, b.color, b.hatch, b.met)
        _note(ax, min(b.value, hi), yy, text, dx=off, bbox=BOX, zorder=4)
    said = iter(texts)
    items = "; ".join(f"{g.heading}: " + ", ".join(f"{b.label} {next(said)}" for b in g.bars)
                      for g in groups)
    alt = _intro(title, _("Grouped bar chart of achievement per category against the same target, "
                          "with the reference line {reference}: {items}.",
                          reference=reference_label, items=items).render(lang))
    return Chart(png(fig), WIDTH_CM, height_cm, alt)

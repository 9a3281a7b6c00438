"""How the charts look: fonts, colours, sizes (in points), shared by every chart."""
from __future__ import annotations

from collections.abc import Callable

NumberFormat = Callable[[float], str]

# Liberation Sans has Arial's metrics (the usual font of the Word documents these charts go
# into) and is narrower than DejaVu Sans (bundled with matplotlib, so always there).
FONT = ["Liberation Sans", "DejaVu Sans"]
ACTUAL = "#3B5B92"  # dark blue: actual values (realisasi), L* 39
BAND_FACE = "#DCDCDC"  # where a value meets its target (a zone, a target range), L* 88
REF, TEXT, MUTED, GRID, SPINE, HIGHLIGHT = (
    "#2B2B2B", "#1F1F1F", "#5C5C5C", "#E3E3E3", "#8C8C8C", "#111111")
EDGE = "#4D4D4D"  # a thin edge round band-coloured bars, so that a pale yellow shows on paper
DASH = (0, (4, 2.5))
BOX = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none")  # behind value labels
CLEAR = 3.0  # points between a value label and a reference line it would otherwise touch

# The pixel density for print: text and thin lines stay sharp on paper at 200 dpi (150 looked
# soft), at about 1.8 times the pixels of 150 dpi; 300 costs 4 times (benchmarks/README.md).
DEFAULT_DPI = 200

WIDTH_CM, MAX_HEIGHT_CM = 16.0, 22.0
PT = 72 / 2.54  # points per cm
FULL_W = WIDTH_CM * PT
TITLE_PT, LABEL_PT, SMALL_PT = 10.5, 8.5, 8.0  # nothing is drawn below 8 pt
LEAD = 1.25  # height of a text line / font size
PAD = 6.0  # outer padding, pt
TICK_H = SMALL_PT * LEAD + 8  # an x axis with its tick labels, pt
MIN_ROW = 10.5  # the smallest row pitch that keeps 8 pt labels apart, pt

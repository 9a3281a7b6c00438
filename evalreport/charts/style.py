"""How the charts look: fonts, colours, sizes (in points), shared by every chart."""
from __future__ import annotations

from collections.abc import Callable

NumberFormat = Callable[[float], str]

# Liberation Sans has Arial's metrics (the usual font of the Word documents these charts go
# into) and is narrower than DejaVu Sans (bundled with matplotlib, so always there).
FONT = ["Liberation Sans", "DejaVu Sans"]
ACTUAL = "#3B5B92"  # dark blue: actual values (realisasi)
TARGET_FACE, TARGET_EDGE, TARGET_HATCH = "#E6E6E6", "#6E6E6E", "////"
BAND_FACE = "#D4D4D4"  # a target range (rentang target)
REF, TEXT, MUTED, GRID, SPINE, HIGHLIGHT = (
    "#2B2B2B", "#1F1F1F", "#5C5C5C", "#DEDEDE", "#8C8C8C", "#111111")
DASH = (0, (4, 2.5))
BOX = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none")  # behind value labels
NO_DATA, NO_TARGET = "tidak ada data", "tidak ada target"

WIDTH_CM, MAX_HEIGHT_CM = 16.0, 22.0
PT = 72 / 2.54  # points per cm
FULL_W = WIDTH_CM * PT
TITLE_PT, LABEL_PT, SMALL_PT = 10.5, 8.5, 8.0  # nothing is drawn below 8 pt
LEAD = 1.25  # height of a text line / font size
PAD = 6.0  # outer padding, pt
TICK_H = SMALL_PT * LEAD + 8  # an x axis with its tick labels, pt
MIN_ROW = 10.5  # the smallest row pitch that keeps 8 pt labels apart, pt

"""The chart stage: what each document's charts show (:mod:`.figures`) and how they are drawn
(:mod:`.draw`, with :mod:`.text` for labels and :mod:`.frames` for the kept frames).

Importing the package gives the chart data types only (no matplotlib); the drawing functions
are in :mod:`.draw` (pictures) and :mod:`.native` (charts Word can edit).
"""
from .model import Bar, Chart, ChartGroup, Logo, NativeChart, Pair, RegionValue, Series

__all__ = ["Chart", "NativeChart", "ChartGroup", "Logo", "Bar", "Pair", "Series", "RegionValue"]

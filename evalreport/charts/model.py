"""What the charts are made of: the plain data each chart draws, and what a chart or a picture
file becomes in a document: a picture (:class:`Chart`, :class:`Logo`) or a chart Word can edit
(:class:`NativeChart`, several side by side or one under another: :class:`ChartGroup`)."""
from __future__ import annotations

from dataclasses import dataclass

# How charts go into documents: pictures (PNG), or Word charts with their data ("native").
CHART_MODES = ("picture", "native")


@dataclass(frozen=True)
class Chart:
    png: bytes
    width_cm: float  # size to insert in the document (the figure size)
    height_cm: float
    alt_text: str  # in the document's language, for screen readers / the docx alt text
    source: str = ""  # the line printed under the figure: "Sumber: …; diolah" (empty: none)


@dataclass(frozen=True)
class NativeChart:
    """A Word chart (DrawingML) ready to insert: the chart part and the workbook Word opens on
    "Edit Data" (:mod:`evalreport.charts.native` makes it, :mod:`evalreport.word.charts` puts
    it into a document)."""

    xml: bytes  # the chart part (c:chartSpace); its workbook is the part's relationship "rId1"
    xlsx: bytes  # the embedded workbook, with the values the chart caches
    width_cm: float
    height_cm: float
    alt_text: str  # in the document's language (wp:docPr/@descr)
    source: str = ""  # the line printed under the figure, as Chart.source


@dataclass(frozen=True)
class ChartGroup:
    """Several Word charts printed by one tag, in one paragraph: side by side as long as they
    fit the line, then on the next (small multiples: one chart per indicator)."""

    charts: tuple[NativeChart, ...]
    alt_text: str = ""  # what the group shows as a whole (each chart has its own too)
    source: str = ""

    @property
    def width_cm(self) -> float:
        return max((c.width_cm for c in self.charts), default=0.0)

    @property
    def height_cm(self) -> float:
        return sum(c.height_cm for c in self.charts)


@dataclass(frozen=True)
class Bar:
    """One indicator row of :func:`achievement_chart`."""

    label: str
    value: float | None  # None: nothing drawn, "tidak ada data" written
    color: str = "#4C72B0"
    note: str = ""  # written at the bar end instead of the number, e.g. "91,71% · Sangat Tinggi"
    hatch: str = ""  # the band's pattern (palette.band_hatches), for bands of equal lightness
    met: bool | None = None  # False: the target was missed, the bar is striped
    band: str = ""  # the band's name (a native chart's series and legend entry)


@dataclass(frozen=True)
class Pair:
    """One indicator row of :func:`target_actual_chart`."""

    label: str
    unit: str
    target: float | None  # the target's value (a range: its middle), the 100 % of the row
    actual: float | None
    target_text: str = ""  # e.g. "≥ 70" or "80–90"; written instead of the target number
    decimals: int | None = None  # passed to number_format(v, decimals) for this row's values
    target_band: tuple[float, float] | None = None  # a target range: drawn as a shaded span
    comparator: str = ">="  # ">=", ">", "<=", "<", "=" or "between": which side meets it


@dataclass(frozen=True)
class Series:
    """One indicator panel of :func:`trend_chart`."""

    label: str
    unit: str
    periods: list[str]
    values: list[float | None]
    target: float | None
    target_band: tuple[float, float] | None = None
    decimals: int | None = None  # passed to number_format(v, decimals) for this panel's values
    target_text: str = ""  # e.g. "< 5,00"; written instead of the target number


@dataclass(frozen=True)
class RegionValue:
    region: str
    value: float | None
    color: str = "#4C72B0"
    highlight: bool = False  # the region the document is about
    decimals: int | None = None  # passed to number_format(v, decimals)
    hatch: str = ""  # the band's pattern (palette.band_hatches)
    met: bool | None = None  # False: the region missed the target, the bar is striped
    rank: int | None = None  # the region's rank (equal ranks are marked as ties)
    band: str = ""  # the band's name (a native chart's series and legend entry)


@dataclass(frozen=True)
class Logo:
    """A picture file to place in the letterhead."""

    path: str
    alt_text: str
    height_cm: float = 2.6

"""What the charts are made of: the plain data each chart draws, and what a chart or a picture
file becomes in a document (:class:`Chart`, :class:`Logo`)."""
from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Chart:
    png: bytes
    width_cm: float  # size to insert in the document (the figure size)
    height_cm: float
    alt_text: str  # Indonesian, for screen readers / the docx alt text


@dataclass(frozen=True)
class Bar:
    """One indicator row of :func:`achievement_chart`."""

    label: str
    value: float | None  # None: nothing drawn, "tidak ada data" written
    color: str = "#4C72B0"
    note: str = ""  # written at the bar end instead of the number, e.g. "91,71% · Sangat Tinggi"


@dataclass(frozen=True)
class Pair:
    """One indicator panel of :func:`target_actual_chart`."""

    label: str
    unit: str
    target: float | None
    actual: float | None
    target_text: str = ""  # e.g. "≥ 70" or "80–90"; written instead of the target number
    decimals: int | None = None  # passed to number_format(v, decimals) for this panel's values
    target_band: tuple[float, float] | None = None  # a target range: drawn as a shaded span


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


@dataclass(frozen=True)
class RegionValue:
    region: str
    value: float | None
    color: str = "#4C72B0"
    highlight: bool = False
    decimals: int | None = None  # passed to number_format(v, decimals)


@dataclass(frozen=True)
class Logo:
    """A picture file to place in the letterhead."""

    path: str
    alt_text: str
    height_cm: float = 2.6

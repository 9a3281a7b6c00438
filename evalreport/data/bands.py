"""Achievement bands (predikat capaian): named presets and custom schemes.

A scheme is an ordered list of bands, highest first. A value falls in the first band whose lower
bound it passes (``>`` the bound, or ``>=`` when the band is inclusive); the last band has no
bound and takes everything else. So every value, 150% or -3%, falls in exactly one band.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n.messages import Message, _, verbatim
from .model import BandDef

# One palette for all schemes, from dark green to dark red, chosen for greyscale print: the
# colours a scheme uses are at least 20 apart in CIE L* (the grey they print as), so dark green,
# green, yellow, light orange and near-black red read as five greys: L* 35, 55, 96, 76, 14.
# RED has the lightness of GREEN_DARK; the six-band scheme that uses both gets a pattern on
# RED's bars (evalreport.charts.palette.band_hatches). The band label is printed next to the
# colour all the same.
GREEN_DARK, GREEN, YELLOW, ORANGE, RED, RED_DARK = (
    "#016024", "#40963A", "#FFF78C", "#FFA565", "#A80224", "#4F0012")


@dataclass(frozen=True)
class Band:
    label: str
    min: float | None
    inclusive: bool
    color: str
    rank: int  # 0 for the top band
    label_en: str | None = None  # the name English documents print (None: ``label``)

    def name(self, lang: str = "id") -> str:
        """The band's name in a document of language ``lang``: the scheme's own label in
        Indonesian, its English label (where the scheme gives one) in English."""
        return self.label_en or self.label if lang == "en" else self.label

    def named(self) -> Message:
        """The band's name as a message, printed in the reader's language."""
        return _BandName(self)

    def contains_above(self, value: float) -> bool:
        if self.min is None:
            return True
        return value >= self.min if self.inclusive else value > self.min

    def describe(self) -> Message:
        """The rule, e.g. '> 90' or '≥ 100' or 'other values' (id: 'lainnya')."""
        if self.min is None:
            return _("other values")
        return verbatim(f"{'≥' if self.inclusive else '>'} {self.min:g}")


class _BandName(Message):
    """A band's name, rendered in the reader's language (:meth:`Band.name`)."""

    def __init__(self, band: Band):
        super().__init__(band.label, (("band", band),))

    def render(self, lang: str = "id") -> str:
        return self.params[0][1].name(lang)


@dataclass(frozen=True)
class BandScheme:
    name: str
    title: str
    bands: tuple[Band, ...]
    title_en: str | None = None  # the title English documents print (None: ``title``)

    def titled(self, lang: str = "id") -> str:
        """The scheme's title in a document of language ``lang``."""
        return self.title_en or self.title if lang == "en" else self.title

    def classify(self, value: float) -> Band:
        for band in self.bands:
            if band.contains_above(value):
                return band
        raise AssertionError("the last band has no lower bound")  # guarded by from_defs

    @classmethod
    def from_defs(cls, name: str, title: str, defs: list[BandDef], title_en: str | None = None
                  ) -> BandScheme:
        problems = check_band_defs(defs)
        if problems:
            raise ValueError("; ".join(problems))
        bands = tuple(Band(d.label, d.min, d.inclusive, d.color, i, d.label_en)
                      for i, d in enumerate(defs))
        return cls(name, title, bands, title_en)


def check_band_defs(defs: list[BandDef]) -> list[str]:
    """What is wrong with a custom scheme (English; the validator translates)."""
    out: list[str] = []
    if len(defs) < 2:
        out.append("a band scheme needs at least two bands")
        return out
    if defs[-1].min is not None:
        out.append(f"the last band '{defs[-1].label}' must have an empty lower bound")
    for d in defs[:-1]:
        if d.min is None:
            out.append(f"band '{d.label}' needs a lower bound (only the last band has none)")
    mins = [d.min for d in defs[:-1] if d.min is not None]
    if any(a <= b for a, b in zip(mins, mins[1:])):
        out.append("lower bounds must fall from the first band to the last")
    labels = [d.label for d in defs]
    if len(set(labels)) != len(labels):
        out.append("band labels must be different")
    return out


def _scheme(name: str, title: str, title_en: str, rows: list[tuple[str, str, float | None, bool, str]]
            ) -> BandScheme:
    return BandScheme.from_defs(name, title, [
        BandDef(label=lb, label_en=en, min=m, inclusive=inc, color=c) for lb, en, m, inc, c in rows],
        title_en)


# Each preset band has its Indonesian name (as the regulation writes it) and an English one.
PRESETS: dict[str, BandScheme] = {
    s.name: s
    for s in (
        _scheme("permendagri-86-2017", "Permendagri 86/2017 (5 predikat)",
                "Permendagri 86/2017 (5 ratings)", [
            ("Sangat Tinggi", "Very High", 90, False, GREEN_DARK),
            ("Tinggi", "High", 75, False, GREEN),
            ("Sedang", "Medium", 65, False, YELLOW),
            ("Rendah", "Low", 50, False, ORANGE),
            ("Sangat Rendah", "Very Low", None, False, RED_DARK),
        ]),
        _scheme("kinerja-individu-4", "Kinerja individu (4 predikat)",
                "Individual performance (4 ratings)", [
            ("Baik", "Good", 100, True, GREEN_DARK),
            ("Cukup", "Fair", 80, True, YELLOW),
            ("Kurang", "Poor", 60, True, ORANGE),
            ("Sangat Kurang", "Very Poor", None, False, RED_DARK),
        ]),
        _scheme("lkjip-6", "Laporan kinerja kabupaten (6 predikat)",
                "Regency performance report (6 ratings)", [
            ("Memuaskan", "Outstanding", 85, False, GREEN_DARK),
            ("Sangat Baik", "Very Good", 75, False, GREEN),
            ("Baik", "Good", 65, False, YELLOW),
            ("Cukup Baik", "Fairly Good", 50, False, ORANGE),
            ("Agak Kurang", "Somewhat Poor", 30, False, RED),
            ("Kurang", "Poor", None, False, RED_DARK),
        ]),
    )
}


def resolve(bands: str | list[BandDef]) -> BandScheme:
    """The scheme a dataset asks for: a preset name or its own list of bands."""
    if isinstance(bands, str):
        try:
            return PRESETS[bands]
        except KeyError:
            raise ValueError(
                f"unknown band preset '{bands}'; choose one of {', '.join(PRESETS)}") from None
    return BandScheme.from_defs("custom", "Skema predikat khusus", bands, "Own rating scheme")

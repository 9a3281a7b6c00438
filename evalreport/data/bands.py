"""Achievement bands (predikat capaian): named presets and custom schemes.

A scheme is an ordered list of bands, highest first. A value falls in the first band whose lower
bound it passes (``>`` the bound, or ``>=`` when the band is inclusive); the last band has no
bound and takes everything else. So every value, 150% or -3%, falls in exactly one band.
"""
from __future__ import annotations

from dataclasses import dataclass

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

    def contains_above(self, value: float) -> bool:
        if self.min is None:
            return True
        return value >= self.min if self.inclusive else value > self.min

    def describe(self) -> str:
        """The rule in words, e.g. '> 90' or '>= 100' or 'lainnya'."""
        if self.min is None:
            return "lainnya"
        return f"{'≥' if self.inclusive else '>'} {self.min:g}"


@dataclass(frozen=True)
class BandScheme:
    name: str
    title: str
    bands: tuple[Band, ...]

    def classify(self, value: float) -> Band:
        for band in self.bands:
            if band.contains_above(value):
                return band
        raise AssertionError("the last band has no lower bound")  # guarded by from_defs

    @classmethod
    def from_defs(cls, name: str, title: str, defs: list[BandDef]) -> BandScheme:
        problems = check_band_defs(defs)
        if problems:
            raise ValueError("; ".join(problems))
        bands = tuple(Band(d.label, d.min, d.inclusive, d.color, i) for i, d in enumerate(defs))
        return cls(name, title, bands)


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


def _scheme(name: str, title: str, rows: list[tuple[str, float | None, bool, str]]) -> BandScheme:
    return BandScheme.from_defs(
        name, title, [BandDef(label=lb, min=m, inclusive=inc, color=c) for lb, m, inc, c in rows])


PRESETS: dict[str, BandScheme] = {
    s.name: s
    for s in (
        _scheme("permendagri-86-2017", "Permendagri 86/2017 (5 predikat)", [
            ("Sangat Tinggi", 90, False, GREEN_DARK),
            ("Tinggi", 75, False, GREEN),
            ("Sedang", 65, False, YELLOW),
            ("Rendah", 50, False, ORANGE),
            ("Sangat Rendah", None, False, RED_DARK),
        ]),
        _scheme("kinerja-individu-4", "Kinerja individu (4 predikat)", [
            ("Baik", 100, True, GREEN_DARK),
            ("Cukup", 80, True, YELLOW),
            ("Kurang", 60, True, ORANGE),
            ("Sangat Kurang", None, False, RED_DARK),
        ]),
        _scheme("lkjip-6", "Laporan kinerja kabupaten (6 predikat)", [
            ("Memuaskan", 85, False, GREEN_DARK),
            ("Sangat Baik", 75, False, GREEN),
            ("Baik", 65, False, YELLOW),
            ("Cukup Baik", 50, False, ORANGE),
            ("Agak Kurang", 30, False, RED),
            ("Kurang", None, False, RED_DARK),
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
    return BandScheme.from_defs("custom", "Skema predikat khusus", bands)

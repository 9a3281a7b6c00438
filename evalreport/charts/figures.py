"""Which charts a report holds and what they show: scored results into chart data.

:mod:`evalreport.charts` draws; this module chooses. The comparison of regions is the same for
every region of one parent (a province's regencies), so it is drawn once per parent and kept in
a :class:`ChartCache` for all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import draw, model
from ..i18n.formatting import Formatter
from ..data.model import Comparator, Region
from ..i18n.messages import Message, _, verbatim
from ..scoring.aggregate import top_band_miss
from ..scoring.scorecard import Result, Scorecard, target_text

NO_BAND = "#9E9E9E"


def _label(code: str, name: str) -> str:
    return f"{code} {name}"


@dataclass
class Charts:
    """The pictures of one region's report (any may be None when there is nothing to draw)."""

    capaian: Any = None
    target_realisasi: Any = None
    tren: Any = None
    perbandingan: Any = None  # a list of {"dimensi", "gambar"}


@dataclass
class ChartCache:
    """Charts shared by many documents, keyed by what they depend on."""

    shared: dict[tuple, model.Chart | None] = field(default_factory=dict)


class FigureMaker:
    """Makes the charts of each region's report from one scorecard."""

    def __init__(self, card: Scorecard, lang: str = "id", dpi: int = 150,
                 cache: ChartCache | None = None):
        self.card = card
        self.lang = lang
        self.f = Formatter(lang)
        self.dpi = dpi
        self.cache = cache or ChartCache()

    def number(self, v: float, decimals: int | None = None) -> str:
        """Values with their indicator's decimals; axis ticks (no decimals given) as short as
        they can be."""
        if decimals is not None:
            return self.f.number(v, decimals)
        return self.f.number(v, 2 if abs(v) < 1000 else 0)

    def percent(self, v: float, decimals: int | None = None) -> str:
        """An achievement (capaian) with its per cent sign."""
        return self.number(v, decimals) + "%"

    def for_region(self, region: Region) -> Charts:
        results = self.card.select(region.code)
        if not results:
            return Charts()
        period = self.card.current_period
        f = self.f
        bars = [model.Bar(
            label=_label(r.indicator.code, r.indicator.name),
            value=float(r.achievement) if r.achievement is not None else None,
            color=r.band.color if r.band else NO_BAND,
            note=(f"{f.percent(r.achievement)} · {band_note(r).render(self.lang)}" if r.band else ""))
            for r in results]
        achievement = draw.achievement_chart(
            bars, title=f"Capaian kinerja per indikator, {region.name}, {period}",
            number_format=self.number, dpi=self.dpi, show_title=False)
        pairs = [model.Pair(
            label=_label(r.indicator.code, r.indicator.name), unit=r.indicator.unit,
            target=r.target.reference, actual=r.actual if r.is_numeric else None,  # type: ignore[arg-type]
            target_text=target_text(r.target, f, r.indicator.decimals), decimals=r.indicator.decimals,
            target_band=_band(r.target)) for r in results]
        target_actual = draw.target_actual_chart(
            pairs, title=f"Target dan realisasi, {region.name}, {period}",
            number_format=self.number, dpi=self.dpi, show_title=False)
        series = []
        for r in results:
            hist = self.card.series(region.code, r.indicator.code)
            band = _band(r.target)
            series.append(model.Series(
                label=_label(r.indicator.code, r.indicator.name), unit=r.indicator.unit,
                periods=[h.period for h in hist],
                values=[h.actual if h.is_numeric else None for h in hist],  # type: ignore[misc]
                target=None if band else r.target.value, target_band=band,  # type: ignore[arg-type]
                decimals=ind.decimals if (ind := r.indicator) else None))
        trend = draw.trend_chart(
            series, title=f"Tren realisasi {self.card.dataset.programme.periods[0]}–{period}, {region.name}",
            number_format=self.number, dpi=self.dpi, show_title=False)
        return Charts(capaian=achievement, target_realisasi=target_actual, tren=trend,
                      perbandingan=self.comparison(region.parent))

    def comparison(self, parent: str | None) -> list[dict]:
        """The regions of one parent (a province's regencies and cities) ranked per indicator,
        per dimension, two or four indicators to a picture (so every region keeps a readable
        row): drawn once, shared by all of them.
        Items: {"dimensi": name, "gambar": Chart}."""
        data = self.card.dataset
        return self._comparison(("comparison", parent, self.card.current_period),
                                [r for r in data.regions if r.parent == parent],
                                parent or data.programme.region.name)

    def comparison_all(self) -> list[dict]:
        """As :meth:`comparison`, over every region of the dataset (the regional summary: a
        national dataset compares all its regions, not one province's)."""
        data = self.card.dataset
        parents = {r.parent for r in data.regions}
        if len(parents) == 1:  # one province: the same charts as its regions' reports
            return self.comparison(parents.pop())
        return self._comparison(("comparison-all", self.card.current_period), list(data.regions),
                                data.programme.region.name)

    def _comparison(self, key: tuple, regions: list[Region], where: str) -> list[dict]:
        if key in self.cache.shared:
            return self.cache.shared[key]  # type: ignore[return-value]
        data = self.card.dataset
        out: list[dict] = []
        if len(regions) > 1:
            codes = {r.code for r in regions}
            for dim in data.dimensions:
                panels, subtitles = [], []
                for ind in data.reported_indicators:
                    if ind.dimension != dim.code:
                        continue
                    ranked = [r for r in self.card.ranking(ind.code) if r.region.code in codes]
                    if not any(r.achievement is not None for r in ranked):
                        continue
                    # achievement, not the raw value: the ranking's measure, fair when targets
                    # differ between regions, and the same direction whatever the polarity
                    panels.append((
                        _label(ind.code, ind.name), "",
                        [model.RegionValue(short_name(r.region.name),
                                            None if r.achievement is None else float(r.achievement),
                                            r.band.color if r.band else NO_BAND, decimals=2)
                         for r in ranked],
                        100.0))
                    targets = {target_text(r.target, self.f, ind.decimals) for r in ranked
                               if r.target.is_set}
                    unit = f" {ind.unit}" if ind.unit and ind.unit != "%" else ind.unit
                    subtitles.append(
                        f"Capaian (%) terhadap target {targets.pop()}{unit}" if len(targets) == 1
                        else "Capaian (%) terhadap target masing-masing wilayah")
                groups = draw.comparison_groups(len(panels), len(regions))
                for n, group in enumerate(groups, 1):
                    shown = {v.color for i in group for v in panels[i][2]}
                    bands = [(b.label, b.color) for b in self.card.scheme.bands
                             if b.color in shown]
                    if NO_BAND in shown:
                        bands.append(("tanpa predikat", NO_BAND))
                    name = dim.name if len(groups) == 1 else f"{dim.name} ({n} dari {len(groups)})"
                    out.append({"dimensi": name, "gambar": draw.region_comparison_chart(
                        [panels[i] for i in group],
                        title=f"Perbandingan capaian antarwilayah, dimensi {name}, {where}, "
                              f"{self.card.current_period}",
                        number_format=self.percent, dpi=self.dpi, show_title=False,
                        subtitles=[subtitles[i] for i in group], bands=bands)})
        self.cache.shared[key] = out  # type: ignore[assignment]
        return out


def band_note(r: Result) -> Message:
    """A bar's predicate; a missed target in the top band is marked, as in the tables."""
    if top_band_miss(r):
        return _("{band} (target not met)", band=verbatim(r.band.label))  # type: ignore[union-attr]
    return verbatim(r.band.label)  # type: ignore[union-attr]


def _band(target) -> tuple[float, float] | None:
    """A range target's ends (drawn as a span, not as its middle)."""
    if target.comparator == Comparator.BETWEEN and target.is_set:
        return (target.min, target.max)
    return None


def short_name(name: str) -> str:
    """'Kabupaten Malang' -> 'Kab. Malang' for chart labels, where space is short."""
    for long, short in (("Kabupaten ", "Kab. "), ("Kota Administrasi ", "Kota Adm. ")):
        if name.startswith(long):
            return short + name[len(long):]
    return name

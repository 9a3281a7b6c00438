"""Which charts a report holds and what they show: scored results into chart data.

:mod:`evalreport.charts.draw` draws; this module chooses. The comparison of regions is the same
for every region of one parent (a province's regencies), except for the region a report is
about, which is highlighted: what to compare is worked out once per parent and kept in a
:class:`ChartCache`, the picture without the highlight is drawn once per process and kept as
pixels (:mod:`.frames`), and each region's report gets it with its own row highlighted.

Every chart carries its "Sumber:" line (:attr:`Chart.source`), from the sources of the
indicators it shows.

``charts="native"`` makes the same charts as Word charts (:mod:`.native`: chart parts with
their workbooks, which staff can restyle and edit) instead of pictures (:mod:`.draw`); each
function of one has its twin, with the same arguments, in the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, cast

from ..data.model import Comparator, Indicator, Region
from ..i18n.formatting import Formatter
from ..i18n.messages import _, n_
from ..scoring.scorecard import Result, Scorecard, target_text
from . import draw, model, native
from .grouped import Group, grouped_chart
from .model import CHART_MODES
from .palette import band_hatches
from .style import DEFAULT_DPI

NO_BAND = "#9E9E9E"
# Groups (an indicator by one breakdown) in one picture of disaggregated results: six groups
# of three bars are about 15 cm tall, room for the caption on the same page.
GROUPS_PER_PICTURE = 6
# the most sources a figure's source line names; beyond it, the first few and how many more
MAX_SOURCES = 4


def _label(code: str, name: str) -> str:
    return f"{code} {name}"


@dataclass
class Charts:
    """The pictures of one region's report (any may be None when there is nothing to draw)."""

    capaian: Any = None
    target_realisasi: Any = None
    tren: Any = None
    perbandingan: Any = None  # a list of {"dimensi", "gambar", "sumber"}
    terpilah: Any = None  # disaggregated results: a list of {"gambar", "sumber", "bagian"}


@dataclass(frozen=True)
class _Picture:
    """One comparison picture of a group, before it is drawn: its panels (regions best first,
    none highlighted), the region codes of each panel's rows, and its words."""

    name: str
    panels: tuple
    codes: tuple[tuple[str, ...], ...]
    subtitles: tuple[str, ...]
    bands: tuple[tuple[str, str, str], ...]
    title: str
    source: str


@dataclass
class ChartCache:
    """What many documents share, keyed by what it depends on: drawn charts (``shared``) and
    the plans of comparison pictures (``plans``)."""

    shared: dict[tuple, Any] = field(default_factory=dict)
    plans: dict[tuple, list[_Picture]] = field(default_factory=dict)


class FigureMaker:
    """Makes the charts of each region's report from one scorecard, in the document's language
    (``lang``), as pictures of a pixel density (``dpi``) or as Word charts
    (``charts="native"``)."""

    def __init__(self, card: Scorecard, lang: str = "id", dpi: int = DEFAULT_DPI,
                 cache: ChartCache | None = None, charts: str = "picture"):
        if charts not in CHART_MODES:
            raise ValueError(f"charts must be one of {CHART_MODES}, not {charts!r}")
        self.card = card
        self.lang = lang
        self.f = Formatter(lang)
        self.dpi = dpi
        self.charts = charts
        self.draw = native if charts == "native" else draw
        self.cache = cache or ChartCache()
        colors = [b.color for b in card.scheme.bands]
        self.hatches = dict(zip(colors, band_hatches(colors)))
        # one scale for every region's achievement and target/actual charts: they read alike
        # side by side, and a process draws each chart's frame once for all of them
        now = card.select()
        self.top_achievement = max([float(r.achievement) for r in now if r.achievement is not None]
                                   + [100.0])
        shares = [cast(float, r.actual) / ref * 100 for r in now
                  if r.is_numeric and (ref := r.target.reference) is not None and ref > 0]
        self.top_share = max(shares + [100.0])

    def number(self, v: float, decimals: int | None = None) -> str:
        """Values with their indicator's decimals; axis ticks (no decimals given) as short as
        they can be."""
        if decimals is not None:
            return self.f.number(v, decimals)
        return self.f.number(v, 2 if abs(v) < 1000 else 0)

    def percent(self, v: float, decimals: int | None = None) -> str:
        """An achievement (capaian) with its per cent sign."""
        return self.number(v, decimals) + "%"

    def say(self, message) -> str:
        return message.render(self.lang)

    # -- sources

    def _sources(self, ind: Indicator) -> list[str]:
        """Where an indicator's numbers come from: its inputs' sources for a computed one (not
        "computed from KS01A and KS01B"), else its own."""
        data = self.card.dataset
        if ind.formula:
            inputs = []
            for code in (ind.formula.numerator, ind.formula.denominator):
                try:
                    inputs += self._sources(data.indicator(code))
                except KeyError:
                    pass
            if inputs:
                return inputs
        return [ind.source.strip().rstrip(".")] if ind.source and ind.source.strip() else []

    def source(self, indicators: list[Indicator]) -> str:
        """The line under a figure: "Sumber: A; B (diolah)", each source once, in the order of
        the indicators; empty when none of them names a source."""
        names: list[str] = []
        for ind in indicators:
            for s in self._sources(ind):
                if s not in names:
                    names.append(s)
        if not names:
            return ""
        if len(names) > MAX_SOURCES:
            # a chart of every indicator would otherwise carry a paragraph of sources that runs
            # onto the next page; the indicator table names each one
            shown, more = names[:MAX_SOURCES - 1], len(names) - MAX_SOURCES + 1
            return self.say(n_("Source: {sources}; and {n} other source (processed)",
                               "Source: {sources}; and {n} other sources (processed)", more,
                               sources="; ".join(shown), n=more))
        return self.say(_("Source: {sources} (processed)", sources="; ".join(names)))

    # -- one region's charts

    def _bar_note(self, r: Result) -> str:
        parts = [self.f.percent(r.achievement), r.band.name(self.lang)]  # type: ignore[union-attr]
        if r.met is False:  # whatever the band: the documents' words for a missed target
            parts.append(self.say(_("target not met")))
        return " · ".join(parts)

    def for_region(self, region: Region) -> Charts:
        results = self.card.select(region.code)
        if not results:
            return Charts()
        period = self.card.current_period
        lang = self.lang
        source = self.source([r.indicator for r in results])
        bars = [model.Bar(
            label=_label(r.indicator.code, r.indicator.name),
            value=float(r.achievement) if r.achievement is not None else None,
            color=r.band.color if r.band else NO_BAND,
            note=self._bar_note(r) if r.band else "",
            hatch=self.hatches.get(r.band.color, "") if r.band else "", met=r.met,
            band=r.band.label if r.band else "")
            for r in results]
        achievement = self.draw.achievement_chart(
            bars, title=self.say(_("Achievement per indicator, {region}, {period}",
                                   region=region.name, period=period)),
            number_format=self.number, dpi=self.dpi, show_title=False, lang=lang,
            scale_max=self.top_achievement)
        pairs = [model.Pair(
            label=_label(r.indicator.code, r.indicator.name), unit=r.indicator.unit,
            target=r.target.reference, actual=r.actual if r.is_numeric else None,  # type: ignore[arg-type]
            target_text=target_text(r.target, self.f, r.indicator.decimals),
            decimals=r.indicator.decimals, target_band=_band(r.target),
            comparator=r.target.comparator.value) for r in results]
        target_actual = self.draw.target_actual_chart(
            pairs, title=self.say(_("Target and actual, {region}, {period}",
                                    region=region.name, period=period)),
            number_format=self.number, dpi=self.dpi, show_title=False, lang=lang,
            scale_max=self.top_share)
        series = []
        for r in results:
            hist = self.card.series(region.code, r.indicator.code)
            band = _band(r.target)
            series.append(model.Series(
                label=_label(r.indicator.code, r.indicator.name), unit=r.indicator.unit,
                periods=[h.period for h in hist],
                values=[h.actual if h.is_numeric else None for h in hist],  # type: ignore[misc]
                target=None if band else r.target.value, target_band=band,
                decimals=r.indicator.decimals,
                target_text=target_text(r.target, self.f, r.indicator.decimals)
                if r.target.is_set else ""))
        trend = self.draw.trend_chart(
            series, title=self.say(_("Actual values {first}–{last}, {region}",
                                     first=self.card.dataset.programme.periods[0], last=period,
                                     region=region.name)),
            number_format=self.number, dpi=self.dpi, show_title=False, lang=lang)
        return Charts(capaian=replace(achievement, source=source),
                      target_realisasi=replace(target_actual, source=source),
                      tren=replace(trend, source=source),
                      perbandingan=self.comparison(region.parent, focus=region.code),
                      terpilah=self.disaggregated(region, results))

    def disaggregated(self, region: Region, results: list[Result]) -> list[dict]:
        """Grouped bars of the region's disaggregated results in the current period: per
        indicator and breakdown, the headline and each category as achievement against the
        same target; at most :data:`GROUPS_PER_PICTURE` groups per picture, each picture as
        {"gambar", "sumber", "bagian"} ("1 dari 2" when split, else empty). None: []."""
        groups: list[tuple[Group, Indicator, str]] = []
        for r in results:
            for b in self.card.disaggregated(region.code, r.indicator.code):
                rows = [(self.say(_("overall")), r.achievement, r.band, r.met)]
                rows += [(c.category, c.achievement, c.band, c.met) for c in b.categories]
                groups.append((Group(
                    self.say(_("{indicator}, by {breakdown}",
                               indicator=_label(r.indicator.code, r.indicator.name),
                               breakdown=b.disaggregation.name)),
                    tuple(model.Bar(
                        label=label, value=float(ach) if ach is not None else None,
                        color=band.color if band else NO_BAND,
                        hatch=self.hatches.get(band.color, "") if band else "", met=met,
                        band=band.label if band else "")
                        for label, ach, band, met in rows)), r.indicator, b.disaggregation.name))
        parts = [groups[i:i + GROUPS_PER_PICTURE] for i in range(0, len(groups), GROUPS_PER_PICTURE)]
        out = []
        title = self.say(_("Achievement by category, {region}, {period}",
                           region=region.name, period=self.card.current_period))
        for n, part in enumerate(parts, start=1):
            chart: model.Chart | model.NativeChart
            if self.charts == "native":
                # a Word chart has no group headings: each row names its indicator and breakdown
                flat = [replace(bar, label=f"{ind.code} · {name} · {bar.label}")
                        for g, ind, name in part for bar in g.bars]
                chart = native.achievement_chart(flat, title=title, number_format=self.number,
                                                 show_title=False, lang=self.lang)
            else:
                chart = grouped_chart([g for g, _ind, _name in part], title=title, number_format=self.number,
                                      dpi=self.dpi, show_title=False, lang=self.lang)
            source = self.source(list({ind.code: ind for _g, ind, _name in part}.values()))
            out.append({"gambar": replace(chart, source=source), "sumber": source,
                        "bagian": self.say(_("{n} of {total}", n=n, total=len(parts)))
                        if len(parts) > 1 else ""})
        return out

    # -- regions compared

    def comparison(self, parent: str | None, focus: str | None = None) -> list[dict]:
        """The regions of one parent (a province's regencies and cities) ranked per indicator,
        per dimension, two or four indicators to a picture (so every region keeps a readable
        row). ``focus``: the code of the region to highlight (its report's pictures); without
        it the pictures are drawn once and shared.
        Items: {"dimensi": name, "gambar": Chart, "sumber": the line under it}."""
        data = self.card.dataset
        return self._comparison(("comparison", parent, self.card.current_period, self.charts),
                                [r for r in data.regions if r.parent == parent],
                                parent or data.programme.region.name, focus, group=True)

    def comparison_all(self) -> list[dict]:
        """As :meth:`comparison`, over every region of the dataset (the regional summary: a
        national dataset compares all its regions, not one province's)."""
        data = self.card.dataset
        parents = {r.parent for r in data.regions}
        if len(parents) == 1:  # one province: the same charts as its regions' reports
            return self.comparison(parents.pop())
        return self._comparison(("comparison-all", self.card.current_period, self.charts),
                                list(data.regions),
                                data.programme.region.name, None, group=False)

    def _comparison(self, key: tuple, regions: list[Region], where: str, focus: str | None,
                    group: bool) -> list[dict]:
        if focus is None and key in self.cache.shared:
            return self.cache.shared[key]
        plans = self.cache.plans.get(key)
        if plans is None:
            plans = self.cache.plans[key] = self._plan(regions, where, group)
        out = []
        for p in plans:
            panels = [(label, unit, [v if v.highlight == (c == focus)  # the region's own: a copy
                                     else replace(v, highlight=c == focus)
                                     for v, c in zip(values, codes)], target)
                      for (label, unit, values, target), codes in zip(p.panels, p.codes)]
            chart = self.draw.region_comparison_chart(
                panels, title=p.title, number_format=self.percent, dpi=self.dpi, show_title=False,
                subtitles=list(p.subtitles), bands=p.bands, lang=self.lang)
            chart = replace(chart, source=p.source)
            out.append({"dimensi": p.name, "gambar": chart, "sumber": p.source})
        if focus is None:
            self.cache.shared[key] = out
        return out

    def _plan(self, regions: list[Region], where: str, group: bool) -> list[_Picture]:
        """What each comparison picture shows, before any region is highlighted."""
        data = self.card.dataset
        period = self.card.current_period
        out: list[_Picture] = []
        if len(regions) <= 1:
            return out
        codes = {r.code for r in regions}
        for dim in data.dimensions:
            panels, subtitles, inds, region_codes = [], [], [], []
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
                    tuple(model.RegionValue(
                        short_name(r.region.name),
                        None if r.achievement is None else float(r.achievement),
                        r.band.color if r.band else NO_BAND, decimals=2,
                        hatch=self.hatches.get(r.band.color, "") if r.band else "", met=r.met,
                        rank=r.group_rank if group else r.rank,
                        band=r.band.label if r.band else "")
                        for r in ranked),
                    100.0))
                region_codes.append(tuple(r.region.code for r in ranked))
                inds.append(ind)
                targets = {target_text(r.target, self.f, ind.decimals) for r in ranked
                           if r.target.is_set}
                unit = f" {ind.unit}" if ind.unit and ind.unit != "%" else ind.unit
                subtitles.append(self.say(
                    _("Achievement (%) against the target {target}", target=targets.pop() + unit)
                    if len(targets) == 1 else _("Achievement (%) against each region's own target")))
            groups = draw.comparison_groups(len(panels), len(regions))
            for n, grp in enumerate(groups, 1):
                shown = {v.color for i in grp for v in panels[i][2]}
                bands = tuple((b.name(self.lang), b.color, self.hatches.get(b.color, ""))
                              for b in self.card.scheme.bands if b.color in shown)
                if NO_BAND in shown:
                    bands += ((self.say(_("no band")), NO_BAND, ""),)
                name = dim.name if len(groups) == 1 else self.say(
                    _("{name} ({n} of {total})", name=dim.name, n=n, total=len(groups)))
                out.append(_Picture(
                    name=name, panels=tuple(panels[i] for i in grp),
                    codes=tuple(region_codes[i] for i in grp),
                    subtitles=tuple(subtitles[i] for i in grp), bands=bands,
                    title=self.say(_("Achievement compared between regions, dimension {name}, "
                                     "{where}, {period}", name=name, where=where, period=period)),
                    source=self.source([inds[i] for i in grp])))
        return out

    # -- the regional summary

    def distribution(self, counts: list[tuple[str, str, int]]) -> model.Chart:
        """How many regions fall in each band (label, colour, count), for the regional summary,
        with the sources of every reported indicator."""
        chart = self.draw.distribution_chart(
            [(label, color, n, self.hatches.get(color, "")) for label, color, n in counts],
            title=self.say(_("Regions by the band of their mean achievement, {period}",
                             period=self.card.current_period)),
            dpi=self.dpi, show_title=False, lang=self.lang)
        return replace(chart, source=self.source(self.card.dataset.reported_indicators))


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

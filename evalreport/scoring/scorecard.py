"""Scoring: achievement (capaian), target met, band, change and rank, as docs/scoring.md
describes them.

With R the actual value (realisasi) and T the target:

* higher is better: C = R / T x 100
* lower is better:  C = (2T - R) / T x 100
* range [a, b]:     100 inside; below: R / a x 100; above: (2b - R) / b x 100
* exact T:          100 at T; below: R / T x 100; above: (2T - R) / T x 100
* C is never below 0. T = 0, a missing R or a text R give no C and a flag instead.

Rounding (what the documents show equals a hand calculation): values are taken as the decimal
numbers written in the data (no binary floating-point artefacts), C is rounded half-up to two
decimals, and the band is chosen from that rounded C. A derived value (e.g. cases per 10,000
population) is first rounded to the indicator's ``decimals``, then scored as if it were written.
"Target met" (tercapai) compares R with T using the indicator's comparator; it is independent
of the band: T = 70, R = 64.2 gives C = 91.71 (Sangat Tinggi) and the target is not met.

Ranks are competition ranks (1, 2, 2, 4) by achievement, per indicator and period, twice: over
every region of the dataset (``rank``, what the regional summary compares) and within the
region's comparison group, the regions with the same ``parent`` (``group_rank``, what a region's
own documents print, next to charts that show that same group; see :meth:`Scorecard.group`).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from ..data.bands import Band, BandScheme, resolve
from ..data.disaggregation import declared
from ..data.followup import PreviousCycle
from ..data.model import (
    Choice,
    Comparator,
    Dataset,
    DataStatus,
    Dimension,
    Disaggregation,
    Indicator,
    Observation,
    Polarity,
    Region,
)
from ..i18n.formatting import MISSING, Formatter
from ..i18n.messages import Message, p_
from .aggregate import Aggregate, aggregate, round2
from .disaggregation import Breakdown, breakdowns_of, observed
from .followup import FollowUp, follow_up

HUNDRED = Decimal(100)


class Flag(Choice):
    """Data-quality flags shown next to a result."""

    NO_TARGET = "no_target"
    NO_ACTUAL = "no_actual"
    TARGET_ZERO = "target_zero"
    PROVISIONAL = "provisional"
    ESTIMATE = "estimate"
    OUT_OF_RANGE = "out_of_range"
    QUALITATIVE = "qualitative"
    INPUT_MISSING = "input_missing"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "no_target": p_("data flag", "no target"),
            "no_actual": p_("data flag", "no actual value"),
            "target_zero": p_("data flag", "target is zero, no achievement"),
            "provisional": p_("data flag", "provisional data"),
            "estimate": p_("data flag", "estimated data"),
            "out_of_range": p_("data flag", "value outside the plausible range"),
            "qualitative": p_("data flag", "qualitative value"),
            "input_missing": p_("data flag", "inputs of the derived value are missing"),
        }


def dec(x: float | int | Decimal) -> Decimal:
    """The decimal number as written (repr of a float is its shortest round-trip form)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError("not a finite number")
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


@dataclass(frozen=True)
class Target:
    """The target that applies to one indicator in one region and period."""

    comparator: Comparator
    value: float | None = None
    min: float | None = None
    max: float | None = None

    @property
    def is_set(self) -> bool:
        if self.comparator == Comparator.BETWEEN:
            return self.min is not None and self.max is not None
        return self.value is not None

    @property
    def reference(self) -> float | None:
        """One number to draw on a chart: the value, or the middle of a range."""
        if self.comparator == Comparator.BETWEEN:
            return None if not self.is_set else (self.min + self.max) / 2  # type: ignore[operator]
        return self.value

    @property
    def is_zero(self) -> bool:
        """A target no achievement can be measured against (a range 0–5 is fine)."""
        if self.comparator == Comparator.BETWEEN:
            return self.is_set and self.max == 0
        return self.value == 0


def target_text(t: Target, f: Formatter, decimals: int = 2) -> str:
    """A target as a document prints it: '≥ 70,00', '80,00–90,00', or the missing mark."""
    if not t.is_set:
        return MISSING
    if t.comparator == Comparator.BETWEEN:
        return f"{f.number(t.min, decimals)}–{f.number(t.max, decimals)}"
    sign = {">=": "≥", "<=": "≤"}.get(t.comparator.value, t.comparator.value)
    return f"{sign} {f.number(t.value, decimals)}"


def achievement(actual: float, target: Target, polarity: Polarity) -> Decimal | None:
    """Achievement in percent, rounded half-up to 2 decimals, never below 0; None if undefined."""
    if not target.is_set:
        return None
    r = dec(actual)
    if target.comparator == Comparator.BETWEEN:
        lo, hi = dec(target.min), dec(target.max)  # type: ignore[arg-type]
        if lo <= r <= hi:
            c = HUNDRED
        elif r < lo:
            if lo == 0:
                return None
            c = r / lo * HUNDRED
        else:
            if hi == 0:
                return None
            c = (2 * hi - r) / hi * HUNDRED
    else:
        t = dec(target.value)  # type: ignore[arg-type]
        if t == 0:
            return None
        if polarity == Polarity.LOWER or (polarity == Polarity.EXACT and r > t):
            c = (2 * t - r) / t * HUNDRED
        else:
            c = r / t * HUNDRED
        if polarity == Polarity.EXACT and r == t:
            c = HUNDRED
    return max(round2(c), Decimal("0.00"))


def target_met(actual: float, target: Target) -> bool | None:
    """Whether R satisfies the comparator; None without a target."""
    if not target.is_set:
        return None
    r = dec(actual)
    cmp = target.comparator
    if cmp == Comparator.BETWEEN:
        return dec(target.min) <= r <= dec(target.max)  # type: ignore[arg-type]
    t = dec(target.value)  # type: ignore[arg-type]
    return {
        Comparator.GE: r >= t, Comparator.GT: r > t, Comparator.LE: r <= t,
        Comparator.LT: r < t, Comparator.EQ: r == t,
    }[cmp]


def direction(change: float | None, polarity: Polarity) -> str | None:
    """'naik_baik' style words are for templates; here: 'better', 'worse' or 'same'."""
    if change is None:
        return None
    if change == 0:
        return "same"
    if polarity in (Polarity.HIGHER,):
        return "better" if change > 0 else "worse"
    if polarity == Polarity.LOWER:
        return "better" if change < 0 else "worse"
    return None  # for ranges and exact targets a change alone does not say better or worse


def achievement_direction(now: Decimal | None, before: Decimal | None) -> str | None:
    """For a range or exact target, where a change of value alone says nothing: better when the
    achievement rose (72.80 outside a 75-85 range to 75.80 inside it), the same when it did not
    move (inside the range both times)."""
    if now is None or before is None:
        return None
    return "better" if now > before else "worse" if now < before else "same"


@dataclass
class Result:
    """One indicator in one region and one period, scored."""

    indicator: Indicator
    region: Region
    period: str
    target: Target
    actual: float | str | None
    status: DataStatus | None
    achievement: Decimal | None
    band: Band | None
    met: bool | None
    previous_period: str | None = None
    previous: float | None = None
    change_previous: float | None = None
    change_baseline: float | None = None  # only against the region's own baseline
    baseline: float | None = None
    baseline_year: str | None = None
    baseline_own: bool = False  # the region's own baseline, not the programme region's
    trend: str | None = None
    rank: int | None = None  # among every region of the dataset; None without an achievement
    rank_of: int = 0  # how many regions of the dataset have an achievement to rank
    group_rank: int | None = None  # among the regions with the same parent (Scorecard.group)
    group_rank_of: int = 0
    rank_shared: int = 0  # how many other regions of the dataset have the same rank
    group_shared: int = 0  # how many other regions of the group have the same group rank
    flags: tuple[Flag, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return isinstance(self.actual, (int, float))


@dataclass
class DimensionSummary:
    """One dimension of one region and period: its :class:`~.aggregate.Aggregate`."""

    dimension: Dimension
    aggregate: Aggregate

    @property
    def indicators(self) -> int:
        return self.aggregate.indicators

    @property
    def scored(self) -> int:
        return self.aggregate.assessed

    @property
    def met(self) -> int:
        return self.aggregate.met

    @property
    def not_met(self) -> int:
        return self.aggregate.not_met

    @property
    def mean_achievement(self) -> Decimal | None:
        """The capped mean (see :mod:`evalreport.scoring.aggregate`)."""
        return self.aggregate.mean

    @property
    def band(self) -> Band | None:
        return self.aggregate.band


@dataclass
class Scorecard:
    """Every result of a dataset, with lookups by region, period and dimension."""

    dataset: Dataset
    scheme: BandScheme
    results: list[Result]
    followup: FollowUp | None = None  # the previous cycle's follow-up, when one is given
    breakdowns: dict[tuple[str, str, str], list[Breakdown]] = field(default_factory=dict)
    _index: dict[tuple[str, str, str], Result] = field(default_factory=dict, repr=False)
    _by_indicator: dict[tuple[str, str], list[Result]] = field(default_factory=dict, repr=False)
    _by_region: dict[tuple[str, str], list[Result]] = field(default_factory=dict, repr=False)
    _by_parent: dict[str | None, list[Region]] | None = field(default=None, repr=False)
    _ranked: dict[tuple[str, str], list[Result]] = field(default_factory=dict, repr=False)
    _observations: dict[str, list[Observation]] = field(default_factory=dict, repr=False)
    _declared: list[Disaggregation] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._index = {(r.region.code, r.period, r.indicator.code): r for r in self.results}
        for o in self.dataset.observations:  # each region's own, in the dataset's order
            self._observations.setdefault(o.region, []).append(o)
        for r in self.results:  # ranking() is asked once per indicator and province
            self._by_indicator.setdefault((r.indicator.code, r.period), []).append(r)
            # a region's results are asked for several times per document: not a scan of
            # every region's results each time (a national dataset has 17 000)
            self._by_region.setdefault((r.region.code, r.period), []).append(r)

    @property
    def current_period(self) -> str:
        return self.dataset.programme.current_period  # type: ignore[return-value]

    def get(self, region: str, period: str, indicator: str) -> Result | None:
        return self._index.get((region, period, indicator))

    def select(self, region: str | None = None, period: str | None = None,
               dimension: str | None = None) -> list[Result]:
        """Results in dataset order, filtered; ``period`` defaults to the current period."""
        period = period or self.current_period
        if region is not None:
            rows = self._by_region.get((region, period), [])
            return [r for r in rows if dimension is None or r.indicator.dimension == dimension]
        return [
            r for r in self.results
            if r.period == period
            and (dimension is None or r.indicator.dimension == dimension)
        ]

    def observations(self, region: str) -> list[Observation]:
        """The region's observations as entered (every period, headline and categories)."""
        return self._observations.get(region, [])

    @property
    def declared(self) -> list[Disaggregation]:
        """The dataset's breakdowns (:func:`~..data.disaggregation.declared`, found once)."""
        if self._declared is None:
            self._declared = declared(self.dataset)
        return self._declared

    def disaggregated(self, region: str, indicator: str, period: str | None = None) -> list[Breakdown]:
        """The indicator's disaggregated results (data terpilah) in the region and period
        (default: the current period): one :class:`~.disaggregation.Breakdown` per declared
        breakdown with values, its categories scored against the headline's target."""
        return self.breakdowns.get((region, period or self.current_period, indicator), [])

    def series(self, region: str, indicator: str) -> list[Result]:
        """One indicator over all periods, oldest first."""
        return [r for p in self.dataset.programme.periods
                if (r := self.get(region, p, indicator)) is not None]

    @property
    def cap(self) -> float | None:
        """The ceiling of each achievement in a mean (``achievement_cap``; None: no cap)."""
        return self.dataset.achievement_cap

    def aggregate(self, region: str, period: str | None = None,
                  dimension: str | None = None) -> Aggregate:
        """A region's results (or one dimension's) in one period, aggregated: the one place
        means are made (capped, half-up; see :mod:`evalreport.scoring.aggregate`)."""
        return aggregate(self.select(region, period, dimension), self.scheme, self.cap)

    def dimensions(self, region: str, period: str | None = None) -> list[DimensionSummary]:
        """Each dimension with results in the region and period, in dataset order."""
        out = []
        for dim in self.dataset.dimensions:
            rows = self.select(region, period, dim.code)
            if rows:
                out.append(DimensionSummary(dim, aggregate(rows, self.scheme, self.cap)))
        return out

    def group(self, region: Region) -> list[Region]:
        """The region's comparison group, in dataset order: the regions with the same ``parent``
        (a province's regencies and cities), itself included. It is what the comparison charts
        of its report show (:meth:`evalreport.figures.FigureMaker.comparison`) and what
        ``group_rank`` ranks within; when every region has the same parent, or none, it is the
        whole dataset."""
        if self._by_parent is None:  # asked once per region: one pass, not one per region
            self._by_parent = {}
            for r in self.dataset.regions:
                self._by_parent.setdefault(r.parent, []).append(r)
        return list(self._by_parent.get(region.parent, []))

    def ranking(self, indicator: str, period: str | None = None) -> list[Result]:
        """Regions for one indicator, best achievement first (unscored last)."""
        key = (indicator, period or self.current_period)
        if key not in self._ranked:  # asked once per indicator and comparison group
            rows = self._by_indicator.get(key, [])
            self._ranked[key] = sorted(rows, key=lambda r: (r.rank is None, r.rank or 0,
                                                            r.region.name))
        return list(self._ranked[key])


def resolve_target(data: Dataset, ind: Indicator, region: str, period: str) -> Target:
    """The most specific target: region and period, then region, then period, then indicator."""
    best, best_score = None, -1
    for t in data.targets:
        if t.indicator != ind.code:
            continue
        if t.target is None and t.target_min is None and t.target_max is None:
            continue  # a row that only gives the region's baseline
        if t.region not in (None, region) or t.period not in (None, period):
            continue
        s = (2 if t.region else 0) + (1 if t.period else 0)
        if s > best_score:
            best, best_score = t, s
    if best is None:
        return Target(ind.comparator, ind.target, ind.target_min, ind.target_max)
    return Target(best.comparator or ind.comparator, best.target, best.target_min, best.target_max)


def resolve_baseline(data: Dataset, ind: Indicator, region: str) -> tuple[float | None, str | None, bool]:
    """(value, year, own) of the baseline that applies to ``region``: its own (a target row for
    the region with a baseline), else the indicator's, which is the programme region's own only
    when the region is the programme region (a province's baseline is not its regencies')."""
    for t in data.targets:
        if t.indicator == ind.code and t.region == region and t.baseline is not None:
            return t.baseline, t.baseline_year or ind.baseline_year, True
    return ind.baseline, ind.baseline_year, region == data.programme.region.code


def _actuals(data: Dataset) -> dict[tuple[str, str, str], tuple[float | str | None, DataStatus | None, bool]]:
    """(region, period, indicator) -> (value, status, inputs_missing); derived values computed."""
    out: dict[tuple[str, str, str], tuple[float | str | None, DataStatus | None, bool]] = {}
    for o in data.observations:
        if o.disaggregation is None:
            out[(o.region, o.period, o.indicator)] = (o.value, o.status, False)
    worst = [DataStatus.FINAL, DataStatus.ESTIMATE, DataStatus.PROVISIONAL]
    for ind in data.indicators:
        f = ind.formula
        if f is None:
            continue
        for reg in data.regions:
            for per in data.programme.periods:
                key = (reg.code, per, ind.code)
                if key in out:
                    continue  # a value written directly wins over the formula
                num = out.get((reg.code, per, f.numerator))
                den = out.get((reg.code, per, f.denominator))
                if num is None and den is None:
                    continue
                if (num is None or den is None or not isinstance(num[0], float)
                        or not isinstance(den[0], float) or den[0] == 0):
                    out[key] = (None, None, True)
                    continue
                q = dec(num[0]) / dec(den[0]) * dec(f.scale)
                value = float(q.quantize(Decimal(1).scaleb(-ind.decimals), rounding=ROUND_HALF_UP))
                status = max(num[1], den[1], key=worst.index)  # type: ignore[arg-type]
                out[key] = (value, status, False)
    return out


def score(data: Dataset, previous: PreviousCycle | None = None) -> Scorecard:
    """Score every reported indicator in every region and period of the dataset; with the
    ``previous`` cycle, also follow up its recommendations and actions (``Scorecard.followup``,
    see :mod:`evalreport.scoring.followup`)."""
    scheme = resolve(data.bands)
    actuals = _actuals(data)
    periods = data.programme.periods
    results: list[Result] = []
    for reg in data.regions:
        for ind in data.reported_indicators:
            base, base_year, own = resolve_baseline(data, ind, reg.code)
            prev_value: float | None = None
            prev_period: str | None = None
            prev_ach: Decimal | None = None
            for per in periods:
                value, status, missing = actuals.get((reg.code, per, ind.code), (None, None, False))
                target = resolve_target(data, ind, reg.code, per)
                flags: list[Flag] = []
                ach = met = band = None
                if not target.is_set:
                    flags.append(Flag.NO_TARGET)
                elif target.is_zero:
                    flags.append(Flag.TARGET_ZERO)
                if missing:
                    flags.append(Flag.INPUT_MISSING)
                if value is None:
                    flags.append(Flag.NO_ACTUAL)
                elif isinstance(value, str):
                    flags.append(Flag.QUALITATIVE)
                else:
                    ach = achievement(value, target, ind.polarity)  # type: ignore[arg-type]
                    met = target_met(value, target)
                    band = scheme.classify(float(ach)) if ach is not None else None
                    lo, hi = ind.plausible_min, ind.plausible_max
                    if (lo is not None and value < lo) or (hi is not None and value > hi):
                        flags.append(Flag.OUT_OF_RANGE)
                if status == DataStatus.PROVISIONAL:
                    flags.append(Flag.PROVISIONAL)
                elif status == DataStatus.ESTIMATE:
                    flags.append(Flag.ESTIMATE)
                number = value if isinstance(value, float) else None
                ch_prev = (float(dec(number) - dec(prev_value))
                           if number is not None and prev_value is not None else None)
                ch_base = (float(dec(number) - dec(base))
                           if number is not None and base is not None and own else None)
                results.append(Result(
                    indicator=ind, region=reg, period=per, target=target, actual=value,
                    status=status, achievement=ach, band=band, met=met,
                    previous_period=prev_period, previous=prev_value, change_previous=ch_prev,
                    change_baseline=ch_base, baseline=base, baseline_year=base_year,
                    baseline_own=own,
                    trend=(direction(ch_prev, ind.polarity)
                           if ind.polarity in (Polarity.HIGHER, Polarity.LOWER)
                           else achievement_direction(ach, prev_ach if ch_prev is not None else None)),
                    flags=tuple(flags)))
                prev_period = per
                prev_value = number
                prev_ach = ach
    _rank(results)
    return Scorecard(data, scheme, results,
                     follow_up(data, previous) if previous is not None else None,
                     _score_breakdowns(data, results, scheme))


def _score_breakdowns(data: Dataset, results: list[Result],
                      scheme: BandScheme) -> dict[tuple[str, str, str], list[Breakdown]]:
    """Each category of a reported indicator's breakdowns, scored like its headline value."""
    by_key = {(r.region.code, r.period, r.indicator.code): r for r in results}
    out: dict[tuple[str, str, str], list[Breakdown]] = {}
    breakdowns = declared(data)
    for key, values in observed(data, breakdowns).items():
        head = by_key.get(key)
        if head is None:
            continue
        found = breakdowns_of(breakdowns, key, values, partial(_rate_like, head, scheme))
        if found:
            out[key] = found
    return out


def _rate_like(head: Result, scheme: BandScheme,
               value: float) -> tuple[Decimal | None, bool | None, Band | None]:
    """A category's (achievement, met, band) against its headline's target and polarity."""
    ach = achievement(value, head.target, head.indicator.polarity)  # type: ignore[arg-type]
    band = scheme.classify(float(ach)) if ach is not None else None
    return ach, target_met(value, head.target), band


def _rank(results: list[Result]) -> None:
    """Competition ranking (1, 2, 2, 4) of regions per indicator and period, by achievement:
    over the whole dataset (``rank``) and within each parent's regions (``group_rank``)."""
    everyone: dict[tuple[str, str], list[Result]] = defaultdict(list)
    groups: dict[tuple[str, str, str | None], list[Result]] = defaultdict(list)
    for r in results:
        everyone[(r.indicator.code, r.period)].append(r)
        groups[(r.indicator.code, r.period, r.region.parent)].append(r)
    for rows in everyone.values():
        ranks = competition([r.achievement for r in rows])
        ties = Counter(rank for rank, _ in ranks if rank is not None)
        for r, (rank, of) in zip(rows, ranks):
            r.rank, r.rank_of = rank, of
            r.rank_shared = ties[rank] - 1 if rank is not None else 0
    for rows in groups.values():
        ranks = competition([r.achievement for r in rows])
        ties = Counter(rank for rank, _ in ranks if rank is not None)
        for r, (rank, of) in zip(rows, ranks):
            r.group_rank, r.group_rank_of = rank, of
            r.group_shared = ties[rank] - 1 if rank is not None else 0


def competition(values: list[Decimal | None]) -> list[tuple[int | None, int]]:
    """(rank, number ranked) for each value, in their order, higher first: equal values share a
    rank and the next rank is skipped (1, 2, 2, 4); None gets no rank and is not counted."""
    scored = sorted((v for v in values if v is not None), reverse=True)
    first: dict[Decimal, int] = {}
    for i, v in enumerate(scored, start=1):
        first.setdefault(v, i)
    return [(first[v] if v is not None else None, len(scored)) for v in values]


def result_row(r: Result, lang: str = "id") -> dict:
    """One result as plain values (numbers unformatted) for JSON and CSV output."""
    t = r.target
    return {
        "region_code": r.region.code,
        "region": r.region.name,
        "period": r.period,
        "indicator": r.indicator.code,
        "name": r.indicator.name,
        "dimension": r.indicator.dimension,
        "unit": r.indicator.unit,
        "comparator": t.comparator.value,
        "target": t.value,
        "target_min": t.min,
        "target_max": t.max,
        "actual": r.actual,
        "status": r.status.value if r.status else None,
        "achievement": float(r.achievement) if r.achievement is not None else None,
        "band": r.band.name(lang) if r.band else None,
        "met": r.met,
        "baseline": r.baseline,
        "baseline_own": r.baseline_own,
        "change_baseline": r.change_baseline,
        "change_previous": r.change_previous,
        "rank": r.rank,
        "rank_of": r.rank_of,
        "group_rank": r.group_rank,
        "group_rank_of": r.group_rank_of,
        "flags": [f.label(lang) for f in r.flags],
    }

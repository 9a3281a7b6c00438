"""Aggregates: a region's or a dimension's results in a few numbers that do not hide misses.

A mean of raw achievements lets one over-achieved indicator lift the misses (136 % on a
lower-is-better count), so a region meeting 5 of 11 targets can average 90 % and land in the
top band. Following the practice of Indonesian performance reports (docs/scoring.md),
each indicator's achievement is capped at a ceiling before averaging: the
dataset's ``achievement_cap``, 100 % unless the data say otherwise (``None``: no cap). The
uncapped achievement is still what each indicator shows.

Every mean of evalreport is made here, by :func:`mean`, and rounded by :func:`round2` (half-up
to two decimals on the decimal numbers as written): the same figure in the scorecard, in a
region's documents and in the regional summary. Context builders only read an
:class:`Aggregate`; they never average on their own.

Ranking regions by their aggregates (:func:`rank_regions`) orders by the capped mean, breaks
ties by the number of targets met, and gives equal aggregates a shared rank (1, 2, 2, 4).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..data.bands import Band, BandScheme

if TYPE_CHECKING:  # type hints only: scorecard imports this module
    from .scorecard import Result

CENT = Decimal("0.01")
DEFAULT_CAP = 100.0


def round2(x: Decimal) -> Decimal:
    """Half-up to two decimals: 90.005 -> 90.01 (never Python's half-even 90.00)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def capped(value: Decimal, cap: float | Decimal | None) -> Decimal:
    """An achievement as it enters a mean: at most ``cap`` (no ceiling when ``cap`` is None)."""
    if cap is None:
        return value
    ceiling = cap if isinstance(cap, Decimal) else Decimal(repr(float(cap)))
    return min(value, ceiling)


def mean(values: Iterable[Decimal], cap: float | Decimal | None = DEFAULT_CAP) -> Decimal | None:
    """The mean of achievements, each capped at ``cap`` first, rounded half-up to two decimals;
    None when there is no value."""
    vals = [capped(v, cap) for v in values]
    if not vals:
        return None
    return round2(sum(vals, Decimal(0)) / len(vals))


@dataclass(frozen=True)
class Aggregate:
    """What a set of results (a region's, or one dimension's) adds up to.

    ``indicators`` counts every indicator of the set; ``met`` and ``not_met`` those whose target
    could be judged (a value exists and a target is set); ``assessed`` those with an achievement
    (they make the mean); the rest "belum dapat dinilai" (no value, no target, a text value)."""

    indicators: int
    assessed: int
    met: int
    not_met: int
    mean: Decimal | None            # capped mean, what headlines, bands and ranks use
    mean_uncapped: Decimal | None   # plain mean, for reference
    band: Band | None
    cap: float | None
    assessed_codes: frozenset[str] = frozenset()

    @property
    def unassessed(self) -> int:
        """Indicators whose target cannot be judged (no value, no target, a text value)."""
        return self.indicators - self.met - self.not_met

    @property
    def met_share(self) -> float | None:
        """Targets met among those that could be judged (0..1); None when none could."""
        judged = self.met + self.not_met
        return self.met / judged if judged else None

    @property
    def partial(self) -> bool:
        """Fewer indicators assessed than the set holds."""
        return self.assessed < self.indicators

    def key(self) -> tuple:
        """Sort key, best first: the capped mean (unassessed last), then targets met."""
        return (self.mean is None, -(self.mean or 0), -self.met)


def aggregate(results: Sequence[Result], scheme: BandScheme,
              cap: float | None = DEFAULT_CAP) -> Aggregate:
    """Aggregate ``results`` (one region and period; all of them or one dimension's)."""
    scored = [r.achievement for r in results if r.achievement is not None]
    m = mean(scored, cap)
    return Aggregate(
        indicators=len(results), assessed=len(scored),
        met=sum(1 for r in results if r.met is True),
        not_met=sum(1 for r in results if r.met is False),
        mean=m, mean_uncapped=mean(scored, None),
        band=scheme.classify(float(m)) if m is not None else None, cap=cap,
        assessed_codes=frozenset(r.indicator.code for r in results if r.achievement is not None))


def top_band_miss(result: Result) -> bool:
    """A target not met whose achievement still falls in the top band (T = 70, R = 64.2 gives
    91.71 %, "Sangat Tinggi"): wherever that predicate is printed, it is marked as not met."""
    return result.met is False and result.band is not None and result.band.rank == 0


@dataclass(frozen=True)
class RegionRank:
    """One region's place in a ranking of regions by their aggregates."""

    code: str
    aggregate: Aggregate
    rank: int | None      # None: not ranked (no mean, or assessed on another set of indicators)
    shared: bool          # another ranked region has the same rank
    comparable: bool      # assessed on the set of indicators the ranked regions share


def rank_regions(aggregates: dict[str, Aggregate]) -> list[RegionRank]:
    """Regions best first, by capped mean, then targets met; equal pairs share a rank (1, 2, 2,
    4). Only regions assessed on the same set of indicators are ranked against each other: the
    set most regions share (the larger set when two are as common); the others follow unranked,
    so that a mean over one indicator never outranks a mean over eleven."""
    sets = [a.assessed_codes for a in aggregates.values() if a.mean is not None]
    common = max(set(sets), key=lambda s: (sets.count(s), len(s), sorted(s))) if sets else frozenset()
    ranked = [(c, a) for c, a in aggregates.items() if a.mean is not None and a.assessed_codes == common]
    chosen = {c for c, _ in ranked}
    others = [(c, a) for c, a in aggregates.items() if c not in chosen]
    ranked.sort(key=lambda ca: ca[1].key())
    others.sort(key=lambda ca: ca[1].key())
    out: list[RegionRank] = []
    keys = [(a.mean, a.met) for _, a in ranked]
    for i, (code, agg) in enumerate(ranked):
        k = keys[i]
        first = keys.index(k) + 1
        out.append(RegionRank(code, agg, first, keys.count(k) > 1, True))
    out += [RegionRank(code, agg, None, False, False) for code, agg in others]
    return out

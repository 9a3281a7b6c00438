"""Disaggregated results: each category of a breakdown scored against the headline's target.

A category's achievement, band and "target met" follow the same rules as the headline's
(:mod:`evalreport.scoring.scorecard`): the target of the region and period, the indicator's
polarity. The gap between categories is what gender mainstreaming asks about: with two
categories it is the first minus the second, in the declared order ("selisih perempuan -
laki-laki -11,30 poin"); with more, the first minus the second of the highest and the lowest
value, again in declared order.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..data.bands import Band
from ..data.disaggregation import category_of
from ..data.model import Dataset, DataStatus, Disaggregation


@dataclass(frozen=True)
class CategoryResult:
    """One category of a breakdown, in one region and period, scored."""

    category: str
    actual: float | str | None
    status: DataStatus | None
    achievement: Decimal | None
    band: Band | None
    met: bool | None

    @property
    def is_numeric(self) -> bool:
        return isinstance(self.actual, float)


@dataclass(frozen=True)
class Gap:
    """The difference between two categories' values: ``first`` minus ``second``."""

    first: CategoryResult
    second: CategoryResult
    value: float  # in the indicator's unit (points for a percentage)
    exceeds: bool  # larger (either way) than the breakdown's gap_threshold


@dataclass(frozen=True)
class Breakdown:
    """One indicator of one region and period broken down by one declared breakdown; the
    categories with a value, in the declared order."""

    disaggregation: Disaggregation
    region: str
    period: str
    indicator: str
    categories: tuple[CategoryResult, ...]

    @property
    def gap(self) -> Gap | None:
        """The gap between categories, or None with fewer than two numeric values."""
        nums = [c for c in self.categories if c.is_numeric]
        if len(nums) < 2:
            return None
        if len(nums) > 2:
            low = min(nums, key=lambda c: c.actual)  # type: ignore[arg-type, return-value]
            high = max(nums, key=lambda c: c.actual)  # type: ignore[arg-type, return-value]
            nums = [c for c in nums if c is low or c is high]
            if len(nums) < 2:  # every value the same
                nums = [c for c in self.categories if c.is_numeric][:2]
        first, second = nums[0], nums[1]
        value = float(Decimal(repr(first.actual)) - Decimal(repr(second.actual)))
        return Gap(first, second, value, abs(value) > self.disaggregation.gap_threshold)


# (value, target, polarity) -> (achievement, met, band) as the headline is scored
Rate = Callable[[float], tuple[Decimal | None, bool | None, Band | None]]


def observed(data: Dataset, breakdowns: list[Disaggregation]
             ) -> dict[tuple[str, str, str], dict[str, dict[str, tuple]]]:
    """(region, period, indicator) -> breakdown name -> category -> (value, status): the
    disaggregated observations that name one of ``breakdowns`` (the dataset's, as
    :func:`~..data.disaggregation.declared`; others are validation errors)."""
    out: dict[tuple[str, str, str], dict[str, dict[str, tuple]]] = {}
    for o in data.observations:
        if o.disaggregation is None:
            continue
        cat = category_of(breakdowns, o.disaggregation)
        if cat is None:
            continue
        out.setdefault((o.region, o.period, o.indicator), {}).setdefault(
            cat.breakdown.name, {})[cat.category] = (o.value, o.status)
    return out


def breakdowns_of(breakdowns: list[Disaggregation], key: tuple[str, str, str],
                  values: dict[str, dict[str, tuple]], rate: Rate) -> list[Breakdown]:
    """The breakdowns of one (region, period, indicator), each category scored by ``rate``."""
    out = []
    for b in breakdowns:
        cats = values.get(b.name)
        if not cats:
            continue
        rows = []
        for c in b.categories:
            if c not in cats:
                continue
            value, status = cats[c]
            ach, met, band = rate(value) if isinstance(value, float) else (None, None, None)
            rows.append(CategoryResult(c, value, status, ach, band, met))
        out.append(Breakdown(b, *key, tuple(rows)))
    return out

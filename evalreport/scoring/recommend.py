"""Draft findings and recommendations from rules (:mod:`evalreport.data.rules`).

For each region and each reported indicator of the current period, the first rule whose
conditions hold drafts one finding (condition, criterion, cause, effect) and one recommendation
(text, addressee, priority), both with status ``usulan``. An indicator that an accepted finding
of the same region already covers gets no draft. Drafts are coded ``U-<region>-<indicator>``
(finding) and ``UR-<region>-<indicator>`` (recommendation), so that drafting again replaces them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..data.model import Dimension, Finding, ItemStatus, Priority, Recommendation
from ..data.rules import Conditions, Rule, RuleSet
from ..i18n.formatting import MISSING, Formatter
from .scorecard import Result, Scorecard, target_text

__all__ = ["Drafts", "draft", "matches", "fields"]

_TRENDS = {"better": "membaik", "worse": "memburuk", "same": "tetap"}


@dataclass
class Drafts:
    """The findings and recommendations drafted from rules, each pair from one rule."""

    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the rule of each pair


def _dimension(card: Scorecard, code: str) -> Dimension | None:
    return next((d for d in card.dataset.dimensions if d.code == code), None)


def matches(when: Conditions, r: Result, dimension: Dimension | None) -> bool:
    """Whether every condition given holds for one scored indicator."""
    if when.dimension:
        names = {x.casefold() for x in when.dimension}
        if not dimension or not ({dimension.code.casefold(), dimension.name.casefold()} & names):
            return False
    if when.indicator and r.indicator.code not in when.indicator:
        return False
    if when.assessed is not None and (r.met is not None) != when.assessed:
        return False
    if when.met is not None and r.met is not when.met:
        return False
    if when.band and (r.band is None or r.band.label.casefold() not in {b.casefold() for b in when.band}):
        return False
    if when.achievement_below is not None and (r.achievement is None
                                               or float(r.achievement) >= when.achievement_below):
        return False
    if when.achievement_at_least is not None and (r.achievement is None
                                                  or float(r.achievement) < when.achievement_at_least):
        return False
    if when.trend and r.trend not in when.trend:
        return False
    return not (when.data_status and (r.status is None or r.status not in when.data_status))


def fields(r: Result, card: Scorecard, f: Formatter) -> dict[str, str]:
    """The values a rule's texts may print (:data:`evalreport.data.rules.FIELDS`), formatted."""
    ind, dec = r.indicator, r.indicator.decimals
    dim = _dimension(card, ind.dimension)
    return {
        "region": r.region.name, "region_code": r.region.code,
        "agency": card.dataset.programme.agency, "period": r.period,
        "previous_period": r.previous_period or MISSING, "indicator": ind.code,
        "indicator_name": ind.name, "dimension": dim.name if dim else ind.dimension,
        "unit": ind.unit or MISSING, "target": target_text(r.target, f, dec),
        "actual": f.number(r.actual, dec) if r.is_numeric else (str(r.actual) if r.actual else MISSING),
        "achievement": f.percent(r.achievement), "band": r.band.label if r.band else MISSING,
        "previous_actual": f.number(r.previous, dec), "change": f.signed(r.change_previous, dec),
        "trend": _TRENDS.get(r.trend or "", MISSING), "source": ind.source or MISSING,
    }


def _fill(text: str, values: dict[str, Any]) -> str:
    return " ".join(text.format_map(values).split())


def _pair(rule: Rule, r: Result, values: dict[str, str]) -> tuple[Finding, Recommendation]:
    key = f"{r.region.code}-{r.indicator.code}"
    fd, rd = rule.finding, rule.recommendation
    finding = Finding(
        code=f"U-{key}", title=_fill(fd.title, values), dimension=r.indicator.dimension,
        region=r.region.code, condition=_fill(fd.condition, values),
        criterion=_fill(fd.criterion, values), cause=_fill(fd.cause, values),
        effect=_fill(fd.effect, values), dac=fd.dac, indicators=[r.indicator.code],
        status=ItemStatus.DRAFT)
    priority = rd.priority_when_worse if (rd.priority_when_worse and r.trend == "worse") else rd.priority
    rec = Recommendation(
        code=f"UR-{key}", findings=[finding.code], text=_fill(rd.text, values),
        priority=Priority(priority), addressed_to=_fill(rd.addressed_to, values),
        region=r.region.code, status=ItemStatus.DRAFT)
    return finding, rec


def draft(card: Scorecard, rules: RuleSet, lang: str = "id") -> Drafts:
    """Draft a finding and a recommendation for each indicator and region a rule applies to."""
    f = Formatter(lang)
    data = card.dataset
    covered = {(x.region, c) for x in data.findings for c in x.indicators}
    out = Drafts()
    for r in card.select():
        if (r.region.code, r.indicator.code) in covered:
            continue
        dim = _dimension(card, r.indicator.dimension)
        rule = next((rule for rule in rules.rules if matches(rule.when, r, dim)), None)
        if rule is None:
            continue
        finding, rec = _pair(rule, r, fields(r, card, f))
        out.findings.append(finding)
        out.recommendations.append(rec)
        out.rules.append(rule.code)
    return out

"""The follow-up of the previous cycle: what became of last cycle's recommendations and actions.

For each earlier action, the latest status is, in this order: the same action (by code) in this
cycle's dataset, carried over; else the latest update recorded in the follow-up workbook; else
its status as the previous cycle recorded it. Progress changes between the cycles are the
latest progress less the recorded one.

An action is **late** (terlambat) when its deadline is before the document date and it is
neither done (sesuai) nor found impossible (tidak dapat ditindaklanjuti); the days overdue are
counted from the deadline to the document date.

A recommendation takes one of the four status classes of the national audit board from its
actions: done (sesuai) when every action that can be followed up is done; cannot be followed up
when none can; not yet followed up when none has started (status belum ditindaklanjuti and no
progress); otherwise not yet in line (belum sesuai). A recommendation without actions is not
yet followed up.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.followup import PreviousCycle
from ..data.model import Action, Dataset, FollowUpStatus, Recommendation

__all__ = ["ActionFollowUp", "RecommendationFollowUp", "FollowUp", "follow_up", "days_overdue",
           "recommendation_status"]

# Statuses that close an action: it is done, or it is known that it cannot be done.
CLOSED = (FollowUpStatus.DONE, FollowUpStatus.CANNOT)


def days_overdue(deadline: dt.date, status: FollowUpStatus | str, as_of: dt.date) -> int | None:
    """Days from the deadline to ``as_of`` for an action not closed whose deadline has passed;
    None when it is not late."""
    if FollowUpStatus(status) in CLOSED or deadline >= as_of:
        return None
    return (as_of - deadline).days


@dataclass(frozen=True)
class ActionFollowUp:
    """One earlier action: as recorded last cycle, and as it stands now."""

    action: Action
    region: str | None  # the region it belongs to (its own, else its recommendation's)
    status: FollowUpStatus
    progress: float
    evidence: str | None
    source: str  # "current" (carried into this dataset), "update" (follow-up workbook), "recorded"
    overdue: int | None  # days overdue at the document date; None when not late

    @property
    def recorded_status(self) -> FollowUpStatus:
        return FollowUpStatus(self.action.status)

    @property
    def progress_change(self) -> float:
        """Percentage points of progress since the previous cycle recorded it."""
        return self.progress - self.action.progress


def recommendation_status(actions: list[ActionFollowUp]) -> FollowUpStatus:
    """The status class of a recommendation from its actions (see the module documentation)."""
    possible = [a for a in actions if a.status != FollowUpStatus.CANNOT]
    if not actions:
        return FollowUpStatus.NOT_STARTED
    if not possible:
        return FollowUpStatus.CANNOT
    if all(a.status == FollowUpStatus.DONE for a in possible):
        return FollowUpStatus.DONE
    if all(a.status == FollowUpStatus.NOT_STARTED and a.progress == 0 for a in possible):
        return FollowUpStatus.NOT_STARTED
    return FollowUpStatus.NOT_YET_DONE


@dataclass(frozen=True)
class RecommendationFollowUp:
    """One earlier recommendation with its actions and its status class."""

    recommendation: Recommendation
    actions: tuple[ActionFollowUp, ...]
    status: FollowUpStatus

    @property
    def region(self) -> str | None:
        return self.recommendation.region


@dataclass
class FollowUp:
    """The follow-up of a previous cycle, as of this cycle's document date."""

    previous: PreviousCycle
    as_of: dt.date
    recommendations: list[RecommendationFollowUp] = field(default_factory=list)

    @property
    def actions(self) -> list[ActionFollowUp]:
        return [a for r in self.recommendations for a in r.actions]

    def select(self, owns) -> list[RecommendationFollowUp]:  # noqa: ANN001 - a predicate on a region code
        """The recommendations whose region ``owns(code_or_None)`` accepts, in data order."""
        return [r for r in self.recommendations if owns(r.region)]


def follow_up(current: Dataset, previous: PreviousCycle) -> FollowUp:
    """Match the previous cycle's actions with this cycle's data and its recorded updates."""
    as_of = current.document.date
    now = {a.code: a for a in current.actions}
    by_rec: dict[str, list[ActionFollowUp]] = {}
    rec_region = {r.code: r.region for r in previous.recommendations}
    for a in previous.actions:
        carried = now.get(a.code)
        update = previous.update(a.code)
        if carried is not None and carried.recommendation == a.recommendation:
            status, progress, evidence, source = (FollowUpStatus(carried.status), carried.progress,
                                                  carried.evidence, "current")
        elif update is not None:
            status, progress, evidence, source = (FollowUpStatus(update.status), update.progress,
                                                  update.evidence, "update")
        else:
            status, progress, evidence, source = (FollowUpStatus(a.status), a.progress,
                                                  a.evidence, "recorded")
        region = a.region if a.region is not None else rec_region.get(a.recommendation)
        by_rec.setdefault(a.recommendation, []).append(ActionFollowUp(
            a, region, status, progress, evidence, source, days_overdue(a.deadline, status, as_of)))
    recs = [RecommendationFollowUp(r, tuple(by_rec.get(r.code, [])),
                                   recommendation_status(by_rec.get(r.code, [])))
            for r in previous.recommendations]
    return FollowUp(previous, as_of, recs)

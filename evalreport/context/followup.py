"""What a template can print of the previous cycle's follow-up (``tindak_lanjut_lalu``).

For one region: its own earlier recommendations with their status class, its earlier actions
with the status recorded then and now, progress and its change, evidence, and "Terlambat N hari"
where the deadline passed before this cycle's document date and the action is not closed; the
counts by status, one sentence for the executive summary, and a chart of the actions' statuses.
For the regional summary: the same counts per region and for the whole programme.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..charts.draw import distribution_chart
from ..charts.model import Chart
from ..charts.palette import STATUS_COLOURS
from ..charts.style import DEFAULT_DPI
from ..data.model import FollowUpStatus, Region
from ..i18n.formatting import MISSING, Formatter
from ..i18n.messages import Message, _, n_
from ..scoring.followup import ActionFollowUp, FollowUp, RecommendationFollowUp, days_overdue

__all__ = ["followup_context", "EMPTY", "status_counts", "done_sentence", "late_fields"]

# The order statuses are counted and drawn in: done first, then what is still open.
ORDER = (FollowUpStatus.DONE, FollowUpStatus.NOT_YET_DONE, FollowUpStatus.NOT_STARTED,
         FollowUpStatus.CANNOT)


def _empty() -> dict[str, Any]:
    return {"diberikan": False, "ada": False, "periode": "", "tanggal_dokumen": "", "per": "",
            "jumlah_rekomendasi": 0, "jumlah_sesuai": 0, "jumlah_kegiatan": 0,
            "jumlah_terlambat": 0, "kalimat": "", "per_status": [], "rekomendasi": [],
            "kegiatan": [], "kegiatan_per_rekomendasi": []}


EMPTY: dict[str, Any] = _empty()


def status_counts(items: list[Any], lang: str) -> list[dict[str, Any]]:
    """How many of ``items`` (anything with a ``status``) are in each status class."""
    return [{"status": s.label(lang), "jumlah": sum(1 for x in items if x.status == s),
             "warna": STATUS_COLOURS[s]} for s in ORDER]


def done_sentence(recs: list[RecommendationFollowUp], late: int, period: str) -> Message:
    """'3 of 5 recommendations of the 2023 evaluation have been followed up in line with the
    recommendation; 2 actions are late.'"""
    done = sum(1 for r in recs if r.status == FollowUpStatus.DONE)
    if not done:  # a sentence that opens with "0 of 2" reads as a typing slip
        head = n_("The only recommendation of the {period} evaluation has not yet been followed up "
                  "in line with the recommendation",
                  "None of the {n} recommendations of the {period} evaluation has yet been followed "
                  "up in line with the recommendation", len(recs), n=len(recs), period=period)
    else:
        head = n_("{done} of {n} recommendation of the {period} evaluation has been followed up "
                  "in line with the recommendation",
                  "{done} of {n} recommendations of the {period} evaluation have been followed up "
                  "in line with the recommendation", len(recs), done=done, n=len(recs), period=period)
    if not late:
        return _("{head}; no action is late.", head=head)
    return n_("{head}; {late} action is late.", "{head}; {late} actions are late.", late,
              head=head, late=late)


def status_chart(actions: list[ActionFollowUp], title: Message, lang: str, dpi: int) -> Chart | str:
    """The earlier actions by their latest status, one bar per status class ('' for none)."""
    if not actions:
        return ""
    counts = [(s.label(lang), "#" + STATUS_COLOURS[s], sum(1 for a in actions if a.status == s))
              for s in ORDER]
    return distribution_chart(
        counts, title=title.render(lang), dpi=dpi, show_title=False, lang=lang,
        xlabel=_("Number of actions").render(lang),
        count_text=lambda c, p: n_("{n} action ({share}%)", "{n} actions ({share}%)", c, n=c,
                                   share=p),
        alt_text=lambda total, items: n_("{n} earlier action by status: {items}.",
                                         "{n} earlier actions by status: {items}.", total,
                                         n=total, items=items))


def late_fields(deadline: dt.date, status: FollowUpStatus | str, as_of: dt.date,
                lang: str) -> dict[str, Any]:
    """``terlambat``, ``hari_terlambat`` and ``keterangan`` ('Terlambat 107 hari') of an action
    whose deadline passed before ``as_of`` and that is not closed."""
    days = days_overdue(deadline, status, as_of)
    return {"terlambat": days is not None, "hari_terlambat": days or 0,
            "keterangan": n_("Late by {n} day", "Late by {n} days", days, n=days).render(lang)
            if days is not None else MISSING}


def _action(n: int, a: ActionFollowUp, rec_text: str, f: Formatter, lang: str,
            as_of: dt.date) -> dict[str, Any]:
    change = a.progress_change
    return {
        "no": n, "kode": a.action.code, "kode_rekomendasi": a.action.recommendation,
        "rekomendasi": rec_text, "kegiatan": a.action.activity,
        "penanggung_jawab": a.action.responsible, "batas_waktu": f.date(a.action.deadline),
        "indikator_keberhasilan": a.action.success_indicator,
        "status": a.status.label(lang), "warna_status": STATUS_COLOURS[a.status],
        "status_semula": a.recorded_status.label(lang),
        "progres": f.percent(a.progress, 0), "progres_semula": f.percent(a.action.progress, 0),
        "perubahan_progres": _("{change} points", change=f.signed(change, 0)).render(lang)
        if change else MISSING,
        "bukti": a.evidence or MISSING,
        **late_fields(a.action.deadline, a.status, as_of, lang),
    }


def followup_context(followup: FollowUp | None, region: Region, owns: Callable[[str | None], bool],
                     f: Formatter, lang: str, dpi: int = DEFAULT_DPI) -> dict[str, Any]:
    """``tindak_lanjut_lalu`` for one region: what ``owns`` accepts as the region's own (its
    code, or no region for the programme's own region)."""
    if followup is None:
        return _empty()
    prev = followup.previous
    recs = []
    for r in followup.recommendations:
        acts = [a for a in r.actions if owns(a.region)]
        if owns(r.region) or acts:
            recs.append(RecommendationFollowUp(r.recommendation, tuple(acts), r.status))
    actions = [a for r in recs for a in r.actions]
    late = sum(1 for a in actions if a.overdue is not None)
    rec_rows: list[dict[str, Any]] = []
    act_rows: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for n, r in enumerate(recs, start=1):
        rec = r.recommendation
        rec_rows.append({"no": n, "kode": rec.code, "teks": rec.text,
                         "prioritas": rec.priority.label(lang).title(),
                         "ditujukan_kepada": rec.addressed_to, "status": r.status.label(lang),
                         "warna_status": STATUS_COLOURS[r.status], "jumlah_kegiatan": len(r.actions)})
        rows = []
        for a in r.actions:
            rows.append(_action(len(act_rows) + 1, a, rec.text, f, lang, followup.as_of))
            act_rows.append(rows[-1])
        if rows:
            groups.append({"kode_rekomendasi": rec.code, "rekomendasi": rec.text,
                           "status": r.status.label(lang), "warna_status": STATUS_COLOURS[r.status],
                           "kegiatan": rows})
    title = _("Earlier actions of {region} by follow-up status as of {date}", region=region.name,
              date=f.date(followup.as_of))
    return {
        "diberikan": True, "ada": bool(recs), "periode": prev.period,
        "tanggal_dokumen": f.date(prev.document_date), "per": f.date(followup.as_of),
        "jumlah_rekomendasi": len(recs),
        "jumlah_sesuai": sum(1 for r in recs if r.status == FollowUpStatus.DONE),
        "jumlah_kegiatan": len(actions), "jumlah_terlambat": late,
        "kalimat": done_sentence(recs, late, prev.period).render(lang) if recs else
        _("The {period} evaluation made no recommendation for {region}.", period=prev.period,
          region=region.name).render(lang),
        "per_status": [dict(row, jumlah_kegiatan=sum(1 for a in actions if a.status == s))
                       for row, s in zip(status_counts(recs, lang), ORDER, strict=True)],
        "rekomendasi": rec_rows, "kegiatan": act_rows, "kegiatan_per_rekomendasi": groups,
        "grafik": status_chart(actions, title, lang, dpi),
    }


def summary_followup(followup: FollowUp | None, regions: list[Region], programme_region: str,
                     f: Formatter, lang: str) -> dict[str, Any]:
    """``tindak_lanjut_lalu`` of the regional summary: for the whole programme, how many of
    the previous cycle's recommendations were followed up in line with them and how many actions
    are late (one sentence), and the counts of each region (and of the programme-wide
    recommendations), in data order; regions without earlier recommendations are left out."""
    if followup is None:
        return {"diberikan": False, "periode": "", "per": "", "kalimat": "", "wilayah": [],
                "jumlah": _counts([], [])}
    names = {r.code: r.name for r in regions}
    rows = []
    keys = [r.code for r in regions] + [None]
    for key in keys:
        recs = [r for r in followup.recommendations
                if (r.region == key if key is not None else r.region not in names)]
        if not recs:
            continue
        acts = [a for r in recs for a in r.actions]
        name = names[key] if key is not None else _("Programme-wide").render(lang)
        rows.append({"nama": name, **_counts(recs, acts)})
    late = sum(1 for a in followup.actions if a.overdue is not None)
    recs_all = followup.recommendations
    return {
        "diberikan": True, "periode": followup.previous.period, "per": f.date(followup.as_of),
        "kalimat": done_sentence(recs_all, late, followup.previous.period).render(lang)
        if recs_all else "",
        "wilayah": rows,
        "jumlah": _counts(recs_all, followup.actions),
    }


def _counts(recs: list[RecommendationFollowUp], acts: list[ActionFollowUp]) -> dict[str, int]:
    """Recommendations by status class, and actions late."""
    counts = {s: sum(1 for r in recs if r.status == s) for s in ORDER}
    return {
        "jumlah_rekomendasi": len(recs),
        "jumlah_sesuai": counts[FollowUpStatus.DONE],
        "jumlah_belum_sesuai": counts[FollowUpStatus.NOT_YET_DONE],
        "jumlah_belum_ditindaklanjuti": counts[FollowUpStatus.NOT_STARTED],
        "jumlah_tidak_dapat": counts[FollowUpStatus.CANNOT],
        "jumlah_terlambat": sum(1 for a in acts if a.overdue is not None),
    }

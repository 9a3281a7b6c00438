"""The regional summary (ringkasan-wilayah.docx): how the regions compare.

Ranks the regions by their aggregates (capped mean, then targets met; shared ranks marked, and
only regions assessed on the same indicators ranked against each other), shows each region's
band per dimension with the targets met beside it, charts the distribution of regions across
bands, lists the regions that missed each target, and carries what concerns the whole programme:
its conclusions, findings, recommendations and the action plan with its budget (each region's
own plan is in its own documents, so every action is counted once). Its context shares
``program``, ``dokumen``, ``kop``, ``penandatangan``, ``predikat`` and ``asal_data`` with the
other documents (see :data:`SUMMARY_SCHEMA`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..charts.figures import FigureMaker
from ..data.model import Priority
from ..errors import Lang
from ..i18n.messages import Message, _, listing, n_, verbatim
from ..scoring.aggregate import rank_regions
from ..scoring.scorecard import Scorecard, target_text
from .disaggregation import region_gaps
from .followup import summary_followup
from .narrative import band_with_count, indicator_band, met_count
from .region import MISSING, ContextBuilder, Scope, group_noun, tint
from .schema import SHARED_PARTS

# Regions with their own target named in an indicator's target line before "and N more".
OWN_TARGETS_SHOWN = 5


def rank_label(rank: int | None, shared: bool) -> str:
    """'4' or, when another region has the same rank, '4='; '–' without a rank."""
    if rank is None:
        return MISSING
    return f"{rank}=" if shared else str(rank)


def build_summary(card: Scorecard, lang: Lang = "id", figures: FigureMaker | None = None) -> dict[str, Any]:
    """The context of the regional summary."""
    base = ContextBuilder(card, lang)
    f, t = base.f, base.t
    data = card.dataset
    common = base.common
    ctx = {k: common[k] for k in SHARED_PARTS}
    # by name, so that regions with equal aggregates are listed alphabetically
    aggregates = {reg.code: card.aggregate(reg.code)
                  for reg in sorted(data.regions, key=lambda r: r.name)}
    names = {reg.code: reg.name for reg in data.regions}
    rows: list[dict[str, Any]] = []
    for place in rank_regions(aggregates):
        agg = place.aggregate
        dims = [{"kode": s.dimension.code, "rata_capaian": f.percent(s.mean_achievement),
                 "predikat": s.band.name(lang) if s.band else MISSING,
                 "warna": tint(s.band.color) if s.band else "FFFFFF",
                 "tercapai_teks": t(_("{met}/{total} met", met=s.met, total=s.indicators))}
                for s in card.dimensions(place.code)]
        if place.rank is not None:
            note = ""
        elif agg.mean is None:
            note = t(_("not ranked: no indicator can be assessed"))
        else:
            note = t(_("not ranked: assessed on {n} of {total} indicators",
                       n=agg.assessed, total=agg.indicators))
        rows.append({
            "peringkat": rank_label(place.rank, place.shared), "kode": place.code,
            "nama": names[place.code], "rata_capaian": f.percent(agg.mean),
            "predikat": agg.band.name(lang) if agg.band else MISSING,
            "warna": tint(agg.band.color) if agg.band else "FFFFFF",
            "jumlah_tercapai": agg.met, "jumlah_indikator": agg.indicators,
            "jumlah_dinilai": agg.assessed,
            "dinilai": t(_("{n} of {total}", n=agg.assessed, total=agg.indicators)),
            "tercapai_teks": t(met_count(agg)), "predikat_teks": t(band_with_count(agg)),
            "catatan": note, "dimensi": dims})
    ranked = [r for r in rows if r["catatan"] == ""]
    notes: list[Message] = []
    cap = card.cap
    if cap is not None:
        notes.append(_("Regions are ranked by their mean achievement, each indicator capped at "
                       "{cap} before averaging, then by the number of targets met.",
                       cap=f.percent(cap, 0)))
    else:
        notes.append(_("Regions are ranked by their mean achievement, then by the number of "
                       "targets met."))
    if any(r["peringkat"].endswith("=") for r in rows):
        notes.append(_("A rank followed by = is shared by regions with the same mean and the "
                       "same number of targets met."))
    unranked = [r for r in rows if r["catatan"]]
    if unranked:
        common_n = ranked[0]["jumlah_dinilai"] if ranked else 0
        # (built apart: Babel's extractor misreads an n_() that holds a _() call)
        items = listing([_("{name} ({n} of {total} indicators)", name=verbatim(r["nama"]),
                           n=r["jumlah_dinilai"], total=r["jumlah_indikator"]) for r in unranked],
                        OWN_TARGETS_SHOWN)
        notes.append(n_(
            "{n} region is not ranked, as it was assessed on other indicators than the {ranked} "
            "ranked regions ({common} indicators each): {items}.",
            "{n} regions are not ranked, as they were assessed on other indicators than the "
            "{ranked} ranked regions ({common} indicators each): {items}.", len(unranked),
            n=len(unranked), ranked=len(ranked), common=common_n, items=items))
    per_ind = []
    gaps = region_gaps(card, list(data.regions), f, lang)
    for ind in data.reported_indicators:
        rows_i = card.ranking(ind.code)
        missed = [r.region.name for r in rows_i if r.met is False]
        per_ind.append({
            "kode": ind.code, "nama": ind.name, "satuan": ind.unit or MISSING,
            "target": _targets(rows_i, f, ind.decimals, lang),
            "jumlah_tidak_tercapai": len(missed), "tidak_tercapai": ", ".join(missed) or MISSING,
            "jumlah_belum_dinilai": sum(1 for r in rows_i if r.met is None),
            "terpilah": [g for g in gaps if g["kode"] == ind.code],
            "baris": [{
                "peringkat": rank_label(r.rank, r.rank_shared > 0), "wilayah": r.region.name,
                "target": target_text(r.target, f, ind.decimals),
                "realisasi": f.number(r.actual, ind.decimals) if r.is_numeric else (r.actual or MISSING),
                "capaian": f.percent(r.achievement),
                "predikat": t(b) if (b := indicator_band(r)) else MISSING,
                "warna": tint(r.band.color) if r.band else "FFFFFF",
                "tercapai": t({True: _("Met"), False: _("Not met"),
                               None: _("not yet assessable")}[r.met]),
                "catatan": "; ".join(fl.label(lang) for fl in r.flags),
            } for r in rows_i],
        })
    counts = {b.name(lang): 0 for b in card.scheme.bands}
    for r in rows:
        if r["predikat"] in counts:
            counts[r["predikat"]] += 1
    figures = figures or FigureMaker(card, lang)
    sebaran = figures.distribution([(b.name(lang), b.color, counts[b.name(lang)])
                                   for b in card.scheme.bands])
    ctx.update({
        "batas_capaian": common["batas_capaian"],
        "jumlah_wilayah": len(rows),
        "jumlah_diperingkat": len(ranked),
        "dimensi_kolom": [{"kode": d.code, "nama": d.name} for d in data.dimensions],
        "wilayah_peringkat": rows,
        "catatan_peringkat": [t(m) for m in notes],
        "indikator_peringkat": per_ind,
        "provinsi": _programme_wide(base),
        "tindak_lanjut_lalu": summary_followup(card.followup, list(data.regions),
                                               data.programme.region.code, f, lang),
        "grafik": {"sebaran": sebaran, "perbandingan": figures.comparison_all(),
                   "sumber": {"sebaran": sebaran.source}},
    })
    return ctx


def _programme_wide(base: ContextBuilder) -> dict[str, Any]:
    """What concerns the whole programme rather than one region: its conclusions, findings,
    recommendations and action plan with budgets (every action without a region, listed here
    once; each region's own actions are in its own plan)."""
    data, f = base.data, base.f
    many = len(data.regions) > 1
    findings = [x for x in data.findings if x.region is None] if many else []
    order = {p: n for n, p in enumerate(Priority)}
    recs = sorted((x for x in data.recommendations if x.region is None and many),
                  key=lambda r: order[Priority(r.priority)])
    rec_owner = {r.code: r.region for r in data.recommendations}
    regional = [a for a in data.actions
                if (a.region if a.region is not None else rec_owner.get(a.recommendation)) is not None]
    regional_codes = {a.code for a in regional}
    acts = [a for a in data.actions if a.code not in regional_codes] if many else []
    scope = Scope(context_findings=findings, context_recommendations=recs, context_actions=acts,
                  links={r.code: [c for c in r.findings if any(x.code == c for x in findings)]
                         for r in recs})
    actions = base._actions(acts, Scope(recommendations=recs, links=scope.links), with_budget=True)
    rtl = base._rtl(acts, [])
    own_total = sum((a.budget for a in regional if a.budget is not None), Decimal(0))
    note = _("The {n} follow-up actions of single {noun} ({total}) are in each one's own action "
             "plan.", n=len(regional), total=f.money(own_total),
             noun=group_noun(list(data.regions), base.lang))
    return {
        "ada": bool(findings or recs or acts or (many and data.programme.conclusions)),
        "kesimpulan": list(data.programme.conclusions) if many else [],
        "temuan": [base._finding(n, x) for n, x in enumerate(findings, start=1)],
        "rekomendasi": base._recommendations(recs, scope.links),
        "tindak_lanjut": actions,
        "rtl": {**rtl, "kalimat_wilayah": base.t(note)},
    }


def _targets(ranked: list, f, decimals: int, lang: str = "id") -> str:
    """An indicator's target across regions: the one most regions have, then the regions with
    their own ("≥ 70,00, kecuali Kota Surabaya ≥ 75,00"), naming at most
    :data:`OWN_TARGETS_SHOWN` of them and saying how many more there are."""
    if not ranked:
        return MISSING
    texts = [target_text(r.target, f, decimals) for r in ranked]
    common = max(dict.fromkeys(texts), key=texts.count)  # ties: the first seen
    own = [f"{r.region.name} {t}" for r, t in zip(ranked, texts) if t != common]
    if not own:
        return common
    return _("{common}, except {items}", common=common,
             items=listing(own, OWN_TARGETS_SHOWN, "; ")).render(lang)

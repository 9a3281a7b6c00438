"""The template context: what a Word template can print, for one region.

:data:`SCHEMA` documents every variable (name, type, Indonesian description). It is the single
source for ``evalreport templates check`` (unknown variables, "did you mean"), for the field
reference (``evalreport templates fields``) and for docs/template-context.md.

:func:`build` turns a scored dataset into that context: numbers already formatted the
Indonesian way (``capaian`` is "91,71%"), missing values as "–" (never "None"), and charts as
:class:`~evalreport.charts.Chart` objects that the renderer turns into pictures.

Every figure and sentence is the region's own: means and counts are read from the scorecard's
aggregates (:mod:`evalreport.scoring.aggregate`), sentences come from
:mod:`evalreport.context.narrative`, and what concerns the whole programme (findings,
recommendations, actions and conclusions without a region, in a dataset of several regions) is
kept apart as provincial context (``konteks``), never mixed with the region's own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._version import __version__
from ..charts.figures import Charts
from ..charts.model import Logo
from ..charts.palette import STATUS_COLOURS
from ..charts.style import DEFAULT_DPI
from ..data.model import (
    Action,
    Dataset,
    Finding,
    FollowUpStatus,
    LetterDirection,
    Priority,
    Recommendation,
    Region,
    RegionLevel,
    letter_direction,
    letter_number,
)
from ..i18n.formatting import MISSING, Formatter
from ..i18n.messages import Message, _, n_, p_, verbatim
from ..scoring.scorecard import Result, Scorecard, target_text
from . import disaggregation, narrative
from .annex import data_annex
from .followup import followup_context, late_fields
from .narrative import RegionFacts, band_with_count, indicator_band, met_count

__all__ = ["ContextBuilder", "MISSING", "tint", "group_noun", "representative_region", "target_text",
           "Charts", "Logo"]


# ----------------------------------------------------------------------------------- builder

# What the regions of a comparison group are called, by their levels: "7 kabupaten/kota lain".
# What a group of regions is called, by the levels in it ("kabupaten/kota"; None: a mix).
GROUP_NOUNS: dict[tuple[str, ...] | None, Message] = {
    ("kabupaten", "kota"): p_("regions of a level", "regencies/cities"),
    ("kabupaten",): p_("regions of a level", "regencies"),
    ("kota",): p_("regions of a level", "cities"),
    ("provinsi",): p_("regions of a level", "provinces"),
    ("kecamatan",): p_("regions of a level", "districts"),
    ("desa",): p_("regions of a level", "villages"),
    None: p_("regions of a level", "regions"),
}
# The prefixes a region's head drops from its name: "Bupati Bangkalan", "Wali Kota Surabaya".
_NAME_PREFIXES = ("Kabupaten ", "Kab. ", "Kota ", "Provinsi ", "Prov. ")


def tint(color: str, strength: float = 0.45) -> str:
    """A light version of a band colour (RRGGBB) for table cells, so black text stays legible."""
    c = color.lstrip("#")
    rgb = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * strength):02X}" for v in rgb)


def group_noun(regions: list[Region], lang: str = "id") -> str:
    """'kabupaten/kota' for a province's regencies and cities, 'kota' for cities only, and
    'wilayah' for a mix a single word cannot name."""
    levels = tuple(sorted({r.level.value if isinstance(r.level, RegionLevel) else str(r.level)
                           for r in regions}))
    return GROUP_NOUNS.get(levels, GROUP_NOUNS[None]).render(lang)


def region_head(region: Region) -> Message:
    """Who heads a region, as a letter addresses them: 'Bupati Bangkalan', 'Wali Kota Surabaya',
    'Gubernur Jawa Timur'; the region's own ``addressee`` when the data name one."""
    if region.addressee:
        return verbatim(region.addressee)
    name = region.name
    for prefix in _NAME_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    level = region.level.value if isinstance(region.level, RegionLevel) else str(region.level)
    heads = {"kabupaten": _("Regent of {name}", name=name),
             "kota": _("Mayor of {name}", name=name),
             "provinsi": _("Governor of {name}", name=name),
             "kecamatan": _("Head of {name} District", name=name),
             "desa": _("Head of {name} Village", name=name)}
    return heads.get(level, _("Head of {name}", name=region.name))


def representative_region(data: Dataset) -> Region:
    """The region whose documents show the most of their own (findings, recommendations,
    actions), the first such in data order: the one a template is checked against and whose
    values illustrate the field reference, so that a region with nothing of its own does not
    make every loop look empty."""
    def own_items(region: Region) -> int:
        return sum(1 for rows in (data.findings, data.recommendations, data.actions)
                   for x in rows if x.region == region.code)
    return max(data.regions, key=own_items)


def _text(v: Any) -> str:
    return MISSING if v is None or v == "" else str(v)


@dataclass
class Scope:
    """What of the findings, recommendations and actions is a region's own, and what is the
    programme's (provincial context), each in data order; recommendations by priority."""

    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    context_findings: list[Finding] = field(default_factory=list)
    context_recommendations: list[Recommendation] = field(default_factory=list)
    context_actions: list[Action] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)  # rec code -> finding codes shown


class ContextBuilder:
    """Builds the template context for each region of one scored dataset."""

    def __init__(self, card: Scorecard, lang: str = "id", dpi: int = DEFAULT_DPI):
        self.card = card
        self.data: Dataset = card.dataset
        self.lang = lang
        self.dpi = dpi
        self.f = Formatter(lang)
        self._common = self._build_common()

    def t(self, message: Message) -> str:
        """A message in the document's language."""
        return message.render(self.lang)

    # -- parts that are the same for every region
    @property
    def common(self) -> dict[str, Any]:
        """The parts that are the same for every region (programme, document, letterhead,
        signatory, bands, provenance)."""
        return dict(self._common)

    def _build_common(self) -> dict[str, Any]:
        d, f = self.data, self.f
        p, doc = d.programme, d.document
        sig = doc.signatory
        acting = sig.acting.value if sig.acting else ""
        lh = doc.letterhead
        logo = None
        if lh.logo:
            path = Path(d.source_dir or ".") / lh.logo
            logo = Logo(str(path), f"Logo {lh.parent.title()}")
        scheme = self.card.scheme
        cap = self.card.cap
        pattern = doc.number or ""
        return {
            "program": {
                "nama": p.name, "instansi": p.agency, "wilayah": p.region.name,
                "periode": p.current_period, "periode_semua": list(p.periods),
                "periode_awal": p.periods[0], "jumlah_wilayah": len(d.regions),
                "metode": list(p.methods), "evaluator": list(p.evaluators),
                "latar_belakang": [s.strip() for s in (p.background or "").split("\n\n") if s.strip()],
                "maksud": p.purpose or self.t(_(
                    "This evaluation is meant to assess how far the {programme} reached its aims in "
                    "{period}, as an account of performance and a basis for improving the programme "
                    "in the next planning cycle.", programme=p.name, period=p.current_period)),
                "tujuan": list(p.objectives), "dasar_hukum": list(p.legal_basis),
                "ruang_lingkup": p.scope or "", "kesimpulan": list(p.conclusions),
            },
            "dokumen": {
                # a numbering pattern ({no}) is no number: each region's letter fills it in
                "nomor": "" if "{" in pattern else pattern, "tempat": doc.place, "tanggal": doc.date,
                "tanggal_teks": f.date(doc.date), "tahun": str(doc.date.year),
                "sifat": doc.nature, "lampiran": doc.attachment or MISSING,
                "hal": doc.subject or "", "kepada": doc.addressee or "",
            },
            "kop": {"pemerintah": lh.parent, "instansi": lh.agency, "alamat": lh.address or "",
                    "kontak": lh.contact or "", "logo": logo or ""},
            "penandatangan": {
                "nama": sig.name, "jabatan": f"{acting} {sig.title}".strip(),
                "pangkat": sig.rank or "", "nip": sig.nip or "", "status": acting,
            },
            "penyusun": self._preparer(),
            "singkatan": [{"singkatan": g.abbreviation, "kepanjangan": g.meaning}
                          for g in sorted(d.glossary, key=lambda g: g.abbreviation.casefold())],
            "predikat": [{"nama": b.name(self.lang), "aturan": self.t(b.describe()), "warna": tint(b.color)}
                         for b in scheme.bands],
            "skema_predikat": scheme.titled(self.lang),
            "batas_capaian": f.percent(cap, 0) if cap is not None else "",
            "asal_data": {"berkas": d.source_name or MISSING, "sha256": d.source_sha256 or MISSING,
                          "versi": __version__, "skema_predikat": scheme.titled(self.lang)},
        }

    def _preparer(self) -> dict[str, str]:
        """Who prepared the report and signs its approval page beside the signatory (empty
        texts when the data name no one)."""
        prep = self.data.document.prepared_by
        if prep is None:
            return {"nama": "", "jabatan": "", "pangkat": "", "nip": ""}
        acting = prep.acting.value if prep.acting else ""
        return {"nama": prep.name, "jabatan": f"{acting} {prep.title}".strip(),
                "pangkat": prep.rank or "", "nip": prep.nip or ""}

    # -- one region
    def own(self, region: Region, owner: str | None) -> bool:
        """Whether an item owned by ``owner`` (a region code, or None for the whole programme)
        is the region's own: its code, or no region when the region is the programme's own (or
        the only one). A programme-wide item in a dataset of several regions is context."""
        if owner is not None:
            return owner == region.code
        return region.code == self.data.programme.region.code or len(self.data.regions) == 1

    def build(self, region: Region, charts: Charts | None = None) -> dict[str, Any]:
        """The whole context for one region."""
        f, card, d = self.f, self.card, self.data
        results = card.select(region.code)
        total = card.aggregate(region.code)
        group = self._group(region)
        inds = [self._indicator(n, r, group) for n, r in enumerate(results, start=1)]
        by_code = {i["kode"]: i for i in inds}
        summaries = card.dimensions(region.code)
        dims = []
        for n, s in enumerate(summaries, start=1):
            agg = s.aggregate
            dims.append({
                "no": n, "kode": s.dimension.code, "nama": s.dimension.name,
                "uraian": s.dimension.description or "", "jumlah_indikator": agg.indicators,
                "jumlah_tercapai": agg.met, "jumlah_tidak_tercapai": agg.not_met,
                "jumlah_belum_dinilai": agg.unassessed,
                "rata_capaian": f.percent(agg.mean),
                "predikat": agg.band.name(self.lang) if agg.band else MISSING,
                "warna": tint(agg.band.color) if agg.band else "FFFFFF",
                "tercapai_teks": self.t(met_count(agg)),
                "predikat_teks": self.t(band_with_count(agg)),
                "kalimat": self.t(narrative.dimension_sentence(s.dimension, agg, f)),
                "indikator": [by_code[r.indicator.code] for r in results
                              if r.indicator.dimension == s.dimension.code],
            })
        scope = self._scope(region)
        facts = RegionFacts(region, card.current_period, results, total,
                            [(s.dimension, s.aggregate) for s in summaries], card.cap)
        own_conclusions = list(d.programme.conclusions) if self.own(region, None) else []
        rec_list = self._recommendations(scope.recommendations, scope.links)
        groups = []
        for prio in Priority:
            items = [r for r in rec_list if r["prioritas"] == prio.label(self.lang).title()]
            if items:
                groups.append({"prioritas": prio.label(self.lang).title(), "daftar": items})
        actions = self._actions(scope.actions, scope, with_budget=True)
        summary = [self.t(m) for m in narrative.summary_sentences(facts, f)]
        previous = followup_context(card.followup, region, lambda owner: self.own(region, owner),
                                    f, self.lang, self.dpi)
        previous_chart = previous.pop("grafik", "")
        ctx = dict(self._common)
        ctx.update({
            "dokumen": self._document(region, scope),
            "surat": self._letter(region, scope,
                                  [self.t(m) for m in narrative.letter_results(facts, f)]),
            "wilayah": {"kode": region.code, "nama": region.name,
                        "tingkat": region.level.label(self.lang), "induk": region.parent or "",
                        "penduduk": f.number(region.population, 0) if region.population else MISSING,
                        "kepala": self.t(region_head(region))},
            "wilayah_pembanding": group,
            "ringkasan": {
                "jumlah_indikator": total.indicators, "jumlah_tercapai": total.met,
                "jumlah_tidak_tercapai": total.not_met, "jumlah_tanpa_data": total.unassessed,
                "jumlah_dinilai": total.assessed,
                "persen_tercapai": f.percent(total.met / total.indicators * 100
                                             if total.indicators else None, 0),
                "rata_capaian": f.percent(total.mean),
                "rata_capaian_tanpa_batas": f.percent(total.mean_uncapped),
                "predikat": total.band.name(self.lang) if total.band else MISSING,
                "tercapai_teks": self.t(met_count(total)),
                "predikat_teks": self.t(band_with_count(total)),
                "kalimat": summary,
                "hasil": self.t(self._outcome_sentence(region, scope)),
            },
            "kesimpulan": [self.t(m) for m in narrative.conclusions(facts, f)] + own_conclusions,
            "dimensi": dims,
            "indikator": inds,
            "temuan": [self._finding(n, x) for n, x in enumerate(scope.findings, start=1)],
            "ada_terpilah": any(i["ada_terpilah"] for i in inds),
            "temuan_terpilah": [b["kalimat"] for i in inds for b in i["terpilah"] if b["kalimat"]],
            "lampiran_data": data_annex(card, region, f, self.lang),
            "rekomendasi": rec_list,
            "rekomendasi_per_prioritas": groups,
            "tindak_lanjut": actions,
            "tindak_lanjut_per_rekomendasi": by_recommendation(actions),
            "rtl": self._rtl(scope.actions, scope.context_actions),
            "konteks": self._context(region, scope),
            "tindak_lanjut_lalu": previous,
            "grafik": {"tindak_lanjut_lalu": previous_chart,
                       **{k: (getattr(charts, k) if charts else None)
                          or ([] if k in ("perbandingan", "terpilah") else "")
                          for k in ("capaian", "target_realisasi", "tren", "perbandingan", "terpilah")},
                       "sumber": {k: getattr(getattr(charts, k, None), "source", "")
                                  for k in ("capaian", "target_realisasi", "tren")}},
        })
        return ctx

    def _scope(self, region: Region) -> Scope:
        """A region's own findings, recommendations and actions, and the programme-wide ones it
        sees as context; another region's rows are never shown. A link to another region's
        finding is dropped, so that a programme-wide recommendation answering findings of
        several regions shows only those that apply here."""
        d = self.data
        mine = lambda owner: self.own(region, owner)  # noqa: E731
        shared = lambda owner: owner is None and not mine(owner)  # noqa: E731
        other_findings = {x.code for x in d.findings if not mine(x.region) and not shared(x.region)}
        other_recs = {x.code for x in d.recommendations if not mine(x.region) and not shared(x.region)}
        order = {p: n for n, p in enumerate(Priority)}
        recs = sorted((x for x in d.recommendations if mine(x.region)),
                      key=lambda r: order[Priority(r.priority)])
        context_recs = sorted((x for x in d.recommendations if shared(x.region)),
                              key=lambda r: order[Priority(r.priority)])
        links = {r.code: [c for c in r.findings if c not in other_findings]
                 for r in recs + context_recs}
        rec_owner = {r.code: r.region for r in d.recommendations}
        # an action without a region belongs to whoever its recommendation belongs to
        owner = lambda a: a.region if a.region is not None else rec_owner.get(a.recommendation)  # noqa: E731
        acts = [x for x in d.actions if mine(owner(x)) and x.recommendation not in other_recs]
        context_acts = [x for x in d.actions if shared(owner(x)) and x.recommendation not in other_recs]
        return Scope([x for x in d.findings if mine(x.region)], recs, acts,
                     [x for x in d.findings if shared(x.region)], context_recs, context_acts, links)

    def _group(self, region: Region) -> dict[str, Any]:
        """The regions this region is compared and ranked with (Scorecard.group): the same
        regions as its comparison charts, so the text names the group the charts show."""
        peers = self.card.group(region)
        return {"nama": region.parent or self.data.programme.region.name, "jumlah": len(peers),
                "jumlah_lain": len(peers) - 1, "sebutan": group_noun(peers, self.lang)}

    def _finding(self, n: int, x: Finding) -> dict[str, Any]:
        dim_names = {d.code: d.name for d in self.data.dimensions}
        ind_names = {i.code: i.name for i in self.data.indicators}
        return {
            "no": n, "kode": x.code, "judul": x.title,
            "dimensi": dim_names.get(x.dimension or "", MISSING), "kondisi": x.condition,
            "kriteria": x.criterion, "sebab": x.cause, "akibat": x.effect,
            "kriteria_dac": x.dac.label(self.lang) if x.dac else MISSING,
            "indikator": "; ".join(f"{c} {ind_names.get(c, '')}".strip() for c in x.indicators) or MISSING,
            "bukti": x.evidence or MISSING,
        }

    def _recommendations(self, recs: list[Recommendation], links: dict[str, list[str]]) -> list[dict]:
        titles = {x.code: x.title for x in self.data.findings}
        return [{
            "no": n, "kode": r.code, "teks": r.text, "prioritas": r.priority.label(self.lang).title(),
            "ditujukan_kepada": r.addressed_to, "temuan": ", ".join(links[r.code]) or MISSING,
            "temuan_judul": "; ".join(titles.get(c, c) for c in links[r.code]) or MISSING,
            "ada_temuan": bool(links[r.code]),
        } for n, r in enumerate(recs, start=1)]

    def _actions(self, acts: list[Action], scope: Scope, with_budget: bool) -> list[dict]:
        f = self.f
        listed = scope.recommendations + scope.context_recommendations
        recs = {r.code: r for r in listed}
        titles = {x.code: x.title for x in self.data.findings}
        # in the order of the recommendations they follow up (by priority), so that the
        # matrix can merge a recommendation's cells over its actions
        place = {r.code: n for n, r in enumerate(listed)}
        acts = sorted(acts, key=lambda a: place.get(a.recommendation, len(place)))
        out = []
        for n, a in enumerate(acts, start=1):
            rec = recs.get(a.recommendation)
            budget = a.budget if with_budget else None
            out.append({
                "no": n, "kode": a.code,
                "temuan": ("; ".join(f"{c}: {titles[c]}" if c in titles else c
                                     for c in scope.links.get(rec.code, [])) if rec else "") or MISSING,
                "kode_rekomendasi": a.recommendation,
                "rekomendasi": rec.text if rec else a.recommendation,
                "kegiatan": a.activity, "penanggung_jawab": a.responsible,
                "mitra": a.partners or MISSING, "batas_waktu": f.date(a.deadline),
                "indikator_keberhasilan": a.success_indicator,
                "anggaran": f.money(budget) if budget is not None else MISSING,
                "sumber_anggaran": (a.funding_source or MISSING) if with_budget else MISSING,
                "anggaran_terbilang": f.words(budget, currency=True) if budget is not None else MISSING,
                "status": a.status.label(self.lang), "warna_status": STATUS_COLOURS[a.status],
                "progres": f.percent(a.progress, 0), "bukti": a.evidence or MISSING,
                **late_fields(a.deadline, a.status, self.data.document.date, self.lang),
            })
        return out

    def _rtl(self, acts: list[Action], context_acts: list[Action]) -> dict[str, Any]:
        """The region's own action plan in numbers: its actions and their budget (the
        programme-wide actions it sees are counted in the regional summary, not here)."""
        f = self.f
        total = sum((a.budget for a in acts if a.budget is not None), Decimal(0))
        cannot = sum((a.budget for a in acts if a.budget is not None
                      and a.status == FollowUpStatus.CANNOT), Decimal(0))
        if not acts:
            sentence = None
        elif cannot:
            sentence = _("Follow-up actions: {n}, with a total budget of {total} (in words: "
                         "{words}), of which {cannot} is for actions that cannot be followed up.",
                         n=len(acts), total=f.money(total), words=f.words(total, currency=True),
                         cannot=f.money(cannot))
        else:
            sentence = _("Follow-up actions: {n}, with a total budget of {total} (in words: "
                         "{words}).", n=len(acts), total=f.money(total),
                         words=f.words(total, currency=True))
        doc = self.data.document
        return {
            "jumlah": len(acts), "total_anggaran": f.money(total),
            "status_per": f.date(doc.status_date or doc.date),
            "total_anggaran_terbilang": f.words(total, currency=True),
            "anggaran_tidak_dapat": f.money(cannot),
            "kalimat": self.t(sentence) if sentence else "",
            "jumlah_provinsi": len(context_acts),
            "per_status": [{"status": s.label(self.lang), "jumlah": sum(1 for a in acts if a.status == s),
                            "warna": STATUS_COLOURS[s]} for s in FollowUpStatus],
        }

    def _context(self, region: Region, scope: Scope) -> dict[str, Any]:
        """The programme-wide findings, recommendations, actions (without budget) and
        conclusions, as provincial context of one region's documents: each finding with the
        region's own results on its indicators, never other regions' figures."""
        d = self.data
        conclusions = [] if self.own(region, None) else list(d.programme.conclusions)
        findings = [{
            "no": n, "kode": x.code, "judul": x.title,
            "dimensi": next((dim.name for dim in d.dimensions if dim.code == x.dimension), MISSING),
            "kaitan": self._own_results(region, x.indicators),
        } for n, x in enumerate(scope.context_findings, start=1)]
        any_context = bool(conclusions or findings or scope.context_recommendations
                           or scope.context_actions)
        intro = "" if self.own(region, None) else self.t(_(
            "This report presents the results of the evaluation for {region}, one of the {n} "
            "{noun} evaluated in {where}; the background, objectives and scope below are those of "
            "the evaluation as a whole.", region=region.name, n=len(d.regions),
            noun=group_noun(list(d.regions), self.lang), where=d.programme.region.name))
        return {
            "ada": any_context,
            "pengantar": intro,
            "nama": d.programme.region.name,
            "jumlah_wilayah": len(d.regions),
            "sebutan": group_noun(list(d.regions), self.lang),
            "kesimpulan": conclusions,
            "temuan": findings,
            "rekomendasi": self._recommendations(scope.context_recommendations, scope.links),
            "tindak_lanjut": self._actions(scope.context_actions, scope, with_budget=False),
        }

    def _own_results(self, region: Region, codes: list[str]) -> str:
        """'PA01 41,50 terhadap ≥ 50,00: tidak tercapai; PA02 ...': the region's own results on
        the indicators a programme-wide finding concerns."""
        parts = []
        for code in codes:
            r = self.card.get(region.code, self.card.current_period, code)
            if r is None:
                continue
            if r.met is None:
                parts.append(self.t(_("{code}: not yet assessable", code=code)))
                continue
            status = _("met") if r.met else _("not met")
            parts.append(self.t(_("{code} {actual} against {target}: {status}", code=code,
                                  actual=self.f.number(r.actual, r.indicator.decimals),
                                  target=target_text(r.target, self.f, r.indicator.decimals),
                                  status=status)))
        return "; ".join(parts) or MISSING

    def _outcome_sentence(self, region: Region, scope: Scope) -> Message:
        """How many findings, recommendations and actions are the region's own, and how many
        programme-wide ones its documents show as context."""
        own = _("The evaluation made {findings} and {recs} of its own for {region}, with {actions} "
                "and a budget of {budget}.", findings=_findings(len(scope.findings)),
                recs=_recommendations(len(scope.recommendations)), region=region.name,
                actions=_actions(len(scope.actions)),
                budget=self.f.money(sum((a.budget for a in scope.actions if a.budget is not None),
                                        Decimal(0))))
        n_context = len(scope.context_findings) + len(scope.context_recommendations)
        if not n_context:
            return own
        return _("{own} In addition, {findings} and {recs} for the whole of {where} are shown as "
                 "context.",
                 own=own, findings=_findings(len(scope.context_findings)),
                 recs=_recommendations(len(scope.context_recommendations)),
                 where=self.data.programme.region.name)

    # -- the letter
    def _document(self, region: Region, scope: Scope) -> dict[str, Any]:
        """``dokumen`` for one region: its own letter number, addressee, subject and
        attachment count."""
        d, f = self.data, self.f
        doc = dict(self._common["dokumen"])
        up = letter_direction(d, region) == LetterDirection.UP
        n_recs = len(scope.recommendations)
        if up:
            kepada = d.document.addressee or self.t(region_head(self._programme_region()))
        else:
            kepada = self.t(region_head(region))
        args = dict(programme=d.programme.name, period=d.programme.current_period, region=region.name)
        if d.document.subject:
            hal = d.document.subject.replace("{wilayah}", region.name)
        elif n_recs:
            hal = self.t(_("Recommendations from the evaluation of the {programme} {period}, "
                           "{region}", **args))
        else:
            hal = self.t(_("Results of the evaluation of the {programme} {period}, {region}", **args))
        if not n_recs:
            lampiran = MISSING
        elif d.document.attachment:
            lampiran = d.document.attachment
        else:
            lampiran = self.t(_("{n} ({words}) file", n=1, words=f.words(1)))
        doc.update({"nomor": letter_number(d, region) or "", "kepada": kepada, "hal": hal,
                    "lampiran": lampiran})
        return doc

    def _programme_region(self) -> Region:
        p = self.data.programme.region
        try:
            return self.data.region(p.code)
        except KeyError:
            return p

    def _letter(self, region: Region, scope: Scope, results: list[str]) -> dict[str, Any]:
        """The letter's paragraphs, in the direction it goes: down to a region's head (follow
        up and report progress within a period) or up to a superior (results reported,
        nothing asked). ``results``: the sentences on targets met and the mean that the letter
        reports (:func:`narrative.letter_results`)."""
        d, f = self.data, self.f
        up = letter_direction(d, region) == LetterDirection.UP
        n_recs = len(scope.recommendations)
        days = d.document.follow_up_days
        args = dict(programme=d.programme.name, period=d.programme.current_period,
                    region=region.name, agency=d.programme.agency)
        paragraphs: list[Message] = []
        if up:
            if n_recs:
                paragraphs.append(_("We hereby report the results of the evaluation of the "
                                    "{programme} {period} in {region}, with the {n} recommendations "
                                    "drawn from it, as attached.", n=n_recs, **args))
            else:
                paragraphs.append(_("We hereby report the results of the evaluation of the "
                                    "{programme} {period} in {region}.", **args))
        else:
            if n_recs:
                paragraphs.append(n_("Following the evaluation of the {programme} {period} by "
                                     "{agency}, we send the recommendation it makes for {region}, "
                                     "as attached.",
                                     "Following the evaluation of the {programme} {period} by "
                                     "{agency}, we send the {n} recommendations it makes for "
                                     "{region}, as attached.", n_recs, n=n_recs, **args))
            else:
                paragraphs.append(_("Following the evaluation of the {programme} {period} by "
                                    "{agency}, we send its results for {region}.", **args))
        paragraphs.append(verbatim(" ".join(results)))
        if up and n_recs:
            paragraphs.append(_("The recommendations are addressed to the offices concerned; we "
                                "will monitor their follow-up and report on it."))
        elif up:
            paragraphs.append(_("The evaluation makes no recommendation."))
        elif n_recs:
            paragraphs.append(n_("We ask that the recommendation be followed up and that a report "
                                 "on the progress of the follow-up be sent to {agency} within "
                                 "{days} ({words}) days of receipt of this letter.",
                                 "We ask that the recommendations be followed up and that a report "
                                 "on the progress of the follow-up be sent to {agency} within "
                                 "{days} ({words}) days of receipt of this letter.", n_recs,
                                 agency=d.programme.agency, days=days, words=f.words(days)))
        else:
            paragraphs.append(_("The evaluation makes no recommendation of its own for {region}, "
                                "so no follow-up is asked.", region=region.name))
        if not up and scope.context_recommendations and n_recs:
            paragraphs.append(n_("The recommendation for the whole of {where} is followed up by "
                                 "the office it is addressed to; it is listed at the end of the "
                                 "attachment for information.",
                                 "The {n} recommendations for the whole of {where} are followed up "
                                 "by the offices they are addressed to; they are listed at the end "
                                 "of the attachment for information.",
                                 len(scope.context_recommendations),
                                 n=len(scope.context_recommendations),
                                 where=d.programme.region.name))
        elif not up and scope.context_recommendations:  # no attachment to list them in
            paragraphs.append(n_("The recommendation for the whole of {where} is followed up by the "
                                 "office it is addressed to.",
                                 "The {n} recommendations for the whole of {where} are followed up "
                                 "by the offices they are addressed to.",
                                 len(scope.context_recommendations),
                                 n=len(scope.context_recommendations),
                                 where=d.programme.region.name))
        return {
            "ke_atasan": up, "kepada": self._document(region, scope)["kepada"],
            "di": self.t(_("at their office")),
            "paragraf": [self.t(p) for p in paragraphs],
            "ada_rekomendasi": bool(n_recs),
            "batas_hari": days,
            "tembusan": list(d.document.copies),
        }

    # -- one indicator
    def _indicator(self, n: int, r: Result, group: dict[str, Any]) -> dict[str, Any]:
        f = self.f
        ind = r.indicator
        dec = ind.decimals
        actual = f.number(r.actual, dec) if r.is_numeric else _text(r.actual)
        history = []
        for h in self.card.series(r.region.code, ind.code):
            band = indicator_band(h)
            history.append({
                "periode": h.period, "target": target_text(h.target, f, dec),
                "realisasi": f.number(h.actual, dec) if h.is_numeric else _text(h.actual),
                "capaian": f.percent(h.achievement), "predikat": self.t(band) if band else MISSING,
            })
        dim = next((x.name for x in self.data.dimensions if x.code == ind.dimension), ind.dimension)
        band = indicator_band(r)
        rank = narrative.rank_text(r)
        rank_sentence = narrative.rank_sentence(r, group["jumlah"], group["sebutan"], group["nama"])
        met = {True: _("Met"), False: _("Not met"), None: None}[r.met]
        trend = {"better": _("improved"), "worse": _("worsened"), "same": _("unchanged")}.get(r.trend or "")
        return {
            "no": n, "kode": ind.code, "nama": ind.name, "dimensi": dim, "kode_dimensi": ind.dimension,
            "satuan": ind.unit or MISSING, "polaritas": ind.polarity.label(self.lang),  # type: ignore[union-attr]
            "target": target_text(r.target, f, dec), "realisasi": actual,
            "capaian": f.percent(r.achievement),
            "predikat": self.t(band) if band else MISSING,
            "warna": tint(r.band.color) if r.band else "FFFFFF",
            "tercapai": self.t(met) if met else self.t(_("not yet assessable")),
            "tercapai_ya": bool(r.met),
            "kalimat": self.t(narrative.indicator_sentence(r, f)),
            "dinilai": r.met is not None,
            "baseline": f.number(r.baseline, dec), "tahun_baseline": _text(r.baseline_year),
            "baseline_sendiri": r.baseline_own,
            "baseline_teks": self._baseline_text(r),
            "ada_pembanding": r.previous is not None,
            "ada_catatan": bool(r.flags),
            "selisih_baseline": f.signed(r.change_baseline, dec),
            "periode_lalu": _text(r.previous_period),
            "realisasi_lalu": f.number(r.previous, dec),
            "selisih_lalu": f.signed(r.change_previous, dec),
            "tren": self.t(trend) if trend else MISSING,
            "peringkat": self.t(rank) if rank else MISSING,
            "kalimat_peringkat": self.t(rank_sentence) if rank_sentence else "",
            "sumber": ind.source or MISSING, "metode": ind.method or MISSING,
            "status_data": r.status.label(self.lang) if r.status else MISSING,
            "catatan": "; ".join(fl.label(self.lang) for fl in r.flags) or MISSING,
            "realisasi_angka": r.actual if r.is_numeric else None,
            "capaian_angka": float(r.achievement) if r.achievement is not None else None,
            "riwayat": history,
            "ada_terpilah": bool(split := disaggregation.breakdowns(
                self.card, r.region, ind, f, self.lang, tint)),
            "terpilah": split,
        }

    def _baseline_text(self, r: Result) -> str:
        """'58,50 (2021)' for the region's own baseline; the programme region's is labelled as
        such ('65,40 (2021, Provinsi Jawa Timur)'), so it is never read as the region's."""
        if r.baseline is None:
            return MISSING
        value = self.f.number(r.baseline, r.indicator.decimals)
        if r.baseline_own:
            return f"{value} ({r.baseline_year})" if r.baseline_year else value
        where = self.data.programme.region.name
        if r.baseline_year:
            return self.t(_("{value} ({year}, {where})", value=value, year=r.baseline_year,
                            where=where))
        return self.t(_("{value} ({where})", value=value, where=where))


def by_recommendation(actions: list[dict]) -> list[dict]:
    """Action rows grouped by the recommendation they follow up, in their order: each group
    with the recommendation's code, text and findings once, and its actions (the matrix
    merges the recommendation's cells over them)."""
    groups: list[dict] = []
    for a in actions:
        if not groups or groups[-1]["kode_rekomendasi"] != a["kode_rekomendasi"]:
            groups.append({"kode_rekomendasi": a["kode_rekomendasi"], "rekomendasi": a["rekomendasi"],
                           "temuan": a["temuan"], "kegiatan": []})
        groups[-1]["kegiatan"].append(a)
    return groups


def _findings(n: int) -> Message:
    return n_("{n} finding", "{n} findings", n, n=n)


def _recommendations(n: int) -> Message:
    return n_("{n} recommendation", "{n} recommendations", n, n=n)


def _actions(n: int) -> Message:
    return n_("{n} follow-up action", "{n} follow-up actions", n, n=n)


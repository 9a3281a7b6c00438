"""The template context: what a Word template can print, for one region.

:data:`SCHEMA` documents every variable (name, type, Indonesian description). It is the single
source for ``evalreport templates check`` (unknown variables, "did you mean"), for the field
reference (``evalreport templates fields``) and for docs/template-context.md.

:func:`build` turns a scored dataset into that context: numbers already formatted the
Indonesian way (``capaian`` is "91,71%"), missing values as "–" (never "None"), and charts as
:class:`~evalreport.charts.Chart` objects that the renderer turns into pictures.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._version import __version__
from ..i18n.formatting import MISSING, Formatter
from ..data.model import Dataset, FollowUpStatus, Priority, Region, RegionLevel
from ..charts.figures import Charts
from ..charts.model import Logo
from ..charts.palette import STATUS_COLOURS
from ..scoring.scorecard import Result, Scorecard, target_text


# ----------------------------------------------------------------------------------- builder

WORDS = {
    "id": {"met": "Tercapai", "not_met": "Tidak tercapai", "better": "membaik", "worse": "memburuk",
           "same": "tetap", "of": "dari"},
    "en": {"met": "Met", "not_met": "Not met", "better": "improved", "worse": "worsened",
           "same": "unchanged", "of": "of"},
}
# What the regions of a comparison group are called, by their levels: "7 kabupaten/kota lain".
GROUP_NOUNS = {
    "id": {("kabupaten", "kota"): "kabupaten/kota", ("kabupaten",): "kabupaten", ("kota",): "kota",
           ("provinsi",): "provinsi", ("kecamatan",): "kecamatan", ("desa",): "desa/kelurahan",
           None: "wilayah"},
    "en": {("kabupaten", "kota"): "regencies/cities", ("kabupaten",): "regencies", ("kota",): "cities",
           ("provinsi",): "provinces", ("kecamatan",): "districts", ("desa",): "villages",
           None: "regions"},
}


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
    nouns = GROUP_NOUNS.get(lang, GROUP_NOUNS["id"])
    return nouns.get(levels, nouns[None])


def _text(v: Any) -> str:
    return MISSING if v is None or v == "" else str(v)


class ContextBuilder:
    """Builds the template context for each region of one scored dataset."""

    def __init__(self, card: Scorecard, lang: str = "id"):
        self.card = card
        self.data: Dataset = card.dataset
        self.lang = lang
        self.f = Formatter(lang)
        self.w = WORDS[lang]
        self._common = self._build_common()

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
            from pathlib import Path
            path = Path(d.source_dir or ".") / lh.logo
            logo = Logo(str(path), f"Logo {lh.parent.title()}")
        scheme = self.card.scheme
        return {
            "program": {
                "nama": p.name, "instansi": p.agency, "wilayah": p.region.name,
                "periode": p.current_period, "periode_semua": list(p.periods),
                "periode_awal": p.periods[0], "jumlah_wilayah": len(d.regions),
                "metode": list(p.methods), "evaluator": list(p.evaluators),
                "latar_belakang": [s.strip() for s in (p.background or "").split("\n\n") if s.strip()],
                "tujuan": list(p.objectives), "dasar_hukum": list(p.legal_basis),
                "ruang_lingkup": p.scope or "", "kesimpulan": list(p.conclusions),
            },
            "dokumen": {
                "nomor": doc.number or "", "tempat": doc.place, "tanggal": doc.date,
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
            "predikat": [{"nama": b.label, "aturan": b.describe(), "warna": tint(b.color)}
                         for b in scheme.bands],
            "skema_predikat": scheme.title,
            "asal_data": {"berkas": d.source_name or MISSING, "sha256": d.source_sha256 or MISSING,
                          "versi": __version__, "skema_predikat": scheme.title},
        }

    def build(self, region: Region, charts: Charts | None = None) -> dict[str, Any]:
        """The whole context for one region."""
        f = self.f
        card, d = self.card, self.data
        results = card.select(region.code)
        inds = [self._indicator(n, r) for n, r in enumerate(results, start=1)]
        by_code = {i["kode"]: i for i in inds}
        dims = []
        for n, s in enumerate(card.dimensions(region.code), start=1):
            in_dim = [r for r in results if r.indicator.dimension == s.dimension.code]
            members = [by_code[r.indicator.code] for r in in_dim]
            dims.append({
                "no": n, "kode": s.dimension.code, "nama": s.dimension.name,
                "uraian": s.dimension.description or "", "jumlah_indikator": s.indicators,
                "jumlah_tercapai": s.met,
                "jumlah_tidak_tercapai": sum(1 for r in in_dim if r.met is False),
                "rata_capaian": f.percent(s.mean_achievement),
                "predikat": s.band.label if s.band else MISSING,
                "warna": tint(s.band.color) if s.band else "FFFFFF",
                "indikator": members,
            })
        findings, recs, links, acts = self._scope(region)
        finding_titles = {x.code: x.title for x in d.findings}
        dim_names = {x.code: x.name for x in d.dimensions}
        ind_names = {x.code: x.name for x in d.indicators}
        rec_list = [{
            "no": n, "kode": r.code, "teks": r.text, "prioritas": r.priority.label(self.lang).title(),
            "ditujukan_kepada": r.addressed_to, "temuan": ", ".join(links[r.code]) or MISSING,
            "temuan_judul": "; ".join(finding_titles.get(c, c) for c in links[r.code]) or MISSING,
            "ada_temuan": bool(links[r.code]),
        } for n, r in enumerate(recs, start=1)]
        rec_by_code = {r.code: r for r in recs}
        groups = []
        for prio in Priority:
            items = [r for r in rec_list if r["prioritas"] == prio.label(self.lang).title()]
            if items:
                groups.append({"prioritas": prio.label(self.lang).title(), "daftar": items})
        actions = []
        for n, a in enumerate(acts, start=1):
            rec = rec_by_code.get(a.recommendation)
            actions.append({
                "no": n, "kode": a.code,
                "temuan": ("; ".join(f"{c}: {finding_titles[c]}" if c in finding_titles else c
                                     for c in links[rec.code]) if rec else "") or MISSING,
                "rekomendasi": rec.text if rec else a.recommendation,
                "kegiatan": a.activity, "penanggung_jawab": a.responsible,
                "mitra": a.partners or MISSING, "batas_waktu": f.date(a.deadline),
                "indikator_keberhasilan": a.success_indicator,
                "anggaran": f.money(a.budget) if a.budget is not None else MISSING,
                "anggaran_terbilang": f.words(a.budget, currency=True) if a.budget is not None else MISSING,
                "status": a.status.label(self.lang), "warna_status": STATUS_COLOURS[a.status],
                "progres": f.percent(a.progress, 0), "bukti": a.evidence or MISSING,
            })
        total = sum((a.budget for a in acts if a.budget is not None), Decimal(0))
        scored = [r for r in results if r.achievement is not None]
        mean = (sum(r.achievement for r in scored) / len(scored)) if scored else None  # type: ignore[misc]
        mean_r = mean.quantize(Decimal("0.01")) if mean is not None else None
        met = sum(1 for r in results if r.met)
        not_met = sum(1 for r in results if r.met is False)
        ctx = dict(self._common)
        ctx.update({
            "wilayah": {"kode": region.code, "nama": region.name,
                        "tingkat": region.level.label(self.lang), "induk": region.parent or "",
                        "penduduk": f.number(region.population, 0) if region.population else MISSING},
            "wilayah_pembanding": self._group(region),
            "ringkasan": {
                "jumlah_indikator": len(results), "jumlah_tercapai": met,
                "jumlah_tidak_tercapai": not_met,
                "jumlah_tanpa_data": len(results) - met - not_met,
                "persen_tercapai": f.percent(met / len(results) * 100 if results else None, 0),
                "rata_capaian": f.percent(mean_r),
                "predikat": card.scheme.classify(float(mean_r)).label if mean_r is not None else MISSING,
                "kalimat": self._summary_sentences(region, results, dims),
            },
            "dimensi": dims,
            "indikator": inds,
            "temuan": [{
                "no": n, "kode": x.code, "judul": x.title,
                "dimensi": dim_names.get(x.dimension or "", MISSING), "kondisi": x.condition,
                "kriteria": x.criterion, "sebab": x.cause, "akibat": x.effect,
                "kriteria_dac": x.dac.label(self.lang) if x.dac else MISSING,
                "indikator": "; ".join(f"{c} {ind_names.get(c, '')}".strip() for c in x.indicators) or MISSING,
                "bukti": x.evidence or MISSING,
            } for n, x in enumerate(findings, start=1)],
            "rekomendasi": rec_list,
            "rekomendasi_per_prioritas": groups,
            "tindak_lanjut": actions,
            "rtl": {
                "jumlah": len(actions), "total_anggaran": f.money(total),
                "total_anggaran_terbilang": f.words(total, currency=True),
                "per_status": [{"status": s.label(self.lang), "jumlah": sum(1 for a in acts if a.status == s),
                                "warna": STATUS_COLOURS[s]} for s in FollowUpStatus],
            },
            "grafik": {**{k: (getattr(charts, k) if charts else None) or ("" if k != "perbandingan" else [])
                          for k in ("capaian", "target_realisasi", "tren", "perbandingan")},
                       "sumber": {k: getattr(getattr(charts, k, None), "source", "")
                                  for k in ("capaian", "target_realisasi", "tren")}},
        })
        return ctx

    def _scope(self, region: Region) -> tuple[list, list, dict[str, list[str]], list]:
        """What of the findings, recommendations and actions a region's documents show: the
        general ones (no region) and this region's own, in data order. A link to another
        region's row is dropped, so that a general recommendation answering findings of several
        regions (R06: T06, T01-7307, T01-9302) shows in each region only the finding that
        applies there, and an action for another region's recommendation does not show.
        Returns (findings, recommendations, finding codes per recommendation, actions)."""
        d = self.data
        mine = lambda owner: owner is None or owner == region.code  # noqa: E731
        other_findings = {x.code for x in d.findings if not mine(x.region)}
        other_recs = {x.code for x in d.recommendations if not mine(x.region)}
        findings = [x for x in d.findings if mine(x.region)]
        recs = [x for x in d.recommendations if mine(x.region)]
        links = {r.code: [c for c in r.findings if c not in other_findings] for r in recs}
        acts = [x for x in d.actions if mine(x.region) and x.recommendation not in other_recs]
        return findings, recs, links, acts

    def _group(self, region: Region) -> dict[str, Any]:
        """The regions this region is compared and ranked with (Scorecard.group): the same
        regions as its comparison charts, so the text names the group the charts show."""
        peers = self.card.group(region)
        return {"nama": region.parent or self.data.programme.region.name, "jumlah": len(peers),
                "jumlah_lain": len(peers) - 1, "sebutan": group_noun(peers, self.lang)}

    def _indicator(self, n: int, r: Result) -> dict[str, Any]:
        f, w = self.f, self.w
        ind = r.indicator
        dec = ind.decimals
        actual = f.number(r.actual, dec) if r.is_numeric else _text(r.actual)
        history = []
        for h in self.card.series(r.region.code, ind.code):
            history.append({
                "periode": h.period, "target": target_text(h.target, f, dec),
                "realisasi": f.number(h.actual, dec) if h.is_numeric else _text(h.actual),
                "capaian": f.percent(h.achievement), "predikat": h.band.label if h.band else MISSING,
            })
        dim = next((x.name for x in self.data.dimensions if x.code == ind.dimension), ind.dimension)
        return {
            "no": n, "kode": ind.code, "nama": ind.name, "dimensi": dim, "kode_dimensi": ind.dimension,
            "satuan": ind.unit or MISSING, "polaritas": ind.polarity.label(self.lang),  # type: ignore[union-attr]
            "target": target_text(r.target, f, dec), "realisasi": actual,
            "capaian": f.percent(r.achievement),
            "predikat": r.band.label if r.band else MISSING,
            "warna": tint(r.band.color) if r.band else "FFFFFF",
            "tercapai": {True: w["met"], False: w["not_met"], None: MISSING}[r.met],
            "tercapai_ya": bool(r.met),
            "baseline": f.number(ind.baseline, dec), "tahun_baseline": _text(ind.baseline_year),
            "baseline_teks": (f"{f.number(ind.baseline, dec)} ({ind.baseline_year})" if ind.baseline is not None
                              and ind.baseline_year else f.number(ind.baseline, dec)),
            "ada_pembanding": r.previous is not None,
            "ada_catatan": bool(r.flags),
            "selisih_baseline": f.signed(r.change_baseline, dec),
            "periode_lalu": _text(r.previous_period),
            "realisasi_lalu": f.number(r.previous, dec),
            "selisih_lalu": f.signed(r.change_previous, dec),
            "tren": w.get(r.trend, MISSING) if r.trend else MISSING,
            "peringkat": (f"{r.group_rank} {w['of']} {r.group_rank_of}"
                          if r.group_rank and r.group_rank_of > 1 else MISSING),
            "sumber": ind.source or MISSING, "metode": ind.method or MISSING,
            "status_data": r.status.label(self.lang) if r.status else MISSING,
            "catatan": "; ".join(fl.label(self.lang) for fl in r.flags) or MISSING,
            "realisasi_angka": r.actual if r.is_numeric else None,
            "capaian_angka": float(r.achievement) if r.achievement is not None else None,
            "riwayat": history,
        }

    def _summary_sentences(self, region: Region, results: list[Result], dims: list[dict]) -> list[str]:
        """A few plain sentences for the executive summary, from the numbers alone."""
        if self.lang != "id":
            return []
        f = self.f
        out = []
        met = [r for r in results if r.met]
        missed = [r for r in results if r.met is False]
        out.append(
            f"Pada periode {self.card.current_period}, {len(met)} dari {len(results)} indikator di "
            f"{region.name} mencapai target, {len(missed)} indikator belum mencapai target.")
        ranked = sorted((d for d in dims if d["rata_capaian"] != MISSING),
                        key=lambda d: -float(d["rata_capaian"].rstrip("%").replace(".", "").replace(",", ".")))
        if ranked:
            best, worst = ranked[0], ranked[-1]
            out.append(f"Capaian rata-rata tertinggi pada dimensi {best['nama']} ({best['rata_capaian']}, "
                       f"{best['predikat']}), terendah pada dimensi {worst['nama']} "
                       f"({worst['rata_capaian']}, {worst['predikat']}).")
        if missed:
            names = "; ".join(f"{r.indicator.name} ({f.number(r.actual, r.indicator.decimals)} "
                              f"terhadap target {target_text(r.target, f, r.indicator.decimals)})"
                              for r in missed[:4])
            out.append(f"Indikator yang belum mencapai target: {names}.")
        flagged = [r for r in results if r.flags]
        if flagged:
            out.append("Catatan data: " + "; ".join(
                f"{r.indicator.code} {', '.join(fl.label('id') for fl in r.flags)}" for r in flagged[:5]) + ".")
        return out

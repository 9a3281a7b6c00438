"""The regional summary (ringkasan-wilayah.docx): how the regions compare.

Ranks the regions per indicator and per dimension, shows each region's band per dimension as a
colour table, charts the distribution of regions across bands, and lists the regions that missed
each target. Its context shares ``program``, ``dokumen``, ``kop``, ``penandatangan``, ``predikat``
and ``asal_data`` with the other documents (see :data:`SUMMARY_SCHEMA`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..scoring.scorecard import target_text
from .region import MISSING, ContextBuilder, tint
from .schema import SHARED_PARTS
from ..errors import Lang
from ..charts.figures import FigureMaker
from ..scoring.scorecard import Scorecard, competition, round2

def build_summary(card: Scorecard, lang: Lang = "id", figures: FigureMaker | None = None) -> dict[str, Any]:
    """The context of the regional summary."""
    base = ContextBuilder(card, lang)
    f = base.f
    data = card.dataset
    common = base.common
    ctx = {k: common[k] for k in SHARED_PARTS}
    rows = []
    for reg in data.regions:
        results = card.select(reg.code)
        scored = [r.achievement for r in results if r.achievement is not None]
        mean = round2(sum(scored, Decimal(0)) / len(scored)) if scored else None
        band = card.scheme.classify(float(mean)) if mean is not None else None
        dims = [{"kode": s.dimension.code, "rata_capaian": f.percent(s.mean_achievement),
                 "predikat": s.band.label if s.band else MISSING,
                 "warna": tint(s.band.color) if s.band else "FFFFFF"}
                for s in card.dimensions(reg.code)]
        rows.append({"kode": reg.code, "nama": reg.name, "_mean": mean,
                     "rata_capaian": f.percent(mean), "predikat": band.label if band else MISSING,
                     "warna": tint(band.color) if band else "FFFFFF",
                     "jumlah_tercapai": sum(1 for r in results if r.met),
                     "jumlah_indikator": len(results), "dimensi": dims})
    rows.sort(key=lambda r: (r["_mean"] is None, -(r["_mean"] or 0), r["nama"]))
    # Competition ranking (1, 2, 2, 4) as per indicator: the mean is rounded to the two decimals
    # printed, so regions showing the same average share a rank; a region without one has none.
    for r, (rank, _) in zip(rows, competition([r["_mean"] for r in rows])):
        r["peringkat"] = MISSING if rank is None else rank
        del r["_mean"]
    words = base.w
    per_ind = []
    for ind in data.reported_indicators:
        ranked = card.ranking(ind.code)
        missed = [r.region.name for r in ranked if r.met is False]
        per_ind.append({
            "kode": ind.code, "nama": ind.name, "satuan": ind.unit or MISSING,
            "target": _targets(ranked, f, ind.decimals),
            "jumlah_tidak_tercapai": len(missed), "tidak_tercapai": ", ".join(missed) or MISSING,
            "baris": [{
                "peringkat": str(r.rank) if r.rank else MISSING, "wilayah": r.region.name,
                "target": target_text(r.target, f, ind.decimals),
                "realisasi": f.number(r.actual, ind.decimals) if r.is_numeric else (r.actual or MISSING),
                "capaian": f.percent(r.achievement), "predikat": r.band.label if r.band else MISSING,
                "warna": tint(r.band.color) if r.band else "FFFFFF",
                "tercapai": {True: words["met"], False: words["not_met"], None: MISSING}[r.met],
            } for r in ranked],
        })
    counts = {b.label: 0 for b in card.scheme.bands}
    for r in rows:
        if r["predikat"] in counts:
            counts[r["predikat"]] += 1
    figures = figures or FigureMaker(card, lang)
    sebaran = figures.distribution([(b.label, b.color, counts[b.label]) for b in card.scheme.bands])
    ctx.update({
        "jumlah_wilayah": len(rows),
        "dimensi_kolom": [{"kode": d.code, "nama": d.name} for d in data.dimensions],
        "wilayah_peringkat": rows,
        "indikator_peringkat": per_ind,
        "grafik": {"sebaran": sebaran, "perbandingan": figures.comparison_all(),
                   "sumber": {"sebaran": sebaran.source}},
    })
    return ctx


def _targets(ranked: list, f, decimals: int, shown: int = 5) -> str:
    """An indicator's target across regions: the one most regions have, then the regions with
    their own ("≥ 70,00, kecuali Kota Surabaya ≥ 75,00"), at most ``shown`` of them by name."""
    if not ranked:
        return MISSING
    texts = [target_text(r.target, f, decimals) for r in ranked]
    common = max(dict.fromkeys(texts), key=texts.count)  # ties: the first seen
    own = [f"{r.region.name} {t}" for r, t in zip(ranked, texts) if t != common]
    if not own:
        return common
    if len(own) <= shown:
        return f"{common}, kecuali {_and(own)}"
    return (f"{common}, kecuali {len(own)} wilayah dengan target sendiri, antara lain "
            f"{_and(own[:shown])}")


def _and(items: list[str]) -> str:
    """'A', 'A dan B', 'A, B dan C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"

"""The regional summary (ringkasan-wilayah.docx): how the regions compare.

Ranks the regions per indicator and per dimension, shows each region's band per dimension as a
colour table, charts the distribution of regions across bands, and lists the regions that missed
each target. Its context shares ``program``, ``dokumen``, ``kop``, ``penandatangan``, ``predikat``
and ``asal_data`` with the other documents (see :data:`SUMMARY_SCHEMA`).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from . import charts
from .context import MISSING, SCHEMA, ContextBuilder, Var, _v, target_text, tint
from .convert import to_pdf
from .errors import Lang
from .figures import FigureMaker
from .model import Dataset
from .output import write_bytes
from .rendering import Properties, environment, load_template
from .rendering import render as render_docx
from .scoring import Scorecard, competition, round2, score

_SHARED = ("program", "dokumen", "kop", "penandatangan", "predikat", "skema_predikat", "asal_data")

SUMMARY_SCHEMA: tuple[Var, ...] = tuple(v for v in SCHEMA if v.name in _SHARED) + (
    _v("jumlah_wilayah", "angka", "Jumlah wilayah yang dibandingkan"),
    _v("dimensi_kolom", "daftar", "Dimensi, untuk judul kolom tabel warna",
       _v("kode", "teks", "Kode dimensi"), _v("nama", "teks", "Nama dimensi")),
    _v("wilayah_peringkat", "daftar", "Wilayah berperingkat menurut rata-rata capaian",
       _v("peringkat", "angka", "Peringkat di antara semua wilayah (sama untuk rata-rata yang sama: "
          "1, 2, 2, 4; – bila tanpa capaian)"),
       _v("kode", "teks", "Kode wilayah"),
       _v("nama", "teks", "Nama wilayah"),
       _v("rata_capaian", "teks", "Rata-rata capaian semua indikator"),
       _v("predikat", "teks", "Predikat rata-rata"),
       _v("warna", "teks", "Warna predikat (RRGGBB)"),
       _v("jumlah_tercapai", "angka", "Jumlah indikator tercapai"),
       _v("jumlah_indikator", "angka", "Jumlah indikator"),
       _v("dimensi", "daftar", "Predikat per dimensi, urut seperti dimensi_kolom",
          _v("kode", "teks", "Kode dimensi"), _v("rata_capaian", "teks", "Rata-rata capaian"),
          _v("predikat", "teks", "Predikat"), _v("warna", "teks", "Warna (RRGGBB)"))),
    _v("indikator_peringkat", "daftar", "Per indikator: wilayah berperingkat",
       _v("kode", "teks", "Kode indikator"), _v("nama", "teks", "Nama indikator"),
       _v("satuan", "teks", "Satuan"),
       _v("target", "teks", "Target: yang berlaku bagi kebanyakan wilayah, lalu wilayah dengan "
          "target sendiri, mis. ≥ 70,00, kecuali Kota Surabaya ≥ 75,00"),
       _v("jumlah_tidak_tercapai", "angka", "Jumlah wilayah yang tidak mencapai target"),
       _v("tidak_tercapai", "teks", "Nama wilayah yang tidak mencapai target, dipisah koma"),
       _v("baris", "daftar", "Wilayah berperingkat",
          _v("peringkat", "teks", "Peringkat"), _v("wilayah", "teks", "Nama wilayah"),
          _v("target", "teks", "Target wilayah ini"),
          _v("realisasi", "teks", "Realisasi"), _v("capaian", "teks", "Capaian"),
          _v("predikat", "teks", "Predikat"), _v("warna", "teks", "Warna (RRGGBB)"),
          _v("tercapai", "teks", "Tercapai / Tidak tercapai"))),
    _v("grafik", "bagian", "Grafik (gambar)",
       _v("sebaran", "gambar", "Sebaran wilayah menurut predikat rata-rata capaian"),
       _v("perbandingan", "daftar", "Perbandingan capaian antarwilayah per indikator, per dimensi: "
          "dua atau empat indikator per gambar",
          _v("dimensi", "teks", "Nama dimensi"), _v("gambar", "gambar", "Gambar perbandingan"))),
)


def build_summary(card: Scorecard, lang: Lang = "id", figures: FigureMaker | None = None) -> dict[str, Any]:
    """The context of the regional summary."""
    base = ContextBuilder(card, lang)
    f = base.f
    data = card.dataset
    common = base.common
    ctx = {k: common[k] for k in _SHARED}
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
    sebaran = charts.distribution_chart(
        [(b.label, b.color, counts[b.label]) for b in card.scheme.bands],
        title=f"Sebaran wilayah menurut predikat rata-rata capaian, {card.current_period}",
        show_title=False)
    ctx.update({
        "jumlah_wilayah": len(rows),
        "dimensi_kolom": [{"kode": d.code, "nama": d.name} for d in data.dimensions],
        "wilayah_peringkat": rows,
        "indikator_peringkat": per_ind,
        "grafik": {"sebaran": sebaran, "perbandingan": figures.comparison_all()},
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


def render_summary(data: Dataset, out_dir: str | Path, template: str | Path | None = None,
                   lang: Lang = "id", pdf: bool = False) -> Path:
    """Write ``out_dir/ringkasan-wilayah.docx`` (and its PDF); returns the .docx path."""
    card = score(data)
    tpl = load_template(template or "ringkasan-wilayah")
    ctx = build_summary(card, lang)
    props = Properties(title=f"Ringkasan Perbandingan Antarwilayah {data.programme.name} "
                             f"{data.programme.current_period}",
                       author=data.document.letterhead.agency, subject=data.programme.name,
                       comments=f"Data: {data.source_name} (SHA-256 {data.source_sha256})",
                       date=data.document.date)
    blob = render_docx(tpl, ctx, props, environment(lang))
    path = write_bytes(Path(out_dir) / "ringkasan-wilayah.docx", blob)
    if pdf:
        to_pdf([path])
    return path

"""Disaggregated results in the template context: per indicator a table of categories with
their achievement against the same target, the gap between categories, and a sentence for the
findings' context when the gap is larger than the breakdown's threshold; in the regional
summary, the gap by region.

Every figure is the region's own and formatted in one place (:mod:`evalreport.i18n.formatting`).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..data.model import Indicator, Region
from ..i18n.formatting import MISSING, Formatter
from ..i18n.messages import Message, _, verbatim
from ..scoring.disaggregation import Breakdown, CategoryResult, Gap
from ..scoring.scorecard import Scorecard


def gap_unit(ind: Indicator) -> Message:
    """What a gap is counted in: points for a percentage, else the indicator's unit."""
    if ind.is_percent:
        return _("points")
    return verbatim(ind.unit) if ind.unit.strip() else _("points")


def gap_text(gap: Gap, ind: Indicator, f: Formatter) -> Message:
    """'selisih perempuan - laki-laki −11,30 poin'."""
    return _("gap {first} - {second} {value} {unit}", first=gap.first.category,
             second=gap.second.category, value=f.signed(gap.value, ind.decimals), unit=gap_unit(ind))


def value_text(c: CategoryResult, ind: Indicator, f: Formatter) -> str:
    if c.actual is None:
        return MISSING
    return f.number(c.actual, ind.decimals) if c.is_numeric else str(c.actual)


def with_unit(c: CategoryResult, ind: Indicator, f: Formatter) -> str:
    """A category's value as a sentence writes it: '42,10%', '3,90 kasus/10.000 penduduk'."""
    if not c.is_numeric:
        return value_text(c, ind, f)
    if ind.is_percent:
        return f.percent(c.actual, ind.decimals)
    return f"{f.number(c.actual, ind.decimals)} {ind.unit}".strip()


def gap_sentence(b: Breakdown, ind: Indicator, region: Region, f: Formatter) -> Message | None:
    """The findings' context on a gap above the threshold, or None."""
    gap = b.gap
    if gap is None or not gap.exceeds:
        return None
    return _("{indicator} in {region}: {first} {first_value} against {second} {second_value}, a gap "
             "of {gap} {unit}, more than the threshold of {threshold} {unit} set for '{name}'.",
             indicator=ind.name, region=region.name, first=gap.first.category,
             first_value=with_unit(gap.first, ind, f), second=gap.second.category,
             second_value=with_unit(gap.second, ind, f), gap=f.signed(gap.value, ind.decimals),
             unit=gap_unit(ind), threshold=f.number(b.disaggregation.gap_threshold, ind.decimals),
             name=b.disaggregation.name)


def breakdowns(card: Scorecard, region: Region, ind: Indicator, f: Formatter, lang: str,
               tint: Callable[[str], str]) -> list[dict[str, Any]]:
    """``indikator[].terpilah``: each breakdown of the indicator in the current period
    (``tint`` lightens a band colour for a table cell)."""
    out = []
    for b in card.disaggregated(region.code, ind.code):
        gap = b.gap
        met = {True: _("Met"), False: _("Not met"), None: _("not yet assessable")}
        rows = [{
            "nama": c.category,
            "realisasi": value_text(c, ind, f),
            "capaian": f.percent(c.achievement),
            "predikat": c.band.name(lang) if c.band else MISSING,
            "warna": tint(c.band.color) if c.band else "FFFFFF",
            "tercapai": met[c.met].render(lang),
            "status_data": c.status.label(lang) if c.status else MISSING,
        } for c in b.categories]
        sentence = gap_sentence(b, ind, region, f)
        out.append({
            "nama": b.disaggregation.name,
            "kategori": rows,
            "selisih": gap_text(gap, ind, f).render(lang) if gap else "",
            "selisih_angka": gap.value if gap else None,
            "melebihi_batas": bool(gap and gap.exceeds),
            "batas_selisih": f"{f.number(b.disaggregation.gap_threshold, ind.decimals)} "
                             f"{gap_unit(ind).render(lang)}",
            "kalimat": sentence.render(lang) if sentence else "",
        })
    return out


def region_gaps(card: Scorecard, regions: list[Region], f: Formatter, lang: str) -> list[dict[str, Any]]:
    """``terpilah`` of the regional summary: per indicator and breakdown, each region's
    categories and gap in the current period, regions in data order."""
    out: list[dict[str, Any]] = []
    for ind in card.dataset.reported_indicators:
        names: dict[str, list[tuple[Region, Breakdown]]] = {}
        for region in regions:
            for b in card.disaggregated(region.code, ind.code):
                names.setdefault(b.disaggregation.name, []).append((region, b))
        for name, found in names.items():
            rows = []
            for region, b in found:
                gap = b.gap
                rows.append({
                    "wilayah": region.name,
                    "nilai": "; ".join(f"{c.category} {value_text(c, ind, f)}" for c in b.categories),
                    "selisih": gap_text(gap, ind, f).render(lang) if gap else MISSING,
                    "melebihi_batas": bool(gap and gap.exceeds),
                })
            threshold = found[0][1].disaggregation.gap_threshold
            out.append({"kode": ind.code, "indikator": ind.name, "nama": name,
                        "satuan": ind.unit or MISSING, "wilayah": rows,
                        "batas_selisih": f"{f.number(threshold, ind.decimals)} {gap_unit(ind).render(lang)}",
                        "jumlah_melebihi": sum(1 for r in rows if r["melebihi_batas"])})
    return out

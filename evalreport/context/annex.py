"""The data annex (Lampiran data) of a region's report: what the evaluator entered, so that a
reviewer can trace every figure to its source and recompute every rate by hand.

``lampiran_data`` holds every observation of the region per period (headline values and
categories, with their status and note), the source and method of each indicator they concern,
and for each derived indicator its numerator, denominator and scale per period. A value prints
with as many decimals as it was written with (never fewer than the indicator's), so that the
numerator / denominator × scale a reviewer works out equals the value the report shows.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..data.disaggregation import category_of
from ..data.model import Indicator, Region
from ..i18n.formatting import MISSING, Formatter
from ..i18n.messages import _
from ..scoring.scorecard import Scorecard


def _as_written(value: Any, ind: Indicator, f: Formatter) -> str:
    """A number with the decimals it was written with (at least the indicator's, at most 6)."""
    if value is None:
        return MISSING
    if not isinstance(value, float):
        return str(value)
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f.number(value, min(max(written, ind.decimals), 6))


def data_annex(card: Scorecard, region: Region, f: Formatter, lang: str) -> dict[str, Any]:
    """``lampiran_data`` for one region."""
    data = card.dataset
    order = {i.code: n for n, i in enumerate(data.indicators)}
    periods = {p: n for n, p in enumerate(data.programme.periods)}
    by_code = {i.code: i for i in data.indicators}
    breakdowns = card.declared
    cat_order = {f"{b.name}: {c}": (n, m) for n, b in enumerate(breakdowns)
                 for m, c in enumerate(b.categories)}
    mine = [o for o in card.observations(region.code) if o.indicator in by_code]

    def key(o):  # indicator, period, headline first, then categories as declared
        cat = category_of(breakdowns, o.disaggregation) if o.disaggregation else None
        return (order[o.indicator], periods.get(o.period, len(periods)),
                (-1, -1) if cat is None else cat_order.get(cat.label, (99, 99)))

    overall = _("overall").render(lang)
    values = []
    for n, o in enumerate(sorted(mine, key=key), start=1):
        ind = by_code[o.indicator]
        cat = category_of(breakdowns, o.disaggregation) if o.disaggregation else None
        values.append({
            "no": n, "kode": o.indicator, "periode": o.period,
            "kategori": cat.label if cat else (o.disaggregation or overall),
            "nilai": _as_written(o.value, ind, f), "satuan": ind.unit or MISSING,
            "status": o.status.label(lang) if o.status else MISSING,
            "catatan": o.note or MISSING,
        })
    used = {o.indicator for o in mine}
    headline = {(o.indicator, o.period): o.value for o in mine if o.disaggregation is None}
    derived = []
    for ind in data.indicators:
        fo = ind.formula
        if fo is None:
            continue
        for period in data.programme.periods:
            if (ind.code, period) in headline:
                continue  # written directly, not computed
            r = card.get(region.code, period, ind.code)
            num, den = headline.get((fo.numerator, period)), headline.get((fo.denominator, period))
            if r is None or not isinstance(r.actual, float) or not isinstance(num, float) \
                    or not isinstance(den, float):
                continue
            derived.append({
                "kode": ind.code, "nama": ind.name, "periode": period,
                "kode_pembilang": fo.numerator, "pembilang": _as_written(num, by_code[fo.numerator], f),
                "kode_penyebut": fo.denominator, "penyebut": _as_written(den, by_code[fo.denominator], f),
                "pengali": _as_written(fo.scale, ind, f) if fo.scale != int(fo.scale)
                else f.number(fo.scale, 0),
                "hasil": f.number(r.actual, ind.decimals), "desimal": ind.decimals,
                "satuan": ind.unit or MISSING,
            })
            used.add(ind.code)
    sources = [{"kode": i.code, "nama": i.name, "satuan": i.unit or MISSING,
                "sumber": i.source or MISSING, "metode": i.method or MISSING,
                "dilaporkan": i.reported}
               for i in data.indicators if i.code in used]
    return {"ada": bool(values), "indikator": sources, "nilai": values, "turunan": derived,
            "jumlah_nilai": len(values)}

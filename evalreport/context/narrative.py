"""The sentences a document writes on its own, from one region's results.

Each sentence is a catalogue message (an English msgid with named parameters, translated in
``evalreport.po``) built from the region's own scored results and aggregates, never from the
province's: how many targets were met, the capped mean beside that count, which targets were
missed (every one, or "and N more"), the weakest and strongest dimension, the trend since the
last period, and what could not be assessed. The executive summary states the facts
(:func:`summary_sentences`); the conclusions say what they mean (:func:`conclusions`), in other
words, so that no sentence is printed twice.

Nothing here calls a programme effective: a conclusion says how many targets were met and
missed and where the gaps are.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..data.model import Dimension, Region
from ..i18n.formatting import Formatter
from ..i18n.messages import Message, _, listing, n_, verbatim
from ..scoring.aggregate import Aggregate, top_band_miss
from ..scoring.scorecard import Result, target_text

# How many items a sentence names before it says "and N more".
MISSED_SHOWN = 8
NOTES_SHOWN = 5


def met_count(agg: Aggregate) -> Message:
    """'5 of 11 targets met' (id: '5 dari 11 target tercapai'), with what could not be assessed:
    the count every headline predicate stands beside."""
    if agg.indicators == 1:
        return _("target met") if agg.met else _("target not met") if agg.not_met else _(
            "not yet assessable")
    text = n_("{met} of {total} target met", "{met} of {total} targets met", agg.indicators,
              met=agg.met, total=agg.indicators)
    if agg.unassessed:
        return _("{count}, {n} not yet assessable", count=text, n=agg.unassessed)
    return text


def band_with_count(agg: Aggregate) -> Message:
    """'Tinggi (5 of 11 targets met)': a predicate never printed without its count."""
    if agg.band is None:
        return _("not yet assessable")
    return _("{band} ({count})", band=verbatim(agg.band.label), count=met_count(agg))


def indicator_band(r: Result) -> Message | None:
    """An indicator's predicate; a missed target in the top band is marked as not met."""
    if r.band is None:
        return None
    if top_band_miss(r):
        return _("{band} (target not met)", band=verbatim(r.band.label))
    return verbatim(r.band.label)


def _value(r: Result, f: Formatter) -> str:
    return f.number(r.actual, r.indicator.decimals) if r.is_numeric else str(r.actual)


def _missed_item(r: Result, f: Formatter) -> Message:
    return _("{name} ({actual} against {target})", name=verbatim(r.indicator.name),
             actual=_value(r, f), target=target_text(r.target, f, r.indicator.decimals))


def _reasons(r: Result, lang: str) -> str:
    return ", ".join(fl.label(lang) for fl in r.flags)


@dataclass
class RegionFacts:
    """What the sentences of one region are made from."""

    region: Region
    period: str
    results: list[Result]
    total: Aggregate
    dimensions: list[tuple[Dimension, Aggregate]]
    cap: float | None


def summary_sentences(x: RegionFacts, f: Formatter) -> list[Message]:
    """The executive summary: targets met and missed, the headline mean with its count, every
    missed target (or "and N more"), what could not be assessed, and data notes."""
    t = x.total
    out: list[Message] = []
    name = verbatim(x.region.name)
    judged = t.met + t.not_met
    if judged == 0:
        out.append(_("In {period}, none of the {total} targets of {region} can be assessed yet: "
                     "no actual value or no target is available.", period=x.period,
                     total=t.indicators, region=name))
    elif t.not_met == 0 and t.unassessed == 0:
        out.append(_("In {period}, all {total} targets of {region} were met.", period=x.period,
                     total=t.indicators, region=name))
    else:
        out.append(_("In {period}, {met} of the {total} targets of {region} were met and {missed} "
                     "were not.", period=x.period, met=t.met, total=t.indicators, region=name,
                     missed=t.not_met))
    if t.mean is not None:
        cap = f.percent(x.cap, 0) if x.cap is not None else None
        args = dict(n=t.assessed, mean=f.percent(t.mean), band=band_with_count(t))
        if cap:
            out.append(_("The mean achievement of the {n} indicators assessed, each capped at "
                         "{cap} before averaging, is {mean}: {band}.", cap=cap, **args))
        else:
            out.append(_("The mean achievement of the {n} indicators assessed is {mean}: {band}.",
                         **args))
    missed = [r for r in x.results if r.met is False]
    if missed:
        out.append(_("Targets not met: {items}.",
                     items=listing([_missed_item(r, f) for r in missed], MISSED_SHOWN, "; ")))
    unassessed = [r for r in x.results if r.met is None]
    if unassessed:
        # (built apart: Babel's extractor misreads an n_() that holds a _() call)
        items = listing([_("{name} ({reasons})", name=verbatim(r.indicator.name),
                           reasons=_Reasons(r)) for r in unassessed], MISSED_SHOWN, "; ")
        out.append(n_("{n} indicator cannot be assessed yet: {items}.",
                      "{n} indicators cannot be assessed yet: {items}.", len(unassessed),
                      n=len(unassessed), items=items))
    noted = [r for r in x.results if r.flags and r.met is not None]
    if noted:
        out.append(_("Data notes: {items}.", items=listing(
            [_("{code} {reasons}", code=r.indicator.code, reasons=_Reasons(r)) for r in noted],
            NOTES_SHOWN, "; ")))
    return out


class _Reasons(Message):
    """A result's data flags in the reader's language."""

    def __init__(self, r: Result):
        super().__init__("", (("result", r),))

    def render(self, lang: str = "id") -> str:
        return _reasons(self.params[0][1], lang)


def _strength(agg: Aggregate) -> tuple:
    """Weakest first: the share of targets met, then the capped mean."""
    return (agg.met_share if agg.met_share is not None else 2.0, agg.mean or Decimal(0))


def _dimension_group(dims: list[tuple[Dimension, Aggregate]], f: Formatter) -> Message:
    """One dimension with its count and mean, or several that tie, named together (the
    strongest of a region is then not one picked among equals)."""
    if len(dims) == 1:
        d, a = dims[0]
        return _("the {dim} dimension ({count}, mean achievement {mean})", dim=verbatim(d.name),
                 count=met_count(a), mean=f.percent(a.mean))
    return _("the {dims} dimensions (each with a mean achievement of {mean})",
             dims=listing([verbatim(d.name) for d, _a in dims]), mean=f.percent(dims[0][1].mean))


def _dim_args(dim: Dimension, agg: Aggregate, f: Formatter, prefix: str) -> dict:
    return {prefix: verbatim(dim.name), f"{prefix}_count": met_count(agg),
            f"{prefix}_mean": f.percent(agg.mean)}


def conclusions(x: RegionFacts, f: Formatter) -> list[Message]:
    """What the results mean for the region: whether its targets were reached (never "effective"
    when any was missed), the weakest and strongest dimension (one dimension: said once), the
    trend since the previous period, and the gaps in the data."""
    t = x.total
    name = verbatim(x.region.name)
    judged = t.met + t.not_met
    out: list[Message] = []
    if judged == 0:
        out.append(_("The results of the programme in {region} cannot be concluded yet, as no "
                     "target can be assessed.", region=name))
    elif t.not_met == 0:
        out.append(_("The programme in {region} reached every target that could be assessed in "
                     "{period}.", region=name, period=x.period))
    elif t.met == 0:
        out.append(_("The programme in {region} reached none of the {n} targets that could be "
                     "assessed in {period}; every one of them needs follow-up.", region=name,
                     n=judged, period=x.period))
    else:
        out.append(_("The programme in {region} has not yet reached all its intended results: "
                     "{missed} of the {n} targets that could be assessed were missed and need "
                     "follow-up.", region=name, missed=t.not_met, n=judged))

    dims = [(d, a) for d, a in x.dimensions if a.mean is not None]
    if len(dims) == 1:
        d, a = dims[0]
        out.append(_("All assessed indicators belong to one dimension, {dim}: {dim_count}, mean "
                     "achievement {dim_mean}.", **_dim_args(d, a, f, "dim")))
    elif len(dims) > 1:
        weakest = min(_strength(a) for _, a in dims)
        strongest = max(_strength(a) for _, a in dims)
        if weakest == strongest:
            out.append(_("The {n} dimensions reach the same result, each with a mean achievement "
                         "of {mean}.", n=len(dims), mean=f.percent(dims[0][1].mean)))
        else:
            out.append(_("The weakest result is in {weak}; the strongest in {strong}.",
                         weak=_dimension_group([da for da in dims if _strength(da[1]) == weakest], f),
                         strong=_dimension_group([da for da in dims if _strength(da[1]) == strongest],
                                                 f)))

    compared = [r for r in x.results if r.trend is not None]
    if compared:
        better = [r for r in compared if r.trend == "better"]
        worse = [r for r in compared if r.trend == "worse"]
        previous = compared[0].previous_period
        if worse:
            out.append(n_(
                "Compared with {previous}, {better} of the {n} indicator compared improved and "
                "{worse} worsened: {items}.",
                "Compared with {previous}, {better} of the {n} indicators compared improved and "
                "{worse} worsened: {items}.", len(compared), previous=previous, n=len(compared),
                better=len(better), worse=len(worse),
                items=listing([verbatim(r.indicator.name) for r in worse], MISSED_SHOWN)))
        else:
            out.append(n_(
                "Compared with {previous}, {better} of the {n} indicator compared improved and "
                "none worsened.",
                "Compared with {previous}, {better} of the {n} indicators compared improved and "
                "none worsened.", len(compared), previous=previous, n=len(compared),
                better=len(better)))

    unassessed = [r for r in x.results if r.met is None]
    if unassessed:
        out.append(_("Conclusions on {items} wait for their data.", items=listing(
            [verbatim(r.indicator.name) for r in unassessed], MISSED_SHOWN)))
    provisional = [r for r in x.results if r.met is not None and any(
        fl.value in ("provisional", "estimate") for fl in r.flags)]
    if provisional:
        out.append(_("The values of {items} are not final yet and may change after "
                     "verification.", items=listing(
                         [verbatim(r.indicator.name) for r in provisional], MISSED_SHOWN)))
    return out


def letter_results(x: RegionFacts, f: Formatter) -> list[Message]:
    """What a letter reports of the results: targets met and missed, then the mean and its
    predicate in a short sentence (the report explains the cap; a letter stays on one page)."""
    out = summary_sentences(x, f)[:1]
    if x.total.mean is not None and x.total.band is not None:
        out.append(_("The mean achievement is {mean}, predicate {band}.",
                     mean=f.percent(x.total.mean), band=verbatim(x.total.band.label)))
    return out


def dimension_sentence(dim: Dimension, agg: Aggregate, f: Formatter) -> Message:
    """One dimension in a sentence: its indicators, mean and predicate with the count of targets
    met beside it, or that it cannot be assessed yet."""
    if agg.mean is None:
        return n_("The {dim} dimension is measured by {n} indicator, which cannot be assessed "
                  "yet: no actual value or no target is available.",
                  "The {dim} dimension is measured by {n} indicators, which cannot be assessed "
                  "yet: no actual value or no target is available.", agg.indicators,
                  dim=verbatim(dim.name), n=agg.indicators)
    if agg.indicators == 1:  # the indicator's own achievement, as its line below prints it
        return _("The {dim} dimension is measured by one indicator; its achievement is {mean}, "
                 "predicate {band}.", dim=verbatim(dim.name), mean=f.percent(agg.mean_uncapped),
                 band=band_with_count(agg))
    if agg.cap is not None and agg.mean != agg.mean_uncapped:  # say why it differs from the lines
        return _("The {dim} dimension is measured by {n} indicators; their mean achievement, each "
                 "capped at {cap}, is {mean}, predicate {band}.", dim=verbatim(dim.name),
                 n=agg.indicators, cap=f.percent(agg.cap, 0), mean=f.percent(agg.mean),
                 band=band_with_count(agg))
    return _("The {dim} dimension is measured by {n} indicators; their mean achievement is "
             "{mean}, predicate {band}.", dim=verbatim(dim.name), n=agg.indicators,
             mean=f.percent(agg.mean), band=band_with_count(agg))


def indicator_sentence(r: Result, f: Formatter) -> Message:
    """One indicator's result: value against target, whether the target was met, and the
    achievement with its predicate, saying "although" when a missed target sits in the top
    band; or that it cannot be assessed yet, and why."""
    if r.met is None:
        reasons = _Reasons(r)
        if r.actual is None:
            return _("no actual value yet; cannot be assessed ({reasons}).", reasons=reasons)
        return _("actual {actual}; cannot be assessed ({reasons}).", actual=_value(r, f),
                 reasons=reasons)
    args = dict(actual=_value(r, f), target=target_text(r.target, f, r.indicator.decimals),
                achievement=f.percent(r.achievement), band=r.band.label if r.band else "–")
    if r.met:
        return _("actual {actual} against a target of {target}: target met, achievement "
                 "{achievement} ({band}).", **args)
    if r.achievement is None:
        return _("actual {actual} against a target of {target}: target not met.", **args)
    if top_band_miss(r):
        return _("actual {actual} against a target of {target}: target not met, although the "
                 "achievement of {achievement} falls in the {band} band.", **args)
    return _("actual {actual} against a target of {target}: target not met, achievement "
             "{achievement} ({band}).", **args)


def rank_text(r: Result) -> Message | None:
    """A region's rank for one indicator among its comparison group, for a table: '2 of 8', or
    '1 of 8 (shared with 6 others)' when other regions have the same achievement."""
    if not r.group_rank or r.group_rank_of <= 1:
        return None
    text = _("{rank} of {of}", rank=r.group_rank, of=r.group_rank_of)
    if r.group_shared:
        return _("{text} (shared with {n} others)", text=text, n=r.group_shared)
    return text


def rank_sentence(r: Result, group_size: int, noun: str, where: str) -> Message | None:
    """The same rank in a sentence, saying when it is shared and when some regions of the
    group could not be ranked: 'Rank 3 of the 6 regencies/cities in Jawa Timur that can be
    assessed.'"""
    if not r.group_rank or r.group_rank_of <= 1:
        return None
    args = dict(rank=r.group_rank, of=r.group_rank_of, noun=noun, where=where)
    if r.group_rank_of < group_size:
        text = _("Rank {rank} of the {of} {noun} in {where} that can be assessed", **args)
    else:
        text = _("Rank {rank} of the {of} {noun} evaluated in {where}", **args)
    if r.group_shared:
        return _("{text}, shared with {n} others.", text=text, n=r.group_shared)
    return _("{text}.", text=text)

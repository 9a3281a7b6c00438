"""Disaggregated values (data terpilah): the breakdowns a dataset declares, which breakdown and
category an observation gives, and the checks that keep categories and headline together.

A breakdown is declared once (``disaggregations``: 'jenis kelamin' with 'perempuan' and
'laki-laki'); an observation names one of its categories as ``'jenis kelamin: perempuan'``.
A dataset that declares none still has its categories read, in the order they first appear,
with a warning to declare them (data written before declarations existed keep validating).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ..errors import Location, Problem
from ..i18n.messages import Message, _, listing, suggestion
from .model import Dataset, Disaggregation, Observation


@dataclass(frozen=True)
class Category:
    """Where one observation stands: its breakdown and category, as declared."""

    breakdown: Disaggregation
    category: str

    @property
    def label(self) -> str:
        """'jenis kelamin: perempuan', as an observation writes it."""
        return f"{self.breakdown.name}: {self.category}"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def split(text: str) -> tuple[str, str]:
    """'jenis kelamin: perempuan' -> ('jenis kelamin', 'perempuan'); text without a colon is a
    category of no named breakdown: ('', text)."""
    name, sep, category = text.partition(":")
    if not sep:
        return "", " ".join(text.split())
    return " ".join(name.split()), " ".join(category.split())


def declared(data: Dataset) -> list[Disaggregation]:
    """The dataset's breakdowns: as declared, or (when none is) read from the observations in
    the order their categories first appear."""
    if data.disaggregations:
        return list(data.disaggregations)
    found: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for o in data.observations:
        if o.disaggregation is None:
            continue
        name, category = split(o.disaggregation)
        cats = found.setdefault(_key(name), [])
        names.setdefault(_key(name), name)
        if category and _key(category) not in {_key(c) for c in cats}:
            cats.append(category)
    return [Disaggregation(name=names[k] or "kategori", categories=cats, additive=False, gap_threshold=5.0)
            for k, cats in found.items() if cats]


def category_of(breakdowns: list[Disaggregation], text: str) -> Category | None:
    """The declared breakdown and category an observation's text names (any case and
    spacing), or None when it names none."""
    name, category = split(text)
    for b in breakdowns:
        if _key(b.name) == _key(name) or (not name and len(breakdowns) == 1):
            for c in b.categories:
                if _key(c) == _key(category):
                    return Category(b, c)
    return None


class _Places(Message):
    """Places in the data file (rows of a workbook, lines of a YAML file), without the file."""

    def render(self, lang: str = "id") -> str:
        places = [replace(p, file="", path=None).describe(lang) for _k, p in self.params]
        return listing(places, 8, sep="; ").render(lang)


def places(locations: list[Location]) -> Message:
    """A list of places as one message parameter."""
    return _Places("", tuple(("place", p) for p in locations))


def check(data: Dataset, locate: Callable[[tuple], Location]) -> list[Problem]:
    """Every observation's breakdown and category is declared (an error, with "did you mean");
    a breakdown's categories add up to the headline value where they should (``additive``),
    and a rate's headline lies between its categories' values otherwise (warnings naming the
    rows)."""
    out: list[Problem] = []
    breakdowns = declared(data)
    if not data.disaggregations:
        first = next((n for n, o in enumerate(data.observations) if o.disaggregation), None)
        if first is not None:
            out.append(Problem(locate(("observations", first, "disaggregation")), _(
                "disaggregated values without declared breakdowns; declare each breakdown and its "
                "categories once (disaggregations, workbook sheet 'Disagregasi'), e.g. "
                "'jenis kelamin' with 'perempuan, laki-laki'"),
                severity="warning", code="disaggregation-undeclared"))
    seen: set[str] = set()
    for n, b in enumerate(data.disaggregations):
        if _key(b.name) in seen:
            out.append(Problem(locate(("disaggregations", n, "name")), _(
                "breakdown '{name}' is declared more than once", name=b.name),
                code="disaggregation-duplicate"))
        seen.add(_key(b.name))
        if len({_key(c) for c in b.categories}) < len(b.categories):
            out.append(Problem(locate(("disaggregations", n, "categories")), _(
                "breakdown '{name}' names a category twice", name=b.name),
                code="disaggregation-duplicate"))
    groups: dict[tuple[str, str, str, str], list[tuple[int, Observation, Category]]] = {}
    headline: dict[tuple[str, str, str], tuple[int, Observation]] = {}
    for n, o in enumerate(data.observations):
        if o.disaggregation is None:
            headline[(o.region, o.period, o.indicator)] = (n, o)
            continue
        cat = category_of(breakdowns, o.disaggregation)
        if cat is None:
            out.append(Problem(locate(("observations", n, "disaggregation")),
                               _unknown(breakdowns, o.disaggregation), code="disaggregation-unknown"))
            continue
        groups.setdefault((o.region, o.period, o.indicator, cat.breakdown.name), []).append((n, o, cat))
    decimals = {i.code: i.decimals for i in data.indicators}
    for (region, period, indicator, _name), rows in groups.items():
        b = rows[0][2].breakdown
        head = headline.get((region, period, indicator))
        values = [o.value for _n, o, _c in rows]
        if (head is None or not isinstance(head[1].value, float) or len(rows) < len(b.categories)
                or not all(isinstance(v, float) for v in values)):
            continue
        # each value was rounded to the indicator's decimals: so many half-units of slack
        unit = Decimal(1).scaleb(-decimals.get(indicator, 2)) / 2
        nums = [Decimal(repr(v)) for v in values]
        total = Decimal(repr(head[1].value))
        rows_at = places([locate(("observations", i)) for i, _o, _c in rows])
        if b.additive:
            if abs(sum(nums, Decimal(0)) - total) > unit * (len(nums) + 1):
                out.append(Problem(locate(("observations", head[0], "value")), _(
                    "the categories of '{name}' for {indicator}, {region}, {period} ({rows}) add up "
                    "to {sum}, not to the headline value {value}", name=b.name, indicator=indicator,
                    region=region, period=period, rows=rows_at, sum=_plain(sum(nums, Decimal(0))),
                    value=_plain(total)), severity="warning", code="disaggregation-sum"))
        elif not min(nums) - unit <= total <= max(nums) + unit:
            out.append(Problem(locate(("observations", head[0], "value")), _(
                "the headline value {value} of {indicator}, {region}, {period} lies outside the "
                "values of its categories of '{name}' ({rows}: {low} to {high}); a rate over all "
                "lies between its categories' rates", value=_plain(total), indicator=indicator,
                region=region, period=period, name=b.name, rows=rows_at, low=_plain(min(nums)),
                high=_plain(max(nums))), severity="warning", code="disaggregation-range"))
    return out


def _plain(d: Decimal) -> str:
    """A number as the data may write it, without trailing zeros: 3, 72.5."""
    return format(d.normalize(), "f")


def _unknown(breakdowns: list[Disaggregation], text: str) -> Message:
    name, category = split(text)
    names = [b.name for b in breakdowns]
    match = next((b for b in breakdowns if _key(b.name) == _key(name)), None)
    if match is None:
        if not names:
            return _("'{text}' names no breakdown; write it as 'breakdown: category', e.g. "
                     "'jenis kelamin: perempuan'", text=text)
        labels = [f"{b.name}: {c}" for b in breakdowns for c in b.categories]
        return _("unknown breakdown '{name}'{hint} (declared: {names})", name=name or text,
                 hint=suggestion(text, labels) or "", names=", ".join(names))
    return _("unknown category '{category}' of '{name}'{hint} (declared: {categories})",
             category=category, name=match.name,
             hint=suggestion(category, match.categories) or "",
             categories=", ".join(match.categories))

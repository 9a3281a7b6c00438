"""Validation: a plain dict into a :class:`Dataset`, or every problem with its place.

Two passes, both collecting rather than stopping: the field types (pydantic), then the
cross-references between tables (unknown or duplicate codes, periods outside the programme,
derived indicators whose inputs are missing, a missing logo file, ...).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, ValidationError

from ..errors import Location, Problem
from ..i18n.messages import Message, _, listing, suggestion, verbatim
from . import bands as band_presets
from . import disaggregation
from .model import Comparator, Dataset, Indicator, LetterDirection, letter_direction, letter_number
from .numbers import LARGEST, InvalidValue


class SourceMap(Protocol):
    file: str

    def locate(self, loc: tuple) -> Location: ...


_TYPE_TAGS = {"float", "str", "int", "bool", "enum", "decimal", "none", "list", "dict", "union",
              "function-before", "function-after", "function-wrap", "lax-or-strict", "json-or-python",
              "constrained-str", "is-instance", "date"}

# pydantic's error types, by the message that explains them
_KIND = {
    "float_parsing": "number", "float_type": "number", "int_parsing": "number", "int_type": "number",
    "decimal_parsing": "number", "decimal_type": "number", "int_from_float": "number",
    "finite_number": "number",
    "date_parsing": "date", "date_type": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "date_future": "date", "date_past": "date",
    "enum": "enum", "literal_error": "enum", "string_type": "string_type",
    "string_too_short": "too_short", "too_short": "too_short", "string_too_long": "too_long",
    "too_long": "too_long",
    "string_pattern_mismatch": "pattern",
    "greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt",
    "bool_parsing": "bool", "bool_type": "bool", "list_type": "list",
    "dict_type": "mapping", "model_type": "mapping", "model_attributes_type": "mapping",
    "extra_forbidden": "extra", "missing": "missing",
}


def _clean_loc(loc: tuple, raw: Any, missing: bool = False) -> tuple:
    """Drop pydantic's type tags ('float', 'function-before[...]') from an error location."""
    out: list = []
    node = raw
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out.append(part)
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
            continue
        if "[" in part or (part in _TYPE_TAGS and not (missing and i == len(loc) - 1)):
            continue
        out.append(part)
        node = None
    return tuple(out)


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_names(loc: tuple) -> list[str]:
    """Known keys at a location, to suggest the one a typo meant."""
    model: Any = Dataset
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return []
        ann = field.annotation
        args = getattr(ann, "__args__", ()) or ()
        cand = [a for a in (ann, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not cand:
            for a in args:
                cand += [b for b in getattr(a, "__args__", ()) if isinstance(b, type) and issubclass(b, BaseModel)]
        if not cand:
            return []
        model = cand[0]
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _choices(expected: str) -> Message | str:
    """pydantic's "'a', 'b' or 'c'" in the reader's language."""
    items = re.findall(r"'([^']*)'", expected)
    if len(items) < 2:
        return expected
    quoted = ["'" + i + "'" for i in items]
    return _("{items} or {last}", items=", ".join(quoted[:-1]), last=quoted[-1])


def _message(err: Mapping[str, Any], loc: tuple) -> Message:
    """The words for one pydantic error."""
    ctx = err.get("ctx") or {}
    if err["type"] == "value_error":
        error = ctx.get("error")
        if isinstance(error, InvalidValue):
            return error.message
        return verbatim(str(error or err["msg"]))
    kind = _KIND.get(err["type"])
    inp = _short(err.get("input"))
    if kind == "missing":
        return _("is required")
    if kind == "number":
        return _("must be a number, found '{input}'", input=inp)
    if kind == "date":
        return _("must be a date (e.g. 2026-01-15 or a date cell), found '{input}'", input=inp)
    if kind == "enum":
        return _("must be one of: {choices}; found '{input}'",
                 choices=_choices(str(ctx.get("expected", ""))), input=inp)
    if kind == "string_type":
        return _("must be text, found '{input}'", input=inp)
    if kind == "too_short":
        return _("must not be empty")
    if kind == "too_long":
        return _("is {length} characters long; it may hold at most {limit}",
                 length=ctx.get("actual_length", len(str(err.get("input", "")))),
                 limit=ctx.get("max_length", ""))
    if kind == "pattern":
        return _("has the wrong format, found '{input}'", input=inp)
    if kind == "ge":
        return _("must be at least {limit}, found '{input}'", limit=ctx.get("ge"), input=inp)
    if kind == "gt":
        return _("must be greater than {limit}, found '{input}'", limit=ctx.get("gt"), input=inp)
    if kind == "le":
        return _("must be at most {limit}, found '{input}'", limit=ctx.get("le"), input=inp)
    if kind == "lt":
        return _("must be less than {limit}, found '{input}'", limit=ctx.get("lt"), input=inp)
    if kind == "bool":
        return _("must be 'ya' or 'tidak', found '{input}'", input=inp)
    if kind == "list":
        return _("must be a list")
    if kind == "mapping":
        return _("must be a section of key: value pairs")
    if kind == "extra":
        key = str(loc[-1]) if loc else ""
        return _("unknown key '{key}'{hint}", key=key,
                 hint=suggestion(key, _field_names(loc)) or "")
    return verbatim(err["msg"])


def validate_data(raw: dict, src: SourceMap) -> tuple[Dataset | None, list[Problem]]:
    """Validate a dict; the dataset (None if the types are wrong) and every problem found."""
    problems: list[Problem] = []
    try:
        data = Dataset.model_validate(raw)
    except ValidationError as exc:
        explained = getattr(src, "explained", None)
        for err in exc.errors(include_url=False):
            loc = _clean_loc(tuple(err["loc"]), raw, err["type"] == "missing")
            if err["type"] == "missing" and explained is not None and explained(loc):
                continue  # e.g. a workbook column reported missing, not again on each row
            problems.append(Problem(src.locate(loc), _message(err, loc), code=err["type"]))
        return None, _dedupe(problems + _partial_cross_check(raw, exc, src))
    problems += cross_check(data, src)
    return (data if not any(p.severity == "error" for p in problems) else None), problems


_LISTS = ("regions", "dimensions", "indicators", "targets", "observations", "findings",
          "recommendations", "actions", "disaggregations")
_STUBS = {
    "programme": {"name": "-", "agency": "-", "region": {"code": "-", "name": "-"}, "periods": ["-"]},
    "document": {"place": "-", "date": "2000-01-01", "signatory": {"name": "-", "title": "-"},
                 "letterhead": {"parent": "-", "agency": "-"}},
    "bands": "permendagri-86-2017",
}


class _Remap:
    """A source map for a dataset with invalid rows left out: indices back to the file's."""

    def __init__(self, src: SourceMap, kept: dict[str, list[int]]):
        self.src, self.kept, self.file = src, kept, src.file
        self.base_dir = getattr(src, "base_dir", None)

    def locate(self, loc: tuple) -> Location:
        if len(loc) > 1 and loc[0] in self.kept and isinstance(loc[1], int):
            loc = (loc[0], self.kept[loc[0]][loc[1]]) + loc[2:]
        return self.src.locate(loc)


def _partial_cross_check(raw: dict, exc: ValidationError, src: SourceMap) -> list[Problem]:
    """Cross-references among the rows that are valid, so one pass reports both kinds."""
    bad_rows: dict[str, set[int]] = {}
    bad_sections: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if len(loc) > 1 and loc[0] in _LISTS and isinstance(loc[1], int):
            bad_rows.setdefault(loc[0], set()).add(loc[1])
        elif loc:
            bad_sections.add(str(loc[0]))
    if bad_sections - set(_STUBS) - set(_LISTS) or bad_sections & set(_LISTS):
        return []  # a whole list is malformed, or an unknown top-level key: nothing to cross-check
    partial = dict(raw)
    kept: dict[str, list[int]] = {}
    for key in _LISTS:
        items = raw.get(key)
        if isinstance(items, list):
            kept[key] = [i for i in range(len(items)) if i not in bad_rows.get(key, set())]
            partial[key] = [items[i] for i in kept[key]]
    for key in bad_sections:
        partial[key] = _STUBS[key]
    try:
        data = Dataset.model_validate(partial)
    except ValidationError:
        return []
    known = {key: {str(raw[key][i].get("code")) for i in rows if isinstance(raw[key][i], dict)}
             for key, rows in bad_rows.items()}
    return cross_check(data, _Remap(src, kept), skip=bad_sections, also_known=known)


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.location, p.message.render("en"))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# "unknown X 'code'" and "X code 'code' is used more than once", by the list they concern
_UNKNOWN: dict[str, Callable[[str, Any], Message]] = {
    "regions": lambda v, hint: _("unknown region '{value}'{hint}", value=v, hint=hint),
    "dimensions": lambda v, hint: _("unknown dimension '{value}'{hint}", value=v, hint=hint),
    "indicators": lambda v, hint: _("unknown indicator '{value}'{hint}", value=v, hint=hint),
    "inputs": lambda v, hint: _("unknown formula input indicator '{value}'{hint}", value=v, hint=hint),
    "findings": lambda v, hint: _("unknown finding '{value}'{hint}", value=v, hint=hint),
    "recommendations": lambda v, hint: _("unknown recommendation '{value}'{hint}", value=v, hint=hint),
}
_DUPLICATE: dict[str, Callable[[str], Message]] = {
    "regions": lambda c: _("region code '{code}' is used more than once", code=c),
    "dimensions": lambda c: _("dimension code '{code}' is used more than once", code=c),
    "indicators": lambda c: _("indicator code '{code}' is used more than once", code=c),
    "findings": lambda c: _("finding code '{code}' is used more than once", code=c),
    "recommendations": lambda c: _("recommendation code '{code}' is used more than once", code=c),
    "actions": lambda c: _("action code '{code}' is used more than once", code=c),
}


def cross_check(data: Dataset, src: SourceMap, skip: set[str] = frozenset(),  # type: ignore[assignment]
                also_known: dict[str, set[str]] | None = None) -> list[Problem]:
    """References between tables, duplicate codes and other rules no single field shows.

    ``skip`` names sections that failed their own validation (their checks are left out);
    ``also_known`` holds codes of rows that failed theirs (so they are not "unknown" too)."""
    also_known = also_known or {}
    out: list[Problem] = []

    def err(loc: tuple, message: Message, severity: str = "error") -> None:
        out.append(Problem(src.locate(loc), message, severity=severity))  # type: ignore[arg-type]

    def dupes(key: str, items: list) -> set[str]:
        counts = Counter(i.code for i in items)
        for n, item in enumerate(items):
            if counts[item.code] > 1:
                err((key, n, "code"), _DUPLICATE[key](item.code))
        return set(counts) | also_known.get(key, set())

    regions = dupes("regions", data.regions)
    dims = dupes("dimensions", data.dimensions)
    inds = dupes("indicators", data.indicators)
    finds = dupes("findings", data.findings)
    recs = dupes("recommendations", data.recommendations)
    dupes("actions", data.actions)
    periods = set(data.programme.periods)
    period_list = ", ".join(data.programme.periods)

    def unknown(loc: tuple, value: str | None, known: set[str], kind: str) -> None:
        if value is None or value in known:
            return
        err(loc, _UNKNOWN[kind](value, suggestion(value, known) or ""))

    folders: dict[str, int] = {}
    for n, r in enumerate(data.regions):  # each region's documents go to a folder of their own
        other = folders.setdefault(r.folder.casefold(), n)
        if other != n and data.regions[other].code != r.code:
            err(("regions", n, "code"), _(
                "regions '{code}' and '{other}' would share the output folder '{folder}'; give "
                "them codes that differ in more than case or punctuation",
                code=r.code, other=data.regions[other].code, folder=r.folder))

    if "bands" in skip:
        pass
    elif isinstance(data.bands, str):
        if data.bands not in band_presets.PRESETS:
            err(("bands",), _("unknown band preset '{name}'; choose one of {presets}",
                              name=data.bands, presets=", ".join(band_presets.PRESETS)))
    else:
        for msg in band_presets.check_band_defs(data.bands):
            err(("bands",), _("invalid band scheme: {reason}", reason=verbatim(msg)))

    ind: Indicator | None  # an indicator row below; None further down for an unknown code
    for n, ind in enumerate(data.indicators):
        unknown(("indicators", n, "dimension"), ind.dimension, dims, "dimensions")
        if ind.comparator == Comparator.BETWEEN:
            if ind.target is not None:
                err(("indicators", n, "target"),
                    _("comparator 'between' uses target_min and target_max, not target"))
            if (ind.target_min is None) != (ind.target_max is None):
                err(("indicators", n, "target_min"),
                    _("a target range needs both target_min and target_max"))
        elif ind.target_min is not None or ind.target_max is not None:
            err(("indicators", n, "target_min"),
                _("target_min/target_max only go with comparator 'between'"))
        if ind.formula is not None:
            for part in ("numerator", "denominator"):
                code = getattr(ind.formula, part)
                if code == ind.code:
                    err(("indicators", n, "formula", part),
                        _("a formula cannot refer to its own indicator"))
                else:
                    unknown(("indicators", n, "formula", part), code, inds, "inputs")

    for n, t in enumerate(data.targets):
        unknown(("targets", n, "indicator"), t.indicator, inds, "indicators")
        unknown(("targets", n, "region"), t.region, regions, "regions")
        if t.period is not None and t.period not in periods and "programme" not in skip:
            err(("targets", n, "period"), _(
                "period '{period}' is outside the programme periods ({periods})",
                period=t.period, periods=period_list))
        if (t.target is None and t.target_min is None and t.target_max is None
                and t.baseline is None):
            err(("targets", n, "target"), _("a target row without a target value"))

    seen: dict[tuple, int] = {}
    by_code = {i.code: i for i in data.indicators}
    for n, o in enumerate(data.observations):
        unknown(("observations", n, "region"), o.region, regions, "regions")
        unknown(("observations", n, "indicator"), o.indicator, inds, "indicators")
        if o.period not in periods and "programme" not in skip:
            err(("observations", n, "period"), _(
                "period '{period}' is outside the programme periods ({periods})",
                period=o.period, periods=period_list))
        key = (o.region, o.period, o.indicator, o.disaggregation)
        if key in seen:
            err(("observations", n), _(
                "duplicate value for {region} / {period} / {indicator} (also entry {other})",
                region=o.region, period=o.period, indicator=o.indicator, other=seen[key] + 1))
        else:
            seen[key] = n
        ind = by_code.get(o.indicator)  # None also for an indicator whose own row is invalid
        if isinstance(o.value, str) and ind is not None:
            if ind.target is not None or ind.target_min is not None:
                err(("observations", n, "value"), _(
                    "value '{value}' is not a number; this indicator has a numeric target",
                    value=_short(o.value)), severity="warning")
    _check_derived(data, err)
    if "disaggregations" not in skip:
        out += disaggregation.check(data, src.locate)

    for n, f in enumerate(data.findings):
        unknown(("findings", n, "dimension"), f.dimension, dims, "dimensions")
        unknown(("findings", n, "region"), f.region, regions, "regions")
        for code in f.indicators:
            unknown(("findings", n, "indicators"), code, inds, "indicators")
    for n, rec in enumerate(data.recommendations):
        unknown(("recommendations", n, "region"), rec.region, regions, "regions")
        for code in rec.findings:
            unknown(("recommendations", n, "findings"), code, finds, "findings")
    for n, a in enumerate(data.actions):
        unknown(("actions", n, "recommendation"), a.recommendation, recs, "recommendations")
        unknown(("actions", n, "region"), a.region, regions, "regions")

    logo = data.document.letterhead.logo
    if logo and "document" not in skip:
        base = getattr(src, "base_dir", None) or Path.cwd()
        problem = logo_problem(base / logo, logo)
        if problem is not None:
            err(("document", "letterhead", "logo"), problem)
    out += check_baselines(data, src)
    if "document" not in skip and "regions" not in skip:
        out += check_letters(data, src)
    return out


def check_baselines(data: Dataset, src: SourceMap) -> list[Problem]:
    """A baseline in a target row is a region's own: the row must name the region."""
    return [Problem(src.locate(("targets", n, "baseline")), _(
                "a baseline in a target row is a region's own baseline: name the region "
                "(the indicator's baseline is the programme region's)"), code="baseline-region")
            for n, t in enumerate(data.targets) if t.baseline is not None and t.region is None]


def check_letters(data: Dataset, src: SourceMap) -> list[Problem]:
    """What an official signing the letters would stop at: two letters with one number (an
    error), and warnings for a number already cited elsewhere in the data, a letterhead
    without a logo, a signatory without NIP, and an addressee the letters do not use."""
    out: list[Problem] = []
    doc = data.document

    def warn(loc: tuple, message, code: str) -> None:
        out.append(Problem(src.locate(loc), message, severity="warning", code=code))

    numbers: dict[str, list[int]] = {}
    for n, region in enumerate(data.regions):
        try:
            number = letter_number(data, region)
        except ValueError as exc:
            out.append(Problem(src.locate(("document", "number")), _(
                "the letter number pattern '{pattern}' cannot be filled ({detail}); it may use "
                "{{no}} (running number) and {{kode_wilayah}} (region code)",
                pattern=doc.number, detail=str(exc)), code="letter-number-pattern"))
            return out
        if number:
            numbers.setdefault(number, []).append(n)
    for number, rows in numbers.items():
        if len(rows) < 2:
            continue
        names = listing([data.regions[i].name for i in rows], 5)
        own = [i for i in rows if data.regions[i].document_number]
        loc = ("regions", own[1], "document_number") if len(own) > 1 else ("document", "number")
        out.append(Problem(src.locate(loc), _(
            "the letters to {names} would carry one number, '{number}'; every letter has its own: "
            "put {{no}} or {{kode_wilayah}} in the document number, or give each region its own "
            "letter number", names=names, number=number), code="letter-number-shared"))
    cited = [(("actions", n, "evidence"), a.evidence) for n, a in enumerate(data.actions)]
    cited += [(("findings", n, "evidence"), f.evidence) for n, f in enumerate(data.findings)]
    for number in numbers:
        for loc, text in cited:
            if text and number in text:
                warn(loc, _("the letter number '{number}' is already cited here; a number of the "
                            "register is used once", number=number), "letter-number-repeated")
    if not doc.letterhead.logo:
        warn(("document", "letterhead", "logo"), _(
            "the letterhead has no logo; an official letterhead carries the emblem of the "
            "government"), "no-logo")
    if not doc.signatory.nip:
        warn(("document", "signatory", "nip"), _(
            "the signatory has no NIP; a civil servant signs with name, rank and NIP"), "no-nip")
    if doc.addressee and any(letter_direction(data, r) == LetterDirection.DOWN for r in data.regions):
        warn(("document", "addressee"), _(
            "'{addressee}' is not used: a letter to an evaluated region goes to the region's head "
            "(or the region's own addressee); this field names the superior a report is sent up to",
            addressee=doc.addressee), "addressee-unused")
    return out


def _check_derived(data: Dataset, err: Callable[[tuple, Message], None]) -> None:
    """A derived value (numerator / denominator x scale) obeys the limits of a written number,
    so that it can be scored and printed like one."""
    values: dict[str, dict[tuple[str, str], Any]] = {}
    for o in data.observations:
        if o.disaggregation is None:
            values.setdefault(o.indicator, {})[(o.region, o.period)] = o.value
    for n, ind in enumerate(data.indicators):
        f = ind.formula
        if f is None:
            continue
        written = values.get(ind.code, {})
        denominators = values.get(f.denominator, {})
        for key, num in values.get(f.numerator, {}).items():
            den = denominators.get(key)
            if key in written or not isinstance(num, float) or not isinstance(den, float) or den == 0:
                continue  # a written value wins; a missing input is flagged by scoring
            size = abs(Decimal(repr(num)) / Decimal(repr(den)) * Decimal(repr(f.scale)))
            if size > LARGEST:
                err(("indicators", n, "formula"), _(
                    "the derived value of {indicator} for {region}, {period} ({numerator} / "
                    "{denominator} x {scale}) is larger than 1.000.000.000.000.000 (10^15); "
                    "check its inputs", indicator=ind.code, region=key[0], period=key[1],
                    numerator=repr(num), denominator=repr(den), scale=repr(f.scale)))


def logo_problem(path: Path, name: str) -> Message | None:
    """Why the file at ``path`` cannot be the letterhead logo, or None. The file itself is read:
    it must be a PNG or JPEG picture (whatever its name says) that Word documents can hold."""
    if not path.is_file():
        return _("logo file '{name}' not found", name=name)
    try:
        with Image.open(path) as img:
            kind = img.format
            img.verify()  # reads the whole picture: a truncated or damaged file fails here
        if kind not in ("PNG", "JPEG"):
            return _("the logo '{name}' is a {kind} picture; it must be a PNG or JPEG file",
                     name=name, kind=kind or "?")
    except UnidentifiedImageError:
        return _("the logo '{name}' is not a PNG or JPEG picture", name=name)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return _("the logo '{name}' cannot be read as a picture ({reason})",
                 name=name, reason=verbatim(str(exc) or type(exc).__name__))
    try:
        DocxImage.from_file(str(path))  # what rendering reads to place the picture
    except (UnrecognizedImageError, OSError, ValueError, KeyError):
        return _("the logo '{name}' is a {kind} picture that Word documents cannot place as it "
                 "is saved; save it again as PNG", name=name, kind=kind)
    return None

"""Validation: a plain dict into a :class:`Dataset`, or every problem with its place.

Two passes, both collecting rather than stopping: the field types (pydantic), then the
cross-references between tables (unknown or duplicate codes, periods outside the programme,
derived indicators whose inputs are missing, a missing logo file, ...).
"""
from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Protocol

from pydantic import ValidationError

from ..scoring import bands as band_presets
from ..errors import Location, Problem, legacy
from ..i18n.messages import _, listing
from .model import Comparator, Dataset, LetterDirection, letter_direction, letter_number


class SourceMap(Protocol):
    file: str

    def locate(self, loc: tuple) -> Location: ...


_TYPE_TAGS = {"float", "str", "int", "bool", "enum", "decimal", "none", "list", "dict", "union",
              "function-before", "function-after", "function-wrap", "lax-or-strict", "json-or-python",
              "constrained-str", "is-instance", "date"}

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("wajib diisi", "is required"),
    "number": ("harus berupa angka, tertulis '{input}'", "must be a number, found '{input}'"),
    "date": ("harus berupa tanggal (mis. 2026-01-15 atau sel bertipe tanggal), tertulis '{input}'",
             "must be a date (e.g. 2026-01-15 or a date cell), found '{input}'"),
    "enum": ("harus salah satu dari: {choices}; tertulis '{input}'",
             "must be one of: {choices}; found '{input}'"),
    "string_type": ("harus berupa teks, tertulis '{input}'", "must be text, found '{input}'"),
    "too_short": ("tidak boleh kosong", "must not be empty"),
    "pattern": ("format tidak sesuai, tertulis '{input}'", "has the wrong format, found '{input}'"),
    "ge": ("harus paling kecil {limit}, tertulis '{input}'", "must be at least {limit}, found '{input}'"),
    "gt": ("harus lebih besar dari {limit}, tertulis '{input}'", "must be greater than {limit}, found '{input}'"),
    "le": ("harus paling besar {limit}, tertulis '{input}'", "must be at most {limit}, found '{input}'"),
    "bool": ("harus 'ya' atau 'tidak', tertulis '{input}'", "must be 'ya' or 'tidak', found '{input}'"),
    "list": ("harus berupa daftar", "must be a list"),
    "mapping": ("harus berupa bagian berisi kunci: nilai", "must be a section of key: value pairs"),
    "extra": ("kunci '{key}' tidak dikenal{hint}", "unknown key '{key}'{hint_en}"),
}

_KIND = {
    "float_parsing": "number", "float_type": "number", "int_parsing": "number", "int_type": "number",
    "decimal_parsing": "number", "decimal_type": "number", "int_from_float": "number",
    "finite_number": "number",
    "date_parsing": "date", "date_type": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "date_future": "date", "date_past": "date",
    "enum": "enum", "literal_error": "enum", "string_type": "string_type",
    "string_too_short": "too_short", "too_short": "too_short", "string_pattern_mismatch": "pattern",
    "greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
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
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_names(loc: tuple) -> list[str]:
    """Known keys at a location, to suggest the one a typo meant."""
    from pydantic import BaseModel
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


def _translate(err: dict, loc: tuple) -> tuple[str, str]:
    kind = _KIND.get(err["type"])
    inp = _short(err.get("input"))
    ctx = err.get("ctx") or {}
    if err["type"] == "value_error":
        msg = str(ctx.get("error", err["msg"]))
        if " || " in msg:
            mid, men = msg.split(" || ", 1)
            return mid, men
        return msg, msg
    if kind is None:
        return err["msg"], err["msg"]
    mid, men = _MESSAGES[kind]
    if kind == "enum":
        choices = str(ctx.get("expected", ""))
        return (mid.format(choices=choices.replace(" or ", " atau "), input=inp),
                men.format(choices=choices, input=inp))
    fill = {"input": inp, "limit": ctx.get("ge", ctx.get("gt", ctx.get("le", ""))),
            "choices": ctx.get("expected", ""), "key": loc[-1] if loc else "", "hint": "", "hint_en": ""}
    if kind == "extra":
        close = difflib.get_close_matches(str(loc[-1]), _field_names(loc), n=1)
        if close:
            fill["hint"] = f"; maksudnya '{close[0]}'?"
            fill["hint_en"] = f"; did you mean '{close[0]}'?"
    return mid.format(**fill), men.format(**fill)


def validate_data(raw: dict, src: SourceMap) -> tuple[Dataset | None, list[Problem]]:
    """Validate a dict; the dataset (None if the types are wrong) and every problem found."""
    problems: list[Problem] = []
    try:
        data = Dataset.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = _clean_loc(tuple(err["loc"]), raw, err["type"] == "missing")
            mid, men = _translate(err, loc)
            problems.append(Problem(src.locate(loc), legacy(mid, men), code=err["type"]))
        return None, _dedupe(problems + _partial_cross_check(raw, exc, src))
    problems += cross_check(data, src)
    return (data if not any(p.severity == "error" for p in problems) else None), problems


_LISTS = ("regions", "dimensions", "indicators", "targets", "observations", "findings",
          "recommendations", "actions")
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


def cross_check(data: Dataset, src: SourceMap, skip: set[str] = frozenset(),  # type: ignore[assignment]
                also_known: dict[str, set[str]] | None = None) -> list[Problem]:
    """References between tables, duplicate codes and other rules no single field shows.

    ``skip`` names sections that failed their own validation (their checks are left out);
    ``also_known`` holds codes of rows that failed theirs (so they are not "unknown" too)."""
    also_known = also_known or {}
    out: list[Problem] = []

    def err(loc: tuple, mid: str, men: str, severity: str = "error") -> None:
        out.append(Problem(src.locate(loc), legacy(mid, men), severity=severity))  # type: ignore[arg-type]

    def dupes(key: str, items: list, what_id: str, what_en: str) -> set[str]:
        counts = Counter(i.code for i in items)
        for n, item in enumerate(items):
            if counts[item.code] > 1:
                err((key, n, "code"), f"kode {what_id} '{item.code}' dipakai lebih dari sekali",
                    f"{what_en} code '{item.code}' is used more than once")
        return set(counts) | also_known.get(key, set())

    regions = dupes("regions", data.regions, "wilayah", "region")
    dims = dupes("dimensions", data.dimensions, "dimensi", "dimension")
    inds = dupes("indicators", data.indicators, "indikator", "indicator")
    finds = dupes("findings", data.findings, "temuan", "finding")
    recs = dupes("recommendations", data.recommendations, "rekomendasi", "recommendation")
    dupes("actions", data.actions, "tindak lanjut", "action")
    periods = set(data.programme.periods)

    def unknown(loc: tuple, value: str | None, known: set[str], what_id: str, what_en: str) -> None:
        if value is None or value in known:
            return
        close = difflib.get_close_matches(value, sorted(known), n=1)
        hint_id = f"; maksudnya '{close[0]}'?" if close else ""
        hint_en = f"; did you mean '{close[0]}'?" if close else ""
        err(loc, f"{what_id} '{value}' tidak dikenal{hint_id}", f"unknown {what_en} '{value}'{hint_en}")

    if "bands" in skip:
        pass
    elif isinstance(data.bands, str):
        if data.bands not in band_presets.PRESETS:
            err(("bands",), f"skema predikat '{data.bands}' tidak dikenal; pilih salah satu: "
                f"{', '.join(band_presets.PRESETS)}",
                f"unknown band preset '{data.bands}'; choose one of {', '.join(band_presets.PRESETS)}")
    else:
        for msg in band_presets.check_band_defs(data.bands):
            err(("bands",), f"skema predikat tidak sah: {msg}", f"invalid band scheme: {msg}")

    for n, ind in enumerate(data.indicators):
        unknown(("indicators", n, "dimension"), ind.dimension, dims, "dimensi", "dimension")
        if ind.comparator == Comparator.BETWEEN:
            if ind.target is not None:
                err(("indicators", n, "target"), "pembanding 'antara' memakai Target Min dan Target "
                    "Maks, bukan Target", "comparator 'between' uses target_min and target_max, not target")
            if (ind.target_min is None) != (ind.target_max is None):
                err(("indicators", n, "target_min"), "rentang target perlu Target Min dan Target Maks",
                    "a target range needs both target_min and target_max")
        elif ind.target_min is not None or ind.target_max is not None:
            err(("indicators", n, "target_min"), "Target Min/Maks hanya untuk pembanding 'antara'",
                "target_min/target_max only go with comparator 'between'")
        if ind.formula is not None:
            for part in ("numerator", "denominator"):
                code = getattr(ind.formula, part)
                if code == ind.code:
                    err(("indicators", n, "formula", part), "rumus tidak boleh merujuk indikator itu sendiri",
                        "a formula cannot refer to its own indicator")
                else:
                    unknown(("indicators", n, "formula", part), code, inds,
                            "indikator penyusun rumus", "formula input indicator")

    for n, t in enumerate(data.targets):
        unknown(("targets", n, "indicator"), t.indicator, inds, "indikator", "indicator")
        unknown(("targets", n, "region"), t.region, regions, "wilayah", "region")
        if t.period is not None and t.period not in periods and "programme" not in skip:
            err(("targets", n, "period"), f"periode '{t.period}' di luar periode program "
                f"({', '.join(data.programme.periods)})",
                f"period '{t.period}' is outside the programme periods ({', '.join(data.programme.periods)})")
        if (t.target is None and t.target_min is None and t.target_max is None
                and t.baseline is None):
            err(("targets", n, "target"), "baris target tanpa nilai target", "a target row without a target value")

    seen: dict[tuple, int] = {}
    for n, o in enumerate(data.observations):
        unknown(("observations", n, "region"), o.region, regions, "wilayah", "region")
        unknown(("observations", n, "indicator"), o.indicator, inds, "indikator", "indicator")
        if o.period not in periods and "programme" not in skip:
            err(("observations", n, "period"), f"periode '{o.period}' di luar periode program "
                f"({', '.join(data.programme.periods)})",
                f"period '{o.period}' is outside the programme periods ({', '.join(data.programme.periods)})")
        key = (o.region, o.period, o.indicator, o.disaggregation)
        if key in seen:
            err(("observations", n), f"realisasi ganda untuk {o.region} / {o.period} / {o.indicator}"
                f" (juga pada data ke-{seen[key] + 1})",
                f"duplicate value for {o.region} / {o.period} / {o.indicator} (also entry {seen[key] + 1})")
        else:
            seen[key] = n
        if isinstance(o.value, str) and o.indicator in inds:
            ind = data.indicator(o.indicator)
            if ind.target is not None or ind.target_min is not None:
                err(("observations", n, "value"), f"nilai '{o.value}' bukan angka; indikator ini "
                    "memiliki target angka", f"value '{o.value}' is not a number; this indicator has "
                    "a numeric target", severity="warning")

    for n, f in enumerate(data.findings):
        unknown(("findings", n, "dimension"), f.dimension, dims, "dimensi", "dimension")
        unknown(("findings", n, "region"), f.region, regions, "wilayah", "region")
        for code in f.indicators:
            unknown(("findings", n, "indicators"), code, inds, "indikator", "indicator")
    for n, r in enumerate(data.recommendations):
        unknown(("recommendations", n, "region"), r.region, regions, "wilayah", "region")
        for code in r.findings:
            unknown(("recommendations", n, "findings"), code, finds, "temuan", "finding")
    for n, a in enumerate(data.actions):
        unknown(("actions", n, "recommendation"), a.recommendation, recs, "rekomendasi", "recommendation")
        unknown(("actions", n, "region"), a.region, regions, "wilayah", "region")

    logo = data.document.letterhead.logo
    if logo and "document" not in skip:
        base = getattr(src, "base_dir", None) or Path.cwd()
        if not (base / logo).is_file():
            err(("document", "letterhead", "logo"), f"berkas logo '{logo}' tidak ditemukan",
                f"logo file '{logo}' not found")
        elif (base / logo).suffix.casefold() not in {".png", ".jpg", ".jpeg"}:
            err(("document", "letterhead", "logo"), "logo harus berkas PNG atau JPEG",
                "the logo must be a PNG or JPEG file")
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

"""The data model: what an evaluation dataset holds, as typed, validated objects.

One :class:`Dataset` holds one programme evaluated over several periods in one or more regions:
the indicators with their targets, the observed values (long form, one per region, period and
indicator), and the findings, recommendations and follow-up actions drawn from them.

Field names are English (they are the Python API and the YAML/JSON keys); the workbook uses
Indonesian column headers (see :mod:`evalreport.data.workbook`). Choice fields accept the
canonical code or its Indonesian or English label, so a workbook dropdown value and a YAML code
both load. Every number goes through one reader (:mod:`evalreport.data.numbers`); every text is
checked for characters a Word document cannot hold (:func:`clean_text`).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..i18n.messages import Message, _, p_
from .numbers import InvalidValue, looks_like_number, read_number


class Choice(str, Enum):
    """A closed set of codes, each with a label in the message catalogue (an English msgid in
    the context of its kind, translated like every other word)."""

    @classmethod
    def labels(cls) -> dict[str, Message]:  # code -> label
        raise NotImplementedError

    @classmethod
    def forms(cls) -> dict[str, tuple[str, str]]:
        """Each code's label in Indonesian and in English (read once per kind)."""
        return _label_forms(cls)

    @property
    def label_id(self) -> str:
        return self.forms()[self.value][0]

    @property
    def label_en(self) -> str:
        return self.forms()[self.value][1]

    def label(self, lang: str = "id") -> str:
        return _labels_in(type(self), lang)[self.value]

    @property
    def label_message(self) -> Message:
        """The label as a message parameter, rendered in the reader's language."""
        return self.labels()[self.value]

    @classmethod
    def parse(cls, value: Any) -> Any:
        """Map a code or a label (any case, spaces or underscores) to the code."""
        if isinstance(value, cls) or not isinstance(value, str):
            return value
        key = " ".join(value.replace("_", " ").split()).casefold()
        for code, (lid, len_) in cls.forms().items():
            if key in {code.replace("_", " ").casefold(), lid.casefold(), len_.casefold()}:
                return code
        for code, aliases in getattr(cls, "_aliases", lambda: {})().items():
            if key in aliases:
                return code
        return value  # the enum check then reports it with the allowed values

    @classmethod
    def choices_id(cls) -> list[str]:
        return [lid for lid, _en in cls.forms().values()]


@cache
def _labels_in(cls: type[Choice], lang: str) -> dict[str, str]:
    return {code: m.render(lang) for code, m in cls.labels().items()}


@cache
def _label_forms(cls: type[Choice]) -> dict[str, tuple[str, str]]:
    # the data's words: a workbook's dropdowns offer the Indonesian labels, and either
    # language's label (or the code) loads
    ids, ens = _labels_in(cls, "id"), _labels_in(cls, "en")
    return {code: (ids[code], ens[code]) for code in ids}


class Polarity(Choice):
    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"
    EXACT = "exact"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "higher": p_("polarity", "higher is better"),
            "lower": p_("polarity", "lower is better"),
            "range": p_("polarity", "range"),
            "exact": p_("polarity", "exact"),
        }

    @classmethod
    def _aliases(cls):
        return {"higher": {"positif", "naik"}, "lower": {"negatif", "turun"}}


class Comparator(str, Enum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="
    BETWEEN = "between"

    @classmethod
    def parse(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        v = value.strip().replace("≥", ">=").replace("≤", "<=").replace("==", "=")
        if v.casefold() in {"antara", "rentang", "between", "range"}:
            return "between"
        return v

    @property
    def default_polarity(self) -> Polarity:
        return {
            ">=": Polarity.HIGHER, ">": Polarity.HIGHER,
            "<=": Polarity.LOWER, "<": Polarity.LOWER,
            "=": Polarity.EXACT, "between": Polarity.RANGE,
        }[self.value]


class DataStatus(Choice):
    FINAL = "final"
    PROVISIONAL = "provisional"
    ESTIMATE = "estimate"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "final": p_("data status", "final"),
            "provisional": p_("data status", "provisional"),
            "estimate": p_("data status", "estimate"),
        }

    @classmethod
    def _aliases(cls):
        return {"final": {"final"}}


class Priority(Choice):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "high": p_("priority", "high"),
            "medium": p_("priority", "medium"),
            "low": p_("priority", "low"),
        }


class FollowUpStatus(Choice):
    """Follow-up status classes of the national audit board (BPK)."""

    DONE = "sesuai"
    NOT_YET_DONE = "belum_sesuai"
    NOT_STARTED = "belum_ditindaklanjuti"
    CANNOT = "tidak_dapat_ditindaklanjuti"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "sesuai": p_("follow-up status", "Done as recommended"),
            "belum_sesuai": p_("follow-up status", "Not yet as recommended"),
            "belum_ditindaklanjuti": p_("follow-up status", "Not yet followed up"),
            "tidak_dapat_ditindaklanjuti": p_("follow-up status", "Cannot be followed up"),
        }


class ItemStatus(Choice):
    """Whether a finding or recommendation is accepted, or a draft drafted from rules
    (``evalreport recommend``) that the evaluator has not accepted yet."""

    ACCEPTED = "diterima"
    DRAFT = "usulan"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "diterima": p_("item status", "accepted"),
            "usulan": p_("item status", "draft"),
        }


def _item_status(v: Any) -> Any:
    return ItemStatus.ACCEPTED.value if v is None or (isinstance(v, str) and not v.strip()) else ItemStatus.parse(v)


class DacCriterion(Choice):
    RELEVANCE = "relevance"
    COHERENCE = "coherence"
    EFFECTIVENESS = "effectiveness"
    EFFICIENCY = "efficiency"
    IMPACT = "impact"
    SUSTAINABILITY = "sustainability"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "relevance": p_("evaluation criterion", "Relevance"),
            "coherence": p_("evaluation criterion", "Coherence"),
            "effectiveness": p_("evaluation criterion", "Effectiveness"),
            "efficiency": p_("evaluation criterion", "Efficiency"),
            "impact": p_("evaluation criterion", "Impact"),
            "sustainability": p_("evaluation criterion", "Sustainability"),
        }


class RegionLevel(Choice):
    PROVINCE = "provinsi"
    REGENCY = "kabupaten"
    CITY = "kota"
    DISTRICT = "kecamatan"
    VILLAGE = "desa"
    NATIONAL = "nasional"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "provinsi": p_("region level", "Province"),
            "kabupaten": p_("region level", "Regency"),
            "kota": p_("region level", "City"),
            "kecamatan": p_("region level", "District"),
            "desa": p_("region level", "Village"),
            "nasional": p_("region level", "National"),
        }


class Acting(Choice):
    NONE = ""
    PLT = "Plt."
    PLH = "Plh."
    PJ = "Pj."

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "": p_("acting", "substantive"),
            "Plt.": p_("acting", "Plt."),
            "Plh.": p_("acting", "Plh."),
            "Pj.": p_("acting", "Pj."),
        }

    @classmethod
    def _aliases(cls):
        return {"": {"", "tidak", "-", "none"}, "Plt.": {"plt"}, "Plh.": {"plh"}, "Pj.": {"pj"}}


def _one_line(v: Any) -> Any:
    """A name or title prints on one line (in headings, table cells, chart labels): a line
    break or tab typed into it (Alt+Enter in a cell) is a space."""
    return " ".join(v.split()) if isinstance(v, str) else v


Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s].*$")]
Text = Annotated[str, Field(min_length=1)]
Name = Annotated[str, BeforeValidator(_one_line), Field(min_length=1, max_length=200)]
Period = Annotated[str, BeforeValidator(lambda v: str(v).strip() if isinstance(v, (int, float)) else v),
                   BeforeValidator(_one_line), Field(min_length=1, max_length=40)]  # "Triwulan III 2025"

# A text field holds at most this many characters (a page of a report is about 3,000).
LONGEST_TEXT = 100_000
# Characters XML 1.0 (so a Word document) cannot hold, or that only appear by mistake
# (C1 controls are text decoded with the wrong code page); tab and line breaks are kept.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# A vertical tab is Word's line break pasted into Excel; a form feed is a page break.
_BREAKS = re.compile("\r\n?|[\x0b\x0c]")


def clean_text(text: str) -> str:
    """Text as a document can print it: Word's pasted line and page breaks become line breaks;
    an invisible control character or a text longer than :data:`LONGEST_TEXT` is refused
    (:class:`InvalidValue`), since a guess at what it stood for could be wrong."""
    bad = _FORBIDDEN.search(text)
    if bad:
        ch = bad.group()
        code = "%04X" % ord(ch)
        raise InvalidValue(_(
            "contains an invisible control character (U+{code}) at position {position}; "
            "delete it", code=code, position=bad.start() + 1))
    if len(text) > LONGEST_TEXT:
        raise InvalidValue(_("is {length} characters long; a text may hold at most {limit}",
                             length=len(text), limit=LONGEST_TEXT))
    return _BREAKS.sub("\n", text)


def _number(v: Any) -> Any:
    """An optional number field: blank is no value, anything else goes through the reader."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return float(read_number(v))


def _whole(v: Any) -> Any:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    d = read_number(v)
    if d != d.to_integral_value():
        raise InvalidValue(_("must be a whole number, found '{input}'", input=str(v).strip()))
    return int(d)


def _money(v: Any) -> Any:
    """A budget: whole rupiah (amounts are also printed in words, which have no sen)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    d = read_number(v)
    if d != d.to_integral_value():
        raise InvalidValue(_("a budget is a whole number of rupiah, found '{input}'",
                             input=str(v).strip()))
    return d.quantize(Decimal(1))


# In the JSON Schema: a number, or text holding one as people write it.
_WRITTEN = {"type": "string", "pattern": r"\d",
            "description": "a number as written: 1.500, 64,2, 1.234,5, 64.2, Rp1.500.000, 91,71%"}


def _schema(kind: str, optional: bool = False, **limits: Any) -> WithJsonSchema:
    choices = [{"type": kind, **limits}, _WRITTEN] + ([{"type": "null"}] if optional else [])
    return WithJsonSchema({"anyOf": choices})


Number = Annotated[float, BeforeValidator(_number), _schema("number")]
OptNumber = Annotated[float | None, BeforeValidator(_number), _schema("number", optional=True)]
WholeNumber = Annotated[int, BeforeValidator(_whole), _schema("integer")]


def _none_if_blank(v: Any) -> Any:
    if isinstance(v, str) and not v.strip():
        return None
    return v


def _split_codes(v: Any) -> Any:
    """A list may come as 'A, B; C' from a workbook cell."""
    if v is None:
        return []
    if isinstance(v, str):
        return [p.strip() for p in v.replace(";", ",").split(",") if p.strip()]
    return v


def _yes_no(v: Any) -> Any:
    if isinstance(v, str):
        return {"ya": True, "yes": True, "tidak": False, "no": False}.get(v.strip().casefold(), v)
    return v


YesNo = Annotated[bool, BeforeValidator(_yes_no)]
OptStr = Annotated[str | None, BeforeValidator(_none_if_blank)]
CodeList = Annotated[list[str], BeforeValidator(_split_codes)]
TextList = Annotated[list[str], BeforeValidator(lambda v: [] if v is None else ([v] if isinstance(v, str) else v))]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, v: Any) -> Any:
        if isinstance(v, str):
            return clean_text(v)
        if isinstance(v, list) and any(isinstance(x, str) for x in v):
            return [clean_text(x) if isinstance(x, str) else x for x in v]
        return v


_SLUG_DROP = re.compile(r"[^a-z0-9.]+")


def slug(text: str, keep_dots: bool = False, limit: int = 60) -> str:
    """'Kab. Malang' -> 'kab-malang': a folder name that works on every system, at most
    ``limit`` characters (cut at a hyphen). ``keep_dots`` keeps the points of a code such as
    Kemendagri's '35.07'."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if not keep_dots:
        t = t.replace(".", " ")
    t = re.sub(r"\.{2,}", ".", _SLUG_DROP.sub("-", t)).strip("-.")
    if len(t) > limit:
        t = t[:limit + 1].rsplit("-", 1)[0] if "-" in t[:limit + 1] else t[:limit]
        t = t.strip("-.")
    return t or "wilayah"


class Region(_Model):
    """A province, regency, city or village whose results are evaluated."""

    code: Code
    name: Name
    level: Annotated[RegionLevel, BeforeValidator(RegionLevel.parse)] = RegionLevel.REGENCY
    parent: Annotated[Annotated[str, Field(max_length=200)] | None, BeforeValidator(_one_line)] = Field(
        None, description="Name of the parent region, e.g. the province.")
    population: Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_whole),
                          _schema("integer", optional=True, minimum=0)] = None
    addressee: Annotated[str | None, BeforeValidator(_none_if_blank),
                         BeforeValidator(_one_line)] = Field(None, description=(
        "Who the region's letter goes to (kepada Yth.), e.g. 'Bupati Bangkalan'; empty: the "
        "region's head, from its level and name"))
    document_number: Annotated[str | None, BeforeValidator(_none_if_blank),
                               BeforeValidator(_one_line)] = Field(None, description=(
        "The number of this region's letter (nomor surat); empty: from document.number"))

    @property
    def folder(self) -> str:
        """The region's folder in an output folder: '3507-kabupaten-malang',
        '35.07-kabupaten-malang' (a code's points are kept)."""
        return f"{slug(self.code, keep_dots=True, limit=64)}-{slug(self.name)}"


class Dimension(_Model):
    code: Code
    name: Name
    description: str | None = None


class Formula(_Model):
    """A derived value: numerator / denominator x scale (e.g. cases per 10,000 population)."""

    numerator: Code
    denominator: Code
    scale: Annotated[Number, Field(gt=0), _schema("number", exclusiveMinimum=0)] = 1.0


class Indicator(_Model):
    code: Code
    name: Name
    dimension: Code
    unit: str = ""
    polarity: Annotated[Polarity | None, BeforeValidator(Polarity.parse)] = None
    comparator: Annotated[Comparator, BeforeValidator(Comparator.parse)] = Comparator.GE
    target: OptNumber = None
    target_min: OptNumber = None
    target_max: OptNumber = None
    baseline: OptNumber = None
    baseline_year: Period | None = None
    source: str | None = None
    method: str | None = None
    description: str | None = None
    formula: Formula | None = None
    plausible_min: OptNumber = None
    plausible_max: OptNumber = None
    decimals: Annotated[WholeNumber, Field(ge=0, le=4), _schema("integer", minimum=0, maximum=4)] = 2
    reported: YesNo = Field(True, description="False for auxiliary inputs such as population.")

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.polarity is None:
            self.polarity = self.comparator.default_polarity
        expected = self.comparator.default_polarity
        ok = (self.polarity == expected) or (
            self.polarity in (Polarity.HIGHER, Polarity.LOWER) and self.comparator == Comparator.EQ
        )
        if not ok:
            raise InvalidValue(_("polarity '{polarity}' does not fit comparator '{comparator}'",
                                 polarity=self.polarity.label_message,
                                 comparator=self.comparator.value))
        if self.comparator == Comparator.BETWEEN:
            if self.target_min is not None and self.target_max is not None and self.target_min > self.target_max:
                raise InvalidValue(_("target_min is larger than target_max"))
        if self.plausible_min is None and self.plausible_max is None and self.unit.strip() == "%":
            self.plausible_min, self.plausible_max = 0.0, 100.0
        return self

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"


class TargetOverride(_Model):
    """A target that differs for one region and/or one period; with ``region``, it may also
    give the region's own baseline (an indicator's baseline is the programme region's)."""

    indicator: Code
    region: OptStr = None
    period: Annotated[Period | None, BeforeValidator(_none_if_blank)] = None
    comparator: Annotated[Comparator | None, BeforeValidator(Comparator.parse)] = None
    target: OptNumber = None
    target_min: OptNumber = None
    target_max: OptNumber = None
    baseline: OptNumber = Field(None, description="the region's own baseline value")
    baseline_year: Annotated[Period | None, BeforeValidator(_none_if_blank)] = None



class Observation(_Model):
    """The actual value (realisasi) of one indicator, in one region and one period."""

    region: Code
    period: Period
    indicator: Code
    value: float | str | None = None
    status: Annotated[DataStatus, BeforeValidator(DataStatus.parse)] = DataStatus.FINAL
    disaggregation: str | None = Field(
        None, description="e.g. 'jenis kelamin: perempuan'; empty for the headline value")
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: Any) -> Any:
        """A number (read by the one reader), words (a qualitative value), or nothing."""
        if v is None:
            return None
        if isinstance(v, str):
            s = v.strip()
            if not s or s in {"-", "–"}:
                return None
            return float(read_number(s)) if looks_like_number(s) else s
        return float(read_number(v))

    @field_validator("disaggregation", "note", mode="before")
    @classmethod
    def _blank(cls, v: Any) -> Any:
        return _none_if_blank(v)


class Disaggregation(_Model):
    """A way results are broken down (data terpilah), declared once: a name such as 'jenis
    kelamin' and its categories in the order the documents show them ('perempuan',
    'laki-laki'). An observation gives a category's value as 'jenis kelamin: perempuan'."""

    name: Name = Field(description="e.g. 'jenis kelamin', 'kelompok umur', 'disabilitas'")
    categories: Annotated[list[Name], BeforeValidator(_split_codes), Field(min_length=1)] = Field(
        description="the categories, in the order tables and charts show them; in the workbook "
                    "one cell, comma-separated")
    additive: YesNo = Field(False, description=(
        "true when the categories' values add up to the headline value (counts, e.g. cases by "
        "district); false for rates and shares, whose headline lies between the categories'"))
    gap_threshold: Annotated[Number, Field(ge=0), _schema("number", minimum=0)] = Field(
        5.0, description=("a gap between categories larger than this (in the indicator's unit: "
                          "points for %) is named in the findings' context"))


class Finding(_Model):
    """A finding as condition, criterion, cause and effect."""

    code: Code
    title: Name
    dimension: OptStr = None
    region: OptStr = None
    condition: Text
    criterion: Text
    cause: Text
    effect: Text
    dac: Annotated[DacCriterion | None, BeforeValidator(lambda v: DacCriterion.parse(_none_if_blank(v)))] = None
    indicators: CodeList = Field(default_factory=list)
    evidence: OptStr = None
    status: Annotated[ItemStatus, BeforeValidator(_item_status)] = Field(
        ItemStatus.ACCEPTED, description="diterima, or usulan for a draft not yet accepted")



class Recommendation(_Model):
    code: Code
    findings: CodeList = Field(default_factory=list)
    text: Text
    priority: Annotated[Priority, BeforeValidator(Priority.parse)] = Priority.MEDIUM
    addressed_to: Text
    region: OptStr = None
    status: Annotated[ItemStatus, BeforeValidator(_item_status)] = Field(
        ItemStatus.ACCEPTED, description="diterima, or usulan for a draft not yet accepted")



class Action(_Model):
    """One follow-up action (a row of the action-plan matrix)."""

    code: Code
    recommendation: Code
    activity: Text
    responsible: Text
    partners: OptStr = None
    deadline: dt.date
    success_indicator: Text
    budget: Annotated[Annotated[Decimal, Field(ge=0)] | None, BeforeValidator(_money),
                      _schema("integer", optional=True, minimum=0)] = None
    funding_source: Annotated[str | None, BeforeValidator(_none_if_blank), BeforeValidator(_one_line)] = Field(
        None, description="sumber anggaran, e.g. APBD, APBN, hibah")
    status: Annotated[FollowUpStatus, BeforeValidator(FollowUpStatus.parse)] = FollowUpStatus.NOT_STARTED
    progress: Annotated[Number, Field(ge=0, le=100), _schema("number", minimum=0, maximum=100)] = 0
    evidence: OptStr = None
    region: OptStr = None


class Signatory(_Model):
    name: Name
    title: Name
    rank: str | None = Field(None, description="pangkat/golongan, e.g. 'Pembina Utama Muda (IV/c)'")
    nip: str | None = Field(None, description="NIP: 18 digits, spaces allowed")
    acting: Annotated[Acting, BeforeValidator(Acting.parse)] = Acting.NONE

    @field_validator("nip", mode="before")
    @classmethod
    def _nip(cls, v: Any) -> Any:
        if isinstance(v, int):
            v = str(v)
        v = _none_if_blank(v)
        if isinstance(v, float):
            raise InvalidValue(_("type the NIP as text: 18 digits do not survive as a number"))
        if v is not None and (len(str(v).replace(" ", "")) != 18
                              or not str(v).replace(" ", "").isdigit()):
            raise InvalidValue(_("a NIP has 18 digits, found '{input}'", input=str(v)))
        return v


class Letterhead(_Model):
    parent: Name = Field(description="e.g. PEMERINTAH PROVINSI JAWA TIMUR")
    agency: Name = Field(description="e.g. BADAN KESATUAN BANGSA DAN POLITIK")
    address: str | None = None
    contact: str | None = None
    logo: str | None = Field(None, description="PNG or JPEG path, relative to the data file")


class LetterDirection(Choice):
    """Who a region's letter goes to, which decides what it asks."""

    DOWN = "down"
    UP = "up"

    @classmethod
    def labels(cls) -> dict[str, Message]:
        return {
            "down": p_("letter direction", "to the head of the evaluated region"),
            "up": p_("letter direction", "to a superior"),
        }

    @classmethod
    def _aliases(cls):
        return {"down": {"ke bawah", "kepala daerah", "bawahan"}, "up": {"ke atas", "atasan"}}


class DocumentInfo(_Model):
    """What the signed documents say about themselves."""

    number: str | None = Field(None, description=(
        "nomor surat: free text, every office has its own scheme; with several regions a "
        "pattern such as 000.4.2/{no}/209.3/2025 ({no}: running number, {kode_wilayah}: region "
        "code), or each region's own number (regions[].document_number)"))
    place: Name
    date: dt.date
    nature: str = Field("Biasa", description="sifat")
    attachment: str | None = Field(None, description="lampiran; empty: counted from what is attached")
    subject: str | None = Field(None, description="hal; empty: says what the letter carries")
    addressee: str | None = Field(None, description=(
        "kepada Yth. of a letter sent up to a superior; a letter to a region goes to the "
        "region's head (regions[].addressee)"))
    direction: Annotated[LetterDirection | None, BeforeValidator(
        lambda v: LetterDirection.parse(_none_if_blank(v)))] = Field(None, description=(
            "down: to the head of each evaluated region, who is asked to follow up and report "
            "progress; up: to a superior, to whom the results are reported; empty: up when the "
            "region evaluated is the programme's own, down otherwise"))
    follow_up_days: int = Field(60, gt=0, description=(
        "days within which a region reports follow-up progress (letters sent down)"))
    copies: TextList = Field(default_factory=list, description="tembusan, one recipient per item")
    status_date: dt.date | None = Field(None, description=(
        "the date the follow-up statuses are as of (status per); empty: the document date"))
    signatory: Signatory
    prepared_by: Signatory | None = Field(None, description=(
        "who prepared the report (e.g. the head of the evaluation team), signing the approval "
        "page beside the signatory; empty: the signatory alone"))
    letterhead: Letterhead


class Programme(_Model):
    name: Name
    agency: Name
    region: Region
    periods: Annotated[list[Period], BeforeValidator(_split_codes), Field(min_length=1)]
    current_period: Period | None = None
    methods: TextList = Field(default_factory=list)
    evaluators: TextList = Field(default_factory=list)
    background: str | None = None
    purpose: str | None = Field(None, description=(
        "maksud: what the evaluation is for, one paragraph; empty: a sentence from the "
        "programme, period and region"))
    objectives: TextList = Field(default_factory=list)
    legal_basis: TextList = Field(default_factory=list)
    scope: str | None = None
    conclusions: TextList = Field(default_factory=list)

    @model_validator(mode="after")
    def _current(self) -> Programme:
        if self.current_period is None:
            self.current_period = self.periods[-1]
        elif self.current_period not in self.periods:
            raise InvalidValue(_("current_period '{period}' is not one of the periods {periods}",
                                 period=self.current_period, periods=", ".join(self.periods)))
        return self


class GlossaryEntry(_Model):
    """An abbreviation the documents use, with what it stands for (Daftar Singkatan)."""

    abbreviation: Name
    meaning: Annotated[str, BeforeValidator(_one_line), Field(min_length=1, max_length=500)]


class BandDef(_Model):
    """One achievement band: values above ``min`` (or at it, when inclusive) fall in it."""

    label: Name
    label_en: Annotated[Name | None, Field(
        description="the band's name in English documents; empty: the label as it is")] = None
    min: Annotated[OptNumber, Field(description="lower bound; empty for the lowest band")] = None
    inclusive: YesNo = False
    color: str = Field("#808080", pattern=r"^#[0-9A-Fa-f]{6}$")


def _region_key(name: str) -> str:
    """'Kab. Malang', 'kabupaten  malang' and 'KABUPATEN MALANG' are the same region."""
    key = " ".join(name.replace(".", ". ").split()).casefold()
    for short, full in (("kab. ", "kabupaten "), ("kab ", "kabupaten "), ("prov. ", "provinsi "),
                        ("kec. ", "kecamatan "), ("kel. ", "kelurahan ")):
        if key.startswith(short):
            key = full + key[len(short):]
    return key


def _cap(v: Any) -> Any:
    """'tanpa batas', 'none' or '-' mean no ceiling."""
    if isinstance(v, str) and v.strip().casefold() in {"tanpa batas", "none", "-", "tidak", "no"}:
        return None
    return v


class Dataset(_Model):
    """A whole evaluation: programme, indicators, results, findings, recommendations, actions."""

    programme: Programme
    document: DocumentInfo
    bands: str | list[BandDef] = "permendagri-86-2017"
    achievement_cap: Annotated[Annotated[float, Field(gt=0)] | None, BeforeValidator(_cap)] = Field(
        100.0, description=("ceiling of each indicator's achievement (%) in the means of a region "
                            "or dimension; null (tanpa batas) for none"))
    regions: list[Region] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    targets: list[TargetOverride] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    disaggregations: list[Disaggregation] = Field(default_factory=list, description=(
        "the breakdowns (data terpilah) observations may give values for, each with its categories"))
    glossary: list[GlossaryEntry] = Field(default_factory=list, description=(
        "abbreviations and what they stand for, listed in the report's Daftar Singkatan"))
    draft_findings: list[Finding] = Field(default_factory=list, description=(
        "findings with status usulan (drafts), kept apart: documents print them only when "
        "rendered with drafts"))
    draft_recommendations: list[Recommendation] = Field(default_factory=list, description=(
        "recommendations with status usulan (drafts), kept apart like draft_findings"))

    # Filled by the loader: where the data came from (for provenance in the documents).
    source_name: str = Field("", exclude=True)
    source_sha256: str = Field("", exclude=True)
    source_dir: str = Field("", exclude=True)
    drafts_included: bool = Field(False, exclude=True)  # set by with_drafts(): documents say KONSEP

    @model_validator(mode="after")
    def _drafts_apart(self) -> Dataset:
        """Drafts (status usulan) are kept apart from accepted items, so that nothing prints
        a draft unless asked to (:meth:`with_drafts`)."""
        drafts = [x for x in self.findings if x.status == ItemStatus.DRAFT]
        if drafts:
            self.findings = [x for x in self.findings if x.status != ItemStatus.DRAFT]
            self.draft_findings = [*self.draft_findings, *drafts]
        drafts_r = [x for x in self.recommendations if x.status == ItemStatus.DRAFT]
        if drafts_r:
            self.recommendations = [x for x in self.recommendations if x.status != ItemStatus.DRAFT]
            self.draft_recommendations = [*self.draft_recommendations, *drafts_r]
        return self

    @property
    def has_drafts(self) -> bool:
        return bool(self.draft_findings or self.draft_recommendations)

    def with_drafts(self) -> Dataset:
        """A copy whose findings and recommendations include the drafts (for a document marked
        KONSEP)."""
        return self.model_copy(update={
            "findings": [*self.findings, *self.draft_findings],
            "recommendations": [*self.recommendations, *self.draft_recommendations],
            "draft_findings": [], "draft_recommendations": [], "drafts_included": True})

    def region(self, code_or_name: str) -> Region:
        """The region with this code ('3507', Kemendagri's '35.07') or name ('Kab. Malang'),
        whatever the case."""
        code = " ".join(str(code_or_name).split()).casefold()
        for r in self.regions:
            if r.code.casefold() == code:
                return r
        key = _region_key(code_or_name)
        for r in self.regions:
            if key == _region_key(r.name):
                return r
        raise KeyError(code_or_name)

    def indicator(self, code: str) -> Indicator:
        for i in self.indicators:
            if i.code == code:
                return i
        raise KeyError(code)

    @property
    def reported_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.reported]

    def for_region(self, region_code: str) -> Dataset:
        """A copy holding only what concerns one region (plus what concerns all regions)."""
        keep = lambda r: r is None or r == region_code  # noqa: E731
        data = self.model_copy(update={
            "regions": [r for r in self.regions if r.code == region_code],
            "targets": [t for t in self.targets if keep(t.region)],
            "observations": [o for o in self.observations if o.region == region_code],
            "findings": [f for f in self.findings if keep(f.region)],
            "recommendations": [r for r in self.recommendations if keep(r.region)],
            "actions": [a for a in self.actions if keep(a.region)],
        })
        return data


# ------------------------------------------------------------------------------- letters

NUMBER_FIELDS = ("no", "kode_wilayah")


def letter_number(data: Dataset, region: Region) -> str | None:
    """The number of ``region``'s letter: its own (``regions[].document_number``), else
    ``document.number`` with ``{no}`` (the region's place in the data, from 1) and
    ``{kode_wilayah}`` (its code) filled in; None when neither is given. A pattern naming
    another field, or badly formed, raises ``ValueError``."""
    if region.document_number:
        return region.document_number
    pattern = data.document.number
    if not pattern:
        return None
    position = next((n for n, r in enumerate(data.regions, start=1) if r.code == region.code), 1)
    try:
        return pattern.format_map({"no": position, "kode_wilayah": region.code})
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(str(exc)) from None


def letter_direction(data: Dataset, region: Region) -> LetterDirection:
    """Down to the region's head, or up to a superior: as the data say, else up when the region
    is the programme's own (an agency evaluating its own programme reports to its head) and
    down otherwise (a province's agency writes to each regency's head)."""
    if data.document.direction is not None:
        return LetterDirection(data.document.direction)
    if region.code == data.programme.region.code:
        return LetterDirection.UP
    return LetterDirection.DOWN

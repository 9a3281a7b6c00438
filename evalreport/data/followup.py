"""The previous evaluation cycle: last cycle's recommendations and actions, and their follow-up.

An evaluation is a cycle: this year's report first asks what became of last year's
recommendations. :class:`PreviousCycle` holds what this year's documents need of the last
cycle: its period and document date, its regions, recommendations and actions as they were
recorded then, and the follow-up statuses the secretariat has recorded since
(:class:`ActionUpdate`).

It is read (:func:`load_previous`) from either

- a full dataset of the previous cycle (.xlsx, .yaml, .json): its actions' statuses are then both
  the recorded and the latest ones, unless this cycle's dataset lists the same action again; or
- the follow-up workbook (``evalreport followup``, :func:`followup_workbook`): one row per
  earlier action with its recorded status beside a column for the latest one (a dropdown).

:func:`check_pair` validates the previous cycle against this one, with places: regions and
recommendations it names that do not exist, actions carried over under another
recommendation or region, and periods that do not come before the current ones.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Annotated, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BeforeValidator, Field, ValidationError

from ..errors import DataError, Location, Problem
from ..i18n.messages import Message, _, suggestion
from .load import file_sha256, load
from .model import (
    Action,
    Code,
    Dataset,
    FollowUpStatus,
    Name,
    Number,
    Period,
    Priority,
    Recommendation,
    _Model,
    _none_if_blank,
    _split_codes,
)
from .numbers import InvalidValue

__all__ = ["ActionUpdate", "PreviousRegion", "PreviousCycle", "load_previous", "from_dataset",
           "followup_workbook", "read_followup_workbook", "check_pair", "period_order",
           "FOLLOWUP_SHEET", "CYCLE_SHEET"]


class ActionUpdate(_Model):
    """The latest follow-up of one earlier action, as the secretariat recorded it."""

    action: Code
    status: Annotated[FollowUpStatus, BeforeValidator(FollowUpStatus.parse)]
    progress: Annotated[Number, Field(ge=0, le=100)] = 0
    evidence: Annotated[str | None, BeforeValidator(_none_if_blank)] = None


class PreviousRegion(_Model):
    """A region of the previous cycle, by its code (how it is matched) and name."""

    code: Code
    name: Name


class PreviousCycle(_Model):
    """Last cycle's recommendations and actions as recorded then, and their latest follow-up."""

    programme: Name
    period: Period = Field(description="the period the previous evaluation evaluated")
    periods: Annotated[list[Period], BeforeValidator(_split_codes), Field(min_length=1)]
    document_date: dt.date = Field(description="the date of the previous cycle's documents")
    programme_region: Code = Field(description="the code of the programme's own region")
    regions: list[PreviousRegion] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    updates: list[ActionUpdate] = Field(default_factory=list)

    source_name: str = Field("", exclude=True)
    source_sha256: str = Field("", exclude=True)

    def update(self, code: str) -> ActionUpdate | None:
        """The latest recorded follow-up of an action, if any."""
        return next((u for u in self.updates if u.action == code), None)


def from_dataset(data: Dataset) -> PreviousCycle:
    """The previous cycle as a full dataset of it records it (no later updates)."""
    p = data.programme
    return PreviousCycle(
        programme=p.name, period=p.current_period or p.periods[-1], periods=list(p.periods),
        document_date=data.document.date, programme_region=p.region.code,
        regions=[PreviousRegion(code=r.code, name=r.name) for r in data.regions],
        recommendations=list(data.recommendations), actions=list(data.actions),
        source_name=data.source_name, source_sha256=data.source_sha256)


# ------------------------------------------------------------------------------ the workbook

FOLLOWUP_SHEET = "Tindak Lanjut Lalu"
CYCLE_SHEET = "Siklus"
REGIONS_SHEET = "Wilayah"
RECOMMENDATIONS_SHEET = "Rekomendasi Lalu"
_LISTS = "Daftar Pilihan"

# (header, field, width, kind): kind is text | date | number | money | status | list | priority
_CYCLE = (("Program", "programme"), ("Periode evaluasi", "period"), ("Semua periode", "periods"),
          ("Tanggal dokumen", "document_date"), ("Kode wilayah program", "programme_region"))
_REGION_COLS = (("Kode", "code", 10, "text"), ("Nama", "name", 36, "text"))
_REC_COLS = (
    ("Kode", "code", 10, "text"), ("Wilayah", "region", 10, "text"),
    ("Temuan Terkait", "findings", 14, "list"), ("Rekomendasi", "text", 60, "text"),
    ("Prioritas", "priority", 11, "priority"), ("Ditujukan Kepada", "addressed_to", 30, "text"),
)
_ACTION_COLS = (
    ("Kode", "code", 9, "text"), ("Rekomendasi", "recommendation", 13, "text"),
    ("Wilayah", "region", 10, "text"), ("Kegiatan", "activity", 40, "text"),
    ("Penanggung Jawab", "responsible", 24, "text"), ("Mitra", "partners", 20, "text"),
    ("Batas Waktu", "deadline", 13, "date"),
    ("Indikator Keberhasilan", "success_indicator", 30, "text"),
    ("Anggaran (Rp)", "budget", 15, "money"), ("Sumber Anggaran", "funding_source", 15, "text"),
    ("Status Semula", "status", 22, "status"), ("Progres Semula (%)", "progress", 11, "number"),
    ("Bukti Semula", "evidence", 24, "text"),
)
_UPDATE_COLS = (
    ("Status Terkini", "latest_status", 24, "status"),
    ("Progres Terkini (%)", "latest_progress", 11, "number"),
    ("Bukti / Catatan Terkini", "latest_evidence", 34, "text"),
)
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_UPDATE_FILL = PatternFill("solid", fgColor="C55A11")
_RECORDED_FILL = PatternFill("solid", fgColor="EDEDED")


def _label(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "status":
        return FollowUpStatus(value).label_id
    if kind == "priority":
        return Priority(value).label_id
    if kind == "list":
        return ", ".join(value)
    if kind == "money":
        return int(value)
    if kind == "period":
        return str(value)
    return value


def _put(ws, row: int, col: int, value: Any, kind: str) -> None:
    cell = ws.cell(row, col)
    cell.value = _label(kind, value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # a text starting with '=' stays text, never a formula
    if kind == "date":
        cell.number_format = "DD/MM/YYYY"
    elif kind == "money":
        cell.number_format = "#,##0"
    elif kind == "text":
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _header(ws, cols: tuple, fills: list[PatternFill] | None = None) -> None:
    for i, (head, _field, width, _kind) in enumerate(cols, start=1):
        cell = ws.cell(1, i, head)
        cell.fill = (fills or [_HEADER_FILL] * len(cols))[i - 1]
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def followup_workbook(previous: PreviousCycle) -> bytes:
    """The follow-up workbook of a previous cycle: one row per earlier action with what was
    recorded then (grey) and columns for its latest status (a dropdown of the four status
    classes), progress and evidence; its recommendations, regions and cycle on sheets of their
    own, so that the workbook alone can stand for the previous cycle (``--previous``)."""
    wb = Workbook()
    ws = wb.active
    ws.title = FOLLOWUP_SHEET
    cols = _ACTION_COLS + _UPDATE_COLS
    _header(ws, cols, [_HEADER_FILL] * len(_ACTION_COLS) + [_UPDATE_FILL] * len(_UPDATE_COLS))
    for r, a in enumerate(previous.actions, start=2):
        for c, (_head, name, _w, kind) in enumerate(_ACTION_COLS, start=1):
            _put(ws, r, c, getattr(a, name), kind)
            ws.cell(r, c).fill = _RECORDED_FILL
        u = previous.update(a.code)
        for c, (_head, name, _w, kind) in enumerate(_UPDATE_COLS, start=len(_ACTION_COLS) + 1):
            _put(ws, r, c, getattr(u, name.removeprefix("latest_")) if u else None, kind)
    lists = wb.create_sheet(_LISTS)
    for i, label in enumerate(FollowUpStatus.choices_id(), start=1):
        lists.cell(i, 1, label)
    lists.sheet_state = "hidden"
    status_col = get_column_letter(len(_ACTION_COLS) + 1)
    dv = DataValidation(type="list", formula1=f"'{_LISTS}'!$A$1:$A${len(FollowUpStatus)}",
                        allow_blank=True, showErrorMessage=True, errorTitle="Status tidak valid",
                        error="Pilih salah satu status tindak lanjut dari daftar.")
    ws.add_data_validation(dv)
    dv.add(f"{status_col}2:{status_col}{max(len(previous.actions) + 1, 2)}")
    pv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                        allow_blank=True, showErrorMessage=True, errorTitle="Progres tidak valid",
                        error="Progres adalah angka 0 sampai 100.")
    ws.add_data_validation(pv)
    progress_col = get_column_letter(len(_ACTION_COLS) + 2)
    pv.add(f"{progress_col}2:{progress_col}{max(len(previous.actions) + 1, 2)}")

    recs = wb.create_sheet(RECOMMENDATIONS_SHEET)
    _header(recs, _REC_COLS)
    for r, rec in enumerate(previous.recommendations, start=2):
        for c, (_head, name, _w, kind) in enumerate(_REC_COLS, start=1):
            _put(recs, r, c, getattr(rec, name), kind)
    regions = wb.create_sheet(REGIONS_SHEET)
    _header(regions, _REGION_COLS)
    for r, reg in enumerate(previous.regions, start=2):
        _put(regions, r, 1, reg.code, "text")
        _put(regions, r, 2, reg.name, "text")
    cycle = wb.create_sheet(CYCLE_SHEET)
    _header(cycle, (("Isian", "", 26, "text"), ("Nilai", "", 50, "text")))
    for r, (head, name) in enumerate(_CYCLE, start=2):
        cycle.cell(r, 1, head).font = Font(bold=True)
        value = getattr(previous, name)
        _put(cycle, r, 2, ", ".join(value) if name == "periods" else value,
             "date" if name == "document_date" else "text")
    wb.move_sheet(_LISTS, offset=len(wb.sheetnames))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(v: Any) -> Any:
    """A cell as the model reads it: dates as dates, whole floats Excel made of numbers kept."""
    if isinstance(v, dt.datetime):
        return v.date()
    return v


def _rows(ws, cols: tuple, file: str, problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a table sheet as {field: value}, located; a missing column is a problem."""
    header = [str(c.value).strip() if c.value is not None else "" for c in ws[1]] if ws.max_row else []
    where: dict[str, int] = {}
    for head, name, _w, _kind in cols:
        if head in header:
            where[name] = header.index(head)
        else:
            problems.append(Problem(Location(file, ws.title, 1),
                                    _("column '{column}' is missing", column=head),
                                    code="missing-column"))
    out = []
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        rec = {name: _text(row[i]) if i < len(row) else None for name, i in where.items()}
        out.append((r, rec))
    return out


def _model(cls: type, rec: dict[str, Any], loc: Location, cols: tuple,
           problems: list[Problem]) -> Any:
    """A record validated into ``cls``; each failing field a problem at its cell."""
    letters = {name: (get_column_letter(i), head) for i, (head, name, _w, _k) in enumerate(cols, start=1)}
    try:
        return cls(**{k: v for k, v in rec.items() if v is not None})
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            letter, head = letters.get(name, (None, None))
            ctx_error = (err.get("ctx") or {}).get("error")
            text = ctx_error.message if isinstance(ctx_error, InvalidValue) else None
            if err["type"] == "missing":
                message: Message = _("is empty")
            elif isinstance(text, Message):
                message = text
            else:
                message = _("invalid value '{value}': {detail}", value=str(err.get("input", "")),
                            detail=err["msg"])
            problems.append(Problem(Location(loc.file, loc.sheet, loc.row, letter, head), message,
                                    code="invalid-value"))
    return None


def read_followup_workbook(path: str | Path) -> PreviousCycle:
    """Read a follow-up workbook (see :func:`followup_workbook`); raises
    :class:`~evalreport.errors.DataError` with every problem and its cell."""
    path = Path(path)
    file = str(path)
    wb = load_workbook(path, data_only=True)
    problems: list[Problem] = []
    for sheet in (FOLLOWUP_SHEET, RECOMMENDATIONS_SHEET, REGIONS_SHEET, CYCLE_SHEET):
        if sheet not in wb.sheetnames:
            problems.append(Problem(Location(file, sheet), _("the sheet is missing"),
                                    code="missing-sheet"))
    if problems:
        raise DataError(problems)
    cycle: dict[str, Any] = {}
    labels = {head: name for head, name in _CYCLE}
    for head, value in wb[CYCLE_SHEET].iter_rows(min_row=2, max_col=2, values_only=True):
        if head is not None and str(head).strip() in labels:
            cycle[labels[str(head).strip()]] = _text(value)
    for head, name in _CYCLE:
        if cycle.get(name) in (None, ""):
            problems.append(Problem(Location(file, CYCLE_SHEET, header=head), _("is empty"),
                                    code="missing-value"))
    regions = []
    for r, rec in _rows(wb[REGIONS_SHEET], _REGION_COLS, file, problems):
        regions.append(_model(PreviousRegion, rec, Location(file, REGIONS_SHEET, r), _REGION_COLS, problems))
    recs = []
    for r, rec in _rows(wb[RECOMMENDATIONS_SHEET], _REC_COLS, file, problems):
        recs.append(_model(Recommendation, rec, Location(file, RECOMMENDATIONS_SHEET, r), _REC_COLS,
                           problems))
    actions, updates = [], []
    cols = _ACTION_COLS + _UPDATE_COLS
    for r, rec in _rows(wb[FOLLOWUP_SHEET], cols, file, problems):
        loc = Location(file, FOLLOWUP_SHEET, r)
        action = _model(Action, {name: rec.get(name) for _h, name, _w, _k in _ACTION_COLS}, loc,
                        _ACTION_COLS, problems)
        actions.append(action)
        if action is not None:
            update = _latest(rec, action, loc, problems)
            if update is not None:
                updates.append(update)
    if problems:
        raise DataError(problems)
    try:
        previous = PreviousCycle(**cycle, regions=regions, recommendations=recs, actions=actions,
                                 updates=updates)
    except ValidationError as exc:
        raise DataError([Problem(Location(file, CYCLE_SHEET, header=str(e["loc"][0]) if e["loc"] else None),
                                 _("invalid value: {detail}", detail=e["msg"]), code="invalid-value")
                         for e in exc.errors()]) from None
    previous.source_name = path.name
    previous.source_sha256 = file_sha256(path)
    return previous


def _latest(rec: dict[str, Any], action: Action, loc: Location,
            problems: list[Problem]) -> ActionUpdate | None:
    """The latest follow-up written in a row's update columns; none when they are all blank.
    A status alone is enough: progress is then 100 for an action done and stays where it was
    otherwise."""
    values = {name.removeprefix("latest_"): rec.get(name) for _h, name, _w, _k in _UPDATE_COLS}
    blank = {k: v is None or (isinstance(v, str) and not v.strip()) for k, v in values.items()}
    if all(blank.values()):
        return None
    status_col = len(_ACTION_COLS) + 1
    if blank["status"]:
        problems.append(Problem(
            Location(loc.file, loc.sheet, loc.row, get_column_letter(status_col), _UPDATE_COLS[0][0]),
            _("choose the latest status: progress or evidence is written without it"),
            code="missing-value"))
        return None
    if blank["progress"]:
        done = FollowUpStatus.parse(values["status"]) == FollowUpStatus.DONE.value
        values["progress"] = 100 if done else action.progress
    cols = tuple((h, n.removeprefix("latest_"), w, k) for h, n, w, k in _UPDATE_COLS)
    shifted = (("", "", 0, ""),) * len(_ACTION_COLS) + cols
    return _model(ActionUpdate, {"action": action.code, **values}, loc, shifted, problems)


def is_followup_workbook(path: str | Path) -> bool:
    """Whether a file is a follow-up workbook (it has the sheet of earlier actions)."""
    path = Path(path)
    if path.suffix.casefold() not in {".xlsx", ".xlsm"} or not path.is_file():
        return False
    try:
        wb = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - not a workbook we can read: the dataset loader says why
        return False
    try:
        return FOLLOWUP_SHEET in wb.sheetnames and CYCLE_SHEET in wb.sheetnames
    finally:
        wb.close()


def load_previous(path: str | Path) -> PreviousCycle:
    """The previous cycle from a full dataset or a follow-up workbook."""
    if is_followup_workbook(path):
        return read_followup_workbook(path)
    return from_dataset(load(path))


# ------------------------------------------------------------------------------ the pair

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def period_order(period: str) -> tuple[int, str] | None:
    """A period's place in time as far as its text tells: its year ('2024', 'Triwulan III
    2025'); None when it names no year."""
    years = _YEAR.findall(period)
    return (int(years[-1]), period) if years else None


def check_pair(current: Dataset, previous: PreviousCycle, file: str = "") -> list[Problem]:
    """Problems of a previous cycle read beside this one, each with its place: periods that do
    not come before this cycle's, a document date not before this one's, regions of earlier
    items that this dataset does not hold (warnings: their follow-up is not reported),
    actions whose recommendation is unknown, and actions carried over into this dataset under
    another recommendation or region."""
    file = file or previous.source_name
    problems: list[Problem] = []
    where = Location(file, place=_("previous evaluation"))
    cur = current.programme.current_period or current.programme.periods[-1]
    if previous.period in current.programme.periods:
        if current.programme.periods.index(previous.period) >= current.programme.periods.index(cur):
            problems.append(Problem(where, _(
                "the previous evaluation's period {previous} does not come before this "
                "evaluation's period {current}", previous=previous.period, current=cur),
                code="previous-period"))
    else:
        then, now_order = period_order(previous.period), period_order(cur)
        if then is not None and now_order is not None and then[0] >= now_order[0]:
            problems.append(Problem(where, _(
                "the previous evaluation's period {previous} does not come before this "
                "evaluation's period {current}", previous=previous.period, current=cur),
                code="previous-period"))
    if previous.document_date >= current.document.date:
        problems.append(Problem(where, _(
            "the previous evaluation's documents are dated {previous}, not before this "
            "evaluation's ({current})", previous=previous.document_date.isoformat(),
            current=current.document.date.isoformat()), code="previous-date"))
    known = {r.code for r in current.regions} | {current.programme.region.code}
    names = {r.code: r.name for r in previous.regions}
    rec_codes = {r.code for r in previous.recommendations}
    rec_region = {r.code: r.region for r in previous.recommendations}
    seen_regions: set[str] = set()
    for r in previous.recommendations:
        if r.region is not None and r.region not in known and r.region not in seen_regions:
            seen_regions.add(r.region)
            problems.append(Problem(
                Location(file, place=_("recommendation {code}", code=r.code)),
                _("region '{code}' ({name}) is not in this evaluation's data; its follow-up is "
                  "not reported{hint}", code=r.region, name=names.get(r.region, "?"),
                  hint=suggestion(r.region, sorted(known)) or ""),
                severity="warning", code="previous-region"))
    now = {a.code: a for a in current.actions}
    for a in previous.actions:
        place = Location(file, place=_("action {code}", code=a.code))
        if a.recommendation not in rec_codes:
            problems.append(Problem(place, _(
                "recommendation '{code}' is not among the previous evaluation's "
                "recommendations{hint}", code=a.recommendation,
                hint=suggestion(a.recommendation, sorted(rec_codes)) or ""), code="unknown-code"))
        region = a.region if a.region is not None else rec_region.get(a.recommendation)
        if region is not None and region not in known and region not in seen_regions:
            seen_regions.add(region)
            problems.append(Problem(place, _(
                "region '{code}' ({name}) is not in this evaluation's data; its follow-up is "
                "not reported{hint}", code=region, name=names.get(region, "?"),
                hint=suggestion(region, sorted(known)) or ""),
                severity="warning", code="previous-region"))
        carried = now.get(a.code)
        if carried is not None:
            if carried.recommendation != a.recommendation:
                problems.append(Problem(place, _(
                    "this evaluation's data list action {code} under recommendation {current}; "
                    "the previous evaluation under {previous}", code=a.code,
                    current=carried.recommendation, previous=a.recommendation),
                    code="carried-action"))
            elif carried.region != a.region:
                problems.append(Problem(place, _(
                    "this evaluation's data list action {code} for region {current}; the "
                    "previous evaluation for {previous}", code=a.code,
                    current=carried.region or "-", previous=a.region or "-"),
                    code="carried-action"))
    return problems

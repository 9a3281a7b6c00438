"""The Excel workbook format: one sheet per table, Indonesian column headers.

This module owns the layout (sheet names, headers, which field each column fills) and the two
directions through it: :func:`read` turns a workbook into the same plain structure a YAML file
gives, plus the sheet/row/column of every value; :func:`write` makes a workbook, blank (for
``evalreport init``) or filled from a dataset, with dropdowns, a frozen header row and widths.
"""
from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell.read_only import EmptyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import Location, Problem
from ..i18n.messages import _, n_, suggestion
from .model import (
    Acting,
    DacCriterion,
    DataStatus,
    FollowUpStatus,
    ItemStatus,
    LetterDirection,
    Polarity,
    Priority,
    RegionLevel,
)


@dataclass(frozen=True)
class Column:
    header: str
    path: str              # dotted path inside the row's record, e.g. "formula.numerator"
    width: int = 14
    choices: tuple[str, ...] = ()
    kind: str = "text"     # text | number | date | list | bool | raw
    note: str = ""
    required: bool = False  # a sheet with rows must have this column (its values would be lost)


@dataclass(frozen=True)
class TableSheet:
    name: str
    key: str               # key in the dataset: "indicators", "observations", ...
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class FormSheet:
    """A two-column sheet of labelled fields (Isian | Nilai)."""

    name: str
    fields: tuple[Column, ...]


YES_NO = ("ya", "tidak")
COMPARATORS = (">=", ">", "<=", "<", "=", "antara")

PROGRAM = FormSheet("Program", (
    Column("Nama program", "programme.name"),
    Column("Instansi pelaksana", "programme.agency"),
    Column("Kode wilayah", "programme.region.code"),
    Column("Nama wilayah", "programme.region.name"),
    Column("Tingkat wilayah", "programme.region.level", choices=tuple(RegionLevel.choices_id())),
    Column("Periode", "programme.periods", kind="list", note="satu periode per baris"),
    Column("Periode berjalan", "programme.current_period", note="kosongkan = periode terakhir"),
    Column("Metode", "programme.methods", kind="list", note="satu metode per baris"),
    Column("Tim evaluator", "programme.evaluators", kind="list", note="satu nama per baris"),
    Column("Latar belakang", "programme.background"),
    Column("Maksud", "programme.purpose", note="maksud evaluasi, satu paragraf; kosong = disusun "
           "dari nama program, periode dan wilayah"),
    Column("Tujuan", "programme.objectives", kind="list", note="satu tujuan per baris"),
    Column("Dasar hukum", "programme.legal_basis", kind="list", note="satu peraturan per baris"),
    Column("Ruang lingkup", "programme.scope"),
    Column("Kesimpulan", "programme.conclusions", kind="list", note="satu kalimat per baris"),
    Column("Skema predikat", "bands", note="permendagri-86-2017, kinerja-individu-4, lkjip-6, "
           "atau kosong bila lembar Predikat diisi"),
    Column("Batas capaian dalam rata-rata (%)", "achievement_cap", kind="number",
           note="capaian setiap indikator dibatasi nilai ini sebelum dirata-ratakan; kosong = 100, "
                "'tanpa batas' = tidak dibatasi"),
))

DOKUMEN = FormSheet("Dokumen", (
    Column("Nomor", "document.number"),
    Column("Tempat", "document.place"),
    Column("Tanggal", "document.date", kind="date"),
    Column("Sifat", "document.nature"),
    Column("Lampiran", "document.attachment"),
    Column("Hal", "document.subject"),
    Column("Kepada", "document.addressee", note="atasan penerima laporan (surat ke atas); surat "
           "kepada wilayah ditujukan kepada kepala wilayahnya"),
    Column("Arah surat", "document.direction", choices=("kepada kepala daerah yang dievaluasi",
                                                        "kepada atasan"),
           note="kosong = kepada atasan bila wilayah yang dievaluasi adalah wilayah program, "
                "selain itu kepada kepala daerah yang dievaluasi"),
    Column("Batas laporan tindak lanjut (hari)", "document.follow_up_days", kind="number",
           note="kosong = 60"),
    Column("Tembusan", "document.copies", kind="list", note="satu penerima per baris"),
    Column("Status tindak lanjut per", "document.status_date", kind="date",
           note="tanggal posisi status tindak lanjut; kosong = tanggal dokumen"),
    Column("Nama penandatangan", "document.signatory.name"),
    Column("Jabatan penandatangan", "document.signatory.title"),
    Column("Pangkat/golongan", "document.signatory.rank"),
    Column("NIP", "document.signatory.nip", kind="raw", note="ketik sebagai teks, 18 digit"),
    Column("Status jabatan", "document.signatory.acting", choices=("definitif", "Plt.", "Plh.", "Pj.")),
    Column("Nama penyusun", "document.prepared_by.name",
           note="mis. ketua tim evaluasi; menandatangani lembar pengesahan di samping penandatangan"),
    Column("Jabatan penyusun", "document.prepared_by.title"),
    Column("Pangkat/golongan penyusun", "document.prepared_by.rank"),
    Column("NIP penyusun", "document.prepared_by.nip", kind="raw", note="ketik sebagai teks, 18 digit"),
    Column("Kop: pemerintah", "document.letterhead.parent"),
    Column("Kop: instansi", "document.letterhead.agency"),
    Column("Kop: alamat", "document.letterhead.address"),
    Column("Kop: kontak", "document.letterhead.contact"),
    Column("Kop: logo", "document.letterhead.logo", note="berkas PNG/JPEG, relatif terhadap berkas data"),
))

TABLES: tuple[TableSheet, ...] = (
    TableSheet("Wilayah", "regions", (
        Column("Kode", "code", 10, required=True),
        Column("Nama", "name", 26, required=True),
        Column("Tingkat", "level", 14, tuple(RegionLevel.choices_id())),
        Column("Induk", "parent", 20),
        Column("Jumlah Penduduk", "population", 16, kind="number"),
        Column("Kepada", "addressee", 24, note="kosong = kepala wilayah, mis. Bupati Bangkalan"),
        Column("Nomor Surat", "document_number", 26),
    )),
    TableSheet("Dimensi", "dimensions", (
        Column("Kode", "code", 10, required=True),
        Column("Nama", "name", 30, required=True),
        Column("Uraian", "description", 50),
    )),
    TableSheet("Indikator", "indicators", (
        Column("Kode", "code", 10, required=True),
        Column("Nama", "name", 44, required=True),
        Column("Dimensi", "dimension", 10, required=True),
        Column("Satuan", "unit", 12),
        Column("Polaritas", "polarity", 22, tuple(Polarity.choices_id())),
        Column("Pembanding", "comparator", 12, COMPARATORS),
        Column("Target", "target", 10, kind="number"),
        Column("Target Min", "target_min", 11, kind="number"),
        Column("Target Maks", "target_max", 11, kind="number"),
        Column("Baseline", "baseline", 10, kind="number"),
        Column("Tahun Baseline", "baseline_year", 14),
        Column("Sumber Data", "source", 24),
        Column("Metode Pengumpulan", "method", 22),
        Column("Rumus Pembilang", "formula.numerator", 16),
        Column("Rumus Penyebut", "formula.denominator", 16),
        Column("Rumus Pengali", "formula.scale", 14, kind="number"),
        Column("Batas Bawah Wajar", "plausible_min", 16, kind="number"),
        Column("Batas Atas Wajar", "plausible_max", 16, kind="number"),
        Column("Desimal", "decimals", 9, kind="number"),
        Column("Dilaporkan", "reported", 11, YES_NO, kind="bool"),
        Column("Uraian", "description", 40),
    )),
    TableSheet("Target", "targets", (
        Column("Indikator", "indicator", 12, required=True),
        Column("Wilayah", "region", 12),
        Column("Periode", "period", 10),
        Column("Pembanding", "comparator", 12, COMPARATORS),
        Column("Target", "target", 10, kind="number"),
        Column("Target Min", "target_min", 11, kind="number"),
        Column("Target Maks", "target_max", 11, kind="number"),
        Column("Baseline", "baseline", 10, kind="number"),
        Column("Tahun Baseline", "baseline_year", 14),
    )),
    TableSheet("Realisasi", "observations", (
        Column("Wilayah", "region", 12, required=True),
        Column("Periode", "period", 10, required=True),
        Column("Indikator", "indicator", 12, required=True),
        Column("Nilai", "value", 12, required=True),
        Column("Status Data", "status", 14, tuple(DataStatus.choices_id())),
        Column("Disagregasi", "disaggregation", 30,
               note="kosong untuk nilai utama; mis. jenis kelamin: perempuan (lembar Disagregasi)"),
        Column("Catatan", "note", 36),
    )),
    TableSheet("Disagregasi", "disaggregations", (
        Column("Pemilahan", "name", 20, required=True, note="mis. jenis kelamin, kelompok umur, disabilitas"),
        Column("Kategori", "categories", 44, kind="list", required=True,
               note="dipisah koma, dalam urutan tabel dan grafik: perempuan, laki-laki"),
        Column("Menjumlah ke Nilai Utama", "additive", 14, YES_NO, kind="bool"),
        Column("Batas Selisih", "gap_threshold", 12, kind="number"),
    )),
    TableSheet("Temuan", "findings", (
        Column("Kode", "code", 8, required=True),
        Column("Judul", "title", 30, required=True),
        Column("Dimensi", "dimension", 10),
        Column("Wilayah", "region", 10),
        Column("Kondisi", "condition", 40, required=True),
        Column("Kriteria", "criterion", 40, required=True),
        Column("Sebab", "cause", 40, required=True),
        Column("Akibat", "effect", 40, required=True),
        Column("Kriteria DAC", "dac", 16, tuple(DacCriterion.choices_id())),
        Column("Indikator Terkait", "indicators", 16, kind="list"),
        Column("Bukti", "evidence", 30),
        Column("Status", "status", 11, tuple(ItemStatus.choices_id()), note="usulan: belum diterima"),
    )),
    TableSheet("Rekomendasi", "recommendations", (
        Column("Kode", "code", 8, required=True),
        Column("Temuan Terkait", "findings", 14, kind="list"),
        Column("Rekomendasi", "text", 60, required=True),
        Column("Prioritas", "priority", 11, tuple(Priority.choices_id())),
        Column("Ditujukan Kepada", "addressed_to", 30, required=True),
        Column("Wilayah", "region", 10),
        Column("Status", "status", 11, tuple(ItemStatus.choices_id()), note="usulan: belum diterima"),
    )),
    TableSheet("Tindak Lanjut", "actions", (
        Column("Kode", "code", 8, required=True),
        Column("Rekomendasi", "recommendation", 13, required=True),
        Column("Kegiatan", "activity", 40, required=True),
        Column("Penanggung Jawab", "responsible", 26, required=True),
        Column("Mitra", "partners", 24),
        Column("Batas Waktu", "deadline", 13, kind="date", required=True),
        Column("Indikator Keberhasilan", "success_indicator", 36, required=True),
        Column("Anggaran (Rp)", "budget", 16, kind="number"),
        Column("Sumber Anggaran", "funding_source", 16, note="mis. APBD, APBN, hibah"),
        Column("Status", "status", 26, tuple(FollowUpStatus.choices_id())),
        Column("Progres (%)", "progress", 11, kind="number"),
        Column("Bukti / Catatan", "evidence", 30),
        Column("Wilayah", "region", 10),
    )),
    TableSheet("Singkatan", "glossary", (
        Column("Singkatan", "abbreviation", 16, required=True),
        Column("Kepanjangan", "meaning", 60, required=True),
    )),
    TableSheet("Predikat", "bands", (
        Column("Predikat", "label", 18, required=True),
        Column("Batas Bawah", "min", 13, kind="number", note="kosong untuk predikat terendah"),
        Column("Termasuk Batas", "inclusive", 15, YES_NO, kind="bool"),
        Column("Warna", "color", 11, note="#RRGGBB"),
        Column("Predikat (Inggris)", "label_en", 18, note="nama predikat dalam dokumen berbahasa Inggris"),
    )),
)

# The breakdowns a blank workbook declares, as national planning asks for them (data terpilah).
COMMON_BREAKDOWNS: list[dict[str, Any]] = [
    {"name": "jenis kelamin", "categories": ["perempuan", "laki-laki"], "additive": False},
    {"name": "kelompok umur", "categories": ["< 19 tahun", "19–59 tahun", "≥ 60 tahun"], "additive": False},
    {"name": "disabilitas", "categories": ["penyandang disabilitas", "nondisabilitas"], "additive": False},
]

# Sections of a form sheet that may be left blank altogether (a partly filled one is checked).
OPTIONAL_SECTIONS = ("document.prepared_by",)
OPTIONAL_SHEETS = {"Target", "Disagregasi", "Temuan", "Rekomendasi", "Tindak Lanjut", "Singkatan", "Predikat"}
LIST_SHEET = "Daftar Pilihan"


# --------------------------------------------------------------------------------------- read

# Cells of a workbook that lose what they hold without a word, unless read with care: a
# formula whose result was never saved (a workbook written by a program, or never opened in
# Excel), a merged range (only its first cell keeps the value), an Excel error (#DIV/0!).
_FORMULA_CELLS_LISTED = 10  # formula cells named one by one on a sheet; the rest are counted
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]+(?::[A-Za-z]{1,3}[0-9]+)?)"')
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class WorkbookSource:
    """Where each value of a workbook came from; answers pydantic error locations."""

    def __init__(self, file: str):
        self.file = file
        self.places: dict[tuple, Location] = {}
        self.base_dir: Path | None = None
        self._explained: set[tuple] = set()

    def add(self, loc: tuple, sheet: str, row: int, col: int | None = None, header: str | None = None):
        self.places[loc] = Location(
            file=self.file, sheet=sheet, row=row,
            column=get_column_letter(col) if col else None, header=header)

    def locate(self, loc: tuple) -> Location:
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.places:
                return self.places[loc[:n]]
        return Location(file=self.file)

    def explain(self, loc: tuple) -> None:
        """A value at ``loc`` is missing for a reason already reported (a missing column, a
        merged or formula cell): validation need not also say it is required. ``loc`` may
        hold ``"*"`` for the row index (a whole column)."""
        self._explained.add(loc)

    def explained(self, loc: tuple) -> bool:
        if loc in self._explained:
            return True
        return len(loc) > 2 and (loc[0], "*") + loc[2:] in self._explained


def _norm(h: Any) -> str:
    return " ".join(str(h).replace("_", " ").split()).casefold() if h is not None else ""


def _cell(value: Any, kind: str, number_format: str = "") -> Any:
    if kind == "raw":  # e.g. a NIP: a number here already lost digits; let validation say so
        return value.strip() or None if isinstance(value, str) else value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (number_format or ""):
        # typed as 64,20% in Excel: stored as 0.642 with a percent format; the data means 64.2
        return float(Decimal(repr(value)) * 100)
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if isinstance(value, dt.datetime) and kind in ("date", "text"):
        value = value.date()
    if kind == "bool" and isinstance(value, str):
        return {"ya": True, "yes": True, "tidak": False, "no": False}.get(value.casefold(), value)
    if kind == "list" and isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer() and kind == "text":
        return str(int(value))
    return value


def _put(record: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    for p in parts[:-1]:
        record = record.setdefault(p, {})
    record[parts[-1]] = value


@dataclass
class _SheetRead:
    """What reading one sheet left to check: cells that may hold an unsaved formula result."""

    title: str
    # (row, column) -> (where its value belongs, or None for a row read as empty; its header)
    blank_cells: dict[tuple[int, int], tuple[tuple | None, str | None]]


def read(path: Path, problems: list[Problem]) -> tuple[dict, WorkbookSource]:
    """Read a workbook into the dataset structure; layout problems go into ``problems``."""
    file = str(path)
    src = WorkbookSource(file)
    wb = load_workbook(path, read_only=True, data_only=True)
    sheets: list[_SheetRead] = []
    try:
        data: dict[str, Any] = {}
        names = {_norm(n): n for n in wb.sheetnames}
        for form in (PROGRAM, DOKUMEN):
            if _norm(form.name) not in names:
                problems.append(_missing_sheet(file, form.name))
                continue
            sheets.append(_read_form(wb[names[_norm(form.name)]], form, data, src, problems))
            for c in form.fields:  # empty sections, so each missing field is named by its label
                parts = c.path.split(".")
                node = data
                for part in parts[:-1]:
                    node = node.setdefault(part, {})
            for section in OPTIONAL_SECTIONS:  # ... but an optional one left blank is absent
                *outer, last = section.split(".")
                node = data
                for part in outer:
                    node = node.get(part, {})
                if node.get(last) == {}:
                    del node[last]
        for table in TABLES:
            if _norm(table.name) not in names:
                if table.name not in OPTIONAL_SHEETS:
                    problems.append(_missing_sheet(file, table.name))
                    src.places[(table.key,)] = Location(file=file, sheet=table.name)
                continue
            rows, sheet = _read_table(wb[names[_norm(table.name)]], table, src, problems)
            sheets.append(sheet)
            if table.key == "bands":
                if rows:
                    data["bands"] = rows
            else:
                data[table.key] = rows
    finally:
        wb.close()
    _check_formulas(path, sheets, src, problems)
    _check_merged(path, sheets, src, problems)
    return data, src


def _missing_sheet(file: str, name: str) -> Problem:
    return Problem(Location(file=file), _("sheet '{sheet}' is missing", sheet=name))


def _excel_error(src: WorkbookSource, loc: tuple, sheet: str, row: int, col: int,
                 header: str | None, value: Any, problems: list[Problem]) -> None:
    problems.append(Problem(
        Location(file=src.file, sheet=sheet, row=row, column=get_column_letter(col), header=header),
        _("the cell shows the Excel error {error}; correct its formula or type the value",
          error=str(value))))
    src.explain(loc)


def _read_form(ws, form: FormSheet, data: dict, src: WorkbookSource,
               problems: list[Problem]) -> _SheetRead:
    by_label = {_norm(c.header): c for c in form.fields}
    by_label.update({_norm(c.path.split(".", 1)[-1]): c for c in form.fields})
    sheet = _SheetRead(ws.title, {})
    for c in form.fields:  # a field with no row at all is reported on the sheet, by its label
        loc = tuple(c.path.split("."))
        src.places.setdefault(loc, Location(file=src.file, sheet=ws.title, header=c.header))
        for n in range(1, len(loc)):  # and a whole missing section on its sheet
            src.places.setdefault(loc[:n], Location(file=src.file, sheet=ws.title))
    for r, cells in enumerate(ws.iter_rows(min_row=2, max_col=2), start=2):
        cells = tuple(cells) + (None, None)
        label = cells[0].value if cells[0] is not None else None
        value = cells[1].value if cells[1] is not None else None
        fmt = getattr(cells[1], "number_format", "") if cells[1] is not None else ""
        if label is None or not str(label).strip():
            continue
        col = by_label.get(_norm(label))
        if col is None:
            headers = [c.header for c in form.fields]
            hint = suggestion(str(label), headers)
            problems.append(Problem(
                Location(file=src.file, sheet=ws.title, row=r, column="A"),
                _("unknown field '{label}'{hint}; known: {known}", label=str(label),
                  hint=hint or "", known=", ".join(headers))))
            for meant in difflib.get_close_matches(str(label), headers, n=1):
                # the field it stands for is reported here, not also as missing
                field = next(c for c in form.fields if c.header == meant)
                src.explain(tuple(field.path.split(".")))
            continue
        place = tuple(int(p) if p.isdigit() else p for p in col.path.split("."))
        src.add(place, ws.title, r, 2, str(label))  # an empty value is reported here too
        if getattr(cells[1], "data_type", None) == "e":
            _excel_error(src, place, ws.title, r, 2, str(label), value, problems)
            continue
        if value is None and _maybe_formula(cells[1]):
            sheet.blank_cells[(r, 2)] = (place, str(label))
        value = _cell(value, col.kind, fmt)
        if col.kind == "list":
            if value is None:
                continue
            _parent, lst = _walk_create(data, col.path, list)
            src.add(place + (len(lst),), ws.title, r, 2, label)
            src.places.setdefault(place, src.places[place + (len(lst),)])
            lst.append(value)
        else:
            if value is None:
                continue
            _put(data, col.path, value)
            src.add(loc, ws.title, r, 2, str(label))
    return sheet


def _maybe_formula(cell: Any) -> bool:
    """A cell written in the file yet read as empty: a formula without a saved result, or a
    formatted empty cell (the formula pass tells them apart)."""
    return cell is not None and not isinstance(cell, EmptyCell)


def _walk_create(data: dict, path: str, factory: Callable) -> tuple[dict, Any]:
    parts = path.split(".")
    for p in parts[:-1]:
        data = data.setdefault(p, {})
    return data, data.setdefault(parts[-1], factory())


def _match_headers(ws, table: TableSheet, header: tuple, src: WorkbookSource,
                   problems: list[Problem]) -> dict[int, Column]:
    """Which column holds which field. A header that is not known but resembles an absent
    column is that column renamed (its values would be lost): an error with "did you mean".
    An absent required column is an error; another unknown header is only a warning."""
    known = {_norm(c.header): c for c in table.columns}
    known.update({_norm(c.path): c for c in table.columns})
    colmap: dict[int, Column] = {}
    unknown: dict[int, str] = {}
    for i, h in enumerate(header):
        if h is None or not str(h).strip():
            continue
        c = known.get(_norm(h))
        if c is None or c in colmap.values():
            unknown[i] = str(h).strip()
        else:
            colmap[i] = c
    absent = [c for c in table.columns if c not in colmap.values()]
    renamed: dict[int, Column] = {}
    for i, h in unknown.items():
        close = difflib.get_close_matches(
            _norm(h), [_norm(c.header) for c in absent if c not in renamed.values()], n=1, cutoff=0.6)
        if close:
            renamed[i] = next(c for c in absent if _norm(c.header) == close[0])
    missing = [c for c in absent if c.required and c not in renamed.values()]
    left = [i for i in unknown if i not in renamed]
    if len(missing) == 1 and len(left) == 1:  # the one unknown header is the one missing column
        renamed[left[0]] = missing.pop()
        left = []

    def place(i: int | None) -> Location:
        return Location(file=src.file, sheet=ws.title, row=1,
                        column=get_column_letter(i + 1) if i is not None else None)

    for i, c in renamed.items():
        # the column it stands for is known here, however unlike its name ("Realisasi" for
        # "Nilai"): the one "did you mean" helper is given that column alone
        problems.append(Problem(place(i), _(
            "unknown column header '{header}', its values are not read{hint}",
            header=unknown[i], hint=suggestion(c.header, [c.header]) or "")))
        src.explain((table.key, "*") + tuple(c.path.split(".")))
    for c in missing:
        problems.append(Problem(place(None), _(
            "the required column '{column}' is missing", column=c.header)))
        src.explain((table.key, "*") + tuple(c.path.split(".")))
    for i in left:
        problems.append(Problem(place(i), _(
            "unknown column header '{header}' is not read; known: {known}", header=unknown[i],
            known=", ".join(c.header for c in table.columns)), severity="warning"))
    return colmap


def _read_table(ws, table: TableSheet, src: WorkbookSource,
                problems: list[Problem]) -> tuple[list[dict], _SheetRead]:
    src.places[(table.key,)] = Location(file=src.file, sheet=ws.title, row=2)
    sheet = _SheetRead(ws.title, {})
    rows_iter = ws.iter_rows()
    header = tuple(c.value for c in (next(rows_iter, None) or ()))
    layout: list[Problem] = []
    colmap = _match_headers(ws, table, header, src, layout)
    records: list[dict] = []
    headless: dict[int, int] = {}  # a column with values but no header: first row seen
    for r, cells in enumerate(rows_iter, start=2):
        row = tuple(c.value for c in cells)
        formats = tuple(getattr(c, "number_format", "") or "" for c in cells)
        empty = all(v is None or (isinstance(v, str) and not v.strip()) for v in row)
        idx = len(records)
        for i, c in colmap.items():
            if i < len(cells) and cells[i].value is None and _maybe_formula(cells[i]):
                loc = None if empty else (table.key, idx) + tuple(c.path.split("."))
                sheet.blank_cells[(r, i + 1)] = (loc, c.header)
        if empty:
            continue
        for i, v in enumerate(row):
            if i in colmap or v is None or (isinstance(v, str) and not v.strip()):
                continue
            h = header[i] if i < len(header) else None
            if h is None or not str(h).strip():
                headless.setdefault(i, r)
        rec: dict[str, Any] = {}
        src.add((table.key, idx), ws.title, r)
        for i, c in colmap.items():
            if i >= len(row):
                continue
            loc = (table.key, idx) + tuple(c.path.split("."))
            if cells[i].data_type == "e":
                _excel_error(src, loc, ws.title, r, i + 1, c.header, row[i], problems)
                continue
            v = _cell(row[i], c.kind, formats[i])
            if v is None:
                continue
            _put(rec, c.path, v)
            src.add(loc, ws.title, r, i + 1, c.header)
        # a field the row leaves empty is reported at its column
        for i, c in colmap.items():
            loc = (table.key, idx) + tuple(c.path.split("."))
            if loc not in src.places:
                src.add(loc, ws.title, r, i + 1, c.header)
        records.append(rec)
    if records:  # a blank sheet loses nothing, whatever its headers
        problems.extend(layout)
        for i, r in sorted(headless.items()):
            problems.append(Problem(
                Location(file=src.file, sheet=ws.title, row=r, column=get_column_letter(i + 1)),
                _("column {column} holds values but has no header; they are not read",
                  column=get_column_letter(i + 1)), severity="warning"))
    else:
        problems.extend(p for p in layout if p.severity == "warning")
    return records, sheet


def _check_formulas(path: Path, sheets: list[_SheetRead], src: WorkbookSource,
                    problems: list[Problem]) -> None:
    """A cell read as empty that holds a formula: its result was never saved in the file (it
    was written by a program, or not opened in a spreadsheet since). Read once more with the
    formulas, only where such cells may be."""
    suspects = [s for s in sheets if s.blank_cells]
    if not suspects:
        return
    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        for sheet in suspects:
            rows = [r for r, _c in sheet.blank_cells]
            found: list[tuple[int, int, Any]] = []
            for r, cells in enumerate(wb[sheet.title].iter_rows(min_row=min(rows), max_row=max(rows)),
                                      start=min(rows)):
                for cell in cells:
                    key = (r, getattr(cell, "column", 0))
                    if key in sheet.blank_cells and cell.data_type == "f":
                        found.append((r, key[1], cell.value))
            for n, (r, col, formula) in enumerate(found):
                loc, header = sheet.blank_cells[(r, col)]
                if loc is not None:
                    src.explain(loc)
                if n < _FORMULA_CELLS_LISTED:
                    text = formula if isinstance(formula, str) else getattr(formula, "text", "")
                    problems.append(Problem(
                        Location(file=src.file, sheet=sheet.title, row=r,
                                 column=get_column_letter(col), header=header),
                        _("the cell holds a formula ({formula}) whose result was never saved in "
                          "the file; open the workbook in Excel or LibreOffice and save it",
                          formula=str(text)[:60])))
            if len(found) > _FORMULA_CELLS_LISTED:
                r, col, _f = found[_FORMULA_CELLS_LISTED]
                problems.append(Problem(
                    Location(file=src.file, sheet=sheet.title, row=r, column=get_column_letter(col)),
                    n_("and {n} more formula cell on this sheet without a saved result",
                       "and {n} more formula cells on this sheet without a saved result",
                       len(found) - _FORMULA_CELLS_LISTED, n=len(found) - _FORMULA_CELLS_LISTED)))
    finally:
        wb.close()


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding its XML, as the package's relationships say."""
    def rels_of(part: str) -> dict[str, str]:
        folder, name = part.rsplit("/", 1) if "/" in part else ("", part)
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        out = {}
        for rel in etree.fromstring(zf.read(rels), _SAFE_XML).iter(f"{_NS_PKG}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else (
                f"{folder}/{target}" if folder else target)
            parts: list[str] = []
            for p in target.split("/"):
                if p == "..":
                    parts = parts[:-1]
                elif p and p != ".":
                    parts.append(p)
            out[rel.get("Id", "")] = "/".join(parts)
            out[f"type:{rel.get('Type', '')}"] = "/".join(parts)
        return out

    book = rels_of("").get(f"type:{_OFFICE_DOCUMENT}", "xl/workbook.xml")
    targets = rels_of(book)
    root = etree.fromstring(zf.read(book), _SAFE_XML)
    return {s.get("name", ""): targets.get(s.get(f"{_NS_REL}id", ""), "")
            for s in root.iter(f"{_NS_MAIN}sheet")}


def _merged_ranges(zf: zipfile.ZipFile, part: str) -> list[str]:
    """The merged ranges of a sheet (``<mergeCell ref="A2:A5"/>`` after its cells), read from
    the unpacked stream without building the sheet."""
    found: list[str] = []
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 20):
            buf = tail + chunk
            cut = max(0, len(buf) - 256)  # a tag cut by the chunk's end is matched next time
            for m in _MERGE_CELL.finditer(buf):
                if m.end() <= cut or not chunk:
                    found.append(m.group(1).decode().upper())
            tail = buf[cut:]
            tail = tail[tail.rfind(b"<"):] if b"<" in tail else b""
    for m in _MERGE_CELL.finditer(tail):
        found.append(m.group(1).decode().upper())
    return list(dict.fromkeys(found))


def _check_merged(path: Path, sheets: list[_SheetRead], src: WorkbookSource,
                  problems: list[Problem]) -> None:
    """A merged range keeps its value in its first cell only: every other row of it would be
    read as empty. Each range in a data sheet is an error."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = _sheet_parts(zf)
            merged = {s.title: _merged_ranges(zf, parts[s.title]) for s in sheets
                      if parts.get(s.title) in zf.NameToInfo}
    except (KeyError, etree.XMLSyntaxError):
        return  # a package without the usual relationships: openpyxl read it, nothing to add
    if not any(merged.values()):
        return
    rows: dict[tuple[str | None, int], list[tuple[int, tuple]]] = {}  # (sheet, row) -> cells
    for loc, place in src.places.items():
        if place.row is not None and place.column is not None:
            rows.setdefault((place.sheet, place.row), []).append(
                (column_index_from_string(place.column), loc))
    for title, refs in merged.items():
        last = max((r for sheet, r in rows if sheet == title), default=0)
        for ref in refs:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            problems.append(Problem(
                Location(file=src.file, sheet=title, row=min_row,
                         column=get_column_letter(min_col)),
                _("cells {range} are merged: only the first keeps its value; unmerge them and "
                  "fill in every cell", range=ref)))
            # the range's empty cells are reported with it, not again as missing values
            for row in range(min_row, min(max_row, last) + 1):
                for col, loc in rows.get((title, row), ()):
                    if min_col <= col <= max_col:
                        src.explain(loc)


# -------------------------------------------------------------------------------------- write

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def build(data: dict | None = None) -> bytes:
    """A workbook's bytes: blank with headers and dropdowns, or filled from ``data`` (a dict as
    :meth:`Dataset.model_dump` gives it with ``mode="json"``)."""
    wb = Workbook()
    wb.remove(wb.active)
    lists = wb.create_sheet(LIST_SHEET)
    list_cols: dict[tuple[str, ...], str] = {}

    def dropdown(choices: tuple[str, ...]) -> str:
        if choices not in list_cols:
            col = get_column_letter(len(list_cols) + 1)
            for r, v in enumerate(choices, start=1):
                lists[f"{col}{r}"] = v
            list_cols[choices] = f"'{LIST_SHEET}'!${col}$1:${col}${len(choices)}"
        return list_cols[choices]

    for form in (PROGRAM, DOKUMEN):
        ws = wb.create_sheet(form.name)
        _header(ws, ("Isian", "Nilai", "Keterangan"), (28, 70, 48))
        r = 2
        for c in form.fields:
            values = _get(data, c.path) if data else None
            if c.path == "bands" and not isinstance(values, str):
                values = None  # a custom scheme goes to the Predikat sheet
            if c.kind == "list":
                values = values or [None]
            else:
                values = [values]
            for v in values:
                ws.cell(r, 1, c.header).font = Font(bold=True)
                cell = ws.cell(r, 2, _excel_value(v, c))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if c.path.endswith("nip"):
                    cell.number_format = "@"
                if c.kind == "date":
                    cell.number_format = "DD/MM/YYYY"
                ws.cell(r, 3, c.note).font = Font(italic=True, color="666666")
                if c.choices:
                    dv = DataValidation(type="list", formula1=dropdown(c.choices), allow_blank=True)
                    ws.add_data_validation(dv)
                    dv.add(f"B{r}")
                r += 1

    declared = (data or {}).get("disaggregations") or ([] if data else COMMON_BREAKDOWNS)
    categories = tuple(f"{b['name']}: {c}" for b in declared for c in b.get("categories") or [])
    for table in TABLES:
        ws = wb.create_sheet(table.name)
        _header(ws, tuple(c.header for c in table.columns), tuple(c.width for c in table.columns))
        rows = (data or {}).get(table.key) or []
        if table.key == "disaggregations" and not data:
            rows = COMMON_BREAKDOWNS
        if table.key == "bands" and isinstance(rows, str):
            rows = []
        for r, rec in enumerate(rows, start=2):
            for i, c in enumerate(table.columns, start=1):
                v = _get(rec, c.path)
                if c.kind == "list" and isinstance(v, list):
                    v = ", ".join(v)
                cell = ws.cell(r, i, _excel_value(v, c))
                if c.kind == "date":
                    cell.number_format = "DD/MM/YYYY"
                if c.path == "budget":
                    cell.number_format = "#,##0"
        last = max(len(rows) + 1, 500)
        for i, c in enumerate(table.columns, start=1):
            if c.choices:
                letter = get_column_letter(i)
                dv = DataValidation(type="list", formula1=dropdown(c.choices), allow_blank=True,
                                    showErrorMessage=True, errorTitle="Pilihan tidak valid",
                                    error="Pilih salah satu nilai dari daftar.")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{last}")
            if c.path == "disaggregation" and categories:
                # a warning, not a refusal: a category declared later is typed in the meantime
                letter = get_column_letter(i)
                dv = DataValidation(type="list", formula1=dropdown(categories), allow_blank=True,
                                    showErrorMessage=True, errorStyle="warning",
                                    errorTitle="Kategori belum dinyatakan",
                                    error="Nyatakan pemilahan dan kategorinya di lembar Disagregasi.")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{last}")
    lists.sheet_state = "hidden"
    wb.move_sheet(LIST_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header(ws, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for i, (h, w) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(1, i, h)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"


def _get(rec: Any, path: str) -> Any:
    for p in path.split("."):
        if not isinstance(rec, dict):
            return None
        rec = rec.get(p)
    return rec


def _excel_value(v: Any, col: Column | None = None) -> Any:
    if v is None:
        return None
    if col is not None and col.kind == "bool":
        return "ya" if v else "tidak"
    if col is not None and col.choices and isinstance(v, str):
        # write the Indonesian label the dropdown offers, not the code
        for enum in (Polarity, DataStatus, Priority, FollowUpStatus, DacCriterion, RegionLevel, Acting,
                     LetterDirection, ItemStatus):
            if v in enum.labels():
                return enum.forms()[v][0]
        if v == "between":
            return "antara"
    if col is not None and col.kind == "number" and isinstance(v, str):
        try:
            d = Decimal(v)
            return int(d) if d == d.to_integral_value() else float(d)
        except ArithmeticError:
            return v
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, str) and col is not None and col.kind in ("date",):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v

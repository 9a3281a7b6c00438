"""The Excel workbook: what `evalreport init` hands to an M&E officer, and what comes back.

A blank workbook has one sheet per table with Indonesian headers, a frozen header row,
dropdowns and set widths. A filled one loads to the same dataset; a mistake in a cell is
reported at its sheet, row, column letter and header, as the officer sees it in Excel.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

import evalreport
from evalreport import DataError
from evalreport.data import workbook

SHEETS = ["Program", "Dokumen", "Wilayah", "Dimensi", "Indikator", "Target", "Realisasi",
          "Disagregasi", "Temuan", "Rekomendasi", "Tindak Lanjut", "Singkatan", "Predikat"]


@pytest.fixture(scope="module")
def blank():
    return load_workbook(io.BytesIO(workbook.build()))


def _filled_bytes(minimal_dict) -> bytes:
    return workbook.build(evalreport.parse(minimal_dict).model_dump(mode="json"))


@pytest.fixture
def filled(minimal_dict):
    """The small dataset as an openpyxl workbook, to edit like a user would."""
    return load_workbook(io.BytesIO(_filled_bytes(minimal_dict)))


def save(wb, tmp_path: Path, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    wb.save(path)
    return path


def headers(ws) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


def column_of(ws, header: str) -> str:
    for c in ws[1]:
        if c.value == header:
            return c.column_letter
    raise AssertionError(f"no column {header!r} on {ws.title}")


def form_row(ws, label: str) -> int:
    for row in ws.iter_rows(min_row=2, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no field {label!r} on {ws.title}")


def errors_of(path: Path) -> list:
    with pytest.raises(DataError) as info:
        evalreport.load(path)
    return info.value.problems


# ------------------------------------------------------------------------- the blank workbook

class TestBlankWorkbook:
    def test_every_sheet_is_there_in_order_with_the_choice_lists_hidden_last(self, blank):
        assert blank.sheetnames == SHEETS + ["Daftar Pilihan"]
        assert blank["Daftar Pilihan"].sheet_state == "hidden"
        assert blank.active.title == "Program"

    def test_indonesian_headers(self, blank):
        assert headers(blank["Wilayah"]) == ["Kode", "Nama", "Tingkat", "Induk", "Jumlah Penduduk",
                                             "Kepada", "Nomor Surat"]
        assert headers(blank["Indikator"])[:10] == [
            "Kode", "Nama", "Dimensi", "Satuan", "Polaritas", "Pembanding", "Target",
            "Target Min", "Target Maks", "Baseline"]
        assert headers(blank["Realisasi"]) == [
            "Wilayah", "Periode", "Indikator", "Nilai", "Status Data", "Disagregasi", "Catatan"]
        assert headers(blank["Tindak Lanjut"])[:4] == [
            "Kode", "Rekomendasi", "Kegiatan", "Penanggung Jawab"]
        assert headers(blank["Program"]) == ["Isian", "Nilai", "Keterangan"]

    def test_the_form_sheets_list_their_fields(self, blank):
        labels = [r[0].value for r in blank["Dokumen"].iter_rows(min_row=2, max_col=1)]
        assert {"Tempat", "Tanggal", "Nama penandatangan", "NIP", "Kop: logo"} <= set(labels)
        nip = form_row(blank["Dokumen"], "NIP")
        assert blank["Dokumen"][f"B{nip}"].number_format == "@"  # a NIP cell is text
        assert "18 digit" in blank["Dokumen"][f"C{nip}"].value

    @pytest.mark.parametrize("sheet", SHEETS)
    def test_frozen_header_row_and_column_widths(self, blank, sheet):
        ws = blank[sheet]
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1] if c.value]
        assert all(w and w >= 8 for w in widths)

    def test_column_widths_follow_the_content(self, blank):
        ws = blank["Indikator"]
        assert ws.column_dimensions[column_of(ws, "Nama")].width == 44
        assert ws.column_dimensions[column_of(ws, "Kode")].width == 10

    @pytest.mark.parametrize("sheet, header, choices", [
        ("Indikator", "Polaritas", ["lebih tinggi lebih baik", "lebih rendah lebih baik",
                                    "rentang", "tepat"]),
        ("Indikator", "Pembanding", [">=", ">", "<=", "<", "=", "antara"]),
        ("Indikator", "Dilaporkan", ["ya", "tidak"]),
        ("Target", "Pembanding", [">=", ">", "<=", "<", "=", "antara"]),
        ("Realisasi", "Status Data", ["tetap", "sementara", "perkiraan"]),
        ("Tindak Lanjut", "Status", ["Sesuai rekomendasi", "Belum sesuai",
                                     "Belum ditindaklanjuti", "Tidak dapat ditindaklanjuti"]),
        ("Rekomendasi", "Prioritas", ["tinggi", "sedang", "rendah"]),
    ])
    def test_dropdowns_offer_the_indonesian_choices(self, blank, sheet, header, choices):
        ws = blank[sheet]
        letter = column_of(ws, header)
        (dv,) = [dv for dv in ws.data_validations.dataValidation
                 if str(dv.sqref).startswith(f"{letter}2:")]
        assert dv.type == "list"
        assert str(dv.sqref) == f"{letter}2:{letter}500"
        # formula1 points at a column of the hidden list sheet, e.g. 'Daftar Pilihan'!$C$1:$C$4
        sheet_ref, cells = dv.formula1.split("!")
        assert sheet_ref == "'Daftar Pilihan'"
        first, last = cells.replace("$", "").split(":")
        values = [c.value for row in blank["Daftar Pilihan"][f"{first}:{last}"] for c in row]
        assert values == choices

    def test_the_blank_workbook_has_no_data_rows(self, blank):
        # but the usual breakdowns (data terpilah), declared for the Realisasi dropdown
        assert blank["Disagregasi"].max_row == 4
        for sheet in SHEETS[2:]:
            if sheet == "Disagregasi":
                continue
            assert blank[sheet].max_row == 1 or all(
                c.value is None for row in blank[sheet].iter_rows(min_row=2) for c in row)


# -------------------------------------------------------------------- a filled workbook

def test_a_filled_workbook_loads_to_the_same_dataset(tmp_path, minimal_dict):
    path = tmp_path / "data.xlsx"
    path.write_bytes(_filled_bytes(minimal_dict))
    assert evalreport.load(path).model_dump() == evalreport.parse(minimal_dict).model_dump()


def test_a_filled_workbook_writes_labels_not_codes(filled):
    ws = filled["Indikator"]
    assert ws[f"{column_of(ws, 'Polaritas')}2"].value == "lebih tinggi lebih baik"
    assert ws[f"{column_of(ws, 'Pembanding')}6"].value == "antara"
    assert ws[f"{column_of(ws, 'Dilaporkan')}4"].value == "tidak"
    assert ws[f"{column_of(ws, 'Rumus Pengali')}3"].value == 10000


def test_a_wrong_value_in_a_cell_is_reported_at_sheet_row_column_and_header(
        tmp_path, filled):
    ws = filled["Indikator"]
    col = column_of(ws, "Target")
    assert col == "G"
    ws[f"{col}3"] = "tujuh puluh"
    path = save(filled, tmp_path)
    (p,) = errors_of(path)
    loc = p.location
    assert (loc.sheet, loc.row, loc.column, loc.header) == ("Indikator", 3, "G", "Target")
    assert p.describe("id") == (f"{path}, lembar 'Indikator', baris 3, kolom G (Target): "
                                "harus berupa angka, tertulis 'tujuh puluh'")
    assert p.describe("en") == (f"{path}, sheet 'Indikator', row 3, column G (Target): "
                                "must be a number, found 'tujuh puluh'")


def test_an_empty_required_cell_is_reported_at_its_column(tmp_path, filled):
    ws = filled["Realisasi"]
    ws[f"{column_of(ws, 'Indikator')}4"] = None
    (p,) = errors_of(save(filled, tmp_path))
    assert (p.location.sheet, p.location.row, p.location.header) == ("Realisasi", 4, "Indikator")
    assert p.message.render("en") == "is required"


def test_an_unknown_code_in_a_row_is_reported_at_its_cell(tmp_path, filled):
    ws = filled["Realisasi"]
    ws[f"{column_of(ws, 'Wilayah')}5"] = "3508"
    (p,) = errors_of(save(filled, tmp_path))
    assert (p.location.sheet, p.location.row, p.location.column) == ("Realisasi", 5, "A")
    assert p.message.render("en") == "unknown region '3508'; did you mean '3507'?"


def test_a_dropdown_label_typed_in_any_case_is_accepted(tmp_path, filled):
    ws = filled["Realisasi"]
    ws[f"{column_of(ws, 'Status Data')}2"] = "SEMENTARA"
    data = evalreport.load(save(filled, tmp_path))
    assert data.observations[0].status.value == "provisional"


def test_an_unknown_column_header_is_only_a_warning(tmp_path, filled):
    filled["Wilayah"]["H1"] = "Keterangan"
    path = save(filled, tmp_path)
    (p,) = [p for p in evalreport.check_data(path) if p.location.sheet == "Wilayah"]
    assert p.severity == "warning"
    assert (p.location.sheet, p.location.row, p.location.column) == ("Wilayah", 1, "H")
    assert p.message.render("en").startswith(
        "unknown column header 'Keterangan' is not read; known: Kode, Nama")
    assert evalreport.load(path).regions[0].code == "3507"  # the data still loads


def test_a_missing_required_sheet_is_named(tmp_path, filled):
    del filled["Realisasi"]
    path = save(filled, tmp_path)
    problems = errors_of(path)
    assert [p.message.render("en") for p in problems] == ["sheet 'Realisasi' is missing"]
    assert problems[0].message.render("id") == "lembar 'Realisasi' tidak ada"


def test_an_optional_sheet_may_be_left_out(tmp_path, filled):
    for name in ("Target", "Temuan", "Rekomendasi", "Tindak Lanjut", "Singkatan", "Predikat"):
        del filled[name]
    data = evalreport.load(save(filled, tmp_path))
    assert data.findings == [] and data.bands == "permendagri-86-2017" and data.glossary == []


def test_sheet_names_match_whatever_the_case(tmp_path, filled):
    ws = filled["Realisasi"]
    ws.title = "sementara"  # openpyxl refuses a case-only rename in one step
    ws.title = " REALISASI "
    assert len(evalreport.load(save(filled, tmp_path)).observations) == 20


def test_a_nip_stored_as_a_number_asks_to_type_it_as_text(tmp_path, filled):
    ws = filled["Dokumen"]
    cell = ws[f"B{form_row(ws, 'NIP')}"]
    cell.value = 197003151995031002  # Excel keeps 15 digits: 1.97003151995031E+17
    cell.number_format = "General"
    problems = errors_of(save(filled, tmp_path))
    (p,) = problems
    assert (p.location.sheet, p.location.header) == ("Dokumen", "NIP")
    assert "type the NIP as text" in p.message.render("en")


def test_empty_required_fields_of_a_form_sheet_are_each_named(tmp_path, filled):
    filled["Program"][f"B{form_row(filled['Program'], 'Nama program')}"] = None
    filled["Dokumen"][f"B{form_row(filled['Dokumen'], 'Tempat')}"] = None
    filled["Dokumen"][f"B{form_row(filled['Dokumen'], 'Nama penandatangan')}"] = None
    problems = errors_of(save(filled, tmp_path))
    assert sorted((p.location.sheet, p.location.header) for p in problems) == [
        ("Dokumen", "Nama penandatangan"), ("Dokumen", "Tempat"), ("Program", "Nama program")]


def test_the_blank_workbook_says_which_sheets_to_fill(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(workbook.build())
    text = "\n".join(p.describe("id") for p in evalreport.check_data(path))
    for sheet in ("Program", "Dokumen", "Wilayah", "Dimensi", "Indikator"):
        assert sheet in text


def test_custom_bands_go_to_the_predikat_sheet(tmp_path, minimal_dict):
    minimal_dict["bands"] = [
        {"label": "Hijau", "min": 100, "inclusive": True, "color": "#1B7837"},
        {"label": "Merah", "color": "#D6404E"}]
    path = tmp_path / "data.xlsx"
    path.write_bytes(_filled_bytes(minimal_dict))
    wb = load_workbook(path)
    assert wb["Predikat"]["A2"].value == "Hijau"
    assert evalreport.load(path).model_dump() == evalreport.parse(minimal_dict).model_dump()


def test_a_value_typed_as_a_percentage_in_excel_keeps_its_meaning(tmp_path, filled):
    ws = filled["Realisasi"]
    assert [c.value for c in ws[5]][:4] == ["3526", "2024", "KP01", 64.2]
    ws["D5"] = 0.642          # what Excel stores when an officer types 64,20%
    ws["D5"].number_format = "0.00%"
    path = save(filled, tmp_path)
    flagged = [p for p in evalreport.check_data(path)
               if (p.location.sheet, p.location.row, p.location.column) == ("Realisasi", 5, "D")]
    value = evalreport.load(path).observations[3].value
    # either the percentage is read as the 64.2 the officer meant, or the cell is pointed out
    assert value == 64.2 or flagged


def test_bands_from_the_predikat_sheet(tmp_path, filled):
    ws = filled["Predikat"]
    for r, row in enumerate([("Hijau", 100, "ya", "#1B7837"), ("Kuning", 80, "ya", "#F6C141"),
                             ("Merah", None, "tidak", "#D6404E")], start=2):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    prog = filled["Program"]
    prog[f"B{form_row(prog, 'Skema predikat')}"] = None
    data = evalreport.load(save(filled, tmp_path))
    assert [(b.label, b.min, b.inclusive) for b in data.bands] == [
        ("Hijau", 100, True), ("Kuning", 80, True), ("Merah", None, False)]
    # 3526 2024 KP01: 91.71 % -> Kuning (>= 80, < 100)
    assert evalreport.score(data).get("3526", "2024", "KP01").band.label == "Kuning"

"""Workbook mistakes that would lose data are errors, each at the cell an officer can find.

A renamed "Nilai" column, formulas whose results were never saved, merged cells, a date where a
number belongs, an Excel error value: each once loaded as empty values (or as text) and
`validate` said the data was valid while `render` wrote empty reports.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import evalreport
from evalreport import DataError
from evalreport.cli import main
from evalreport.data import workbook


@pytest.fixture
def filled(minimal_dict):
    """The small dataset as an openpyxl workbook, to edit like a user would."""
    blob = workbook.build(evalreport.parse(minimal_dict).model_dump(mode="json"))
    return load_workbook(io.BytesIO(blob))


def save(wb, tmp_path: Path) -> Path:
    path = tmp_path / "data.xlsx"
    wb.save(path)
    return path


def errors(path: Path) -> list[tuple]:
    """(sheet, row, column, message) of each error, as `load` raises them."""
    with pytest.raises(DataError) as info:
        evalreport.load(path)
    return [(p.location.sheet, p.location.row, p.location.column, p.message.render("id"))
            for p in info.value.problems]


def column_of(ws, header: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == header)


# ------------------------------------------------------------------------------- columns

@pytest.mark.parametrize("renamed", ["Realisasi", "Nilai 2024", "Nilia", "nilai_"])
def test_a_renamed_nilai_column_is_an_error_that_names_it(tmp_path, filled, renamed):
    filled["Realisasi"]["D1"] = renamed
    path = save(filled, tmp_path)
    expected = [("Realisasi", 1, "D", f"judul kolom '{renamed}' tidak dikenal, nilainya tidak "
                                      "dibaca; maksudnya 'Nilai'?")]
    if renamed == "nilai_":  # the same header, however written
        assert evalreport.load(path).observations[0].value == 68.0
        return
    assert errors(path) == expected


def test_a_missing_required_column_is_one_error_not_one_per_row(tmp_path, filled):
    filled["Realisasi"].delete_cols(1)  # Wilayah
    path = save(filled, tmp_path)
    assert errors(path) == [("Realisasi", 1, None, "kolom wajib 'Wilayah' tidak ada")]


def test_a_deleted_nilai_column_is_an_error_though_values_are_optional(tmp_path, filled):
    filled["Realisasi"].delete_cols(4)
    assert errors(save(filled, tmp_path)) == [("Realisasi", 1, None, "kolom wajib 'Nilai' tidak ada")]


def test_a_renamed_optional_column_is_an_error_too(tmp_path, filled):
    ws = filled["Indikator"]
    ws[f"{column_of(ws, 'Target')}1"] = "Target 2024"
    assert errors(save(filled, tmp_path)) == [
        ("Indikator", 1, "G", "judul kolom 'Target 2024' tidak dikenal, nilainya tidak dibaca; "
                              "maksudnya 'Target'?")]


def test_an_extra_column_of_notes_is_only_a_warning(tmp_path, filled):
    filled["Realisasi"]["H1"] = "Keterangan Tim"
    filled["Realisasi"]["H2"] = "dicek ulang"
    filled["Realisasi"]["J3"] = "tanpa judul"
    path = save(filled, tmp_path)
    problems = [p for p in evalreport.check_data(path) if p.location.sheet == "Realisasi"]
    assert [(p.severity, p.location.column) for p in problems] == [("warning", "H"), ("warning", "J")]
    assert problems[1].message.render("en") == ("column J holds values but has no header; they "
                                                "are not read")
    assert len(evalreport.load(path).observations) == 20


# ------------------------------------------------------------------------------- formulas

def test_formulas_without_a_saved_result_are_named_by_cell(tmp_path, filled):
    ws = filled["Realisasi"]
    ws["D2"] = "=60+8"  # openpyxl saves the formula, never its result
    ws["D3"] = "=SUM(70,2.5)"
    path = save(filled, tmp_path)
    assert errors(path) == [
        ("Realisasi", r, "D", f"sel berisi rumus ({f}) yang hasilnya tidak pernah tersimpan dalam "
                              "berkas; buka buku kerja di Excel atau LibreOffice lalu simpan")
        for r, f in ((2, "=60+8"), (3, "=SUM(70,2.5)"))]


def test_many_unsaved_formulas_are_listed_then_counted(tmp_path, filled):
    ws = filled["Realisasi"]
    for r in range(2, 22):
        ws[f"D{r}"] = f"=1+{r}"
    problems = errors(save(filled, tmp_path))
    assert len(problems) == 11
    assert [p[1] for p in problems[:10]] == list(range(2, 12))
    assert problems[10] == ("Realisasi", 12, "D", "dan 10 sel rumus lain di lembar ini tanpa "
                                                  "hasil tersimpan")


def test_a_formula_in_a_form_sheet_and_in_a_required_cell(tmp_path, filled):
    filled["Dokumen"]["B3"] = '="Sura"&"baya"'  # Tempat
    filled["Wilayah"]["B2"] = '="Kabupaten "&"Malang"'  # a region's name: required
    problems = errors(save(filled, tmp_path))
    assert [(s, r, c) for s, r, c, _m in problems] == [("Dokumen", 3, "B"), ("Wilayah", 2, "B")]
    assert all("yang hasilnya tidak pernah tersimpan" in m for *_x, m in problems)


def test_a_formula_with_its_saved_result_is_read_as_that_result(tmp_path, filled):
    """What Excel or LibreOffice writes on saving: the formula and, beside it, its result."""
    filled["Realisasi"]["D2"] = "=60+8"
    path = save(filled, tmp_path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n, b in parts.items() if b"<f>60+8</f>" in b)
    parts[sheet] = parts[sheet].replace(b"<f>60+8</f><v></v>", b"<f>60+8</f><v>68</v>")
    assert b"<v>68</v>" in parts[sheet]
    with zipfile.ZipFile(path, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    assert evalreport.load(path).observations[0].value == 68.0


# ------------------------------------------------------------------------ merged, dates, errors

def test_merged_cells_in_a_data_range_are_an_error(tmp_path, filled):
    ws = filled["Realisasi"]
    ws.merge_cells("A2:A5")  # one region written once for four rows: rows 3-5 would lose it
    assert errors(save(filled, tmp_path)) == [
        ("Realisasi", 2, "A", "sel A2:A5 digabung: hanya sel pertama yang menyimpan nilai; "
                              "pisahkan (unmerge) lalu isi setiap sel")]


@pytest.mark.parametrize("sheet, header, row", [("Realisasi", "Nilai", 3), ("Indikator", "Target", 2),
                                                ("Wilayah", "Jumlah Penduduk", 2)])
def test_a_date_in_a_number_cell_is_one_error(tmp_path, filled, sheet, header, row):
    """Excel turns 1.5 typed in an Indonesian locale into a date (1 May)."""
    ws = filled[sheet]
    cell = ws[f"{column_of(ws, header)}{row}"]
    cell.value = dt.datetime(2025, 5, 1)
    cell.number_format = "dd/mm/yyyy"
    ((s, r, c, message),) = errors(save(filled, tmp_path))
    assert (s, r, c) == (sheet, row, column_of(ws, header))
    assert message.startswith("berisi tanggal atau waktu (2025-05-01")
    assert "format sel sebagai Number lalu ketik ulang nilainya" in message


def test_an_excel_error_value_is_not_read_as_text(tmp_path, filled):
    filled["Realisasi"]["D4"] = "#DIV/0!"  # a formula that divided by zero, as saved
    assert errors(save(filled, tmp_path)) == [
        ("Realisasi", 4, "D", "sel menampilkan galat Excel #DIV/0!; perbaiki rumusnya atau ketik "
                              "nilainya")]


def test_numbers_typed_as_text_in_cells_go_through_the_one_reader(tmp_path, filled):
    ws = filled["Realisasi"]
    ws["D2"], ws["D3"] = "1.500", "64,2"
    ws = filled["Wilayah"]
    ws[f"{column_of(ws, 'Jumlah Penduduk')}2"] = "2.740.466"
    data = evalreport.load(save(filled, tmp_path))
    assert (data.observations[0].value, data.observations[1].value) == (1500.0, 64.2)
    assert data.regions[0].population == 2740466


def test_validate_exits_1_with_the_cell_and_no_traceback(tmp_path, filled):
    filled["Realisasi"]["D1"] = "Realisasi"
    path = save(filled, tmp_path)
    result = CliRunner(env={"EVALREPORT_LANG": None}).invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines()[0] == (
        f"GALAT: {path}, lembar 'Realisasi', baris 1, kolom D: judul kolom 'Realisasi' tidak "
        "dikenal, nilainya tidak dibaca; maksudnya 'Nilai'?")


def test_an_unknown_label_on_a_form_sheet_is_an_error_with_the_one_meant(tmp_path, filled):
    ws = filled["Program"]
    row = next(c.row for c in ws["A"] if c.value == "Nama program")
    ws[f"A{row}"] = "Nama progam"
    ((sheet, r, column, message),) = errors(save(filled, tmp_path))  # not also "wajib diisi"
    assert (sheet, r, column) == ("Program", row, "A")
    assert message.startswith("isian 'Nama progam' tidak dikenal; maksudnya 'Nama program'?")

"""Loading a data file: the same data in YAML, JSON or Excel gives the same dataset, and
every mistake a user can make is reported with its place (line and path, or sheet/row/column),
all of them in one pass, without a traceback."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE_XLSX, write_json, write_yaml
from PIL import Image

import evalreport
from evalreport import DataError
from evalreport.data import workbook


def line_of(path: Path, needle: str, nth: int = 0) -> int:
    """The 1-based number of the line holding ``needle`` (its nth occurrence)."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if needle in line]
    return hits[nth]


def problems_of(path: Path) -> list:
    """The errors of a file, as ``load`` raises them (and ``check_data`` lists them)."""
    with pytest.raises(DataError) as info:
        evalreport.load(path)
    listed = [p for p in evalreport.check_data(path) if p.severity == "error"]
    assert [p.describe("en") for p in listed] == [p.describe("en") for p in info.value.problems]
    return info.value.problems


def only_problem(path: Path):
    problems = problems_of(path)
    assert len(problems) == 1, [p.describe("en") for p in problems]
    return problems[0]


def find(problems, text: str):
    hits = [p for p in problems if text in p.describe("en")]
    assert hits, f"no problem mentions {text!r}: {[p.describe('en') for p in problems]}"
    return hits[0]


# ------------------------------------------------------------------ same data, any format

def test_yaml_and_json_with_the_same_content_load_to_equal_datasets(tmp_path, minimal_dict):
    from_yaml = evalreport.load(write_yaml(tmp_path, minimal_dict))
    from_json = evalreport.load(write_json(tmp_path, minimal_dict))
    assert from_yaml.model_dump() == from_json.model_dump()
    assert from_yaml.indicator("KS01").formula.scale == 10000
    assert from_yaml.source_name == "data.yaml" and from_json.source_name == "data.json"
    assert len(from_yaml.source_sha256) == 64


def test_parse_of_a_dict_equals_load_of_the_file(tmp_path, minimal_dict):
    parsed = evalreport.parse(minimal_dict)
    loaded = evalreport.load(write_yaml(tmp_path, minimal_dict))
    assert parsed.model_dump() == loaded.model_dump()


def test_the_loaded_sample_is_the_evaluation_it_describes(sample_yaml):
    data = evalreport.load(sample_yaml)
    assert data.programme.current_period == "2024"
    assert data.region("Kabupaten Bangkalan").code == "3526"
    card = evalreport.score(data)
    r = card.get("3526", "2024", "KP01")
    assert (r.actual, r.achievement, r.band.label, r.met) == (
        64.2, Decimal("91.71"), "Sangat Tinggi", False)


def test_yaml_sample_and_the_workbook_made_from_it_load_to_equal_data(sample_yaml, tmp_path):
    data = evalreport.load(sample_yaml)
    xlsx = tmp_path / "jatim.xlsx"
    xlsx.write_bytes(workbook.build(data.model_dump(mode="json")))
    logo = data.document.letterhead.logo
    if logo:  # the logo path is relative to the data file
        shutil.copy(sample_yaml.parent / logo, tmp_path / logo)
    from_xlsx = evalreport.load(xlsx)
    # model_dump leaves out the source fields (file name, hash, folder), which differ
    assert from_xlsx.model_dump() == data.model_dump()
    assert from_xlsx.source_name == "jatim.xlsx"


def test_bundled_workbook_sample_equals_the_yaml_sample(sample_yaml):
    if not SAMPLE_XLSX.is_file():
        pytest.skip("samples/jatim.xlsx is missing")
    assert evalreport.load(SAMPLE_XLSX).model_dump() == evalreport.load(sample_yaml).model_dump()


def test_codes_and_periods_written_as_numbers_are_read_as_text(tmp_path, minimal_dict):
    minimal_dict["programme"]["periods"] = [2023, 2024]
    minimal_dict["programme"]["current_period"] = 2024
    minimal_dict["regions"][0]["code"] = 3507
    data = evalreport.load(write_yaml(tmp_path, minimal_dict))
    assert data.programme.periods == ["2023", "2024"]
    assert data.regions[0].code == "3507"


# ------------------------------------------------------------- validation: errors say where

class TestValidationErrorsNameThePlace:
    def test_wrong_type_gives_line_and_path(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["target"] = "tujuh"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.line == line_of(path, "target: tujuh")
        assert p.location.path == "indicators[1].target"
        assert p.describe("en") == (f"{path}, line {p.location.line} (indicators[1].target): "
                                    "must be a number, found 'tujuh'")
        assert p.describe("id") == (f"{path}, baris {p.location.line} (indicators[1].target): "
                                    "harus berupa angka, tertulis 'tujuh'")

    def test_a_json_file_also_gets_line_numbers(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["target"] = "tujuh"
        path = write_json(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.line == line_of(path, '"target": "tujuh"')
        assert "(indicators[1].target)" in p.describe("en")

    def test_parse_of_a_dict_names_the_path(self, minimal_dict):
        minimal_dict["indicators"][1]["target"] = "tujuh"
        with pytest.raises(DataError) as info:
            evalreport.parse(minimal_dict)
        assert info.value.problems[0].describe("en") == (
            "<data> (indicators[1].target): must be a number, found 'tujuh'")

    def test_unknown_key_suggests_the_one_meant(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][0]["targett"] = 72
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.line == line_of(path, "targett:")
        assert p.location.path == "indicators[0].targett"
        assert p.message.render("en") == "unknown key 'targett'; did you mean 'target'?"
        assert p.message.render("id") == "kunci 'targett' tidak dikenal; maksudnya 'target'?"

    def test_unknown_nested_key_suggests_the_one_meant(self, tmp_path, minimal_dict):
        minimal_dict["document"]["signatory"]["nipp"] = "197003151995031002"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert "(document.signatory.nipp)" in p.describe("en")
        assert "did you mean 'nip'?" in p.describe("en")

    def test_missing_required_field_is_named(self, tmp_path, minimal_dict):
        del minimal_dict["document"]["place"]
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "document.place"
        assert p.message.render("en") == "is required" and p.message.render("id") == "wajib diisi"

    def test_unknown_indicator_in_observations(self, tmp_path, minimal_dict):
        minimal_dict["observations"][3]["indicator"] = "KP1"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "observations[3].indicator"
        assert p.location.line == line_of(path, "indicator: KP1")
        assert p.message.render("en") == "unknown indicator 'KP1'; did you mean 'KP01'?"

    def test_unknown_region_in_observations(self, tmp_path, minimal_dict):
        minimal_dict["observations"][0]["region"] = "3508"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "observations[0].region"
        assert p.location.line == line_of(path, "region: '3508'")
        assert "unknown region '3508'" in p.message.render("en")

    def test_unknown_recommendation_in_actions(self, tmp_path, minimal_dict):
        minimal_dict["recommendations"] = [{
            "code": "R1", "text": "Perkuat FKUB", "addressed_to": "Bakesbangpol"}]
        minimal_dict["actions"] = [{
            "code": "A1", "recommendation": "R9", "activity": "Rapat pleno FKUB",
            "responsible": "Bidang Ketahanan Sosial", "deadline": "2025-06-30",
            "success_indicator": "12 rapat per tahun"}]
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "actions[0].recommendation"
        assert p.location.line == line_of(path, "recommendation: R9")
        assert p.message.render("en") == "unknown recommendation 'R9'"
        assert p.message.render("id") == "rekomendasi 'R9' tidak dikenal"

    def test_unknown_finding_in_a_recommendation(self, tmp_path, minimal_dict):
        minimal_dict["recommendations"] = [{
            "code": "R1", "findings": ["T9"], "text": "Perkuat FKUB", "addressed_to": "Bakesbangpol"}]
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "recommendations[0].findings"
        assert "unknown finding 'T9'" in p.message.render("en")

    def test_duplicate_codes_are_reported_at_each_use(self, tmp_path, minimal_dict):
        minimal_dict["regions"].append({"code": "3507", "name": "Kabupaten Malang (lagi)"})
        path = write_yaml(tmp_path, minimal_dict)
        problems = problems_of(path)
        assert [p.location.path for p in problems] == ["regions[0].code", "regions[2].code"]
        assert [p.location.line for p in problems] == [
            line_of(path, "code: '3507'", 0), line_of(path, "code: '3507'", 1)]
        assert problems[0].message.render("en") == "region code '3507' is used more than once"

    def test_period_outside_the_programme(self, tmp_path, minimal_dict):
        minimal_dict["observations"][0]["period"] = "2025"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "observations[0].period"
        assert p.message.render("en") == "period '2025' is outside the programme periods (2023, 2024)"

    def test_target_period_outside_the_programme(self, tmp_path, minimal_dict):
        minimal_dict["targets"] = [{"indicator": "KP01", "period": "2021", "target": 60}]
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "targets[0].period"
        assert "period '2021' is outside" in p.message.render("en")

    def test_current_period_must_be_one_of_the_periods(self, tmp_path, minimal_dict):
        minimal_dict["programme"]["current_period"] = "2025"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "programme"
        assert "current_period '2025' is not one of the periods 2023, 2024" in p.message.render("en")

    def test_derived_indicator_whose_input_is_missing(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["formula"]["denominator"] = "KS01C"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "indicators[1].formula.denominator"
        assert p.location.line == line_of(path, "denominator: KS01C")
        assert p.message.render("en").startswith("unknown formula input indicator 'KS01C'")

    def test_a_formula_cannot_use_its_own_indicator(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["formula"]["numerator"] = "KS01"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "indicators[1].formula.numerator"
        assert p.message.render("en") == "a formula cannot refer to its own indicator"

    def test_target_min_without_between(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][0]["target_min"] = 60
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "indicators[0].target_min"
        assert p.location.line == line_of(path, "target_min: 60")
        assert p.message.render("en") == "target_min/target_max only go with comparator 'between'"

    def test_between_needs_both_bounds(self, tmp_path, minimal_dict):
        del minimal_dict["indicators"][4]["target_max"]
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "indicators[4].target_min"
        assert p.message.render("en") == "a target range needs both target_min and target_max"

    def test_polarity_inconsistent_with_comparator(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][0]["polarity"] = "lebih rendah lebih baik"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "indicators[0]"
        assert p.location.line == line_of(path, "code: KP01")
        assert p.message.render("en") == "polarity 'lower is better' does not fit comparator '>='"
        assert p.message.render("id") == ("polaritas 'lebih rendah lebih baik' tidak cocok dengan "
                                   "pembanding '>='")

    @pytest.mark.parametrize("nip", ["1970031519950310", "19700315199503100X"])
    def test_nip_must_have_eighteen_digits(self, tmp_path, minimal_dict, nip):
        minimal_dict["document"]["signatory"]["nip"] = nip
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "document.signatory.nip"
        assert p.location.line == line_of(path, "nip:")
        assert p.message.render("en") == f"a NIP has 18 digits, found '{nip}'"

    def test_nip_with_spaces_is_accepted(self, tmp_path, minimal_dict):
        minimal_dict["document"]["signatory"]["nip"] = "19700315 199503 1 002"
        data = evalreport.load(write_yaml(tmp_path, minimal_dict))
        assert data.document.signatory.nip == "19700315 199503 1 002"

    def test_missing_logo_file(self, tmp_path, minimal_dict):
        minimal_dict["document"]["letterhead"]["logo"] = "logo-kab.png"
        path = write_yaml(tmp_path, minimal_dict)
        p = only_problem(path)
        assert p.location.path == "document.letterhead.logo"
        assert p.location.line == line_of(path, "logo: logo-kab.png")
        assert p.message.render("en") == "logo file 'logo-kab.png' not found"
        assert p.message.render("id") == "berkas logo 'logo-kab.png' tidak ditemukan"

    def test_logo_is_found_next_to_the_data_file(self, tmp_path, minimal_dict):
        Image.new("RGB", (8, 8), "navy").save(tmp_path / "logo-kab.png")
        minimal_dict["document"]["letterhead"]["logo"] = "logo-kab.png"
        data = evalreport.load(write_yaml(tmp_path, minimal_dict))
        assert data.document.letterhead.logo == "logo-kab.png"
        assert data.source_dir == str(tmp_path.resolve())

    def test_logo_must_be_png_or_jpeg(self, tmp_path, minimal_dict):
        Image.new("RGB", (8, 8), "navy").save(tmp_path / "logo.gif")
        minimal_dict["document"]["letterhead"]["logo"] = "logo.gif"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.message.render("en") == ("the logo 'logo.gif' is a GIF picture; it must be a PNG "
                                          "or JPEG file")

    def test_unknown_band_preset(self, tmp_path, minimal_dict):
        minimal_dict["bands"] = "permendagri-2017"
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "bands"
        assert "unknown band preset 'permendagri-2017'" in p.message.render("en")
        assert "kinerja-individu-4" in p.message.render("en")

    def test_custom_bands_whose_last_band_has_a_bound(self, tmp_path, minimal_dict):
        minimal_dict["bands"] = [{"label": "Baik", "min": 80}, {"label": "Buruk", "min": 0}]
        p = only_problem(write_yaml(tmp_path, minimal_dict))
        assert p.location.path == "bands"
        assert "the last band 'Buruk' must have an empty lower bound" in p.message.render("en")

    def test_a_text_value_for_a_numeric_target_is_only_a_warning(self, tmp_path, minimal_dict):
        minimal_dict["observations"][0]["value"] = "belum disurvei"
        path = write_yaml(tmp_path, minimal_dict)
        (p,) = [p for p in evalreport.check_data(path) if p.code != "no-logo"]
        assert p.severity == "warning"
        assert p.location.path == "observations[0].value"
        assert evalreport.load(path).observations[0].value == "belum disurvei"

    def test_ya_tidak_as_the_error_message_suggests(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][2]["reported"] = "tidak"
        data = evalreport.load(write_yaml(tmp_path, minimal_dict))
        assert data.indicator("KS01A").reported is False


class TestAllErrorsInOnePass:
    def test_two_cross_reference_errors_are_both_reported(self, tmp_path, minimal_dict):
        minimal_dict["observations"][0]["region"] = "9999"
        minimal_dict["observations"][5]["period"] = "2025"
        problems = problems_of(write_yaml(tmp_path, minimal_dict))
        assert [p.location.path for p in problems] == [
            "observations[0].region", "observations[5].period"]

    def test_two_type_errors_are_both_reported(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["target"] = "tujuh"
        minimal_dict["document"]["date"] = "besok"
        problems = problems_of(write_yaml(tmp_path, minimal_dict))
        assert sorted(p.location.path for p in problems) == [
            "document.date", "indicators[1].target"]
        assert "must be a date" in find(problems, "document.date").message.render("en")

    def test_errors_in_many_sections_are_reported_together(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][0]["targett"] = 1
        minimal_dict["regions"][1]["population"] = -5
        minimal_dict["observations"][2]["value"] = True
        problems = problems_of(write_yaml(tmp_path, minimal_dict))
        assert len(problems) == 3
        assert "must be at least 0, found '-5'" in find(problems, "regions[1].population").message.render("en")
        find(problems, "observations[2].value")

    def test_a_type_error_and_a_reference_error_are_both_reported(self, tmp_path, minimal_dict):
        minimal_dict["indicators"][1]["target"] = "tujuh"
        minimal_dict["observations"][0]["region"] = "9999"
        problems = problems_of(write_yaml(tmp_path, minimal_dict))
        assert sorted(p.location.path for p in problems) == [
            "indicators[1].target", "observations[0].region"]


# ------------------------------------------------------ malformed files: one clear line each

def _no_traceback(p) -> None:
    for lang in ("id", "en"):
        text = p.describe(lang)
        assert "Traceback" not in text and "Error:" not in text and "\n" not in text


class TestMalformedFiles:
    def test_missing_file(self, tmp_path):
        p = only_problem(tmp_path / "tidak-ada.yaml")
        assert p.describe("en") == f"{tmp_path / 'tidak-ada.yaml'}: file not found"
        assert p.message.render("id") == "berkas tidak ditemukan"
        _no_traceback(p)

    def test_a_folder(self, tmp_path):
        (tmp_path / "data.yaml").mkdir()
        p = only_problem(tmp_path / "data.yaml")
        assert p.message.render("en") == "this is a folder, not a data file"
        _no_traceback(p)

    @pytest.mark.parametrize("name, content", [
        ("data.yaml", ""), ("data.yaml", "  \n\n"), ("data.json", ""), ("data.xlsx", "")])
    def test_an_empty_file(self, tmp_path, name, content):
        (tmp_path / name).write_text(content)
        p = only_problem(tmp_path / name)
        assert p.message.render("en") == "the file is empty"
        assert p.message.render("id") == "berkas kosong"
        _no_traceback(p)

    def test_a_csv_file(self, tmp_path):
        (tmp_path / "data.csv").write_text("kode,nama\nKP01,Kepercayaan\n")
        p = only_problem(tmp_path / "data.csv")
        assert p.message.render("en") == "unsupported file type '.csv'; use .xlsx, .yaml, .yml or .json"
        _no_traceback(p)

    def test_a_file_without_extension(self, tmp_path):
        (tmp_path / "data").write_text("programme: {}\n")
        p = only_problem(tmp_path / "data")
        assert "unsupported file type '(no extension)'" in p.message.render("en")

    def test_invalid_yaml_reports_the_line(self, tmp_path):
        path = write_yaml(tmp_path, "programme:\n  name: Program\n  agency: a: b\nregions: []\n")
        p = only_problem(path)
        assert p.location.line == 3
        assert p.describe("en") == f"{path}, line 3: invalid YAML: mapping values are not allowed here"
        assert p.describe("id").startswith(f"{path}, baris 3: YAML tidak sah")
        _no_traceback(p)

    def test_invalid_json_reports_the_line(self, tmp_path):
        path = tmp_path / "data.json"
        path.write_text('{\n  "programme": {\n    "name": "x",\n  }\n}\n')
        p = only_problem(path)
        assert p.location.line == 4
        assert p.message.render("en").startswith("invalid JSON: Expecting property name")
        _no_traceback(p)

    def test_yaml_whose_top_level_is_a_list(self, tmp_path):
        path = write_yaml(tmp_path, "- programme\n- regions\n")
        p = only_problem(path)
        assert p.message.render("en").startswith("the file must hold a mapping (key: value)")
        _no_traceback(p)

    def test_yaml_holding_only_a_scalar(self, tmp_path):
        p = only_problem(write_yaml(tmp_path, "halo\n"))
        assert p.message.render("en").startswith("the file must hold a mapping")

    def test_an_xlsx_that_is_really_a_text_file(self, tmp_path):
        path = tmp_path / "data.xlsx"
        path.write_text("programme: ini bukan Excel\n")
        p = only_problem(path)
        assert p.message.render("en").startswith("not a valid Excel workbook (.xlsx)")
        assert "Excel Workbook (*.xlsx)" in p.message.render("en")
        _no_traceback(p)

    def test_an_excel_lock_file(self, tmp_path):
        path = tmp_path / "~$data.xlsx"
        path.write_bytes(b"\x00" * 165)
        p = only_problem(path)
        assert p.message.render("en") == "this is Excel's temporary lock file; choose the real workbook"
        _no_traceback(p)

    def test_a_file_that_is_not_utf8(self, tmp_path):
        path = tmp_path / "data.yaml"
        path.write_bytes("programme:\n  name: Penguatan \u00c9\n".encode("utf-16"))
        p = only_problem(path)
        assert p.message.render("en") == "the file is not UTF-8 text"

    def test_check_data_never_raises(self, tmp_path):
        problems = evalreport.check_data(tmp_path / "tidak-ada.xlsx")
        assert [p.message.render("en") for p in problems] == ["file not found"]


def test_every_message_of_the_data_stage_is_a_catalogue_message():
    """No Indonesian/English pair written by hand is left in evalreport/data (see
    evalreport.i18n.messages): each message is an English msgid with its translation."""
    folder = Path(evalreport.__file__).parent / "data"
    for path in sorted(folder.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "legacy(" not in text and " || " not in text, path.name

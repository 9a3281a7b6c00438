"""The command line, for the data side: init, validate, schema, score.

An M&E officer starts with `evalreport init`, fills the workbook, runs `evalreport validate`
until it says the data is valid, then `evalreport score` to see the numbers the report will
print. Exit status: 0 done, 1 bad data, 2 wrong usage.
"""
from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT, write_yaml
from openpyxl import load_workbook

from evalreport.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"EVALREPORT_LANG": None})


@pytest.fixture
def data_file(tmp_path, minimal_dict):
    # complete as an official would sign it: with the letterhead's logo (else validate warns)
    (tmp_path / "logo.png").write_bytes((ROOT / "samples" / "logo-jatim.png").read_bytes())
    minimal_dict["document"]["letterhead"]["logo"] = "logo.png"
    return write_yaml(tmp_path, minimal_dict)


@pytest.fixture
def broken_file(tmp_path, minimal_dict):
    minimal_dict["indicators"][1]["target"] = "tujuh"
    minimal_dict["observations"][0]["region"] = "3508"
    return write_yaml(tmp_path, minimal_dict)


def run(runner, *args, **kw):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


# ---------------------------------------------------------------------------------- init

class TestInit:
    def test_writes_a_blank_workbook_and_an_example(self, runner, tmp_path):
        target = tmp_path / "evaluasi-2025"
        result = run(runner, "init", target)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines() == [str(target / "data.xlsx"), str(target / "contoh.yaml")]
        wb = load_workbook(target / "data.xlsx")
        assert {"Program", "Indikator", "Realisasi"} <= set(wb.sheetnames)
        assert (target / "contoh.yaml").read_text(encoding="utf-8").strip()

    def test_the_example_is_valid_data(self, runner, tmp_path):
        run(runner, "init", tmp_path / "e")
        result = run(runner, "validate", tmp_path / "e" / "contoh.yaml")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip().endswith("data valid.")

    def test_refuses_to_overwrite_without_force(self, runner, tmp_path):
        target = tmp_path / "e"
        target.mkdir()
        (target / "data.xlsx").write_bytes(b"pekerjaan saya")
        result = run(runner, "init", target)
        assert result.exit_code == 1
        assert "--force" in result.stderr
        assert str(target / "data.xlsx") in result.stderr
        assert (target / "data.xlsx").read_bytes() == b"pekerjaan saya"
        assert not (target / "contoh.yaml").exists()

    def test_overwrites_with_force(self, runner, tmp_path):
        target = tmp_path / "e"
        target.mkdir()
        (target / "data.xlsx").write_bytes(b"lama")
        result = run(runner, "init", target, "--force")
        assert result.exit_code == 0
        assert (target / "data.xlsx").read_bytes()[:2] == b"PK"  # a real xlsx (zip) now

    def test_refusal_in_english(self, runner, tmp_path):
        run(runner, "init", tmp_path / "e")
        result = run(runner, "--lang", "en", "init", tmp_path / "e")
        assert result.exit_code == 1
        assert "already exists" in result.stderr and "use --force to overwrite" in result.stderr


# ------------------------------------------------------------------------------ validate

class TestValidate:
    def test_valid_data(self, runner, data_file):
        result = run(runner, "validate", data_file)
        assert result.exit_code == 0
        assert result.stdout == f"{data_file}: data valid.\n"
        assert result.stderr == ""

    def test_invalid_data_lists_every_problem_with_its_place(self, runner, broken_file):
        result = run(runner, "validate", broken_file)
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert any(line.startswith(f"GALAT: {broken_file}, baris ")
                   and "(indicators[1].target): harus berupa angka, tertulis 'tujuh'" in line
                   for line in lines), lines
        assert any("(observations[0].region): wilayah '3508' tidak dikenal" in line
                   for line in lines), lines
        assert lines[-1] == f"2 kesalahan ditemukan di {broken_file}."

    def test_english_messages(self, runner, broken_file):
        result = run(runner, "--lang", "en", "validate", broken_file)
        assert result.exit_code == 1
        assert any(line.startswith(f"ERROR: {broken_file}, line ")
                   and "(indicators[1].target): must be a number, found 'tujuh'" in line
                   for line in result.stderr.splitlines())
        assert result.stderr.splitlines()[-1] == f"2 errors found in {broken_file}."

    def test_language_from_the_environment(self, broken_file):
        result = CliRunner(env={"EVALREPORT_LANG": "en"}).invoke(main, ["validate", str(broken_file)])
        assert result.exit_code == 1
        assert "must be a number" in result.stderr

    def test_warnings_do_not_fail_validation(self, runner, tmp_path, minimal_dict):
        minimal_dict["observations"][0]["value"] = "belum disurvei"
        path = write_yaml(tmp_path, minimal_dict)
        result = run(runner, "validate", path)
        assert result.exit_code == 0
        assert result.stderr.startswith(f"PERINGATAN: {path}, baris ")
        assert "nilai 'belum disurvei' bukan angka" in result.stderr

    def test_a_wrong_cell_in_a_workbook_is_named(self, runner, tmp_path, minimal_dict):
        import evalreport
        from evalreport.data import workbook
        wb = load_workbook(io.BytesIO(workbook.build(
            evalreport.parse(minimal_dict).model_dump(mode="json"))))
        wb["Indikator"]["G3"] = "tujuh puluh"
        path = tmp_path / "data.xlsx"
        wb.save(path)
        result = run(runner, "validate", path)
        assert result.exit_code == 1
        assert (f"GALAT: {path}, lembar 'Indikator', baris 3, kolom G (Target): "
                "harus berupa angka, tertulis 'tujuh puluh'") in result.stderr.splitlines()

    @pytest.mark.parametrize("name, content, message", [
        ("data.csv", "a,b\n", "jenis berkas '.csv' tidak didukung"),
        ("data.yaml", "", "berkas kosong"),
        ("data.yaml", "- a\n- b\n", "isi berkas harus berupa pemetaan"),
        ("data.xlsx", "bukan excel", "bukan buku kerja Excel (.xlsx) yang sah"),
        ("~$data.xlsx", "x", "berkas kunci sementara Excel"),
        ("data.json", "{,}", "JSON tidak sah"),
    ])
    def test_malformed_files_give_one_line_and_no_traceback(self, runner, tmp_path, name,
                                                            content, message):
        path = tmp_path / name
        path.write_text(content)
        result = runner.invoke(main, ["validate", str(path)])
        assert result.exit_code == 1
        assert result.exception is None or isinstance(result.exception, SystemExit)
        lines = result.stderr.splitlines()
        assert len(lines) == 2, lines  # the problem, then the count
        assert lines[0].startswith(f"GALAT: {path}") and message in lines[0]
        assert "Traceback" not in result.output

    def test_a_missing_file(self, runner, tmp_path):
        result = run(runner, "validate", tmp_path / "tidak-ada.xlsx")
        assert result.exit_code == 1
        assert f"GALAT: {tmp_path / 'tidak-ada.xlsx'}: berkas tidak ditemukan" in result.stderr


# ------------------------------------------------------------------------------ usage

@pytest.mark.parametrize("args", [
    ["validate"],                        # missing argument
    ["score", "x.yaml", "--format", "xml"],
    ["tidak-ada-perintah"],
    ["--lang", "fr", "validate", "x.yaml"],
])
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


# ------------------------------------------------------------------------------ schema

def test_schema_prints_the_json_schema(runner):
    result = run(runner, "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"programme", "document", "indicators", "observations"} <= set(schema["properties"])
    assert "programme" in schema["required"]


def test_schema_to_a_file(runner, tmp_path):
    out = tmp_path / "evalreport.schema.json"
    result = run(runner, "schema", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert "programme" in json.loads(out.read_text(encoding="utf-8"))["properties"]


# ------------------------------------------------------------------------------- score

class TestScore:
    def test_json_for_one_region_by_name(self, runner, data_file):
        result = run(runner, "score", data_file, "--region", "Kabupaten Bangkalan",
                     "--format", "json")
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)
        assert [r["indicator"] for r in rows] == ["KP01", "KS01", "IN01", "KS02"]
        kp01 = rows[0]
        assert (kp01["region_code"], kp01["period"], kp01["actual"], kp01["achievement"],
                kp01["band"], kp01["met"]) == ("3526", "2024", 64.2, 91.71, "Sangat Tinggi", False)
        assert kp01["change_previous"] == 3.2
        # the indicator's baseline (65.4) is the province's, not Bangkalan's: no change against it
        assert (kp01["baseline"], kp01["baseline_own"], kp01["change_baseline"]) == (65.4, False, None)
        assert rows[1]["actual"] == 5.24 and rows[1]["achievement"] == 95.2

    def test_region_by_code_or_name_in_any_case_is_the_same(self, runner, data_file):
        by_code = run(runner, "score", data_file, "--region", "3526", "--format", "json").stdout
        by_name = run(runner, "score", data_file, "--region", "kabupaten bangkalan",
                      "--format", "json").stdout
        assert by_code == by_name and json.loads(by_code)

    def test_every_region_of_the_current_period_by_default(self, runner, data_file):
        rows = json.loads(run(runner, "score", data_file, "--format", "json").stdout)
        assert {(r["region_code"], r["period"]) for r in rows} == {("3507", "2024"), ("3526", "2024")}
        assert len(rows) == 8

    def test_an_earlier_period(self, runner, data_file):
        rows = json.loads(run(runner, "score", data_file, "--region", "3507", "--period", "2023",
                              "--format", "json").stdout)
        assert {r["period"] for r in rows} == {"2023"}
        ks01 = next(r for r in rows if r["indicator"] == "KS01")
        assert ks01["actual"] == 4.44 and ks01["change_previous"] is None

    def test_csv(self, runner, data_file):
        result = run(runner, "score", data_file, "--region", "3526", "--format", "csv")
        assert result.exit_code == 0
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert len(rows) == 4
        kp01 = rows[0]
        assert (kp01["indicator"], kp01["achievement"], kp01["band"], kp01["met"]) == (
            "KP01", "91.71", "Sangat Tinggi", "False")
        assert kp01["rank"] == "2" and kp01["rank_of"] == "2"

    def test_csv_flags_in_the_chosen_language(self, runner, tmp_path, minimal_dict):
        minimal_dict["observations"][3]["status"] = "sementara"  # 3526 2024 KP01
        path = write_yaml(tmp_path, minimal_dict)
        rows = list(csv.DictReader(io.StringIO(
            run(runner, "score", path, "--region", "3526", "--format", "csv").stdout)))
        assert rows[0]["flags"] == "data sementara"
        rows = list(csv.DictReader(io.StringIO(
            run(runner, "--lang", "en", "score", path, "--region", "3526", "--format", "csv").stdout)))
        assert rows[0]["flags"] == "provisional data"

    def test_table_uses_indonesian_number_format(self, runner, data_file):
        result = run(runner, "score", data_file, "--region", "Kabupaten Bangkalan")
        assert result.exit_code == 0
        out = result.stdout
        assert out.splitlines()[0] == "Kabupaten Bangkalan (3526), periode 2024"
        assert "Capaian" in out and "Predikat" in out
        kp01 = next(line for line in out.splitlines() if line.startswith("KP01"))
        assert "64,20" in kp01 and "91,71%" in kp01 and "Sangat Tinggi" in kp01
        assert "≥ 70,00" in kp01 and "tidak" in kp01 and "2/2" in kp01
        ks01 = next(line for line in out.splitlines() if line.startswith("KS01"))
        assert "< 5,00" in ks01 and "5,24" in ks01 and "95,20%" in ks01
        in01 = next(line for line in out.splitlines() if line.startswith("IN01"))
        assert "80,00–90,00" in in01 and "90,00%" in in01 and "Tinggi" in in01
        assert "91.71" not in out

    def test_table_in_english(self, runner, data_file):
        out = run(runner, "--lang", "en", "score", data_file, "--region", "3526").stdout
        assert out.splitlines()[0] == "Kabupaten Bangkalan (3526), period 2024"
        kp01 = next(line for line in out.splitlines() if line.startswith("KP01"))
        assert "91.71%" in kp01 and " no " in f" {kp01} "
        assert "Achievement" in out

    def test_table_lists_each_region(self, runner, data_file):
        out = run(runner, "score", data_file).stdout
        assert "Kabupaten Malang (3507), periode 2024" in out
        assert "Kabupaten Bangkalan (3526), periode 2024" in out
        kp01_malang = next(line for line in out.splitlines() if line.startswith("KP01"))
        assert "103,57%" in kp01_malang and "ya" in kp01_malang

    def test_unknown_region_names_the_known_ones(self, runner, data_file):
        result = runner.invoke(main, ["score", str(data_file), "--region", "Kota Batu"])
        assert result.exit_code == 2
        assert "'Kota Batu' bukan wilayah" in result.stderr
        assert "Kabupaten Malang" in result.stderr and "Kabupaten Bangkalan" in result.stderr

    def test_unknown_period_names_the_known_ones(self, runner, data_file):
        result = runner.invoke(main, ["score", str(data_file), "--period", "2025"])
        assert result.exit_code == 2
        assert "2023, 2024" in result.stderr

    def test_invalid_data_exits_1_with_the_located_problems(self, runner, broken_file):
        result = runner.invoke(main, ["score", str(broken_file)])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "(indicators[1].target): harus berupa angka, tertulis 'tujuh'" in result.stderr
        assert "Traceback" not in result.output

    def test_the_sample_scores_bangkalan_public_trust(self, runner, sample_yaml):
        rows = json.loads(run(runner, "score", sample_yaml, "--region", "3526",
                              "--format", "json").stdout)
        kp01 = next(r for r in rows if r["indicator"] == "KP01")
        assert (kp01["actual"], kp01["achievement"], kp01["band"], kp01["met"]) == (
            64.2, 91.71, "Sangat Tinggi", False)


# ------------------------------------------------------------------------------- help

def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_command_has_help_with_an_example(runner, path):
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "evalreport " + path[0] in result.stdout  # the example shows the real command


def test_the_data_commands_exist():
    assert {"init", "validate", "schema", "score"} <= set(main.commands)

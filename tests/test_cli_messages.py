"""The command line speaks the reader's language and never prints a traceback unless asked.

Messages follow the global ``--lang`` (or ``EVALREPORT_LANG``), documents ``render --doc-lang``.
An error evalreport knows is one located line; anything else is one line that says so and how
to see more (``--debug``). Exit status: 0 done, 1 invalid or failed, 2 wrong usage.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from test_batch import _small

import evalreport
from evalreport.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _invoke(*args: str, env: dict | None = None):
    return CliRunner(env={"EVALREPORT_LANG": None, **(env or {})}).invoke(main, list(args))


# ------------------------------------------------------------------------- unexpected errors

def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    import evalreport.data.load as load

    def broken(path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(load, "check", broken)
    data = tmp_path / "data.yaml"
    data.write_text("programme: {}\n")
    res = _invoke("validate", str(data))
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        "galat tak terduga: ZeroDivisionError: division by zero; jalankan lagi dengan --debug "
        "untuk rinciannya"]
    assert "Traceback" not in res.output
    res = _invoke("--lang", "en", "validate", str(data))
    assert res.stderr.startswith("unexpected error: ZeroDivisionError: division by zero; run again")
    debug = _invoke("--debug", "validate", str(data))
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr and "ZeroDivisionError" in debug.stderr


def test_a_known_error_with_debug_also_shows_where_it_was_raised(tmp_path):
    res = _invoke("--debug", "templates", "export", "tidak-ada", str(tmp_path))
    assert res.exit_code == 1
    assert "Traceback" in res.stderr and "tidak-ada" in res.stderr
    plain = _invoke("templates", "export", "tidak-ada", str(tmp_path))
    assert plain.exit_code == 1 and "Traceback" not in plain.output
    assert len(plain.stderr.splitlines()) == 1


def test_an_unexpected_error_in_one_region_is_one_line_per_region(tmp_path, monkeypatch):
    import evalreport.run.documents as documents
    path = _small(tmp_path, n=2)
    bad = evalreport.load(path).regions[1]
    real = documents.DocumentMaker.render_region

    def broken(self, region):
        if region.code == bad.code:
            raise RuntimeError("boom")
        return real(self, region)

    monkeypatch.setattr(documents.DocumentMaker, "render_region", broken)
    args = ["render", str(path), "-o", str(tmp_path / "out"), "--jobs", "1", "--docs", "rekomendasi"]
    res = _invoke(*args)
    assert res.exit_code == 1
    assert (f"GAGAL: {bad.name}: wilayah {bad.code} {bad.name}: galat tak terduga: "
            "RuntimeError: boom") in res.stderr.splitlines()
    assert "Traceback" not in res.output
    assert (tmp_path / "out" / "errors.txt").read_text(encoding="utf-8").count("boom") == 1
    debug = _invoke("--debug", *args)
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr and 'raise RuntimeError("boom")' in debug.stderr


# --------------------------------------------------------------------------------- languages

def test_messages_follow_lang_and_documents_follow_doc_lang(tmp_path):
    path = _small(tmp_path, n=2)
    out = tmp_path / "out"
    res = _invoke("render", str(path), "-o", str(out), "--jobs", "1", "--docs", "rekomendasi",
                  "--doc-lang", "en", "--no-summary")
    assert res.exit_code == 0, res.output
    assert res.stderr.startswith("2 wilayah selesai, 0 dilewati (sudah mutakhir), 0 gagal; ")
    first = evalreport.load(path).regions[0]
    doc = Document(str(next(out.rglob("rekomendasi.docx"))))
    assert doc.core_properties.keywords.startswith("evaluation; ")
    assert doc.core_properties.comments.startswith("Made with evalreport")

    res = _invoke("render", str(path), "-o", str(out), "--jobs", "1", "--docs", "rekomendasi",
                  "--doc-lang", "en", "--no-summary", "--resume", env={"EVALREPORT_LANG": "en"})
    assert res.exit_code == 0, res.output
    assert res.stderr.startswith("0 regions done, 2 skipped (up to date), 0 failed; ")
    assert first.name not in res.stdout  # nothing rendered: nothing listed
    doc = Document(str(next(out.rglob("rekomendasi.docx"))))  # untouched: still English
    assert doc.core_properties.keywords.startswith("evaluation; ")


def test_render_has_no_lang_of_its_own(tmp_path):
    """--lang is the message language, before the command; documents are --doc-lang."""
    res = _invoke("render", "data.xlsx", "--lang", "en")
    assert res.exit_code == 2 and "No such option '--lang'" in res.stderr


def test_the_command_line_pairs_no_words_by_hand():
    source = (ROOT / "evalreport" / "cli.py").read_text(encoding="utf-8")
    assert 'lang == "id"' not in source and "lang == 'id'" not in source


def test_the_score_table_in_indonesian_and_english(tmp_path):
    path = _small(tmp_path, n=2)
    head_id = _invoke("score", str(path)).stdout.splitlines()[1].split()
    head_en = _invoke("--lang", "en", "score", str(path)).stdout.splitlines()[1].split()
    assert head_id[:6] == ["Kode", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"]
    assert head_en[:6] == ["Code", "Indicator", "Target", "Actual", "Achievement", "Band"]


# --------------------------------------------------------------------------- the synthetic set

def test_synthetic_writes_the_national_dataset_in_one_command(tmp_path):
    target = tmp_path / "nasional.yaml"
    res = _invoke("synthetic", str(target), "--regions", "40", "--seed", "3")
    assert res.exit_code == 0, res.output
    assert res.stdout == f"{target}\n"
    data = evalreport.load(target)  # loads on its own: the logo is beside it
    assert len(data.regions) == 40 and len({r.parent for r in data.regions}) > 10
    assert (tmp_path / data.document.letterhead.logo).is_file()
    again = _invoke("synthetic", str(target), "--regions", "40")
    assert again.exit_code == 1 and "--force" in again.stderr
    assert _invoke("synthetic", str(target), "--regions", "40", "--force").exit_code == 0
    wrong = _invoke("--lang", "en", "synthetic", str(tmp_path / "nasional.csv"))
    assert wrong.exit_code == 1
    assert wrong.stderr == "cannot write a dataset as '.csv': name the file .xlsx, .yaml or .json\n"


def test_the_synthetic_dataset_is_not_on_the_rendering_path():
    code = ("import sys, evalreport, evalreport.cli, evalreport.run.batch; "
            "print(sorted(m for m in sys.modules if 'synthetic' in m))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"

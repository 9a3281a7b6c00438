"""The English template set: built by scripts/build_templates.py from the same layout as the
Indonesian one, picked by ``render --doc-lang en`` (and ``doc_lang`` in the Python API),
exported by ``templates export --doc-lang en``, listed beside the Indonesian set; a template
the user passes wins over either bundled set.
"""
from __future__ import annotations

import io
import re
import zipfile
from importlib import resources
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docxtpl import DocxTemplate

import evalreport
from evalreport.cli import main
from evalreport.data.bands import PRESETS
from evalreport.templates import check, export
from evalreport.word.rendering import BUILTIN, builtin_path, load_template

ROOT = Path(__file__).resolve().parents[1]
KOTA_BATU = ROOT / "samples" / "kota-batu.yaml"


def _bundled(name: str, lang: str) -> Path:
    return Path(str(resources.files("evalreport.template_files").joinpath(builtin_path(name, lang))))


def _xml(path: Path | bytes, part: str) -> str:
    with zipfile.ZipFile(path if isinstance(path, Path) else io.BytesIO(path)) as z:
        return z.read(part).decode("utf-8")


@pytest.mark.parametrize("name", BUILTIN)
def test_english_template_is_english_and_checks_clean(name):
    path = _bundled(name, "en")
    styles, core = _xml(path, "word/styles.xml"), _xml(path, "docProps/core.xml")
    assert 'w:val="en-GB"' in styles and "id-ID" not in styles
    assert "<dc:language>en-GB</dc:language>" in core
    assert not re.search(r"\bTemplat\b", core) and "Template" in core
    assert [p.describe("en") for p in check(str(path)) if p.severity == "error"] == []


@pytest.mark.parametrize("name", BUILTIN)
def test_both_sets_ask_for_the_same_fields(name):
    """One layout: the English template fills exactly the fields the Indonesian one does."""
    fields = {lang: DocxTemplate(_bundled(name, lang)).get_undeclared_template_variables()
              for lang in ("id", "en")}
    assert fields["en"] == fields["id"] and len(fields["id"]) > 5


def test_captions_number_themselves_in_english():
    """Table and figure captions count with SEQ Table / SEQ Figure, and the lists of tables and
    figures collect those labels."""
    body = _xml(_bundled("laporan-evaluasi", "en"), "word/document.xml")
    assert "SEQ Table " in body and "SEQ Figure " in body and "SEQ Tabel" not in body
    assert 'TOC \\h \\z \\c "Table"' in body and 'TOC \\h \\z \\c "Figure"' in body


def test_render_picks_the_set_of_the_document_language(tmp_path):
    data = evalreport.load(KOTA_BATU)
    for lang in ("en", "id"):
        result = evalreport.render(data, tmp_path / lang, doc_lang=lang, jobs=1)
        assert not result.failures
    report = {lang: next((tmp_path / lang).rglob("laporan-evaluasi.docx")) for lang in ("en", "id")}
    en, id_ = (_xml(report[k], "word/document.xml") for k in ("en", "id"))
    assert "EXECUTIVE SUMMARY" in en and "RINGKASAN EKSEKUTIF" not in en
    assert "RINGKASAN EKSEKUTIF" in id_ and "EXECUTIVE SUMMARY" not in id_
    assert 'w:val="en-GB"' in _xml(report["en"], "word/styles.xml")


def test_a_template_the_user_passes_wins_over_the_english_set(tmp_path):
    """An edited template is used as it is, whatever the document language."""
    mine = tmp_path / "laporan-evaluasi.docx"
    mine.write_bytes(load_template("laporan-evaluasi", "id").blob)  # the office's own copy
    data = evalreport.load(KOTA_BATU)
    result = evalreport.render(data, tmp_path / "out", docs=["laporan-evaluasi"], doc_lang="en",
                               templates={"laporan-evaluasi": mine}, jobs=1)
    assert not result.failures
    body = _xml(next((tmp_path / "out").rglob("laporan-evaluasi.docx")), "word/document.xml")
    assert "RINGKASAN EKSEKUTIF" in body  # the user's (Indonesian) words, English data formats
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|September|"
                     r"October|November|December) \d{4}", body)


def test_export_and_list_offer_both_languages(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["templates", "export", "rekomendasi", str(tmp_path), "--doc-lang", "en"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "rekomendasi.docx"
    assert out.read_bytes() == load_template("rekomendasi", "en").blob
    assert "RECOMMENDATIONS OF THE EVALUATION" in _xml(out, "word/document.xml")
    assert export("rekomendasi", tmp_path / "id").read_bytes() == load_template("rekomendasi").blob
    listed = runner.invoke(main, ["--lang", "en", "templates", "list"])
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == len(BUILTIN)
    assert all(re.search(r"\bid, en\b", line) for line in lines)
    assert "Evaluation Report" in listed.stdout
    assert "Laporan Evaluasi" in runner.invoke(main, ["--lang", "id", "templates", "list"]).stdout


@pytest.mark.parametrize("scheme", PRESETS.values(), ids=list(PRESETS))
def test_every_preset_band_has_an_english_name(scheme):
    names = [b.name("en") for b in scheme.bands]
    assert all(b.label_en and b.label_en != b.label for b in scheme.bands)
    assert len(set(names)) == len(names)
    assert [b.name("id") for b in scheme.bands] == [b.label for b in scheme.bands]
    assert scheme.titled("en") != scheme.titled("id")


def test_a_custom_band_without_english_keeps_its_own_name(tmp_path):
    """A custom scheme's band prints its English label when it has one, else its label."""
    raw = yaml.safe_load(KOTA_BATU.read_text(encoding="utf-8"))
    raw["bands"] = [
        {"label": "Hijau", "label_en": "Green", "min": 90, "color": "#1B7837"},
        {"label": "Merah", "min": None, "color": "#D6404E"},
    ]
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    bands = evalreport.score(evalreport.load(path)).scheme.bands
    assert [b.name("en") for b in bands] == ["Green", "Merah"]
    assert [b.name("id") for b in bands] == ["Hijau", "Merah"]

"""Rendering (evalreport.rendering): escaping, located errors, reproducible bytes, properties,
pictures with alt text, the sandbox; atomic writes (evalreport.output, DocumentMaker).

Templates are small ones built in code (tests/wordlike.py), not the bundled ones.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.charts.draw import achievement_chart
from evalreport.charts.model import Bar  # noqa: E402
from evalreport.context.region import ContextBuilder  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.output import OutputError, write_bytes  # noqa: E402
from evalreport.run.documents import DocumentMaker, region_folder  # noqa: E402
from evalreport.word.rendering import FIXED_TIME, Properties, environment, load_template, render  # noqa: E402

KOTA_BATU = ROOT / "samples" / "kota-batu.yaml"
NASTY = 'Program "A" & <B> 😀'
PROPS = Properties(title="Laporan Evaluasi Kota Batu 2024", author="Bakesbangpol Kota Batu",
                   subject="Uji", date=dt.date(2025, 1, 20))


def batu_raw() -> dict:
    return yaml.safe_load(KOTA_BATU.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset():
    return evalreport.load(KOTA_BATU)


@pytest.fixture(scope="module")
def ctx(dataset) -> dict:
    return ContextBuilder(evalreport.score(dataset)).build(dataset.regions[0])


def do_render(path: Path, context: dict, props: Properties = PROPS) -> bytes:
    return render(load_template(path), context, props, environment())


def problem_of(path: Path, context: dict):
    with pytest.raises(TemplateProblemError) as err:
        do_render(path, context)
    (p,) = err.value.problems
    return p, err.value


# --------------------------------------------------------------------------- escaping

def test_special_characters_and_emoji_give_a_valid_document(tmp_path):
    raw = batu_raw()
    raw["programme"]["name"] = NASTY
    ds = evalreport.parse(raw)
    context = ContextBuilder(evalreport.score(ds)).build(ds.regions[0])
    tpl = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}",
                      cells=[["Program"], ["{{ program.nama }}"]], header_text="{{ program.nama }}")
    blob = do_render(tpl, context)
    doc = Document(io.BytesIO(blob))
    assert doc.paragraphs[1].text == f"Nama: {NASTY}"
    assert doc.tables[0].rows[1].cells[0].text == NASTY
    assert doc.sections[0].header.paragraphs[0].text == NASTY
    xml = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode("utf-8")
    assert "&amp; &lt;B&gt;" in xml and "😀" in xml


# ------------------------------------------------------------------------ located errors

def test_undefined_variable_names_variable_and_paragraph(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}", "Wilayah: {{ tidak_ada }}")
    p, err = problem_of(tpl, ctx)
    assert p.code == "render-undefined"
    d = p.describe("id")
    assert "'tidak_ada'" in d and "paragraf 3" in d and "«Wilayah: {{ tidak_ada }}»" in d
    assert "t.docx" in d
    e = p.describe("en")
    assert "'tidak_ada'" in e and "paragraph 3" in e and "undefined" in e
    assert "paragraf 3" in err.describe("id") and "1 masalah templat" in err.describe("id")


def test_undefined_attribute_names_its_paragraph(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}", "Wilayah: {{ wilayah.namma }}")
    p, _ = problem_of(tpl, ctx)
    assert "'namma'" in p.describe() and "paragraf 3" in p.describe()


def test_undefined_attribute_is_not_placed_at_a_valid_tag_with_the_same_field(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Predikat: {{ ringkasan.predikat }}",
                      "Wilayah: {{ wilayah.predikat }}")
    p, _ = problem_of(tpl, ctx)
    assert "paragraf 3" in p.describe(), p.describe()


def test_broken_tag_names_its_paragraph(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}", "Rusak: {{ program.nama | }}")
    p, _ = problem_of(tpl, ctx)
    assert p.code == "render-syntax"
    assert "paragraf 3" in p.describe() and "«Rusak: {{ program.nama | }}»" in p.describe()
    assert p.tag == "{{ program.nama | }}"
    assert "diharapkan 'name'" in p.describe() and "expected 'name'" in p.describe("en")


def test_undefined_in_a_table_cell_names_table_row_cell(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Tabel:", cells=[["Kolom", "Nilai"], ["x", "{{ sel_hilang }}"]])
    p, _ = problem_of(tpl, ctx)
    assert "tabel 1, baris 2, sel 2" in p.describe() and "'sel_hilang'" in p.describe()
    assert "table 1, row 2, cell 2" in p.describe("en")


def test_broken_tag_in_a_table_cell_names_table_row_cell(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Tabel:", cells=[["Kolom"], ["{{ program.nama | }}"]])
    p, _ = problem_of(tpl, ctx)
    assert "tabel 1, baris 2, sel 1" in p.describe()


def test_undefined_in_header_names_the_header(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Isi: {{ program.nama }}", header_text="Kop {{ kop_hilang }}")
    p, _ = problem_of(tpl, ctx)
    assert "header bagian 1" in p.describe() and "'kop_hilang'" in p.describe()
    assert "header of section 1" in p.describe("en")


def test_broken_tag_in_header_names_the_header(tmp_path, ctx):
    tpl = w.with_tags(tmp_path / "t.docx", "Isi", header_text="Kop {{ program.nama | }}")
    p, _ = problem_of(tpl, ctx)
    assert "header bagian 1" in p.describe()


@pytest.mark.parametrize("expr", ["''.__class__.__mro__", "program.nama.__class__",
                                  "''.__class__.__mro__[1].__subclasses__()"])
def test_sandbox_blocks_dunder_access(tmp_path, ctx, expr):
    tpl = w.with_tags(tmp_path / "t.docx", "{{ " + expr + " }}")
    p, _ = problem_of(tpl, ctx)
    assert p.code == "render-security"
    assert "tidak diizinkan" in p.describe() and "not allowed" in p.describe("en")


@pytest.mark.parametrize("expr", ["indikator.pop()", "program.update(nama='X')",
                                  "temuan.append(1)", "program.clear()"])
def test_templates_cannot_change_the_data_other_documents_share(tmp_path, ctx, expr):
    """A region's documents are rendered from one context: a template may read it, not
    change it."""
    before = (len(ctx["indikator"]), dict(ctx["program"]), len(ctx["temuan"]))
    tpl = w.with_tags(tmp_path / "t.docx", "{{ " + expr + " }}")
    p, _ = problem_of(tpl, ctx)
    assert p.code == "render-security"
    assert (len(ctx["indikator"]), dict(ctx["program"]), len(ctx["temuan"])) == before


def test_word_split_tag_renders(tmp_path, ctx):
    tpl = w.split_tag(tmp_path / "t.docx")
    doc = Document(io.BytesIO(do_render(tpl, ctx)))
    assert doc.paragraphs[2].text == "Wilayah: Kota Batu tahun ini."


# --------------------------------------------------------------------------- reproducible

def test_same_input_gives_identical_bytes(tmp_path, ctx):
    path = w.table_loop(tmp_path / "t.docx")
    tpl = load_template(path)
    env = environment()
    a = render(tpl, ctx, PROPS, env)
    b = render(tpl, ctx, PROPS, env)  # compiled parts reused
    c = render(load_template(path), ctx, PROPS, environment())  # a fresh Template
    assert a == b == c
    rows = Document(io.BytesIO(a)).tables[0].rows
    assert len(rows) == 1 + len(ctx["indikator"])
    assert rows[1].cells[0].text == ctx["indikator"][0]["nama"]


def test_zip_entries_have_fixed_time(tmp_path, ctx):
    blob = do_render(w.with_tags(tmp_path / "t.docx", "{{ program.nama }}"), ctx)
    infos = zipfile.ZipFile(io.BytesIO(blob)).infolist()
    assert infos and all(i.date_time == (1980, 1, 1, 0, 0, 0) == FIXED_TIME for i in infos)


def test_core_properties_and_update_fields(tmp_path, ctx):
    blob = do_render(w.with_tags(tmp_path / "t.docx", "{{ program.nama }}"), ctx)
    cp = Document(io.BytesIO(blob)).core_properties
    assert cp.title == PROPS.title and cp.author == PROPS.author and cp.subject == "Uji"
    assert cp.created.replace(tzinfo=None) == dt.datetime(2025, 1, 20, 8, 0)
    assert cp.modified.replace(tzinfo=None) == dt.datetime(2025, 1, 20, 8, 0)
    settings = zipfile.ZipFile(io.BytesIO(blob)).read("word/settings.xml").decode("utf-8")
    assert "w:updateFields" in settings and settings.count("w:updateFields") == 1


def test_chart_gets_alt_text(tmp_path, ctx):
    chart = achievement_chart([Bar("K01 Kepercayaan publik", 91.7, "#1B7837"),
                               Bar("K02 Partisipasi", 48.5, "#D6404E")],
                              title="Capaian indikator", number_format=lambda v: f"{v:.2f}",
                              dpi=60)
    assert chart.alt_text
    context = dict(ctx, grafik=dict(ctx["grafik"], capaian=chart))
    blob = do_render(w.with_tags(tmp_path / "t.docx", "Grafik:", "{{ grafik.capaian }}"), context)
    doc = Document(io.BytesIO(blob))
    (docpr,) = doc.element.body.xpath(".//wp:docPr")
    assert docpr.get("descr") == chart.alt_text
    assert len(doc.inline_shapes) == 1
    assert abs(doc.inline_shapes[0].width.cm - chart.width_cm) < 0.01


# ------------------------------------------------------------------------------- atomic write

def test_write_bytes_keeps_old_file_when_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "laporan.docx"
    target.write_bytes(b"lama")

    def boom(*a, **k):
        raise OSError("disk penuh")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError) as exc:
        write_bytes(target, b"baru")
    assert exc.value.describe("en") == f"cannot write {target}: disk penuh"
    assert target.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx"]


def test_write_bytes_keeps_old_file_when_fsync_fails(tmp_path, monkeypatch):
    target = tmp_path / "laporan.docx"
    target.write_bytes(b"lama")

    def boom(*a, **k):
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OutputError):
        write_bytes(target, b"baru")
    assert target.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.docx"]


def test_write_bytes_replaces_on_success(tmp_path):
    target = tmp_path / "sub" / "laporan.docx"
    assert write_bytes(target, b"satu") == target
    write_bytes(target, b"dua")
    assert target.read_bytes() == b"dua"
    assert sorted(p.name for p in target.parent.iterdir()) == ["laporan.docx"]


def test_failed_region_leaves_good_output_untouched(tmp_path, dataset):
    good = w.with_tags(tmp_path / "baik" / "rekomendasi.docx", "Rekomendasi {{ wilayah.nama }}")
    bad = w.with_tags(tmp_path / "rusak" / "rekomendasi.docx", "Rekomendasi {{ wilayah.nama }}",
                      "{{ tidak_ada }}")
    out = tmp_path / "out"
    region = dataset.regions[0]
    paths = DocumentMaker(dataset, ["rekomendasi"], {"rekomendasi": good}).region(region, out)
    assert paths == [out / region_folder(region) / "rekomendasi.docx"]
    before = {p.name: p.read_bytes() for p in paths[0].parent.iterdir()}
    assert Document(paths[0]).paragraphs[1].text == "Rekomendasi Kota Batu"

    with pytest.raises(TemplateProblemError) as err:
        DocumentMaker(dataset, ["rekomendasi"], {"rekomendasi": bad}).region(region, out)
    assert "tidak_ada" in err.value.describe("id")
    after = {p.name: p.read_bytes() for p in paths[0].parent.iterdir()}
    assert after == before


def test_a_table_keeps_its_last_row_with_a_kept_paragraph_after_it():
    """Staff set "keep with next" on the closing sentence after a table; the table's last row
    then travels with it (and the rows before it may still split across pages)."""
    from evalreport.word.rendering import keep_table_ends

    doc = Document()
    kept, free = doc.add_table(rows=3, cols=2), None
    for row in kept.rows:
        for cell in row.cells:
            cell.text = "x"
    doc.add_paragraph("Demikian rekomendasi ini disampaikan.").paragraph_format.keep_with_next = True
    free = doc.add_table(rows=3, cols=2)
    doc.add_paragraph("Catatan.")
    keep_table_ends(doc.element.body)

    def keeps(row):
        return [p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs]

    assert all(keeps(kept.rows[-1]))
    assert not any(keeps(kept.rows[0])) and not any(keeps(kept.rows[1]))
    assert not any(k for row in free.rows for k in keeps(row))

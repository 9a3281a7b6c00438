"""Template tools (evalreport.templates): check finds each problem at the right place, in
Indonesian and English; repair merges split tags and straightens quotes inside tags only;
annotate writes Word comments on the faulty runs; the field reference; the CLI commands.

Templates are built in code the way Word writes them (tests/wordlike.py).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from jinja2.sandbox import SandboxedEnvironment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.cli import main  # noqa: E402
from evalreport.context.region import ContextBuilder
from evalreport.context.schema import SCHEMA  # noqa: E402
from evalreport.templates import (  # noqa: E402
    annotate,
    check,
    export,
    field_rows,
    fields_docx,
    fields_markdown,
    list_templates,
    repair,
    write_fields,
)
from evalreport.templates.reference import FILTERS  # noqa: E402
from evalreport.word.rendering import BUILTIN, Properties, environment, load_template, render  # noqa: E402

KOTA_BATU = ROOT / "samples" / "kota-batu.yaml"
JATIM = ROOT / "samples" / "jatim.yaml"
OUR_FILTERS = ["angka", "persen", "rupiah", "tanggal", "tanggal_hari", "bulan_tahun", "terbilang",
               "terbilang_rupiah", "selisih"]


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def one(findings, code: str):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f.describe() for f in findings]
    return found[0]


def place(f) -> tuple:
    """(part, section, paragraph number, table, row, cell) of a problem's paragraph."""
    _partname, part, section, _within, _box, number, table, row, cell, _fb, _text = f.anchor
    return (part, section, number, table, row, cell)


@pytest.fixture(scope="module")
def batu_context() -> dict:
    ds = evalreport.load(KOTA_BATU)
    return ContextBuilder(evalreport.score(ds)).build(ds.regions[0])


def render_ok(path: Path, ctx: dict) -> bytes:
    blob = render(load_template(path), ctx, Properties("Uji", "Penguji"), environment())
    Document(io.BytesIO(blob))  # opens
    return blob


# ------------------------------------------------------------------------------ check

def test_split_tag_is_found_in_paragraph_3(tmp_path):
    path = w.split_tag(tmp_path / "t.docx")
    f = one(check(path), "split-runs")
    assert f.severity == "warning" and f.fixable
    assert place(f) == ("body", None, 3, None, None, None)
    assert f.tag == w.SPLIT_TAG
    d = f.describe()
    assert "paragraf 3" in d and "isi dokumen" in d and "'{{ wilayah.nama }}'" not in d
    assert w.SPLIT_TAG in d and "3 potongan" in d
    e = f.describe("en")
    assert "paragraph 3" in e and w.SPLIT_TAG in e and "split" in e and "3 runs" in e
    # curly quotes in ordinary text (paragraph 2) are not a problem
    assert "curly-quotes" not in codes(check(path))


def test_curly_quotes_in_a_filter_argument(tmp_path):
    path = w.curly_quotes(tmp_path / "t.docx")
    findings = check(path)
    f = one(findings, "curly-quotes")
    assert f.severity == "warning" and f.fixable
    assert place(f) == ("body", None, 2, None, None, None)
    assert f.tag == w.CURLY_TAG
    assert "paragraf 2" in f.describe() and w.CURLY_TAG in f.describe()
    assert "melengkung" in f.describe()
    assert "paragraph 2" in f.describe("en") and "curly quotes" in f.describe("en")
    assert not [x for x in findings if x.severity == "error"]  # the quotes parse once straightened


def test_tr_tag_outside_a_table_row(tmp_path):
    path = w.tr_in_body(tmp_path / "t.docx")
    found = [f for f in check(path) if f.code == "tr-outside-row"]
    assert [place(f)[2] for f in found] == [2, 4]
    f = found[0]
    assert f.severity == "error" and f.tag == "{%tr for i in indikator %}"
    assert "paragraf 2" in f.describe() and "{%tr for i in indikator %}" in f.describe()
    assert "baris tabel" in f.describe()
    assert "paragraph 2" in f.describe("en") and "table row" in f.describe("en")


def test_tag_in_header_is_placed_in_the_header(tmp_path):
    path = w.header_tag(tmp_path / "t.docx")
    f = one(check(path), "unknown-attribute")
    assert f.severity == "error"
    assert place(f) == ("header", 1, 1, None, None, None)
    assert "header bagian 1" in f.describe() and "{{ wilayah.namma }}" in f.describe()
    assert "maksudnya 'nama'?" in f.describe()
    assert "header of section 1" in f.describe("en") and "did you mean 'nama'?" in f.describe("en")


def test_unknown_variable_attribute_and_filter_with_suggestions(tmp_path):
    path = w.unknown_names(tmp_path / "t.docx")
    findings = check(path)
    assert all(f.severity == "error" for f in findings)
    attr = one(findings, "unknown-attribute")
    assert place(attr) == ("body", None, 2, None, None, None)
    assert "paragraf 2" in attr.describe() and "{{ wilayah.namma }}" in attr.describe()
    assert "'wilayah' tidak punya isian 'namma'; maksudnya 'nama'?" in attr.describe()
    assert "'wilayah' has no field 'namma'; did you mean 'nama'?" in attr.describe("en")

    var = one(findings, "unknown-variable")
    assert place(var) == ("body", None, 3, None, None, None)
    assert "paragraf 3" in var.describe() and "{{ wilayh.nama }}" in var.describe()
    assert "maksudnya 'wilayah'?" in var.describe()
    assert "paragraph 3" in var.describe("en") and "did you mean 'wilayah'?" in var.describe("en")

    flt = one(findings, "unknown-filter")
    assert place(flt) == ("body", None, 4, None, None, None)
    assert "paragraf 4" in flt.describe() and "{{ program.nama|uppr }}" in flt.describe()
    assert "filter 'uppr' tidak dikenal; maksudnya 'upper'?" in flt.describe()
    assert "unknown filter 'uppr'; did you mean 'upper'?" in flt.describe("en")


def test_table_with_a_proper_row_loop_is_clean(tmp_path):
    assert check(w.table_loop(tmp_path / "t.docx")) == []


def test_unknown_field_in_a_table_cell_names_table_row_cell(tmp_path):
    path = w.table_loop(tmp_path / "t.docx", cell_tag="{{ i.namma }}")
    f = one(check(path), "unknown-attribute")
    assert place(f) == ("body", None, 1, 1, 3, 1)
    assert "tabel 1, baris 3, sel 1" in f.describe() and "{{ i.namma }}" in f.describe()
    assert "maksudnya 'nama'?" in f.describe()
    assert "table 1, row 3, cell 1" in f.describe("en") and "did you mean 'nama'?" in f.describe("en")


def test_crossed_blocks_are_an_error_at_the_misplaced_end(tmp_path):
    path = w.crossed_blocks(tmp_path / "t.docx")
    findings = check(path)
    syntax = [f for f in findings if f.code == "syntax"]
    assert syntax and all(f.severity == "error" for f in syntax)
    f = syntax[0]
    assert place(f) == ("body", None, 5, None, None, None)
    assert f.tag == "{% endfor %}"
    assert "paragraf 5" in f.describe() and "{% endfor %}" in f.describe()
    assert "bersilang" in f.describe()
    assert "paragraph 5" in f.describe("en") and "crossed blocks" in f.describe("en")


def test_unclosed_tag_is_an_error_in_its_paragraph(tmp_path):
    path = w.unclosed_tag(tmp_path / "t.docx")
    f = one(check(path), "unclosed")
    assert f.severity == "error"
    assert place(f) == ("body", None, 2, None, None, None)
    assert f.tag == "{{ x"
    assert "paragraf 2" in f.describe() and "{{ x" in f.describe() and "'}}'" in f.describe()
    assert "paragraph 2" in f.describe("en") and "not closed" in f.describe("en")


def test_unclosed_block_is_an_error_at_its_opening(tmp_path):
    path = w.unclosed_block(tmp_path / "t.docx")
    f = [x for x in check(path) if x.code == "syntax"][0]
    assert f.severity == "error"
    assert place(f) == ("body", None, 2, None, None, None)
    assert "paragraf 2" in f.describe() and "{% for i in indikator %}" in f.describe()
    assert "tidak pernah ditutup" in f.describe() and "{% endfor %}" in f.describe()
    assert "never closed" in f.describe("en")


def test_unclosed_block_reports_no_follow_on_unknown_loop_variable(tmp_path):
    path = w.unclosed_block(tmp_path / "t.docx")
    assert "unknown-variable" not in codes(check(path))


def test_errors_come_before_warnings(tmp_path):
    doc = w.new_doc()
    w.para(doc, "A ", ("{{ wil", "b"), ("ayah.nama }}", "i"))
    w.para(doc, "{{ wilayh.nama }}")
    path = w.save(doc, tmp_path / "t.docx")
    sev = [f.severity for f in check(path)]
    assert sev == sorted(sev, key=lambda s: s != "error") and set(sev) == {"error", "warning"}


@pytest.fixture
def batu_without_number(tmp_path) -> Path:
    raw = yaml.safe_load(KOTA_BATU.read_text(encoding="utf-8"))
    del raw["document"]["number"]
    path = tmp_path / "batu.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_data_warns_about_a_variable_that_prints_empty(tmp_path, batu_without_number):
    path = w.with_tags(tmp_path / "t.docx", "Nomor: {{ dokumen.nomor }}", "{{ program.nama }}")
    assert check(path) == []  # nothing without data
    f = one(check(path, data=batu_without_number), "empty")
    assert f.severity == "warning"
    assert place(f) == ("body", None, 2, None, None, None)
    assert "paragraf 2" in f.describe() and "{{ dokumen.nomor }}" in f.describe()
    assert "kosong" in f.describe() and "Kota Batu" in f.describe()
    assert "would print empty" in f.describe("en")
    # the full sample has a number: no warning
    assert check(path, data=KOTA_BATU) == []


# ----------------------------------------------------------------------------- repair

def test_repair_merges_the_split_tag_into_the_first_run(tmp_path, batu_context):
    src = w.split_tag(tmp_path / "t.docx")
    before = [p.text for p in Document(src).paragraphs]
    out = tmp_path / "fixed.docx"
    changes = repair(src, out)
    assert len(changes) == 1
    c = changes[0]
    assert place(c)[2] == 3 and c.tag == w.SPLIT_TAG and c.code == "split-runs"
    assert "paragraf 3" in c.describe() and "3 potongan" in c.describe()
    assert "paragraph 3" in c.describe("en") and "merged" in c.describe("en")

    doc = Document(out)
    assert [p.text for p in doc.paragraphs] == before  # text unchanged
    p = doc.paragraphs[2]
    carrying = [r for r in p.runs if "{{" in r.text or "}}" in r.text]
    assert len(carrying) == 1 and w.SPLIT_TAG in carrying[0].text
    assert carrying[0].bold is True and not carrying[0].italic  # the first piece's formatting
    assert p._p.findall(qn("w:proofErr")) == []
    starts = p._p.findall(qn("w:bookmarkStart"))
    assert [b.get(qn("w:name")) for b in starts] == ["_GoBack"]
    assert len(p._p.findall(qn("w:bookmarkEnd"))) == 1
    children = list(p._p)
    tag_run = children.index(carrying[0]._r)
    # the bookmark stands outside the tag's run (before it), not inside the tag
    assert all(children.index(b) < tag_run for b in starts + p._p.findall(qn("w:bookmarkEnd")))

    assert [f for f in check(out) if f.code in ("split-runs", "curly-quotes")] == []
    rendered = Document(io.BytesIO(render_ok(out, batu_context)))
    assert rendered.paragraphs[2].text == "Wilayah: Kota Batu tahun ini."
    # curly quotes in ordinary text stay curly
    assert rendered.paragraphs[1].text == before[1] and "“resmi”" in before[1]


def test_repair_straightens_quotes_only_inside_tags(tmp_path, batu_context):
    src = w.curly_quotes(tmp_path / "t.docx")
    out = tmp_path / "fixed.docx"
    changes = repair(src, out)
    assert len(changes) == 1
    c = changes[0]
    assert c.tag == w.CURLY_FIXED and c.code == "curly-quotes"
    assert "paragraf 2" in c.describe() and "diluruskan" in c.describe()
    assert w.CURLY_FIXED in c.describe()
    assert "quotes straightened" in c.describe("en")
    text = Document(out).paragraphs[1].text
    assert text == "Program “utama”: " + w.CURLY_FIXED + " ‘selesai’."
    assert "“utama”" in text and "‘selesai’" in text  # outside the tag: still curly
    assert check(out) == []
    rendered = Document(io.BytesIO(render_ok(out, batu_context))).paragraphs[1].text
    expected = batu_context["program"]["nama"].replace("a", "b")
    assert rendered == f"Program “utama”: {expected} ‘selesai’."


def test_repair_two_split_tags_in_one_paragraph(tmp_path, batu_context):
    doc = w.new_doc()
    w.para(doc, "A ", ("{{ wil", "b"), "<spellStart>", ("ayah.nama }} dan {{ prog", "i"), "<spellEnd>",
           ("ram.nama|replace(“a”, “b”) }}", ""), " z")
    src = w.save(doc, tmp_path / "t.docx")
    changes = repair(src, tmp_path / "fixed.docx")
    assert len(changes) == 3  # two merges, one straightening
    fixed = Document(tmp_path / "fixed.docx").paragraphs[1].text
    assert fixed == 'A {{ wilayah.nama }} dan {{ program.nama|replace("a", "b") }} z'
    assert check(tmp_path / "fixed.docx") == []
    render_ok(tmp_path / "fixed.docx", batu_context)


def test_repair_leaves_a_clean_template_alone(tmp_path):
    src = w.table_loop(tmp_path / "t.docx")
    assert repair(src, tmp_path / "same.docx") == []
    assert [p.text for p in Document(tmp_path / "same.docx").paragraphs] == \
        [p.text for p in Document(src).paragraphs]


# --------------------------------------------------------------------------- annotate

def _comment_ranges(p_el) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd in a paragraph."""
    out, open_ = {}, {}
    for el in p_el.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            out[cid] = "".join(open_.pop(cid))
        elif el.tag == qn("w:t"):
            for parts in open_.values():
                parts.append(el.text or "")
    return out


def test_annotate_one_comment_per_finding_on_the_faulty_run(tmp_path):
    doc = w.new_doc()
    w.para(doc, "Sebelum ", "{{ wilayah.namma }}", " sesudah")
    w.para(doc, "Lagi: ", ("{{ program.nama|uppr }}", "b"))
    src = w.save(doc, tmp_path / "t.docx")
    findings = check(src)
    assert len(findings) == 2
    out = tmp_path / "periksa.docx"
    assert annotate(src, out, findings) == 2
    result = Document(out)
    comments = list(result.comments)
    assert len(comments) == 2
    texts = [c.text for c in comments]
    for f in findings:
        assert any(f.message.render("id") in t and f.tag in t for t in texts)
    assert all(c.author == "evalreport" for c in comments)
    r1 = _comment_ranges(result.paragraphs[1]._p)
    r2 = _comment_ranges(result.paragraphs[2]._p)
    assert list(r1.values()) == ["{{ wilayah.namma }}"]  # the tag's run only
    assert list(r2.values()) == ["{{ program.nama|uppr }}"]
    # the source is untouched
    assert len(list(Document(src).comments)) == 0


def test_annotate_in_english(tmp_path):
    src = w.unknown_names(tmp_path / "t.docx")
    findings = check(src, lang="en")
    annotate(src, tmp_path / "a.docx", findings, lang="en")
    texts = [c.text for c in Document(tmp_path / "a.docx").comments]
    assert any("did you mean 'nama'?" in t and "{{ wilayah.namma }}" in t for t in texts)


def test_annotate_split_tag_range_covers_the_tag(tmp_path):
    src = w.split_tag(tmp_path / "t.docx")
    findings = check(src)
    annotate(src, tmp_path / "a.docx", findings)
    result = Document(tmp_path / "a.docx")
    assert len(list(result.comments)) == 1
    ranges = _comment_ranges(result.paragraphs[2]._p)
    assert len(ranges) == 1 and w.SPLIT_TAG in next(iter(ranges.values()))


def test_annotate_header_problem_goes_on_the_first_body_paragraph(tmp_path):
    src = w.header_tag(tmp_path / "t.docx")
    findings = check(src)
    assert annotate(src, tmp_path / "a.docx", findings) == 1
    result = Document(tmp_path / "a.docx")
    (c,) = list(result.comments)
    assert "header" in c.text and "header bagian 1" in c.text and "{{ wilayah.namma }}" in c.text
    assert "maksudnya 'nama'?" in c.text
    ranges = _comment_ranges(result.paragraphs[0]._p)
    assert list(ranges.values()) == ["Laporan Hasil Evaluasi"]


# ------------------------------------------------------------------ bundled templates

def _bundled(name: str) -> None:
    if not (ROOT / "templates" / f"{name}.docx").is_file():
        pytest.skip(f"bundled template templates/{name}.docx does not exist yet")


@pytest.mark.parametrize("name", BUILTIN)
def test_bundled_template_has_no_errors(name):
    _bundled(name)
    errors = [f.describe("en") for f in check(name) if f.severity == "error"]
    assert errors == []


def test_list_templates_names_the_four_bundled():
    names = [n for n, _ in list_templates()]
    assert names == list(BUILTIN) and len(names) == 4
    assert all(title for _, title in list_templates())


def test_export_unknown_name_suggests(tmp_path):
    with pytest.raises(evalreport.EvalReportError) as err:
        export("laporan-evalusi", tmp_path)
    assert "maksudnya 'laporan-evaluasi'?" in err.value.describe("id")
    assert "did you mean 'laporan-evaluasi'?" in err.value.describe("en")


# ---------------------------------------------------------------------- field reference

def test_fields_markdown_mentions_every_name_filter_and_example():
    md = fields_markdown()
    for var in SCHEMA:
        assert f"## {var.name} — " in md, var.name
    added = sorted(set(environment().filters) - set(SandboxedEnvironment().filters))
    assert added == sorted(OUR_FILTERS)
    for name in OUR_FILTERS:
        assert f"| {name} |" in md, name
    name = yaml.safe_load(JATIM.read_text(encoding="utf-8"))["programme"]["name"]
    assert f"| `{{{{ program.nama }}}}` | teks | Nama program | {name} |" in md
    assert "`{%tr for i in indikator %} … {%tr endfor %}`" in md


def test_every_filter_example_applies_its_filter():
    for name, tag, _, _ in FILTERS:
        assert f"|{name}" in tag, (name, tag)


def test_fields_use_examples_from_given_data():
    ds = evalreport.load(KOTA_BATU)
    rows = {r.tag: r for _, rs in field_rows(ds) for r in rs}
    assert rows["{{ wilayah.nama }}"].example == "Kota Batu"


def test_fields_docx_has_tag_tables(tmp_path):
    doc = Document(io.BytesIO(fields_docx()))
    assert len(doc.tables) >= len(SCHEMA)
    first_col = [row.cells[0].text.strip() for t in doc.tables for row in t.rows]
    assert "{{ program.nama }}" in first_col
    assert "{{ wilayah.nama }}" in first_col
    path = write_fields(tmp_path / "isian.md", "md")
    assert path.read_text(encoding="utf-8") == fields_markdown()
    path = write_fields(tmp_path / "isian.docx")
    Document(path)


# -------------------------------------------------------------------------------- CLI

def test_cli_check_broken_template_exit_1_located(tmp_path):
    src = w.unknown_names(tmp_path / "t.docx")
    res = CliRunner().invoke(main, ["templates", "check", str(src)])
    assert res.exit_code == 1, res.output
    assert f"GALAT: {src}, isi dokumen, paragraf 2" in res.stdout
    assert "maksudnya 'nama'?" in res.stdout and "{{ wilayah.namma }}" in res.stdout
    assert "3 galat" in res.stderr


def test_cli_check_english(tmp_path):
    src = w.header_tag(tmp_path / "t.docx")
    res = CliRunner().invoke(main, ["--lang", "en", "templates", "check", str(src)])
    assert res.exit_code == 1
    assert f"ERROR: {src}, header of section 1, paragraph 1" in res.stdout
    assert "did you mean 'nama'?" in res.stdout


def test_cli_check_clean_template_exit_0(tmp_path):
    src = w.table_loop(tmp_path / "t.docx")
    res = CliRunner().invoke(main, ["templates", "check", str(src)])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert "0 galat, 0 peringatan" in res.stderr


def test_cli_check_warnings_only_exit_0_and_annotate(tmp_path):
    src = w.split_tag(tmp_path / "t.docx")
    out = tmp_path / "periksa.docx"
    res = CliRunner().invoke(main, ["templates", "check", str(src), "--annotate", str(out)])
    assert res.exit_code == 0, res.output
    assert f"PERINGATAN: {src}, isi dokumen, paragraf 3" in res.stdout
    assert len(list(Document(out).comments)) == 1


def test_cli_check_with_data(tmp_path, batu_without_number):
    src = w.with_tags(tmp_path / "t.docx", "Nomor: {{ dokumen.nomor }}")
    res = CliRunner().invoke(main, ["templates", "check", str(src), "--data", str(batu_without_number)])
    assert res.exit_code == 0
    assert f"PERINGATAN: {src}, isi dokumen, paragraf 2" in res.stdout and "kosong" in res.stdout


def test_cli_list_shows_four():
    res = CliRunner().invoke(main, ["templates", "list"])
    assert res.exit_code == 0
    lines = [line for line in res.stdout.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == list(BUILTIN)


def test_cli_export_then_list(tmp_path):
    _bundled("laporan-evaluasi")
    runner = CliRunner()
    res = runner.invoke(main, ["templates", "export", "laporan-evaluasi", str(tmp_path / "kantor")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "kantor" / "laporan-evaluasi.docx").is_file()
    again = runner.invoke(main, ["templates", "export", "laporan-evaluasi", str(tmp_path / "kantor")])
    assert again.exit_code == 1 and "--force" in again.stderr
    res = runner.invoke(main, ["templates", "list"])
    assert len([line for line in res.stdout.splitlines() if line.strip()]) == 4


def test_cli_repair_lists_changes(tmp_path):
    src = w.split_tag(tmp_path / "t.docx")
    out = tmp_path / "baik.docx"
    res = CliRunner().invoke(main, ["templates", "repair", str(src), str(out)])
    assert res.exit_code == 0, res.output
    assert "isi dokumen, paragraf 3" in res.stdout and "disatukan" in res.stdout
    assert "1 perbaikan" in res.stderr
    assert out.is_file()
    res = CliRunner().invoke(main, ["--lang", "en", "templates", "repair", str(w.curly_quotes(
        tmp_path / "c.docx")), str(tmp_path / "c2.docx")])
    assert res.exit_code == 0 and "quotes straightened" in res.stdout and "body, paragraph 2" in res.stdout


def test_cli_fields(tmp_path):
    res = CliRunner().invoke(main, ["templates", "fields", "-o", str(tmp_path / "f.md"), "--format", "md"])
    assert res.exit_code == 0
    assert "{{ program.nama }}" in (tmp_path / "f.md").read_text(encoding="utf-8")


def test_cli_check_a_bundled_name_in_either_language(tmp_path):
    """A bundled name means the set of --doc-lang: the English report is the one checked (and
    copied for comments), not the Indonesian one."""
    texts = {}
    for lang in ("id", "en"):
        out = tmp_path / f"{lang}.docx"
        res = CliRunner().invoke(main, ["templates", "check", "laporan-evaluasi", "--doc-lang", lang,
                                        "--annotate", str(out)])
        assert res.exit_code == 0, res.output
        texts[lang] = "\n".join(p.text for p in Document(out).paragraphs)
    assert "RINGKASAN EKSEKUTIF" in texts["id"] and "RINGKASAN EKSEKUTIF" not in texts["en"]
    assert "EXECUTIVE SUMMARY" in texts["en"]

"""A template runs within limits (evalreport.word.sandbox), prints data literally, and every way
it can fail at render is told at its place in Word.

Templates are built in code (tests/wordlike.py); each hostile tag is one a member of staff could
type (or paste) into Word.
"""
from __future__ import annotations

import io
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.context.region import ContextBuilder  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.word import scan  # noqa: E402
from evalreport.word.rendering import Properties, environment, load_template, render  # noqa: E402
from evalreport.word.sandbox import Limits  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROPS = Properties("Uji", "Penguji")


@pytest.fixture(scope="module")
def ctx() -> dict:
    ds = evalreport.load(ROOT / "samples" / "kota-batu.yaml")
    return ContextBuilder(evalreport.score(ds)).build(ds.regions[0])


def do_render(path: Path, context: dict, limits: Limits | None = None) -> bytes:
    return render(load_template(path), context, PROPS, environment(limits=limits))


def failure(path: Path, context: dict, limits: Limits | None = None):
    """The one problem rendering ``path`` ends with, and how long it took."""
    start = time.monotonic()
    with pytest.raises(TemplateProblemError) as err:
        do_render(path, context, limits)
    (p,) = err.value.problems
    return p, time.monotonic() - start


# ---------------------------------------------------------------------------- limits

@pytest.mark.parametrize("expr, words", [
    ("9**(9**9)", "binary digits"),
    ("2**100000", "binary digits"),
    ("'x' * 10**9", "characters"),
    ("[0] * 10**9", "items"),
    ("'x'|center(10**9)", "width"),
    ("'x'.zfill(10**9)", "width"),
    ("'%0999999999d' % 1", "width"),
    ("'{:>999999999}'.format(1)", "width"),
    ("'x'|indent(10**8)", "characters"),
    ("('x' * 1000)|replace('', 'y' * 1000)", "characters"),
    ("range(9999)|join('x' * 1000)", "characters"),
    ("[1]|batch(10**9, 0)|list", "items"),
    ("lipsum(10**6)", "characters"),
])
def test_a_huge_result_is_refused_before_it_is_made(tmp_path, ctx, expr, words):
    path = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}", "Hasil: {{ " + expr + " }}")
    tracemalloc.start()
    try:
        p, seconds = failure(path, ctx)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert p.code == "render-limit", p.describe("en")
    assert seconds < 10 and peak < 200 * 2**20, (seconds, peak)
    d = p.describe("en")
    assert "paragraph 3" in d and "«Hasil: {{ " in d and words in d, d
    assert "paragraf 3" in p.describe("id") and "templat meminta" in p.describe("id")


def test_a_text_doubled_in_a_loop_is_stopped(tmp_path, ctx):
    path = w.with_tags(tmp_path / "t.docx", "{% set ns = namespace(a='x') %}",
                       "{% for i in range(64) %}{% set ns.a = ns.a ~ ns.a %}{% endfor %}", "{{ ns.a|length }}")
    p, _ = failure(path, ctx)
    assert p.code == "render-limit" and "paragraph 3" in p.describe("en") and "characters" in p.describe("en")


def test_nested_loops_stop_at_the_time_limit_at_their_place(tmp_path, ctx):
    path = w.with_tags(tmp_path / "t.docx", "Awal", "{% for i in range(99999) %}{% for j in range(99999) %}"
                       "{% endfor %}{% endfor %}", "Akhir")
    p, seconds = failure(path, ctx, Limits(seconds=1))
    assert p.code == "render-limit"
    assert 1 <= seconds < 8, seconds
    assert "longer than 1 seconds" in p.describe("en") and "paragraph 3" in p.describe("en")
    assert "lebih dari 1 detik" in p.describe("id")


def test_a_loop_over_text_from_the_data_stops_at_the_time_limit(tmp_path, ctx):
    """Loops over anything (here each character of a long text, nested) check the clock."""
    path = w.with_tags(tmp_path / "t.docx", "{% set s = 'ab' * 50000 %}",
                       "{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}")
    p, seconds = failure(path, ctx, Limits(seconds=1))
    assert p.code == "render-limit" and seconds < 8 and "paragraph 3" in p.describe("en")


def test_a_macro_that_calls_itself_is_told_at_its_place(tmp_path, ctx):
    path = w.with_tags(tmp_path / "t.docx", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}", "Hasil: {{ m(1) }}")
    p, seconds = failure(path, ctx)
    assert p.code == "render-limit" and seconds < 10
    assert "calls itself" in p.describe("en") and "paragraph 2" in p.describe("en")


def test_what_a_document_prints_has_a_budget(tmp_path, ctx):
    path = w.with_tags(tmp_path / "t.docx", "x", "{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}")
    p, _ = failure(path, ctx, Limits(output_chars=200_000))
    assert p.code == "render-limit" and "200000 characters" in p.describe("en")
    assert "paragraph 3" in p.describe("en")
    do_render(path, ctx)  # within the default budget


def test_a_printed_value_over_the_limit_is_refused_not_cut(tmp_path, ctx):
    big = dict(ctx, program=dict(ctx["program"], nama="Ketahanan " * 1_100_000))  # 11 MB
    path = w.with_tags(tmp_path / "t.docx", "Judul", "Nama: {{ program.nama }}")
    p, _ = failure(path, big)
    assert p.code == "render-limit" and "too long to print" in p.describe("en")
    assert "paragraph 3" in p.describe("en") and p.tag == "{{ program.nama }}"


def test_a_value_libxml_cannot_hold_is_an_error_not_a_shorter_document(tmp_path, ctx):
    """With the printing limit raised, docxtpl's recovering parser would cut an 11 MB text
    short without a word; here it is an error at the part."""
    big = dict(ctx, program=dict(ctx["program"], nama="Ketahanan " * 1_100_000))
    path = w.with_tags(tmp_path / "t.docx", "Judul", "Nama: {{ program.nama }}")
    p, _ = failure(path, big, Limits(value_chars=20_000_000))
    assert p.code == "render-xml" and "not valid Word XML" in p.describe("en")


def test_limits_leave_ordinary_templates_alone(tmp_path, ctx):
    path = w.with_tags(tmp_path / "t.docx", "{{ 2**10 }} {{ 'ab' * 3 }} {{ '%05d' % 42 }} {{ '{:>6}'.format('x') }}",
                       "{{ 150000000|rupiah }} {{ range(5)|join(', ') }} {{ 'a-b'|replace('-', ' – ') }}")
    doc = Document(io.BytesIO(do_render(path, ctx)))
    assert doc.paragraphs[1].text == "1024 ababab 00042      x"
    assert doc.paragraphs[2].text == "Rp150.000.000 0, 1, 2, 3, 4 a – b"


# ------------------------------------------------------------- located render errors

@pytest.mark.parametrize("tag, code, words", [
    ("{{ ''.__class__ }}", "render-security", "not allowed"),
    ("{{ range(10**6)|list }}", "render-other", "OverflowError"),
    ("{% include 'kop.docx' %}", "render-include", "include"),
    ("{{ 1 / 0 }}", "render-other", "ZeroDivisionError"),
    ("{{ program.nama + 1 }}", "render-other", "TypeError"),
    ("{{ indikator.pop() }}", "render-security", "not allowed"),
])
def test_every_render_failure_has_its_paragraph(tmp_path, ctx, tag, code, words):
    path = w.with_tags(tmp_path / "t.docx", "Nama: {{ program.nama }}", "Gagal: " + tag, "Akhir")
    p, _ = failure(path, ctx)
    assert p.code == code, p.describe("en")
    assert "paragraph 3" in p.describe("en") and words in p.describe("en"), p.describe("en")
    assert p.tag == tag


def test_a_render_failure_in_each_place_names_that_place(tmp_path, ctx):
    """The same missing variable, alone in each place a tag may stand, is told where it is."""
    expected = {
        "body": "body, paragraph 2", "control": "body, paragraph 3",
        "box": "body, paragraph 4, text box 1, paragraph 1", "cell": "body, table 1, row 1, cell 1",
        "cell control": "body, table 1, row 1, cell 2", "header": "header of section 1, paragraph 1",
        "first": "first-page header of section 1, paragraph 1",
        "even": "even-page footer of section 1, paragraph 1",
        "footnote": "footnote 1, paragraph 1", "endnote": "endnote 1, paragraph 1"}
    for n, where in enumerate(expected.values()):
        path = w.everywhere(tmp_path / f"t{n}.docx", tag="{{ wilayah.nama }}")
        # one place gets the bad tag: the n-th occurrence of the good one
        bad = _replace_nth(path, n, "{{ tidak_ada }}")
        p, _ = failure(bad, ctx)
        assert p.code == "render-undefined"
        assert where in p.describe("en"), (where, p.describe("en"))
        assert "'tidak_ada'" in p.describe("en")


def _replace_nth(path: Path, n: int, new: str) -> Path:
    """``path`` with the n-th visible occurrence (in scan order, as :func:`wordlike.everywhere`
    lists its places) of '{{ wilayah.nama }}' replaced; the older copy of a text box too."""
    doc = Document(path)
    paras = scan.paragraphs(doc, scan.notes(doc), fallbacks=True)
    shown = [p for p in paras if "{{ wilayah.nama }}" in p.text and not p.fallback]
    target = shown[n]
    for p in paras:
        if p.key[:-2] == target.key[:-2] or p is target:
            for node, _ in p.runs:
                node.text = (node.text or "").replace("{{ wilayah.nama }}", new)
    out = path.with_name(path.stem + "-bad.docx")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        m = {i: z.read(i) for i in z.namelist()}
    if target.part in ("footnote", "endnote"):  # python-docx keeps notes as bytes: edit those
        member = target.partname.lstrip("/")
        m[member] = m[member].replace(b"{{ wilayah.nama }}", new.encode())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in m.items():
            z.writestr(name, data)
    return out


def test_an_unclosed_paragraph_loop_is_placed_where_check_places_it(tmp_path, ctx):
    from evalreport.templates import check
    path = w.with_tags(tmp_path / "t.docx", "Tujuan:", "{%p for t in program.tujuan %}", "{{ t }}", "Penutup.")
    p, _ = failure(path, ctx)
    assert p.code == "render-syntax"
    assert "paragraph 3" in p.describe("en") and "never closed" in p.describe("en")
    (c,) = [f for f in check(path) if f.code == "syntax"]
    assert c.location == p.location and c.message == p.message


# -------------------------------------------------------------- data prints literally

CONTROL = "A\fB\vC\aD\x00E\x1bF\r\nG\rH\u2028I\x85J\tK\nL\ud800M\uffffN"


@pytest.mark.parametrize("stock", ["", "docx"])
def test_control_characters_in_data_print_literally(tmp_path, ctx, monkeypatch, stock):
    monkeypatch.setenv("EVALREPORT_STOCK", stock)
    data = dict(ctx, wilayah=dict(ctx["wilayah"], nama=CONTROL))
    path = w.everywhere(tmp_path / "t.docx")
    blob = do_render(path, data)
    doc = Document(io.BytesIO(blob))
    body = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode()
    assert 'w:type="page"' not in body  # a form feed is not a page break
    # the same number of paragraphs as the template: \a is not a new paragraph
    assert len(doc.paragraphs) == len(Document(path).paragraphs)
    expected = "A\nB\nCDEF\nG\nH\nI\nJ\tK\nLMN"
    assert doc.paragraphs[1].text == "Biasa: " + expected
    for p in scan.paragraphs(doc, scan.notes(doc), fallbacks=True):
        if p.text.startswith(("Biasa", "Kontrol", "Di kotak", "Kaki", "Akhir", "Kop", "Sel")):
            assert "".join(p.text.split(": ", 1)[1:]) == expected.replace("\n", "").replace("\t", ""), p.text


def test_fast_and_stock_documents_are_the_same_in_every_place(tmp_path, ctx, monkeypatch):
    data = dict(ctx, wilayah=dict(ctx["wilayah"], nama=CONTROL))
    path = w.everywhere(tmp_path / "t.docx", split=True)
    monkeypatch.delenv("EVALREPORT_STOCK", raising=False)
    fast = do_render(path, data)
    monkeypatch.setenv("EVALREPORT_STOCK", "docx")
    assert do_render(path, data) == fast


def test_notes_are_filled_once_even_with_several_sections(tmp_path, ctx, monkeypatch):
    """docxtpl fills the footnotes once per section, the second time filling a filled text:
    a value that looks like a tag is then run as one. Here it prints as it is."""
    doc = w.new_doc()
    w.body_xml(doc, f"<w:p>{w.runs_xml('Catatan')}{w.note_reference('footnote', 1)}</w:p>")
    doc.add_section()
    w.para(doc, "Bagian dua")
    path = w.save(doc, tmp_path / "t.docx")
    w.with_notes(path, "footnote", [[w.p_xml("Kaki: {{ wilayah.nama }}")]])
    data = dict(ctx, wilayah=dict(ctx["wilayah"], nama="{{ 7 * 6 }}"))
    for stock in ("", "docx"):
        monkeypatch.setenv("EVALREPORT_STOCK", stock)
        blob = do_render(path, data)
        out = Document(io.BytesIO(blob))
        (note,) = [p for p in scan.paragraphs(out, scan.notes(out)) if p.part == "footnote"]
        assert note.text == "Kaki: {{ 7 * 6 }}"

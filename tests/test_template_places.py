"""``templates check`` sees what rendering fills (evalreport.templates.check, evalreport.word.scan):
every place a tag may stand, named as Word users find it, and every Jinja construct that
renders in the sandbox is accepted, while what fails at render is reported.

Templates are built in code (tests/wordlike.py).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport.context.region import ContextBuilder  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.templates import annotate, check  # noqa: E402
from evalreport.word import scan  # noqa: E402
from evalreport.word.rendering import Properties, environment, load_template, render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PLACES_ID = ["isi dokumen, paragraf 2", "isi dokumen, paragraf 3",
             "isi dokumen, paragraf 4, kotak teks 1, paragraf 1", "isi dokumen, tabel 1, baris 1, sel 1",
             "isi dokumen, tabel 1, baris 1, sel 2", "header bagian 1, paragraf 1",
             "header halaman pertama bagian 1, paragraf 1", "footer halaman genap bagian 1, paragraf 1",
             "catatan kaki 1, paragraf 1", "catatan akhir 1, paragraf 1"]


@pytest.fixture(scope="module")
def ctx() -> dict:
    ds = evalreport.load(ROOT / "samples" / "kota-batu.yaml")
    return ContextBuilder(evalreport.score(ds)).build(ds.regions[0])


def do_render(path: Path, context: dict) -> bytes:
    return render(load_template(path), context, Properties("Uji", "Penguji"), environment())


def texts(blob: bytes) -> dict[str, str]:
    """Each paragraph's text by its place (every place rendering fills)."""
    doc = Document(io.BytesIO(blob))
    return {p.where("id").split(": «")[0]: p.text
            for p in scan.paragraphs(doc, scan.notes(doc)) if p.text.strip()}


def test_check_finds_a_tag_in_every_place_rendering_fills(tmp_path):
    path = w.everywhere(tmp_path / "t.docx", tag="{{ wilayah.namma }}")
    found = [f for f in check(path) if f.code == "unknown-attribute"]
    assert [f.describe().split(": «")[0].split(", ", 1)[1] for f in found] == PLACES_ID
    assert all("maksudnya 'nama'?" in f.describe() for f in found)
    # each text box is reported once, although Word keeps two copies of it
    assert len(found) == 10


def test_render_fills_every_place_check_looks_at(tmp_path, ctx):
    path = w.everywhere(tmp_path / "t.docx")
    assert check(path) == []
    filled = texts(do_render(path, ctx))
    for where in PLACES_ID:
        assert filled[where].endswith("Kota Batu"), (where, filled[where])
    assert not any("{{" in t for t in filled.values())
    # the older copy of the text box is filled too
    doc = Document(io.BytesIO(do_render(path, ctx)))
    copies = [p.text for p in scan.paragraphs(doc, fallbacks=True) if p.within is not None]
    assert copies == ["Di kotak: Kota Batu", "Di kotak: Kota Batu"]


def test_split_tags_everywhere_are_warned_about_and_fixable(tmp_path):
    path = w.everywhere(tmp_path / "t.docx", split=True)
    found = check(path)
    assert [f.code for f in found] == ["split-runs"] * 10
    assert all(f.fixable and f.severity == "warning" for f in found)


def test_annotate_puts_comments_on_body_paragraphs_and_notes_the_others(tmp_path):
    path = w.everywhere(tmp_path / "t.docx", tag="{{ wilayah.namma }}")
    problems = check(path)
    assert annotate(path, tmp_path / "periksa.docx", problems) == 10
    comments = [c.text for c in Document(tmp_path / "periksa.docx").comments]
    noted = [c for c in comments if c.startswith("[")]
    # text box, two content controls, header, first-page header, even footer, footnote, endnote
    assert len(noted) == 8
    assert any(c.startswith("[catatan kaki 1, paragraf 1") for c in noted)
    assert any(c.startswith("[isi dokumen, paragraf 4, kotak teks 1, paragraf 1") for c in noted)


# ----------------------------------------------------------- what the sandbox renders

# Each renders in the sandbox with the sample data and prints ``expected``.
RENDERS = [
    ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
    ("{% set d = dict(a=1, b=2) %}{{ d.a + d.b }}", "3"),
    ("{% set ns = namespace(n=0) %}{% for i in indikator %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n > 0 }}",
     "True"),
    ("{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}", "aba"),
    ("{% set j = joiner(', ') %}{% for x in [1, 2] %}{{ j() }}{{ x }}{% endfor %}", "1, 2"),
    ("{{ lipsum(1, html=False)|length > 0 }}", "True"),
    ("{% macro sapa(nama, gelar='Bapak') %}{{ gelar }} {{ nama }}{% endmacro %}{{ sapa(wilayah.nama) }}",
     "Bapak Kota Batu"),
    ("{% macro daftar() %}[{{ caller() }}]{% endmacro %}{% call daftar() %}{{ wilayah.nama }}{% endcall %}",
     "[Kota Batu]"),
    ("{% with n = wilayah.nama %}{{ n|upper }}{% endwith %}", "KOTA BATU"),
    ("{% set judul %}Laporan {{ wilayah.nama }}{% endset %}{{ judul }}", "Laporan Kota Batu"),
    ("{% for k, v in wilayah.items() %}{% if k == 'nama' %}{{ v }}{% endif %}{% endfor %}", "Kota Batu"),
    ("{{ wilayah.keys()|list|length > 0 }} {{ wilayah.get('nama') }}", "True Kota Batu"),
    ("{{ indikator|length > 0 }} {{ indikator|map(attribute='kode')|first|length > 0 }}", "True True"),
    ("{{ wilayah.nama|replace('Kota ', '')|lower|title }}", "Batu"),
    ("{% filter upper %}{{ wilayah.nama }}{% endfilter %}", "KOTA BATU"),
    ("{{ wilayah.nama is string }} {{ 4 is divisibleby 2 }} {{ tidak_ada is defined }}", "True True False"),
    ("{% for i in indikator if i.kode %}{% if loop.first %}{{ loop.length > 0 }}{% endif %}{% endfor %}", "True"),
    ("{{ '%s-%s'|format(1, 2) }} {{ '{}:{}'.format(3, 4) }} {{ [3, 1, 2]|sort|join }}", "1-2 3:4 123"),
    ("{% if wilayah.nama %}ya{% elif program.nama %}tidak{% else %}-{% endif %}", "ya"),
    ("{{ (indikator|selectattr('kode')|list)[0].kode == indikator[0].kode }}", "True"),
    ("{% raw %}{{ biarkan }}{% endraw %}", "{{ biarkan }}"),
    ("{% for x in [dict(n=1, c=[dict(n=2, c=[])])] recursive %}[{{ x.n }}{{ loop(x.c) }}]{% endfor %}",
     "[1[2]]"),
    ("{% for x in [] %}a{% else %}kosong{% endfor %} {% for c in 'ab' %}{{ loop.cycle('x', 'y') }}{% endfor %}",
     "kosong xy"),
]


@pytest.mark.parametrize("tag, expected", RENDERS)
def test_what_renders_in_the_sandbox_passes_check(tmp_path, ctx, tag, expected):
    path = w.with_tags(tmp_path / "t.docx", "Hasil: " + tag)
    errors = [f.describe("en") for f in check(path) if f.severity == "error"]
    assert errors == []
    assert Document(io.BytesIO(do_render(path, ctx))).paragraphs[1].text == "Hasil: " + expected


# Each fails at render; check reports it, at the same paragraph.
FAILS = [
    ("{{ wilayah.nama|uppr }}", "unknown-filter"),
    ("{{ 3 is genap }}", "unknown-test"),
    ("{% include 'kop.docx' %}", "include"),
    ("{% for x in indikator %}{{ x.namma }}{% endfor %}", "unknown-attribute"),
    ("{{ temuan.append(1) }}", "changes-data"),
    ("{{ program.update(nama='X') }}", "changes-data"),
    ("{% with n = 1 %}{% endwith %}{{ n }}", "unknown-variable"),
    ("{% macro m() %}{% endmacro %}{{ mm() }}", "unknown-variable"),
    ("{% for x in [1] %}{% endfor %}{{ x }}", "unknown-variable"),
]


@pytest.mark.parametrize("tag, code", FAILS)
def test_what_fails_at_render_is_found_by_check(tmp_path, ctx, tag, code):
    path = w.with_tags(tmp_path / "t.docx", "Judul", "Hasil: " + tag)
    found = [f for f in check(path) if f.severity == "error"]
    assert [f.code for f in found] == [code], [f.describe("en") for f in found]
    assert "paragraph 3" in found[0].describe("en")
    with pytest.raises(TemplateProblemError) as err:
        do_render(path, ctx)
    assert "paragraph 3" in err.value.problems[0].describe("en")


def test_a_block_must_close_in_the_part_it_opens_in(tmp_path):
    """Rendering fills the body and the header separately: an {% if %} opened in the body and
    closed in the header is two errors, as rendering finds."""
    path = w.with_tags(tmp_path / "t.docx", "{% if wilayah.nama %}", "Isi", header_text="{% endif %}")
    found = [f for f in check(path) if f.code == "syntax"]
    assert len(found) == 2
    assert "isi dokumen, paragraf 2" in found[0].describe() and "header bagian 1" in found[1].describe()


def test_a_name_set_in_the_body_is_unknown_in_the_header(tmp_path):
    path = w.with_tags(tmp_path / "t.docx", "{% set kepala = wilayah.nama %}", header_text="{{ kepala }}")
    (f,) = check(path)
    assert f.code == "unknown-variable" and "header bagian 1" in f.describe()

"""Rendering made faster without changing what it writes (evalreport.rendering, fields,
docxpackage): charts and logos become pictures where a tag prints them (in a loop, a table
cell, a header), docxtpl's listing pass runs only where it changes something, tables of
contents are filled from the paragraphs that matter, and a template's package is read once.

Templates are small ones built in code (tests/wordlike.py), except where the bundled templates
are rendered both the fast way and the plain way to compare the bytes.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docxtpl import DocxTemplate
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordlike as w  # noqa: E402

import evalreport  # noqa: E402
from evalreport._fast.docx import CompiledDocxTemplate, TemplatePackage, save_docx  # noqa: E402
from evalreport.charts.figures import Charts  # noqa: E402
from evalreport.charts.model import (
    Chart,  # noqa: E402
    Logo,  # noqa: E402
)
from evalreport.context.region import ContextBuilder  # noqa: E402
from evalreport.errors import TemplateProblemError  # noqa: E402
from evalreport.word.fields import fill_tables_of_contents  # noqa: E402
from evalreport.word.rendering import Properties, environment, load_template, render  # noqa: E402

LOGO = ROOT / "samples" / "logo-jatim.png"
PNG = LOGO.read_bytes()
PROPS = Properties(title="Uji", author="Bakesbangpol")


def chart(alt: str) -> Chart:
    return Chart(png=PNG, width_cm=4.0, height_cm=3.0, alt_text=alt)


def alt_texts(element) -> list[str]:
    return [d.get("descr") for d in element.xpath(".//wp:docPr")]


def picture_context() -> dict:
    return {"grafik": {"capaian": chart("Capaian"),
                       "perbandingan": [{"dimensi": "A", "gambar": chart("Perbandingan A")},
                                        {"dimensi": "B", "gambar": chart("Perbandingan B")}]},
            "kop": {"logo": Logo(str(LOGO), "Logo Jatim", 1.5)}}


def picture_template(path: Path) -> Path:
    """Paragraphs 2-4: a loop over grafik.perbandingan printing g.gambar; a table whose cell
    (row 2, cell 2) prints grafik.capaian; the logo in the header."""
    return w.with_tags(path, "{%p for g in grafik.perbandingan %}", "{{ g.dimensi }}: {{ g.gambar }}",
                       "{%p endfor %}", cells=[["Grafik", "Gambar"], ["Capaian", "{{ grafik.capaian }}"]],
                       header_text="{{ kop.logo }}")


# ------------------------------------------------------------------------------- pictures

def test_pictures_in_a_loop_a_table_cell_and_a_header(tmp_path):
    blob = render(load_template(picture_template(tmp_path / "t.docx")), picture_context(), PROPS,
                  environment())
    doc = Document(io.BytesIO(blob))
    assert [p.text for p in doc.paragraphs[1:3]] == ["A: ", "B: "]
    assert alt_texts(doc.paragraphs[1]._p) == ["Perbandingan A"]
    assert alt_texts(doc.paragraphs[2]._p) == ["Perbandingan B"]
    cell = doc.tables[0].rows[1].cells[1]
    assert alt_texts(cell._tc) == ["Capaian"]
    assert alt_texts(doc.sections[0].header._element) == ["Logo Jatim"]
    assert len(doc.inline_shapes) == 3
    assert abs(doc.inline_shapes[2].width.cm - 4.0) < 0.01


def test_one_context_serves_several_documents(tmp_path):
    """Each document gets its own pictures; the context keeps its charts (nothing is copied or
    replaced in it), so the next document can use it too."""
    ctx = picture_context()
    tpl, env = load_template(picture_template(tmp_path / "t.docx")), environment()
    other = load_template(w.with_tags(tmp_path / "u.docx", "{{ grafik.capaian }}"))
    a = render(tpl, ctx, PROPS, env)
    b = render(other, ctx, PROPS, env)
    c = render(tpl, ctx, PROPS, env)
    assert a == c
    assert type(ctx["grafik"]["capaian"]) is Chart and type(ctx["kop"]["logo"]) is Logo
    assert alt_texts(Document(io.BytesIO(b)).element.body) == ["Capaian"]
    media = [n for n in zipfile.ZipFile(io.BytesIO(b)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1


def test_no_document_is_bound_after_a_failed_render(tmp_path):
    """A chart printed outside :func:`render` (here after one that failed) stays a value and
    is escaped like any other; it is not inserted into the failed document."""
    bad = load_template(w.with_tags(tmp_path / "t.docx", "{{ grafik.capaian }} {{ tidak_ada }}"))
    with pytest.raises(TemplateProblemError):
        render(bad, picture_context(), PROPS, environment())
    out = environment().from_string("{{ c }} {{ t }}").render(c=chart("<Grafik>"), t="a & b")
    assert "<w:drawing>" not in out and "&lt;Grafik&gt;" in out and "a &amp; b" in out


# ------------------------------------------------------------------ listing (\n \t \a \f)

def test_line_breaks_and_tabs_in_values_still_become_word_breaks_and_tabs(tmp_path):
    tpl = load_template(w.with_tags(tmp_path / "t.docx", "Alamat: {{ a }}", "{{ b }}",
                                    cells=[["{{ a }}"]]))
    blob = render(tpl, {"a": "Jl. Putat 1\nSurabaya", "b": "x\ty"}, PROPS, environment())
    doc = Document(io.BytesIO(blob))
    assert doc.paragraphs[1].text == "Alamat: Jl. Putat 1\nSurabaya"
    assert doc.paragraphs[2].text == "x\ty"
    assert doc.tables[0].rows[0].cells[0].text == "Jl. Putat 1\nSurabaya"


W_P = f"<w:p {nsdecls('w')}>"
LISTING_CASES = [
    "<w:body><w:p><w:r><w:t>nothing to do</w:t></w:r></w:p></w:body>",
    ('<w:body><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
     '<w:t xml:space="preserve">a\nb\tc\ad\fe</w:t></w:r></w:p>'
     "<w:p><w:r><w:t>plain</w:t></w:r></w:p></w:body>"),
    # a picture: docxtpl's run/drawing/run with newlines inside the drawing XML
    ('<w:body><w:p><w:r><w:t xml:space="preserve">x </w:t></w:r>'
     "<w:r><w:drawing><wp:inline>\n  <wp:extent/>\n</wp:inline></w:drawing></w:r>"
     '<w:r><w:t xml:space="preserve">\n</w:t></w:r></w:p></w:body>'),
    # newlines between elements, outside any paragraph, and a self-closing paragraph
    ("<w:body>\n<w:tbl>\n<w:tr><w:tc><w:p/><w:p><w:r><w:t>a\tb</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
     "\n</w:body>"),
    # a paragraph in a text box inside a paragraph, then a paragraph with attributes
    ("<w:body><w:p><w:r><w:t>out\n</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>in\f</w:t></w:r>"
     "</w:p></w:txbxContent></w:pict></w:r><w:r><w:t>after\n</w:t></w:r></w:p>"
     + W_P + "<w:r><w:t>z\n</w:t></w:r></w:p></w:body>"),
]


@pytest.mark.parametrize("xml", LISTING_CASES)
def test_listing_pass_gives_what_docxtpl_gives(tmp_path, xml):
    tpl = load_template(w.with_tags(tmp_path / "t.docx", "x"))
    doc = CompiledDocxTemplate(tpl.blob, tpl.package(), {}, environment())
    assert doc.resolve_listing(xml) == DocxTemplate.resolve_listing(doc, xml)


# ------------------------------------------------------------------ tables of contents

def run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def text(value: str) -> str:
    return run(f'<w:t xml:space="preserve">{value}</w:t>')


def field(instr: str, result: str) -> str:
    """A field as Word writes it: begin, instruction, separate, stored result, end."""
    return (run('<w:fldChar w:fldCharType="begin"/>')
            + run(f'<w:instrText xml:space="preserve">{instr}</w:instrText>')
            + run('<w:fldChar w:fldCharType="separate"/>') + text(result)
            + run('<w:fldChar w:fldCharType="end"/>'))


def para(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"{W_P}{ppr}{''.join(runs)}</w:p>"


def toc_field(instr: str) -> str:
    return para(field(instr, "Perbarui daftar isi"))


def caption(label: str, title: str) -> str:
    """'<label> N. <title>' with N a SEQ field whose stored result is 1 (as in a loop)."""
    return para(text(f"{label} "), field(f" SEQ {label} \\* ARABIC ", "1"), text(f". {title}"),
                style="Caption")


def heading(style: str, value: str) -> str:
    return para(text(value), style=style)


def document(*paragraphs: str):
    """A python-docx document (default styles: Heading1.., no TOC styles) with ``paragraphs``."""
    doc = Document()
    end = doc.element.body[-1]
    for xml in paragraphs:
        end.addprevious(parse_xml(xml))
    return doc


def entries(doc) -> list[tuple[str, str, str]]:
    """(text, bookmark of its PAGEREF, indent) of each TOC line."""
    out = []
    for p in doc.element.body.xpath(".//w:p[w:pPr/w:tabs/w:tab[@w:leader='dot']]"):
        text = "".join(p.xpath("w:r[1]/w:t/text()"))
        ref = "".join(p.xpath(".//w:instrText/text()")).split()[1]
        out.append((text, ref, p.xpath("string(w:pPr/w:ind/@w:left)")))
    return out


def bookmark_text(doc, name: str) -> str:
    (start,) = doc.element.body.xpath(f".//w:bookmarkStart[@w:name='{name}']")
    return "".join(start.getparent().xpath(".//w:t/text()"))


def test_tables_of_contents_list_headings_and_captions():
    doc = document(toc_field(' TOC \\o "1-2" \\h \\z \\u '), toc_field(' TOC \\h \\z \\c "Tabel" '),
                   heading("Heading1", "Bab I Pendahuluan"), heading("Heading2", "1.1 Latar"),
                   heading("Heading3", "1.1.1 Terlalu dalam"), caption("Tabel", "Capaian"),
                   heading("Heading1", ""), caption("Gambar", "Tren"), caption("Tabel", "Anggaran"),
                   heading("Heading1", "Bab II Hasil"))
    assert fill_tables_of_contents(doc) == 3 + 2
    lines = entries(doc)
    assert [(t, i) for t, _, i in lines] == [("Bab I Pendahuluan", "0"), ("1.1 Latar", "360"),
                                             ("Bab II Hasil", "0"), ("Tabel 1. Capaian", "0"),
                                             ("Tabel 2. Anggaran", "0")]
    assert [bookmark_text(doc, ref) for _, ref, _ in lines] == [t for t, _, _ in lines]
    assert len({ref for _, ref, _ in lines}) == 5
    assert "TOC" not in "".join(doc.element.body.xpath(".//w:instrText/text()"))


def test_toc_lines_of_two_documents_are_their_own():
    """TOC lines are copies of one prepared line: filling one document's must not change
    another's."""
    a = document(toc_field(" TOC \\o "), heading("Heading1", "Bab A"))
    b = document(toc_field(" TOC \\o "), heading("Heading1", "Bab B"))
    fill_tables_of_contents(a)
    fill_tables_of_contents(b)
    assert [t for t, _, _ in entries(a)] == ["Bab A"] and [t for t, _, _ in entries(b)] == ["Bab B"]


def test_a_document_without_a_toc_is_untouched_and_its_styles_not_read(tmp_path):
    path = w.with_tags(tmp_path / "t.docx", "Laporan {{ x }}")
    doc = TemplatePackage(path.read_bytes()).open()
    end = doc.element.body[-1]
    end.addprevious(parse_xml(heading("Heading1", "Bab I")))
    end.addprevious(parse_xml(caption("Tabel", "Tanpa daftar")))
    before = etree.tostring(doc.element)
    styles = doc.part._styles_part
    assert fill_tables_of_contents(doc) == 0
    assert etree.tostring(doc.element) == before
    assert styles._parsed is None


# ---------------------------------------------------------------- template package


def test_documents_from_one_package_are_independent(tmp_path):
    package = TemplatePackage(w.with_tags(tmp_path / "t.docx", "Satu").read_bytes())
    a, b = package.open(), package.open()
    a.add_paragraph("hanya di a")
    a.core_properties.title = "a"
    assert [p.text for p in b.paragraphs] == ["Laporan Hasil Evaluasi", "Satu"]
    assert b.core_properties.title != "a"


def word_styles(blob: bytes) -> bytes:
    """The same .docx with styles.xml written as Word writes it (declaration, CRLF), which
    python-docx writes differently."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/styles.xml":
                body = data.split(b"?>", 1)[1].lstrip()
                data = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + body
            dst.writestr(info, data)
    return out.getvalue()


def test_unread_styles_are_written_as_python_docx_writes_them(tmp_path):
    blob = word_styles(w.with_tags(tmp_path / "t.docx", "x").read_bytes())
    plain = save_docx(Document(io.BytesIO(blob)))
    package = TemplatePackage(blob)
    assert save_docx(package.open()) == plain
    assert zipfile.ZipFile(io.BytesIO(plain)).read("word/styles.xml") != \
        zipfile.ZipFile(io.BytesIO(blob)).read("word/styles.xml")
    changed = package.open()
    changed.styles["Normal"].font.bold = True
    styles = zipfile.ZipFile(io.BytesIO(save_docx(changed))).read("word/styles.xml")
    assert styles != zipfile.ZipFile(io.BytesIO(plain)).read("word/styles.xml") and b"<w:b/>" in styles
    assert save_docx(package.open()) == plain


# ------------------------------------------------------- bundled templates, both ways


@pytest.fixture(scope="module")
def jatim_context() -> dict:
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    charts = Charts(capaian=chart("Capaian"), target_realisasi=chart("Target"), tren=chart("Tren"),
                    perbandingan=[{"dimensi": "D1", "gambar": chart("D1"), "sumber": "Sumber: uji"}])
    # Bangkalan: a region with recommendations of its own, so its letter has the annex too
    ctx = ContextBuilder(evalreport.score(data)).build(data.region("3526"), charts)
    # values with a line break and a tab, so the listing pass has work in some paragraphs
    ctx["program"] = dict(ctx["program"], nama="Program Ketahanan\nSosial\tdan Politik")
    return ctx


@pytest.mark.parametrize("name", ["laporan-evaluasi", "rekomendasi", "rencana-tindak-lanjut"])
def test_bundled_templates_give_the_same_bytes_as_the_plain_way(name, jatim_context, monkeypatch):
    """Fast: package read once, styles not parsed, parts compiled once, listing pass per
    paragraph, one-pass zip. Stock (EVALREPORT_STOCK=docx): docxtpl's DocxTemplate opened,
    rendered and saved as docxtpl does, the zip then normalised."""
    fast = render(load_template(name), jatim_context, PROPS, environment())
    monkeypatch.setenv("EVALREPORT_STOCK", "docx")
    plain = render(load_template(name), jatim_context, PROPS, environment())
    assert fast == plain
    body = zipfile.ZipFile(io.BytesIO(fast)).read("word/document.xml").decode()
    assert "Ketahanan</w:t><w:br/>" in body and "<w:tab/>" in body
    if name == "laporan-evaluasi":
        assert len(Document(io.BytesIO(fast)).inline_shapes) == 5  # the logo and four charts

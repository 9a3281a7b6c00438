"""The bundled templates, as a reviewer read the rendered samples page by page.

Given the provincial sample (samples/jatim.yaml, eight regencies and cities, with a logo) and the
single-city sample (samples/kota-batu.yaml, no logo), the rendered documents:

1. keep every signature block with the text it signs for (closing sentence, last table row);
2. keep a heading and its short introduction with what they introduce, and a table caption
   with its table, so that a heading never ends a page; a long list stays free to split;
3. call a rank a rank among the regions *evaluated*, not among all of the province's regions;
4. mention the comparison between regions in the foreword only when there is one;
5. centre the letterhead on the page when there is no logo;
6. say "Kondisi Awal", not "Baseline";
7. carry sample conclusions that hold in every region's report, and notes that name
   activities rather than internal codes;
8. word the per-dimension sentence naturally (one indicator, all met, none met).

The checks read the documents with python-docx (text, paragraph and table properties); the
page layout itself was checked in LibreOffice previews.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

import evalreport
from evalreport.run.documents import DocumentMaker
from evalreport.word.rendering import BUILTIN

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEMPLATES = ROOT / "templates"

JATIM_SIGNER = "Dr. H. Ahmad Rofiq Hidayat, S.Sos., M.Si."
BATU_SIGNER = "Drs. Bambang Eko Wahyudi, M.Si."


def _need_templates() -> None:
    missing = [n for n in BUILTIN if not (TEMPLATES / f"{n}.docx").exists()]
    if missing:
        pytest.skip(f"bundled templates not built: {missing}")


# ------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def jatim():
    return evalreport.load(SAMPLES / "jatim.yaml")


@pytest.fixture(scope="module")
def batu_data():
    return evalreport.load(SAMPLES / "kota-batu.yaml")


def _render(data, region: str) -> dict[str, DocumentObject]:
    _need_templates()
    blobs = DocumentMaker(data).render_region(data.region(region))
    return {name: Document(io.BytesIO(blob)) for name, blob in blobs.items()}


@pytest.fixture(scope="module")
def malang(jatim):
    return _render(jatim, "Kab. Malang")


@pytest.fixture(scope="module")
def bangkalan(jatim):
    return _render(jatim, "Kab. Bangkalan")


@pytest.fixture(scope="module")
def jember(jatim):
    return _render(jatim, "Kab. Jember")


@pytest.fixture(scope="module")
def batu(batu_data):
    return _render(batu_data, "Kota Batu")


@pytest.fixture(scope="module")
def summary(jatim, tmp_path_factory):
    _need_templates()
    from evalreport.run.summary import render_summary
    return Document(str(render_summary(jatim, tmp_path_factory.mktemp("ringkasan"))))


# -------------------------------------------------------------------------------- helpers

def body(doc: DocumentObject) -> list[Paragraph | Table]:
    """The paragraphs and tables of the document body, in order."""
    out: list[Paragraph | Table] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(Paragraph(el, doc))
        elif el.tag == qn("w:tbl"):
            out.append(Table(el, doc))
    return out


def all_text(doc: DocumentObject) -> str:
    """Every w:t of the body, headers and footers."""
    texts = [t.text or "" for t in doc.element.body.iter(qn("w:t"))]
    for s in doc.sections:
        for part in (s.header, s.footer, s.first_page_header, s.first_page_footer):
            texts += [t.text or "" for t in part._element.iter(qn("w:t"))]
    return " ".join(texts)


def plain(doc: DocumentObject) -> str:
    """Body paragraphs and table cells, one per line (for sentences)."""
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def keeps_next(par: Paragraph) -> bool:
    """Keep with next, as set on the paragraph or inherited from its style chain."""
    el = par._p.pPr.find(qn("w:keepNext")) if par._p.pPr is not None else None
    style = par.style
    while el is None and style is not None:
        ppr = style.element.pPr
        el = ppr.find(qn("w:keepNext")) if ppr is not None else None
        style = style.base_style
    return el is not None and el.get(qn("w:val"), "true") not in ("0", "false")


def table_text(table: Table) -> str:
    return "".join(t.text or "" for t in table._tbl.iter(qn("w:t")))


def row_paragraphs(row) -> list[Paragraph]:
    return [p for cell in row.cells for p in cell.paragraphs]


def heading_level(item) -> int | None:
    if isinstance(item, Paragraph) and item.style.name.startswith("Heading "):
        return int(item.style.name.split()[-1])
    return None


def signature_blocks(doc: DocumentObject, signer: str) -> list[int]:
    """Positions in :func:`body` of the signature tables (those naming the signatory)."""
    return [n for n, x in enumerate(body(doc)) if isinstance(x, Table) and signer in table_text(x)]


def heading_at(doc: DocumentObject, text: str) -> int:
    items = body(doc)
    return next(n for n, x in enumerate(items) if heading_level(x) and x.text.startswith(text))


def section_paragraphs(doc: DocumentObject, heading: str) -> list[Paragraph]:
    """The paragraphs after a heading, up to the next heading of any level."""
    items = body(doc)
    out = []
    for x in items[heading_at(doc, heading) + 1:]:
        if heading_level(x):
            break
        if isinstance(x, Paragraph) and x.text.strip():
            out.append(x)
    return out


# ------------------------------------------------------------------- 1. signature blocks

def check_closing_keeps_with_signature(doc: DocumentObject, signer: str) -> None:
    items = body(doc)
    blocks = signature_blocks(doc, signer)
    assert blocks, "no signature block"
    for n in blocks:
        spacer, closing = items[n - 1], items[n - 2]
        assert isinstance(closing, Paragraph) and closing.text.strip(), closing
        assert keeps_next(closing), f"closing text does not keep with the signature: {closing.text!r}"
        assert isinstance(spacer, Paragraph) and not spacer.text.strip() and keeps_next(spacer)
        table = items[n]  # one signature, or two side by side (titles, space, names as rows)
        column = next(k for row in table.rows for k, c in enumerate(row.cells) if signer in c.text)
        lines = [p for row in table.rows for p in row.cells[column].paragraphs if p.text.strip()]
        name = next(i for i, p in enumerate(lines) if signer in p.text)
        assert all(keeps_next(p) for p in lines[:name + 1]), "place, title and name keep together"


def test_rekomendasi_signatures_keep_with_a_closing_sentence(bangkalan, malang):
    doc = bangkalan["rekomendasi"]
    check_closing_keeps_with_signature(doc, JATIM_SIGNER)
    items = body(doc)
    letter, annex = signature_blocks(doc, JATIM_SIGNER)
    assert items[letter - 2].text.startswith("Demikian kami sampaikan")
    assert items[annex - 2].text == "Demikian rekomendasi ini disampaikan untuk dapat ditindaklanjuti."
    # a region without recommendations of its own: the letter says so and has no annex
    doc = malang["rekomendasi"]
    check_closing_keeps_with_signature(doc, JATIM_SIGNER)
    (letter,) = signature_blocks(doc, JATIM_SIGNER)
    assert "tidak menghasilkan rekomendasi khusus bagi Kabupaten Malang" in plain(doc)


def test_the_last_recommendation_keeps_with_the_closing_sentence(bangkalan):
    """So the signature page also carries the end of the table it signs for."""
    doc = bangkalan["rekomendasi"]
    items = body(doc)
    annex = signature_blocks(doc, JATIM_SIGNER)[-1]
    table = items[annex - 3]
    assert isinstance(table, Table) and "R08" in table_text(table)
    *others, before_last, last = table.rows[1:]  # rows[0] is the repeated header
    assert all(keeps_next(p) for p in row_paragraphs(last))
    # ... and the row before it with it, so that the last row never stands alone on a page
    assert all(keeps_next(p) for p in row_paragraphs(before_last))
    for row in others:  # a long table must still be free to split between rows
        assert not any(keeps_next(p) for p in row_paragraphs(row))


def test_foreword_signature_keeps_with_its_last_paragraph(malang, batu):
    check_closing_keeps_with_signature(malang["laporan-evaluasi"], JATIM_SIGNER)
    check_closing_keeps_with_signature(batu["laporan-evaluasi"], BATU_SIGNER)


def test_action_plan_signature_keeps_with_the_count_by_status(bangkalan, batu):
    """The matrix closes with the count by status, or with the provincial actions it refers
    to when there are some; either table's last row keeps with the signature."""
    for doc, signer, last in ((batu["rencana-tindak-lanjut"], BATU_SIGNER, "Status Tindak Lanjut"),
                              (bangkalan["rencana-tindak-lanjut"], JATIM_SIGNER, "A13")):
        items = body(doc)
        (n,) = signature_blocks(doc, signer)
        spacer, table = items[n - 1], items[n - 2]
        assert isinstance(spacer, Paragraph) and keeps_next(spacer)
        assert isinstance(table, Table) and last in table_text(table)
        assert all(keeps_next(p) for p in row_paragraphs(table.rows[-1]))
    assert "Status Tindak Lanjut" in plain(bangkalan["rencana-tindak-lanjut"])


def test_summary_signature_keeps_with_the_closing_sentence(summary):
    check_closing_keeps_with_signature(summary, JATIM_SIGNER)


# ----------------------------------------------------------- 2. headings and their intros

INTRO_MAX = 500  # characters: a few lines, short enough to keep with the next paragraph


def unkept_intros(doc: DocumentObject) -> list[str]:
    """In a template: paragraphs written by the template right after a section heading (level
    2 or 3), short, with more content of the section after them, that do not keep with it. The
    heading keeps with them, so such a paragraph could end a page with its heading. Control
    paragraphs ({%p ...%}) vanish on render and are skipped; a paragraph that only prints a
    data variable (the evaluators' own text, of any length) is not an introduction."""
    items = [x for x in body(doc) if not isinstance(x, Paragraph)
             or (x.text.strip() and not x.text.startswith("{%p "))]
    out = []
    for n, x in enumerate(items[:-2]):
        if heading_level(x) not in (2, 3):
            continue
        first, after = items[n + 1], items[n + 2]
        if (not isinstance(first, Paragraph) or heading_level(first)
                or re.fullmatch(r"{{[^{}]*}}", first.text.strip()) or len(first.text) > INTRO_MAX):
            continue
        if heading_level(after) in (1, 2) or keeps_next(first):
            continue
        out.append(f"{x.text} / {first.text[:60]}")
    return out


def unkept_table_captions(doc: DocumentObject) -> list[str]:
    items = body(doc)
    return [x.text for n, x in enumerate(items[:-1]) if isinstance(x, Paragraph)
            and x.style.name == "Caption" and x.text.startswith("Tabel ")
            and not (keeps_next(x) and isinstance(items[n + 1], Table))]


@pytest.mark.parametrize("sample, heading", [
    ("malang", "3.2 Capaian per Dimensi"), ("malang", "3.3 Perbandingan Antarperiode"),
    ("malang", "3.4 Perbandingan Antarwilayah"), ("malang", "3.5 Temuan"), ("malang", "4.2 Rekomendasi"),
    ("batu", "3.3 Perbandingan Antarperiode"), ("batu", "3.4 Temuan"),
])
def test_section_introductions_keep_with_what_they_introduce(request, sample, heading):
    """The reviewer found "3.2 Capaian per Dimensi" (Kab. Malang) and "3.3", "3.5 Temuan"
    (Kota Batu) with their introduction at the bottom of a page, the content on the next."""
    doc = request.getfixturevalue(sample)["laporan-evaluasi"]
    intro = body(doc)[heading_at(doc, heading) + 1]
    assert isinstance(intro, Paragraph) and len(intro.text) < INTRO_MAX
    assert keeps_next(intro), intro.text


@pytest.mark.parametrize("name", ["laporan-evaluasi", "ringkasan-wilayah"])
def test_every_section_introduction_in_the_templates_keeps_with_the_next(name):
    """The templates with sections (the letter and the matrix have none); table captions, too,
    keep with their tables."""
    _need_templates()
    doc = Document(str(TEMPLATES / f"{name}.docx"))
    assert unkept_intros(doc) == []
    assert unkept_table_captions(doc) == []


def test_summary_indicator_heading_keeps_with_its_table(summary):
    """KS03 and SP01 headings ended a page with their text; the table was on the next."""
    items = body(summary)
    checked = 0
    for n, x in enumerate(items):
        if heading_level(x) != 3 or x.text.startswith("Temuan "):  # a finding: its table follows
            continue
        run = []
        for y in items[n + 1:]:
            if isinstance(y, Table):
                break
            if y.text.strip():
                run.append(y)
        assert run and all(keeps_next(p) for p in run), x.text
        checked += any(p.text.startswith("Wilayah yang belum mencapai target:") for p in run)
    assert checked >= 2  # KS03 and SP01 among them


def test_a_long_list_of_regions_stays_free_to_split():
    """In the template: the list keeps with the table only when it is short."""
    _need_templates()
    pars = Document(str(TEMPLATES / "ringkasan-wilayah.docx")).paragraphs
    lists = [n for n, p in enumerate(pars) if p.text.startswith("Wilayah yang belum mencapai target:")]
    assert len(lists) == 2
    long_list, short_list = (pars[n] for n in lists)
    assert re.fullmatch(r"{%p if ind\.jumlah_tidak_tercapai > \d+ %}", pars[lists[0] - 1].text)
    assert not keeps_next(long_list)
    assert pars[lists[1] - 1].text == "{%p elif ind.jumlah_tidak_tercapai %}"
    assert keeps_next(short_list)


# ------------------------------------------------------------------------------- 3. ranks

def test_rank_names_the_regions_evaluated(malang):
    text = plain(malang["laporan-evaluasi"])
    assert re.search(r"Peringkat \d dari 8 kabupaten/kota yang dievaluasi di Provinsi Jawa Timur\.", text)
    assert not re.search(r"dari 8 kabupaten/kota di Provinsi", text)
    assert "dibandingkan dengan 7 kabupaten/kota lain yang dievaluasi di Provinsi Jawa Timur" in text
    captions = [p.text for p in malang["laporan-evaluasi"].paragraphs if p.style.name == "Caption"]
    assert any(c.endswith("per indikator di antara kabupaten/kota yang dievaluasi di Provinsi Jawa Timur")
               for c in captions), captions


# ---------------------------------------------------------------------------- 4. foreword

def foreword(doc: DocumentObject) -> str:
    return " ".join(p.text for p in section_paragraphs(doc, "KATA PENGANTAR"))


def test_foreword_mentions_regional_comparison_only_with_regions_to_compare(malang, batu):
    assert "perbandingan antarperiode dan antarwilayah" in foreword(malang["laporan-evaluasi"])
    single = foreword(batu["laporan-evaluasi"])
    assert "perbandingan antarperiode," in single
    assert "antarwilayah" not in single


# -------------------------------------------------------------------------- 5. letterhead

def letterhead(doc: DocumentObject) -> Table:
    first = next(x for x in body(doc) if isinstance(x, Table))
    assert "BADAN KESATUAN BANGSA DAN POLITIK" in table_text(first)
    return first


def centred(par: Paragraph) -> bool:
    align = par.alignment if par.alignment is not None else par.style.paragraph_format.alignment
    return align == WD_ALIGN_PARAGRAPH.CENTER


def test_letterhead_without_a_logo_is_centred_on_the_page(batu, malang):
    for name in ("laporan-evaluasi", "rekomendasi"):
        table = letterhead(batu[name])
        assert len(table.columns) == 1 and len(table.rows[0].cells) == 1, name
        assert not list(table._tbl.iter(qn("w:drawing")))
        width = int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        section = batu[name].sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # twips
        assert abs(width - text_width) < 20, (width, text_width)  # the whole text width
        lines = [p for p in table.rows[0].cells[0].paragraphs if p.text.strip()]
        assert lines and all(centred(p) for p in lines)
    # with a logo, the logo keeps its column on the left
    table = letterhead(malang["rekomendasi"])
    logo, text = table.rows[0].cells
    assert list(logo._tc.iter(qn("w:drawing")))
    assert "PEMERINTAH PROVINSI JAWA TIMUR" in text.text


# ------------------------------------------------------------------------------ 6. English

def test_no_baseline_in_any_document(malang, batu, summary):
    docs = {**{f"jatim/{k}": v for k, v in malang.items()}, **{f"batu/{k}": v for k, v in batu.items()},
            "ringkasan-wilayah": summary}
    for name, doc in docs.items():
        assert "baseline" not in all_text(doc).lower(), name
    headers = [c.text for t in malang["laporan-evaluasi"].tables for c in t.rows[0].cells]
    assert headers.count("Kondisi Awal (Tahun)") == 2  # Tabel 3 and Tabel 5


# ------------------------------------------------------------------------ 7. sample data

def conclusions(doc: DocumentObject) -> list[str]:
    return [p.text for p in section_paragraphs(doc, "4.1 Kesimpulan")[1:]]


def test_conclusions_in_a_regions_report_name_no_other_region(jatim, malang):
    items = conclusions(malang["laporan-evaluasi"])
    assert len(items) >= 3  # the region's own: targets, dimensions, trend; then a pointer
    assert items[-1].startswith("Konteks provinsi.")
    others = [r.name for r in jatim.regions if r.name != "Kabupaten Malang"]
    for item in items:
        assert not [n for n in others if n in item], item


def test_action_notes_name_activities_not_codes(bangkalan, jatim):
    text = plain(bangkalan["rencana-tindak-lanjut"])
    assert not re.search(r"\([ART]\d{2}\)", text)
    a09 = next(a for a in jatim.actions if a.code == "A09")
    assert "kewenangan Kementerian Sosial" in a09.evidence  # the note that once cited a code
    assert not re.search(r"\([ART]\d{2}\)", a09.evidence)


def test_single_city_conclusions_do_not_repeat_each_other(batu):
    items = conclusions(batu["laporan-evaluasi"])
    counts = [i for i in items if re.search(r"(?i)\b(7|tujuh) dari (8|delapan) indikator", i)]
    assert len(counts) == 1, counts


def test_scope_paragraphs_start_differently(malang):
    first, second = section_paragraphs(malang["laporan-evaluasi"], "1.4 Ruang Lingkup")[:2]
    assert first.text.split()[:2] != second.text.split()[:2]


# -------------------------------------------------------------------- 8. dimension wording

def dimension_sentences(doc: DocumentObject) -> list[str]:
    return re.findall(r"Dimensi [^.\n]* diukur dengan [^.\n]*\.", plain(doc))


def test_dimension_sentence_reads_naturally(malang, jember, batu):
    sentences = [s for docs in (malang, jember, batu)
                 for s in dimension_sentences(docs["laporan-evaluasi"])]
    assert sentences
    for s in sentences:
        assert not re.search(r"\b0 di antaranya|dengan 1 indikator|rata-rata capaiannya [^;]*\(target", s), s
    single = dimension_sentences(batu["laporan-evaluasi"])
    assert any(re.search(r"diukur dengan satu indikator; capaiannya [\d,]+%, predikat [^(]+"
                         r"\(target tercapai\)", s) for s in single), single
    assert any(s.endswith("(target tidak tercapai).") for s in single), single
    assert any(s.endswith("(2 dari 2 target tercapai).") for s in single), single
    assert any(s.endswith("(0 dari 2 target tercapai).")
               for s in dimension_sentences(jember["laporan-evaluasi"]))

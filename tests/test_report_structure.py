"""The report in the outline reviewers expect of an Indonesian government evaluation report,
and the action plan a reviewer can read: checked on the documents rendered from the samples.

Cover; front matter numbered i, ii, ... (Lembar Pengesahan, Kata Pengantar, Daftar Isi / Tabel /
Gambar, Daftar Singkatan, Ringkasan Eksekutif); BAB I Pendahuluan (with Maksud dan Tujuan),
BAB II Metodologi, BAB III Hasil Evaluasi, BAB IV Kesimpulan dan Rekomendasi, BAB V Penutup,
numbered from 1; Lampiran. The action-plan matrix merges a recommendation's cells over its
actions and closes with its totals.
"""
from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import evalreport
from evalreport import DataError
from evalreport.data import workbook
from evalreport.run.documents import DocumentMaker

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rendered(source: Path | evalreport.Dataset, region: str) -> dict:
    data = source if isinstance(source, evalreport.Dataset) else evalreport.load(source)
    blobs = DocumentMaker(data).render_region(data.region(region))
    return {name: Document(io.BytesIO(blob)) for name, blob in blobs.items()}


@pytest.fixture(scope="module")
def bangkalan() -> dict:
    return rendered(ROOT / "samples" / "jatim.yaml", "3526")


@pytest.fixture(scope="module")
def batu() -> dict:
    return rendered(ROOT / "samples" / "kota-batu.yaml", "3579")


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def sections(doc) -> list:
    body = doc.element.body
    found = [p.find(f"{W}pPr/{W}sectPr") for p in body.iterchildren(f"{W}p")]
    return [s for s in found if s is not None] + [body.find(f"{W}sectPr")]


def numbering(sect) -> tuple[str | None, str | None]:
    el = sect.find(f"{W}pgNumType")
    return (None, None) if el is None else (el.get(f"{W}fmt"), el.get(f"{W}start"))


def test_the_report_follows_the_outline_reviewers_expect(bangkalan):
    doc = bangkalan["laporan-evaluasi"]
    assert headings(doc, 1) == [
        "LEMBAR PENGESAHAN", "KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR",
        "DAFTAR SINGKATAN", "RINGKASAN EKSEKUTIF", "BAB I PENDAHULUAN", "BAB II METODOLOGI",
        "BAB III HASIL EVALUASI", "BAB IV KESIMPULAN DAN REKOMENDASI", "BAB V PENUTUP", "LAMPIRAN"]
    level2 = headings(doc, 2)
    assert level2[:4] == ["1.1 Latar Belakang", "1.2 Dasar Hukum", "1.3 Maksud dan Tujuan",
                          "1.4 Ruang Lingkup"]
    assert [h for h in level2 if h.startswith("2.")] == [
        "2.1 Kerangka Evaluasi", "2.2 Indikator Kinerja dan Sumber Data",
        "2.3 Pengumpulan dan Analisis Data", "2.4 Pengukuran Capaian", "2.5 Tim Evaluasi"]
    # the data's own maksud, then its objectives
    assert "Evaluasi ini dimaksudkan untuk menilai sejauh mana Program Penguatan" in text(doc)
    assert "Demikian Laporan Evaluasi Program Penguatan Ketahanan Sosial dan Politik Tahun 2024 " \
           "di Kabupaten Bangkalan ini disusun" in text(doc)


def test_front_matter_is_numbered_in_roman_numerals_and_the_body_from_one(bangkalan, batu):
    """The cover has no number; Lembar Pengesahan is i; BAB I starts again at 1; the
    appendix goes on from the body."""
    for doc in (bangkalan["laporan-evaluasi"], batu["laporan-evaluasi"]):
        cover, front, body, *appendix = sections(doc)
        assert numbering(cover) == (None, None)
        assert numbering(front) == ("lowerRoman", "1")
        assert numbering(body) == ("decimal", "1")
        assert appendix and all(numbering(s) == ("decimal", None) for s in appendix)


def test_abbreviations_are_listed_from_the_data_glossary(bangkalan):
    doc = bangkalan["laporan-evaluasi"]
    (table,) = [t for t in doc.tables if t.rows and t.rows[0].cells[0].text == "APBD"]
    rows = [(r.cells[0].text, r.cells[1].text) for r in table.rows]
    assert [a for a, _m in rows] == sorted((a for a, _m in rows), key=str.casefold)
    listed = dict(rows)
    assert listed["Tim Terpadu PKS"] == "Tim Terpadu Penanganan Konflik Sosial"
    assert listed["DTKS"] == "Data Terpadu Kesejahteraan Sosial"
    assert listed["SKDK"] == "Sistem Kewaspadaan Dini Konflik"
    assert listed["FKUB"] == "Forum Kerukunan Umat Beragama"
    assert listed["OECD-DAC"].startswith("Organisation for Economic Co-operation and Development")


def test_without_a_glossary_there_is_no_list_of_abbreviations():
    data = evalreport.load(ROOT / "samples" / "kota-batu.yaml").model_copy(update={"glossary": []})
    doc = rendered(data, "3579")["laporan-evaluasi"]
    assert "DAFTAR SINGKATAN" not in headings(doc, 1)
    assert "DAFTAR SINGKATAN" not in text(doc)


def test_the_approval_page_is_signed_by_the_preparer_and_the_signatory(bangkalan, batu):
    """Jawa Timur names who prepared the report: two signatures, names level with each other.
    Kota Batu names no one: the signatory alone."""
    doc = bangkalan["laporan-evaluasi"]
    (table,) = [t for t in doc.tables if "Disusun oleh," in t.rows[0].cells[0].text]
    titles, _space, names = table.rows
    assert "Ketua Tim Evaluasi" in titles.cells[0].text
    assert "Kepala Badan Kesatuan Bangsa dan Politik Provinsi Jawa Timur" in titles.cells[1].text
    assert names.cells[0].paragraphs[0].text == "Dr. Retno Wulandari, S.Sos., M.Si."
    assert names.cells[1].paragraphs[0].text == "Dr. H. Ahmad Rofiq Hidayat, S.Sos., M.Si."
    assert "NIP. 197806122003122004" in names.cells[0].text
    page = text(batu["laporan-evaluasi"]).split("LEMBAR PENGESAHAN")[1].split("KATA PENGANTAR")[0]
    assert "Disahkan di Batu pada tanggal 20 Januari 2025." in page
    assert "Disusun oleh" not in "\n".join(t.rows[0].cells[-1].text for t in batu["laporan-evaluasi"].tables)


def test_one_region_leaves_the_regional_comparison_out_and_says_why(batu):
    doc = batu["laporan-evaluasi"]
    level2 = headings(doc, 2)
    assert not any("Antarwilayah" in h for h in level2)
    assert "3.4 Temuan" in level2 and "3.5 Temuan" not in level2
    assert "Perbandingan antarwilayah tidak disajikan karena data evaluasi ini hanya memuat satu " \
           "wilayah." in text(doc)
    # its maksud is written from the programme, since the data give none
    assert "Evaluasi ini dimaksudkan untuk menilai sejauh mana Program Penguatan Ketahanan " \
           "Sosial dan Politik mencapai sasarannya pada periode 2024" in text(doc)


def matrix(doc):
    return next(t for t in doc.tables if t.rows[0].cells[-1].text == "Bukti / Catatan")


def vmerge(tc) -> str | None:
    """A cell's vertical merge, from its XML (python-docx shows a merged cell's first cell
    for every row it spans)."""
    el = tc.find(f"{W}tcPr/{W}vMerge")
    return None if el is None else (el.get(f"{W}val") or "continue")


def test_the_action_plan_merges_a_recommendation_over_its_actions(bangkalan):
    """R01 has three actions: its finding and its text are printed once, in cells merged
    down over the three rows; R02's one action stands alone."""
    rows = matrix(bangkalan["rencana-tindak-lanjut"]).rows
    header = [c.text for c in rows[0].cells]
    assert header[2] == "Rekomendasi" and header[8] == "Sumber Anggaran"
    body = rows[1:-1]
    tcs = [r._tr.findall(f"{W}tc")[2] for r in body]
    assert [vmerge(tc) for tc in tcs] == ["restart", "continue", "continue", "restart"]
    texts = ["".join(tc.itertext(f"{W}t")) for tc in tcs]
    assert texts[0].startswith("R01: Merevitalisasi Tim Terpadu") and texts[1:3] == ["", ""]
    assert texts[3].startswith("R02: ")
    assert ["".join(r._tr.findall(f"{W}tc")[8].itertext(f"{W}t")) for r in body] == [
        "APBD Kabupaten Bangkalan"] * 3 + ["–"]


def test_the_action_plan_closes_with_its_totals_and_says_what_it_belongs_to(bangkalan):
    doc = bangkalan["rencana-tindak-lanjut"]
    last = matrix(doc).rows[-1]
    assert last.cells[0].text == "Jumlah anggaran" and last.cells[7].text == "Rp260.000.000"
    recap = next(t for t in doc.tables if t.rows[0].cells[0].text == "Status Tindak Lanjut")
    counts = [(r.cells[0].text, r.cells[1].text) for r in recap.rows[1:]]
    assert counts[-1] == ("Jumlah", "4")
    assert sum(int(n) for _s, n in counts[:-1]) == 4
    lines = {r.cells[0].text: r.cells[2].text for t in doc.tables[:4] for r in t.rows
             if len(r.cells) == 3}
    assert lines["Surat pengantar"].startswith("Nomor 000.4.2/1236/209.3/2025 tanggal 15 Januari 2025")
    assert lines["Status per"] == "10 Januari 2025"
    assert "menurut status tindak lanjut per 10 Januari 2025:" in text(doc)


def test_the_status_date_is_the_document_date_when_the_data_give_none(bangkalan):
    raw = evalreport.load(ROOT / "samples" / "jatim.yaml")
    data = raw.model_copy(update={"document": raw.document.model_copy(update={"status_date": None})})
    doc = rendered(data, "3526")["rencana-tindak-lanjut"]
    assert "menurut status tindak lanjut per 15 Januari 2025:" in text(doc)


def test_the_appendix_is_landscape_only_for_the_matrix(bangkalan, batu):
    """Jawa Timur's appendix: the matrix on landscape pages, the programme-wide actions and
    the data annex on portrait ones. Kota Batu has no programme-wide actions: its matrix's
    landscape pages are followed by the data annex on portrait ones, which end the document
    with content (no empty section, no empty page)."""
    *_, matrix_pages, actions_pages = sections(bangkalan["laporan-evaluasi"])
    assert matrix_pages.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
    assert actions_pages.find(f"{W}pgSz").get(f"{W}orient") in (None, "portrait")
    doc = batu["laporan-evaluasi"]
    *_, matrix, last = sections(doc)
    assert matrix.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
    assert last.find(f"{W}pgSz").get(f"{W}orient") in (None, "portrait")
    assert "Lampiran 2. Data Evaluasi Kota Batu" in [p.text for p in doc.paragraphs]
    assert doc.element.body[-2].tag == f"{W}tbl" or "".join(doc.element.body[-2].itertext()).strip()


def test_a_preparer_half_filled_in_the_workbook_is_named(tmp_path):
    """Dokumen › Nama penyusun filled, Jabatan penyusun left empty: the error names it."""
    data = evalreport.load(ROOT / "samples" / "kota-batu.yaml")
    wb = load_workbook(io.BytesIO(workbook.build(data.model_dump(mode="json"))))
    ws = wb["Dokumen"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "Nama penyusun")
    ws.cell(row, 2).value = "Siti Mardiyah, S.Sos., M.Si."
    path = tmp_path / "batu.xlsx"
    wb.save(path)
    with pytest.raises(DataError) as caught:
        evalreport.load(path)
    (problem,) = caught.value.problems
    assert problem.location.sheet == "Dokumen" and problem.location.header == "Jabatan penyusun"


def test_glossary_and_funding_source_come_from_the_workbook(tmp_path):
    data = evalreport.load(ROOT / "samples" / "jatim.xlsx")
    assert {g.abbreviation for g in data.glossary} >= {"Tim Terpadu PKS", "DTKS", "SKDK", "FKUB"}
    assert data.actions[0].funding_source == "APBD Kabupaten Bangkalan"
    assert data.document.status_date.isoformat() == "2025-01-10"
    raw = copy.deepcopy(data.model_dump(mode="json"))
    raw["glossary"].append({"abbreviation": "FKUB", "meaning": ""})
    with pytest.raises(DataError):
        evalreport.parse(raw)


def test_each_chart_prints_its_source_line_under_its_caption():
    """Every chart whose indicators name a data source carries "Sumber: ... (diolah)" under
    its caption, as the context gives it; a chart without a source has no empty line."""
    data = evalreport.load(ROOT / "samples" / "jatim.yaml")
    maker = DocumentMaker(data, docs=["laporan-evaluasi"])
    region = data.region("3526")
    ctx = maker.contexts.build(region, maker.figures.for_region(region))
    grafik = ctx["grafik"]
    expected = [grafik["sumber"][k] for k in ("capaian", "target_realisasi") if grafik[k]]
    expected += [g["sumber"] for g in grafik["terpilah"]]  # data terpilah, in section 3.1.1
    expected += [grafik["sumber"]["tren"]] if grafik["tren"] else []
    expected += [g["sumber"] for g in grafik["perbandingan"] or []]
    expected = [str(s) for s in expected if s]
    assert expected and all(s.startswith("Sumber:") for s in expected)
    doc = rendered(data, "3526")["laporan-evaluasi"]
    paras = doc.paragraphs
    lines = [p.text for p in paras if p.style.name == "Sumber Gambar"]
    assert lines == expected
    for n, p in enumerate(paras):  # each right under a figure caption
        if p.style.name == "Sumber Gambar":
            before = paras[n - 1]
            assert before.style.name == "Caption" and before.text.startswith("Gambar"), before.text

"""Each document speaks one language: the bundled sample rendered in English and in Indonesian,
every text a reader can meet in each document scanned (body, headers, footers, footnotes and
endnotes, chart parts, the alt text of pictures, the core properties).

What the data say is printed as the data say it (an Indonesian indicator name stays Indonesian
in an English report), so the data's own texts are taken out before the scan: what is left is
what evalreport and its templates write, and that must be in the document's language. The word
lists hold words of one language only (not "data", "program", "target", "status", nor names such
as "Kabupaten"): a hit is a word the software wrote in the wrong language.

The documents must also have no empty section: a heading followed by nothing, or by a heading
of the same or a higher level, with no text, table or picture between.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_XLSX
from lxml import etree

import evalreport
from evalreport.run.documents import DOCUMENTS
from evalreport.run.summary import SUMMARY_DOC, render_summary

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

# Words an Indonesian document uses that English has not (nor as a name).
INDONESIAN = frozenset("""
    tabel gambar halaman lampiran daftar isi ringkasan eksekutif rekomendasi prioritas tinggi
    sedang rendah sangat tercapai belum kesimpulan pendahuluan metodologi penutup capaian
    realisasi predikat dimensi indikator temuan kegiatan anggaran terbilang januari februari
    maret mei juni juli agustus oktober desember sebagai berikut dengan dan yang untuk tahun
    periode wilayah tingkat sumber catatan keterangan jumlah peringkat perbandingan satuan bab
    lanjutan dari tidak pada dalam atas kepada nomor tanggal sifat tembusan yth demikian terima
    kasih progres mitra lainnya koma ribu juta miliar puluh ratus belas tindak lanjut kondisi
    kriteria sebab akibat bukti kode polaritas tren perubahan sebelumnya awal kinerja evaluasi
    laporan pengesahan disahkan disusun oleh tujuan maksud lingkup latar belakang hukum
    pengantar singkatan ditujukan menjawab penanggung jawab batas waktu keberhasilan selesai
    makin baik cukup kurang hari bulan sampai antarwilayah antarperiode rata templat belum
    membaik memburuk tetap sesuai ditindaklanjuti
""".split())

# Words an English document uses that Indonesian has not.
ENGLISH = frozenset("""
    the and with which of met not page table figure appendix chapter summary executive
    recommendation recommendations finding findings priority high medium low very rated rating
    achievement actual region regions dimension indicator indicators activity budget deadline
    january february march may june july august october december report evaluation conclusions
    assessed more continued source unit trend improved worsened unchanged other values rank year
    number subject copies attachment approved prepared foreword contents list figures tables
    background scope objectives methodology results closing follow action plan thousand million
    hundred point zero one two three against each mean capped
""".split())

REGIONS = ["3507", "3509", "3526"]  # no findings of its own; own findings and actions; lowest


def _data_texts(data: evalreport.Dataset) -> list[str]:
    """Every text of the dataset (not its band scheme, whose names the documents translate),
    as written and in capitals (the templates print some names upper-cased), longest first."""
    out: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, str):  # a line break prints as a break, between two texts
            for line in [v, *v.splitlines()]:
                if len(line.strip()) > 1:
                    out.update({line.strip(), line.strip().upper()})
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    dump = data.model_dump(mode="json")
    dump.pop("bands", None)
    walk(dump)
    return sorted(out, key=len, reverse=True)


ZWSP = "\u200b"


def document_texts(path: Path) -> list[tuple[str, str]]:
    """(part, text) for every paragraph of the body, headers, footers and notes, every text of
    a chart part, every picture's alt text (title and description) and every core property."""
    out: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(z.read(name))
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                for p in root.iter(f"{{{W}}}p"):
                    # as a reader sees it: without the invisible places a line may end
                    text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).replace(ZWSP, "")
                    if text.strip():
                        out.append((name, text))
                for pr in root.iter(f"{{{WP}}}docPr"):
                    out += [(f"{name} (alt text)", pr.get(a)) for a in ("title", "descr") if pr.get(a)]
            elif name.startswith("word/charts/"):
                out += [(name, el.text) for el in root.iter()
                        if etree.QName(el).localname in ("t", "v") and el.text and el.text.strip()]
            elif name == "docProps/core.xml":
                out += [(name, el.text) for el in root if el.text and el.text.strip()]
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[list[Path], list[str]]]:
    """The sample's documents and summary in each language, with the data's own texts."""
    data = evalreport.load(SAMPLE_XLSX)
    out = {}
    for lang in ("en", "id"):
        folder = tmp_path_factory.mktemp(f"docs-{lang}")
        result = evalreport.render(data, folder, regions=REGIONS, doc_lang=lang, jobs=1)
        assert not result.failures
        render_summary(data, folder, lang=lang)  # the summary compares every region
        paths = sorted(folder.rglob("*.docx"))
        assert len(paths) == len(REGIONS) * len(DOCUMENTS) + 1
        assert (folder / f"{SUMMARY_DOC}.docx") in paths
        out[lang] = (paths, _data_texts(data))
    return out


def _foreign(paths: list[Path], data_texts: list[str], words: frozenset[str]) -> list[str]:
    found = []
    for path in paths:
        for part, text in document_texts(path):
            left = text
            for d in data_texts:
                if d in left:
                    left = left.replace(d, " ")
            hits = sorted({w for w in re.findall(r"[^\W\d_]+", left.casefold()) if w in words})
            if hits:
                found.append(f"{path.parent.name}/{path.name} {part}: {hits} in {text[:160]!r}")
    return found


def test_english_documents_print_no_indonesian(rendered):
    paths, data_texts = rendered["en"]
    assert _foreign(paths, data_texts, INDONESIAN) == []


def test_indonesian_documents_print_no_english(rendered):
    paths, data_texts = rendered["id"]
    assert _foreign(paths, data_texts, ENGLISH) == []


def test_the_scan_sees_every_kind_of_part(rendered):
    """The scan reads what it claims to: the body, a header or footer, alt text and the core
    properties all give text, and the English report's own words are found in them."""
    paths, _ = rendered["en"]
    report = next(p for p in paths if p.name == "laporan-evaluasi.docx")
    texts = document_texts(report)
    parts = {part.split(" ")[0].rstrip("0123456789.xml") for part, _ in texts}
    assert {"word/document", "word/header", "word/footer", "docProps/core"} <= parts
    assert any("(alt text)" in part for part, _ in texts)
    words = {w for _, t in texts for w in re.findall(r"[^\W\d_]+", t.casefold())}
    assert {"chapter", "appendix", "recommendations", "achievement"} <= words
    assert _foreign([report], [], INDONESIAN), "the sample's Indonesian data is seen when not taken out"


def _headings_and_content(path: Path) -> list[tuple[int, str]]:
    """The body in order: (level, text) for a heading, (0, text) for content (a paragraph with
    text or a picture, a table)."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{{{W}}}body")
    out: list[tuple[int, str]] = []
    for el in body:
        if el.tag == f"{{{W}}}tbl":
            out.append((0, "(table)"))
        elif el.tag == f"{{{W}}}p":
            style = el.find(f"{{{W}}}pPr/{{{W}}}pStyle")
            text = "".join(t.text or "" for t in el.iter(f"{{{W}}}t")).strip()
            level = re.fullmatch(r"Heading(\d)", style.get(f"{{{W}}}val")) if style is not None else None
            if level:
                out.append((int(level.group(1)), text))
            elif text or el.find(f".//{{{W}}}drawing") is not None:
                out.append((0, text or "(picture)"))
    return out


def empty_sections(path: Path) -> list[str]:
    """Headings with nothing under them before the next heading of the same or a higher level
    (or the end of the document)."""
    items = _headings_and_content(path)
    empty = []
    for i, (level, text) in enumerate(items):
        if not level:
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        if nxt is None or (nxt[0] and nxt[0] <= level):
            empty.append(f"{path.parent.name}/{path.name}: {text!r}")
    return empty


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_empty_section(rendered, lang):
    paths, _ = rendered[lang]
    headings = [h for p in paths for h in _headings_and_content(p) if h[0]]
    assert len(headings) > 20  # the report's chapters and sections are seen as headings
    assert [e for p in paths for e in empty_sections(p)] == []


def test_an_empty_section_is_found(tmp_path):
    """The check finds a heading followed by a heading of its level, and one at the end."""
    from docx import Document

    doc = Document()
    doc.add_heading("BAB I", 1)
    doc.add_heading("1.1 Latar Belakang", 2)
    doc.add_paragraph("Isi.")
    doc.add_heading("1.2 Dasar Hukum", 2)
    doc.add_heading("BAB II", 1)
    doc.add_paragraph("Isi.")
    doc.add_heading("2.1 Akhir", 2)
    doc.save(tmp_path / "x.docx")
    assert [e.split(": ")[1] for e in empty_sections(tmp_path / "x.docx")] == [
        "'1.2 Dasar Hukum'", "'2.1 Akhir'"]

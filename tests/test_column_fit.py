"""Every word of a table's column heading fits its column: a heading broken mid-word
("Realisas" / "i", "Keteranga" / "n") is the first thing an official notices on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*.docx")) + sorted((ROOT / "templates" / "en").glob("*.docx"))
# Arial's metric twin, as LibreOffice lays the documents out
BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")
HEADING_SIZES = {"Kepala Tabel": 10.0, "Kepala Tabel Kecil": 9.0}
DEFAULT_MARGIN = 108  # twips each side: Word's default cell margin


def _margins(tbl) -> int:
    mar = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    if mar is None:
        return 2 * DEFAULT_MARGIN
    total = 0
    for edge in ("left", "right"):
        el = mar.find(qn(f"w:{edge}"))
        total += int(el.get(qn("w:w"))) if el is not None else DEFAULT_MARGIN
    return total


def _too_narrow(path: Path) -> list[str]:
    from PIL import ImageFont

    fonts = {size: ImageFont.truetype(str(BOLD), size=int(size * 20)) for size in set(HEADING_SIZES.values())}
    problems = []
    for table in Document(str(path)).tables:
        margins = _margins(table._tbl)
        head = table.rows[0]
        for cell in head.cells:
            par = cell.paragraphs[0]
            size = HEADING_SIZES.get(par.style.name)
            tcw = cell._tc.tcPr.find(qn("w:tcW")) if cell._tc.tcPr is not None else None
            if size is None or tcw is None or tcw.get(qn("w:type")) != "dxa":
                continue
            room = int(tcw.get(qn("w:w"))) - margins  # twips
            text = re.sub(r"\{[{%].*?[%}]\}", " ", cell.text)
            for word in text.split():
                # font loaded at 20 px per point: its width in px is in twips
                width = fonts[size].getlength(word)
                if width > room:
                    problems.append(f"{path.parent.name}/{path.name}: '{word}' needs "
                                    f"{width / 567:.2f} cm, column has {room / 567:.2f} cm")
    return problems


@pytest.mark.skipif(not BOLD.exists(), reason="Liberation Sans Bold is not installed")
@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_column_heading_word_fits_its_column(path):
    assert _too_narrow(path) == []


REGULAR = BOLD.with_name("LiberationSans-Regular.ttf")


@pytest.mark.skipif(not REGULAR.exists(), reason="Liberation Sans is not installed")
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_trend_column_holds_its_longest_word(lang):
    """The comparison between periods printed 'unchange/d' in its 1.7 cm trend column."""
    from PIL import ImageFont

    from evalreport.i18n.messages import _

    words = [_(w).render(lang) for w in ("improved", "worsened", "unchanged")]
    path = ROOT / "templates" / ("en" if lang == "en" else "") / "laporan-evaluasi.docx"
    heading = "Trend" if lang == "en" else "Tren"
    font = ImageFont.truetype(str(REGULAR), size=9 * 20)  # the small table text, in twips
    found = 0
    for table in Document(str(path)).tables:
        for cell in table.rows[0].cells:
            if cell.text.strip() == heading:
                room = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) - _margins(table._tbl)
                assert max(font.getlength(w) for w in words) <= room, words
                found += 1
    assert found == 1


@pytest.mark.skipif(not REGULAR.exists(), reason="Liberation Sans is not installed")
@pytest.mark.parametrize("lang, amount", [("id", "Rp999.999.999"), ("en", "IDR 999,999,999")])
def test_the_budget_column_holds_an_amount_under_a_billion_on_one_line(lang, amount):
    """'IDR / 185,000,000' broke over two lines in the action plan's budget column, and a sum
    in billions would break mid-number: the column holds every amount under a billion on one
    line (a larger one may end a line after its currency only, see the next test)."""
    from PIL import ImageFont

    path = ROOT / "templates" / ("en" if lang == "en" else "") / "rencana-tindak-lanjut.docx"
    heading = "Budget" if lang == "en" else "Anggaran"
    font = ImageFont.truetype(str(REGULAR), size=9 * 20)
    rooms = [int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) - _margins(table._tbl)
             for table in Document(str(path)).tables for cell in table.rows[0].cells
             if cell.text.strip() == heading]
    assert rooms and min(rooms) >= font.getlength(amount)


def test_long_words_in_table_cells_may_end_a_line_at_a_slash_or_after_the_currency(tmp_path):
    """A decree number in the narrow evidence column broke as '188.45/112/KPTS/43' / '3.013/2024':
    a word wider than its cell gets a zero-width break opportunity after each slash and between
    'Rp' and its amount; nothing else changes (the text without them is the data's). Words that
    fit their cell (the letter number, a sum in the budget column) and text outside tables are
    left as they are, so they copy out as plain text."""
    import evalreport
    from evalreport.word.layout import ZWSP

    data = evalreport.load(ROOT / "samples" / "jatim.xlsx")
    out = evalreport.render(data, tmp_path, regions=["3526"],
                            previous=ROOT / "samples" / "tindak-lanjut-2023.xlsx")
    decree = "188.45/112/KPTS/433.013/2024"
    for path in out.paths:
        if path.suffix != ".docx":
            continue
        body = Document(str(path)).element.body
        cells = [t.text or "" for tc in body.iter(qn("w:tc")) for t in tc.iter(qn("w:t"))]
        outside = [t.text or "" for t in body.iter(qn("w:t"))
                   if not any(a.tag == qn("w:tc") for a in t.iterancestors())]
        assert not any(ZWSP in t for t in outside), path.name
        for text in cells:
            if ZWSP in text:  # only after a slash, or between Rp and its amount
                assert all(text[i - 1] == "/" or text[i - 2:i] == "Rp" for i, c in enumerate(text)
                           if c == ZWSP), text
        if path.name in ("laporan-evaluasi.docx", "rencana-tindak-lanjut.docx"):
            opened = [t for t in cells if decree.replace("/", "/" + ZWSP) in t]
            assert opened, path.name
            assert not any(decree in t for t in cells)  # every one of them opened
        if path.name == "rencana-tindak-lanjut.docx":
            assert "Rp185.000.000" in cells and "Rp260.000.000" in cells  # they fit: untouched
        if path.name == "rekomendasi.docx":
            assert any(re.fullmatch(r"\d[\d.]*/\d+/[\d.]+/\d{4}", t) for t in cells)  # its number


def test_only_a_word_wider_than_its_cell_is_opened():
    from docx.oxml import parse_xml

    from evalreport.word.layout import ZWSP, open_long_words

    def cell(width: int, text: str) -> str:
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:r>'
                f'<w:t>{text}</w:t></w:r></w:p></w:tc>')

    body = parse_xml(
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tbl><w:tr>'
        + cell(1361, "Nomor 188.45/112/KPTS/433.013/2024") + cell(1644, "Rp12.463.335.063")
        + cell(1644, "Rp185.000.000") + cell(5000, "188.45/112/KPTS/433.013/2024")
        + '</w:tr></w:tbl><w:p><w:r><w:t>Nomor 188.45/112/KPTS/433.013/2024</w:t></w:r></w:p></w:body>')
    assert open_long_words(body, {"": 9.0}) == 2
    texts = [t.text for t in body.iter(qn("w:t"))]
    assert texts == [f"Nomor 188.45/{ZWSP}112/{ZWSP}KPTS/{ZWSP}433.013/{ZWSP}2024",
                     f"Rp{ZWSP}12.463.335.063", "Rp185.000.000", "188.45/112/KPTS/433.013/2024",
                     "Nomor 188.45/112/KPTS/433.013/2024"]

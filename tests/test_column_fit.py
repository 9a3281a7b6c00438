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

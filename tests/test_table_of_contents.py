"""A table of contents Word has already updated is replaced whole.

A template's TOC field is one paragraph until someone presses F9 in Word: Word then writes the
field over several paragraphs (begin and the first entry in the first one, one entry per
paragraph, each a hyperlink with its own PAGEREF field, the end in the last one), often inside
a "Table of Contents" content control. Rendering must take the whole field out, not leave its
old entries and an end marker without a beginning.
"""
from __future__ import annotations

from collections import Counter

from docx import Document
from docx.oxml import parse_xml

from evalreport.word.fields import fill_tables_of_contents

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARK = '<w:rPr><w:noProof/><w:webHidden/></w:rPr>'
LINK = '<w:rPr><w:rStyle w:val="Hyperlink"/><w:noProof/></w:rPr>'
PRESERVE = '<w:t xml:space="preserve">'


def r(inner: str, props: str = "") -> str:
    return f"<w:r>{props}{inner}</w:r>"


def fld(kind: str) -> str:
    return f'<w:fldChar w:fldCharType="{kind}"/>'


def instr(text: str) -> str:
    return f'<w:instrText xml:space="preserve">{text}</w:instrText>'


def word_entry(text: str, bookmark: str, page: str) -> str:
    """One entry as Word writes it: a hyperlink to the heading's bookmark, a tab, and a
    PAGEREF field with its page (Word also adds an empty run in the middle)."""
    ref = " PAGEREF " + bookmark + " \\h "
    return (f'<w:hyperlink w:anchor="{bookmark}" w:history="1">'
            + r(f"<w:t>{text}</w:t>", LINK) + r("<w:tab/>", MARK) + r(fld("begin"), MARK)
            + r(instr(ref), MARK) + r("", MARK) + r(fld("separate"), MARK)
            + r(f"<w:t>{page}</w:t>", MARK) + r(fld("end"), MARK) + '</w:hyperlink>')


def entry_par(style: str, inner: str) -> str:
    return (f'<w:p {NS}><w:pPr><w:pStyle w:val="{style}"/><w:tabs><w:tab w:val="right" '
            f'w:leader="dot" w:pos="9350"/></w:tabs><w:rPr><w:noProof/></w:rPr></w:pPr>{inner}</w:p>')


def updated_toc(switches: str, entries: list[tuple[str, str, str]], end_alone: bool,
                control: bool) -> list[str]:
    """A TOC field as Word leaves it after "Update Field": over ``len(entries)`` paragraphs
    (plus one for the end when ``end_alone``), inside a content control when ``control``."""
    pars = []
    for n, (text, bookmark, page) in enumerate(entries):
        head = (r(fld("begin")) + r(instr(f" TOC {switches} ")) + r(fld("separate"))) if n == 0 else ""
        tail = r(fld("end")) if n == len(entries) - 1 and not end_alone else ""
        pars.append(entry_par("TOC1", head + word_entry(text, bookmark, page) + tail))
    if end_alone:
        pars.append(f'<w:p {NS}>{r(fld("end"), "<w:rPr><w:b/><w:noProof/></w:rPr>")}</w:p>')
    if not control:
        return pars
    heading = f'<w:p {NS}><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>{r("<w:t>Daftar Isi</w:t>")}</w:p>'
    return [f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtEndPr/><w:sdtContent>'
            f'{heading}{"".join(pars)}</w:sdtContent></w:sdt>']


def heading(style: str, text: str, bookmark: str, ident: int) -> str:
    return (f'<w:p {NS}><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:bookmarkStart w:id="{ident}" w:name="{bookmark}"/>{r(f"<w:t>{text}</w:t>")}'
            f'<w:bookmarkEnd w:id="{ident}"/></w:p>')


def caption(text: str) -> str:
    seq = " SEQ Tabel \\* ARABIC "
    return (f'<w:p {NS}><w:pPr><w:pStyle w:val="Caption"/></w:pPr>' + r(PRESERVE + "Tabel </w:t>")
            + r(fld("begin")) + r(instr(seq)) + r(fld("separate")) + r("<w:t>1</w:t>")
            + r(fld("end")) + r(f"<w:t>. {text}</w:t>") + "</w:p>")


def document(*xml: str):
    doc = Document()
    end = doc.element.body[-1]
    for x in xml:
        end.addprevious(parse_xml(x))
    return doc


def texts(doc) -> list[str]:
    return ["".join(p.itertext(W + "t")) for p in doc.element.body.iter(W + "p")]


def assert_fields_balanced(doc) -> None:
    depth = 0
    for el in doc.element.body.iter(W + "fldChar"):
        depth += {"begin": 1, "end": -1}.get(el.get(W + "fldCharType"), 0)
        assert depth >= 0, "a field end without its begin"
    assert depth == 0, "a field left open"


def assert_bookmarks_balanced(doc) -> None:
    starts = Counter(el.get(W + "id") for el in doc.element.body.iter(W + "bookmarkStart"))
    ends = Counter(el.get(W + "id") for el in doc.element.body.iter(W + "bookmarkEnd"))
    names = Counter(el.get(W + "name") for el in doc.element.body.iter(W + "bookmarkStart"))
    assert starts == ends and max(starts.values()) == 1 and max(names.values()) == 1


def test_a_word_updated_toc_over_several_paragraphs_is_replaced_whole():
    """Entries that no longer exist ("Bab Lama") and old page numbers go; the new list names
    today's headings; the field's end goes with its beginning; the content control and the
    heading inside it stay."""
    old = [("Bab Lama", "_Toc101", "3"), ("Bab I Pendahuluan", "_Toc102", "4"),
           ("Bab II Hasil", "_Toc103", "9")]
    doc = document(*updated_toc('\\o "1-3" \\h \\z \\u', old, end_alone=True, control=True),
                   heading("Heading1", "Bab I Pendahuluan", "_Toc102", 1),
                   heading("Heading2", "1.1 Latar Belakang", "_Toc104", 2),
                   heading("Heading1", "Bab II Hasil", "_Toc103", 3))
    assert fill_tables_of_contents(doc) == 3
    lines = texts(doc)
    assert "Bab Lama" not in lines
    assert lines[:4] == ["Daftar Isi", "Bab I Pendahuluan1", "1.1 Latar Belakang1", "Bab II Hasil1"]
    assert lines[4:] == ["Bab I Pendahuluan", "1.1 Latar Belakang", "Bab II Hasil"]
    instructions = "".join(doc.element.body.itertext(W + "instrText"))
    assert "TOC" not in instructions and instructions.count("PAGEREF") == 3
    (control,) = doc.element.body.iter(W + "sdtContent")
    assert len(control.findall(W + "p")) == 4  # the heading and the three new entries
    assert_fields_balanced(doc)
    assert_bookmarks_balanced(doc)


def test_the_end_in_the_last_entry_and_a_list_of_tables_are_replaced_too():
    """The end of the field in the last entry's paragraph (no paragraph of its own), and a
    list of tables (TOC \\c "Tabel") beside the table of contents."""
    toc = updated_toc('\\o "1-3" \\h \\z \\u', [("Bab I", "_Toc201", "1"), ("Bab Lama", "_Toc202", "2")],
                      end_alone=False, control=False)
    tables = updated_toc('\\h \\z \\c "Tabel"', [("Tabel 1. Lama", "_Toc203", "5")],
                         end_alone=False, control=False)
    doc = document(*toc, f'<w:p {NS}>{r("<w:t>DAFTAR TABEL</w:t>")}</w:p>', *tables,
                   heading("Heading1", "Bab I", "_Toc201", 1), caption("Capaian"))
    assert fill_tables_of_contents(doc) == 2
    assert texts(doc)[:3] == ["Bab I1", "DAFTAR TABEL", "Tabel 1. Capaian1"]
    assert "Bab Lama" not in texts(doc) and "Tabel 1. Lama" not in "".join(texts(doc))
    assert_fields_balanced(doc)
    assert_bookmarks_balanced(doc)


def test_text_before_and_after_the_field_in_its_paragraphs_stays():
    """Text typed before the field's begin, in its first paragraph, and after its end, in its
    last, is the author's, not the field's: it stays, each in a paragraph of its own."""
    pars = updated_toc('\\o "1-3"', [("Lama", "_Toc301", "2")], end_alone=False, control=False)
    first = pars[0].replace("<w:r><w:fldChar", "<w:r><w:t>Isi:</w:t></w:r><w:r><w:fldChar", 1)
    first = first[:-len("</w:p>")] + r("<w:t>(akhir)</w:t>") + "</w:p>"
    doc = document(first, heading("Heading1", "Bab I", "_Toc302", 1))
    assert fill_tables_of_contents(doc) == 1
    assert texts(doc)[:3] == ["Isi:", "Bab I1", "(akhir)"]
    assert_fields_balanced(doc)


def test_new_bookmarks_never_take_a_name_the_document_has():
    """A document made by evalreport, used as a template again, already has _Toc9000nn
    bookmarks on its headings: the new ones take other names."""
    pars = updated_toc('\\o "1-3"', [("Bab I", "_Toc900001", "1")], end_alone=True, control=False)
    doc = document(*pars, heading("Heading1", "Bab I", "_Toc900001", 900001),
                   heading("Heading1", "Bab II", "_Toc900002", 900002))
    assert fill_tables_of_contents(doc) == 2
    assert_bookmarks_balanced(doc)


# An entry whose text fills its line leaves no room for its page number: Word and LibreOffice
# then put the dot leader and the number alone on a line under it. The entry ends one word
# early instead, so the number stays on the entry's last line.

def _lines(p) -> list[str]:
    """An entry's text (before its tab), line by line where it has a break."""
    out = [""]
    for run in p.iter(W + "r"):
        if run.find(W + "tab") is not None:
            break
        for el in run.iter(W + "t", W + "br"):
            if el.tag == W + "br":
                out.append("")
            else:
                out[-1] += el.text or ""
    return out


def test_an_entry_that_fills_its_line_ends_one_word_early():
    from evalreport.charts.text import text_width
    from evalreport.word.fields import _entry, _last_word_apart, _room

    width = 8788 / 20  # points between the margins of the bundled templates
    fits = "Tabel 11. Kegiatan tindak lanjut hasil evaluasi periode 2023, Kabupaten Bangkalan"
    full = "Tabel 6. IN01 menurut jenis kelamin, Kabupaten Bangkalan periode 2024 (target ≥ 80,00)"
    wraps = "Gambar 5. Perbandingan capaian antarwilayah (% terhadap target), dimensi Kepercayaan Publik, periode 2024"
    assert text_width(fits, 11) + _room(11) <= width < text_width(full, 11) + _room(11)
    assert _last_word_apart(fits, width, 11) == (fits, "")
    assert _last_word_apart(full, width, 11) == (full.rpartition(" ")[0], "80,00)")
    assert _last_word_apart(wraps, width, 11) == (wraps, "")  # its last line is short
    # the same text in a larger font or a narrower column: one word early too
    assert _last_word_apart(fits, width, 11.5)[1] == "Bangkalan"
    p = _entry(full, "_Toc1", 1, 8788, frozenset({"TOC1"}))
    assert _lines(p) == [full.rpartition(" ")[0], "80,00)"]
    assert p.find(f".//{W}instrText").text == " PAGEREF _Toc1 \\h "
    assert _lines(_entry(fits, "_Toc2", 1, 8788, frozenset({"TOC1"}))) == [fits]


def test_no_page_number_of_a_rendered_report_stands_alone_under_its_entry(tmp_path):
    """Every entry of the contents, the list of tables and the list of figures of a report
    whose captions are long: the last line of each, laid out as Word fills lines, leaves room
    for its dot leader and page number."""
    from pathlib import Path

    import evalreport
    from evalreport.charts.text import text_width
    from evalreport.word.fields import _room

    root = Path(__file__).resolve().parent.parent
    out = evalreport.render(evalreport.load(root / "samples" / "jatim.yaml"), tmp_path,
                            regions=["3526"], docs=["laporan-evaluasi"])
    body = Document(str(out.paths[0])).element.body
    entries = [p for p in body.iter(W + "p") if p.find(f".//{W}instrText") is not None
               and "PAGEREF" in "".join(t.text or "" for t in p.iter(W + "instrText"))]
    assert len(entries) > 40
    width = 8788 / 20
    broken = 0
    for p in entries:
        style = p.find(f"{W}pPr/{W}pStyle")
        level = int(style.get(W + "val")[-1]) if style is not None else 1
        room = width - 360 / 20 * (level - 1) - _room(11)
        lines = _lines(p)
        broken += len(lines) > 1
        last = ""
        for word in lines[-1].split(" "):
            wider = f"{last} {word}" if last else word
            last = wider if text_width(wider, 11) <= room + _room(11) else word
        assert text_width(last, 11) <= room, lines
    assert broken >= 2  # the sample's long captions


def test_an_entry_with_marks_the_font_lacks_is_measured():
    """A heading of any text validation lets through (a zero-width space, an unassigned code
    point, Arabic) is measured without error; a zero-width mark takes no room."""
    from evalreport.charts.text import text_width
    from evalreport.word.fields import _last_word_apart

    assert text_width("Kabupaten\u200b", 11) == text_width("Kabupaten", 11) > 0
    for text in ("\u200b", "\U0008e31b \u200b", "حرم " * 40, "Tabel 6. " + "Kabupaten " * 8):
        head, tail = _last_word_apart(text, 439.4, 11)
        assert (head + (" " + tail if tail else "")) == text
        assert not tail or tail.strip()  # never a line of nothing but spaces

"""Templates built in code the way Word really writes them.

Word does not keep a tag such as ``{{ wilayah.nama }}`` in one run: a change of formatting in
the middle of it, the spelling checker (``w:proofErr``) and the "last edit" bookmark
(``w:bookmarkStart w:name="_GoBack"``) cut it into pieces; AutoCorrect turns straight quotes
into curly ones. Each builder below writes one such template and returns the saved path.

Paragraph numbers that the tests rely on are stated in each builder's docstring.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

# A run spec: plain text, or (text, "b"/"i"/"bi"/"") for formatting,
# or a marker: "<spellStart>", "<spellEnd>", "<goBack>" (bookmarkStart + bookmarkEnd _GoBack),
# "<bmStart>", "<bmEnd>" (the two halves separately).
Spec = str | tuple[str, str]

MARKERS = {"<spellStart>", "<spellEnd>", "<goBack>", "<bmStart>", "<bmEnd>"}


def proof_err(kind: str):
    el = OxmlElement("w:proofErr")
    el.set(qn("w:type"), kind)
    return el


def bookmark_start(name: str = "_GoBack", bid: str = "0"):
    el = OxmlElement("w:bookmarkStart")
    el.set(qn("w:id"), bid)
    el.set(qn("w:name"), name)
    return el


def bookmark_end(bid: str = "0"):
    el = OxmlElement("w:bookmarkEnd")
    el.set(qn("w:id"), bid)
    return el


def fill(paragraph: Paragraph, specs: Iterable[Spec]) -> Paragraph:
    """Append runs and Word clutter to a paragraph, in order."""
    p = paragraph._p
    for spec in specs:
        if isinstance(spec, str) and spec in MARKERS:
            if spec == "<spellStart>":
                p.append(proof_err("spellStart"))
            elif spec == "<spellEnd>":
                p.append(proof_err("spellEnd"))
            elif spec == "<goBack>":
                p.append(bookmark_start())
                p.append(bookmark_end())
            elif spec == "<bmStart>":
                p.append(bookmark_start())
            elif spec == "<bmEnd>":
                p.append(bookmark_end())
            continue
        text, fmt = (spec, "") if isinstance(spec, str) else spec
        run = paragraph.add_run(text)
        run.bold = True if "b" in fmt else None
        run.italic = True if "i" in fmt else None
    return paragraph


def para(doc: DocxDocument, *specs: Spec) -> Paragraph:
    return fill(doc.add_paragraph(), specs)


def new_doc(intro: str = "Laporan Hasil Evaluasi") -> DocxDocument:
    """A document whose first body paragraph is plain text (paragraph 1)."""
    doc = Document()
    doc.add_paragraph(intro)
    return doc


def save(doc: DocxDocument, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def table(doc: DocxDocument, rows: Sequence[Sequence[str | Sequence[Spec]]]):
    """A table; each cell is a text or a list of run specs (one paragraph per cell)."""
    t = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            p = t.rows[r].cells[c].paragraphs[0]
            fill(p, [value] if isinstance(value, str) else value)
    return t


def header(doc: DocxDocument, *specs: Spec) -> Paragraph:
    """Put a paragraph with ``specs`` into the (own, not linked) header of section 1."""
    h = doc.sections[0].header
    h.is_linked_to_previous = False
    return fill(h.paragraphs[0], specs)


# ------------------------------------------------------------------------------ builders

SPLIT_TAG = "{{ wilayah.nama }}"


def split_tag(path: str | Path) -> Path:
    """Paragraph 3: 'Wilayah: {{ wilayah.nama }} tahun ini.' with the tag in three runs,
    bold '{{ wil' / italic 'ayah.' / plain 'nama }}', a spelling mark (spellStart..spellEnd)
    and the _GoBack bookmark between the pieces. Paragraph 2 has curly quotes outside tags."""
    doc = new_doc()
    para(doc, "Kata “resmi” dan ‘kutip’ di luar tag tetap melengkung.")
    para(doc, "Wilayah: ", ("{{ wil", "b"), "<spellStart>", ("ayah.", "i"), "<spellEnd>",
         "<goBack>", ("nama }}", ""), " tahun ini.")
    return save(doc, path)


CURLY_TAG = "{{ program.nama|replace(“a”, “b”) }}"
CURLY_FIXED = '{{ program.nama|replace("a", "b") }}'


def curly_quotes(path: str | Path) -> Path:
    """Paragraph 2: curly quotes in a filter argument, and curly quotes in ordinary text
    around it: 'Program “utama”: {{ program.nama|replace(“a”, “b”) }} ‘selesai’.'"""
    doc = new_doc()
    para(doc, "Program “utama”: " + CURLY_TAG + " ‘selesai’.")
    return save(doc, path)


def tr_in_body(path: str | Path) -> Path:
    """Paragraph 2: '{%tr for i in indikator %}' in a plain body paragraph (no table);
    paragraph 3 '{{ i.nama }}', paragraph 4 '{%tr endfor %}'."""
    doc = new_doc()
    para(doc, "{%tr for i in indikator %}")
    para(doc, "{{ i.nama }}")
    para(doc, "{%tr endfor %}")
    return save(doc, path)


def header_tag(path: str | Path, tag: str = "{{ wilayah.namma }}") -> Path:
    """A tag in the header of section 1 (the only header paragraph); body paragraph 1 is text,
    body paragraph 2 holds a correct tag."""
    doc = new_doc()
    para(doc, "Nama program: {{ program.nama }}")
    header(doc, "Kop: ", tag)
    return save(doc, path)


def unknown_names(path: str | Path) -> Path:
    """Paragraph 2: unknown attribute '{{ wilayah.namma }}' (one letter off);
    paragraph 3: unknown variable '{{ wilayh.nama }}'; paragraph 4: unknown filter
    '{{ program.nama|uppr }}'."""
    doc = new_doc()
    para(doc, "Wilayah: {{ wilayah.namma }}")
    para(doc, "Lagi: {{ wilayh.nama }}")
    para(doc, "Program: {{ program.nama|uppr }}")
    return save(doc, path)


def table_loop(path: str | Path, cell_tag: str = "{{ i.nama }}") -> Path:
    """Paragraph 2 is text; table 1 has a header row, row 2 '{%tr for i in indikator %}',
    row 3 with ``cell_tag`` in cell 1 and '{{ i.capaian }}' in cell 2, row 4 '{%tr endfor %}'."""
    doc = new_doc()
    para(doc, "Tabel capaian:")
    table(doc, [["Indikator", "Capaian"],
                ["{%tr for i in indikator %}", ""],
                [cell_tag, "{{ i.capaian }}"],
                ["{%tr endfor %}", ""]])
    para(doc, "Selesai.")
    return save(doc, path)


def crossed_blocks(path: str | Path) -> Path:
    """Paragraphs 2-6: {% for %} / {% if %} / {{ i.nama }} / {% endfor %} / {% endif %}."""
    doc = new_doc()
    para(doc, "{% for i in indikator %}")
    para(doc, "{% if i.tercapai_ya %}")
    para(doc, "{{ i.nama }}")
    para(doc, "{% endfor %}")
    para(doc, "{% endif %}")
    return save(doc, path)


def unclosed_tag(path: str | Path) -> Path:
    """Paragraph 2: 'Nama: {{ x ' — a tag never closed."""
    doc = new_doc()
    para(doc, "Nama: {{ x ")
    para(doc, "Akhir.")
    return save(doc, path)


def unclosed_block(path: str | Path) -> Path:
    """Paragraph 2: '{% for i in indikator %}' that is never ended; paragraph 3 '{{ i.nama }}'."""
    doc = new_doc()
    para(doc, "{% for i in indikator %}")
    para(doc, "{{ i.nama }}")
    return save(doc, path)


def with_tags(path: str | Path, *paragraphs: str, header_text: str | None = None,
              cells: Sequence[Sequence[str]] | None = None) -> Path:
    """A plain template: paragraph 1 'Laporan Hasil Evaluasi', then one paragraph per text,
    an optional table after them and an optional header paragraph."""
    doc = new_doc()
    for text in paragraphs:
        para(doc, text)
    if cells:
        table(doc, cells)
    if header_text is not None:
        header(doc, header_text)
    return save(doc, path)

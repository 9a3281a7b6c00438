"""Templates built in code the way Word really writes them.

Word does not keep a tag such as ``{{ wilayah.nama }}`` in one run: a change of formatting in
the middle of it, the spelling checker (``w:proofErr``) and the "last edit" bookmark
(``w:bookmarkStart w:name="_GoBack"``) cut it into pieces; AutoCorrect turns straight quotes
into curly ones. Each builder below writes one such template and returns the saved path.

Paragraph numbers that the tests rely on are stated in each builder's docstring.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

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


# --------------------------------------------------------------- more places tags stand in

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_DECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs_xml(*specs: Spec) -> str:
    """Runs as Word writes them: plain text, (text, "b"/"i") or a marker (see :func:`fill`),
    and also "<tab>", "<ins:TEXT>" (a tracked insertion), "<del:TEXT>" (a tracked deletion)."""
    out = []
    for spec in specs:
        if spec == "<tab>":
            out.append("<w:r><w:tab/></w:r>")
        elif spec == "<spellStart>":
            out.append('<w:proofErr w:type="spellStart"/>')
        elif spec == "<spellEnd>":
            out.append('<w:proofErr w:type="spellEnd"/>')
        elif spec == "<goBack>":
            out.append('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')
        elif isinstance(spec, str) and spec.startswith("<ins:"):
            out.append('<w:ins w:id="91" w:author="Staf" w:date="2025-01-01T00:00:00Z"><w:r>'
                       f'<w:t xml:space="preserve">{xml_escape(spec[5:-1])}</w:t></w:r></w:ins>')
        elif isinstance(spec, str) and spec.startswith("<del:"):
            out.append('<w:del w:id="92" w:author="Staf" w:date="2025-01-01T00:00:00Z"><w:r>'
                       f'<w:delText xml:space="preserve">{xml_escape(spec[5:-1])}</w:delText></w:r></w:del>')
        else:
            text, fmt = (spec, "") if isinstance(spec, str) else spec
            rpr = "".join({"b": "<w:b/>", "i": "<w:i/>"}[c] for c in fmt)
            rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>')
    return "".join(out)


def p_xml(*specs: Spec) -> str:
    return f"<w:p>{runs_xml(*specs)}</w:p>"


def append_xml(container, xml: str):
    """Parse ``xml`` (with the usual namespace prefixes) and append it to ``container``."""
    from lxml import etree
    wrapper = etree.fromstring(f"<root {NS_DECL}>{xml}</root>")
    for child in list(wrapper):
        container.append(child)
    return container


def text_box_xml(*paragraphs: str, fallback: bool = True) -> str:
    """A run holding a text box with ``paragraphs`` (XML), as Word 2010 and later write it:
    the DrawingML shape, and (``fallback``) the VML copy for older versions."""
    body = "".join(paragraphs)
    choice = ('<mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
              '<wp:extent cx="1828800" cy="457200"/><wp:docPr id="501" name="Kotak Teks 1"/>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
              'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
              '<a:ext cx="1828800" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
              f'</wps:spPr><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/>'
              '</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>')
    vml = ('<mc:Fallback><w:pict><v:shape id="Kotak1" style="width:144pt;height:36pt"><v:textbox>'
           f'<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>')
    return f"<w:r><mc:AlternateContent>{choice}{vml if fallback else ''}</mc:AlternateContent></w:r>"


def sdt_xml(inner: str, alias: str = "Isian") -> str:
    """A content control (Developer > Controls) around ``inner`` (paragraphs, a row or a cell)."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="7"/></w:sdtPr>'
            f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>")


def body_xml(doc: DocxDocument, xml: str) -> None:
    """Append block XML (paragraphs, tables, content controls) to the body, before sectPr."""
    from lxml import etree
    body = doc.element.body
    sect = body[-1]
    wrapper = etree.fromstring(f"<root {NS_DECL}>{xml}</root>")
    for child in list(wrapper):
        sect.addprevious(child)


NOTES_CT = {"footnote": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            "endnote": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"}
NOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def note_reference(kind: str, ident: int) -> str:
    """A run referring to footnote/endnote ``ident`` (for :func:`body_xml` or a paragraph)."""
    return f'<w:r><w:{kind}Reference w:id="{ident}"/></w:r>'


def with_notes(path: str | Path, kind: str, notes: Sequence[Sequence[str]]) -> Path:
    """Add a footnotes or endnotes part to a saved .docx: note i+1 holds the paragraphs
    (XML) ``notes[i]``, after Word's separator notes (ids -1 and 0). The body must refer to
    them (:func:`note_reference`) for Word to number them."""
    items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
             f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
             f'</w:r></w:p></w:{kind}>']
    items += [f'<w:{kind} w:id="{i}">{"".join(paras)}</w:{kind}>' for i, paras in enumerate(notes, start=1)]
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {NS_DECL}>'
           + "".join(items) + f"</w:{kind}s>")
    return add_part(path, f"word/{kind}s.xml", xml.encode("utf-8"), NOTES_CT[kind], NOTES_RT + f"{kind}s")


def rewrite_zip(path: str | Path, change) -> Path:
    """Rewrite a .docx in place: ``change(members: dict[str, bytes])`` edits the members."""
    import io
    import zipfile
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def add_part(path: str | Path, member: str, data: bytes, content_type: str, reltype: str,
             source: str = "word/document.xml", rid: str | None = None,
             target: str | None = None, external: bool = False) -> Path:
    """Add a part (or, with ``external``, only a relationship to an outside ``target``) to a
    saved .docx, related from ``source``."""
    import posixpath

    def change(m: dict) -> None:
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        rels_xml = m.get(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                                b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                b'</Relationships>').decode("utf-8")
        tgt = target or posixpath.relpath(member, folder)
        ident = rid or f"rId{900 + rels_xml.count('<Relationship ')}"
        mode = ' TargetMode="External"' if external else ""
        rels_xml = rels_xml.replace("</Relationships>", f'<Relationship Id="{ident}" Type="{reltype}" '
                                    f'Target="{xml_escape(tgt)}"{mode}/></Relationships>')
        m[rels] = rels_xml.encode("utf-8")
        if not external:
            m[member] = data
            ct = m["[Content_Types].xml"].decode("utf-8")
            m["[Content_Types].xml"] = ct.replace(
                "</Types>", f'<Override PartName="/{member}" ContentType="{content_type}"/></Types>'
            ).encode("utf-8")
    return rewrite_zip(path, change)


def first_page_header(doc: DocxDocument, *specs: Spec) -> Paragraph:
    """A paragraph with ``specs`` in the first-page header of section 1 (its own page one)."""
    s = doc.sections[0]
    s.different_first_page_header_footer = True
    h = s.first_page_header
    h.is_linked_to_previous = False
    return fill(h.paragraphs[0], specs)


def even_page_footer(doc: DocxDocument, *specs: Spec) -> Paragraph:
    """A paragraph with ``specs`` in the even-page footer of section 1."""
    doc.settings.odd_and_even_pages_header_footer = True
    f = doc.sections[0].even_page_footer
    f.is_linked_to_previous = False
    return fill(f.paragraphs[0], specs)


def everywhere(path: str | Path, tag: str = "{{ wilayah.nama }}", split: bool = False) -> Path:
    """A template with ``tag`` in every place a tag may stand, each in a known place:

    * body paragraph 2: plain; paragraph 3: in a content control; paragraph 4 anchors a text
      box (both copies) whose paragraph 1 holds the tag; paragraph 5 refers to footnote 1 and
      endnote 1, which hold it;
    * table 1: row 1 cell 1 plain, row 1 cell 2 in a content control around the cell's paragraph;
    * the header of section 1 (in a content control), its first-page header and its even-page
      footer.

    ``split``: the tag is written as Word splits it (three runs, with a spelling mark)."""
    third = max(1, len(tag) // 3)
    pieces: tuple = ((tag[:third], "b"), "<spellStart>", (tag[third:2 * third], "i"), "<spellEnd>",
                     tag[2 * third:]) if split else (tag,)
    doc = new_doc()
    para(doc, "Biasa: ", *pieces)
    body_xml(doc, sdt_xml(p_xml("Kontrol: ", *pieces)))
    body_xml(doc, f"<w:p>{runs_xml('Kotak: ')}{text_box_xml(p_xml('Di kotak: ', *pieces))}</w:p>")
    body_xml(doc, f"<w:p>{runs_xml('Catatan')}{note_reference('footnote', 1)}"
                  f"{runs_xml(' dan akhir')}{note_reference('endnote', 1)}</w:p>")
    t = doc.add_table(rows=1, cols=2)
    fill(t.rows[0].cells[0].paragraphs[0], ["Sel: ", *pieces])
    cell = t.rows[0].cells[1]._tc
    cell.remove(cell.findall(qn("w:p"))[0])
    append_xml(cell, sdt_xml(p_xml("Sel kontrol: ", *pieces)))
    h = doc.sections[0].header
    h.is_linked_to_previous = False
    hdr = h._element
    hdr.remove(hdr.findall(qn("w:p"))[0])
    append_xml(hdr, sdt_xml(p_xml("Kop: ", *pieces)))
    first_page_header(doc, "Halaman satu: ", *pieces)
    even_page_footer(doc, "Genap: ", *pieces)
    save(doc, path)
    with_notes(path, "footnote", [[p_xml("Kaki: ", *pieces)]])
    return with_notes(path, "endnote", [[p_xml("Akhir: ", *pieces)]])

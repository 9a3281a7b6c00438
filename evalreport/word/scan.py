"""Reading a Word file the way its user sees it: paragraphs with their place and text, and the
template tags inside them, whatever runs Word split them into.

What Word writes: the body is a sequence of ``w:p`` paragraphs and ``w:tbl`` tables; a table
holds ``w:tr`` rows of ``w:tc`` cells, each holding paragraphs (and maybe nested tables). Content
controls (``w:sdt``, "Developer > Controls" in Word, also what a table of contents is) and custom
XML wrap paragraphs, rows or cells without being seen; a text box is a run's drawing holding
its own paragraphs (``w:txbxContent``), written twice inside ``mc:AlternateContent``: the
drawing for current Word (``mc:Choice``) and a VML copy for older versions (``mc:Fallback``).
A paragraph's text is the ``w:t`` of its runs (``w:r``), also inside ``w:hyperlink``,
``w:smartTag``, ``w:ins`` (tracked insertions) and ``w:fldSimple``; deleted text
(``w:delText``) is not shown. Headers and footers are separate parts, attached to sections as
the default, first-page or even-page one; footnotes and endnotes are parts of their own.

A tag such as ``{{ nama }}`` may be spread over several runs with ``w:proofErr`` and
``w:bookmarkStart`` between them. Every place named here is one the template engine fills.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from ..i18n.messages import Message, _

W_P, W_TBL, W_TR, W_TC, W_T = (qn(x) for x in ("w:p", "w:tbl", "w:tr", "w:tc", "w:t"))
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_TXBX = qn("w:txbxContent")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC_FALLBACK = f"{{{MC}}}Fallback"
TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
OPEN_RE = re.compile(r"\{\{|\{%|\{#")

BODY = "/word/document.xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NOTES = {  # kind: (relationship type of its part, the note element, its reference in the text)
    "footnote": (_RT + "footnotes", qn("w:footnote"), qn("w:footnoteReference")),
    "endnote": (_RT + "endnotes", qn("w:endnote"), qn("w:endnoteReference"))}


@dataclass
class Paragraph:
    """One paragraph of a template, with the place a Word user finds it at."""

    part: str                 # "body", "header", "first-header", "even-footer", "footnote", ...
    section: int | None       # header/footer: section using it (1-based); note: its number
    number: int               # paragraph number outside tables; in a cell: within the cell
    element: Any = field(repr=False)
    text: str = ""
    runs: list = field(default_factory=list, repr=False)  # (w:t element, start offset) pairs
    table: int | None = None  # 1-based table number in the part (or in the text box)
    row: int | None = None
    cell: int | None = None
    within: Paragraph | None = field(default=None, repr=False)  # a text box's paragraph
    box: int | None = None    # which text box of ``within`` (1-based)
    partname: str = BODY      # the package part the paragraph is in
    fallback: bool = False    # in the copy Word keeps for older versions (never shown)

    def part_place(self) -> Message:
        """The part (body, header of section 1, footnote 2, text box ...) in words."""
        if self.within is not None:
            return _("{anchor}, text box {box}", anchor=self.within.place(text=False), box=self.box)
        return {"body": lambda: _("body"),
                "header": lambda: _("header of section {section}", section=self.section),
                "first-header": lambda: _("first-page header of section {section}", section=self.section),
                "even-header": lambda: _("even-page header of section {section}", section=self.section),
                "footer": lambda: _("footer of section {section}", section=self.section),
                "first-footer": lambda: _("first-page footer of section {section}", section=self.section),
                "even-footer": lambda: _("even-page footer of section {section}", section=self.section),
                "footnote": lambda: _("footnote {number}", number=self.section),
                "endnote": lambda: _("endnote {number}", number=self.section),
                }[self.part]()

    def place(self, text: bool = True) -> Message:
        """Where a Word user finds this paragraph, with the start of its text."""
        part = self.part_place()
        if self.table is not None:
            place = _("{part}, table {table}, row {row}, cell {cell}", part=part, table=self.table,
                      row=self.row, cell=self.cell)
        else:
            place = _("{part}, paragraph {number}", part=part, number=self.number)
        snippet = self.text.strip()
        snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        return _("{place}: «{text}»", place=place, text=snippet) if snippet and text else place

    def where(self, lang: str = "id") -> str:
        """:meth:`place` in words."""
        return self.place().render(lang)

    @property
    def key(self) -> tuple:
        """The paragraph's place as plain values, to find it again in another reading of the
        same file (a problem keeps it; see :func:`find`)."""
        return (self.partname, self.part, self.section, self.within.key if self.within else None,
                self.box, self.number, self.table, self.row, self.cell, self.fallback, self.text)


@dataclass
class Tag:
    paragraph: Paragraph
    text: str       # as Word shows it, e.g. "{{ i.nama }}" or "{%tr for i in indikator %}"
    start: int
    end: int

    @property
    def kind(self) -> str:
        return {"{{": "var", "{%": "block", "{#": "comment"}[self.text[:2]]

    @property
    def prefix(self) -> str:
        """docxtpl's paragraph/row/cell/run prefix: '', 'p', 'tr', 'tc' or 'r'."""
        m = re.match(r"\{[{%](p|tr|tc|r)\s", self.text)
        return m.group(1) if m else ""

    @property
    def inner(self) -> str:
        body = self.text[2:-2]
        if self.prefix:
            body = body[len(self.prefix):]
        return body.strip()


def nearest_paragraph(el):
    """The paragraph ``el`` is in (the innermost, for text in a text box)."""
    anc = el.getparent()
    while anc is not None and anc.tag != W_P:
        anc = anc.getparent()
    return anc


def _text_nodes(p) -> list:
    """The w:t elements of a paragraph in reading order (not those of its text boxes)."""
    return [t for t in p.iter(W_T) if nearest_paragraph(t) is p]


def _blocks(container, tags: tuple[str, ...]) -> Iterator:
    """The children of ``container`` with one of ``tags``, looking through the content
    controls and custom XML that may wrap them (a row, a cell or paragraphs)."""
    for child in container:
        if child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, tags)
        elif child.tag == W_CUSTOM_XML:
            yield from _blocks(child, tags)
        elif child.tag in tags:
            yield child


class _Walker:
    """Numbers the paragraphs and tables of one part (or one text box) as Word shows them."""

    def __init__(self, part: str, section: int | None, partname: str, fallbacks: bool,
                 within: Paragraph | None = None, box: int | None = None, fallback: bool = False):
        self.part, self.section, self.partname = part, section, partname
        self.fallbacks, self.within, self.box, self.fallback = fallbacks, within, box, fallback
        self.paragraphs = 0
        self.tables = 0

    def walk(self, container) -> Iterator[Paragraph]:
        for child in _blocks(container, (W_P, W_TBL)):
            if child.tag == W_P:
                self.paragraphs += 1
                yield from self._paragraph(child, self.paragraphs)
            else:
                self.tables += 1
                yield from self._table(child, self.tables)

    def _table(self, tbl, number: int) -> Iterator[Paragraph]:
        for r, tr in enumerate(_blocks(tbl, (W_TR,)), start=1):
            for c, tc in enumerate(_blocks(tr, (W_TC,)), start=1):
                n = 0
                for child in _blocks(tc, (W_P, W_TBL)):
                    if child.tag == W_P:
                        n += 1
                        yield from self._paragraph(child, n, number, r, c)
                    else:
                        self.tables += 1
                        yield from self._table(child, self.tables)

    def _paragraph(self, p, number: int, table=None, row=None, cell=None) -> Iterator[Paragraph]:
        runs, text, pos = [], [], 0
        for t in _text_nodes(p):
            s = t.text or ""
            runs.append((t, pos))
            text.append(s)
            pos += len(s)
        para = Paragraph(self.part, self.section, number, p, "".join(text), runs, table, row, cell,
                         self.within, self.box, self.partname, self.fallback)
        yield para
        boxes = 0
        for box in p.iter(W_TXBX):
            if nearest_paragraph(box) is not p:
                continue  # a text box inside one of this paragraph's text boxes
            fallback = self.fallback or any(a.tag == MC_FALLBACK for a in box.iterancestors())
            if fallback and not self.fallbacks:
                continue
            if not fallback:
                boxes += 1
            # the older copy of a text box comes right after it, and has its number
            number = max(boxes, 1)
            yield from _Walker(self.part, self.section, self.partname, self.fallbacks, para,
                               number, fallback).walk(box)


def paragraphs(doc: DocxDocument, notes: dict | None = None, fallbacks: bool = False) -> list[Paragraph]:
    """Every paragraph the template engine fills: the body (with its tables, content controls
    and text boxes), then each header and footer (each part once, named as the first-page,
    even-page or default one of the first section using it), then the footnotes and endnotes
    given in ``notes`` (see :func:`notes`).

    ``fallbacks``: also the copies of text boxes kept for older Word versions (the engine
    fills them too; :func:`evalreport.templates.repair` mends them with the visible ones)."""
    out = list(_Walker("body", None, BODY, fallbacks).walk(doc.element.body))
    seen: set[str] = set()
    for n, section in enumerate(doc.sections, start=1):
        for attrs in (("header", "first_page_header", "even_page_header"),
                      ("footer", "first_page_footer", "even_page_footer")):
            for attr in attrs:
                hf = getattr(section, attr)
                if hf.is_linked_to_previous:
                    continue
                part = hf.part
                name = str(part.partname)
                if name in seen:
                    continue
                seen.add(name)
                kind = {"first_page": "first-", "even_page": "even-"}.get(attr.rsplit("_", 1)[0], "")
                kind += attr.rsplit("_", 1)[-1]
                out.extend(_Walker(kind, n, name, fallbacks).walk(part.element))
    for kind, (partname, root) in (notes or {}).items():
        out.extend(_notes(doc, kind, partname, root, fallbacks))
    return out


def _notes(doc: DocxDocument, kind: str, partname: str, root, fallbacks: bool) -> Iterator[Paragraph]:
    _type, note_tag, ref_tag = NOTES[kind]
    # Word numbers notes in the order they are referenced from the text
    order: dict[str, int] = {}
    for ref in doc.element.body.iter(ref_tag):
        order.setdefault(ref.get(qn("w:id")), len(order) + 1)
    for note in root.iter(note_tag):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        ident = note.get(qn("w:id"))
        number = order.get(ident) or _int(ident)
        yield from _Walker(kind, number, partname, fallbacks).walk(note)


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=False)


def notes(doc: DocxDocument) -> dict[str, tuple[str, object]]:
    """The footnotes and endnotes of a document, by kind ("footnote", "endnote"): the part's
    name and its XML, parsed anew (python-docx keeps these parts as bytes). The trees are the
    caller's: write a changed one back with :func:`serialise`."""
    out = {}
    for rel in doc.part.rels.values():
        for kind, (reltype, _note, _ref) in NOTES.items():
            if rel.reltype == reltype and not rel.is_external and kind not in out:
                part = rel.target_part
                out[kind] = (str(part.partname), etree.fromstring(part.blob, _SAFE_PARSER))
    return out


def serialise(root) -> bytes:
    """An XML part as Word writes it (declaration, UTF-8, standalone)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def pieces(tag: Tag) -> list:
    """The text nodes (w:t) that hold a part of ``tag``, in order."""
    return [node for node, start in tag.paragraph.runs
            if (node.text or "") and start < tag.end and start + len(node.text) > tag.start]


def crosses_markup(tag: Tag) -> bool:
    """Whether Word split ``tag`` across markup other than runs: it starts inside a tracked
    insertion, a hyperlink or a content control and ends outside it (or the other way). The
    template engine reads such a tag by cutting out what stands between its pieces, which then
    leaves the markup broken."""
    nodes = pieces(tag)
    if len(nodes) < 2:
        return False

    def chain(node) -> list[str]:
        out = []
        for anc in node.getparent().iterancestors():
            if anc is tag.paragraph.element:
                break
            out.append(anc.tag)
        return out
    return chain(nodes[0]) != chain(nodes[-1])


def tags(paras: list[Paragraph]) -> list[Tag]:
    return [Tag(p, m.group(0), m.start(), m.end()) for p in paras for m in TAG_RE.finditer(p.text)]


def find(paras: list[Paragraph], key: tuple) -> Paragraph | None:
    """The paragraph whose :attr:`Paragraph.key` is ``key``."""
    return next((p for p in paras if p.key == key), None)

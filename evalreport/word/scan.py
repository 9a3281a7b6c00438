"""Reading a Word file the way its user sees it: paragraphs with their place and text, and the
template tags inside them, whatever runs Word split them into.

What Word writes (docs/word-xml.md has the longer analysis): the body is a sequence of
``w:p`` paragraphs and ``w:tbl`` tables; a table holds ``w:tr`` rows of ``w:tc`` cells, each
holding paragraphs (and maybe nested tables). A paragraph's text is the ``w:t`` of its runs
(``w:r``), also inside ``w:hyperlink``, ``w:smartTag``, ``w:ins`` and ``w:fldSimple``; deleted text
(``w:delText``) is not shown. Headers and footers are separate parts, attached to sections.
A tag such as ``{{ nama }}`` may be spread over several runs with ``w:proofErr`` and
``w:bookmarkStart`` between them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from ..i18n.messages import Message, _

W_P, W_TBL, W_TR, W_TC, W_T, W_R = (qn(x) for x in ("w:p", "w:tbl", "w:tr", "w:tc", "w:t", "w:r"))
TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
OPEN_RE = re.compile(r"\{\{|\{%|\{#")


@dataclass
class Paragraph:
    """One paragraph of a template, with the place a Word user finds it at."""

    part: str                 # "body", "header", "footer"
    section: int | None       # section number using this header/footer (1-based)
    number: int               # body: paragraph number outside tables; in a cell: within the cell
    element: object = field(repr=False)
    text: str = ""
    runs: list = field(default_factory=list, repr=False)  # (w:t element, start offset) pairs
    table: int | None = None  # 1-based table number in the part
    row: int | None = None
    cell: int | None = None

    def place(self) -> Message:
        """Where a Word user finds this paragraph, with the start of its text."""
        snippet = self.text.strip()
        snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        part = {"body": _("body"),
                "header": _("header of section {section}", section=self.section),
                "first-header": _("first-page header of section {section}", section=self.section),
                "even-header": _("even-page header of section {section}", section=self.section),
                "footer": _("footer of section {section}", section=self.section),
                "first-footer": _("first-page footer of section {section}", section=self.section),
                "even-footer": _("even-page footer of section {section}", section=self.section),
                }[self.part]
        if self.table is not None:
            place = _("{part}, table {table}, row {row}, cell {cell}", part=part, table=self.table,
                      row=self.row, cell=self.cell)
        else:
            place = _("{part}, paragraph {number}", part=part, number=self.number)
        return _("{place}: «{text}»", place=place, text=snippet) if snippet else place

    def where(self, lang: str = "id") -> str:
        """:meth:`place` in words."""
        return self.place().render(lang)


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


def _text_nodes(p) -> list:
    """The w:t elements of a paragraph in reading order (not those of nested paragraphs)."""
    out = []
    for t in p.iter(W_T):
        # skip text of paragraphs nested in text boxes: their nearest w:p ancestor is not p
        anc = t.getparent()
        while anc is not None and anc.tag != W_P:
            anc = anc.getparent()
        if anc is p:
            out.append(t)
    return out


def _make(part: str, section: int | None, number: int, p, table=None, row=None, cell=None) -> Paragraph:
    runs, text, pos = [], [], 0
    for t in _text_nodes(p):
        s = t.text or ""
        runs.append((t, pos))
        text.append(s)
        pos += len(s)
    return Paragraph(part, section, number, p, "".join(text), runs, table, row, cell)


def _walk(container, part: str, section: int | None) -> Iterator[Paragraph]:
    """Paragraphs of a body, header or footer, with table/row/cell positions."""
    counter = {"p": 0, "tbl": 0}

    def tables(tbl, number: int) -> Iterator[Paragraph]:
        for r, tr in enumerate((c for c in tbl if c.tag == W_TR), start=1):
            for c, tc in enumerate((c for c in tr if c.tag == W_TC), start=1):
                n = 0
                for child in tc:
                    if child.tag == W_P:
                        n += 1
                        yield _make(part, section, n, child, number, r, c)
                    elif child.tag == W_TBL:
                        counter["tbl"] += 1
                        yield from tables(child, counter["tbl"])

    for child in container:
        if child.tag == W_P:
            counter["p"] += 1
            yield _make(part, section, counter["p"], child)
        elif child.tag == W_TBL:
            counter["tbl"] += 1
            yield from tables(child, counter["tbl"])
        elif child.tag == qn("w:sdt"):  # content controls (a TOC is one) hold paragraphs too
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                for p in content.iter(W_P):
                    counter["p"] += 1
                    yield _make(part, section, counter["p"], p)


def paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """Every paragraph of the body, then of each header and footer (each part once)."""
    out = list(_walk(doc.element.body, "body", None))
    seen: set[int] = set()
    for n, section in enumerate(doc.sections, start=1):
        for attrs in (("header", "first_page_header", "even_page_header"),
                      ("footer", "first_page_footer", "even_page_footer")):
            for attr in attrs:
                kind = {"first_page": "first-", "even_page": "even-"}.get(attr.rsplit("_", 1)[0], "")
                kind += attr.rsplit("_", 1)[-1]
                hf = getattr(section, attr)
                if hf.is_linked_to_previous:
                    continue
                el = hf._element
                if id(hf.part) in seen:
                    continue
                seen.add(id(hf.part))
                out.extend(_walk(el, kind, n))
    return out


def tags(paras: list[Paragraph]) -> list[Tag]:
    return [Tag(p, m.group(0), m.start(), m.end()) for p in paras for m in TAG_RE.finditer(p.text)]

"""Finished pages: the documents laid out by LibreOffice, and what the layout says written back.

A rendered .docx knows no pages (see :mod:`evalreport.word.pages`). With ``render --pdf``
(:func:`evalreport.run.convert.to_pdf`), or :func:`finish_pages` with ``pdf=False`` for the
.docx alone, each document goes through LibreOffice, which lays it out and exports a PDF in
which every bookmark is a named destination: its page and place. From those evalreport

* writes the page of every heading and caption into the table of contents and the lists of
  tables and figures (the numbers printed at the foot of those pages: i, ii, ... in the front
  matter, 1, 2, ... from BAB I), so that a viewer that does not update fields shows them right;
* splits each table with a header row where a page break falls in it, with "Tabel 4
  (lanjutan)" (or "(lanjutan)" for a table without a numbered caption) and the header rows
  above the rest; a table whose first row alone would end a page starts on
  the next one, with its caption and introduction, when that leaves its page at least half
  full;
* makes a picture smaller, down to :data:`SMALLEST` of its size, when it would not fit in the
  space left on a page and moving it to the next page leaves that page more than half empty.

Each changes the layout a little (a continuation line, a table or a picture moved), so the
document is laid out again until a layout confirms what was written: twice for a document with
a table of contents or a continued table (first to learn the pages, then to check them), once
for a document with neither.
The PDF of the last layout is the PDF of the document written, when asked for; each .docx and
its PDF are written together, or not at all.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document

from ..errors import ConversionError
from ..i18n.messages import _
from ..output import write_together
from ..word.pages import (
    MARK_PREFIX,
    FigureMarks,
    Marks,
    add_marks,
    bookmark_names,
    continue_tables,
    document_language,
    fit_figures,
    page_labels,
    tables_on_new_pages,
    write_page_numbers,
)
from ..word.rendering import normalise_zip
from .libreoffice import WITH_DESTINATIONS, convert_to_pdf, require_soffice

MAX_LAYOUTS = 10  # a document whose layout has not settled by then is written as it stands
SMALLEST = 0.7  # a picture is made smaller only down to this share of its size (its 8 pt labels
# print at 5.6 pt: the least that reads on paper)
LINE = 18.0  # points: the height of a line of text with its spacing, at most


@dataclass
class _Document:
    """One document through the layouts: as rendered, and what the last layout said."""

    path: Path
    rendered: bytes
    breaks: dict[int, list[int]] = field(default_factory=dict)
    scales: dict[int, float] = field(default_factory=dict)  # picture -> share of its size
    fresh: set[int] = field(default_factory=set)  # tables that start on a new page
    tried: set[int] = field(default_factory=set)  # ... and those that did, and should not
    page_of: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)  # bookmark -> printed page
    pdf: bytes | None = None  # the PDF of the document as it will be written, once known

    def make(self, marks: bool) -> tuple[bytes, Marks]:
        """The document with what the last layout said written into it (and, for a layout,
        the temporary bookmarks it is to place, and the names of all its bookmarks)."""
        doc = Document(io.BytesIO(self.rendered))
        found = add_marks(doc) if marks else Marks()
        found.bookmarks = bookmark_names(doc)
        fit_figures(doc, self.scales)
        tables_on_new_pages(doc, self.fresh)
        # "(lanjutan)", or "(continued)" in a template written in English
        continued = _("(continued)").render("en" if document_language(doc).startswith("en") else "id")
        continue_tables(doc, self.breaks, continued)
        if self.page_of:
            write_page_numbers(doc, self.page_of, self.labels)
        buf = io.BytesIO()
        doc.save(buf)
        return normalise_zip(buf.getvalue(), total_time=False), found


def finish_pages(docs: Sequence[str | Path], pdf: bool = True, timeout: float = 180.0) -> list[Path]:
    """Lay the .docx files out with LibreOffice and write back their page numbers and
    continued tables (see the module's note); with ``pdf``, write each one's PDF beside it.
    Returns the PDFs written.

    Raises :class:`~evalreport.errors.ConversionError` when LibreOffice is missing, fails,
    or is too old to say where its pages fall; the files are then as they were."""
    paths = [Path(d) for d in docs]
    if not paths:
        return []
    require_soffice()
    states = [_Document(p, p.read_bytes()) for p in paths]
    pending = list(states)
    for _attempt in range(MAX_LAYOUTS):
        made = [st.make(marks=True) for st in pending]
        pdfs = convert_to_pdf([blob for blob, _m in made], [st.path.name for st in pending],
                              timeout, export=WITH_DESTINATIONS)
        still = []
        for st, (_blob, marks), laid in zip(pending, made, pdfs):
            if not _learn(st, marks, laid):
                still.append(st)
        pending = still
        if not pending:
            break
    files: dict[Path, bytes] = {}
    for st in states:
        files[st.path], _marks = st.make(marks=False)
    if pdf:
        unsettled = [st for st in states if st.pdf is None]
        for st, laid in zip(unsettled, convert_to_pdf([files[st.path] for st in unsettled],
                                                      [st.path.name for st in unsettled], timeout)):
            st.pdf = laid
        files.update({st.path.with_suffix(".pdf"): st.pdf for st in states})  # type: ignore[misc]
    written = write_together(files)
    return [p for p in written if p.suffix == ".pdf"]


def _learn(st: _Document, marks: Marks, laid: bytes) -> bool:
    """Read a layout of ``st`` (made with what the last one said): where its tables break and
    what each page reference should say. True when nothing changed: the layout is that of the
    document to be written."""
    places, count = read_destinations(laid, marks.bookmarks)
    page_of = {name: page for name, (page, _y) in places.items()}
    missing = [s.mark for s in marks.sections if s.mark not in page_of]
    if missing:
        raise ConversionError(_(
            "LibreOffice did not say where the pages of {file} fall (it needs version 7.4 or "
            "later to); the documents are left as they were", file=st.path.name))
    breaks: dict[int, list[int]] = {}
    fresh = set(st.fresh)
    tried = set(st.tried)
    page_of_table: dict[int, int] = {}
    for t, rows in enumerate(marks.rows):
        pages = [(int(name.rsplit("R", 1)[1]), page_of.get(name)) for name in rows]
        inside = {int(name.rsplit("R", 1)[1]) for name in rows if name in marks.merged}
        cuts = [r for (r, page), (_r, before) in zip(pages[1:], pages)
                if page is not None and before is not None and page > before and r not in inside]
        lead = places.get(marks.leads[t])
        first = next((page for _r, page in pages if page is not None), None)
        page_of_table[t] = lead[0] if lead is not None else first if first is not None else 0
        bottom, height = marks.geometry[t]
        if t in fresh and lead is not None:
            # moved to a new page: undone for good if what now ends the page before leaves
            # that page more than half empty (the pages before it have moved since)
            end = _lowest([places[n] for n in marks.lead_before[t] if n in places])
            if end is not None and end[0] == lead[0] - 1 and end[1] - LINE - bottom > height / 2:
                fresh.discard(t)
                tried.add(t)
        elif cuts and cuts[0] == pages[1][0] and lead is not None and lead[0] == pages[0][1] \
                and t not in st.tried and lead[1] < bottom + height / 2:
            # its first row would end a page alone, below the page's middle: the table starts
            # on the next page, with its caption and the text that introduces it
            fresh.add(t)
            continue
        if cuts:
            breaks[t] = cuts
    labels = page_labels(marks.sections, page_of, count)
    references = {name: labels.get(page, "") for name, page in page_of.items()
                  if not name.startswith(MARK_PREFIX)}
    # the references this layout printed as it will print them: a number a field computes
    # (LibreOffice computes page references itself), and a number written as text (the front
    # matter's) only when it was written as it is now
    as_text = {k: v for k, v in references.items() if not v.isdigit()}
    before_text = {k: v for k, v in st.references.items() if not v.isdigit()}
    scales = dict(st.scales)
    figure_page = None
    for fig in marks.figures:
        scale = _fitting(fig, places, scales.get(fig.index, 1.0))
        if scale is not None:
            scales[fig.index] = scale
            figure_page = places[fig.start][0] - 1  # the page it leaves half empty
            break  # what follows moves: the next layout tells about the next picture
    # Each change moves what follows it, so what this layout says about later pages may not
    # hold once it is made: only the changes on the first page that has any are taken, and
    # the next layout tells about the pages after it (else moving one table to a new page and
    # splitting the next at a row of this layout can go on undoing each other).
    changed = [page_of_table[t] for t in page_of_table
               if breaks.get(t) != st.breaks.get(t) or (t in fresh) != (t in st.fresh)]
    if figure_page is not None:
        changed.append(figure_page)
    if changed:
        upto = min(changed)
        for t, page in page_of_table.items():
            if page > upto:  # as it was, until a layout of what comes before it is known
                if t in st.breaks:
                    breaks[t] = st.breaks[t]
                else:
                    breaks.pop(t, None)
                fresh = fresh - {t} | ({t} & st.fresh)
                tried = tried - {t} | ({t} & st.tried)
        if figure_page is not None and figure_page > upto:
            scales = dict(st.scales)
    settled = (breaks == st.breaks and scales == st.scales
               and fresh == st.fresh and as_text == before_text)
    st.breaks, st.page_of, st.labels, st.references = breaks, page_of, labels, references
    st.scales, st.fresh, st.tried = scales, fresh, tried
    st.pdf = laid if settled else None
    return settled


def _lowest(places: list[tuple[int, float]]) -> tuple[int, float] | None:
    """The last place on the last page among ``places`` (page, height above the foot)."""
    return min(places, key=lambda p: (-p[0], p[1])) if places else None


def _fitting(fig: FigureMarks, places: dict[str, tuple[int, float]], scale: float) -> float | None:
    """The new share of its size for a picture that went on to the next page and left more
    than half of the page before it empty, if it fits there at no less than
    :data:`SMALLEST` of its size; else None. ``scale``: its share now."""
    start, end = places.get(fig.start), places.get(fig.end)
    before = [places[n] for n in fig.before if n in places]
    if start is None or end is None or not before or fig.height <= 0:
        return None
    page, y = _lowest(before)  # type: ignore[misc]  # the end of what precedes
    if start[0] != page + 1 or end[0] != start[0]:
        return None
    free = y - LINE - fig.bottom  # what is left at the foot of that page
    if free <= fig.text_height / 2:
        return None
    needed = start[1] - (end[1] - LINE)  # the picture with what keeps with it
    room = free - (needed - fig.height) - LINE / 3
    share = scale * room / fig.height
    if share >= scale or share < SMALLEST:
        return None
    return round(share, 3)


# ------------------------------------------------------------------------- reading the PDF

_OBJ = re.compile(rb"(\d+)\s+0\s+obj\b(.*?)\bendobj", re.S)
_REF = re.compile(rb"(\d+)\s+0\s+R")
_DEST = re.compile(rb"/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R\s*/XYZ\s+([-\d.]+)\s+([-\d.]+)")


def destination_name(bookmark: str) -> str:
    """A bookmark's name as LibreOffice writes it as a destination: a letter, digit or
    hyphen as it is, any other character as its two hex digits (``_Toc1`` as ``5FToc1``)."""
    return "".join(c if (c.isascii() and c.isalnum()) or c == "-" else f"{ord(c):02X}"
                   for c in bookmark)


def read_destinations(pdf: bytes, bookmarks: Sequence[str]
                      ) -> tuple[dict[str, tuple[int, float]], int]:
    """Where each of ``bookmarks`` falls in a PDF LibreOffice exported with its bookmarks as
    named destinations: its page (from 1) and the height of its line's top above the foot of
    the page, in points; and the number of pages."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}
    catalog = next((body for body in objects.values() if re.search(rb"/Type\s*/Catalog\b", body)), b"")
    pages_ref = re.search(rb"/Pages\s+(\d+)\s+0\s+R", catalog)
    order: list[int] = []

    def walk(num: int, depth: int = 0) -> None:
        body = objects.get(num, b"")
        if depth > 64:
            return
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
            for ref in _REF.finditer(kids.group(1) if kids else b""):
                walk(int(ref.group(1)), depth + 1)
        else:
            order.append(num)

    if pages_ref:
        walk(int(pages_ref.group(1)))
    page_no = {num: n for n, num in enumerate(order, start=1)}
    dests_ref = re.search(rb"/Dests\s+(\d+)\s+0\s+R", catalog)
    dests = objects.get(int(dests_ref.group(1)), b"") if dests_ref else b""
    wanted = {destination_name(b): b for b in bookmarks}
    found: dict[str, tuple[int, float]] = {}
    for m in _DEST.finditer(dests):
        name = wanted.get(m.group(1).decode("latin-1"))
        page = page_no.get(int(m.group(2)))
        if name is not None and page is not None:
            found[name] = (page, float(m.group(4)))
    return found, len(order)

"""The mark of a document rendered with drafts: "KONSEP" at the top of every page.

A document that prints findings or recommendations drafted from rules and not yet accepted
(``render --include-drafts``) must never be signed as final. Every header of every section (the
first-page and even-page ones too, where a section has them) gets a first paragraph reading
KONSEP in large bold letters; a header is text in the page's own layout, so the mark is on every
page in Word, in LibreOffice and in the PDF made from either. The header starts higher by the
mark's height, so the mark does not push the page's text down against the header's rule.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt, RGBColor

__all__ = ["mark_draft", "DRAFT_MARK"]

DRAFT_MARK = "KONSEP"
_RED = RGBColor(0xC0, 0x00, 0x00)
_SIZE = Pt(16)
_AFTER = Pt(2)
# the mark's line (single spacing, about 1.15 x its size) and its space after
MARK_HEIGHT = Emu(int(_SIZE * 1.15) + _AFTER)
# no header starts nearer the paper's edge than this (what office printers can print)
MIN_HEADER_DISTANCE = Cm(0.5)


def _stamp(header, text: str) -> None:
    first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    par = first.insert_paragraph_before()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = _AFTER
    run = par.add_run(text)
    run.bold = True
    run.font.size = _SIZE
    run.font.color.rgb = _RED


def mark_draft(blob: bytes, text: str = DRAFT_MARK) -> bytes:
    """A rendered document (.docx bytes) with ``text`` at the top of every page."""
    doc = Document(io.BytesIO(blob))
    even = doc.settings.odd_and_even_pages_header_footer
    for n, section in enumerate(doc.sections):
        if section.header_distance is not None:
            section.header_distance = Emu(max(MIN_HEADER_DISTANCE, section.header_distance - MARK_HEIGHT))
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if even:
            headers.append(section.even_page_header)
        for header in headers:
            if header.is_linked_to_previous:
                if n > 0:
                    continue  # it shows the previous section's header, already marked
                header.is_linked_to_previous = False
            _stamp(header, text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

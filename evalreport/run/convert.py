"""PDF through LibreOffice, with the pages finished first.

:func:`to_pdf` lays each document out with LibreOffice, writes what the layout says back into
the .docx (the real page numbers of its tables of contents, "(lanjutan)" where a table goes on
to the next page, a picture made to fit the space left on a page: :mod:`evalreport.run.pages`)
and writes the PDF of the document so finished beside it, both together or neither.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .libreoffice import CANDIDATES, find_soffice, require_soffice
from .pages import finish_pages

__all__ = ["CANDIDATES", "find_soffice", "require_soffice", "to_pdf"]


def to_pdf(docs: Sequence[str | Path], timeout: float = 180.0) -> list[Path]:
    """Finish the pages of .docx files and convert them to PDF beside them; returns the PDF
    paths. Raises :class:`~evalreport.errors.ConversionError` when LibreOffice is missing,
    times out or makes no PDF; the files are then as they were."""
    return finish_pages(docs, pdf=True, timeout=timeout)

"""Errors that say where: every problem names the file and the place in it.

A :class:`Problem` is one thing wrong with an input (a data file or a template), with a
:class:`Location` a person can find: the sheet, row and column of a workbook, the line and
path of a YAML file, or the paragraph / table cell / header of a Word template.
Problems are collected, not raised one by one, so a user can fix all of them in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

Lang = Literal["id", "en"]


@dataclass(frozen=True)
class Location:
    """Where a problem stands, in the words of the program the user edits it with."""

    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    line: int | None = None
    path: str | None = None
    place: str | None = None  # free text, e.g. "tabel 2, baris 3, sel 1" in a template
    place_en: str | None = None  # the same in English

    def describe(self, lang: Lang = "id") -> str:
        parts: list[str] = [self.file] if self.file else []
        if lang == "id":
            if self.sheet is not None:
                parts.append(f"lembar '{self.sheet}'")
            if self.row is not None:
                parts.append(f"baris {self.row}")
            if self.column is not None:
                col = f"kolom {self.column}"
                parts.append(f"{col} ({self.header})" if self.header else col)
            elif self.header:
                parts.append(f"isian '{self.header}'")
            if self.line is not None:
                parts.append(f"baris {self.line}")
        else:
            if self.sheet is not None:
                parts.append(f"sheet '{self.sheet}'")
            if self.row is not None:
                parts.append(f"row {self.row}")
            if self.column is not None:
                col = f"column {self.column}"
                parts.append(f"{col} ({self.header})" if self.header else col)
            elif self.header:
                parts.append(f"field '{self.header}'")
            if self.line is not None:
                parts.append(f"line {self.line}")
        place = self.place_en if lang == "en" and self.place_en else self.place
        if place:
            parts.append(place)
        text = ", ".join(parts)
        if self.path and self.sheet is None:
            text = f"{text} ({self.path})" if text else self.path
        return text


@dataclass(frozen=True)
class Problem:
    """One problem in an input, with its place and a message in Indonesian and English."""

    location: Location
    message_id: str
    message_en: str
    severity: Literal["error", "warning"] = "error"
    code: str = ""

    def message(self, lang: Lang = "id") -> str:
        return self.message_id if lang == "id" else self.message_en

    def describe(self, lang: Lang = "id") -> str:
        where = self.location.describe(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)

    def __str__(self) -> str:  # English for logs and tracebacks
        return self.describe("en")


class EvalReportError(Exception):
    """Base class of every error evalreport raises on purpose."""

    def __init__(self, message_id: str, message_en: str | None = None):
        self.message_id = message_id
        self.message_en = message_en or message_id
        super().__init__(self.message_en)

    def describe(self, lang: Lang = "id") -> str:
        return self.message_id if lang == "id" else self.message_en


class ProblemsError(EvalReportError):
    """Raised with every problem found, not only the first."""

    kind_id = "masalah"
    kind_en = "problem"

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        super().__init__(
            f"{n} {self.kind_id} ditemukan",
            f"{n} {self.kind_en}{'s' if n != 1 else ''} found",
        )

    def describe(self, lang: Lang = "id") -> str:
        head = super().describe(lang) + ":"
        return "\n".join([head] + [f"  - {p.describe(lang)}" for p in self.problems])

    def __str__(self) -> str:
        return self.describe("en")


class DataError(ProblemsError):
    """The data file cannot be read or does not validate."""

    kind_id = "kesalahan data"
    kind_en = "data error"


class TemplateProblemError(ProblemsError):
    """A Word template is broken (syntax, unknown variable) or fails while rendering."""

    kind_id = "masalah templat"
    kind_en = "template problem"


class ConversionError(EvalReportError):
    """LibreOffice is missing, timed out or failed to convert a document."""


@dataclass
class RegionFailure:
    """A region whose documents could not be made in a batch run."""

    region: str
    error: str
    problems: list[Problem] = field(default_factory=list)

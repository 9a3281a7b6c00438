"""Errors that say where: every problem names the file and the place in it.

A :class:`Problem` is one thing wrong with an input (a data file or a template) or with a step
of a run (a region that failed), with a :class:`Location` a person can find: the sheet, row and
column of a workbook, the line and path of a YAML file, or the paragraph / table cell / header
of a Word template. Problems are collected, not raised one by one, so a user can fix all of
them in one pass. Their words are :class:`~evalreport.i18n.messages.Message` objects, rendered
in the reader's language by :meth:`Problem.describe`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .i18n.messages import Message, _, n_, verbatim

Lang = Literal["id", "en"]
Severity = Literal["error", "warning"]


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
    place: Message | None = None  # e.g. "table 2, row 3, cell 1" in a template; a region

    def describe(self, lang: Lang = "id") -> str:
        parts: list[str] = [self.file] if self.file else []
        if self.sheet is not None:
            parts.append(_("sheet '{sheet}'", sheet=self.sheet).render(lang))
        if self.row is not None:
            parts.append(_("row {row}", row=self.row).render(lang))
        if self.column is not None:
            col = _("column {column}", column=self.column).render(lang)
            parts.append(f"{col} ({self.header})" if self.header else col)
        elif self.header:
            parts.append(_("field '{field}'", field=self.header).render(lang))
        if self.line is not None:
            parts.append(_("line {line}", line=self.line).render(lang))
        if self.place is not None:
            parts.append(self.place.render(lang))
        text = ", ".join(parts)
        if self.path and self.sheet is None:
            text = f"{text} ({self.path})" if text else self.path
        return text


@dataclass(frozen=True)
class Problem:
    """One problem, with its place, its message and how serious it is.

    ``code`` says what kind of problem it is (e.g. ``unknown-variable``, ``split-tag``), for
    programs; ``tag`` quotes the template tag or cell text it concerns, when there is one;
    ``fixable`` says that ``evalreport templates repair`` can fix it. ``anchor`` lets the
    program that found the problem find its spot again (for a template: the paragraph, see
    :attr:`evalreport.word.scan.Paragraph.key`); it is not part of what the problem is."""

    location: Location
    message: Message
    severity: Severity = "error"
    code: str = ""
    tag: str = ""
    fixable: bool = False
    anchor: Any = field(default=None, compare=False, repr=False)

    def describe(self, lang: Lang = "id") -> str:
        where = self.location.describe(lang)
        text = self.message.render(lang)
        if self.tag:
            text = f"{self.tag} — {text}"
        return f"{where}: {text}" if where else text

    def __str__(self) -> str:  # English for logs and tracebacks
        return self.describe("en")


class EvalReportError(Exception):
    """Base class of every error evalreport raises on purpose."""

    def __init__(self, message: Message | str):
        self.message = message if isinstance(message, Message) else verbatim(message)
        super().__init__(self.message.render("en"))

    def describe(self, lang: Lang = "id") -> str:
        return self.message.render(lang)


class ProblemsError(EvalReportError):
    """Raised with every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self.headline(len(self.problems)))

    @staticmethod
    def headline(n: int) -> Message:
        return n_("{n} problem found", "{n} problems found", n, n=n)

    def describe(self, lang: Lang = "id") -> str:
        head = super().describe(lang) + ":"
        return "\n".join([head] + [f"  - {p.describe(lang)}" for p in self.problems])

    def __str__(self) -> str:
        return self.describe("en")


class DataError(ProblemsError):
    """The data file cannot be read or does not validate."""

    @staticmethod
    def headline(n: int) -> Message:
        return n_("{n} data error found", "{n} data errors found", n, n=n)


class TemplateProblemError(ProblemsError):
    """A Word template is broken (syntax, unknown variable) or fails while rendering."""

    @staticmethod
    def headline(n: int) -> Message:
        return n_("{n} template problem found", "{n} template problems found", n, n=n)


class ConversionError(EvalReportError):
    """LibreOffice is missing, timed out or failed to convert a document."""

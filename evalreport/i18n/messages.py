"""Words a person reads, in one catalogue: every message, label and sentence is an English
``msgid`` with named parameters, rendered in the reader's language at the edge.

Code writes ``_("unknown region '{code}'", code=code)`` and keeps the :class:`Message`; the CLI
(or a document, or a Python app) renders it with :meth:`Message.render` in the language it
speaks. Translations live in gettext catalogues, ``evalreport/i18n/locale/<lang>/LC_MESSAGES/
evalreport.po``, extracted from the code and compiled with Babel (``python scripts/catalogue.py``;
the compiled ``.mo`` is committed, and a test checks both are current). English needs no
catalogue: the msgid is the English text.

Parameters may be messages themselves (rendered in the same language), numbers or text.
"""
from __future__ import annotations

import difflib
import gettext
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Message", "_", "n_", "p_", "LANGS", "translation", "suggestion", "join", "listing"]

DOMAIN = "evalreport"
LANGS = ("id", "en")


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English: the msgids themselves)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")
    if lang == "en":
        return gettext.NullTranslations()
    mo = resources.files("evalreport.i18n").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.mo")
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


@dataclass(frozen=True)
class Message:
    """A text to show a person: an English msgid (a plural pair with a count), parameters."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    n: int | None = None
    context: str | None = None  # msgctxt: which sense of a short word ("high" as a priority)

    def render(self, lang: str = "id") -> str:
        """The text in ``lang`` with its parameters filled in (messages among them rendered
        in the same language)."""
        t = translation(lang)
        if self.context is not None:
            text = t.pgettext(self.context, self.msgid)
        elif self.plural:
            text = t.ngettext(self.msgid, self.plural, self.n or 0)
        else:
            text = t.gettext(self.msgid)
        if not self.params:
            return text
        values = {k: _render(v, lang) for k, v in self.params}
        return text.format(**values)

    def __str__(self) -> str:  # English, for logs and tracebacks
        return self.render("en")


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
        return ", ".join(v.render(lang) for v in value)
    return value


def _(msgid: str, **params: Any) -> Message:
    """A message to be translated: ``_("row {row}", row=5)``."""
    return Message(msgid, tuple((k, _frozen(v)) for k, v in params.items()))


def n_(singular: str, plural: str, count: int, **params: Any) -> Message:
    """A message whose words depend on a count: ``n_("{n} error", "{n} errors", n, n=n)``."""
    return Message(singular, tuple((k, _frozen(v)) for k, v in params.items()), plural, count)


def p_(context: str, msgid: str, **params: Any) -> Message:
    """A short word whose translation depends on what it names: ``p_("priority", "high")``
    (the catalogue's msgctxt), so that it never takes the translation of the same English word
    in another sense."""
    return Message(msgid, tuple((k, _frozen(v)) for k, v in params.items()), context=context)


class _Verbatim(Message):
    """Text that is the same in every language (a name, a value from the data)."""

    def render(self, lang: str = "id") -> str:
        return self.msgid


def verbatim(text: str) -> Message:
    """A message that is not translated (data, names, what the user typed)."""
    return _Verbatim(text)


def join(parts: Iterable[Message], sep: str = ", ") -> Message:
    """Several messages read as one, each rendered in the reader's language."""
    parts = tuple(parts)
    return _Joined(sep, tuple(("part", p) for p in parts))


class _Joined(Message):
    def render(self, lang: str = "id") -> str:
        return self.msgid.join(_render(p, lang) for _, p in self.params)


def suggestion(value: str, known: Iterable[str]) -> Message | None:
    """"; did you mean 'X'?" for the known value closest to a typo, or None."""
    close = difflib.get_close_matches(str(value), sorted(set(known)), n=1)
    return _("; did you mean '{close}'?", close=close[0]) if close else None


class _Sep(Message):
    """Messages joined by a separator, each in the reader's language."""

    def render(self, lang: str = "id") -> str:
        return self.msgid.join(_render(p, lang) for _, p in self.params)


def listing(items: Sequence[str | Message], limit: int | None = None, sep: str = ", ") -> Message:
    """'A, B and C' (id: 'A, B dan C'); beyond ``limit`` items 'A, B, C and 4 more', so that a
    shortened list always says how much it leaves out. Items holding numbers with a decimal
    comma read better joined with ``sep="; "``."""
    parts = [i if isinstance(i, Message) else verbatim(i) for i in items]
    if limit is not None and len(parts) > limit:
        rest = len(parts) - limit
        return _("{items} and {more}", items=_Sep(sep, tuple(("part", p) for p in parts[:limit])),
                 more=n_("{n} more", "{n} more", rest, n=rest))
    if len(parts) == 1:
        return parts[0]
    return _("{items} and {last}", items=_Sep(sep, tuple(("part", p) for p in parts[:-1])),
             last=parts[-1])

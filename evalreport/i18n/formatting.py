"""Numbers, dates and amounts as official Indonesian (``id``) and English (``en``) documents write them.

* Numbers are rounded half-up on the decimal number as written (a float is taken as its
  shortest round-trip ``repr``), then handed to Babel with an explicit pattern, so Babel's own
  half-even rounding never applies: 0.125 -> ``0,13``, 2.675 -> ``2,68``.
* ``None``, NaN and infinities show as :data:`MISSING`; a string that is not a number (a
  qualitative value such as "Baik") is returned unchanged; ``bool`` is refused.
* Terbilang (amounts in words) comes from num2words, with two fixes for Indonesian: a thousands
  group of one is "seribu" also after a larger unit (1,001,000 -> "satu juta seribu", not
  "satu juta satu ribu"), and negatives read "minus" (num2words says "min").

:meth:`Formatter.filters` gives the same functions as Jinja filters for the Word templates.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache, partial

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, get_minus_sign_symbol, parse_pattern
from num2words import num2words

__all__ = ["MISSING", "LANGS", "Formatter"]

MISSING = "\u2013"  # en dash, shown for a missing value
LANGS = ("id", "en")
MINUS = "\u2212"  # true minus sign, used by Formatter.signed

Numeric = int | float | Decimal | str | None
DateLike = date | datetime | str | None

_CURRENCY_PREFIX = {"id": "Rp", "en": "IDR "}
_DECIMAL_WORD = {"id": "koma", "en": "point"}
# "satu ribu" that is a whole thousands group (at the start or after juta/miliar/...),
# not the end of a larger group such as "dua ratus satu ribu" or "dua puluh satu ribu".
_SATU_RIBU = re.compile(r"(?<!ratus )(?<!puluh )\bsatu ribu\b")


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=64)
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


@lru_cache(maxsize=4096)
def _grouped(lang: str, text: str, decimals: int) -> str:
    """:meth:`Formatter._format` of the number written ``text`` (a document formats the same
    few thousand numbers many times: values, achievements, their means)."""
    q = Decimal(text)
    with localcontext(prec=max(28, q.adjusted() + decimals + 3)):  # Babel quantizes again
        return format_decimal(q, format=_pattern(decimals), locale=_locale(lang))


def _to_decimal(value: object) -> Decimal | str:
    """The number as written, or the final text: :data:`MISSING` for a missing or non-finite
    value, a non-numeric string unchanged."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return MISSING
        d = Decimal(repr(float(value)))  # float() so subclasses (numpy) repr as plain numbers
    elif isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            return value
    else:
        raise TypeError(f"cannot format a value of type {type(value).__name__} as a number")
    return d if d.is_finite() else MISSING


def _round(d: Decimal, decimals: int) -> Decimal:
    """Half-up to ``decimals`` places; a result of zero loses its sign (no "-0,00")."""
    with localcontext(prec=max(28, d.adjusted() + decimals + 3)):
        q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return q.copy_abs() if q.is_zero() else q


def _check_decimals(decimals: int) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative integer, not {decimals!r}")
    return decimals


class Formatter:
    """Formats values for one document language, ``"id"`` (default) or ``"en"``."""

    def __init__(self, lang: str = "id"):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")
        self.lang = lang
        self._locale = _locale(lang)
        self._minus = get_minus_sign_symbol(self._locale)

    def __repr__(self) -> str:
        return f"Formatter(lang={self.lang!r})"

    # -- numbers -------------------------------------------------------------------------------

    def _format(self, q: Decimal, decimals: int) -> str:
        """Babel grouping and separators for a number already rounded to ``decimals`` places."""
        # by its text: Decimal("-0") == Decimal("0") and 1.0 == 1.00 as keys
        return _grouped(self.lang, str(q), decimals)

    def number(self, value: Numeric, decimals: int = 2) -> str:
        """1234567.891 -> ``1.234.567,89`` (id) / ``1,234,567.89`` (en); decimals=0 -> ``1.234.568``."""
        d = _to_decimal(value)
        if isinstance(d, str):
            return d
        decimals = _check_decimals(decimals)
        return self._format(_round(d, decimals), decimals)

    def percent(self, value: Numeric, decimals: int = 2) -> str:
        """A value already in percent: 91.714 -> ``91,71%`` (id) / ``91.71%`` (en)."""
        d = _to_decimal(value)
        if isinstance(d, str):
            return d
        return self.number(d, decimals) + "%"

    def money(self, value: Numeric) -> str:
        """Rupiah: ``Rp12.463.335.063`` (id) / ``IDR 12,463,335,063`` (en).

        Shown without decimals unless the amount, rounded half-up to cents, has any.
        """
        d = _to_decimal(value)
        if isinstance(d, str):
            return d
        q = _round(d, 2)
        decimals = 2 if q != q.to_integral_value() else 0
        sign = self._minus if q < 0 else ""
        return sign + _CURRENCY_PREFIX[self.lang] + self._format(_round(q.copy_abs(), decimals), decimals)

    def signed(self, value: Numeric, decimals: int = 2) -> str:
        """A change, always with its sign: ``+2,30`` / ``\u22121,50`` (U+2212) / ``0,00``."""
        d = _to_decimal(value)
        if isinstance(d, str):
            return d
        decimals = _check_decimals(decimals)
        q = _round(d, decimals)
        sign = "+" if q > 0 else MINUS if q < 0 else ""
        return sign + self._format(q.copy_abs(), decimals)

    # -- words ---------------------------------------------------------------------------------

    def _int_words(self, n: int) -> str:
        text = num2words(n, lang=self.lang)
        return _SATU_RIBU.sub("seribu", text) if self.lang == "id" else text

    def words(self, value: Numeric, currency: bool = False) -> str:
        """Terbilang: 150000000 -> ``seratus lima puluh juta`` / ``one hundred and fifty million``.

        ``currency=True`` appends "rupiah" and accepts whole amounts only (else ``ValueError``).
        A fraction is read digit by digit: 2.05 -> "dua koma nol lima". Negatives read "minus ...".
        """
        d = _to_decimal(value)
        if isinstance(d, str):
            return d
        integral = d == d.to_integral_value()
        if currency and not integral:
            raise ValueError(f"an amount in words must be a whole number of rupiah, not {value!r}")
        whole = int(d.copy_abs())  # truncates toward zero
        text = self._int_words(whole)
        if not integral:
            digits = format(d.copy_abs(), "f").split(".")[1].rstrip("0")
            text += " " + " ".join([_DECIMAL_WORD[self.lang]] + [self._int_words(int(c)) for c in digits])
        if d < 0:
            text = "minus " + text
        return text + " rupiah" if currency else text

    # -- dates ---------------------------------------------------------------------------------

    def _date(self, d: DateLike, pattern: str) -> str:
        if d is None:
            return MISSING
        if isinstance(d, str):
            s = d.strip()
            try:
                d = date.fromisoformat(s)
            except ValueError:
                try:
                    d = datetime.fromisoformat(s)
                except ValueError:
                    return str(d)  # not a date: a text such as "menyusul" passes through
        if isinstance(d, datetime):
            d = d.date()
        if not isinstance(d, date):
            raise TypeError(f"cannot format a value of type {type(d).__name__} as a date")
        return format_date(d, pattern, locale=self._locale)

    def date(self, d: DateLike, weekday: bool = False) -> str:
        """``28 November 2026``; with weekday ``Sabtu, 28 November 2026`` / ``Saturday, 28 November 2026``.

        Accepts a date, a datetime (its calendar date) or an ISO string; another string is returned unchanged.
        """
        return self._date(d, "EEEE, d MMMM y" if weekday else "d MMMM y")

    def month_year(self, d: DateLike) -> str:
        """``November 2026``."""
        return self._date(d, "MMMM y")

    # -- templates -----------------------------------------------------------------------------

    def filters(self) -> dict[str, Callable]:
        """Jinja filters for the Word templates, e.g. ``{{ anggaran|rupiah }}``, ``{{ capaian|persen(1) }}``."""
        return {
            "angka": self.number,
            "persen": self.percent,
            "rupiah": self.money,
            "tanggal": self.date,
            "tanggal_hari": partial(self.date, weekday=True),
            "bulan_tahun": self.month_year,
            "terbilang": self.words,
            "terbilang_rupiah": partial(self.words, currency=True),
            "selisih": self.signed,
        }

"""Reading numbers: one reader for every number of a data file, however it was written.

A number reaches the data as a YAML or JSON number, a workbook cell holding a number, or text
("1.500", "64,2", "Rp1.500.000,50", "91,71%"). Text follows the Indonesian convention where it
could be read two ways: a comma is the decimal separator and a point groups thousands in
threes, so "1.500" is one thousand five hundred and "1.234,5" is 1234.5. A point that cannot be
a thousands separator is a decimal point: "64.2", "1500000.50", "0.5". What stays unclear
("1.23.4", "1,234,567", "1 500") is refused with a message saying how to write it, never
guessed. Babel's strict parser does the Indonesian reading and the plain-point one; this module
adds the rules between them, the signs, units and exponents, and the limits below.

Limits, so that every number the data accepts can be scored, charted and printed: a number is
finite, at most :data:`LARGEST` (10^15, a thousand trillion) in size, and a number other than
zero is at least :data:`SMALLEST` (0.000001). Dates, times and yes/no values are not numbers.

Every refusal is an :class:`InvalidValue`, a ``ValueError`` carrying a catalogue message, so a
validator can raise it and the place (line, or sheet/row/column) is added by validation.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from numbers import Integral, Real
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from ..i18n.messages import Message, _

__all__ = ["LARGEST", "SMALLEST", "InvalidValue", "read_number", "looks_like_number"]

LARGEST = Decimal("1e15")
SMALLEST = Decimal("1e-6")

# "Rp", "Rp.", "IDR" before an amount; "%" after a percentage (the value is in percent points)
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SIGNS = {"-": -1, "\u2212": -1, "\u2013": -1, "+": 1}
_EXPONENT = re.compile(r"^(?P<mantissa>.*?\d)[eE](?P<exp>[+-]?\d{1,3})$")
# what a person meant as a number, right or wrong: digits with points, commas or spaces
_NUMERIC = re.compile(r"^\d[\d.,\s\u00a0\u202f]*(?:[eE][+-]?\d{1,3})?$|^[.,]\d+$")
_NON_FINITE = {"nan", ".nan", "inf", ".inf", "infinity", "-inf", "+inf", "-.inf", "+.inf",
               "-infinity", "+infinity"}


class InvalidValue(ValueError):
    """A value the data does not accept; ``message`` says why, in the reader's language.

    Raised inside field validators: validation reports the message at the value's place."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.render("en"))


def _strip_units(text: str) -> str:
    t = text.strip()
    if t.endswith("%"):
        t = t[:-1].rstrip()
    return _CURRENCY.sub("", t)


def _split_sign(text: str) -> tuple[int, str]:
    if text and text[0] in _SIGNS:
        return _SIGNS[text[0]], text[1:].lstrip()
    return 1, text


def looks_like_number(text: str) -> bool:
    """Whether text was meant as a number (so it is read as one, or refused as one), rather than
    words such as "Baik" or "12 kasus" (a qualitative value)."""
    t = text.strip().casefold()
    if t in _NON_FINITE:
        return True
    _sign, t = _split_sign(_strip_units(t))
    return bool(_NUMERIC.match(t))


def read_number(value: Any) -> Decimal:
    """The number a value stands for, as a :class:`~decimal.Decimal` (exactly as written; a
    float is taken as its shortest round-trip form). Raises :class:`InvalidValue`.

    >>> read_number("1.500"), read_number("64,2"), read_number("1500000.50")
    (Decimal('1500'), Decimal('64.2'), Decimal('1500000.50'))
    """
    if isinstance(value, bool):
        raise InvalidValue(_("must be a number, found '{input}'", input=str(value).lower()))
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        raise InvalidValue(_(
            "holds a date or time ({value}), not a number; Excel may have turned what was typed "
            "into a date: format the cell as Number and type the value again",
            value=value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()))
    if isinstance(value, Decimal):
        number, shown = value, str(value)
    elif isinstance(value, Integral):  # int, and numpy's integers from a Python app's frame
        number, shown = Decimal(int(value)), str(int(value))
    elif isinstance(value, Real):
        shown = repr(float(value))
        if not math.isfinite(float(value)):
            raise _not_finite(shown)
        number = Decimal(shown)
    elif isinstance(value, str):
        number, shown = _read_text(value), value.strip()
    else:
        raise InvalidValue(_("must be a number, found '{input}'", input=_short(value)))
    return _within_limits(number, shown)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _not_finite(shown: str) -> InvalidValue:
    return InvalidValue(_("'{input}' is not a number; leave it empty when there is no value",
                           input=_short(shown)))


def _within_limits(number: Decimal, shown: str) -> Decimal:
    if not number.is_finite():
        raise _not_finite(shown)
    size = abs(number)
    if size > LARGEST:
        raise InvalidValue(_("{input} is too large: a number may be at most "
                              "1.000.000.000.000.000 (10^15)", input=_short(shown)))
    if 0 < size < SMALLEST:
        raise InvalidValue(_("{input} is too small: a number other than 0 must be at least "
                              "0,000001; write 0 if it is nothing", input=_short(shown)))
    return number


def _read_text(text: str) -> Decimal:
    raw = text.strip()
    if raw.casefold() in _NON_FINITE:
        raise _not_finite(raw)
    sign, body = _split_sign(_strip_units(raw))
    if not _NUMERIC.match(body):
        raise InvalidValue(_("must be a number, found '{input}'", input=_short(raw)))
    if re.search(r"[\s\u00a0\u202f]", body):
        raise InvalidValue(_("'{input}' is not a number as written: write it without spaces "
                              "(1.500.000 or 1500000)", input=_short(raw)))
    exponent = 0
    m = _EXPONENT.match(body)
    if m:
        body, exponent = m["mantissa"], int(m["exp"])
    number = sign * _read_plain(body, raw)
    if exponent:
        number = number.scaleb(exponent)
        if abs(number) <= LARGEST and number == number.to_integral_value():
            number = number.quantize(Decimal(1))  # 1,5E+3 is 1500, not 1.5E+3
    return number


def _read_plain(body: str, raw: str) -> Decimal:
    """Digits with points and commas, without sign, unit or exponent."""
    if "," in body:
        # a comma is the decimal separator: Indonesian, with points grouping thousands
        try:
            return parse_decimal(body, locale="id", strict=True)
        except (NumberFormatError, InvalidOperation):
            raise InvalidValue(_(
                "'{input}' is not a number as written: a comma is the decimal separator and a "
                "point groups thousands in threes (1.234.567,89)", input=_short(raw))) from None
    try:  # points grouping thousands in threes: "1.500", "1.500.000"
        return parse_decimal(body, locale="id", strict=True)
    except (NumberFormatError, InvalidOperation):
        pass
    if body.count(".") == 1:  # one point that cannot group thousands: a decimal point
        try:
            return parse_decimal(body, locale="en", strict=True)
        except (NumberFormatError, InvalidOperation):
            pass
    raise InvalidValue(_(
        "'{input}' is not a number as written: a point either groups thousands in threes "
        "(1.500.000) or, alone, is a decimal point (64.2)", input=_short(raw)))

"""Reading numbers (evalreport.data.numbers): one reader for every number of a data file.

An officer types numbers the Indonesian way ("1.500", "1.234,5", "Rp1.500.000"), copies them from
an English spreadsheet ("64.2", "1500000.50"), or a program writes them as JSON numbers. Each is
read as the number meant; what could be meant two ways is refused with a reason, never guessed.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalreport.data.numbers import LARGEST, SMALLEST, InvalidValue, looks_like_number, read_number
from evalreport.i18n.formatting import Formatter

ID = Formatter("id")


@pytest.mark.parametrize("text, number", [
    # Indonesian: a point groups thousands, a comma is the decimal separator
    ("1.500", "1500"),
    ("1.500.000", "1500000"),
    ("1.234,5", "1234.5"),
    ("64,2", "64.2"),
    ("0,5", "0.5"),
    ("-1.234,5", "-1234.5"),
    ("\u22121.500", "-1500"),          # a true minus sign, as documents print it
    ("Rp1.500.000,50", "1500000.50"),
    ("Rp 1.500.000", "1500000"),
    ("Rp. 12.463.335.063", "12463335063"),
    ("91,71%", "91.71"),
    ("64,2 %", "64.2"),
    # a point that cannot group thousands is a decimal point
    ("64.2", "64.2"),
    ("1500000.50", "1500000.50"),
    ("0.500", "0.5"),                 # a group never starts with 0
    ("12.3456", "12.3456"),
    ("+7", "7"),
    ("1,5E+3", "1500"),               # as Excel shows a number in an Indonesian locale
    ("2e-3", "0.002"),
])
def test_text_is_read_as_the_number_meant(text, number):
    assert read_number(text) == Decimal(number)
    assert looks_like_number(text)


@pytest.mark.parametrize("text, reason", [
    ("1.23.4", "a point either groups thousands in threes (1.500.000) or, alone, is a decimal point"),
    ("1.500.00", "a point either groups thousands in threes"),
    ("1,234,567", "a comma is the decimal separator and a point groups thousands in threes"),
    ("1,234.5", "a comma is the decimal separator"),
    ("1 500", "write it without spaces"),
])
def test_what_stays_ambiguous_is_refused_with_how_to_write_it(text, reason):
    with pytest.raises(InvalidValue) as info:
        read_number(text)
    message = info.value.message
    assert f"'{text}' is not a number as written" in message.render("en")
    assert reason in message.render("en")
    assert "tidak terbaca sebagai angka" in message.render("id")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), "NaN", "Infinity",
                                   ".nan", "-.inf", Decimal("NaN")])
def test_what_is_not_finite_is_refused(value):
    with pytest.raises(InvalidValue) as info:
        read_number(value)
    assert "is not a number; leave it empty when there is no value" in str(info.value)
    assert "kosongkan bila tidak ada nilai" in info.value.message.render("id")


@pytest.mark.parametrize("value, words", [
    (1e308, "is too large"), ("1e16", "is too large"), (-10**16, "is too large"),
    (1e-300, "is too small"), ("0,0000001", "is too small"),
])
def test_sizes_that_scoring_cannot_hold_are_refused(value, words):
    with pytest.raises(InvalidValue, match=words):
        read_number(value)


def test_the_limits_themselves_are_accepted():
    assert read_number(LARGEST) == LARGEST
    assert read_number("-1.000.000.000.000.000") == -LARGEST
    assert read_number("0,000001") == SMALLEST
    assert read_number(0) == 0 and read_number("0,00") == 0


@pytest.mark.parametrize("value", [dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 0, 0), dt.time(1, 30)])
def test_a_date_is_not_a_number_and_the_message_says_why_it_may_be_one(value):
    with pytest.raises(InvalidValue) as info:
        read_number(value)
    assert "holds a date or time" in str(info.value)
    assert "format the cell as Number" in str(info.value)


@pytest.mark.parametrize("value", [True, False, "tujuh", "12 kasus", [1], None])
def test_other_values_are_not_numbers(value):
    with pytest.raises(InvalidValue, match="must be a number"):
        read_number(value)


@pytest.mark.parametrize("text, meant", [
    ("Baik", False), ("12 kasus", False), ("tersedia", False), ("-", False), ("(1.500)", False),
    ("1.500", True), ("1.23.4", True), ("NaN", True), ("1 500", True), ("Rp1.500", True),
])
def test_words_are_told_apart_from_numbers_written_wrongly(text, meant):
    assert looks_like_number(text) is meant


def test_numbers_of_yaml_and_json_are_taken_as_written():
    assert read_number(64.2) == Decimal("64.2")  # not 64.2000000000000028...
    assert read_number(2740466) == Decimal(2740466)
    assert read_number(Decimal("1500000.50")) == Decimal("1500000.50")


def test_numbers_from_a_python_apps_numpy_arrays_are_numbers():
    np = pytest.importorskip("numpy")
    assert read_number(np.float64(64.2)) == Decimal("64.2")
    assert read_number(np.float32(0.5)) == Decimal("0.5")
    assert read_number(np.int64(2740466)) == Decimal(2740466)
    with pytest.raises(InvalidValue, match="is not a number"):
        read_number(np.float64("nan"))


# ------------------------------------------------------------------------------- properties

def _numbers(places: int):
    limit = LARGEST
    return st.decimals(min_value=-limit, max_value=limit, places=places,
                       allow_nan=False, allow_infinity=False).filter(
        lambda d: d == 0 or abs(d) >= SMALLEST)


@st.composite
def numbers_with_places(draw):
    places = draw(st.integers(0, 6))
    return draw(_numbers(places)), places


@settings(max_examples=300, deadline=None)
@given(numbers_with_places())
def test_a_number_written_the_indonesian_way_reads_back_as_itself(case):
    number, places = case
    text = ID.number(number, places)  # 1.234.567,891 as documents print it
    assert read_number(text) == number
    assert read_number(text + "%") == number
    if number >= 0 and places == 0:
        assert read_number(ID.money(number)) == number  # Rp1.234.567


@settings(max_examples=300, deadline=None)
@given(numbers_with_places())
def test_a_plain_point_decimal_reads_back_unless_it_groups_thousands(case):
    """"64.2" and "1500000.50" are decimals; "1.500" is one thousand five hundred, as the
    Indonesian convention writes it. Which of the two a text is follows from its digits alone."""
    number, places = case
    text = f"{number:f}"  # 1234567.891, -0.5, 12
    whole, _, fraction = text.lstrip("-").partition(".")
    groups_thousands = len(fraction) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
    if groups_thousands:
        assert read_number(text) == Decimal(text.replace(".", ""))
    else:
        assert read_number(text) == number


def test_the_json_schema_lets_a_number_be_written_as_text():
    """An editor checking a YAML file against `evalreport schema` accepts what the reader reads."""
    import evalreport

    props = evalreport.schema()["$defs"]["Indicator"]["properties"]
    kinds = [c.get("type") for c in props["target"]["anyOf"]]
    assert kinds == ["number", "string", "null"]
    assert {"type": "integer", "minimum": 0, "maximum": 4} in props["decimals"]["anyOf"]


def test_the_table_in_the_data_format_docs_is_what_the_reader_does():
    """docs/data-format.md shows how numbers are read; each of its examples is checked here."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text("utf-8")
    section = doc.split("## How numbers are read", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in section.splitlines()
            if line.startswith("| `")]
    assert len(rows) >= 12
    for written, read in rows:
        texts = re.findall(r"`([^`]+)`", written)
        if read.strip() == "refused":
            for text in texts:
                with pytest.raises(InvalidValue):
                    read_number(text)
            continue
        numbers = [Decimal(n.strip().replace("\u2212", "-")) for n in read.split(", ")]
        assert len(numbers) == len(texts), written
        for text, number in zip(texts, numbers):
            assert read_number(text) == number, text

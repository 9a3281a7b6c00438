"""Formatting of numbers, dates and amounts for id / en documents (evalreport.formatting)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalreport.i18n.formatting import MISSING, Formatter

ID = Formatter("id")
EN = Formatter("en")
D = date(2026, 11, 28)  # a Saturday


def test_default_language_is_indonesian():
    assert Formatter().number(1234.5) == "1.234,50"


@pytest.mark.parametrize("lang", ["fr", "ID", "", "id-ID"])
def test_unknown_language_is_refused_naming_the_allowed_ones(lang):
    with pytest.raises(ValueError, match="id, en"):
        Formatter(lang)


def test_missing_dash_is_an_en_dash():
    assert MISSING == "\u2013"


# -- number ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, id_text, en_text",
    [
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
        (1234567.891, 0, "1.234.568", "1,234,568"),
        (0.125, 2, "0,13", "0.13"),  # Babel alone would round half-even to 0,12
        (2.675, 2, "2,68", "2.68"),  # binary float 2.67499999... must not show 2,67
        (2.5, 0, "3", "3"),
        (-2.5, 0, "-3", "-3"),  # half-up is away from zero
        (-1234.5, 2, "-1.234,50", "-1,234.50"),
        (-0.001, 2, "0,00", "0.00"),  # no "-0,00"
        (999.995, 2, "1.000,00", "1,000.00"),
        (7, 1, "7,0", "7.0"),
        (Decimal("0.005"), 2, "0,01", "0.01"),
        ("1234.5", 1, "1.234,5", "1,234.5"),  # numeric string
        (10**30, 0, "1" + ".000" * 10, "1" + ",000" * 10),  # beyond the default 28-digit context
    ],
)
def test_number(value, decimals, id_text, en_text):
    assert ID.number(value, decimals) == id_text
    assert EN.number(value, decimals) == en_text


def test_number_default_is_two_decimals():
    assert ID.number(5) == "5,00"
    assert EN.number(5) == "5.00"


@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), float("-inf"), Decimal("NaN")])
def test_number_missing_and_non_finite_show_the_dash(value):
    assert ID.number(value) == MISSING
    assert EN.number(value) == MISSING


@pytest.mark.parametrize("text", ["Baik", "tidak ada data", "", "1,234.5"])
def test_number_text_passes_through(text):
    assert ID.number(text) == text
    assert EN.number(text) == text


def test_number_refuses_bool_and_other_types():
    with pytest.raises(TypeError):
        ID.number(True)
    with pytest.raises(TypeError):
        ID.number([1])


@pytest.mark.parametrize("decimals", [-1, 1.5, True])
def test_number_refuses_bad_decimals(decimals):
    with pytest.raises(ValueError):
        ID.number(1, decimals)


# -- percent ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, id_text, en_text",
    [
        (91.71428, 2, "91,71%", "91.71%"),
        (91.714, 2, "91,71%", "91.71%"),
        (124, 2, "124,00%", "124.00%"),  # not multiplied by 100
        (0.125, 2, "0,13%", "0.13%"),
        (66.65, 1, "66,7%", "66.7%"),
        (-5, 0, "-5%", "-5%"),
    ],
)
def test_percent(value, decimals, id_text, en_text):
    assert ID.percent(value, decimals) == id_text
    assert EN.percent(value, decimals) == en_text


def test_percent_missing_and_text():
    assert ID.percent(None) == MISSING
    assert EN.percent(float("nan")) == MISSING
    assert ID.percent("n/a") == "n/a"  # no "%" glued to a text


# -- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, id_text, en_text",
    [
        (12463335063, "Rp12.463.335.063", "IDR 12,463,335,063"),
        (12463335063.0, "Rp12.463.335.063", "IDR 12,463,335,063"),
        (Decimal("2E+3"), "Rp2.000", "IDR 2,000"),
        (1500.5, "Rp1.500,50", "IDR 1,500.50"),
        (0.125, "Rp0,13", "IDR 0.13"),
        (100.001, "Rp100", "IDR 100"),  # rounds to whole rupiah at cents: no ",00"
        (-1500, "-Rp1.500", "-IDR 1,500"),
        (0, "Rp0", "IDR 0"),
    ],
)
def test_money(value, id_text, en_text):
    assert ID.money(value) == id_text
    assert EN.money(value) == en_text


def test_money_missing_and_text():
    assert ID.money(None) == MISSING
    assert EN.money("belum dianggarkan") == "belum dianggarkan"


# -- signed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, id_text, en_text",
    [
        (2.3, 2, "+2,30", "+2.30"),
        (-1.5, 2, "\u22121,50", "\u22121.50"),
        (0, 2, "0,00", "0.00"),
        (-0.004, 2, "0,00", "0.00"),  # rounds to zero: no sign
        (0.005, 2, "+0,01", "+0.01"),
        (-1234.5, 0, "\u22121.235", "\u22121,235"),
    ],
)
def test_signed(value, decimals, id_text, en_text):
    assert ID.signed(value, decimals) == id_text
    assert EN.signed(value, decimals) == en_text


def test_signed_missing_and_text():
    assert ID.signed(None) == MISSING
    assert EN.signed("tetap") == "tetap"


# -- words (terbilang) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (150000000, "seratus lima puluh juta"),
        (0, "nol"),
        (1000, "seribu"),
        (11, "sebelas"),
        (1001000, "satu juta seribu"),  # num2words says "satu juta satu ribu"
        (1001001000, "satu miliar satu juta seribu"),
        (201000, "dua ratus satu ribu"),  # not "dua ratus seribu"
        (21000, "dua puluh satu ribu"),
        (101000, "seratus satu ribu"),
        (1000000, "satu juta"),
        (-5, "minus lima"),  # num2words says "min lima"
        (2.05, "dua koma nol lima"),
        (Decimal("1.50"), "satu koma lima"),
        ("150000000", "seratus lima puluh juta"),
    ],
)
def test_words_id(value, text):
    assert ID.words(value) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (150000000, "one hundred and fifty million"),
        (0, "zero"),
        (1000, "one thousand"),
        (11, "eleven"),
        (-5, "minus five"),
        (2.05, "two point zero five"),
    ],
)
def test_words_en(value, text):
    assert EN.words(value) == text


def test_words_currency():
    assert ID.words(150000000, currency=True) == "seratus lima puluh juta rupiah"
    assert EN.words(150000000, currency=True) == "one hundred and fifty million rupiah"
    assert ID.words(Decimal("1001000.00"), currency=True) == "satu juta seribu rupiah"
    assert ID.words(-1000, currency=True) == "minus seribu rupiah"
    with pytest.raises(ValueError):
        ID.words(1500.5, currency=True)


def test_words_missing_and_text():
    assert ID.words(None) == MISSING
    assert EN.words(None, currency=True) == MISSING
    assert ID.words("nihil") == "nihil"
    with pytest.raises(TypeError):
        ID.words(False)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("d", [D, datetime(2026, 11, 28, 23, 59), "2026-11-28", "2026-11-28T08:30:00"])
def test_date_accepts_date_datetime_and_iso(d):
    assert ID.date(d) == "28 November 2026"
    assert EN.date(d) == "28 November 2026"


def test_date_with_weekday():
    assert ID.date(D, weekday=True) == "Sabtu, 28 November 2026"
    assert EN.date(D, weekday=True) == "Saturday, 28 November 2026"
    assert ID.date(date(2026, 8, 17), weekday=True) == "Senin, 17 Agustus 2026"
    assert EN.date(date(2026, 8, 17), weekday=True) == "Monday, 17 August 2026"


def test_date_no_leading_zero_on_day():
    assert ID.date(date(2026, 3, 5)) == "5 Maret 2026"


def test_month_year():
    assert ID.month_year(D) == "November 2026"
    assert EN.month_year("2026-11-28") == "November 2026"
    assert ID.month_year(date(2026, 2, 1)) == "Februari 2026"
    assert EN.month_year(date(2026, 2, 1)) == "February 2026"


def test_dates_missing_text_and_bad_types():
    assert ID.date(None) == MISSING
    assert EN.month_year(None) == MISSING
    assert ID.date("menyusul") == "menyusul"
    with pytest.raises(TypeError):
        ID.date(20261128)


# -- filters ---------------------------------------------------------------------------------


def test_filters_have_exactly_the_documented_names():
    assert set(ID.filters()) == {
        "angka", "persen", "rupiah", "tanggal", "tanggal_hari",
        "bulan_tahun", "terbilang", "terbilang_rupiah", "selisih",
    }


def test_each_filter_works():
    f = ID.filters()
    assert f["angka"](1234567.891) == "1.234.567,89"
    assert f["angka"](1234567.891, 0) == "1.234.568"
    assert f["persen"](91.71428) == "91,71%"
    assert f["rupiah"](12463335063) == "Rp12.463.335.063"
    assert f["tanggal"](D) == "28 November 2026"
    assert f["tanggal_hari"](D) == "Sabtu, 28 November 2026"
    assert f["bulan_tahun"](D) == "November 2026"
    assert f["terbilang"](150000000) == "seratus lima puluh juta"
    assert f["terbilang_rupiah"](150000000) == "seratus lima puluh juta rupiah"
    assert f["selisih"](-1.5) == "\u22121,50"
    e = EN.filters()
    assert e["angka"](1234567.891) == "1,234,567.89"
    assert e["tanggal_hari"](D) == "Saturday, 28 November 2026"
    assert e["terbilang_rupiah"](150000000) == "one hundred and fifty million rupiah"


def test_filters_run_in_jinja():
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment()
    env.filters.update(ID.filters())
    out = env.from_string("{{ a|rupiah }} ({{ a|terbilang_rupiah }}), {{ c|persen(1) }}, {{ d|tanggal_hari }}").render(
        a=1001000, c=91.75, d=D
    )
    assert out == "Rp1.001.000 (satu juta seribu rupiah), 91,8%, Sabtu, 28 November 2026"


# -- properties ------------------------------------------------------------------------------

two_places = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2, allow_nan=False, allow_infinity=False
)


@given(two_places)
def test_id_number_parses_back_to_the_same_value(x):
    text = ID.number(x)
    assert Decimal(text.replace(".", "").replace(",", ".")) == x


@given(two_places)
def test_en_number_parses_back_to_the_same_value(x):
    assert Decimal(EN.number(x).replace(",", "")) == x


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_rounding_is_half_up_on_the_written_value(x):
    expected = x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(ID.number(x).replace(".", "").replace(",", ".")) == expected
    assert Decimal(ID.number(float(x)).replace(".", "").replace(",", ".")) == expected


@given(st.integers(min_value=1000, max_value=1999))
def test_thousands_from_one_to_two_start_with_seribu(n):
    assert ID.words(n).startswith("seribu")
    assert "satu ribu" not in ID.words(10**6 + n)

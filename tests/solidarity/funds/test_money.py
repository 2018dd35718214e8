"""Money is integer minor units with an ISO 4217 code: typed amounts parse exactly, and amounts
are shown in the reader's language with the code."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from picketline.solidarity.funds.money import (
    CURRENCY_EXPONENTS,
    amount_input,
    check_currency,
    currency_exponent,
    format_amount,
    parse_amount,
)


@pytest.mark.parametrize(
    ("code", "exponent"),
    [
        ("GBP", 2),
        ("EUR", 2),
        ("USD", 2),
        ("INR", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("VND", 0),
        ("CLP", 0),
        ("ISK", 0),
        ("UGX", 0),
        ("BHD", 3),
        ("KWD", 3),
        ("JOD", 3),
        ("OMR", 3),
        ("TND", 3),
        ("IQD", 3),
        ("LYD", 3),
    ],
)
def test_it_knows_each_currencys_minor_unit(code, exponent):
    assert currency_exponent(code) == exponent


def test_it_knows_only_three_letter_codes_with_zero_to_three_decimals():
    assert all(len(code) == 3 and code.isupper() for code in CURRENCY_EXPONENTS)
    assert set(CURRENCY_EXPONENTS.values()) == {0, 2, 3}


def test_it_refuses_a_currency_it_does_not_know():
    with pytest.raises(ValidationError):
        check_currency("XYZ")
    assert check_currency(" gbp ") == "GBP"


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("1,234.50", "GBP", 123450),
        ("1234.5", "GBP", 123450),
        ("1234", "GBP", 123400),
        ("0.01", "GBP", 1),
        ("1 234.50", "EUR", 123450),
        ("30,000", "JPY", 30000),
        ("1.5", "KWD", 1500),
        ("1.005", "BHD", 1005),
        ("12.30", "USD", 1230),
    ],
)
def test_it_parses_an_amount_exactly_into_minor_units(text, currency, minor):
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1,23.00", "1234,50", "-5", "0", "0.00", "1e5", "1.2.3", "€5"],
)
def test_it_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValidationError):
        parse_amount(text, "GBP")


def test_it_refuses_more_decimals_than_the_currency_has():
    with pytest.raises(ValidationError) as refused:
        parse_amount("1.005", "GBP")
    assert "2 digits" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        parse_amount("100.5", "JPY")
    with pytest.raises(ValidationError):
        parse_amount("1.0005", "KWD")


def test_it_accepts_trailing_zeros_beyond_the_minor_unit():
    assert parse_amount("100.00", "JPY") == 100
    assert parse_amount("1.500", "GBP") == 150


def test_it_reads_a_decimal_comma_in_languages_that_write_one():
    with translation.override("it"):
        assert parse_amount("1.234,50", "EUR") == 123450
        assert parse_amount("1234,5", "EUR") == 123450
    with translation.override("fr"):
        assert parse_amount("1 234,50", "EUR") == 123450


def test_it_shows_an_amount_with_grouping_and_the_code():
    with translation.override("en"):
        assert format_amount(3_000_000, "GBP") == "30,000.00 GBP"
        assert format_amount(30_000, "JPY") == "30,000 JPY"
        assert format_amount(1_500, "KWD") == "1.500 KWD"
        assert format_amount(-2_550, "GBP") == "-25.50 GBP"


def test_it_shows_an_amount_in_the_readers_language():
    with translation.override("it"):
        assert format_amount(3_000_000, "EUR") == "30.000,00 EUR"


@given(
    minor=st.integers(min_value=1, max_value=10**11),
    currency=st.sampled_from(["GBP", "JPY", "KWD", "EUR", "CLP", "BHD"]),
    language=st.sampled_from(["en", "it", "fr", "es"]),
)
def test_it_reads_back_what_it_shows(minor, currency, language):
    with translation.override(language):
        assert parse_amount(format_amount(minor, currency, with_code=False), currency) == minor
        assert parse_amount(amount_input(minor, currency), currency) == minor

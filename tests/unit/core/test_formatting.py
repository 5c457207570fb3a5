"""Display text from Babel: money with ISO digits, numbers, percentages, dates, weights, names, flags.

Expected strings are what Babel 2.18 (CLDR 47) produces, separators included: German uses
U+00A0 (no-break space) before "€" and "%", French U+202F (narrow no-break space).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from marketplace.core.formatting import (
    country_name,
    currency_name,
    currency_symbol,
    flag_emoji,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_weight_g,
)
from marketplace.core.money import Money

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("money", "locale", "expected"),
    [
        # EUR: two decimals, symbol placement by locale
        (Money(123450, "EUR"), "de", f"1.234,50{NBSP}€"),
        (Money(123450, "EUR"), "de_DE", f"1.234,50{NBSP}€"),
        (Money(123450, "EUR"), "en", "€1,234.50"),
        (Money(123450, "EUR"), "ja_JP", "€1,234.50"),
        (Money(-1999, "EUR"), "de", f"-19,99{NBSP}€"),
        (Money(5, "EUR"), "en", "€0.05"),
        # USD
        (Money(123450, "USD"), "en_US", "$1,234.50"),
        (Money(123450, "USD"), "de", f"1.234,50{NBSP}$"),
        (Money(123450, "USD"), "ja_JP", "$1,234.50"),
        # JPY: no decimals at all (ISO exponent 0), never rounded for display
        (Money(1235, "JPY"), "ja_JP", "￥1,235"),
        (Money(1235, "JPY"), "ja", "￥1,235"),
        (Money(1235, "JPY"), "en", "¥1,235"),
        (Money(1235, "JPY"), "de", f"1.235{NBSP}¥"),
        (Money(2990, "JPY"), "en_US", "¥2,990"),
        # KWD: three decimals; a letter symbol gets CLDR's no-break space before the digits
        (Money(1234, "KWD"), "en", f"KWD{NBSP}1.234"),
        (Money(1234567, "KWD"), "de", f"1.234,567{NBSP}KWD"),
        (Money(1234, "KWD"), "ja_JP", f"KWD{NBSP}1.234"),
        # ISO digits where CLDR has others: IQD shows 3 decimals, RSD 2
        (Money(1500, "IQD"), "en", f"IQD{NBSP}1.500"),
        (Money(12345, "RSD"), "en", f"RSD{NBSP}123.45"),
        (Money(1, "CLF"), "en", f"CLF{NBSP}0.0001"),
        (Money(123450, "CHF"), "en", f"CHF{NBSP}1,234.50"),
        (Money(123450, "EUR"), "fr", f"1{NNBSP}234,50{NBSP}€"),
        (Money(12345678, "INR"), "hi_IN", "₹1,23,456.78"),
    ],
)
def test_format_money(money: Money, locale: str, expected: str) -> None:
    # given an exact amount / when formatted for a locale / then the digits shown are the digits charged
    assert format_money(money, locale) == expected


def test_format_money_never_rounds_half_even_like_babels_default() -> None:
    # Babel alone would render 1.005 EUR through CLDR digits with half-even rounding;
    # our Money already holds exact minor units, so what is shown is what was computed
    assert format_money(Money.of("1.005", "EUR", "half_up"), "en") == "€1.01"
    assert format_money(Money(2, "JPY"), "ja_JP") == "￥2"


def test_format_money_accepts_hyphenated_locales() -> None:
    assert format_money(Money(123450, "EUR"), "de-DE") == f"1.234,50{NBSP}€"


@pytest.mark.parametrize("locale", ["xx_YY", "not a locale", ""])
def test_unknown_locale_raises_value_error(locale: str) -> None:
    with pytest.raises(ValueError):
        format_money(Money(100, "EUR"), locale)


def test_format_money_needs_money() -> None:
    with pytest.raises(TypeError):
        format_money(Decimal("12.50"), "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (1234567, "en", "1,234,567"),
        (1234567, "de", "1.234.567"),
        (Decimal("1234.5678"), "de", "1.234,5678"),
        (Decimal("0.8873901854"), "en", "0.8873901854"),
        (-42, "ja_JP", "-42"),
        (1234567, "fr", f"1{NNBSP}234{NNBSP}567"),
    ],
)
def test_format_number_keeps_every_digit(value: int | Decimal, locale: str, expected: str) -> None:
    assert format_number(value, locale) == expected


@pytest.mark.parametrize("value", [1.5, True])
def test_format_number_refuses_float_and_bool(value: object) -> None:
    with pytest.raises(TypeError):
        format_number(value, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (Decimal("0.19"), "de", f"19{NBSP}%"),
        (Decimal("0.19"), "en", "19%"),
        (Decimal("0.19"), "ja_JP", "19%"),
        (Decimal("0.081"), "de", f"8,1{NBSP}%"),
        (Decimal("0.081"), "en", "8.1%"),
        (Decimal("0.1"), "en", "10%"),
        (Decimal("0"), "en", "0%"),
    ],
)
def test_format_percent(value: Decimal, locale: str, expected: str) -> None:
    assert format_percent(value, locale) == expected


def test_format_percent_refuses_float() -> None:
    with pytest.raises(TypeError):
        format_percent(0.19, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "locale", "fmt", "expected"),
    [
        (date(2026, 10, 6), "en", "medium", "Oct 6, 2026"),
        (date(2026, 10, 6), "de", "medium", "06.10.2026"),
        (date(2026, 10, 6), "ja_JP", "medium", "2026/10/06"),
        (date(2026, 10, 6), "de", "long", "6. Oktober 2026"),
        (date(2026, 10, 6), "en_US", "short", "10/6/26"),
        (date(2026, 10, 6), "ja", "long", "2026年10月6日"),
        (datetime(2026, 10, 6, 23, 59), "en", "medium", "Oct 6, 2026"),
        (date(2026, 10, 6), "en", "yyyy-MM-dd", "2026-10-06"),
    ],
)
def test_format_date(value: date, locale: str, fmt: str, expected: str) -> None:
    assert format_date(value, locale, fmt) == expected


def test_format_date_defaults_to_medium() -> None:
    assert format_date(date(2026, 10, 6), "en") == "Oct 6, 2026"


def test_format_date_refuses_strings() -> None:
    with pytest.raises(TypeError):
        format_date("2026-10-06", "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("grams", "locale", "expected"),
    [
        (180, "en", "180 g"),
        (180, "de", "180 g"),
        (0, "en", "0 g"),
        (999, "de", "999 g"),
        (1000, "en", "1 kg"),
        (1400, "de", "1,4 kg"),
        (1400, "en", "1.4 kg"),
        (1450, "en", "1.5 kg"),  # half up to 0.1 kg
        (1449, "de", "1,4 kg"),
        (12500, "de", "12,5 kg"),
        (1234000, "en", "1,234 kg"),
        (1400, "ja_JP", "1.4 kg"),
        (1400, "fr", f"1,4{NNBSP}kg"),
    ],
)
def test_format_weight_g(grams: int, locale: str, expected: str) -> None:
    assert format_weight_g(grams, locale) == expected


def test_format_weight_g_refuses_negative_and_non_int() -> None:
    with pytest.raises(ValueError):
        format_weight_g(-1, "en")
    with pytest.raises(TypeError):
        format_weight_g(1.5, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "locale", "expected"),
    [
        ("DE", "en", "Germany"),
        ("DE", "de", "Deutschland"),
        ("DE", "ja_JP", "ドイツ"),
        ("JP", "ja", "日本"),
        ("US", "de", "Vereinigte Staaten"),
        ("GB", "en", "United Kingdom"),
        ("CH", "de_DE", "Schweiz"),
        ("de", "en", "Germany"),
    ],
)
def test_country_name(code: str, locale: str, expected: str) -> None:
    assert country_name(code, locale) == expected


def test_country_name_of_an_unknown_code_is_the_code() -> None:
    assert country_name("QQ", "en") == "QQ"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("DE", "\U0001f1e9\U0001f1ea"),
        ("jp", "\U0001f1ef\U0001f1f5"),
        ("US", "\U0001f1fa\U0001f1f8"),
        ("GB", "\U0001f1ec\U0001f1e7"),
        ("EU", "\U0001f1ea\U0001f1fa"),
        ("XY", ""),
        ("ZZ", ""),
        ("DEU", ""),
        ("D", ""),
        ("", ""),
        ("1A", ""),
        ("ÄB", ""),
    ],
)
def test_flag_emoji(code: str, expected: str) -> None:
    assert flag_emoji(code) == expected


def test_flag_emoji_of_a_non_string_is_empty() -> None:
    assert flag_emoji(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "locale", "expected"),
    [
        ("EUR", "en", "Euro"),
        ("EUR", "de", "Euro"),
        ("JPY", "en", "Japanese Yen"),
        ("JPY", "de", "Japanischer Yen"),
        ("JPY", "ja", "日本円"),
        ("KWD", "en", "Kuwaiti Dinar"),
    ],
)
def test_currency_name(code: str, locale: str, expected: str) -> None:
    assert currency_name(code, locale) == expected


@pytest.mark.parametrize(
    ("code", "locale", "expected"),
    [
        ("EUR", "de", "€"),
        ("USD", "en_US", "$"),
        ("USD", "en_GB", "US$"),
        ("USD", "de", "$"),
        ("JPY", "ja_JP", "￥"),
        ("JPY", "en", "¥"),
        ("KWD", "en", "KWD"),
        ("GBP", "en", "£"),
    ],
)
def test_currency_symbol(code: str, locale: str, expected: str) -> None:
    assert currency_symbol(code, locale) == expected

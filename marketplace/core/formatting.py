r"""Locale-aware display text for money, numbers, dates, weights, countries and currencies.

Contract:
    * Every function returns a ``str`` ready to show a shopper; nothing here computes or rounds
      an amount that is charged. Money reaches the browser only through these strings.
    * ``locale`` is a CLDR locale identifier as Babel parses it: ``"en"``, ``"de"``,
      ``"en_US"``, ``"de_DE"``, ``"ja_JP"`` (a hyphen, ``"de-DE"``, is accepted too). An
      unknown or malformed locale raises ``ValueError``.
    * :func:`format_money` shows exactly the amount's ISO 4217 minor units (0 decimals for
      JPY, 3 for KWD) with the locale's currency pattern and symbol, so the digits shown are the
      digits charged. (Babel's own default would use CLDR digits, which differ from ISO for
      IQD, RSD and MGA, and would round half-even.)
    * Floats are refused (``TypeError``) as everywhere money-adjacent.

Babel renders separators as CLDR says, including non-breaking spaces: German puts U+00A0
between amount and symbol (``'1.234,50\xa0€'``) and before the percent sign (``'19\xa0%'``);
French uses U+202F as group separator and before units. Compare with those characters.
"""

from __future__ import annotations

import copy
import functools
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import babel.dates
import babel.numbers
import babel.units
from babel.core import Locale, UnknownLocaleError
from babel.numbers import NumberPattern

from marketplace.core.money import Money


@functools.lru_cache(maxsize=128)
def _locale(locale: str) -> Locale:
    if not isinstance(locale, str) or not locale:
        raise ValueError(f"locale must be a non-empty string like 'de_DE', got {locale!r}")
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as err:
        raise ValueError(f"unknown locale {locale!r}") from err


def _refuse_float(value: Any, what: str) -> None:
    if isinstance(value, bool | float) or not isinstance(value, int | Decimal):
        raise TypeError(f"{what} must be int or Decimal, not {type(value).__name__}")


_NBSP = "\xa0"


def _needs_spacing(ch: str) -> bool:
    """CLDR's default currencyMatch ``[[:^S:]&[:^Z:]]``: a letter-like end of the symbol."""
    return unicodedata.category(ch)[0] not in ("S", "Z")


def _spaced(affix: str, symbol: str, *, prefix: bool) -> str:
    r"""Apply CLDR's default currency spacing to one prefix/suffix (Babel does not).

    CLDR inserts U+00A0 between a currency symbol that ends (or starts) with a letter and an
    adjacent digit: ``KWD\xa01.234`` and ``CHF\xa012.00``, but ``$12.00`` and ``￥1,235``.
    """
    if not symbol:
        return affix
    if prefix and affix.endswith("¤") and not affix.endswith("¤¤") and _needs_spacing(symbol[-1]):
        return affix + _NBSP
    if not prefix and affix.startswith("¤") and not affix.startswith("¤¤") and _needs_spacing(symbol[0]):
        return _NBSP + affix
    return affix


@functools.lru_cache(maxsize=1024)
def _money_pattern(locale: str, currency: str, decimals: int) -> NumberPattern:
    """The locale's standard currency pattern, ``decimals`` fraction digits, CLDR spacing."""
    loc = _locale(locale)
    pattern = copy.copy(loc.currency_formats["standard"])
    pattern.frac_prec = (decimals, decimals)
    symbol = babel.numbers.get_currency_symbol(currency, locale=loc)
    pattern.prefix = tuple(_spaced(a, symbol, prefix=True) for a in pattern.prefix)
    pattern.suffix = tuple(_spaced(a, symbol, prefix=False) for a in pattern.suffix)
    return pattern


def format_money(money: Money, locale: str) -> str:
    r"""``money`` in the locale's currency format, with the currency's ISO minor units.

    >>> format_money(Money(123450, "EUR"), "de")
    '1.234,50\xa0€'
    >>> format_money(Money(123450, "USD"), "en_US")
    '$1,234.50'
    >>> format_money(Money(1235, "JPY"), "ja_JP")
    '￥1,235'
    >>> format_money(Money(1234, "KWD"), "en"), format_money(Money(-1200, "CHF"), "en")
    ('KWD\xa01.234', '-CHF\xa012.00')
    """
    if not isinstance(money, Money):
        raise TypeError(f"format_money needs a Money, not {type(money).__name__}")
    return babel.numbers.format_currency(
        money.to_decimal(),
        money.currency,
        format=_money_pattern(locale, money.currency, money.exponent),
        locale=_locale(locale),
        currency_digits=False,
    )


def format_number(value: int | Decimal, locale: str) -> str:
    """A number with the locale's separators, keeping every digit it has (no rounding).

    >>> format_number(1234567, "en"), format_number(Decimal("1234.5678"), "de")
    ('1,234,567', '1.234,5678')
    """
    _refuse_float(value, "value")
    return babel.numbers.format_decimal(value, locale=_locale(locale), decimal_quantization=False)


def format_percent(value: Decimal, locale: str) -> str:
    r"""A fraction as a percentage (``Decimal("0.19")`` is 19 %), keeping its digits.

    >>> format_percent(Decimal("0.19"), "de"), format_percent(Decimal("0.19"), "en")
    ('19\xa0%', '19%')
    >>> format_percent(Decimal("0.081"), "en")
    '8.1%'
    """
    _refuse_float(value, "value")
    return babel.numbers.format_percent(value, locale=_locale(locale), decimal_quantization=False)


def format_date(value: date | datetime, locale: str, format: str = "medium") -> str:
    """A calendar date (``"short"``, ``"medium"``, ``"long"``, ``"full"`` or a CLDR pattern).

    A ``datetime`` shows its own date: convert it to the shopper's time zone first.

    >>> format_date(date(2026, 10, 6), "en"), format_date(date(2026, 10, 6), "de")
    ('Oct 6, 2026', '06.10.2026')
    """
    if not isinstance(value, date):
        raise TypeError(f"value must be a date or datetime, not {type(value).__name__}")
    if isinstance(value, datetime):
        value = value.date()
    return babel.dates.format_date(value, format=format, locale=_locale(locale))


def format_wait(seconds: int, locale: str) -> str:
    """How long to wait, rounded up to a whole unit (seconds under a minute, else minutes).

    >>> format_wait(1, "en"), format_wait(61, "en"), format_wait(900, "de")
    ('1 second', '2 minutes', '15 Minuten')
    """
    seconds = max(1, int(seconds))
    amount, unit = (seconds, "second") if seconds < 60 else (-(-seconds // 60), "minute")
    return babel.dates.format_timedelta(amount * (1 if unit == "second" else 60), granularity=unit,
                                        threshold=100, format="long", locale=_locale(locale))


_KG_STEP = Decimal("0.1")


def format_weight_g(grams: int, locale: str) -> str:
    """A weight given in grams: ``"180 g"`` below 1 kg, else kilograms to 0.1 kg (half up).

    >>> format_weight_g(180, "en"), format_weight_g(1400, "de"), format_weight_g(1400, "en")
    ('180 g', '1,4 kg', '1.4 kg')
    >>> format_weight_g(2000, "en"), format_weight_g(1250, "en")
    ('2 kg', '1.3 kg')
    """
    if isinstance(grams, bool) or not isinstance(grams, int):
        raise TypeError(f"grams must be an int, not {type(grams).__name__}")
    if grams < 0:
        raise ValueError(f"a weight cannot be negative, got {grams} g")
    loc = _locale(locale)
    if grams < 1000:
        return babel.units.format_unit(grams, "mass-gram", length="short", locale=loc)
    kg = (Decimal(grams) / 1000).quantize(_KG_STEP, rounding=ROUND_HALF_UP)
    return babel.units.format_unit(kg, "mass-kilogram", length="short", format="#,##0.#", locale=loc)


def country_name(code: str, locale: str) -> str:
    """The territory's name in ``locale`` (CLDR); the code itself if CLDR does not know it.

    >>> country_name("DE", "en"), country_name("DE", "de"), country_name("JP", "ja")
    ('Germany', 'Deutschland', '日本')
    """
    key = code.upper() if isinstance(code, str) else code
    name = _locale(locale).territories.get(key)
    return name if name is not None else str(code)


_REGIONAL_INDICATOR_A = 0x1F1E6


@functools.cache
def _known_regions() -> frozenset[str]:
    names = Locale.parse("en").territories
    return frozenset(code for code in names if len(code) == 2 and code.isalpha() and code != "ZZ")


def flag_emoji(code: str) -> str:
    """The flag emoji (a regional-indicator pair) for a 2-letter region code; ``""`` if invalid.

    >>> flag_emoji("DE"), flag_emoji("jp"), flag_emoji("XY"), flag_emoji("DEU")
    ('🇩🇪', '🇯🇵', '', '')
    """
    if not isinstance(code, str) or len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    code = code.upper()
    if code not in _known_regions():
        return ""
    return "".join(chr(_REGIONAL_INDICATOR_A + ord(c) - ord("A")) for c in code)


def currency_name(code: str, locale: str) -> str:
    """The currency's display name in ``locale`` (the code itself if CLDR has none).

    >>> currency_name("EUR", "en"), currency_name("JPY", "de")
    ('Euro', 'Japanischer Yen')
    """
    return babel.numbers.get_currency_name(code, locale=_locale(locale))


def currency_symbol(code: str, locale: str) -> str:
    """The currency's symbol as ``locale`` writes it (the code itself if CLDR has none).

    >>> currency_symbol("EUR", "de"), currency_symbol("USD", "en_US"), currency_symbol("USD", "en_GB")
    ('€', '$', 'US$')
    """
    return babel.numbers.get_currency_symbol(code, locale=_locale(locale))


__all__ = [
    "country_name",
    "currency_name",
    "currency_symbol",
    "flag_emoji",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_weight_g",
]

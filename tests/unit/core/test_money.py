"""Money: integer minor units, ISO exponents, named rounding, no mixed currencies, no floats."""

from __future__ import annotations

import dataclasses
import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from babel.numbers import get_currency_precision
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.currencies import CLDR_DIGITS_DIFFER, MINOR_UNITS
from marketplace.core.money import (
    CurrencyMismatch,
    Money,
    Rounding,
    UnknownCurrency,
    exponent,
    sum_money,
)

# -- the ISO 4217 exponent table ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("EUR", 2),
        ("USD", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("ISK", 0),
        ("VND", 0),
        ("KWD", 3),
        ("BHD", 3),
        ("IQD", 3),
        ("TND", 3),
        ("RSD", 2),
        ("MGA", 2),
        ("CLF", 4),
        ("UYW", 4),
    ],
)
def test_exponent_follows_iso_4217(code: str, expected: int) -> None:
    # given an active ISO 4217 code / when its exponent is asked / then it is ISO's minor unit
    assert exponent(code) == expected


@pytest.mark.parametrize("code", ["XYZ", "eur", "EURO", "", "BGN", "HRK", "XAU", "XXX"])
def test_exponent_refuses_codes_outside_the_table(code: str) -> None:
    # given unknown, lower-case, withdrawn or unit-less codes / then UnknownCurrency (a ValueError)
    with pytest.raises(UnknownCurrency):
        exponent(code)
    assert issubclass(UnknownCurrency, ValueError)


def test_table_differs_from_babel_exactly_where_documented() -> None:
    # given Babel's CLDR digits / when compared with our ISO table
    differ = {
        code: (iso, get_currency_precision(code))
        for code, iso in MINOR_UNITS.items()
        if get_currency_precision(code) != iso
    }
    # then the divergences are the documented ones (IQD 3/0, RSD 2/0, MGA 2/0, ...)
    assert differ == dict(CLDR_DIGITS_DIFFER)
    assert {"IQD": (3, 0), "RSD": (2, 0), "MGA": (2, 0)}.items() <= differ.items()


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        MINOR_UNITS["EUR"] = 3  # type: ignore[index]


# -- construction -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [19.99, 1.0, True, False, "1999", Decimal("1999"), None])
def test_money_refuses_non_int_minor_units(bad: object) -> None:
    # given a float, bool, str, Decimal or None as minor units / then TypeError
    with pytest.raises(TypeError):
        Money(bad, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["eur", "EURO", "XYZ", "BGN"])
def test_money_refuses_unknown_currency(code: str) -> None:
    with pytest.raises(UnknownCurrency):
        Money(100, code)


def test_money_refuses_non_string_currency() -> None:
    with pytest.raises(UnknownCurrency):
        Money(100, 978)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.005, 0.1, True])
def test_of_refuses_float_and_bool(bad: object) -> None:
    with pytest.raises(TypeError):
        Money.of(bad, "EUR", Rounding.HALF_UP)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", Decimal("NaN"), Decimal("-Infinity")])
def test_of_refuses_non_finite_or_garbage(bad: object) -> None:
    with pytest.raises(ValueError):
        Money.of(bad, "EUR", Rounding.HALF_UP)  # type: ignore[arg-type]


def test_of_requires_a_rounding_rule() -> None:
    with pytest.raises(TypeError):
        Money.of("1.00", "EUR")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        Money.of("1.00", "EUR", "nearest")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "currency", "rounding", "minor"),
    [
        ("1.005", "EUR", Rounding.HALF_UP, 101),
        ("1.005", "EUR", Rounding.HALF_EVEN, 100),
        ("1.015", "EUR", Rounding.HALF_EVEN, 102),
        ("-1.005", "EUR", Rounding.HALF_UP, -101),
        ("1.009", "EUR", Rounding.DOWN, 100),
        ("1.001", "EUR", Rounding.UP, 101),
        ("99.9", "JPY", Rounding.DOWN, 99),
        ("-99.9", "JPY", Rounding.DOWN, -99),
        ("99.1", "JPY", Rounding.UP, 100),
        ("99.5", "JPY", Rounding.HALF_UP, 100),
        ("98.5", "JPY", Rounding.HALF_EVEN, 98),
        ("1.2345", "KWD", Rounding.HALF_UP, 1235),
        ("1.2345", "KWD", Rounding.HALF_EVEN, 1234),
        ("0.00005", "CLF", Rounding.HALF_UP, 1),
        (Decimal("19.99"), "EUR", Rounding.HALF_UP, 1999),
        (5, "EUR", Rounding.HALF_UP, 500),
        (3200, "JPY", Rounding.HALF_UP, 3200),
        (" 7.5 ", "USD", Rounding.HALF_UP, 750),
        ("1.005", "EUR", "half_up", 101),
    ],
)
def test_of_rounds_to_the_currency_exponent_by_the_named_rule(
    amount: object, currency: str, rounding: Rounding, minor: int
) -> None:
    # given a major-unit amount / when built with a named rounding / then minor units are exact
    assert Money.of(amount, currency, rounding) == Money(minor, currency)  # type: ignore[arg-type]


def test_of_ignores_the_ambient_decimal_context() -> None:
    # given a caller's decimal context with tiny precision and a trap on inexact results
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.traps[decimal.Inexact] = True
        # when a long amount is built / then it is still exact
        assert Money.of("123456789012.345", "EUR", Rounding.HALF_UP).minor == 12345678901235
        assert Money(12345678901234567, "EUR").to_decimal() == Decimal("123456789012345.67")


def test_zero() -> None:
    assert Money.zero("JPY") == Money(0, "JPY")
    assert not Money.zero("EUR")


# -- reading --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("money", "decimal_value", "text"),
    [
        (Money(1999, "EUR"), Decimal("19.99"), "19.99"),
        (Money(3200, "JPY"), Decimal("3200"), "3200"),
        (Money(1234, "KWD"), Decimal("1.234"), "1.234"),
        (Money(5, "EUR"), Decimal("0.05"), "0.05"),
        (Money(-5, "EUR"), Decimal("-0.05"), "-0.05"),
        (Money(0, "EUR"), Decimal("0.00"), "0.00"),
        (Money(1, "CLF"), Decimal("0.0001"), "0.0001"),
        (Money(10**20, "IDR"), Decimal("1000000000000000000.00"), "1000000000000000000.00"),
    ],
)
def test_to_decimal_and_amount_str_are_exact(money: Money, decimal_value: Decimal, text: str) -> None:
    # then the value is exact and carries exactly the exponent's decimal places
    assert money.to_decimal() == decimal_value
    assert money.to_decimal().as_tuple().exponent == -money.exponent
    assert money.amount_str() == text


def test_str_shows_amount_and_code() -> None:
    assert str(Money(1999, "EUR")) == "19.99 EUR"
    assert str(Money(3200, "JPY")) == "3200 JPY"


def test_money_is_immutable_and_hashable() -> None:
    price = Money(1999, "EUR")
    with pytest.raises(dataclasses.FrozenInstanceError):
        price.minor = 1  # type: ignore[misc]
    assert {price, Money(1999, "EUR")} == {price}


# -- arithmetic -----------------------------------------------------------------------------------


def test_add_sub_neg_same_currency() -> None:
    assert Money(1999, "EUR") + Money(1, "EUR") == Money(2000, "EUR")
    assert Money(1999, "EUR") - Money(2000, "EUR") == Money(-1, "EUR")
    assert -Money(500, "JPY") == Money(-500, "JPY")
    assert abs(Money(-500, "JPY")) == Money(500, "JPY")


@pytest.mark.parametrize("op", ["+", "-", "<", "<=", ">", ">="])
def test_mixing_currencies_raises(op: str) -> None:
    # given euros and dollars / when combined or ordered / then CurrencyMismatch
    eur, usd = Money(100, "EUR"), Money(100, "USD")
    operations = {
        "+": lambda: eur + usd,
        "-": lambda: eur - usd,
        "<": lambda: eur < usd,
        "<=": lambda: eur <= usd,
        ">": lambda: eur > usd,
        ">=": lambda: eur >= usd,
    }
    with pytest.raises(CurrencyMismatch):
        operations[op]()


def test_equality_across_currencies_is_false_not_an_error() -> None:
    assert Money(100, "EUR") != Money(100, "USD")
    assert Money(100, "EUR") != 100


def test_comparisons_same_currency() -> None:
    small, big = Money(100, "EUR"), Money(200, "EUR")
    assert small < big and small <= big and big > small and big >= small
    assert small <= Money(100, "EUR") >= small
    assert max([small, big]) == big


@pytest.mark.parametrize("other", [1, 0.5, Decimal("1")])
def test_adding_numbers_is_refused(other: object) -> None:
    with pytest.raises(TypeError):
        Money(100, "EUR") + other  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(100, "EUR") < other  # type: ignore[operator]


def test_bool_is_non_zero() -> None:
    assert Money(1, "EUR")
    assert Money(-1, "EUR")
    assert not Money(0, "EUR")


def test_multiply_by_int() -> None:
    assert Money(1999, "EUR") * 3 == Money(5997, "EUR")
    assert 3 * Money(1999, "EUR") == Money(5997, "EUR")


@pytest.mark.parametrize("factor", [Decimal("1.5"), 1.5, True, "2", Fraction(1, 2)])
def test_star_multiplication_refuses_non_int(factor: object) -> None:
    # a fractional multiplier must name its rounding through multiply()
    with pytest.raises(TypeError):
        Money(1999, "EUR") * factor  # type: ignore[operator]
    with pytest.raises(TypeError):
        factor * Money(1999, "EUR")  # type: ignore[operator]


@pytest.mark.parametrize(
    ("money", "factor", "rounding", "expected"),
    [
        (Money(1999, "EUR"), Decimal("0.19"), Rounding.HALF_UP, Money(380, "EUR")),  # 3.7981
        (Money(1050, "EUR"), Decimal("0.1"), Rounding.HALF_UP, Money(105, "EUR")),
        (Money(1050, "EUR"), Decimal("0.05"), Rounding.HALF_UP, Money(53, "EUR")),  # 52.5
        (Money(1050, "EUR"), Decimal("0.05"), Rounding.HALF_EVEN, Money(52, "EUR")),
        (Money(2990, "JPY"), Decimal("0.08"), Rounding.DOWN, Money(239, "JPY")),  # 239.2
        (Money(2990, "JPY"), Decimal("0.08"), Rounding.UP, Money(240, "JPY")),
        (Money(1999, "EUR"), 2, Rounding.HALF_UP, Money(3998, "EUR")),
        (Money(-1050, "EUR"), Decimal("0.05"), Rounding.HALF_UP, Money(-53, "EUR")),
    ],
)
def test_multiply_rounds_once_by_the_named_rule(
    money: Money, factor: Decimal, rounding: Rounding, expected: Money
) -> None:
    assert money.multiply(factor, rounding) == expected


@pytest.mark.parametrize("factor", [0.19, True, "0.19"])
def test_multiply_refuses_float_bool_and_str(factor: object) -> None:
    with pytest.raises(TypeError):
        Money(1999, "EUR").multiply(factor, Rounding.HALF_UP)  # type: ignore[arg-type]


# -- allocation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minor", "weights", "parts"),
    [
        (1000, [1, 1, 1], [334, 333, 333]),
        (100, [1, 1, 1], [34, 33, 33]),
        (5, [3, 7], [2, 3]),  # exact shares 1.5 and 3.5: the tie goes to the earlier part
        (1000, [1, 0, 1], [500, 0, 500]),
        (1, [1, 1, 1], [1, 0, 0]),
        (-1000, [1, 1, 1], [-334, -333, -333]),
        (0, [2, 3], [0, 0]),
        (7, [5], [7]),
    ],
)
def test_allocate_examples(minor: int, weights: list[int], parts: list[int]) -> None:
    result = Money(minor, "EUR").allocate(weights)
    assert [m.minor for m in result] == parts
    assert all(m.currency == "EUR" for m in result)


@pytest.mark.parametrize(
    ("weights", "error"),
    [
        ([], ValueError),
        ([0, 0], ValueError),
        ([1, -1], ValueError),
        ([1.5, 1], TypeError),
        ([True], TypeError),
    ],
)
def test_allocate_refuses_bad_weights(weights: list[object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Money(1000, "EUR").allocate(weights)  # type: ignore[arg-type]


@given(
    minor=st.integers(min_value=-(10**15), max_value=10**15),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20).filter(any),
)
def test_allocate_sums_exactly_and_stays_within_one_minor_unit(minor: int, weights: list[int]) -> None:
    # given any amount and any non-negative weights (not all zero)
    whole = Money(minor, "JPY")
    # when allocated
    parts = whole.allocate(weights)
    # then the parts add up exactly to the whole, one part per weight
    assert len(parts) == len(weights)
    assert sum_money(parts, "JPY") == whole
    # and each part is within one minor unit of its exact proportional share
    total = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(minor * weight, total)
        assert abs(part.minor - exact) < 1
        if weight == 0:
            assert part.minor == 0


# -- sum_money ---------------------------------------------------------------------------------------


def test_sum_money() -> None:
    assert sum_money([Money(150, "EUR"), Money(250, "EUR")], "EUR") == Money(400, "EUR")
    assert sum_money((m for m in [Money(1, "KWD")] * 3), "KWD") == Money(3, "KWD")


def test_sum_money_of_nothing_is_zero_in_the_given_currency() -> None:
    assert sum_money([], "JPY") == Money(0, "JPY")


def test_sum_money_refuses_other_currencies() -> None:
    with pytest.raises(CurrencyMismatch):
        sum_money([Money(150, "EUR"), Money(250, "USD")], "EUR")
    with pytest.raises(CurrencyMismatch):
        sum_money([Money(150, "USD")], "EUR")
    with pytest.raises(UnknownCurrency):
        sum_money([], "XYZ")


def test_rounding_values_are_stable_strings() -> None:
    # the enum values are stored (e.g. with a conversion) so they must not change
    assert [r.value for r in Rounding] == ["half_up", "half_even", "down", "up"]

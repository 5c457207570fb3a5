"""Stripe's minor units: two decimals, zero-decimal currencies, three-decimal ones in multiples of ten."""

from __future__ import annotations

import pytest

from marketplace.core.money import Money
from marketplace.payments.gateway import from_provider_amount, to_provider_amount


@pytest.mark.parametrize(
    ("money", "amount"),
    [
        (Money(1999, "EUR"), 1999),
        (Money(2990, "JPY"), 2990),
        (Money(1_000_000, "KRW"), 1_000_000),
        (Money(1230, "KWD"), 1230),
        (Money(10, "BHD"), 10),
        (Money(5, "ISK"), 500),  # zero-decimal, but sent to Stripe as a two-decimal value ending in 00
        (Money(150_000, "MGA"), 1500),  # ISO has two decimals, Stripe none
        (Money(12_345_678_901_234, "IDR"), 12_345_678_901_234),  # beyond 32 bits
    ],
)
def test_to_provider_amount_and_back(money, amount):
    assert to_provider_amount(money) == amount
    assert from_provider_amount(amount, money.currency.lower()) == money


@pytest.mark.parametrize("code", ["KWD", "BHD", "JOD", "OMR", "TND"])
def test_three_decimal_currencies_must_be_multiples_of_ten(code):
    with pytest.raises(ValueError, match="multiples of 10"):
        to_provider_amount(Money(1234, code))


def test_fractional_mga_cannot_be_charged():
    with pytest.raises(ValueError, match="whole units"):
        to_provider_amount(Money(150_050, "MGA"))


@pytest.mark.parametrize("code", ["CLF", "IQD"])
def test_currencies_stripe_does_not_support(code):
    with pytest.raises(ValueError, match="does not support"):
        to_provider_amount(Money(1000, code))

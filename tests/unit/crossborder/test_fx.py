"""FX: the embedded ECB snapshot, cross rates through the euro, USD pegs, one rounding per conversion.

Expected figures come from the ECB reference rates of 2026-10-06 (1 EUR = 1.1269 USD,
178.15 JPY, 0.84880 GBP, ...) and the worked cross-rate and conversion examples recorded in
Meridian's cross-border facts (2026-11-25), copied here so the tests read nothing outside the repo.
"""

from __future__ import annotations

import decimal
import json
from dataclasses import FrozenInstanceError
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.money import Money, Rounding, UnknownCurrency
from marketplace.crossborder.fx import (
    ECB_SOURCE,
    Conversion,
    EmbeddedEcbProvider,
    RateProvider,
    RateQuote,
    RatesNotAvailable,
    convert,
    default_provider,
    supported_currencies,
)

AS_OF = date(2026, 10, 6)
SOURCE = "ECB reference rates 2026-10-06 (embedded)"
ECB_CURRENCIES = {
    "USD", "JPY", "CZK", "DKK", "GBP", "HUF", "PLN", "RON", "SEK", "CHF", "ISK", "NOK", "TRY", "AUD",
    "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP", "SGD", "THB", "ZAR",
}  # fmt: skip
PEGGED = {"AED", "SAR", "QAR", "BHD", "OMR", "JOD"}

# crossborder-facts.json > ecb_reference_rates > cross_rate_examples (rates to 6 dp)
CROSS_RATE_EXAMPLES = [
    ("USD", "GBP", "0.753217"),
    ("GBP", "USD", "1.327639"),
    ("USD", "JPY", "158.088562"),
    ("GBP", "JPY", "209.884543"),
    ("CHF", "NOK", "11.516188"),
    ("CNY", "AUD", "0.213622"),
    ("EUR", "USD", "1.126900"),
    ("USD", "EUR", "0.887390"),
]

# crossborder-facts.json > ecb_reference_rates > conversion_examples
CONVERSION_EXAMPLES = [
    ("100.00", "USD", "EUR", "88.74"),
    ("1000", "JPY", "EUR", "5.61"),
    ("135.00", "GBP", "EUR", "159.05"),
    ("150.00", "EUR", "GBP", "127.32"),
]


@pytest.fixture
def provider() -> EmbeddedEcbProvider:
    return EmbeddedEcbProvider()


# -- the bundled snapshot -------------------------------------------------------------------------


def test_snapshot_file_is_the_2026_10_06_ecb_publication() -> None:
    # given the JSON shipped with the package
    raw = json.loads(
        resources.files("marketplace.crossborder")
        .joinpath("data", "ecb_rates_2026-10-06.json")
        .read_text("utf-8")
    )
    # then it is dated, sourced, and holds the 29 ECB currencies and six USD pegs as strings
    assert raw["date"] == "2026-10-06"
    assert "European Central Bank" in raw["source"]
    assert set(raw["rates_per_EUR"]) == ECB_CURRENCIES
    assert set(raw["pegged_per_USD"]) == PEGGED
    assert all(isinstance(v, str) for v in [*raw["rates_per_EUR"].values(), *raw["pegged_per_USD"].values()])
    assert raw["rates_per_EUR"]["USD"] == "1.1269"
    assert raw["rates_per_EUR"]["GBP"] == "0.84880"
    assert raw["pegged_per_USD"]["AED"] == "3.6725"


def test_provider_source_and_date(provider: EmbeddedEcbProvider) -> None:
    assert provider.source == SOURCE == ECB_SOURCE
    assert provider.as_of == AS_OF


def test_default_provider_is_the_embedded_snapshot() -> None:
    assert isinstance(default_provider(), EmbeddedEcbProvider)
    assert default_provider() is default_provider()


def test_supported_currencies_are_ecb_plus_euro_plus_pegs() -> None:
    currencies = supported_currencies()
    assert set(currencies) == ECB_CURRENCIES | PEGGED | {"EUR"}
    assert list(currencies) == sorted(currencies)
    assert "KWD" not in currencies  # basket-managed, not pegged: needs a live source


# -- rates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("base", "quote", "rate_6dp"), CROSS_RATE_EXAMPLES)
def test_cross_rates_go_through_the_euro(
    provider: EmbeddedEcbProvider, base: str, quote: str, rate_6dp: str
) -> None:
    # when a cross rate is asked / then it is rate_quote / rate_base of the per-EUR figures
    rate = provider.rate(base, quote).rate
    assert rate.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP) == Decimal(rate_6dp)


def test_euro_rates_are_the_published_figures_exactly(provider: EmbeddedEcbProvider) -> None:
    assert provider.rate("EUR", "USD").rate == Decimal("1.1269")
    assert provider.rate("EUR", "JPY").rate == Decimal("178.15")
    assert provider.rate("EUR", "GBP").rate == Decimal("0.84880")


def test_a_cross_rate_is_computed_at_28_significant_digits(provider: EmbeddedEcbProvider) -> None:
    rate = provider.rate("USD", "EUR").rate
    assert rate == Decimal("0.8873901854645487620906912770")  # 1 / 1.1269 at precision 28
    assert isinstance(rate, Decimal)


@pytest.mark.parametrize("code", ["EUR", "USD", "JPY", "AED"])
def test_same_currency_rate_is_one(provider: EmbeddedEcbProvider, code: str) -> None:
    quote = provider.rate(code, code)
    assert quote.rate == Decimal(1)
    assert (quote.source, quote.as_of) == (SOURCE, AS_OF)


def test_pegged_currencies_go_through_usd(provider: EmbeddedEcbProvider) -> None:
    # given AED pegged at 3.6725 per USD and 1 EUR = 1.1269 USD
    assert provider.rate("USD", "AED").rate == Decimal("3.6725")
    assert provider.rate("EUR", "AED").rate == Decimal("3.6725") * Decimal("1.1269")
    assert provider.rate("USD", "SAR").rate == Decimal("3.75")
    assert provider.rate("USD", "BHD").rate == Decimal("0.376")
    # and between two pegged currencies the USD leg cancels out
    assert provider.rate("AED", "SAR").rate == (Decimal("3.75") / Decimal("3.6725"))


@pytest.mark.parametrize(
    ("base", "quote"), [("EUR", "KWD"), ("KWD", "EUR"), ("USD", "XYZ"), ("BGN", "EUR"), ("eur", "USD")]
)
def test_unknown_currency_raises_rates_not_available(
    provider: EmbeddedEcbProvider, base: str, quote: str
) -> None:
    with pytest.raises(RatesNotAvailable):
        provider.rate(base, quote)
    assert issubclass(RatesNotAvailable, LookupError)


def test_a_date_before_the_snapshot_has_no_rate(provider: EmbeddedEcbProvider) -> None:
    with pytest.raises(RatesNotAvailable):
        provider.rate("EUR", "USD", on=date(2026, 10, 5))


@pytest.mark.parametrize("on", [date(2026, 10, 6), date(2026, 10, 10), datetime(2026, 11, 25, 9, 30)])
def test_a_later_date_gets_the_latest_published_rate_with_its_own_date(
    provider: EmbeddedEcbProvider, on: date
) -> None:
    quote = provider.rate("EUR", "USD", on=on)
    assert quote.rate == Decimal("1.1269")
    assert quote.as_of == AS_OF


def test_rate_quote_refuses_floats_and_non_positive_rates() -> None:
    with pytest.raises(TypeError):
        RateQuote("EUR", "USD", 1.1269, SOURCE, AS_OF)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RateQuote("EUR", "USD", Decimal(0), SOURCE, AS_OF)
    with pytest.raises(ValueError):
        RateQuote("EUR", "USD", Decimal("NaN"), SOURCE, AS_OF)


# -- conversions --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "source", "target", "expected"), CONVERSION_EXAMPLES)
def test_documented_conversion_examples(amount: str, source: str, target: str, expected: str) -> None:
    original = Money.of(amount, source, Rounding.HALF_UP)
    assert convert(original, target).converted == Money.of(expected, target, Rounding.HALF_UP)


def test_eur_to_jpy_has_no_decimals() -> None:
    # 19.99 EUR x 178.15 = 3561.2185 JPY -> 3561 JPY
    conversion = convert(Money(1999, "EUR"), "JPY")
    assert conversion.converted == Money(3561, "JPY")
    assert conversion.rate == Decimal("178.15")


def test_usd_to_gbp_cross() -> None:
    # 100.00 USD x (0.84880 / 1.1269) = 75.3216789... GBP -> 75.32 GBP
    assert convert(Money(10000, "USD"), "GBP").converted == Money(7532, "GBP")


@pytest.mark.parametrize(
    ("yen", "euro_cents"),
    [
        (1000, 561),  # 5.6132... -> 5.61
        (1, 1),  # 0.005613... -> 0.01 (half up)
        (89, 50),  # 0.499579... -> 0.50
        (2990, 1678),  # 16.7836... -> 16.78
    ],
)
def test_jpy_to_eur_rounds_half_up_to_cents(yen: int, euro_cents: int) -> None:
    assert convert(Money(yen, "JPY"), "EUR").converted == Money(euro_cents, "EUR")


def test_conversion_rounds_half_up_at_the_target_exponent() -> None:
    # 0.50 EUR in JPY is 89.075 -> 89; 2.00 EUR is 356.30 -> 356; 0.01 EUR is 1.7815 -> 2
    assert convert(Money(50, "EUR"), "JPY").converted == Money(89, "JPY")
    assert convert(Money(1, "EUR"), "JPY").converted == Money(2, "JPY")
    # to a 3-decimal currency: 100 EUR = 100 x 1.1269 x 0.376 = 42.37144 BHD -> 42.371
    assert convert(Money(10000, "EUR"), "BHD").converted == Money(42371, "BHD")
    # to a 0-decimal currency: 10 USD in KRW = 10 x 1508.67 / 1.1269 = 13387.79... -> 13388
    assert convert(Money(1000, "USD"), "KRW").converted == Money(13388, "KRW")


def test_pegged_aed_conversion() -> None:
    # 100.00 USD = 367.25 AED exactly; 100.00 AED = 100 / (3.6725 x 1.1269) EUR = 24.16... EUR
    assert convert(Money(10000, "USD"), "AED").converted == Money(36725, "AED")
    assert convert(Money(10000, "AED"), "EUR").converted == Money(2416, "EUR")


def test_same_currency_conversion_is_the_identity() -> None:
    conversion = convert(Money(1999, "EUR"), "EUR")
    assert conversion.converted == Money(1999, "EUR")
    assert conversion.rate == Decimal(1)


def test_conversion_carries_source_date_rate_and_rounding() -> None:
    # given a conversion / then everything an order must store travels with it
    conversion = convert(Money(10000, "USD"), "EUR")
    assert isinstance(conversion, Conversion)
    assert conversion.original == Money(10000, "USD")
    assert conversion.converted == Money(8874, "EUR")
    assert conversion.source == SOURCE
    assert conversion.as_of == AS_OF
    assert conversion.rounding is Rounding.HALF_UP
    assert conversion.rate == Decimal("0.8873901854645487620906912770")
    # the unrounded product is the documented one, rounded once
    assert conversion.original.to_decimal() * conversion.rate == Decimal("88.73901854645487620906912770")
    with pytest.raises(FrozenInstanceError):
        conversion.rate = Decimal(1)  # type: ignore[misc]


def test_conversion_of_unknown_currency_raises() -> None:
    with pytest.raises(RatesNotAvailable):
        convert(Money(1000, "EUR"), "KWD")
    with pytest.raises(RatesNotAvailable):
        convert(Money(1000, "KWD"), "EUR")
    with pytest.raises(RatesNotAvailable):
        convert(Money(1000, "EUR"), "XYZ")


def test_conversion_on_a_date_before_the_snapshot_raises() -> None:
    with pytest.raises(RatesNotAvailable):
        convert(Money(1000, "EUR"), "USD", on=date(2026, 1, 2))


@given(
    minor=st.integers(min_value=-(10**12), max_value=10**12),
    pair=st.tuples(
        st.sampled_from(sorted(ECB_CURRENCIES | PEGGED | {"EUR"})),
        st.sampled_from(["EUR", "JPY", "BHD", "USD", "KRW"]),
    ),
)
def test_converted_amount_is_the_exact_product_rounded_once(minor: int, pair: tuple[str, str]) -> None:
    # given any amount and pair (targets with 0, 2 and 3 decimals)
    source, target = pair
    conversion = convert(Money(minor, source), target)
    # then the stored rate reproduces the charged amount (product taken exactly)
    with decimal.localcontext(prec=100):
        product = conversion.original.to_decimal() * conversion.rate
    assert Money.of(product, target, Rounding.HALF_UP) == conversion.converted
    # and the charged amount is within half a minor unit of the exact product
    exact = (
        Fraction(conversion.original.to_decimal())
        * Fraction(conversion.rate)
        * 10**conversion.converted.exponent
    )
    assert abs(conversion.converted.minor - exact) <= Fraction(1, 2)


# -- the provider seam (forex-python and staff overrides will plug in here) ------------------------


class FixedRates:
    """A stand-in provider, as a staff override would be: fixed rates with their own source."""

    def __init__(self, rates: dict[tuple[str, str], str]) -> None:
        self._rates = rates

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        try:
            value = Decimal(self._rates[(base, quote)])
        except KeyError:
            raise RatesNotAvailable(f"{base}->{quote}") from None
        return RateQuote(base, quote, value, "staff override #7", date(2026, 11, 1))


def test_convert_uses_the_given_provider_and_reports_its_source() -> None:
    provider: RateProvider = FixedRates({("EUR", "JPY"): "180"})
    conversion = convert(Money(1999, "EUR"), "JPY", provider=provider)
    assert conversion.converted == Money(3598, "JPY")  # 19.99 x 180 = 3598.2
    assert (conversion.source, conversion.as_of) == ("staff override #7", date(2026, 11, 1))


def test_convert_refuses_a_provider_answering_another_pair() -> None:
    class Confused(FixedRates):
        def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
            return RateQuote("EUR", "USD", Decimal("1.1"), "confused", AS_OF)

    with pytest.raises(ValueError):
        convert(Money(100, "EUR"), "GBP", provider=Confused({}))


def test_convert_to_a_non_iso_code_from_a_lenient_provider_still_fails() -> None:
    provider = FixedRates({("EUR", "BTC"): "0.00001"})
    with pytest.raises(UnknownCurrency):
        convert(Money(100, "EUR"), "BTC", provider=provider)


def test_supported_currencies_needs_a_provider_that_can_list_them() -> None:
    with pytest.raises(TypeError):
        supported_currencies(FixedRates({}))
    assert supported_currencies(EmbeddedEcbProvider()) == supported_currencies()

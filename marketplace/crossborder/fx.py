"""Currency conversion with exchange rates that carry their source and as-of date.

Contract:
    * A :class:`RateProvider` answers ``rate(base, quote, on)`` with a :class:`RateQuote`
      meaning "1 ``base`` = ``rate`` ``quote``" (a positive ``Decimal``), its ``source`` text
      and the ``as_of`` date of the published figures, or raises :class:`RatesNotAvailable`.
      Providers never return floats and never mutate their data.
    * :func:`convert` turns Money into another currency: ``converted = original × rate``, computed
      exactly and rounded ONCE to the target currency's ISO exponent with ``Rounding.HALF_UP``.
      The returned :class:`Conversion` holds the exact rate used, its source and as-of date,
      so the same figures can be stored with an order and the amount reproduced from them:
      ``Money.of(original.to_decimal() * rate, target, HALF_UP) == converted`` (the product
      taken exactly). Store the rate as its full decimal string: it may carry up to 28
      significant digits.
    * Cross rates: a rate between two non-euro currencies is ``rate_quote / rate_base`` of
      their per-EUR figures, one division at 28 significant digits (``RATE_PRECISION``).

Providers: :class:`EmbeddedEcbProvider` (this module) reads the bundled ECB reference-rate
snapshot ``data/ecb_rates_2026-10-06.json`` (see ``data/SOURCES.md``) and needs no network. A
later issue adds a forex-python provider (with timeout, cache and fallback to this one) and
staff overrides behind the same :class:`RateProvider` interface; :func:`default_provider` is
the one place that will choose among them.
"""

from __future__ import annotations

import decimal
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from marketplace.core.money import Money, Rounding, exponent

RATE_PRECISION = 28
"""Significant digits of a computed cross rate (Decimal's default precision; never float)."""

_RATE_CONTEXT = decimal.Context(
    prec=RATE_PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

SNAPSHOT_FILE = "ecb_rates_2026-10-06.json"
ECB_SOURCE = "ECB reference rates 2026-10-06 (embedded)"


class RatesNotAvailable(LookupError):
    """The provider has no rate for this currency pair (or for that date)."""


@dataclass(frozen=True)
class RateQuote:
    """1 ``base`` = ``rate`` ``quote``, as published by ``source`` for ``as_of``."""

    base: str
    quote: str
    rate: Decimal
    source: str
    as_of: date

    def __post_init__(self) -> None:
        if not isinstance(self.rate, Decimal):
            raise TypeError(f"rate must be a Decimal, not {type(self.rate).__name__}")
        if not self.rate.is_finite() or self.rate <= 0:
            raise ValueError(f"rate must be a positive finite Decimal, got {self.rate!r}")


@dataclass(frozen=True)
class Conversion:
    """The outcome of one conversion, with everything needed to store and reproduce it."""

    original: Money
    converted: Money
    rate: Decimal
    source: str
    as_of: date
    rounding: Rounding


class RateProvider(Protocol):
    """Anything that can quote an exchange rate."""

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote`` on ``on`` (``None``: the latest the provider has).

        Raises:
            RatesNotAvailable: for a currency or date the provider has no rate for.
        """
        ...


@runtime_checkable
class ListsCurrencies(Protocol):
    """A provider that can also say which currencies it quotes."""

    def currencies(self) -> tuple[str, ...]: ...


# -- the embedded ECB snapshot ------------------------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    as_of: date
    per_eur: Mapping[str, Decimal]
    """Units per 1 EUR for every currency quoted, EUR (1) and the USD-pegged ones included."""


def _parse_rate(code: str, text: object) -> Decimal:
    if not isinstance(text, str):
        raise ValueError(f"rate for {code} must be a decimal string, got {text!r}")
    value = Decimal(text)
    if not value.is_finite() or value <= 0:
        raise ValueError(f"rate for {code} must be positive, got {text!r}")
    exponent(code)  # an ISO 4217 code we can hold money in
    return value


@functools.cache
def _load_snapshot(filename: str = SNAPSHOT_FILE) -> _Snapshot:
    """Read and check the bundled snapshot once; the result is read-only."""
    raw = json.loads(
        (resources.files("marketplace.crossborder") / "data" / filename).read_text(encoding="utf-8")
    )
    per_eur: dict[str, Decimal] = {"EUR": Decimal(1)}
    for code, text in raw["rates_per_EUR"].items():
        per_eur[code] = _parse_rate(code, text)
    usd = per_eur["USD"]
    exact = decimal.Context(prec=100, traps=[decimal.Inexact, decimal.InvalidOperation])
    for code, text in raw.get("pegged_per_USD", {}).items():
        if code in per_eur:
            raise ValueError(f"{code} is both an ECB rate and a USD peg in {filename}")
        per_eur[code] = exact.multiply(_parse_rate(code, text), usd)  # exact: peg x USD per EUR
    return _Snapshot(as_of=date.fromisoformat(raw["date"]), per_eur=MappingProxyType(per_eur))


class EmbeddedEcbProvider:
    """ECB euro reference rates of 2026-10-06, bundled with the code; no network.

    The ECB quotes "1 EUR = x CUR" for 29 currencies; a cross rate goes through the euro
    (``rate_quote / rate_base``). AED, SAR, QAR, BHD, OMR and JOD, absent from the ECB list,
    are quoted through their official USD pegs. Same currency: rate 1.

    The snapshot is one day's figures. ``on`` before that day raises ``RatesNotAvailable``;
    ``on`` on or after it gets the snapshot as the latest published rate (as the ECB has no
    weekend rows, the latest previous publication applies), and ``as_of`` says how old it is.
    """

    source = ECB_SOURCE

    def __init__(self) -> None:
        self._snapshot = _load_snapshot()

    @property
    def as_of(self) -> date:
        return self._snapshot.as_of

    def currencies(self) -> tuple[str, ...]:
        """Every currency this provider can quote, sorted."""
        return tuple(sorted(self._snapshot.per_eur))

    def rate(self, base: str, quote: str, on: date | None = None) -> RateQuote:
        """1 ``base`` in ``quote`` from the snapshot; see the class docstring for ``on``."""
        if on is not None:
            day = on.date() if isinstance(on, datetime) else on
            if day < self._snapshot.as_of:
                raise RatesNotAvailable(
                    f"the embedded ECB snapshot starts on {self._snapshot.as_of.isoformat()}; "
                    f"no rate for {day.isoformat()}"
                )
        per_eur = self._snapshot.per_eur
        missing = [code for code in (base, quote) if code not in per_eur]
        if missing:
            raise RatesNotAvailable(f"no {self.source} rate for {', '.join(map(repr, missing))}")
        value = Decimal(1) if base == quote else _RATE_CONTEXT.divide(per_eur[quote], per_eur[base])
        return RateQuote(base=base, quote=quote, rate=value, source=self.source, as_of=self._snapshot.as_of)


@functools.cache
def _embedded() -> EmbeddedEcbProvider:
    return EmbeddedEcbProvider()


def default_provider() -> RateProvider:
    """The provider used when none is passed: the embedded ECB snapshot, for now."""
    return _embedded()


def _exact_product(a: Decimal, b: Decimal) -> Decimal:
    digits = len(a.as_tuple().digits) + len(b.as_tuple().digits)
    return decimal.Context(prec=max(RATE_PRECISION, digits + 2), traps=[decimal.Inexact]).multiply(a, b)


def convert(
    money: Money, to_currency: str, provider: RateProvider | None = None, on: date | None = None
) -> Conversion:
    """Convert ``money`` into ``to_currency``, rounding once, half up, to its minor unit.

    >>> c = convert(Money(10000, "USD"), "EUR")
    >>> str(c.converted), c.source, c.as_of.isoformat()
    ('88.74 EUR', 'ECB reference rates 2026-10-06 (embedded)', '2026-10-06')

    Raises:
        RatesNotAvailable: when the provider has no rate for the pair (or date).
        UnknownCurrency: when ``to_currency`` is not an ISO 4217 code Money can hold.
    """
    if not isinstance(money, Money):
        raise TypeError(f"convert needs a Money, not {type(money).__name__}")
    provider = provider if provider is not None else default_provider()
    quote = provider.rate(money.currency, to_currency, on)
    if (quote.base, quote.quote) != (money.currency, to_currency):
        raise ValueError(
            f"provider answered {quote.base}->{quote.quote} when asked {money.currency}->{to_currency}"
        )
    rounding = Rounding.HALF_UP
    converted = Money.of(_exact_product(money.to_decimal(), quote.rate), to_currency, rounding)
    return Conversion(
        original=money,
        converted=converted,
        rate=quote.rate,
        source=quote.source,
        as_of=quote.as_of,
        rounding=rounding,
    )


def supported_currencies(provider: RateProvider | None = None) -> tuple[str, ...]:
    """The currencies ``provider`` (default: :func:`default_provider`) can convert between.

    >>> {"EUR", "USD", "JPY", "AED"} <= set(supported_currencies()), "KWD" in supported_currencies()
    (True, False)

    Raises:
        TypeError: if the provider cannot list its currencies (it has no ``currencies()``).
    """
    provider = provider if provider is not None else default_provider()
    if not isinstance(provider, ListsCurrencies):
        raise TypeError(f"{type(provider).__name__} cannot list its currencies")
    return tuple(provider.currencies())


__all__ = [
    "Conversion",
    "ECB_SOURCE",
    "EmbeddedEcbProvider",
    "ListsCurrencies",
    "RateProvider",
    "RateQuote",
    "RatesNotAvailable",
    "convert",
    "default_provider",
    "supported_currencies",
]

"""The one money value type: an integer number of minor units plus an ISO 4217 code.

Contract:
    * ``Money(minor, currency)`` holds an exact ``int`` of minor units (cents, yen, fils) and an
      active ISO 4217 code from :mod:`marketplace.core.currencies`. ``float`` and ``bool``
      are refused with ``TypeError``; an unknown or lower-case code with ``UnknownCurrency``.
    * Arithmetic never mixes currencies: ``+``, ``-`` and ``<``/``<=``/``>``/``>=`` between two
      currencies raise ``CurrencyMismatch`` (``==`` simply answers ``False``). ``*`` takes an
      ``int`` only; anything fractional goes through :meth:`Money.multiply`, which names its
      rounding rule. Nothing here converts between currencies (that is
      ``marketplace.crossborder.fx``).
    * Every rounding names its rule (:class:`Rounding`) and rounds to the currency's own
      exponent: 2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF.
    * :meth:`Money.allocate` splits an amount by integer weights so that the parts add up
      exactly to the whole (largest remainder); no minor unit is created or lost.
    * Amounts leave the domain as :meth:`Money.amount_str` (a decimal string for JSON) or as
      text formatted by ``marketplace.core.formatting``; never as a float.

Arithmetic is done in ``int`` or in ``Decimal`` contexts wide enough to be exact, so results
do not depend on the ambient ``decimal`` context.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from marketplace.core.currencies import MINOR_UNITS


class Rounding(StrEnum):
    """A named rounding rule, applied at the currency's own exponent."""

    HALF_UP = "half_up"
    """Ties away from zero (1.005 -> 1.01, -1.005 -> -1.01): commercial rounding, taxes."""
    HALF_EVEN = "half_even"
    """Ties to the even neighbour (1.005 -> 1.00, 1.015 -> 1.02): banker's rounding."""
    DOWN = "down"
    """Truncate toward zero (99.9 -> 99, -99.9 -> -99): e.g. Japanese consumption tax."""
    UP = "up"
    """Away from zero (99.1 -> 100, -99.1 -> -100)."""

    @property
    def decimal_mode(self) -> str:
        """The matching ``decimal`` rounding constant."""
        return _DECIMAL_MODES[self]


_DECIMAL_MODES: dict[Rounding, str] = {
    Rounding.HALF_UP: decimal.ROUND_HALF_UP,
    Rounding.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    Rounding.DOWN: decimal.ROUND_DOWN,
    Rounding.UP: decimal.ROUND_UP,
}


class UnknownCurrency(ValueError):
    """The code is not an active ISO 4217 currency with a minor unit (see ``currencies``)."""


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined or compared."""


def exponent(currency: str) -> int:
    """The ISO 4217 minor-unit exponent of ``currency``.

    >>> exponent("EUR"), exponent("JPY"), exponent("KWD"), exponent("CLF")
    (2, 0, 3, 4)

    Raises:
        UnknownCurrency: for anything that is not an upper-case active ISO 4217 code.
    """
    if not isinstance(currency, str):
        raise UnknownCurrency(f"currency must be an ISO 4217 code string, got {type(currency).__name__}")
    try:
        return MINOR_UNITS[currency]
    except KeyError:
        hint = " (codes are upper case)" if currency.upper() in MINOR_UNITS else ""
        raise UnknownCurrency(f"unknown currency {currency!r}{hint}") from None


def _rounding(rounding: Rounding | str) -> Rounding:
    try:
        return Rounding(rounding)
    except ValueError:
        raise ValueError(f"unknown rounding rule {rounding!r}; use marketplace.core.money.Rounding") from None


def _digits(value: Decimal) -> int:
    return len(value.as_tuple().digits)


def _exact_context(*operands: Decimal) -> decimal.Context:
    """A context wide enough that +, -, * and scaleb on ``operands`` are exact."""
    needed = sum(_digits(d) + abs(int(d.as_tuple().exponent)) for d in operands) + 2
    return _context(max(64, -(-needed // 64) * 64))  # widths in steps of 64 digits, so contexts are reused


@functools.lru_cache(maxsize=64)
def _context(prec: int) -> decimal.Context:
    """Contexts are immutable in use here (never modified after creation), so they can be shared."""
    return decimal.Context(prec=prec, traps=[decimal.InvalidOperation, decimal.Overflow])


def _to_decimal_amount(amount: Any, what: str) -> Decimal:
    """Accept Decimal, int or a decimal string; refuse float, bool and non-finite values."""
    if isinstance(amount, bool | float):
        raise TypeError(
            f"{what} must be Decimal, int or str, not {type(amount).__name__} (floats are refused)"
        )
    if isinstance(amount, Decimal):
        value = amount
    elif isinstance(amount, int):
        value = Decimal(amount)
    elif isinstance(amount, str):
        try:
            value = Decimal(amount.strip())
        except decimal.InvalidOperation:
            raise ValueError(f"{what} {amount!r} is not a decimal number") from None
    else:
        raise TypeError(f"{what} must be Decimal, int or str, not {type(amount).__name__}")
    if not value.is_finite():
        raise ValueError(f"{what} must be finite, got {amount!r}")
    return value


def _round_to_int(value: Decimal, rounding: Rounding) -> int:
    """Round an exact Decimal to an integer with the named rule."""
    # to_integral_value is exact whatever the context's precision (it never signals Inexact or Rounded)
    return int(value.to_integral_value(rounding=rounding.decimal_mode))


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor`` units of ``currency`` (``Money(1999, "EUR")`` is 19.99 EUR)."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if type(self.minor) is int and type(self.currency) is str and self.currency in MINOR_UNITS:
            return  # the common case, checked cheaply (quotes build tens of thousands of these)
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise TypeError(
                f"Money.minor must be an int number of minor units, not {type(self.minor).__name__}; "
                "use Money.of() for major-unit amounts"
            )
        exponent(self.currency)  # validates the code
        if type(self.minor) is not int:  # an int subclass (e.g. IntEnum): store the plain value
            object.__setattr__(self, "minor", int(self.minor))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str, rounding: Rounding) -> Money:
        """Money from a major-unit amount, rounded to the currency's exponent by ``rounding``.

        >>> Money.of("19.99", "EUR", Rounding.HALF_UP)
        Money(minor=1999, currency='EUR')
        >>> Money.of(Decimal("99.9"), "JPY", Rounding.DOWN)
        Money(minor=99, currency='JPY')

        Raises:
            TypeError: for a float or bool amount.
            ValueError: for a string that is not a finite decimal number, an unknown rounding.
            UnknownCurrency: for an unknown currency code.
        """
        value = _to_decimal_amount(amount, "amount")
        exp = exponent(currency)
        rule = _rounding(rounding)
        scaled = value.scaleb(exp, context=_exact_context(value, Decimal(10) ** exp))
        return cls(_round_to_int(scaled, rule), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Nothing, in ``currency``.

        >>> Money.zero("JPY")
        Money(minor=0, currency='JPY')
        """
        return cls(0, currency)

    # -- reading ------------------------------------------------------------------------------

    @property
    def exponent(self) -> int:
        """The currency's minor-unit exponent (2 for EUR)."""
        return MINOR_UNITS[self.currency]

    def to_decimal(self) -> Decimal:
        """The exact major-unit amount, with exactly ``exponent`` decimal places.

        >>> Money(1999, "EUR").to_decimal(), Money(3200, "JPY").to_decimal(), Money(1234, "KWD").to_decimal()
        (Decimal('19.99'), Decimal('3200'), Decimal('1.234'))
        """
        sign = 1 if self.minor < 0 else 0
        digits = tuple(int(c) for c in str(abs(self.minor)))
        return Decimal((sign, digits, -self.exponent))

    def amount_str(self) -> str:
        """The amount as a plain decimal string for JSON (never scientific notation).

        >>> Money(1999, "EUR").amount_str(), Money(3200, "JPY").amount_str(), Money(-5, "EUR").amount_str()
        ('19.99', '3200', '-0.05')
        """
        return format(self.to_decimal(), "f")

    def __str__(self) -> str:
        return f"{self.amount_str()} {self.currency}"

    # -- arithmetic ---------------------------------------------------------------------------

    def _same_currency(self, other: Money, op: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot {op} {self.currency} and {other.currency}; convert first")

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "add")
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "subtract")
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money(abs(self.minor), self.currency)

    def __bool__(self) -> bool:
        return self.minor != 0

    def __mul__(self, other: object) -> Money:
        if isinstance(other, bool) or not isinstance(other, int):
            raise TypeError(
                f"Money can be multiplied by an int only, not {type(other).__name__}; "
                "use Money.multiply(factor, rounding) for fractional factors"
            )
        return Money(self.minor * other, self.currency)

    __rmul__ = __mul__

    def multiply(self, factor: Decimal | int, rounding: Rounding) -> Money:
        """``self * factor`` rounded once to the currency's exponent by the named rule.

        >>> Money(1999, "EUR").multiply(Decimal("0.19"), Rounding.HALF_UP)
        Money(minor=380, currency='EUR')
        >>> Money(2990, "JPY").multiply(Decimal("0.08"), Rounding.DOWN)
        Money(minor=239, currency='JPY')

        Raises:
            TypeError: for a float, bool or str factor.
        """
        if isinstance(factor, str):
            raise TypeError("factor must be Decimal or int, not str")
        value = _to_decimal_amount(factor, "factor")
        rule = _rounding(rounding)
        minor = Decimal(self.minor)
        product = _exact_context(minor, value).multiply(minor, value)
        return Money(_round_to_int(product, rule), self.currency)

    def allocate(self, weights: Sequence[int]) -> list[Money]:
        """Split by non-negative integer ``weights``; the parts add up exactly to ``self``.

        Largest-remainder method: each part is its proportional share rounded down, and the
        minor units left over go one each to the parts with the largest remainders (earlier
        parts first on ties). Every part is within one minor unit of its exact share, a
        zero weight gets zero, and a negative amount is split as the mirror image of the
        positive one (so a refund splits like the charge).

        >>> [m.minor for m in Money(1000, "EUR").allocate([1, 1, 1])]
        [334, 333, 333]
        >>> [m.minor for m in Money(-1000, "EUR").allocate([1, 1, 1])]
        [-334, -333, -333]

        Raises:
            TypeError: for non-int weights.
            ValueError: for no weights, a negative weight, or weights summing to zero.
        """
        weights = list(weights)
        if not weights:
            raise ValueError("allocate needs at least one weight")
        for w in weights:
            if isinstance(w, bool) or not isinstance(w, int):
                raise TypeError(f"weights must be ints, got {type(w).__name__}")
            if w < 0:
                raise ValueError(f"weights must not be negative, got {w}")
        total = sum(weights)
        if total == 0:
            raise ValueError("weights must not all be zero")
        amount = abs(self.minor)
        sign = -1 if self.minor < 0 else 1
        shares = [amount * w // total for w in weights]
        remainders = [amount * w % total for w in weights]
        left = amount - sum(shares)
        for i in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
            shares[i] += 1
        return [Money(sign * s, self.currency) for s in shares]

    # -- comparison (same currency only; == is the dataclass's exact equality) -----------------

    def _cmp_key(self, other: Money, op: str) -> tuple[int, int]:
        self._same_currency(other, f"compare ({op})")
        return self.minor, other.minor

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._cmp_key(other, "<")
        return a < b

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._cmp_key(other, "<=")
        return a <= b

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._cmp_key(other, ">")
        return a > b

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._cmp_key(other, ">=")
        return a >= b


def sum_money(items: Iterable[Money], currency: str) -> Money:
    """Add up ``items``, all in ``currency``; an empty iterable gives ``Money.zero(currency)``.

    >>> sum_money([Money(150, "EUR"), Money(250, "EUR")], "EUR")
    Money(minor=400, currency='EUR')
    >>> sum_money([], "JPY")
    Money(minor=0, currency='JPY')

    Raises:
        CurrencyMismatch: if any item is in another currency.
    """
    total = Money.zero(currency)
    for item in items:
        total = total + item
    return total


__all__ = [
    "CurrencyMismatch",
    "Money",
    "Rounding",
    "UnknownCurrency",
    "exponent",
    "sum_money",
]

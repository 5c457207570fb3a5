"""Card checks for the embedded gateway: Luhn, brand, expiry, CVC and Stripe's test-card behaviours.

Contract:
    * :func:`check_card` validates a :class:`CardDetails` the way Stripe's test mode does and returns a
      :class:`CardCheck` (brand, last four digits, what charging it will do). Invalid input raises
      :class:`~marketplace.payments.gateway.PaymentDeclined` with Stripe's code: ``incorrect_number``
      (bad Luhn, wrong length, non-digits), ``expired_card``, ``invalid_expiry_month``,
      ``incorrect_cvc``.
    * Behaviours follow Stripe's documented test cards (docs.stripe.com/testing): 4242 4242 4242 4242
      succeeds, 4000 0000 0000 0002 is declined (``card_declined``), 4000 0000 0000 9995 is declined
      for insufficient funds, 4000 0025 0000 3155 requires authentication; any other valid number
      succeeds.
    * :func:`card_from_form` reads a submitted card form (``card_number``, ``card_expiry`` as MM / YY,
      ``card_cvc``) into :class:`CardDetails`, or returns the field errors as message ids (the shape checks a
      form makes before anything reaches a gateway; :func:`check_card` is the gateway's own check).
    * Nothing here keeps or logs a number; only :attr:`CardCheck.brand` and :attr:`CardCheck.last4`
      leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from marketplace.core.i18n import N_
from marketplace.core.text import is_digits
from marketplace.payments.gateway import CardDetails, declined

_EXPIRY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$")


class Behaviour(StrEnum):
    """What charging a (valid) card does in the embedded gateway."""

    SUCCEED = "succeed"
    DECLINE = "decline"  # card_declined / generic_decline
    INSUFFICIENT_FUNDS = "insufficient_funds"  # card_declined / insufficient_funds
    REQUIRE_AUTHENTICATION = "require_authentication"  # 3-D Secure required, then approve or fail


TEST_CARDS: dict[str, Behaviour] = {
    "4242424242424242": Behaviour.SUCCEED,
    "4000000000000002": Behaviour.DECLINE,
    "4000000000009995": Behaviour.INSUFFICIENT_FUNDS,
    "4000002500003155": Behaviour.REQUIRE_AUTHENTICATION,
    "4000002760003184": Behaviour.REQUIRE_AUTHENTICATION,
}
"""Stripe's test numbers with a special behaviour; every other valid number succeeds."""


@dataclass(frozen=True)
class CardCheck:
    brand: str
    last4: str
    behaviour: Behaviour


def normalise_number(number: str) -> str:
    """Digits only; spaces and dashes (as typed) are dropped.

    >>> normalise_number("4242 4242-4242 4242")
    '4242424242424242'
    """
    return "".join(ch for ch in str(number) if ch not in " -")


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) checksum.

    >>> luhn_valid("4242424242424242"), luhn_valid("4242424242424241")
    (True, False)
    """
    if not number.isascii() or not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def brand(number: str) -> str:
    """The card brand from its leading digits, in Stripe's spelling (``unknown`` if none matches).

    >>> brand("4242424242424242"), brand("5555555555554444"), brand("378282246310005")
    ('visa', 'mastercard', 'amex')
    """
    if number.startswith("4"):
        return "visa"
    two, four, six = int(number[:2] or 0), int(number[:4] or 0), int(number[:6] or 0)
    if 51 <= two <= 55 or 222100 <= six <= 272099:
        return "mastercard"
    if two in (34, 37):
        return "amex"
    if number.startswith(("6011", "65")) or 644 <= int(number[:3] or 0) <= 649 or 622126 <= six <= 622925:
        return "discover"
    if 3528 <= four <= 3589:
        return "jcb"
    if two in (36, 38, 39) or 300 <= int(number[:3] or 0) <= 305:
        return "diners"
    if two == 62:
        return "unionpay"
    return "unknown"


_LENGTHS: dict[str, frozenset[int]] = {
    "amex": frozenset({15}),
    "visa": frozenset({13, 16, 19}),
    "diners": frozenset(range(14, 20)),
    "unknown": frozenset(range(12, 20)),
}
_DEFAULT_LENGTHS = frozenset(range(16, 20))


def check_card(card: CardDetails, today: date) -> CardCheck:
    """Validate ``card`` as of ``today`` and tell what charging it will do.

    Raises:
        PaymentDeclined: ``incorrect_number``, ``invalid_expiry_month``, ``expired_card`` or
            ``incorrect_cvc`` (checked in that order, as Stripe does).
    """
    number = normalise_number(card.number)
    card_brand = brand(number) if number.isdigit() else "unknown"
    lengths = _LENGTHS.get(card_brand, _DEFAULT_LENGTHS)
    if not number.isascii() or not number.isdigit() or len(number) not in lengths or not luhn_valid(number):
        raise declined("incorrect_number")
    month, year = card.exp_month, card.exp_year
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise declined("invalid_expiry_month")
    if isinstance(year, bool) or not isinstance(year, int):
        raise declined("invalid_expiry_year")
    if year < 100:  # two-digit years, as printed on the card
        year += 2000
    if (year, month) < (today.year, today.month):  # a card is valid until the end of its month
        raise declined("expired_card")
    cvc = str(card.cvc)
    if not cvc.isascii() or not cvc.isdigit() or len(cvc) != (4 if card_brand == "amex" else 3):
        raise declined("incorrect_cvc")
    return CardCheck(card_brand, number[-4:], TEST_CARDS.get(number, Behaviour.SUCCEED))


def card_from_form(form: Mapping[str, object]) -> tuple[CardDetails | None, dict[str, str]]:
    """CardDetails from a submitted card form, or the field errors (message ids by field name). Nothing here
    is kept."""
    errors: dict[str, str] = {}
    number = re.sub(r"[\s-]", "", str(form.get("card_number", ""))[:40])
    expiry = _EXPIRY.match(str(form.get("card_expiry", ""))[:10])
    cvc = str(form.get("card_cvc", "")).strip()[:8]
    if not is_digits(number) or not 12 <= len(number) <= 19:
        errors["card_number"] = N_("Enter the card number.")
    month = year = 0
    if expiry is None:
        errors["card_expiry"] = N_("Enter the expiry date as MM / YY.")
    else:
        month, year = int(expiry.group(1)), int(expiry.group(2))
        year = year + 2000 if year < 100 else year
        if not 1 <= month <= 12:
            errors["card_expiry"] = N_("Enter the expiry date as MM / YY.")
    if not is_digits(cvc) or not 3 <= len(cvc) <= 4:
        errors["card_cvc"] = N_("Enter the 3 or 4 digit security code.")
    if errors:
        return None, errors
    return CardDetails(number, month, year, cvc), {}

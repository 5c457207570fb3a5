"""The one payment gateway interface, shaped after Stripe's PaymentIntents.

Contract:
    * A checkout creates one :class:`Intent` for the exact amount the quote showed, in the shopper's
      currency, then confirms it with a card. Confirming may succeed, need an extra step
      (:attr:`IntentStatus.REQUIRES_ACTION`, 3-D Secure) or be declined (:class:`PaymentDeclined`, whose
      ``code`` is Stripe's error code and whose ``message`` is safe to show to the shopper).
    * Every call that moves money takes an ``idempotency_key``: the same key with the same parameters
      returns the same result (a retry after a timeout, a double click); the same key with different
      parameters raises :class:`IdempotencyConflict`.
    * Card numbers travel only inside :class:`CardDetails` (never stored, never logged: its ``repr``
      hides them); an intent keeps only the brand and the last four digits.
    * Amounts are :class:`~marketplace.core.money.Money` everywhere; :func:`to_provider_amount` turns one
      into Stripe's integer ``amount`` and :func:`from_provider_amount` back.
    * Transport failures and unexpected provider answers raise :class:`GatewayError`; they never look
      like a decline.

Implementations: ``marketplace.payments.embedded.EmbeddedGateway`` (default, in-process, Stripe's test
cards) and ``marketplace.integrations.stripe_gateway.StripeGateway``. Pick one with
``marketplace.integrations.payment_gateways.gateway_for``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from marketplace.core.i18n import N_
from marketplace.core.money import Money, exponent


class IntentStatus(StrEnum):
    """Stripe's PaymentIntent statuses (the values are Stripe's strings)."""

    REQUIRES_PAYMENT_METHOD = "requires_payment_method"
    """Created, or the last card was declined / failed authentication: a card is needed."""
    REQUIRES_CONFIRMATION = "requires_confirmation"
    """A card is attached but the intent has not been confirmed yet."""
    REQUIRES_ACTION = "requires_action"
    """The shopper must complete an extra step (3-D Secure) before the card can be charged."""
    PROCESSING = "processing"
    """The provider is still working on it; the outcome arrives later (webhook or retrieve)."""
    REQUIRES_CAPTURE = "requires_capture"
    """Authorised but not captured (``capture=False`` at creation): call ``capture`` to take the money."""
    SUCCEEDED = "succeeded"
    """The money is taken. Refunds do not change this status."""
    CANCELED = "canceled"
    """Abandoned; no money moves."""


class PaymentDeclined(Exception):
    """The card was refused. ``code`` is Stripe's error code; ``message`` is shopper-friendly English."""

    def __init__(self, code: str, message: str, *, decline_code: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.decline_code = decline_code


class GatewayError(Exception):
    """A transport failure or an unexpected provider answer (never a card decline)."""


class RequestRefused(GatewayError):
    """The provider refused the request as invalid (a 4xx other than "not found"): retrying the same
    request cannot succeed, e.g. a transfer to a connected account that cannot receive it."""


class IdempotencyConflict(GatewayError):
    """An idempotency key was reused with different parameters (Stripe's ``idempotency_error``)."""


class UnknownIntent(GatewayError):
    """No intent with that id (Stripe's ``resource_missing``)."""


class InvalidIntentState(GatewayError):
    """The operation is not allowed in the intent's current status (e.g. capturing a succeeded intent)."""


SHOPPER_MESSAGES: dict[str, str] = {
    "card_declined": N_("Your card was declined. Please try another card."),
    "insufficient_funds": N_("Your card has insufficient funds. Please try another card."),
    "incorrect_number": N_("The card number is incorrect. Please check it and try again."),
    "invalid_number": N_("The card number is not a valid card number."),
    "expired_card": N_("Your card has expired. Please use another card."),
    "invalid_expiry_month": N_("The card's expiry month is invalid."),
    "invalid_expiry_year": N_("The card's expiry year is invalid."),
    "incorrect_cvc": N_("The card's security code is incorrect."),
    "invalid_cvc": N_("The card's security code is invalid."),
    "authentication_failed": N_("We could not verify your card with your bank. Please try again or use another card."),
    "processing_error": N_("An error occurred while processing your card. Please try again."),
}
"""Shopper-facing English for the decline codes we raise (translated by the storefront)."""


def declined(code: str, *, decline_code: str | None = None) -> PaymentDeclined:
    """A :class:`PaymentDeclined` with the standard shopper message for ``code``."""
    message = SHOPPER_MESSAGES.get(decline_code or "") or SHOPPER_MESSAGES.get(
        code, N_("Your payment could not be completed. Please try another card.")
    )
    return PaymentDeclined(code, message, decline_code=decline_code)


@dataclass(frozen=True)
class CardDetails:
    """A card as typed by the shopper. Never stored and never logged (the ``repr`` masks it)."""

    number: str = field(repr=False)
    exp_month: int = field(repr=False)
    exp_year: int = field(repr=False)
    cvc: str = field(repr=False)

    def __repr__(self) -> str:
        digits = "".join(ch for ch in str(self.number) if ch.isdigit())
        return f"CardDetails(number='…{digits[-4:]}')"


@dataclass(frozen=True)
class Intent:
    """A payment intent as the gateway last reported it."""

    id: str
    status: IntentStatus
    amount: Money
    client_secret: str | None
    card_brand: str | None
    card_last4: str | None
    next_action_url: str | None
    metadata: dict[str, str]
    last_error_code: str | None = None
    """Why the last attempt failed (``card_declined``, ``authentication_failed``…), else None."""


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str  # Stripe's refund statuses: pending | succeeded | failed | canceled | requires_action
    amount: Money


@dataclass(frozen=True)
class TransferResult:
    id: str
    amount: Money
    destination: str
    transfer_group: str


@runtime_checkable
class PaymentGateway(Protocol):
    """What checkout, refunds and payouts call. See the module docstring for the contract."""

    name: str

    def create_intent(
        self, amount: Money, *, idempotency_key: str, metadata: Mapping[str, str], capture: bool = True
    ) -> Intent: ...

    def confirm(self, intent_id: str, card: CardDetails, *, idempotency_key: str) -> Intent:
        """Attach ``card`` and try to charge it. May return REQUIRES_ACTION; raises PaymentDeclined."""
        ...

    def authenticate(self, intent_id: str, *, approve: bool, idempotency_key: str) -> Intent:
        """Complete the extra step. ``approve=False`` leaves REQUIRES_PAYMENT_METHOD with
        ``last_error_code == "authentication_failed"``."""
        ...

    def capture(self, intent_id: str, *, idempotency_key: str) -> Intent: ...

    def cancel(self, intent_id: str, *, idempotency_key: str) -> Intent:
        """Abandon an intent that has taken no money. Raises :class:`InvalidIntentState` when it already
        succeeded or is processing (the caller then reads it with ``retrieve`` and settles it)."""
        ...

    def retrieve(self, intent_id: str) -> Intent: ...

    def refund(self, intent_id: str, amount: Money, *, idempotency_key: str) -> RefundResult: ...

    def transfer(
        self, amount: Money, destination: str, transfer_group: str, *, idempotency_key: str
    ) -> TransferResult: ...


# -- Stripe's minor units -------------------------------------------------------------------------

STRIPE_ZERO_DECIMAL: frozenset[str] = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
"""Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal): ``amount`` is in whole
units. MGA has two decimals in ISO 4217, so an MGA amount must be a whole number of ariary."""

STRIPE_THREE_DECIMAL: frozenset[str] = frozenset(["BHD", "JOD", "KWD", "OMR", "TND"])
"""Stripe's three-decimal currencies (docs.stripe.com/currencies#three-decimal): ``amount`` is in
thousandths, but the last digit must be 0 (Stripe cannot charge a single fils), so the amount has to be
a multiple of ten minor units."""

STRIPE_TWO_DECIMAL_REPRESENTED: frozenset[str] = frozenset({"ISK"})
"""Zero-decimal in ISO 4217 but sent to Stripe as a two-decimal value whose decimals are always 00
(docs.stripe.com/currencies, special cases): 5 ISK is ``amount=500``."""

_STRIPE_UNSUPPORTED_EXPONENTS = {4}  # CLF and the like: Stripe has no such currency


def _stripe_exponent(currency: str) -> int:
    iso = exponent(currency)
    if currency in STRIPE_ZERO_DECIMAL:
        return 0
    if currency in STRIPE_THREE_DECIMAL:
        return 3
    if currency in STRIPE_TWO_DECIMAL_REPRESENTED:
        return 2
    if iso == 3 or iso in _STRIPE_UNSUPPORTED_EXPONENTS:
        raise ValueError(f"Stripe does not support {currency}")
    return 2


def to_provider_amount(money: Money) -> int:
    """Stripe's integer ``amount`` for ``money``.

    Stripe counts in its own minor units: two decimals for most currencies, none for its zero-decimal
    list, three for BHD/JOD/KWD/OMR/TND with the rule that the last digit must be 0.

    >>> to_provider_amount(Money(1999, "EUR")), to_provider_amount(Money(2990, "JPY"))
    (1999, 2990)
    >>> to_provider_amount(Money(1230, "KWD")), to_provider_amount(Money(5, "ISK"))
    (1230, 500)

    Raises:
        ValueError: when the amount cannot be expressed exactly (a KWD amount that is not a multiple of
            ten fils, a fractional MGA amount) or Stripe does not support the currency. Nothing is ever
            rounded here: the price shown is the price charged.
    """
    iso = exponent(money.currency)
    stripe_exp = _stripe_exponent(money.currency)
    if money.currency in STRIPE_THREE_DECIMAL and money.minor % 10 != 0:
        raise ValueError(
            f"Stripe charges {money.currency} in multiples of 10 minor units; {money} is not one "
            "(round the price to 0.01 before quoting it)"
        )
    if stripe_exp >= iso:
        return money.minor * 10 ** (stripe_exp - iso)
    step = 10 ** (iso - stripe_exp)
    if money.minor % step != 0:
        raise ValueError(f"Stripe charges {money.currency} in whole units; {money} has a fraction")
    return money.minor // step


def from_provider_amount(amount: int, currency: str) -> Money:
    """The :class:`Money` for a Stripe ``amount`` (``currency`` in any case).

    >>> from_provider_amount(500, "isk"), from_provider_amount(1230, "kwd")
    (Money(minor=5, currency='ISK'), Money(minor=1230, currency='KWD'))
    """
    code = currency.upper()
    iso = exponent(code)
    stripe_exp = _stripe_exponent(code)
    if stripe_exp >= iso:
        step = 10 ** (stripe_exp - iso)
        if amount % step != 0:
            raise GatewayError(f"Stripe returned {amount} {code}, not a whole number of minor units")
        return Money(amount // step, code)
    return Money(amount * 10 ** (iso - stripe_exp), code)


__all__ = [
    "CardDetails",
    "GatewayError",
    "IdempotencyConflict",
    "Intent",
    "IntentStatus",
    "InvalidIntentState",
    "PaymentDeclined",
    "PaymentGateway",
    "RefundResult",
    "TransferResult",
    "UnknownIntent",
    "declined",
    "from_provider_amount",
    "to_provider_amount",
]

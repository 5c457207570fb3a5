"""The embedded gateway: Stripe's test mode in-process, with no network. The default (``PAYMENTS=embedded``).

Contract:
    * Behaves like a Stripe account in test mode for the calls in
      :class:`~marketplace.payments.gateway.PaymentGateway`: intents move through Stripe's statuses,
      cards behave as :mod:`marketplace.payments.cards` says (4242… succeeds, …0002 is declined,
      …3155 needs authentication), amounts must be expressible in Stripe's minor units
      (:func:`~marketplace.payments.gateway.to_provider_amount`), so a charge that would fail on Stripe
      fails here too.
    * Idempotency like Stripe's: a key reused with the same parameters returns the first result again
      (the same intent snapshot, or the same decline raised again); reused with other parameters it
      raises :class:`~marketplace.payments.gateway.IdempotencyConflict`.
    * Only brand and last four digits are kept. Cards are fingerprinted for idempotency with an HMAC
      under a per-instance random key, never stored in the clear.
    * State lives in memory, per instance, behind one lock (thread-safe). Ids are random (``pi_emb_…``) so
      they never collide with ids stored by an earlier run. A charge this instance never saw (taken by
      another process of the app, or before a restart) is looked up with ``recover`` (see
      :mod:`marketplace.payments.embedded_recovery`: the stored ``Payment`` row), so it can still be refunded:
      succeeded, for its amount, less what was already refunded.
    * Payouts (``transfer``) are recorded as paid at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.payments.cards import Behaviour, check_card
from marketplace.payments.gateway import (
    CardDetails,
    IdempotencyConflict,
    Intent,
    IntentStatus,
    InvalidIntentState,
    PaymentDeclined,
    RefundResult,
    TransferResult,
    UnknownIntent,
    declined,
    to_provider_amount,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Recovered:
    """A succeeded charge found on record: its amount and what has been refunded of it."""

    amount: Money
    refunded: Money


@dataclass
class _IntentRecord:
    intent: Intent
    capture: bool
    refunded: Money
    refunds: list[RefundResult] = field(default_factory=list)


@dataclass(frozen=True)
class _Outcome:
    fingerprint: tuple[Any, ...]
    value: Any = None
    error: Exception | None = None


class EmbeddedGateway:
    """In-memory, deterministic stand-in for Stripe (see the module docstring)."""

    name = "embedded"

    def __init__(
        self,
        *,
        authenticate_url: str = "/checkout/authenticate?intent={id}",
        today: Callable[[], date] | None = None,
        recover: Callable[[str], Recovered | None] | None = None,
    ) -> None:
        """``authenticate_url`` is the page where the shopper completes 3-D Secure (``{id}`` is the
        intent id); ``today`` gives the date for expiry checks (default: ``clock.now().date()``); ``recover``
        finds a succeeded charge this instance did not take (default: none)."""
        self._lock = threading.RLock()
        self._intents: dict[str, _IntentRecord] = {}
        self._transfers: dict[str, TransferResult] = {}
        self._idempotency: dict[str, _Outcome] = {}
        self._fingerprint_key = secrets.token_bytes(32)
        self._authenticate_url = authenticate_url
        self._today = today or (lambda: clock.now().date())
        self._recover = recover

    # -- idempotency --------------------------------------------------------------------------

    def _once(self, key: str, fingerprint: tuple[Any, ...], action: Callable[[], T]) -> T:
        if not isinstance(key, str) or not key or len(key) > 255:
            raise ValueError("idempotency_key must be a non-empty string of at most 255 characters")
        with self._lock:
            seen = self._idempotency.get(key)
            if seen is not None:
                if seen.fingerprint != fingerprint:
                    raise IdempotencyConflict(
                        f"Keys for idempotent requests can only be used with the same parameters they were "
                        f"first used with; key {key!r} was used for a different request"
                    )
                if seen.error is not None:
                    raise seen.error
                return seen.value
            try:
                value = action()
            except PaymentDeclined as exc:  # Stripe replays declines too
                self._idempotency[key] = _Outcome(fingerprint, error=exc)
                raise
            self._idempotency[key] = _Outcome(fingerprint, value=value)
            return value

    def _card_fingerprint(self, card: CardDetails) -> str:
        material = f"{card.number}|{card.exp_month}|{card.exp_year}|{card.cvc}".encode()
        return hmac.new(self._fingerprint_key, material, hashlib.sha256).hexdigest()

    def _record(self, intent_id: str) -> _IntentRecord:
        record = self._intents.get(intent_id)
        if record is None and self._recover is not None and isinstance(intent_id, str):
            found = self._recover(intent_id)
            if found is not None:
                intent = Intent(id=intent_id, status=IntentStatus.SUCCEEDED, amount=found.amount, client_secret=None,
                                card_brand=None, card_last4=None, next_action_url=None, metadata={})
                record = self._intents[intent_id] = _IntentRecord(intent, True, found.refunded)
        if record is None:
            raise UnknownIntent(f"No such payment_intent: {intent_id!r}")
        return record

    def _set(self, record: _IntentRecord, **changes: Any) -> Intent:
        record.intent = replace(record.intent, **changes)
        return record.intent

    # -- the interface ------------------------------------------------------------------------

    def create_intent(
        self, amount: Money, *, idempotency_key: str, metadata: Mapping[str, str], capture: bool = True
    ) -> Intent:
        if not isinstance(amount, Money):
            raise TypeError("amount must be Money")
        if amount.minor <= 0:
            raise ValueError(f"amount must be positive, got {amount}")
        to_provider_amount(amount)  # the same currency rules as Stripe (raises ValueError)
        meta = {str(k): str(v) for k, v in dict(metadata).items()}

        def create() -> Intent:
            intent_id = "pi_emb_" + secrets.token_hex(12)
            intent = Intent(
                id=intent_id,
                status=IntentStatus.REQUIRES_PAYMENT_METHOD,
                amount=amount,
                client_secret=f"{intent_id}_secret_{secrets.token_urlsafe(18)}",
                card_brand=None,
                card_last4=None,
                next_action_url=None,
                metadata=meta,
            )
            self._intents[intent_id] = _IntentRecord(intent, capture, Money.zero(amount.currency))
            return intent

        fingerprint = ("create_intent", amount, tuple(sorted(meta.items())), bool(capture))
        return self._once(idempotency_key, fingerprint, create)

    def _charge(self, record: _IntentRecord) -> Intent:
        status = IntentStatus.SUCCEEDED if record.capture else IntentStatus.REQUIRES_CAPTURE
        return self._set(record, status=status, next_action_url=None, last_error_code=None)

    def confirm(self, intent_id: str, card: CardDetails, *, idempotency_key: str) -> Intent:
        def confirm() -> Intent:
            record = self._record(intent_id)
            if record.intent.status not in (
                IntentStatus.REQUIRES_PAYMENT_METHOD,
                IntentStatus.REQUIRES_CONFIRMATION,
            ):
                raise InvalidIntentState(
                    f"You cannot confirm this PaymentIntent because it has a status of {record.intent.status}"
                )
            try:
                checked = check_card(card, self._today())
            except PaymentDeclined as exc:
                self._set(record, status=IntentStatus.REQUIRES_PAYMENT_METHOD, last_error_code=exc.code)
                raise
            self._set(record, card_brand=checked.brand, card_last4=checked.last4)
            if checked.behaviour is Behaviour.DECLINE:
                error = declined("card_declined", decline_code="generic_decline")
            elif checked.behaviour is Behaviour.INSUFFICIENT_FUNDS:
                error = declined("card_declined", decline_code="insufficient_funds")
            elif checked.behaviour is Behaviour.REQUIRE_AUTHENTICATION:
                url = self._authenticate_url.format(id=intent_id)
                return self._set(record, status=IntentStatus.REQUIRES_ACTION, next_action_url=url)
            else:
                return self._charge(record)
            self._set(record, status=IntentStatus.REQUIRES_PAYMENT_METHOD, last_error_code=error.code)
            raise error

        fingerprint = ("confirm", intent_id, self._card_fingerprint(card))
        return self._once(idempotency_key, fingerprint, confirm)

    def authenticate(self, intent_id: str, *, approve: bool, idempotency_key: str) -> Intent:
        def authenticate() -> Intent:
            record = self._record(intent_id)
            if record.intent.status is not IntentStatus.REQUIRES_ACTION:
                raise InvalidIntentState(f"PaymentIntent {intent_id} does not require action")
            if approve:
                return self._charge(record)
            return self._set(
                record,
                status=IntentStatus.REQUIRES_PAYMENT_METHOD,
                next_action_url=None,
                card_brand=None,
                card_last4=None,
                last_error_code="authentication_failed",
            )

        return self._once(idempotency_key, ("authenticate", intent_id, bool(approve)), authenticate)

    def capture(self, intent_id: str, *, idempotency_key: str) -> Intent:
        def capture() -> Intent:
            record = self._record(intent_id)
            if record.intent.status is not IntentStatus.REQUIRES_CAPTURE:
                raise InvalidIntentState(
                    f"This PaymentIntent could not be captured because it has a status of {record.intent.status}"
                )
            return self._set(record, status=IntentStatus.SUCCEEDED)

        return self._once(idempotency_key, ("capture", intent_id), capture)

    def cancel(self, intent_id: str, *, idempotency_key: str) -> Intent:
        """Abandon an intent that has not taken money (Stripe's cancel)."""

        def cancel() -> Intent:
            record = self._record(intent_id)
            if record.intent.status in (
                IntentStatus.SUCCEEDED,
                IntentStatus.CANCELED,
                IntentStatus.PROCESSING,
            ):
                raise InvalidIntentState(f"You cannot cancel this PaymentIntent: {record.intent.status}")
            return self._set(record, status=IntentStatus.CANCELED, next_action_url=None)

        return self._once(idempotency_key, ("cancel", intent_id), cancel)

    def retrieve(self, intent_id: str) -> Intent:
        with self._lock:
            return self._record(intent_id).intent

    def refund(self, intent_id: str, amount: Money, *, idempotency_key: str) -> RefundResult:
        if not isinstance(amount, Money):
            raise TypeError("amount must be Money")

        def refund() -> RefundResult:
            record = self._record(intent_id)
            if record.intent.status is not IntentStatus.SUCCEEDED:
                raise InvalidIntentState(f"Cannot refund a PaymentIntent with status {record.intent.status}")
            if amount.currency != record.intent.amount.currency:
                raise ValueError(f"refund currency {amount.currency} differs from the charge's")
            to_provider_amount(amount)
            remaining = record.intent.amount - record.refunded
            if amount.minor <= 0 or amount > remaining:
                raise ValueError(f"refund of {amount} must be positive and at most the {remaining} left")
            result = RefundResult(id="re_emb_" + secrets.token_hex(12), status="succeeded", amount=amount)
            record.refunded = record.refunded + amount
            record.refunds.append(result)
            return result

        return self._once(idempotency_key, ("refund", intent_id, amount), refund)

    def refunded(self, intent_id: str) -> Money:
        """How much of the intent has been refunded so far."""
        with self._lock:
            return self._record(intent_id).refunded

    def transfer(
        self, amount: Money, destination: str, transfer_group: str, *, idempotency_key: str
    ) -> TransferResult:
        if not isinstance(amount, Money):
            raise TypeError("amount must be Money")
        if amount.minor <= 0:
            raise ValueError(f"transfer amount must be positive, got {amount}")
        if not destination:
            raise ValueError("destination is required")
        to_provider_amount(amount)

        def transfer() -> TransferResult:
            result = TransferResult(
                id="tr_emb_" + secrets.token_hex(12),
                amount=amount,
                destination=destination,
                transfer_group=transfer_group,
            )
            self._transfers[result.id] = result
            return result

        fingerprint = ("transfer", amount, destination, transfer_group)
        return self._once(idempotency_key, fingerprint, transfer)


__all__ = ["EmbeddedGateway"]

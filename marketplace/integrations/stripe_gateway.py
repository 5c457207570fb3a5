"""The Stripe adapter behind :class:`~marketplace.payments.gateway.PaymentGateway` (``PAYMENTS=stripe``).

Contract:
    * Uses the official ``stripe`` SDK through its own :class:`stripe.StripeClient`, with an explicit
      ``api_key`` and, when given, ``api_base`` (``STRIPE_API_BASE``; localstripe in tests). No global
      ``stripe.api_key`` is touched, so several gateways can coexist.
    * One PaymentIntent per checkout, in the shopper's currency, for the amount given as
      :class:`Money` converted with :func:`to_provider_amount` (never rounded: an amount Stripe cannot
      express raises ``ValueError`` before any request). ``metadata`` (the order group) is sent as is.
    * Every create, confirm, capture, cancel, refund and transfer carries an idempotency key. ``confirm`` makes
      three requests (create the PaymentMethod, attach it to the intent, confirm), each under the
      caller's key with a suffix (``:pm``, ``:attach``, ``:confirm``) so a retried confirm replays
      them all.
    * Card errors become :class:`PaymentDeclined` (Stripe's ``code``, our shopper message); a reused
      key with other parameters :class:`IdempotencyConflict`; a missing intent :class:`UnknownIntent`;
      anything else from Stripe or the network :class:`GatewayError`.
    * Raw card numbers reach this adapter only because the interface takes :class:`CardDetails`
      (tests, localstripe). A live Stripe account refuses raw numbers unless "raw card data APIs" are
      enabled; production should create the PaymentMethod in the browser with Stripe.js and confirm
      with its id (a later addition to the interface).
    * ``authenticate`` is not possible server-side with Stripe (see its docstring).
    * Vendor payouts are Connect transfers (``transfer``) sharing the order group's transfer group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import stripe

from marketplace.core.money import Money
from marketplace.core.settings import Settings
from marketplace.payments.gateway import (
    CardDetails,
    GatewayError,
    IdempotencyConflict,
    Intent,
    IntentStatus,
    InvalidIntentState,
    RefundResult,
    RequestRefused,
    TransferResult,
    UnknownIntent,
    declined,
    from_provider_amount,
    to_provider_amount,
)

T = TypeVar("T")


def _plain(obj: Any) -> Any:
    return obj.to_dict() if isinstance(obj, stripe.StripeObject) else obj


def _field(obj: Any, key: str) -> Any:
    """``obj.key`` or None (a StripeObject is not a dict and has no ``get``)."""
    return getattr(obj, key, None)


def _call(action: Callable[[], T]) -> T:
    """Run one SDK call, translating Stripe's errors into ours."""
    try:
        return action()
    except stripe.CardError as exc:
        error = getattr(exc, "error", None)
        decline_code = getattr(error, "decline_code", None) if error is not None else None
        raise declined(exc.code or "card_declined", decline_code=decline_code) from exc
    except stripe.IdempotencyError as exc:
        raise IdempotencyConflict(exc.user_message or str(exc)) from exc
    except stripe.InvalidRequestError as exc:
        if exc.code == "resource_missing" or exc.http_status == 404:
            raise UnknownIntent(exc.user_message or str(exc)) from exc
        if exc.code == "payment_intent_unexpected_state":
            raise InvalidIntentState(exc.user_message or str(exc)) from exc
        raise RequestRefused(f"Stripe refused the request: {exc.user_message or exc}") from exc
    except stripe.StripeError as exc:
        raise GatewayError(f"Stripe error: {exc.user_message or exc}") from exc


class StripeGateway:
    """Payments through Stripe (see the module docstring)."""

    name = "stripe"

    def __init__(
        self,
        api_key: str,
        *,
        api_base: str | None = None,
        return_url: str | None = None,
        max_network_retries: int = 2,
        client: stripe.StripeClient | None = None,
    ) -> None:
        """
        Args:
            api_key: the secret key (``sk_test_…`` / ``sk_live_…``).
            api_base: another API address (localstripe); default Stripe's.
            return_url: where a redirect-based authentication returns to; sent on confirm when set.
            max_network_retries: SDK retries on network errors (safe: every write has a key).
            client: a ready client (tests).
        """
        if not api_key and client is None:
            raise ValueError("STRIPE_API_KEY is required for PAYMENTS=stripe")
        self._return_url = return_url
        if client is not None:
            self._client = client
        else:
            kwargs: dict[str, Any] = {"max_network_retries": max_network_retries}
            if api_base:
                kwargs["base_addresses"] = {"api": api_base.rstrip("/")}
            self._client = stripe.StripeClient(api_key, **kwargs)

    @classmethod
    def from_settings(cls, settings: Settings) -> StripeGateway:
        """Built from ``settings.stripe_api_key``, ``stripe_api_base`` and ``stripe_return_url`` (where Stripe sends
        the shopper back after 3-D Secure; default: ``PUBLIC_URL`` + ``/checkout``, whose page finishes the payment)."""
        return cls(settings.stripe_api_key, api_base=settings.stripe_api_base,
                   return_url=settings.stripe_return_url or None)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StripeGateway:
        """:meth:`from_settings` with settings read now from ``environ`` (default ``os.environ``)."""
        return cls.from_settings(Settings.from_env(environ))

    # -- mapping ------------------------------------------------------------------------------

    def _card_of(self, payment_method: Any) -> tuple[str | None, str | None]:
        if payment_method is None:
            return None, None
        if isinstance(payment_method, str):
            payment_method = _call(lambda: self._client.v1.payment_methods.retrieve(payment_method))
        card = _plain(getattr(payment_method, "card", None)) or {}
        return card.get("brand"), card.get("last4")

    def _intent(self, pi: Any, card: tuple[str | None, str | None] | None = None) -> Intent:
        brand, last4 = card if card is not None else self._card_of(_field(pi, "payment_method"))
        next_action = _plain(_field(pi, "next_action")) or {}
        redirect = next_action.get("redirect_to_url") or {}
        error = _plain(_field(pi, "last_payment_error")) or {}
        error_code = error.get("code")
        if error_code == "payment_intent_authentication_failure":
            error_code = "authentication_failed"
        try:
            status = IntentStatus(pi.status)
        except ValueError:
            raise GatewayError(f"unexpected PaymentIntent status {pi.status!r}") from None
        return Intent(
            id=pi.id,
            status=status,
            amount=from_provider_amount(int(pi.amount), pi.currency),
            client_secret=_field(pi, "client_secret"),
            card_brand=brand,
            card_last4=last4,
            next_action_url=redirect.get("url"),
            metadata={str(k): str(v) for k, v in (_plain(_field(pi, "metadata")) or {}).items()},
            last_error_code=error_code,
        )

    # -- the interface ------------------------------------------------------------------------

    def create_intent(
        self, amount: Money, *, idempotency_key: str, metadata: Mapping[str, str], capture: bool = True
    ) -> Intent:
        params: dict[str, Any] = {
            "amount": to_provider_amount(amount),
            "currency": amount.currency.lower(),
            "metadata": {str(k): str(v) for k, v in dict(metadata).items()},
            "capture_method": "automatic" if capture else "manual",
            "payment_method_types": ["card"],
        }
        pi = _call(
            lambda: self._client.v1.payment_intents.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        )
        return self._intent(pi, card=(None, None))

    def confirm(self, intent_id: str, card: CardDetails, *, idempotency_key: str) -> Intent:
        number = "".join(ch for ch in str(card.number) if ch not in " -")
        pm = _call(
            lambda: self._client.v1.payment_methods.create(
                params={
                    "type": "card",
                    "card": {
                        "number": number,
                        "exp_month": card.exp_month,
                        "exp_year": card.exp_year,
                        "cvc": card.cvc,
                    },
                },
                options={"idempotency_key": f"{idempotency_key}:pm"},
            )
        )
        brand_last4 = self._card_of(pm)
        _call(
            lambda: self._client.v1.payment_intents.update(
                intent_id,
                params={"payment_method": pm.id},
                options={"idempotency_key": f"{idempotency_key}:attach"},
            )
        )
        confirm_params: dict[str, Any] = {}
        if self._return_url:
            confirm_params["return_url"] = self._return_url
        pi = _call(
            lambda: self._client.v1.payment_intents.confirm(
                intent_id,
                params=confirm_params,
                options={"idempotency_key": f"{idempotency_key}:confirm"},
            )
        )
        return self._intent(pi, card=brand_last4)

    def authenticate(self, intent_id: str, *, approve: bool, idempotency_key: str) -> Intent:
        """Not available with Stripe.

        With Stripe the 3-D Secure step runs in the shopper's browser (Stripe.js ``handleNextAction``,
        or the ``next_action_url`` redirect when a ``return_url`` is configured). The outcome reaches us
        as a ``payment_intent.succeeded`` / ``payment_intent.payment_failed`` webhook, or by calling
        :meth:`retrieve` when the shopper comes back.
        """
        raise NotImplementedError(
            "Stripe authenticates in the shopper's browser (Stripe.js handleNextAction or the next_action "
            "redirect); learn the result from the payment_intent webhook or retrieve()"
        )

    def capture(self, intent_id: str, *, idempotency_key: str) -> Intent:
        pi = _call(
            lambda: self._client.v1.payment_intents.capture(
                intent_id, options={"idempotency_key": idempotency_key}
            )
        )
        return self._intent(pi)

    def cancel(self, intent_id: str, *, idempotency_key: str) -> Intent:
        pi = _call(
            lambda: self._client.v1.payment_intents.cancel(
                intent_id, options={"idempotency_key": idempotency_key}
            )
        )
        return self._intent(pi)

    def retrieve(self, intent_id: str) -> Intent:
        pi = _call(lambda: self._client.v1.payment_intents.retrieve(intent_id))
        return self._intent(pi)

    def refund(self, intent_id: str, amount: Money, *, idempotency_key: str) -> RefundResult:
        params = {"payment_intent": intent_id, "amount": to_provider_amount(amount)}
        refund = _call(
            lambda: self._client.v1.refunds.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        )
        return RefundResult(
            id=refund.id,
            status=str(refund.status),
            amount=from_provider_amount(int(refund.amount), refund.currency),
        )

    def transfer(
        self, amount: Money, destination: str, transfer_group: str, *, idempotency_key: str
    ) -> TransferResult:
        params = {
            "amount": to_provider_amount(amount),
            "currency": amount.currency.lower(),
            "destination": destination,
            "transfer_group": transfer_group,
        }
        tr = _call(
            lambda: self._client.v1.transfers.create(
                params=params, options={"idempotency_key": idempotency_key}
            )
        )
        return TransferResult(
            id=tr.id,
            amount=from_provider_amount(int(tr.amount), tr.currency),
            destination=tr.destination if isinstance(tr.destination, str) else tr.destination.id,
            transfer_group=_field(tr, "transfer_group") or transfer_group,
        )


__all__ = ["StripeGateway"]

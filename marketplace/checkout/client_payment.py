"""Opening a payment that the shopper's browser confirms (``PAYMENTS=stripe``: Stripe.js, card data never
reaches our server).

Contract:
- ``open_payment(engine, checkout_id, owner, gateway=...)`` re-validates the checkout's quote exactly as
  ``place.place`` does (any change raises :class:`~marketplace.checkout.place.CheckoutChanged`, the checkout
  then holds the fresh quote), holds its stock (``orders.stock.reserve``), creates the PaymentIntent for
  exactly the quote's ``payable_now`` (``CheckoutSession.total_minor``) and records the intent's id on the
  checkout. Returns ``(intent_id, client_secret, amount)``. The client secret is returned, never stored.
- The idempotency key includes the amount and currency (``checkout-<id>-create-<minor><CUR>``): pressing pay
  twice for the same quote reuses one intent; a quote whose amount changed gets a new intent.
- Ownership: only the checkout's owner (the cart owner of ``checkout.service.load``) can open it; another
  owner gets the service's ``NotFound`` and nothing is reserved or created.
- A payment already under way is never doubled: when the checkout's recorded intent is processing, succeeded or
  authorised (the browser paid but the page has not finished, e.g. it was closed), :class:`PaymentUnderWay` is
  raised *before* the quote is re-validated, so nothing is replaced and ``place.resume`` (or the provider's
  webhook) finishes that payment against the quote it was made for.
- A placed checkout raises :class:`AlreadyPlaced` (with the order number); stock that is gone raises
  ``CheckoutError("out_of_stock")``; a provider failure releases the hold and raises
  ``CheckoutError("payment_unavailable")``.
- The browser then confirms the intent with the client secret (3-D Secure handled by Stripe.js) and the page
  calls ``place.resume``, which reads the intent from the provider and writes the order (or releases the
  stock on a decline).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from marketplace.checkout.place import _number_of, _prepare, _wanted
from marketplace.checkout.service import CheckoutError, load
from marketplace.core.db import session_scope
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.models import CheckoutSession
from marketplace.orders import stock
from marketplace.orders.cart import CartOwner
from marketplace.payments.gateway import GatewayError, IntentStatus, PaymentGateway, UnknownIntent

UNAVAILABLE = N_("The payment could not be processed. Nothing was charged; please try again.")


class AlreadyPlaced(CheckoutError):
    """The checkout was already paid and placed; ``order_number`` is its order."""

    def __init__(self, order_number: str | None) -> None:
        super().__init__("already_placed", N_("This order is already placed."))
        self.order_number = order_number


class PaymentUnderWay(CheckoutError):
    """The checkout's recorded intent is already processing, succeeded or authorised: finish it, don't pay again."""

    def __init__(self, intent_id: str) -> None:
        super().__init__("payment_under_way", N_("Your payment is already under way. Please don't pay again."))
        self.intent_id = intent_id


_UNDER_WAY = {IntentStatus.PROCESSING, IntentStatus.SUCCEEDED, IntentStatus.REQUIRES_CAPTURE}


def idempotency_key(checkout_id: str, amount: Money) -> str:
    """The create key for ``amount`` on this checkout (a changed amount is a different request).

    >>> idempotency_key("c0ffee", Money(4599, "EUR"))
    'checkout-c0ffee-create-4599EUR'
    """
    return f"checkout-{checkout_id}-create-{amount.minor}{amount.currency}"


def open_payment(engine: Engine, checkout_id: str, owner: CartOwner, *, gateway: PaymentGateway,
                 user_id: int | None = None) -> tuple[str, str, Money]:
    """Open the payment for the checkout's current quote (see the module docstring).

    ``user_id`` is accepted for symmetry with ``place.place`` (the order's owner is decided when the
    page resumes the payment).
    """
    del user_id  # the order is written by place.resume, which receives the caller's id
    with session_scope(engine) as session:
        current = load(session, checkout_id, owner)
        previous = current.quote.get("intent_id") if current.status == "open" else None
    if previous:
        try:
            status = gateway.retrieve(previous).status
        except UnknownIntent:  # the provider has no such intent (an embedded gateway restarted): none under way
            status = None
        except GatewayError as exc:
            raise CheckoutError("payment_unavailable", UNAVAILABLE) from exc
        if status in _UNDER_WAY:
            raise PaymentUnderWay(previous)
    row = _prepare(engine, checkout_id, owner)
    if row.status == "placed":
        raise AlreadyPlaced(_number_of(engine, row))
    if row.status != "open":
        raise CheckoutError("checkout_closed", N_("This checkout is closed. Please start again from your cart."))
    amount = Money(row.total_minor, row.total_currency)
    try:
        stock.reserve(engine, row.id, _wanted(row.quote))
    except stock.OutOfStock as exc:
        raise CheckoutError("out_of_stock", exc.message, **exc.params) from exc
    try:
        intent = gateway.create_intent(amount, idempotency_key=idempotency_key(row.id, amount),
                                       metadata={"checkout_id": row.id})
    except (GatewayError, ValueError) as exc:
        stock.release(engine, row.id)
        raise CheckoutError("payment_unavailable", UNAVAILABLE) from exc
    if intent.amount != amount or not intent.client_secret:  # never hand out a secret for another amount
        stock.release(engine, row.id)
        raise CheckoutError("payment_unavailable", UNAVAILABLE)
    with session_scope(engine) as session:
        stored = session.get(CheckoutSession, row.id)
        stored.quote = {**stored.quote, "intent_id": intent.id}
        session.add(stored)
    return intent.id, intent.client_secret, amount


__all__ = ["AlreadyPlaced", "PaymentUnderWay", "idempotency_key", "open_payment"]

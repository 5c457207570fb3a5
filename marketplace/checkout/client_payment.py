"""Opening a payment that the shopper's browser confirms (``PAYMENTS=stripe``: Stripe.js, card data never
reaches our server).

Contract:
- ``open_payment(engine, checkout_id, owner, gateway=...)`` does what ``place.place`` does before it tries a
  card, with the same helpers: re-validates the quote (``place._prepare``: a change raises
  :class:`~marketplace.checkout.place.CheckoutChanged` and the checkout then holds the fresh quote; an intent
  still open for the old quote is settled first), holds the stock (``orders.stock.reserve``), and takes the
  intent of the current quote (``place._intent_for_quote``: the recorded one, or a new one for exactly the
  quote's ``payable_now`` under ``intents.create_key``, recorded with ``intents.record_intent`` before any
  card is tried). Returns ``(intent_id, client_secret, amount)``. The client secret is returned, never stored.
- Ownership: only the checkout's owner (the cart owner of ``checkout.service.load``) can open it; another
  owner gets the service's ``NotFound`` and nothing is reserved or created.
- A payment already under way is never doubled: when the quote's intent (or the old quote's, settled by
  ``_prepare``) already took the money or is processing, :class:`PaymentUnderWay` carries the resulting
  :class:`~marketplace.checkout.place.Placement` (``paid`` with the order, or ``processing``) instead of a
  secret.
- A placed checkout raises :class:`AlreadyPlaced` (with the order number); stock that is gone raises
  ``CheckoutError`` (``out_of_stock``); a provider failure releases the hold and raises
  ``CheckoutError`` (``payment_unavailable``).
- The browser then confirms the intent with the client secret (3-D Secure handled by Stripe.js) and the page
  calls ``place.resume``, which reads the intent from the provider and writes the order (or releases the
  stock on a decline; the intent stays recorded, so the next attempt confirms the same intent again).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from marketplace.checkout import intents
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.place import (
    Placement,
    _after_payment,
    _intent_for_quote,
    _number_of,
    _prepare,
    _wanted,
)
from marketplace.checkout.service import CheckoutError
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.orders import stock
from marketplace.orders.cart import CartOwner
from marketplace.payments.gateway import GatewayError, IntentStatus, PaymentGateway

UNAVAILABLE = N_("The payment could not be processed. Nothing was charged; please try again.")


class AlreadyPlaced(CheckoutError):
    """The checkout was already paid and placed; ``order_number`` is its order."""

    def __init__(self, order_number: str | None) -> None:
        super().__init__(CheckoutErrorCode.ALREADY_PLACED, N_("This order is already placed."))
        self.order_number = order_number


class PaymentUnderWay(CheckoutError):
    """The checkout's payment already took the money or is processing: ``placement`` says which (``paid``
    with its order, or ``processing``). Show that; never ask for the card again."""

    def __init__(self, placement: Placement) -> None:
        super().__init__(CheckoutErrorCode.PAYMENT_UNDER_WAY, N_("Your payment is already under way. Please don't pay again."))
        self.placement = placement


def open_payment(engine: Engine, checkout_id: str, owner: CartOwner, *, gateway: PaymentGateway,
                 user_id: int | None = None, client: str | None = None) -> tuple[str, str, Money]:
    """Open the payment for the checkout's current quote (see the module docstring)."""
    row, settled = _prepare(engine, checkout_id, owner, gateway, user_id)
    if settled is not None:
        raise PaymentUnderWay(settled)
    if row.status == "placed":
        raise AlreadyPlaced(_number_of(engine, row))
    if row.status != "open":
        raise CheckoutError(CheckoutErrorCode.NOT_OPEN, N_("This checkout is already complete."))
    amount = intents.payable(row)
    try:
        stock.reserve(engine, row.id, _wanted(row.quote), cart_id=row.cart_id, client=client)  # caps per cart/address
    except stock.OutOfStock as exc:
        raise CheckoutError(CheckoutErrorCode.OUT_OF_STOCK, exc.message, **exc.params) from exc
    try:
        intent = _intent_for_quote(engine, row, gateway)
    except CheckoutError:
        stock.release(engine, row.id)
        raise
    except (GatewayError, ValueError) as exc:
        stock.release(engine, row.id)
        raise CheckoutError(CheckoutErrorCode.PAYMENT_UNAVAILABLE, UNAVAILABLE) from exc
    if intent.status is IntentStatus.SUCCEEDED:  # an earlier attempt took the money: finish it, never again
        raise PaymentUnderWay(_after_payment(engine, row.id, intent, gateway, user_id))
    if intent.status is IntentStatus.PROCESSING:
        raise PaymentUnderWay(Placement("processing", row.id, None, intent.amount, intent.id))
    if intent.amount != amount or not intent.client_secret:  # never hand out a secret for another amount
        stock.release(engine, row.id)
        raise CheckoutError(CheckoutErrorCode.PAYMENT_UNAVAILABLE, UNAVAILABLE)
    return intent.id, intent.client_secret, amount


__all__ = ["AlreadyPlaced", "PaymentUnderWay", "open_payment"]

"""Placing an order from a checkout: re-validate, hold stock, charge exactly the quoted amount, then write
one order group with one vendor order per parcel, in a single transaction.

Contract:
- ``place(engine, checkout_id, owner, card, gateway=...)`` re-validates the quote first; any change raises
  :class:`CheckoutChanged` with the precise changes (the checkout now holds a fresh quote to accept).
- Stock is held (``orders.stock.reserve``) before the payment starts and released if it fails, so a
  declined card keeps the cart and frees the units; committed only when the payment succeeded. Writing the
  orders writes one ``sale`` row per line in the stock history (``catalog.stock_history.record_sale``, which
  also e-mails the seller when the sale leaves the variant at or below its low-stock threshold).
- The amount charged is the quote's ``payable_now``, to the minor unit; the PaymentIntent is created with an
  idempotency key per checkout, so a double click, a second tab or a retry charges once and yields one order
  (``finalize`` re-checks the checkout's status inside its transaction).
- A card that needs authentication returns ``Placement(status="requires_action")``; ``authenticate``
  completes it (the embedded gateway's step), or ``resume`` reads the outcome after the provider's own
  authentication page (Stripe).
- Orders freeze everything: unit prices (seller's and shopper's), duty and tax per line, the FX rate and its
  source on every line and on the group.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.catalog import stock_history
from marketplace.checkout import intents
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.frozen import FrozenQuote
from marketplace.checkout.refusal import refuse, refuse_unless_matching
from marketplace.checkout.service import Change, CheckoutError, load, revalidate
from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.formatting import country_name, format_money
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money
from marketplace.models import (
    CartLine,
    CheckoutSession,
    OrderEvent,
    OrderGroup,
    OrderLine,
    Payment,
    VendorOrder,
)
from marketplace.orders import stock
from marketplace.orders.cart import CartOwner
from marketplace.outbox.worker import enqueue
from marketplace.payments.commission import freeze_commission
from marketplace.payments.gateway import (
    CardDetails,
    GatewayError,
    Intent,
    IntentStatus,
    PaymentDeclined,
    PaymentGateway,
)
from marketplace.payments.ledger import record_sale


class CheckoutChanged(CheckoutError):
    def __init__(self, changes: list[Change]) -> None:
        super().__init__(CheckoutErrorCode.CHECKOUT_CHANGED, N_("Something in your order changed. Please check it and confirm again."))
        self.changes = changes


@dataclass(frozen=True)
class Placement:
    status: str  # paid | requires_action | processing (the provider is still confirming; its webhook finishes)
    checkout_id: str
    order_number: str | None
    amount: Money
    intent_id: str
    next_action_url: str | None = None


def _order_number() -> str:
    return "MRD-" + secrets.token_hex(4).upper()


def _wanted(quote: dict) -> dict[int, int]:
    """Units per variant id in a stored quote."""
    return FrozenQuote.from_json(quote).wanted()


def _prepare(engine: Engine, checkout_id: str, owner: CartOwner, gateway: PaymentGateway,
             user_id: int | None) -> tuple[CheckoutSession, Placement | None]:
    """Re-validate the quote. If it must change while a payment for it is open, settle that payment first:
    one that already took the money becomes the order of the quote it paid (returned as the placement); any
    other is cancelled and its holds released, and only then is the quote replaced (``CheckoutChanged``)."""
    with session_scope(engine) as session:  # commits the fresh quote revalidate may have written
        row, changes = revalidate(session, checkout_id, owner)
    recorded = intents.recorded_intent(row.quote)
    if changes and row.status == "open" and recorded is not None:
        settled = _settle_open_intent(engine, row, recorded[0], gateway, user_id)
        if settled is not None:
            return row, settled
        with session_scope(engine) as session:
            row, changes = revalidate(session, checkout_id, owner)
    if changes and row.status != "placed":
        raise CheckoutChanged(changes)
    return row, None


def _settle_open_intent(engine: Engine, row: CheckoutSession, intent_id: str, gateway: PaymentGateway,
                        user_id: int | None) -> Placement | None:
    """Cancel the intent recorded for ``row``'s old quote, or, when it already took the money, finish it as
    the order of that quote. None when it was cancelled (the quote may now be replaced)."""
    intent = gateway.retrieve(intent_id)
    if intent.status not in (IntentStatus.SUCCEEDED, IntentStatus.PROCESSING, IntentStatus.CANCELED):
        try:
            intent = gateway.cancel(intent_id, idempotency_key=f"checkout-{row.id}-cancel-{intent_id}")
        except GatewayError:  # it moved on meanwhile (succeeded or processing): read what it became
            intent = gateway.retrieve(intent_id)
    if intent.status is IntentStatus.SUCCEEDED:
        return _after_payment(engine, row.id, intent, gateway, user_id)
    if intent.status is IntentStatus.PROCESSING:
        return Placement("processing", row.id, None, intent.amount, intent.id)
    if intent.status is not IntentStatus.CANCELED:
        raise CheckoutError(CheckoutErrorCode.PAYMENT_UNAVAILABLE, _UNAVAILABLE)
    stock.release(engine, row.id)
    with immediate_scope(engine) as session:
        fresh = session.get(CheckoutSession, row.id, with_for_update=True)
        if intents.recorded_intent(fresh.quote) == intents.recorded_intent(row.quote):
            intents.drop_intent(fresh)
            session.add(fresh)
    return None


_UNAVAILABLE = "The payment could not be processed. Nothing was charged; please try again."


def place(engine: Engine, checkout_id: str, owner: CartOwner, card: CardDetails, *, gateway: PaymentGateway,
          user_id: int | None = None, client: str | None = None) -> Placement:
    row, settled = _prepare(engine, checkout_id, owner, gateway, user_id)
    if settled is not None:
        return settled
    amount = intents.payable(row)
    if row.status == "placed":
        return Placement("paid", row.id, _number_of(engine, row), amount, row.quote.get("intent_id", ""))
    if row.status != "open":
        raise CheckoutError(CheckoutErrorCode.NOT_OPEN, "This checkout is already complete.")
    try:
        stock.reserve(engine, row.id, _wanted(row.quote), cart_id=row.cart_id, client=client)  # caps per cart/address
    except stock.OutOfStock as exc:
        raise CheckoutError(CheckoutErrorCode.OUT_OF_STOCK, exc.message, **exc.params) from exc
    intent: Intent | None = None
    try:
        intent = _intent_for_quote(engine, row, gateway)
        if intent.status in (IntentStatus.SUCCEEDED, IntentStatus.PROCESSING):
            pass  # an earlier attempt took the money (its answer was lost): finish it, never charge again
        else:
            intent = gateway.confirm(intent.id, card,
                                     idempotency_key=f"checkout-{row.id}-confirm-{secrets.token_hex(4)}")
    except PaymentDeclined as exc:
        stock.release(engine, row.id)
        raise CheckoutError(exc.code, exc.message) from exc
    except GatewayError as exc:
        known = _read_back(gateway, intent)  # a timeout may hide a charge that went through
        if known is None or known.status not in (IntentStatus.SUCCEEDED, IntentStatus.PROCESSING):
            stock.release(engine, row.id)
            raise CheckoutError(CheckoutErrorCode.PAYMENT_UNAVAILABLE, _UNAVAILABLE) from exc
        intent = known
    if intent.status is IntentStatus.PROCESSING:
        return Placement("processing", row.id, None, intent.amount, intent.id)
    return _after_payment(engine, row.id, intent, gateway, user_id)


def _intent_for_quote(engine: Engine, row: CheckoutSession, gateway: PaymentGateway) -> Intent:
    """The intent of ``row``'s current quote: the recorded one, or a new one for exactly the payable amount,
    recorded (committed) before any card is tried."""
    recorded = intents.recorded_intent(row.quote)
    if recorded is not None:
        intent = gateway.retrieve(recorded[0])
        if intent.status is not IntentStatus.CANCELED:
            return intent
        with immediate_scope(engine) as session:  # cancelled outside this flow: this quote needs a new one
            fresh = session.get(CheckoutSession, row.id, with_for_update=True)
            if intents.recorded_intent(fresh.quote) == recorded:
                intents.drop_intent(fresh)
                session.add(fresh)
            row = fresh
    intent = gateway.create_intent(intents.payable(row), idempotency_key=intents.create_key(row),
                                   metadata={"checkout_id": row.id})
    with immediate_scope(engine) as session:
        fresh = session.get(CheckoutSession, row.id, with_for_update=True)
        known = intents.recorded_intent(fresh.quote)
        if known is not None and known[0] != intent.id:  # another tab recorded its intent first: use that one
            return gateway.retrieve(known[0])
        if fresh.total_minor != row.total_minor or fresh.total_currency != row.total_currency:
            raise CheckoutError(CheckoutErrorCode.CHECKOUT_CHANGED, N_("Something in your order changed. Please check it and "
                                                       "confirm again."))
        intents.record_intent(fresh, intent)
        session.add(fresh)
    return intent


def _read_back(gateway: PaymentGateway, intent: Intent | None) -> Intent | None:
    if intent is None:
        return None
    try:
        return gateway.retrieve(intent.id)
    except GatewayError:
        return None


def authenticate(engine: Engine, checkout_id: str, owner: CartOwner, *, approve: bool, gateway: PaymentGateway,
                 user_id: int | None = None) -> Placement:
    with session_scope(engine) as session:
        row = load(session, checkout_id, owner)
        intent_id = row.quote.get("intent_id")
    if not intent_id:
        raise CheckoutError(CheckoutErrorCode.NO_PAYMENT, "There is no payment waiting for confirmation.")
    intent = gateway.authenticate(intent_id, approve=approve, idempotency_key=f"checkout-{checkout_id}-auth-{intent_id}-{approve}")
    return _after_payment(engine, checkout_id, intent, gateway, user_id)


def resume(engine: Engine, checkout_id: str, owner: CartOwner, *, gateway: PaymentGateway,
           user_id: int | None = None) -> Placement:
    """After the provider's own authentication page (Stripe 3-D Secure sends the shopper back to the
    checkout): read the payment as the provider sees it and finish, exactly like :func:`authenticate`.
    A payment the provider is still confirming returns ``Placement(status="processing")``: its webhook
    writes the order, and nothing is released meanwhile."""
    with session_scope(engine) as session:
        row = load(session, checkout_id, owner)
        intent_id, status = row.quote.get("intent_id"), row.status
    if status == "placed":
        return Placement("paid", checkout_id, _number_of(engine, row), Money(row.total_minor, row.total_currency),
                         intent_id or "")
    if not intent_id:
        raise CheckoutError(CheckoutErrorCode.NO_PAYMENT, "There is no payment waiting for confirmation.")
    intent = gateway.retrieve(intent_id)
    if intent.status == IntentStatus.PROCESSING:
        return Placement("processing", checkout_id, None, intent.amount, intent.id)
    return _after_payment(engine, checkout_id, intent, gateway, user_id)


def _after_payment(engine: Engine, checkout_id: str, intent: Intent, gateway: PaymentGateway,
                   user_id: int | None) -> Placement:
    amount = intent.amount
    if intent.status == IntentStatus.REQUIRES_ACTION:
        return Placement("requires_action", checkout_id, None, amount, intent.id, intent.next_action_url)
    if intent.status != IntentStatus.SUCCEEDED:
        stock.release(engine, checkout_id)
        raise CheckoutError(intent.last_error_code or "payment_failed",
                            "Your card could not be charged. Nothing was taken; please try another card.")
    refuse_unless_matching(engine, checkout_id, intent, gateway)
    secure_stock_or_refund(engine, checkout_id, intent, gateway)
    number = finalize(engine, checkout_id, intent, gateway_name=getattr(gateway, "name", "embedded"),
                      user_id=user_id, gateway=gateway)
    return Placement("paid", checkout_id, number, amount, intent.id)


def secure_stock_or_refund(engine: Engine, checkout_id: str, intent: Intent, gateway: PaymentGateway | None) -> None:
    """Before writing the orders of a succeeded payment: make its units sold (``stock.secure``). If its hold
    had expired and the units were sold meanwhile, refund the whole payment, mark the checkout ``refunded``,
    tell the shopper by e-mail and raise :class:`CheckoutError` — never an order for stock that is gone."""
    with session_scope(engine) as session:
        row = session.get(CheckoutSession, checkout_id)
        if row is None or row.status != "open":
            return
        wanted = _wanted(row.quote)
    try:
        stock.secure(engine, checkout_id, wanted)
    except stock.OutOfStock as exc:
        if gateway is None:
            raise
        gateway.refund(intent.id, intent.amount, idempotency_key=f"checkout-{checkout_id}-sold-out")
        with session_scope(engine) as session:
            row = session.get(CheckoutSession, checkout_id)
            row.status = "refunded"
            session.add(row)
            if row.email:
                enqueue(session, "email", {"to": row.email, "lang": row.quote.get("lang", "en"),
                                           "subject": "Your Meridian payment was refunded",
                                           "body": f"{exc.params.get('sku', '')} sold out while your payment was "
                                                   f"being confirmed. We refunded {intent.amount} in full."})
        raise CheckoutError(CheckoutErrorCode.SOLD_OUT_REFUNDED, N_("{sku} sold out while your payment was being confirmed. We "
                                                    "refunded the full amount."), **exc.params) from exc


def _number_of(engine: Engine, row: CheckoutSession) -> str | None:
    with session_scope(engine) as session:
        group = session.get(OrderGroup, row.order_group_id) if row.order_group_id else None
        return group.number if group else None


def finalize(engine: Engine, checkout_id: str, intent: Intent, *, gateway_name: str,
             user_id: int | None = None, gateway: PaymentGateway | None = None) -> str:
    """Writes the orders for a paid checkout, once (the checkout row is locked: on PostgreSQL a concurrent call
    waits, on SQLite ``BEGIN IMMEDIATE`` serialises): a second call with the same payment finds the checkout
    placed and returns its number. Inside the same transaction it refuses (``refusal.refuse``: refund through
    ``gateway``, no order, :class:`~marketplace.checkout.refusal.PaymentRefused`) a payment that is not exactly the quote's
    (``intents.mismatch``)."""
    with immediate_scope(engine) as session:
        row = session.get(CheckoutSession, checkout_id, with_for_update=True)
        recorded = intents.recorded_intent(row.quote)
        if row.status == "placed" and recorded is not None and recorded[0] == intent.id:
            return session.get(OrderGroup, row.order_group_id).number
        problem = intents.mismatch(row, intent)
        if problem is None:
            return _write_orders(session, row, intent, gateway_name, user_id)
    refuse(engine, checkout_id, intent, gateway, problem)


def _write_orders(session: Session, row: CheckoutSession, intent: Intent, gateway_name: str,
                  user_id: int | None) -> str:
    checkout_id = row.id
    quote = FrozenQuote.from_json(row.quote)
    totals = quote.totals
    first_line = quote.lines[0]
    group = OrderGroup(
        number=_order_number(), user_id=user_id or row.user_id, email=row.email, ship_to_country=row.ship_to_country,
        **{f"{name}_minor": getattr(totals, key).minor for name, key in (
            ("goods", "goods"), ("shipping", "shipping"), ("duty", "duty"), ("tax", "taxes"), ("fees", "fees"),
            ("total", "total"))},
        **{f"{name}_currency": row.total_currency for name in ("goods", "shipping", "duty", "tax", "fees", "total")},
        fx_source=first_line.fx_source[:120], fx_as_of=first_line.fx_as_of,
        delivery_address=dict(row.delivery_address or {}), phone=row.phone, lang=row.lang,
        status="placed")
    session.add(group)
    session.flush()
    _vendor_orders(session, group, quote, row.total_currency)
    session.add(Payment(group_id=group.id, gateway=gateway_name, external_id=intent.id, status="succeeded",
                        amount_minor=intent.amount.minor, amount_currency=intent.amount.currency,
                        refunded_minor=0, refunded_currency=intent.amount.currency,
                        card_brand=intent.card_brand, card_last4=intent.card_last4,
                        idempotency_key=f"checkout-{checkout_id}"))
    row.status, row.order_group_id = "placed", group.id
    session.add(row)
    if row.email:
        enqueue(session, "email", {"to": row.email, "lang": row.lang,
                                   "subject": translate(row.lang, "Your Meridian order %(number)s",
                                                        number=group.number),
                                   "body": _confirmation_text(group, quote, row.lang)})
    if row.cart_id:
        _take_from_cart(session, row.cart_id, quote.wanted())
    return group.number


def _take_from_cart(session: Session, cart_id: int, bought: dict[int, int]) -> None:
    """Remove what was bought from the cart: the quoted quantities, not lines added after the quote."""
    for line in session.exec(select(CartLine).where(CartLine.cart_id == cart_id,
                                                    CartLine.saved_for_later.is_(False))).all():
        left = line.quantity - bought.get(line.variant_id, 0)
        if left > 0:
            line.quantity = left
            session.add(line)
        else:
            session.delete(line)


def _vendor_orders(session: Session, group: OrderGroup, quote: FrozenQuote, currency: str) -> None:
    """One vendor order per parcel with its frozen lines, then its commission lines and ledger entries."""
    vendor_orders: list[VendorOrder] = []
    sold: list[tuple[int | None, int, str]] = []  # the stock history's sale rows, written in variant id order
    for index, parcel in enumerate(quote.parcels, start=1):
        vendor_lines = [line for line in quote.lines if line.vendor_id == parcel.vendor_id]
        order = VendorOrder(
            group_id=group.id, vendor_id=parcel.vendor_id, number=f"{group.number}-{index}", status="placed",
            payment_status="paid", fulfilment_status="unfulfilled", incoterm=parcel.incoterm,
            goods_minor=quote.goods_of(parcel.vendor_id).minor, goods_currency=currency,
            shipping_minor=parcel.shipping.minor, shipping_currency=currency,
            duty_minor=parcel.duty.minor, duty_currency=currency, tax_minor=parcel.taxes.minor, tax_currency=currency,
            total_minor=parcel.total.minor, total_currency=currency)
        session.add(order)
        session.flush()
        vendor_orders.append(order)
        session.add(OrderEvent(vendor_order_id=order.id, actor_user_id=group.user_id, kind="payment",
                               from_status="pending", to_status="paid", reason="payment succeeded",
                               at=clock.now()))
        per_line = {charge.sku: charge for charge in parcel.lines}
        for line in vendor_lines:
            charge = per_line.get(line.sku)
            session.add(OrderLine(
                vendor_order_id=order.id, variant_id=line.variant_id, product_name=line.name[:200],
                sku=line.sku, quantity=line.quantity, hs_code=line.hs_code, origin_country=line.origin_country,
                vendor_unit_price_minor=line.vendor_unit_price.minor,
                vendor_unit_price_currency=line.vendor_unit_price.currency,
                unit_price_minor=line.unit_price.minor, unit_price_currency=line.unit_price.currency,
                duty_minor=charge.duty.minor if charge else 0, duty_currency=currency,
                tax_minor=charge.tax.minor if charge else 0, tax_currency=currency,
                fx_rate=line.fx_rate, fx_source=line.fx_source[:120]))
            sold.append((line.variant_id, line.quantity, order.number))
    session.flush()
    for variant_id, quantity, number in sorted(sold, key=lambda sale: (sale[0] or 0, sale[2])):  # lock order: ids
        stock_history.record_sale(session, variant_id, quantity, number)
    for order in vendor_orders:
        freeze_commission(session, order)
        record_sale(session, order)


def _confirmation_text(group: OrderGroup, quote: FrozenQuote, lang: str) -> str:
    """The confirmation e-mail in the shopper's language: each seller's order with its frozen breakdown,
    the amount charged, what is left to pay on delivery, and the delivery address."""
    locale = format_locale(lang)

    def money(amount: Money) -> str:
        return format_money(amount, locale)

    def tr(msgid: str, **params: object) -> str:
        return translate(lang, msgid, **params)

    out = [tr("Thank you for your order %(number)s.", number=group.number), "",
           tr("Each seller ships their own parcel:")]
    for index, parcel in enumerate(quote.parcels, start=1):
        out += ["", f"{group.number}-{index} · {tr('Parcel from')} {parcel.vendor}"]
        goods = Money(quote.goods_of(parcel.vendor_id).minor, parcel.total.currency)
        for label, amount in ((N_("Goods"), goods), (N_("Shipping"), parcel.shipping),
                              (N_("Import duty"), parcel.duty), (N_("Import taxes"), parcel.taxes),
                              (N_("Fees"), parcel.fees), (N_("Total"), parcel.total)):
            out.append(f"  {tr(label)}: {money(amount)}")
    totals = quote.totals
    out += ["", tr("Charged now: %(amount)s", amount=money(totals.payable_now))]
    if totals.payable_on_delivery.minor:
        out.append(tr("To pay the carrier on delivery (estimate): %(amount)s",
                      amount=money(totals.payable_on_delivery)))
    address = group.delivery_address or {}
    if address.get("country"):
        out += ["", tr("Delivery address:"), *PostalAddress(**address).lines(),
                country_name(address["country"], locale)]
    out += ["", tr("We will e-mail you when each parcel ships.")]
    return "\n".join(out)

"""The order confirmation a buyer sees after paying: read back from the frozen order rows, never re-priced.

Contract:
- ``confirmation(session, number, owner)`` returns :class:`Confirmation` for the order group ``number``
  only when the caller placed it: a signed-in owner whose user id is the group's, or the cart (guest token
  or user) whose checkout placed it. Anyone else, a malformed number or an unknown one gets the same
  :class:`NotFound`, so order numbers cannot be probed.
- The delivery address, the phone and the full e-mail address are personal: they are returned only to the
  signed-in account that placed the order or when ``paid_here`` (the caller vouches that this browser tab
  made the payment; the storefront keeps that fact in the paying tab's backend state). A guest cart token
  alone, which outlives the tab, gets the order without them: ``delivery_address`` empty, ``phone`` empty,
  ``email`` masked (``l•••@example.com``) and ``private_hidden`` True.
- Every amount is what the order rows froze at placement (goods, shipping, duty, taxes per seller order;
  fees are the part of each frozen total not in the other four); ``charged`` is the payment's amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.core.errors import NotFound
from marketplace.core.money import Money
from marketplace.models import CheckoutSession, OrderGroup, OrderLine, Payment, Vendor, VendorOrder, money_of
from marketplace.orders.cart import CartOwner, find_cart

_NUMBER = re.compile(r"^MRD-[0-9A-F]{8}$")


@dataclass(frozen=True)
class ConfirmedLine:
    name: str
    sku: str
    quantity: int
    unit_price: Money
    total: Money


@dataclass(frozen=True)
class ConfirmedOrder:
    number: str
    vendor_name: str
    vendor_country: str
    incoterm: str  # DDP: import charges paid now; DAP: paid to the carrier on delivery
    goods: Money
    shipping: Money
    duty: Money
    taxes: Money
    fees: Money
    total: Money
    lines: tuple[ConfirmedLine, ...]


@dataclass(frozen=True)
class Confirmation:
    number: str
    created_at: datetime
    email: str
    lang: str
    ship_to_country: str
    delivery_address: dict
    phone: str
    orders: tuple[ConfirmedOrder, ...]
    goods: Money
    shipping: Money
    duty: Money
    taxes: Money
    fees: Money
    total: Money
    charged: Money
    card: str  # "visa •••• 4242"
    private_hidden: bool = False  # address, phone and e-mail withheld (see the module contract)


def mask_email(email: str) -> str:
    """``lena@example.com`` -> ``l•••@example.com``."""
    local, _, domain = (email or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def _may_see(session: Session, group: OrderGroup, owner: CartOwner) -> bool:
    if owner.user_id is not None and group.user_id == owner.user_id:
        return True
    cart = find_cart(session, owner)
    if cart is None:
        return False
    placed = session.exec(select(CheckoutSession.id).where(CheckoutSession.order_group_id == group.id,
                                                           CheckoutSession.cart_id == cart.id)).first()
    return placed is not None


def confirmation(session: Session, number: object, owner: CartOwner, *, paid_here: bool = False) -> Confirmation:
    if not isinstance(number, str) or not _NUMBER.match(number):
        raise NotFound("We couldn't find that order.", code=CheckoutErrorCode.ORDER_NOT_FOUND)
    group = session.exec(select(OrderGroup).where(OrderGroup.number == number)).first()
    if group is None or not _may_see(session, group, owner):
        raise NotFound("We couldn't find that order.", code=CheckoutErrorCode.ORDER_NOT_FOUND)
    rows = session.exec(select(VendorOrder, Vendor).join(Vendor, Vendor.id == VendorOrder.vendor_id)
                        .where(VendorOrder.group_id == group.id).order_by(VendorOrder.number)).all()
    lines_by_order: dict[int, list[OrderLine]] = {}
    for line in session.exec(select(OrderLine).where(OrderLine.vendor_order_id.in_([o.id for o, _ in rows]))
                             .order_by(OrderLine.id)).all():
        lines_by_order.setdefault(line.vendor_order_id, []).append(line)
    orders = []
    for order, vendor in rows:
        money = {name: money_of(order, name) for name in ("goods", "shipping", "duty", "tax", "total")}
        fees = money["total"] - money["goods"] - money["shipping"] - money["duty"] - money["tax"]
        orders.append(ConfirmedOrder(
            number=order.number, vendor_name=vendor.display_name, vendor_country=vendor.country,
            incoterm=order.incoterm, goods=money["goods"], shipping=money["shipping"], duty=money["duty"],
            taxes=money["tax"], fees=fees, total=money["total"],
            lines=tuple(ConfirmedLine(
                name=line.product_name, sku=line.sku, quantity=line.quantity,
                unit_price=Money(line.unit_price_minor, line.unit_price_currency),
                total=Money(line.unit_price_minor * line.quantity, line.unit_price_currency))
                for line in lines_by_order.get(order.id, []))))
    payment = session.exec(select(Payment).where(Payment.group_id == group.id).order_by(Payment.id)).first()
    charged = Money(payment.amount_minor, payment.amount_currency) if payment else Money.zero(group.total_currency)
    card = f"{(payment.card_brand or '').capitalize()} •••• {payment.card_last4}".strip() if payment and payment.card_last4 else ""
    private = paid_here or (owner.user_id is not None and group.user_id == owner.user_id)
    return Confirmation(
        number=group.number, created_at=group.created_at, email=group.email if private else mask_email(group.email),
        lang=group.lang, ship_to_country=group.ship_to_country,
        delivery_address=dict(group.delivery_address or {}) if private else {},
        phone=(group.phone or "") if private else "", private_hidden=not private, orders=tuple(orders), goods=money_of(group, "goods"), shipping=money_of(group, "shipping"),
        duty=money_of(group, "duty"), taxes=money_of(group, "tax"), fees=money_of(group, "fees"),
        total=money_of(group, "total"),
        charged=charged, card=card)

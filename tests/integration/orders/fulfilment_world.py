"""A paid order placed through the real checkout (embedded gateway) by a German shopper from a Japanese
seller, with the people the fulfilment tests need: the seller, another vendor's seller, staff, another
shopper; plus small readers of what the services wrote."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.accounts.service import Caller
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.models import LedgerEntry, OrderEvent, OutboxMessage, Role, Variant, VendorOrder
from marketplace.orders import cart as carts
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories
from tests.factories_account import caller


@dataclass
class World:
    gateway: EmbeddedGateway
    intent_id: str
    order_id: int
    vendor_id: int
    seller: Caller
    other_seller: Caller
    staff: Caller
    shopper: Caller
    other_shopper: Caller


def placed_order(engine, *, quantity: int = 2, lang: str = "de", address: PostalAddress | None = None) -> World:
    gateway = EmbeddedGateway()
    with Session(engine) as session:
        vendor = factories.vendor(session, country="JP", currency="JPY")
        other_vendor = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, vendor, factories.category(session), price_minor=3200, stock=5)
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        shopper = factories.user(session, email=f"kunde-{vendor.id}@example.de")
        people = {
            "seller": factories.user(session, role=Role.SELLER, vendor=vendor),
            "other_seller": factories.user(session, role=Role.SELLER, vendor=other_vendor),
            "staff": factories.user(session, role=Role.STAFF, staff_role="finance"),
            "shopper": shopper,
            "other_shopper": factories.user(session),
        }
        callers = {name: caller(session, row) for name, row in people.items()}
        owner = carts.CartOwner(user_id=shopper.id)
        carts.add(session, owner, variant_id, quantity)
        row, _ = checkout.start(session, owner, Market("DE", "EUR"), user_id=shopper.id, email=shopper.email,
                                lang=lang, address=address)
        checkout_id, vendor_id = row.id, vendor.id
        session.commit()
    placement = place(engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"),
                      gateway=gateway, user_id=callers["shopper"].user_id)
    with Session(engine) as session:
        order_id = session.exec(select(VendorOrder.id).where(VendorOrder.vendor_id == vendor_id)).one()
    return World(gateway, placement.intent_id, order_id, vendor_id, **callers)


def order(engine, order_id: int) -> VendorOrder:
    with Session(engine) as session:
        return session.get(VendorOrder, order_id)


def events(engine, order_id: int, kind: str | None = None) -> list[tuple[str, str | None, str, int | None]]:
    with Session(engine) as session:
        query = select(OrderEvent).where(OrderEvent.vendor_order_id == order_id).order_by(OrderEvent.id)
        rows = session.exec(query if kind is None else query.where(OrderEvent.kind == kind)).all()
        return [(row.kind, row.from_status, row.to_status, row.actor_user_id) for row in rows]


def mails(engine, to: str) -> list[dict]:
    """The e-mails queued for ``to`` after the order confirmation, oldest first."""
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email").order_by(OutboxMessage.id)).all()
        return [row.payload for row in rows if row.payload["to"] == to][1:]


def ledger_sum(engine, vendor_id: int) -> int:
    with Session(engine) as session:
        return sum(e.amount_minor for e in session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == vendor_id)))

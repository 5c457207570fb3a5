"""A delivered order for the returns tests: a paid order placed through the real checkout (embedded gateway) by
a shopper in ``country`` from a Japanese seller, accepted, packed, labelled by the embedded carrier, handed
over and reported delivered by the carrier; plus the people the tests need and small readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.accounts.service import Caller
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import OrderLine, Role, Shipment, Variant, VendorOrder
from marketplace.orders import cart as carts
from marketplace.orders import fulfilment, labels
from marketplace.orders.fulfilment_package import Package
from marketplace.orders.fulfilment_tracking import TrackingUpdate, apply_tracking
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories
from tests.factories_account import caller

BOX = Package(length_mm=300, width_mm=200, height_mm=120, weight_g=800)
ADDRESSES = {
    "DE": (PostalAddress(country="DE", name="Erika Mustermann", street_address="Hauptstraße 5", city="Berlin",
                         postal_code="10115"), "EUR"),
    "US": (PostalAddress(country="US", name="Jane Doe", street_address="1 Main St", city="Springfield",
                         country_area="IL", postal_code="62701"), "USD"),
    "CA": (PostalAddress(country="CA", name="Jean Tremblay", street_address="10 Rue Sainte-Catherine",
                         city="Montréal", country_area="QC", postal_code="H2X 1K4"), "CAD"),
}


@dataclass
class World:
    gateway: EmbeddedGateway
    order_id: int
    number: str
    vendor_id: int
    line_id: int
    seller: Caller
    other_seller: Caller
    staff: Caller
    shopper: Caller
    other_shopper: Caller


def delivered_order(engine, *, country: str = "DE", quantity: int = 2, window_days: int = 14,
                    delivered: datetime | None = None) -> World:
    gateway = EmbeddedGateway()
    address, currency = ADDRESSES[country]
    with Session(engine) as session:
        vendor = factories.vendor(session, country="JP", currency="JPY")
        vendor.return_window_days = window_days
        other_vendor = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, vendor, factories.category(session), price_minor=3200, stock=5)
        variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        shopper = factories.user(session, email=f"kunde-{vendor.id}@example.com")
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
        row, _ = checkout.start(session, owner, Market(country, currency), user_id=shopper.id, email=shopper.email,
                                lang="de" if country == "DE" else "en", address=address)
        checkout_id, vendor_id = row.id, vendor.id
        session.commit()
    place(engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"), gateway=gateway,
          user_id=callers["shopper"].user_id)
    seller = callers["seller"]
    with immediate_scope(engine) as session:
        order = session.exec(select(VendorOrder).where(VendorOrder.vendor_id == vendor_id)).one()
        fulfilment.accept(session, seller, order.id)
        fulfilment.pack(session, seller, order.id, BOX)
        bought = labels.buy_label(session, seller, order.id, carrier_for(get_settings()), FileStore(_tmp()))
        fulfilment.hand_over(session, seller, bought.shipment.id)
        order_id, number = order.id, order.number
        line_id = session.exec(select(OrderLine.id).where(OrderLine.vendor_order_id == order_id)).one()
    at = delivered or clock.now()
    with clock.frozen(at), immediate_scope(engine) as session:  # the carrier reported delivery at ``at``
        shipment = session.get(Shipment, bought.shipment.id)
        apply_tracking(session, shipment, [TrackingUpdate("delivered", at)])
    return World(gateway, order_id, number, vendor_id, line_id, **callers)


_STORE: list[str] = []


def _tmp() -> str:
    import tempfile  # noqa: PLC0415 - one folder per test run for the outbound labels

    if not _STORE:
        _STORE.append(tempfile.mkdtemp(prefix="returns-labels-"))
    return _STORE[0]

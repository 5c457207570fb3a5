"""Checkout quotes: re-priced from the database, split per vendor parcel, landed cost per parcel, frozen for
15 minutes, and re-validated with precise changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace.checkout import service as checkout
from marketplace.checkout.pricing import Market, fetch_cart, price_checkout
from marketplace.core import clock
from marketplace.core.errors import NotFound
from marketplace.models import Variant
from marketplace.orders import cart as carts
from tests import factories


@pytest.fixture
def two_vendor_cart(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        milan = factories.vendor(session, country="IT", currency="EUR")
        mug = factories.product(session, kyoto, cat, price_minor=3200, stock=5)
        bag = factories.product(session, milan, cat, price_minor=18900, stock=2)
        mug_v = session.exec(select(Variant).where(Variant.product_id == mug.id)).first()
        bag_v = session.exec(select(Variant).where(Variant.product_id == bag.id)).first()
        bag_v.hs_code = "420221"
        session.add(bag_v)
        owner, _ = carts.add(session, carts.CartOwner(), mug_v.id, 2)
        owner, _ = carts.add(session, owner, bag_v.id, 1)
        session.commit()
        yield session, owner, mug_v, bag_v


def test_one_parcel_per_vendor_with_its_own_landed_cost(two_vendor_cart):
    session, owner, mug_v, bag_v = two_vendor_cart
    price = price_checkout(fetch_cart(session, owner), Market("DE", "EUR"))
    assert price.can_pay and price.incoterm == "DDP"
    assert [p.vendor_country for p in price.parcels] == ["JP", "IT"]
    japan, italy = price.parcels
    assert japan.landed.regime == "EU_IOSS" and italy.landed.regime == "EU_INTERNAL_MARKET"
    assert italy.landed.duty.minor == 0 and italy.landed.taxes.minor == 0
    # the mug's unit price is converted once (3,200 JPY at the embedded ECB rate) and multiplied by 2
    assert japan.lines[0].total == japan.lines[0].unit_price * 2
    assert price.total == price.goods + price.shipping + price.duty + price.taxes + price.fees
    assert price.payable_now == price.total


def test_start_freezes_the_quote_and_revalidate_finds_nothing_changed(two_vendor_cart):
    session, owner, *_ = two_vendor_cart
    row, price = checkout.start(session, owner, Market("US", "USD"), email="a@example.com")
    session.commit()
    assert row.total_minor == price.payable_now.minor and row.total_currency == "USD"
    assert row.quote["incoterm"] == "DAP" and price.payable_on_delivery.minor > 0
    _, changes = checkout.revalidate(session, row.id, owner)
    assert changes == []


def test_revalidate_reports_a_price_change_and_stock_shortage_precisely(two_vendor_cart):
    session, owner, mug_v, bag_v = two_vendor_cart
    row, _ = checkout.start(session, owner, Market("DE", "EUR"))
    session.commit()
    mug_v.price_minor = 3500
    bag_v.stock = 0
    session.add_all([mug_v, bag_v])
    session.commit()
    _, changes = checkout.revalidate(session, row.id, owner)
    codes = {c.code for c in changes}
    assert {"price", "out_of_stock", "total"} <= codes
    price_change = next(c for c in changes if c.code == "price")
    assert price_change.params["sku"] == mug_v.sku and price_change.params["before"] != price_change.params["after"]


def test_a_quote_expires_after_fifteen_minutes(two_vendor_cart):
    session, owner, *_ = two_vendor_cart
    start = clock.now()
    with clock.frozen(start):
        row, _ = checkout.start(session, owner, Market("GB", "GBP"))
        session.commit()
    with clock.frozen(start + timedelta(minutes=16)):
        row, changes = checkout.revalidate(session, row.id, owner)
    assert [c.code for c in changes] == ["expired"]
    assert clock.as_utc(row.expires_at) > start + timedelta(minutes=16)  # a fresh quote to accept


def test_an_empty_cart_cannot_check_out_and_another_cart_cannot_see_a_checkout(two_vendor_cart):
    session, owner, *_ = two_vendor_cart
    with pytest.raises(checkout.CheckoutError) as empty:
        checkout.start(session, carts.CartOwner(guest_token="B" * 32), Market("DE", "EUR"))
    assert empty.value.code == "empty_cart"
    row, _ = checkout.start(session, owner, Market("DE", "EUR"))
    session.commit()
    with pytest.raises(NotFound):
        checkout.load(session, row.id, carts.CartOwner(guest_token="C" * 32))
    with pytest.raises(NotFound):
        checkout.load(session, "x" * 5, owner)

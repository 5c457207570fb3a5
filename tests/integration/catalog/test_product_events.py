"""Product events as the cart writes them: an add-to-cart is recorded once per cart and half hour under an
anonymous key, and a failing event insert never fails the add (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, select

from marketplace.catalog import events
from marketplace.models import Cart, CartLine, ProductEvent, Variant
from marketplace.orders import cart as carts
from tests import factories


def _shop(session: Session):  # noqa: ANN202
    vendor = factories.vendor(session)
    product = factories.product(session, vendor, factories.category(session))
    variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
    return vendor, product, variant_id, factories.user(session)


def test_adding_to_the_cart_records_one_anonymous_event_per_cart_and_half_hour(db_engine) -> None:
    with Session(db_engine, expire_on_commit=False) as session:
        vendor, product, variant_id, shopper = _shop(session)
        owner = carts.CartOwner(user_id=shopper.id)
        carts.add(session, owner, variant_id, 1)
        carts.add(session, owner, variant_id, 1)  # again within the half hour: still one event
        session.commit()
        rows = list(session.exec(select(ProductEvent)))
        cart_id = session.exec(select(Cart.id).where(Cart.user_id == shopper.id)).one()
    assert [(r.product_id, r.vendor_id, r.kind) for r in rows] == [(product.id, vendor.id, "cart")]
    assert rows[0].visitor == events.visitor_key(f"cart:{cart_id}")  # a keyed hash, not the cart id itself
    assert str(cart_id) != rows[0].visitor and len(rows[0].visitor) == 32


def test_a_failing_event_insert_never_fails_the_add_to_cart(db_engine) -> None:
    with Session(db_engine, expire_on_commit=False) as session:
        _, _, variant_id, shopper = _shop(session)
        session.commit()
        session.exec(text("DROP TABLE product_events"))  # the event insert now fails inside its savepoint
        _, count = carts.add(session, carts.CartOwner(user_id=shopper.id), variant_id, 2)
        session.commit()
        assert count == 2
        assert session.exec(select(CartLine.quantity)).all() == [2]

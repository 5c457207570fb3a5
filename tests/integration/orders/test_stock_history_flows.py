"""Every stock change an order makes is in the variant's history, on SQLite and PostgreSQL: a sale (real
checkout, embedded gateway), a cancellation, a received return and an exchange; and a sale that takes a
variant to its low-stock threshold e-mails its seller once, in their language, until it is restocked."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.catalog.stock_history import StockReason, change_stock, record_sale
from marketplace.core.db import immediate_scope
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import OrderLine, OutboxMessage, StockChange, User, Variant, VendorOrder
from marketplace.orders import returns
from marketplace.orders.fulfilment_cancel import approve_cancel, request_cancel
from tests.integration.orders.fulfilment_world import placed_order
from tests.integration.orders.returns_world import delivered_order

CARRIER = carrier_for(get_settings())


def _variant_of(engine, order_id: int) -> Variant:
    with Session(engine) as session:
        variant_id = session.exec(select(OrderLine.variant_id).where(OrderLine.vendor_order_id == order_id)).one()
        return session.get(Variant, variant_id)


def _history(engine, variant_id: int) -> list[tuple[str, int, int, int | None, str]]:
    with Session(engine) as session:
        rows = session.exec(select(StockChange).where(StockChange.variant_id == variant_id)
                            .order_by(StockChange.id)).all()
        return [(row.reason, row.delta, row.stock_after, row.actor_user_id, row.reference) for row in rows]


def _number(engine, order_id: int) -> str:
    with Session(engine) as session:
        return session.get(VendorOrder, order_id).number


def _seller_mails(engine, to: str, sku: str) -> list[dict]:
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email").order_by(OutboxMessage.id)).all()
        return [row.payload for row in rows if row.payload["to"] == to and sku in row.payload["subject"]]


def _seller_speaks_german(engine, user_id: int) -> None:
    with Session(engine) as session:
        user = session.get(User, user_id)
        user.language = "de"
        session.add(user)
        session.commit()


def test_a_sale_writes_a_sale_row_with_the_order_number_and_no_person(db_engine):
    world = placed_order(db_engine, quantity=2)  # stock 5 -> 3
    variant = _variant_of(db_engine, world.order_id)
    assert variant.stock == 3
    assert _history(db_engine, variant.id) == [("sale", -2, 3, None, _number(db_engine, world.order_id))]


def test_a_sale_to_the_threshold_mails_the_seller_once_until_restocked(db_engine):
    world = placed_order(db_engine, quantity=2)  # 3 left: at or below the default threshold of 5
    variant = _variant_of(db_engine, world.order_id)
    first = _seller_mails(db_engine, world.seller.email, variant.sku)
    assert len(first) == 1 and "Only 3 left" in first[0]["body"] and "/seller/stock?show=low" in first[0]["body"]
    with immediate_scope(db_engine) as session:  # a second sale below the threshold: no second e-mail
        assert session.get(Variant, variant.id).low_stock_alerted
        change_stock(session, variant.id, delta=-1, reason=StockReason.EXCHANGE, actor_user_id=None, reference="x")
    assert len(_seller_mails(db_engine, world.seller.email, variant.sku)) == 1
    with immediate_scope(db_engine) as session:  # restocked above the threshold: the flag clears
        change_stock(session, variant.id, new_stock=20, reason=StockReason.MANUAL,
                     actor_user_id=world.seller.user_id, reference="delivery")
        assert not session.get(Variant, variant.id).low_stock_alerted


def test_the_alert_is_in_the_sellers_language(db_engine):
    world = placed_order(db_engine, quantity=1)
    variant = _variant_of(db_engine, world.order_id)
    _seller_speaks_german(db_engine, world.seller.user_id)
    with immediate_scope(db_engine) as session:  # restock, then a sale in German
        change_stock(session, variant.id, new_stock=6, reason=StockReason.MANUAL, actor_user_id=None)
    with immediate_scope(db_engine) as session:
        session.get(Variant, variant.id).stock = 1  # the hold took 5
        record_sale(session, variant.id, 5, "M-TEST-1")
    german = [m for m in _seller_mails(db_engine, world.seller.email, variant.sku) if m["lang"] == "de"]
    assert german and german[-1]["subject"].startswith("Niedriger Lagerbestand")


def test_a_canceled_order_puts_its_units_back_with_a_cancellation_row(db_engine):
    world = placed_order(db_engine, quantity=2)
    variant = _variant_of(db_engine, world.order_id)
    with immediate_scope(db_engine) as session:
        request_cancel(session, world.shopper, world.order_id, "Wrong size")
    approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    assert _variant_of(db_engine, world.order_id).stock == 5
    assert _history(db_engine, variant.id)[-1] == ("cancellation", 2, 5, world.seller.user_id,
                                                   _number(db_engine, world.order_id))


@pytest.mark.parametrize("kind", ["return", "exchange"])
def test_a_received_return_restocks_and_an_exchange_takes_one_out(db_engine, tmp_path, kind):
    world = delivered_order(db_engine, quantity=2)  # stock 5 -> 3
    with immediate_scope(db_engine) as session:
        number = returns.request_return(session, world.shopper, world.number, kind,
                                        [{"order_line_id": world.line_id, "quantity": 1, "reason": "damaged"}]).number
    store = FileStore(tmp_path / "documents")
    for fn, who, *more in ((returns.approve, world.seller, CARRIER, store), (returns.mark_sent, world.shopper),
                           (returns.mark_received, world.seller)):
        with immediate_scope(db_engine) as session:
            fn(session, who, number, *more)
    variant = _variant_of(db_engine, world.order_id)
    assert variant.stock == 4
    assert _history(db_engine, variant.id)[-1] == ("return", 1, 4, world.seller.user_id, number)
    if kind == "exchange":
        with immediate_scope(db_engine) as session:
            returns.send_back(session, world.seller, number, CARRIER, store)
        assert _history(db_engine, variant.id)[-1] == ("exchange", -1, 3, world.seller.user_id, number)

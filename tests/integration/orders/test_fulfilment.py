"""Fulfilment moves against a real database: ``record_fulfilment`` follows the fulfilment table, writes one
order event per move with its actor and reason, and refuses a move the table does not allow."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.core.db import immediate_scope, session_scope
from marketplace.models import OrderEvent, Role, VendorOrder
from marketplace.orders import history
from marketplace.orders.fulfilment import ShipmentStatus, record_fulfilment
from marketplace.orders.status import FulfilmentStatus, TransitionError, UnknownStatus
from tests import factories
from tests.integration.orders.test_status_events import _vendor_order


@pytest.fixture
def placed(db_engine):
    with session_scope(db_engine) as session:
        seller = factories.user(session, role=Role.SELLER)
        order = _vendor_order(session)
    return order.id, seller.id


def test_fulfilment_moves_forward_with_one_event_each(db_engine, placed):
    order_id, seller_id = placed
    with immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, order_id)
        assert record_fulfilment(session, order, FulfilmentStatus.PARTIALLY_FULFILLED, actor_user_id=seller_id,
                                 reason="first box") is True
        assert record_fulfilment(session, order, "fulfilled", actor_user_id=seller_id) is True
        assert record_fulfilment(session, order, "fulfilled", actor_user_id=None) is False  # a duplicate
    with Session(db_engine) as session:
        assert session.get(VendorOrder, order_id).fulfilment_status == "fulfilled"
        events = session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == order_id)
                              .order_by(OrderEvent.id)).all()
    assert [(e.kind, e.from_status, e.to_status, e.actor_user_id, e.reason) for e in events] == [
        ("fulfilment", "unfulfilled", "partially_fulfilled", seller_id, "first box"),
        ("fulfilment", "partially_fulfilled", "fulfilled", seller_id, None)]


@pytest.mark.parametrize("target, error", [("returned", TransitionError), ("shipped", UnknownStatus)])
def test_a_move_the_table_refuses_changes_nothing(db_engine, placed, target, error):
    order_id, seller_id = placed
    with pytest.raises(error), immediate_scope(db_engine) as session:
        record_fulfilment(session, session.get(VendorOrder, order_id), target, actor_user_id=seller_id)
    with Session(db_engine) as session:
        assert session.get(VendorOrder, order_id).fulfilment_status == "unfulfilled"
        assert session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == order_id)).all() == []


def test_every_shipment_status_has_a_label_for_the_shopper():
    assert set(history.SHIPMENT_LABELS) == set(ShipmentStatus)
    assert VendorOrder().fulfilment_status == FulfilmentStatus.UNFULFILLED

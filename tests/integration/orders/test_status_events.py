"""Status transitions against a real database: each move writes one OrderEvent (actor, time, from, to,
reason) in the same transaction; a refused move or a duplicate writes nothing."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.models import OrderEvent, OrderGroup, Role, VendorOrder
from marketplace.orders import status as st
from marketplace.orders.status import TransitionError
from tests import factories

_numbers = itertools.count(1)
T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def _vendor_order(session: Session) -> VendorOrder:
    n = next(_numbers)
    vendor = factories.vendor(session)
    money = {f"{name}_currency": "EUR" for name in ("goods", "shipping", "duty", "tax", "total")}
    group = OrderGroup(number=f"G-{n}", email="shopper@example.com", ship_to_country="DE", fees_currency="EUR",
                       **money)
    session.add(group)
    session.flush()
    order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"G-{n}-1", **money)
    session.add(order)
    session.flush()
    return order


@pytest.fixture
def placed(db_engine):
    with session_scope(db_engine) as session:
        staff = factories.user(session, role=Role.STAFF, staff_role="finance")
        order = _vendor_order(session)
    return order.id, staff.id


def _events(engine, order_id):
    with Session(engine) as session:
        return session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == order_id)
                            .order_by(OrderEvent.id)).all()


def _stored(engine, order_id) -> VendorOrder:
    with Session(engine) as session:
        return session.get(VendorOrder, order_id)


def test_a_transition_sets_the_column_and_records_who_when_and_why(db_engine, placed):
    order_id, staff_id = placed
    # when staff moves the order to processing at a known time
    with clock.frozen(T0), immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, order_id)
        assert st.transition(session, order, "status", "processing", actor_user_id=staff_id,
                             reason="Vendor accepted") is True
    # then the column is stored and one event says who, when, from, to and why
    assert _stored(db_engine, order_id).status == "processing"
    [event] = _events(db_engine, order_id)
    assert (event.kind, event.from_status, event.to_status, event.actor_user_id, event.reason) == (
        "status", "placed", "processing", staff_id, "Vendor accepted")
    assert clock.as_utc(event.at) == T0


def test_the_three_statuses_move_independently_and_each_move_is_an_event(db_engine, placed):
    order_id, staff_id = placed
    with immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, order_id)
        st.transition(session, order, "payment", st.PaymentStatus.PAID, actor_user_id=None, reason="webhook")
        st.transition(session, order, "status", "processing", actor_user_id=staff_id)
        st.transition(session, order, "fulfilment", "fulfilled", actor_user_id=staff_id)
        st.transition(session, order, "status", "shipped", actor_user_id=staff_id)
    stored = _stored(db_engine, order_id)
    assert (stored.status, stored.payment_status, stored.fulfilment_status) == ("shipped", "paid", "fulfilled")
    assert [(e.kind, e.from_status, e.to_status) for e in _events(db_engine, order_id)] == [
        ("payment", "pending", "paid"), ("status", "placed", "processing"),
        ("fulfilment", "unfulfilled", "fulfilled"), ("status", "processing", "shipped")]


def test_a_refused_move_changes_nothing_and_writes_no_event(db_engine, placed):
    order_id, staff_id = placed
    with pytest.raises(TransitionError) as refused, immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, order_id)
        st.transition(session, order, "status", "delivered", actor_user_id=staff_id)
    assert refused.value.params == {"kind": "status", "from": "placed", "to": "delivered"}
    assert _stored(db_engine, order_id).status == "placed"
    assert _events(db_engine, order_id) == []


def test_a_backwards_move_in_a_committed_order_is_refused(db_engine, placed):
    order_id, _ = placed
    with immediate_scope(db_engine) as session:
        st.transition(session, session.get(VendorOrder, order_id), "payment", "paid", actor_user_id=None)
    with pytest.raises(TransitionError), immediate_scope(db_engine) as session:
        st.transition(session, session.get(VendorOrder, order_id), "payment", "pending", actor_user_id=None)
    assert _stored(db_engine, order_id).payment_status == "paid"
    assert len(_events(db_engine, order_id)) == 1


def test_a_duplicate_webhook_is_harmless(db_engine, placed):
    order_id, _ = placed
    for _ in range(3):
        with immediate_scope(db_engine) as session:
            st.advance(session, session.get(VendorOrder, order_id), "payment", "paid", actor_user_id=None)
    assert [(e.from_status, e.to_status) for e in _events(db_engine, order_id)] == [("pending", "paid")]


def test_out_of_order_webhooks_only_move_state_forward(db_engine, placed):
    order_id, _ = placed
    # given "succeeded" arrives before "authorized"
    for target in ("paid", "authorized", "pending"):
        with immediate_scope(db_engine) as session:
            st.advance(session, session.get(VendorOrder, order_id), "payment", target, actor_user_id=None)
    assert _stored(db_engine, order_id).payment_status == "paid"
    assert [(e.from_status, e.to_status) for e in _events(db_engine, order_id)] == [("pending", "paid")]


def test_each_partial_refund_is_its_own_event(db_engine, placed):
    order_id, staff_id = placed
    with immediate_scope(db_engine) as session:
        order = session.get(VendorOrder, order_id)
        st.transition(session, order, "payment", "paid", actor_user_id=None)
        st.transition(session, order, "payment", "partially_refunded", actor_user_id=staff_id, reason="line 1")
        st.transition(session, order, "payment", "partially_refunded", actor_user_id=staff_id, reason="line 2")
        st.transition(session, order, "payment", "refunded", actor_user_id=staff_id, reason="the rest")
    assert [(e.to_status, e.reason) for e in _events(db_engine, order_id)] == [
        ("paid", None), ("partially_refunded", "line 1"), ("partially_refunded", "line 2"),
        ("refunded", "the rest")]


def test_a_stale_in_memory_order_is_judged_by_what_is_stored(db_engine, placed):
    order_id, _ = placed
    # given an order loaded before someone else moved it on
    with Session(db_engine, expire_on_commit=False) as reader:
        stale = reader.get(VendorOrder, order_id)
    with immediate_scope(db_engine) as session:
        st.transition(session, session.get(VendorOrder, order_id), "payment", "failed", actor_user_id=None)
    # when a worker holding the old copy tries to mark it paid, then the stored "failed" wins
    with pytest.raises(TransitionError) as refused, immediate_scope(db_engine) as session:
        st.transition(session, session.merge(stale), "payment", "paid", actor_user_id=None)
    assert refused.value.params["from"] == "failed"
    assert _stored(db_engine, order_id).payment_status == "failed"

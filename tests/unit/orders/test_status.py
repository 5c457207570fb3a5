"""The transition table: every allowed move, every refused move, forward-only, and ``advance`` ignoring
targets that lie behind the current state. No database."""

from __future__ import annotations

import contextlib
import itertools

import pytest

from marketplace.orders import status as st
from marketplace.orders.status import (
    ALLOWED,
    FulfilmentStatus,
    OrderStatus,
    PaymentStatus,
    TransitionError,
    can_transition,
    rank,
)

EXPECTED = {
    "status": {
        ("placed", "processing"), ("placed", "canceled"),
        ("processing", "partially_shipped"), ("processing", "shipped"), ("processing", "canceled"),
        ("partially_shipped", "shipped"), ("shipped", "delivered"), ("delivered", "completed"),
    },
    "payment": {
        ("pending", "authorized"), ("pending", "paid"), ("pending", "failed"),
        ("authorized", "paid"), ("authorized", "failed"),
        ("paid", "partially_refunded"), ("paid", "refunded"),
        ("partially_refunded", "partially_refunded"), ("partially_refunded", "refunded"),
    },
    "fulfilment": {
        ("unfulfilled", "partially_fulfilled"), ("unfulfilled", "fulfilled"),
        ("partially_fulfilled", "fulfilled"), ("fulfilled", "returned"),
    },
}
ENUMS = {"status": OrderStatus, "payment": PaymentStatus, "fulfilment": FulfilmentStatus}
ALL_PAIRS = [(kind, a.value, b.value) for kind, enum in ENUMS.items() for a, b in itertools.product(enum, enum)]


def test_the_enums_hold_exactly_the_values_the_columns_store():
    assert [s.value for s in OrderStatus] == ["placed", "processing", "partially_shipped", "shipped",
                                              "delivered", "completed", "canceled"]
    assert [s.value for s in PaymentStatus] == ["pending", "authorized", "paid", "partially_refunded",
                                                "refunded", "failed"]
    assert [s.value for s in FulfilmentStatus] == ["unfulfilled", "partially_fulfilled", "fulfilled", "returned"]


def test_the_table_has_a_row_for_every_state_and_nothing_else():
    for kind, enum in ENUMS.items():
        assert set(ALLOWED[kind]) == set(enum)


@pytest.mark.parametrize("kind, current, target", ALL_PAIRS)
def test_each_move_is_allowed_exactly_when_the_issue_says_so(kind, current, target):
    assert can_transition(kind, current, target) is ((current, target) in EXPECTED[kind])


@pytest.mark.parametrize("kind, current, target", ALL_PAIRS)
def test_moves_are_forward_only(kind, current, target):
    # given an allowed move, then its rank goes up (or stays, for the one repeatable partial refund)
    # and nothing allows going back
    if can_transition(kind, current, target):
        if current == target:
            assert (kind, current) == ("payment", "partially_refunded")
        else:
            assert rank(kind, target) > rank(kind, current)
            assert not can_transition(kind, target, current)


@pytest.mark.parametrize("kind, final", [("status", "completed"), ("status", "canceled"),
                                         ("payment", "refunded"), ("payment", "failed"),
                                         ("fulfilment", "returned")])
def test_final_states_go_nowhere(kind, final):
    assert ALLOWED[kind][final] == frozenset()


def test_rank_follows_the_happy_path():
    assert [rank("status", s) for s in ["placed", "processing", "partially_shipped", "shipped", "delivered",
                                        "completed"]] == [0, 1, 2, 3, 4, 5]
    assert [rank("payment", s) for s in ["pending", "authorized", "paid", "partially_refunded",
                                         "refunded"]] == [0, 1, 2, 3, 4]
    assert [rank("fulfilment", s) for s in FulfilmentStatus] == [0, 1, 2, 3]


@pytest.mark.parametrize("kind, current, target", [
    ("foo", "placed", "processing"), ("status", "nope", "processing"), ("status", "placed", "nope"),
    ("status", None, "processing"), ("payment", "placed", "processing"), (None, "pending", "paid"),
])
def test_unknown_kinds_and_values_are_never_allowed(kind, current, target):
    assert can_transition(kind, current, target) is False


def test_the_error_carries_its_code_and_parameters():
    error = TransitionError("payment", "refunded", "paid")
    assert error.code == "transition_not_allowed"
    assert error.params == {"kind": "payment", "from": "refunded", "to": "paid"}
    assert error.message % error.params == "An order's payment cannot go from refunded to paid."


@pytest.mark.parametrize("kind, current, stale", [
    ("payment", "paid", "pending"), ("payment", "paid", "authorized"), ("payment", "refunded", "paid"),
    ("payment", "refunded", "partially_refunded"), ("payment", "failed", "authorized"),
    ("status", "shipped", "processing"), ("status", "completed", "placed"), ("status", "canceled", "processing"),
    ("fulfilment", "returned", "fulfilled"), ("fulfilment", "fulfilled", "unfulfilled"),
])
def test_targets_behind_the_current_state_are_recognised_as_stale(kind, current, stale):
    assert st.is_behind(kind, stale, current)


@pytest.mark.parametrize("kind, current, other", [
    ("payment", "failed", "paid"), ("payment", "refunded", "failed"), ("payment", "pending", "refunded"),
    ("status", "canceled", "shipped"), ("status", "shipped", "canceled"), ("status", "placed", "shipped"),
    ("fulfilment", "unfulfilled", "returned"), ("payment", "paid", "paid"),
])
def test_targets_that_are_ahead_or_elsewhere_are_not_stale(kind, current, other):
    assert not st.is_behind(kind, other, current)


class _FakeSession:
    """Just enough of a Session for ``advance``/``transition`` without a database: the "stored" row is the
    order as it was built, and what is added is recorded."""

    def __init__(self, order):
        self.stored = {column: getattr(order, column) for column in st.COLUMNS.values()}
        self.added = []
        self.no_autoflush = contextlib.nullcontext()

    def __contains__(self, _obj):
        return True

    def add(self, obj):
        self.added.append(obj)

    def flush(self):
        pass

    def exec(self, statement):
        value = self.stored[statement.selected_columns[0].name]
        return type("Result", (), {"first": staticmethod(lambda: value)})()


def _order(**statuses):
    from marketplace.models import VendorOrder

    return VendorOrder(id=1, group_id=1, vendor_id=1, number="T-1", **statuses)


def test_advance_ignores_a_stale_webhook_and_writes_nothing():
    order = _order(payment_status="paid")
    session = _FakeSession(order)
    assert st.advance(session, order, "payment", "authorized", actor_user_id=None) is False
    assert order.payment_status == "paid" and session.added == []


def test_advance_moves_forward_like_transition():
    from marketplace.models import OrderEvent

    order = _order(payment_status="pending")
    session = _FakeSession(order)
    assert st.advance(session, order, "payment", "paid", actor_user_id=None, reason="webhook") is True
    assert order.payment_status == "paid"
    events = [obj for obj in session.added if isinstance(obj, OrderEvent)]
    assert [(e.kind, e.from_status, e.to_status, e.reason) for e in events] == [("payment", "pending", "paid",
                                                                                "webhook")]


def test_advance_still_refuses_an_impossible_jump():
    order = _order(payment_status="failed")
    session = _FakeSession(order)
    with pytest.raises(TransitionError):
        st.advance(session, order, "payment", "paid", actor_user_id=None)
    assert order.payment_status == "failed" and session.added == []


def test_a_duplicate_is_a_no_op_but_a_further_partial_refund_is_an_event():
    order = _order(status="shipped", payment_status="partially_refunded")
    session = _FakeSession(order)
    assert st.transition(session, order, "status", "shipped", actor_user_id=None) is False
    assert session.added == []
    assert st.transition(session, order, "payment", "partially_refunded", actor_user_id=7) is True
    assert len(session.added) == 2  # the order and its event


def test_an_unknown_target_is_refused_before_anything_changes():
    order = _order()
    session = _FakeSession(order)
    with pytest.raises(st.UnknownStatus):
        st.transition(session, order, "status", "lost", actor_user_id=None)
    with pytest.raises(st.UnknownStatus):
        st.transition(session, order, "colour", "placed", actor_user_id=None)  # type: ignore[arg-type]
    assert order.status == "placed" and session.added == []

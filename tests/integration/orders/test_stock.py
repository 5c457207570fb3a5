"""Stock reservations against a real database: holds taken all or nothing, committed on payment, released
on failure or expiry, each step idempotent, and committed units never given back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import StockReservation, Variant
from marketplace.orders import stock
from marketplace.orders.stock import OutOfStock
from tests import factories

T0 = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def variants(db_engine):
    """Three variants of one product, with 5, 2 and 8 units in stock; returns their ids and skus."""
    with session_scope(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=5,
                                    variants=3)
        rows = session.exec(select(Variant).where(Variant.product_id == product.id).order_by(Variant.id)).all()
        rows[1].stock, rows[2].stock = 2, 8
        session.add_all(rows)
    return [(row.id, row.sku) for row in rows]


def _stocks(engine, ids):
    return [stock.available(engine, variant_id) for variant_id in ids]


def _reservations(engine, checkout_id):
    with Session(engine) as session:
        rows = session.exec(select(StockReservation).where(StockReservation.checkout_id == checkout_id)
                            .order_by(StockReservation.id)).all()
    return [(row.variant_id, row.quantity, row.status) for row in rows]


def test_reserving_takes_units_off_stock_and_holds_them_for_fifteen_minutes(db_engine, variants):
    (a, _), (b, _), _ = variants
    with clock.frozen(T0):
        holds = stock.reserve(db_engine, "co-1", {b: 1, a: 2})
    assert [(h.variant_id, h.quantity) for h in holds] == [(a, 2), (b, 1)]
    assert all(h.expires_at == T0 + timedelta(minutes=stock.HOLD_MINUTES) for h in holds)
    assert _stocks(db_engine, [a, b]) == [3, 1]
    assert stock.held_units(db_engine, a) == 2
    assert _reservations(db_engine, "co-1") == [(a, 2, "held"), (b, 1, "held")]


def test_a_multi_variant_reserve_where_one_is_short_takes_nothing(db_engine, variants):
    (a, _), (b, sku_b), (c, _) = variants
    # given b has only 2 left, when a checkout wants 1 of a, 3 of b and 1 of c
    with pytest.raises(OutOfStock) as short:
        stock.reserve(db_engine, "co-1", {a: 1, b: 3, c: 1})
    # then it is told exactly which and how many, and no stock moved, no hold was written
    assert short.value.code == "out_of_stock"
    assert short.value.params == {"sku": sku_b, "requested": 3, "available": 2}
    assert short.value.message % short.value.params == f"Only 2 left of {sku_b}."
    assert _stocks(db_engine, [a, b, c]) == [5, 2, 8]
    assert _reservations(db_engine, "co-1") == []


def test_the_last_units_go_to_the_first_checkout_only(db_engine, variants):
    _, (b, _), _ = variants
    stock.reserve(db_engine, "first", {b: 2})
    with pytest.raises(OutOfStock) as short:
        stock.reserve(db_engine, "second", {b: 1})
    assert short.value.params["available"] == 0
    assert _stocks(db_engine, [b]) == [0]


def test_commit_keeps_units_sold_and_a_second_commit_is_a_no_op(db_engine, variants):
    (a, _), (b, _), _ = variants
    stock.reserve(db_engine, "co-1", {a: 2, b: 1})
    assert stock.commit(db_engine, "co-1") == 2
    assert stock.commit(db_engine, "co-1") == 0
    assert _stocks(db_engine, [a, b]) == [3, 1]
    assert _reservations(db_engine, "co-1") == [(a, 2, "committed"), (b, 1, "committed")]


def test_release_gives_units_back_once(db_engine, variants):
    (a, _), (b, _), _ = variants
    stock.reserve(db_engine, "co-1", {a: 2, b: 1})
    assert stock.release(db_engine, "co-1") == 2
    assert stock.release(db_engine, "co-1") == 0
    assert _stocks(db_engine, [a, b]) == [5, 2]
    assert _reservations(db_engine, "co-1") == [(a, 2, "released"), (b, 1, "released")]


def test_a_late_failure_never_resurrects_committed_units(db_engine, variants):
    (a, _), _, _ = variants
    stock.reserve(db_engine, "co-1", {a: 2})
    stock.commit(db_engine, "co-1")
    # when a "payment failed" arrives after the success, and the sweeper runs long after
    assert stock.release(db_engine, "co-1") == 0
    assert stock.release_expired(db_engine, clock.now() + timedelta(days=1)) == 0
    assert _stocks(db_engine, [a]) == [3]
    assert _reservations(db_engine, "co-1") == [(a, 2, "committed")]


def test_released_holds_cannot_be_committed(db_engine, variants):
    (a, _), _, _ = variants
    stock.reserve(db_engine, "co-1", {a: 1})
    stock.release(db_engine, "co-1")
    assert stock.commit(db_engine, "co-1") == 0
    assert _stocks(db_engine, [a]) == [5]


def test_the_sweeper_releases_only_expired_holds(db_engine, variants):
    (a, _), (b, _), _ = variants
    with clock.frozen(T0):
        stock.reserve(db_engine, "early", {a: 1})
    with clock.frozen(T0 + timedelta(minutes=10)):
        stock.reserve(db_engine, "late", {a: 1, b: 1})
    # just before the first hold expires nothing happens
    with clock.frozen(T0 + timedelta(minutes=14, seconds=59)):
        assert stock.release_expired(db_engine) == 0
    # at 15 minutes the early hold goes back, the late one stays
    with clock.frozen(T0 + timedelta(minutes=15)):
        assert stock.release_expired(db_engine) == 1
        assert stock.release_expired(db_engine) == 0
    assert _stocks(db_engine, [a, b]) == [4, 1]
    assert _reservations(db_engine, "early") == [(a, 1, "released")]
    # an explicit time works too, and the late checkout's holds both go
    assert stock.release_expired(db_engine, T0 + timedelta(minutes=25)) == 2
    assert _stocks(db_engine, [a, b]) == [5, 2]
    # a checkout whose hold expired can no longer commit it
    assert stock.commit(db_engine, "late") == 0


def test_re_reserving_a_checkout_replaces_its_holds(db_engine, variants):
    (a, _), (b, _), (c, _) = variants
    stock.reserve(db_engine, "co-1", {a: 2, b: 2})
    # when the retry asks for a different basket, its own earlier units count as available
    holds = stock.reserve(db_engine, "co-1", {b: 2, c: 3})
    assert [(h.variant_id, h.quantity) for h in holds] == [(b, 2), (c, 3)]
    assert _stocks(db_engine, [a, b, c]) == [5, 0, 5]
    assert sorted(r for r in _reservations(db_engine, "co-1") if r[2] == "held") == [(b, 2, "held"), (c, 3, "held")]
    # and the same request twice holds once
    stock.reserve(db_engine, "co-1", {b: 2, c: 3})
    assert _stocks(db_engine, [a, b, c]) == [5, 0, 5]
    assert stock.held_units(db_engine, c) == 3


def test_a_failed_re_reserve_keeps_the_earlier_holds(db_engine, variants):
    (a, _), (b, _), _ = variants
    stock.reserve(db_engine, "co-1", {a: 1})
    with pytest.raises(OutOfStock) as short:
        stock.reserve(db_engine, "co-1", {a: 1, b: 5})
    assert short.value.params["available"] == 2
    assert _reservations(db_engine, "co-1") == [(a, 1, "held")]
    assert _stocks(db_engine, [a, b]) == [4, 2]


def test_a_re_reserve_counts_its_own_units_as_available(db_engine, variants):
    _, (b, sku_b), _ = variants
    stock.reserve(db_engine, "co-1", {b: 2})
    stock.reserve(db_engine, "co-1", {b: 1})
    assert _stocks(db_engine, [b]) == [1]
    with pytest.raises(OutOfStock) as short:
        stock.reserve(db_engine, "co-1", {b: 3})
    assert short.value.params == {"sku": sku_b, "requested": 3, "available": 2}


@pytest.mark.parametrize("checkout_id, wanted, error", [
    ("", {1: 1}, ValidationError), ("x" * 41, {1: 1}, ValidationError), (None, {1: 1}, ValidationError),
    ("co", {}, ValidationError), ("co", [(1, 1)], ValidationError), ("co", {"first": 0}, ValidationError),
    ("co", {"first": -1}, ValidationError), ("co", {"first": 1.5}, ValidationError),
    ("co", {"first": "2"}, ValidationError), ("co", {"first": True}, ValidationError),
    ("co", {"first": 10_000}, ValidationError), ("co", {999_999: 1}, NotFound), ("co", {"1": 1}, NotFound),
    ("co", {True: 1}, NotFound), ("co", {-4: 1}, NotFound),
])
def test_bad_input_is_refused_and_nothing_moves(db_engine, variants, checkout_id, wanted, error):
    (a, _), _, _ = variants
    if isinstance(wanted, dict):
        wanted = {a if k == "first" else k: v for k, v in wanted.items()}
    with pytest.raises(error):
        stock.reserve(db_engine, checkout_id, wanted)
    assert _stocks(db_engine, [a]) == [5]
    with Session(db_engine) as session:
        assert session.exec(select(StockReservation)).all() == []


def test_a_hold_duration_out_of_range_is_refused(db_engine, variants):
    (a, _), _, _ = variants
    for minutes in (0, -5, 24 * 60 + 1, 1.5, True):
        with pytest.raises(ValidationError):
            stock.reserve(db_engine, "co", {a: 1}, minutes=minutes)
    assert _stocks(db_engine, [a]) == [5]


def test_available_of_an_unknown_variant_is_not_found(db_engine, variants):
    with pytest.raises(NotFound):
        stock.available(db_engine, 999_999)


def test_a_locked_database_is_retried_and_a_real_error_is_not(db_engine, variants, monkeypatch):
    from sqlalchemy.exc import OperationalError

    (a, _), _, _ = variants
    monkeypatch.setattr(stock.time, "sleep", lambda _s: None)
    attempts = []

    def flaky(session):
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return stock._reserve(session, "co-1", {a: 1}, 15)

    # given a writer that finds the database locked twice, then the third attempt reserves once
    assert [h.quantity for h in stock._retrying(db_engine, flaky)] == [1]
    assert len(attempts) == 3 and _stocks(db_engine, [a]) == [4]

    def broken(session):
        attempts.append(1)
        raise OperationalError("SELECT", {}, Exception("no such table: variants"))

    attempts.clear()
    with pytest.raises(OperationalError):
        stock._retrying(db_engine, broken)
    assert len(attempts) == 1

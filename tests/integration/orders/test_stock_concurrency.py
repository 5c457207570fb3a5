"""No oversell under concurrency: many buyers reserving the same variant at the same moment, each in its
own thread with its own connection from one engine, on SQLite and on PostgreSQL.

Benchmark-style: besides asserting the outcome, each case prints its figures (wall time, successes,
out-of-stock answers) so ``pytest -s`` shows them.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from marketplace.core.db import session_scope
from marketplace.models import StockReservation, Variant
from marketplace.orders import stock
from marketplace.orders.stock import OutOfStock
from tests import factories

pytestmark = pytest.mark.slow


def _variant_with_stock(engine, units: int) -> int:
    with session_scope(engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=units)
        return session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()


def _race(engine, variant_id: int, buyers: int, each: int) -> tuple[int, int, list[BaseException], float]:
    """Start ``buyers`` threads together; each reserves ``each`` units. Returns successes, out-of-stock
    answers, any other errors, and the wall time in seconds."""
    start = threading.Barrier(buyers)

    def buy(n: int) -> str:
        start.wait()
        try:
            stock.reserve(engine, f"buyer-{n}", {variant_id: each})
        except OutOfStock:
            return "out"
        return "ok"

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=buyers) as pool:
        futures = [pool.submit(buy, n) for n in range(buyers)]
        outcomes, errors = [], []
        for future in futures:
            try:
                outcomes.append(future.result(timeout=60))
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
    return outcomes.count("ok"), outcomes.count("out"), errors, time.perf_counter() - began


def _held_total(engine, variant_id: int) -> int:
    with Session(engine) as session:
        rows = session.exec(select(StockReservation.quantity).where(StockReservation.variant_id == variant_id,
                                                                     StockReservation.status == "held")).all()
    return sum(rows)


@pytest.mark.parametrize("units, buyers, each, winners, left", [(10, 50, 1, 10, 0), (15, 20, 2, 7, 1)])
def test_concurrent_buyers_never_oversell(db_engine, units, buyers, each, winners, left):
    variant_id = _variant_with_stock(db_engine, units)
    # when every buyer reserves at the same moment
    ok, out, errors, seconds = _race(db_engine, variant_id, buyers, each)
    print(f"\n[{db_engine.dialect.name}] {buyers} buyers x {each} unit(s) against stock {units}: "
          f"{ok} reserved, {out} out of stock, {len(errors)} errors, {seconds:.2f} s")
    # then exactly the units in stock were sold, to whole buyers, and nobody saw another kind of error
    assert errors == []
    assert (ok, out) == (winners, buyers - winners)
    assert stock.available(db_engine, variant_id) == left
    assert _held_total(db_engine, variant_id) == winners * each
    assert seconds < 20


def test_the_database_itself_refuses_negative_stock(db_engine):
    # the check constraint backs the conditional update: a plain decrement past zero fails
    variant_id = _variant_with_stock(db_engine, 1)
    with pytest.raises(Exception, match="(?i)check|constraint"), session_scope(db_engine) as session:
        session.connection().execute(text("UPDATE variants SET stock = stock - 2 WHERE id = :id"),
                                     {"id": variant_id})
    assert stock.available(db_engine, variant_id) == 1


def test_a_double_click_holds_once(db_engine):
    # given ten simultaneous reservations for the same checkout (double click, two tabs, retries)
    variant_id = _variant_with_stock(db_engine, 10)
    start = threading.Barrier(10)

    def click(_n: int) -> None:
        start.wait()
        stock.reserve(db_engine, "same-checkout", {variant_id: 3})

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(click, range(10), timeout=60))
    # then the checkout holds its 3 units once
    assert stock.available(db_engine, variant_id) == 7
    assert _held_total(db_engine, variant_id) == 3


def test_payment_success_and_failure_racing_settle_each_hold_once(db_engine):
    # given 20 checkouts each holding one unit, when "succeeded" and "failed" arrive at the same time
    variant_id = _variant_with_stock(db_engine, 20)
    for n in range(20):
        stock.reserve(db_engine, f"co-{n}", {variant_id: 1})
    start = threading.Barrier(40)

    def settle(job: tuple[str, int]) -> int:
        start.wait()
        action, n = job
        return (stock.commit if action == "commit" else stock.release)(db_engine, f"co-{n}")

    jobs = [(action, n) for n in range(20) for action in ("commit", "release")]
    with ThreadPoolExecutor(max_workers=40) as pool:
        settled = list(pool.map(settle, jobs, timeout=60))
    # then each hold was either committed or released, never both, and stock agrees
    assert sum(settled) == 20
    with Session(db_engine) as session:
        committed = len(session.exec(select(StockReservation).where(StockReservation.status == "committed")).all())
    assert stock.available(db_engine, variant_id) == 20 - committed  # released units came back

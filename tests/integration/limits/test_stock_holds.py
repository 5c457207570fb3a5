"""Stock holds are capped per cart and per client address, so one script cannot keep a product sold out by
opening many checkouts; a cart holds stock for one checkout at a time."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from marketplace.checkout import service as checkout
from marketplace.checkout.pricing import Market
from marketplace.core.db import session_scope
from marketplace.core.i18n import translate
from marketplace.models import StockReservation, Variant
from marketplace.orders import cart as carts
from marketplace.orders import stock
from tests import factories


def _variant(engine, units: int) -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=units)
        return session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()


def _held_rows(engine) -> list[StockReservation]:  # noqa: ANN001
    with Session(engine) as session:
        return list(session.exec(select(StockReservation).where(StockReservation.status == "held")).all())


def test_a_new_checkout_of_the_same_cart_replaces_the_carts_earlier_hold(db_engine):
    variant = _variant(db_engine, 10)
    stock.reserve(db_engine, "co-first", {variant: 4}, cart_id=7, client="198.51.100.1")
    stock.reserve(db_engine, "co-second", {variant: 3}, cart_id=7, client="198.51.100.1")
    assert [(r.checkout_id, r.quantity) for r in _held_rows(db_engine)] == [("co-second", 3)]
    assert stock.available(db_engine, variant) == 7
    stock.reserve(db_engine, "co-other-cart", {variant: 2}, cart_id=8)  # another cart keeps its own
    assert stock.held_units(db_engine, variant) == 5


def test_one_checkout_cannot_hold_more_than_the_cart_cap(db_engine, monkeypatch):
    monkeypatch.setattr(stock, "MAX_HELD_PER_CART", 5)
    variant = _variant(db_engine, 10)
    with pytest.raises(stock.HoldLimit) as refused:
        stock.reserve(db_engine, "co-big", {variant: 6}, cart_id=1)
    assert translate("en", refused.value.message, **refused.value.params) == (
        "One checkout can hold at most 5 items at once. Please split your order.")
    assert stock.available(db_engine, variant) == 10 and _held_rows(db_engine) == []


def test_many_checkouts_from_one_address_cannot_hold_the_whole_stock(db_engine, monkeypatch):
    monkeypatch.setattr(stock, "MAX_HELD_PER_CLIENT", 6)
    variant = _variant(db_engine, 20)
    scripts = 10
    start = threading.Barrier(scripts)

    def open_checkout(n: int) -> str:  # a script: a fresh cart and checkout each time, one address
        start.wait()
        try:
            stock.reserve(db_engine, f"script-{n}", {variant: 2}, cart_id=100 + n, client="203.0.113.66")
        except stock.HoldLimit:
            return "refused"
        return "held"

    with ThreadPoolExecutor(max_workers=scripts) as pool:
        outcomes = list(pool.map(open_checkout, range(scripts)))
    assert outcomes.count("held") == 3 and outcomes.count("refused") == 7
    assert stock.held_units(db_engine, variant) == 6 and stock.available(db_engine, variant) == 14
    assert all(r.client and "203.0.113.66" not in r.client for r in _held_rows(db_engine))
    stock.reserve(db_engine, "someone-else", {variant: 6}, cart_id=1, client="192.0.2.5")  # others still buy
    assert stock.available(db_engine, variant) == 8


def test_paid_and_released_holds_no_longer_count_against_the_address(db_engine, monkeypatch):
    monkeypatch.setattr(stock, "MAX_HELD_PER_CLIENT", 4)
    variant = _variant(db_engine, 20)
    stock.reserve(db_engine, "paid", {variant: 4}, cart_id=1, client="203.0.113.7")
    with pytest.raises(stock.HoldLimit):
        stock.reserve(db_engine, "next", {variant: 1}, cart_id=2, client="203.0.113.7")
    stock.commit(db_engine, "paid")
    stock.reserve(db_engine, "next", {variant: 4}, cart_id=2, client="203.0.113.7")
    stock.release(db_engine, "next")
    stock.reserve(db_engine, "third", {variant: 4}, cart_id=3, client="203.0.113.7")
    assert stock.held_units(db_engine, variant) == 4


def test_starting_a_checkout_gives_back_the_carts_earlier_holds(db_engine):
    variant = _variant(db_engine, 5)
    with session_scope(db_engine) as session:
        owner, _ = carts.add(session, carts.CartOwner(), variant, 2)
        first, _ = checkout.start(session, owner, Market("DE", "EUR"), client="203.0.113.8")
        cart_id = first.cart_id
    stock.reserve(db_engine, first.id, {variant: 2}, cart_id=cart_id, client="203.0.113.8")
    assert stock.available(db_engine, variant) == 3
    with session_scope(db_engine) as session:
        checkout.start(session, owner, Market("DE", "EUR"), client="203.0.113.8")
    assert stock.available(db_engine, variant) == 5 and _held_rows(db_engine) == []


@pytest.mark.parametrize("cart_id", ["7", 1.5, True, [7]])
def test_a_malformed_cart_id_is_refused_and_nothing_is_held(db_engine, cart_id):
    variant = _variant(db_engine, 3)
    with pytest.raises(stock.ValidationError):
        stock.reserve(db_engine, "co-bad", {variant: 1}, cart_id=cart_id)
    assert stock.available(db_engine, variant) == 3 and _held_rows(db_engine) == []

"""Starting checkouts is rate-limited per signed-in user or guest cart, and for guests per client address."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from marketplace.accounts import ratelimit
from marketplace.checkout import service as checkout
from marketplace.checkout.pricing import Market
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.i18n import translate
from marketplace.models import CheckoutSession, Variant
from marketplace.orders import cart as carts
from tests import factories

T0 = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)


def test_starting_too_many_checkouts_from_one_address_is_refused(db_engine, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "checkout_address",
                        dataclasses.replace(ratelimit.LIMITS["checkout_address"], count=2))
    with session_scope(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=5)
        variant = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        owners = [carts.add(session, carts.CartOwner(), variant, 1)[0] for _ in range(3)]
    with clock.frozen(T0 + timedelta(minutes=50)):
        for owner in owners[:2]:  # a script with a new guest cart each time, from one address
            with session_scope(db_engine) as session:
                checkout.start(session, owner, Market("DE", "EUR"), client="203.0.113.9")
        with pytest.raises(ratelimit.RateLimited) as refused, session_scope(db_engine) as session:
            checkout.start(session, owners[2], Market("DE", "EUR"), client="203.0.113.9")
        with session_scope(db_engine) as session:  # another address is not affected
            checkout.start(session, owners[2], Market("DE", "EUR"), client="198.51.100.2")
    assert translate("en", refused.value.message, **refused.value.params) == (
        "Too many checkouts started. Try again in 10 minutes.")
    with session_scope(db_engine) as session:
        assert session.exec(select(func.count()).select_from(CheckoutSession)).one() == 3


def test_one_guest_cart_starting_too_many_checkouts_is_refused_whatever_its_address(db_engine, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "checkout", dataclasses.replace(ratelimit.LIMITS["checkout"], count=2))
    with session_scope(db_engine) as session:
        product = factories.product(session, factories.vendor(session), factories.category(session), stock=5)
        variant = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
        owner, _ = carts.add(session, carts.CartOwner(), variant, 1)
    with clock.frozen(T0 + timedelta(seconds=30)):
        for address in ("203.0.113.1", "203.0.113.2"):
            with session_scope(db_engine) as session:
                checkout.start(session, owner, Market("DE", "EUR"), client=address)
        with pytest.raises(ratelimit.RateLimited) as refused, session_scope(db_engine) as session:
            checkout.start(session, owner, Market("DE", "EUR"), client="203.0.113.3")
    assert refused.value.retry_after == 3570

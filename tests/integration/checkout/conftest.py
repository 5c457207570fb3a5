"""Shared checkout fixtures: ``shop`` is a cart with two sellers' products (a mug from Japan, a lamp from
China) and a started checkout to Germany in EUR; the test cards of the embedded gateway."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.checkout import service as checkout
from marketplace.checkout.pricing import Market
from marketplace.models import Variant
from marketplace.orders import cart as carts
from marketplace.payments.gateway import CardDetails
from tests import factories

GOOD = CardDetails("4242424242424242", 12, 2030, "123")
DECLINED = CardDetails("4000000000000002", 12, 2030, "123")
AUTH = CardDetails("4000002500003155", 12, 2030, "123")


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        shenzhen = factories.vendor(session, country="CN", currency="CNY")
        mug = factories.product(session, kyoto, cat, price_minor=3200, stock=5)
        lamp = factories.product(session, shenzhen, cat, price_minor=19900, stock=3)
        variants = [session.exec(select(Variant).where(Variant.product_id == p.id)).first() for p in (mug, lamp)]
        owner, _ = carts.add(session, carts.CartOwner(), variants[0].id, 2)
        owner, _ = carts.add(session, owner, variants[1].id, 1)
        row, price = checkout.start(session, owner, Market("DE", "EUR"), email="lena@example.com")
        session.commit()
        yield db_engine, session, owner, row.id, price, variants



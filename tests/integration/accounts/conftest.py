"""A small shop for the account tests: two shoppers, two sellers (each with a member), products."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from marketplace.models import Product, Role, User, Vendor
from tests import factories


@dataclass
class Shop:
    session: Session
    alice: User
    bob: User
    kyoto: Vendor
    milano: Vendor
    kyoto_seller: User
    staff: User
    mug: Product
    bowl: Product
    bag: Product


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        milano = factories.vendor(session, country="IT", currency="EUR")
        shop = Shop(
            session=session, alice=factories.user(session), bob=factories.user(session), kyoto=kyoto, milano=milano,
            kyoto_seller=factories.user(session, Role.SELLER, vendor=kyoto), staff=factories.user(session, Role.STAFF, staff_role="support"),
            mug=factories.product(session, kyoto, cat, name="Tea mug"),
            bowl=factories.product(session, kyoto, cat, name="Rice bowl", variants=2),
            bag=factories.product(session, milano, cat, price_minor=18000, name="Leather bag"),
        )
        session.commit()
        yield shop

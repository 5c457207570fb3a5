"""Hostile arguments to the checkout service (``start``, ``set_contact``, ``revalidate``) on SQLite: whatever a
page or a raw websocket client could pass, the service answers with :class:`CheckoutError`, ``NotFound`` or
``ValidationError`` (which the page turns into words), or succeeds; never another exception, and on an
error nothing is pending in the session (so nothing could be stored) and the open checkout is unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from marketplace.accounts.address_format import validate_address
from marketplace.checkout import service as checkout
from marketplace.checkout.pricing import Market
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import CheckoutSession, Variant
from marketplace.orders import cart as carts
from tests import factories
from tests.conftest import migrate

ALLOWED = (checkout.CheckoutError, NotFound, ValidationError)
BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 12", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}

ADDRESSES = [validate_address("DE", BERLIN),  # the right country, and another one
             validate_address("FR", {**BERLIN, "postal_code": "75001", "city": "Paris", "phone": "01 23 45 67 89"})]
TEXT = st.one_of(
    st.sampled_from(["", " ", "DE", "de", "ZZ", "XX", "EU", "GB", "US", "JP", "AQ", "EUR", "eur", "XXX", "JPY",
                     "KWD", "\u0000", "<script>alert(1)</script>", "a" * 5000, "'; DROP TABLE carts; --",
                     "0" * 32, "f" * 32, "g" * 32, "../../etc/passwd", "en", "de", "zz"]),
    st.text(max_size=40))
ANY = st.one_of(TEXT, st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                st.floats(allow_nan=True), st.lists(st.integers(), max_size=3),
                st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
CHOICES = st.one_of(ANY, st.dictionaries(st.one_of(st.integers(), TEXT), ANY, max_size=4))
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def shop(sqlite_url) -> Iterator[tuple[Session, carts.CartOwner, str]]:
    migrate(sqlite_url)
    from marketplace.core.db import engine_for

    engine = engine_for(sqlite_url)
    with Session(engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        product = factories.product(session, kyoto, cat, price_minor=3200, stock=5)
        variant = session.exec(select(Variant).where(Variant.product_id == product.id)).first()
        owner, _ = carts.add(session, carts.CartOwner(), variant.id, 2)
        row, _ = checkout.start(session, owner, Market("DE", "EUR"))
        session.commit()
        yield session, owner, row.id
    engine.dispose()
    engine_for.cache_clear()


def _snapshot(session: Session, checkout_id: str) -> tuple:
    session.expire_all()
    row = session.get(CheckoutSession, checkout_id)
    count = session.exec(select(func.count()).select_from(CheckoutSession)).one()
    return count, row.email, row.lang, row.delivery_address, row.quote, row.status


def _call(session: Session, checkout_id: str, action) -> None:  # noqa: ANN001
    before = _snapshot(session, checkout_id)
    try:
        action()
    except ALLOWED:
        assert not session.new and not session.dirty, "an error left changes pending"
        session.rollback()
        assert _snapshot(session, checkout_id) == before
        return
    session.rollback()  # a success is not what this test is about: keep the shop as it was


@FUZZ
@given(country=ANY, currency=ANY, region=ANY, choices=CHOICES, lang=ANY, email=ANY, token=ANY)
def test_start_with_hostile_arguments(shop, country, currency, region, choices, lang, email, token):
    session, owner, checkout_id = shop
    who = owner if token is None else carts.CartOwner(guest_token=token)
    _call(session, checkout_id, lambda: checkout.start(session, who, Market(country, currency, region),
                                                         choices=choices, lang=lang, email=email))


@FUZZ
@given(checkout_id=ANY, email=ANY, lang=ANY, token=ANY, address=st.one_of(ANY, st.sampled_from(ADDRESSES)))
def test_set_contact_with_hostile_arguments(shop, checkout_id, email, lang, token, address):
    session, owner, real_id = shop
    who = owner if token is None else carts.CartOwner(guest_token=token)
    target = real_id if checkout_id is None else checkout_id
    _call(session, real_id, lambda: checkout.set_contact(session, target, who, email=email, address=address,
                                                         lang=lang))


@FUZZ
@given(checkout_id=ANY, token=ANY)
def test_revalidate_with_hostile_arguments(shop, checkout_id, token):
    session, owner, real_id = shop
    who = owner if token is None else carts.CartOwner(guest_token=token)
    target = real_id if checkout_id is None else checkout_id
    _call(session, real_id, lambda: checkout.revalidate(session, target, who))

"""The cart service: guest and signed-in carts, stock limits, bad input, and merging at login."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import Cart, CartLine, ProductStatus, Role, Variant, VendorStatus
from marketplace.orders import cart as carts
from tests import factories


def _first_variant(session: Session, product) -> Variant:  # noqa: ANN001
    return session.exec(select(Variant).where(Variant.product_id == product.id)).first()


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        vendor = factories.vendor(session)
        category = factories.category(session)
        mug = factories.product(session, vendor, category, stock=3, name="Indigo Mug")
        session.commit()
        yield session, _first_variant(session, mug), vendor, category


def test_a_guest_gets_a_token_on_first_add_and_the_count_adds_up(shop):
    session, variant, *_ = shop
    owner, count = carts.add(session, carts.CartOwner(), variant.id, 1)
    owner, count = carts.add(session, owner, variant.id, 2)
    session.commit()
    assert owner.guest_token and count == 3
    assert carts.view(session, owner, "en").lines[0].quantity == 3
    assert session.exec(select(Cart.token_hash)).one() != owner.guest_token  # only a hash is stored


def test_adding_more_than_stock_is_refused_and_the_cart_is_unchanged(shop):
    session, variant, *_ = shop
    owner, _ = carts.add(session, carts.CartOwner(), variant.id, 2)
    session.commit()
    with pytest.raises(ValidationError, match="Only %\\(stock\\)s left"):
        carts.add(session, owner, variant.id, 2)
    session.rollback()
    assert carts.count(session, owner) == 2


@pytest.mark.parametrize("variant_id, quantity, error", [
    (999_999, 1, NotFound), ("1", 1, NotFound), (None, 1, NotFound), (True, 1, NotFound),
    (-3, 1, NotFound), ("first", 0, ValidationError), ("first", 100, ValidationError),
    ("first", 1.5, ValidationError), ("first", "2", ValidationError), ("first", -1, ValidationError),
])
def test_bad_arguments_are_refused_and_nothing_is_stored(shop, variant_id, quantity, error):
    session, variant, *_ = shop
    with pytest.raises(error):
        carts.add(session, carts.CartOwner(), variant.id if variant_id == "first" else variant_id, quantity)
    session.rollback()
    assert session.exec(select(func.count()).select_from(CartLine)).one() == 0


def test_unlisted_products_and_unapproved_vendors_cannot_be_added(shop):
    session, _, vendor, category = shop
    hidden = factories.product(session, vendor, category, status=ProductStatus.HIDDEN)
    pending_vendor = factories.vendor(session, status=VendorStatus.PENDING)
    pending = factories.product(session, pending_vendor, category)
    session.commit()
    for product in (hidden, pending):
        with pytest.raises(NotFound):
            carts.add(session, carts.CartOwner(), _first_variant(session, product).id, 1)


def test_a_forged_guest_token_names_no_cart(shop):
    session, variant, *_ = shop
    owner, _ = carts.add(session, carts.CartOwner(), variant.id, 1)
    session.commit()
    stranger = carts.CartOwner(guest_token="A" * 32)
    assert carts.view(session, stranger, "en").lines == ()
    line_id = carts.view(session, owner, "en").lines[0].line_id
    with pytest.raises(NotFound):
        carts.remove(session, stranger, line_id)
    with pytest.raises(NotFound):
        carts.set_quantity(session, stranger, line_id, 2)


def test_one_users_cart_lines_cannot_be_changed_by_another_user(shop):
    session, variant, *_ = shop
    alice, bob = factories.user(session), factories.user(session)
    carts.add(session, carts.CartOwner(user_id=alice.id), variant.id, 1)
    session.commit()
    line_id = carts.view(session, carts.CartOwner(user_id=alice.id), "en").lines[0].line_id
    with pytest.raises(NotFound):
        carts.set_quantity(session, carts.CartOwner(user_id=bob.id), line_id, 3)
    session.rollback()
    assert carts.count(session, carts.CartOwner(user_id=alice.id)) == 1


def test_the_guest_cart_merges_into_the_users_cart_at_login(shop):
    session, variant, vendor, category = shop
    other = _first_variant(session, factories.product(session, vendor, category, stock=5))
    user = factories.user(session, Role.SHOPPER)
    carts.add(session, carts.CartOwner(user_id=user.id), variant.id, 1)
    guest, _ = carts.add(session, carts.CartOwner(), variant.id, 2)
    guest, _ = carts.add(session, guest, other.id, 1)
    session.commit()
    moved = carts.merge_guest_into_user(session, guest.guest_token, user.id)
    session.commit()
    lines = {line.variant_id: line.quantity for line in carts.view(session, carts.CartOwner(user_id=user.id), "en").lines}
    assert moved == 2
    assert lines == {variant.id: 3, other.id: 1}  # 1 + 2, capped at stock 3
    assert carts.count(session, guest) == 0


def test_set_quantity_and_remove(shop):
    session, variant, *_ = shop
    owner, _ = carts.add(session, carts.CartOwner(), variant.id, 1)
    line_id = carts.view(session, owner, "en").lines[0].line_id
    carts.set_quantity(session, owner, line_id, 3)
    assert carts.count(session, owner) == 3
    with pytest.raises(ValidationError):
        carts.set_quantity(session, owner, line_id, 4)
    carts.remove(session, owner, line_id)
    assert carts.count(session, owner) == 0

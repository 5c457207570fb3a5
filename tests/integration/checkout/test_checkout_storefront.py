"""What the storefront's cart and checkout pages rely on: save for later, per-seller shipping choices, the
delivery address and language stored with the order, the confirmation shown only to its buyer, and the
confirmation e-mail in the shopper's language."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts.address_format import validate_address
from marketplace.checkout import service as checkout
from marketplace.checkout.confirmation import confirmation
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market, fetch_cart, price_checkout
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import CartLine, OrderGroup, OutboxMessage, Payment, Variant
from marketplace.orders import cart as carts
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories

GOOD = CardDetails("4242424242424242", 12, 2030, "123")
BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 12", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}


def _variant(session: Session, product) -> Variant:  # noqa: ANN001
    return session.exec(select(Variant).where(Variant.product_id == product.id)).first()


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        kyoto = factories.vendor(session, country="JP", currency="JPY")
        milan = factories.vendor(session, country="IT", currency="EUR")
        mug = _variant(session, factories.product(session, kyoto, cat, price_minor=3200, stock=5))
        bag = _variant(session, factories.product(session, milan, cat, price_minor=18900, stock=2))
        owner, _ = carts.add(session, carts.CartOwner(), mug.id, 2)
        owner, _ = carts.add(session, owner, bag.id, 1)
        session.commit()
        yield db_engine, session, owner, mug, bag, kyoto


def _line_id(session: Session, variant: Variant) -> int:
    return session.exec(select(CartLine.id).where(CartLine.variant_id == variant.id)).one()


def test_a_saved_line_leaves_the_cart_and_the_quote_and_comes_back(shop):
    _, session, owner, mug, bag, _ = shop
    carts.save_for_later(session, owner, _line_id(session, bag))
    session.commit()
    assert carts.count(session, owner) == 2
    assert [line.variant_id for line in carts.view(session, owner, "en").lines] == [mug.id]
    assert [line.variant_id for line in carts.view(session, owner, "en", saved=True).lines] == [bag.id]
    assert [p.vendor_country for p in price_checkout(fetch_cart(session, owner), Market("DE", "EUR")).parcels] \
        == ["JP"]
    carts.move_to_cart(session, owner, _line_id(session, bag))
    session.commit()
    assert carts.count(session, owner) == 3 and carts.view(session, owner, "en", saved=True).lines == ()


def test_saving_another_shoppers_line_is_not_found_and_changes_nothing(shop):
    _, session, owner, _, bag, _ = shop
    stranger, _ = carts.add(session, carts.CartOwner(), _variant_of_new_product(session).id, 1)
    with pytest.raises(NotFound):
        carts.save_for_later(session, stranger, _line_id(session, bag))
    for bad in ("1", None, True, -1):
        with pytest.raises(NotFound):
            carts.move_to_cart(session, owner, bad)
    session.rollback()
    assert carts.count(session, owner) == 3


def _variant_of_new_product(session: Session) -> Variant:
    product = factories.product(session, factories.vendor(session), factories.category(session))
    return _variant(session, product)


def test_moving_back_a_sold_out_item_is_refused(shop):
    _, session, owner, _, bag, _ = shop
    carts.save_for_later(session, owner, _line_id(session, bag))
    bag.stock = 0
    session.add(bag)
    session.commit()
    with pytest.raises(ValidationError, match="sold out"):
        carts.move_to_cart(session, owner, _line_id(session, bag))


def test_saved_items_stay_after_the_order_is_placed(shop):
    engine, session, owner, _, bag, _ = shop
    carts.save_for_later(session, owner, _line_id(session, bag))
    row, _ = checkout.start(session, owner, Market("DE", "EUR"), email="lena@example.com")
    session.commit()
    place(engine, row.id, owner, GOOD, gateway=EmbeddedGateway())
    session.rollback()
    assert [line.variant_id for line in carts.view(session, owner, "en", saved=True).lines] == [bag.id]
    assert carts.view(session, owner, "en").lines == ()


def test_the_shipping_choice_per_seller_is_priced_and_frozen(shop):
    _, session, owner, _, _, kyoto = shop
    default = price_checkout(fetch_cart(session, owner), Market("DE", "EUR"))
    japan = default.parcels[0]
    other = next(o for o in japan.options if o.service != japan.chosen.service)
    row, price = checkout.start(session, owner, Market("DE", "EUR"), email="a@example.com",
                                choices={kyoto.id: other.service})
    assert price.parcels[0].chosen.service == other.service
    assert row.quote["parcels"][0]["service"] == other.service
    assert price.parcels[0].landed.shipping == other.price
    _, changes = checkout.revalidate(session, row.id, owner)
    assert changes == []  # the choice is kept when the quote is checked again


def test_the_address_phone_and_language_are_stored_on_the_checkout_and_the_order(shop):
    engine, session, owner, *_ = shop
    address = validate_address("DE", BERLIN)
    row, _ = checkout.start(session, owner, Market("DE", "EUR"), email="lena@example.com", address=address,
                            lang="de")
    session.commit()
    placement = place(engine, row.id, owner, GOOD, gateway=EmbeddedGateway())
    session.rollback()
    group = session.exec(select(OrderGroup).where(OrderGroup.number == placement.order_number)).one()
    assert group.delivery_address == address.as_dict()
    assert group.delivery_address["postal_code"] == "10119" and group.phone == "+49301234567"
    assert group.lang == "de"


def test_an_address_in_another_country_than_the_market_is_refused(shop):
    _, session, owner, *_ = shop
    with pytest.raises(ValidationError) as refused:
        checkout.start(session, owner, Market("FR", "EUR"), address=validate_address("DE", BERLIN))
    assert refused.value.code == "address_country"


def test_unknown_language_falls_back_to_english(shop):
    _, session, owner, *_ = shop
    row, _ = checkout.start(session, owner, Market("DE", "EUR"), lang="xx-evil")
    assert row.lang == "en"


@pytest.fixture
def placed(shop):
    engine, session, owner, *_ = shop
    row, price = checkout.start(session, owner, Market("DE", "EUR"), email="lena@example.com",
                                address=validate_address("DE", BERLIN), lang="de")
    session.commit()
    placement = place(engine, row.id, owner, GOOD, gateway=EmbeddedGateway())
    session.rollback()
    return session, owner, placement, price


def test_the_buyer_sees_one_order_per_seller_with_the_frozen_breakdown(placed):
    session, owner, placement, price = placed
    seen = confirmation(session, placement.order_number, owner, paid_here=True)
    assert [o.vendor_country for o in seen.orders] == ["JP", "IT"]
    for order, parcel in zip(seen.orders, price.parcels, strict=True):
        assert order.goods == parcel.goods and order.shipping == parcel.landed.shipping
        assert order.duty == parcel.landed.duty and order.taxes == parcel.landed.taxes
        assert order.fees == parcel.landed.fees and order.total == parcel.landed.total_landed_cost
    assert seen.charged == price.payable_now == seen.total
    assert seen.charged.minor == session.exec(select(Payment.amount_minor)).one()
    assert seen.delivery_address["city"] == "Berlin" and seen.card.endswith("4242")


def test_the_guest_cart_token_alone_shows_the_order_without_address_phone_or_full_email(placed):
    """Regression (issue #9, defect 6): on main the cart cookie alone opened the address and phone."""
    session, owner, placement, _ = placed
    assert session.exec(select(OrderGroup.phone)).one()  # the order has a phone to withhold
    seen = confirmation(session, placement.order_number, owner)
    assert seen.private_hidden and seen.delivery_address == {} and seen.phone == ""
    assert seen.email == "l•••@example.com" and seen.charged.minor > 0 and len(seen.orders) == 2
    shown = confirmation(session, placement.order_number, owner, paid_here=True)
    assert not shown.private_hidden and shown.email == "lena@example.com" and shown.phone


def test_the_confirmation_stays_frozen_when_prices_change(placed):
    session, owner, placement, price = placed
    for variant in session.exec(select(Variant)).all():
        variant.price_minor *= 2
        session.add(variant)
    session.commit()
    assert confirmation(session, placement.order_number, owner).total == price.total


def test_nobody_else_can_see_the_confirmation(placed):
    session, _, placement, _ = placed
    stranger = factories.user(session)
    other_guest, _ = carts.add(session, carts.CartOwner(), _variant_of_new_product(session).id, 1)
    session.commit()
    for owner in (carts.CartOwner(), carts.CartOwner(user_id=stranger.id), other_guest,
                  carts.CartOwner(guest_token="forged-token-forged-token-1234")):
        with pytest.raises(NotFound):
            confirmation(session, placement.order_number, owner)
    for bad in ("MRD-00000000", "mrd-" + placement.order_number[4:].lower(), None, 7, "x" * 5000):
        with pytest.raises(NotFound):
            confirmation(session, bad, placed[1])


def test_a_signed_in_buyer_sees_their_order_by_user_id(db_engine):
    with Session(db_engine) as session:
        buyer = factories.user(session)
        variant = _variant_of_new_product(session)
        owner, _ = carts.add(session, carts.CartOwner(user_id=buyer.id), variant.id, 1)
        row, _ = checkout.start(session, owner, Market("DE", "EUR"), user_id=buyer.id, email=buyer.email)
        session.commit()
        number = place(db_engine, row.id, owner, GOOD, gateway=EmbeddedGateway(), user_id=buyer.id).order_number
        session.rollback()
        assert confirmation(session, number, carts.CartOwner(user_id=buyer.id)).number == number


def test_the_confirmation_email_is_in_the_shoppers_language(placed):
    session, _, placement, price = placed
    message = session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).one()
    body = message.payload["body"]
    assert message.payload["lang"] == "de" and message.payload["to"] == "lena@example.com"
    assert placement.order_number in message.payload["subject"]
    assert "Paket von" in body  # German catalogue
    assert f"{placement.order_number}-1" in body and f"{placement.order_number}-2" in body
    total = price.payable_now
    whole, cents = divmod(total.minor, 100)
    assert f"{whole:,}".replace(",", ".") + f",{cents:02d}\u00a0€" in body  # Babel, de_DE
    assert "Torstraße 12" in body and "10119 Berlin" in body


def test_the_confirmation_email_in_english_formats_amounts_the_english_way(shop):
    engine, session, owner, *_ = shop
    row, price = checkout.start(session, owner, Market("DE", "EUR"), email="sam@example.com", lang="en")
    session.commit()
    place(engine, row.id, owner, GOOD, gateway=EmbeddedGateway())
    session.rollback()
    body = session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).one().payload["body"]
    whole, cents = divmod(price.payable_now.minor, 100)
    assert "Parcel from" in body and f"€{whole:,}.{cents:02d}" in body


def test_saved_addresses_are_the_users_own_in_the_ship_to_country(db_engine):
    from marketplace.accounts.addresses import saved_addresses
    from marketplace.models import Address

    with Session(db_engine) as session:
        lena, other = factories.user(session), factories.user(session)
        session.add(Address(user_id=lena.id, label="Work", full_name="Lena Vogel", line1="Torstraße 12",
                            city="Berlin", postal_code="10119", country="DE", phone="+49301234567"))
        session.add(Address(user_id=lena.id, label="Home", full_name="Lena Vogel", line1="Hauptstraße 1",
                            city="München", postal_code="80331", country="DE", is_default=True))
        session.add(Address(user_id=lena.id, label="Holiday", full_name="Lena Vogel", line1="1 Main St",
                            city="Austin", region="TX", postal_code="73301", country="US"))
        session.add(Address(user_id=other.id, label="Home", full_name="Someone", line1="x", city="Berlin",
                            country="DE"))
        session.commit()
        found = saved_addresses(session, lena.id, "DE")
        assert [a.label for a in found] == ["Home", "Work"]
        assert found[1].fields["street_address"] == "Torstraße 12" and found[1].fields["phone"] == "+49301234567"
        assert validate_address("DE", found[1].fields).postal_code == "10119"
        assert [a.fields["country_area"] for a in saved_addresses(session, lena.id, "US")] == ["TX"]


def test_set_contact_records_the_buyer_only_on_an_open_checkout_in_its_country(shop):
    engine, session, owner, *_ = shop
    row, _ = checkout.start(session, owner, Market("DE", "EUR"))
    berlin = validate_address("DE", BERLIN)
    checkout.set_contact(session, row.id, owner, email="lena@example.com", address=berlin, lang="de")
    assert (row.email, row.lang, row.phone) == ("lena@example.com", "de", "+49301234567")
    assert row.delivery_address["city"] == "Berlin" and row.quote["lang"] == "de"
    paris = validate_address("FR", {"name": "A", "street_address": "1 Rue", "postal_code": "75001",
                                    "city": "Paris", "phone": "01 23 45 67 89"})
    with pytest.raises(ValidationError) as refused:
        checkout.set_contact(session, row.id, owner, email="a@example.com", address=paris)
    assert refused.value.code == "address_country" and row.email == "lena@example.com"
    stranger, _ = carts.add(session, carts.CartOwner(), _variant_of_new_product(session).id, 1)
    with pytest.raises(NotFound):
        checkout.set_contact(session, row.id, stranger, email="x@example.com", address=berlin)
    session.commit()
    place(engine, row.id, owner, GOOD, gateway=EmbeddedGateway())
    session.rollback()
    with pytest.raises(ValidationError) as placed:
        checkout.set_contact(session, row.id, owner, email="late@example.com", address=berlin)
    assert placed.value.code == "not_open"

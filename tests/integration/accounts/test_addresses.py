"""Saved addresses: validated per country, mine only, one default, bounded; bad input changes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from marketplace.accounts import addresses
from marketplace.accounts.address_format import AddressInvalid
from marketplace.core.errors import NotFound, ValidationError
from marketplace.models import Address

BERLIN = {"name": "Lena Vogel", "street_address": "Torstraße 1", "postal_code": "10119", "city": "Berlin",
          "phone": "030 1234567"}
BOSTON = {"name": "Sam Lee", "street_address": "1 Main St", "city": "Boston", "country_area": "MA",
          "postal_code": "02110", "phone": "(617) 555-0123"}


def _count(session) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(Address)).one()


def test_the_first_address_is_the_default_and_is_stored_normalised(shop):
    s = shop.session
    home = addresses.save(s, shop.alice.id, country="DE", data=BERLIN, label="Home")
    work = addresses.save(s, shop.alice.id, country="us", data=BOSTON, label="Work")

    assert home.is_default and not work.is_default
    assert home.lines == ("Lena Vogel", "Torstraße 1", "10119 Berlin") and home.phone == "+49 30 1234567"
    assert home.values["phone"] == "+49301234567"
    assert work.country == "US" and "Boston, Massachusetts 02110" in work.lines and work.values["country_area"] == "MA"
    assert [a.label for a in addresses.my_addresses(s, shop.alice.id)] == ["Home", "Work"]
    assert addresses.my_addresses(s, shop.bob.id) == []


def test_default_moves_and_deleting_the_default_promotes_another(shop):
    s = shop.session
    home = addresses.save(s, shop.alice.id, country="DE", data=BERLIN, label="Home")
    work = addresses.save(s, shop.alice.id, country="US", data=BOSTON, label="Work", make_default=True)
    assert [(a.label, a.is_default) for a in addresses.my_addresses(s, shop.alice.id)] == [("Work", True),
                                                                                           ("Home", False)]
    addresses.set_default(s, shop.alice.id, home.id)
    addresses.delete(s, shop.alice.id, home.id)
    assert [(a.id, a.is_default) for a in addresses.my_addresses(s, shop.alice.id)] == [(work.id, True)]


def test_editing_keeps_the_row_and_revalidates(shop):
    s = shop.session
    home = addresses.save(s, shop.alice.id, country="DE", data=BERLIN, label="Home")
    edited = addresses.save(s, shop.alice.id, address_id=str(home.id), country="DE", label="Home",
                            data={**BERLIN, "street_address": "Torstraße 2"})
    assert edited.id == home.id and edited.values["street_address"] == "Torstraße 2" and _count(s) == 1


def test_another_shoppers_address_cannot_be_read_changed_or_deleted(shop):
    s = shop.session
    home = addresses.save(s, shop.alice.id, country="DE", data=BERLIN, label="Home")
    for action in (lambda: addresses.delete(s, shop.bob.id, home.id),
                   lambda: addresses.set_default(s, shop.bob.id, home.id),
                   lambda: addresses.save(s, shop.bob.id, address_id=home.id, country="DE", data=BERLIN)):
        with pytest.raises(NotFound) as refused:
            action()
        assert refused.value.message == "We couldn't find that address."
    assert addresses.my_addresses(s, shop.alice.id)[0].values["name"] == "Lena Vogel"


def test_field_errors_name_each_bad_field_and_store_nothing(shop):
    with pytest.raises(AddressInvalid) as bad:
        addresses.save(shop.session, shop.alice.id, country="DE",
                       data={**BERLIN, "postal_code": "ABC", "phone": "12", "name": "\u202eevil"})
    assert set(bad.value.errors) == {"postal_code", "phone", "name"} and _count(shop.session) == 0


@pytest.mark.parametrize("kwargs, message", [
    ({"country": "XX"}, "We don't ship to that country yet."),
    ({"country": None}, "We don't ship to that country yet."),
    ({"data": "not a form"}, "Check the highlighted fields."),
    ({"label": ""}, "Give this address a name, like Home or Work."),
    ({"label": "L" * 41}, "Use at most %(max)s characters for the name."),
])
def test_bad_input_gets_a_specific_error(shop, kwargs, message):
    values = {"country": "DE", "data": BERLIN, "label": "Home", **kwargs}
    with pytest.raises(ValidationError) as bad:
        addresses.save(shop.session, shop.alice.id, **values)
    assert bad.value.message == message and _count(shop.session) == 0


def test_labels_are_unique_and_the_list_is_bounded(shop, monkeypatch):
    s = shop.session
    addresses.save(s, shop.alice.id, country="DE", data=BERLIN, label="Home")
    with pytest.raises(ValidationError) as clash:
        addresses.save(s, shop.alice.id, country="US", data=BOSTON, label="Home")
    assert clash.value.params == {"label": "Home"}
    monkeypatch.setattr(addresses, "MAX_ADDRESSES", 1)
    with pytest.raises(ValidationError) as full:
        addresses.save(s, shop.alice.id, country="US", data=BOSTON, label="Work")
    assert full.value.params == {"max": 1} and _count(s) == 1


@pytest.mark.parametrize("address_id", [0, -1, True, "x", 10**40, 999_999])
def test_bad_address_ids_are_not_found(shop, address_id):
    with pytest.raises(NotFound):
        addresses.delete(shop.session, shop.alice.id, address_id)

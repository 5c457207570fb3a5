"""The business profile form: fields per country from the existing address forms, every field checked at once
(each bad field named, nothing half accepted), a return address of its own, and hostile input refused."""

from __future__ import annotations

import pytest

from marketplace.vendors.profile_form import ProfileInvalid, address_fields, validate_profile

DE = {"legal_name": "Muster GmbH", "display_name": "Muster", "country": "DE", "street_address": "Hauptstraße 1",
      "city": "Berlin", "postal_code": "10115", "phone": "030 1234567", "vat_number": "DE136695976",
      "return_window_days": "30", "return_same": "on"}


def test_a_german_profile_is_normalised():
    profile = validate_profile({**DE, "eori_number": "de 123456789012345", "legal_name": "  Muster   GmbH "})
    assert (profile.legal_name, profile.phone, profile.eori_number, profile.return_same) == (
        "Muster GmbH", "+49301234567", "DE123456789012345", True)


def test_a_separate_return_address_is_validated_in_the_same_country():
    profile = validate_profile({**DE, "return_same": "", "return_name": "Lager Nord", "return_street_address":
                                "Lagerweg 2", "return_city": "Hamburg", "return_postal_code": "20095"})
    assert (profile.return_name, profile.return_city, profile.return_postal_code) == ("Lager Nord", "Hamburg", "20095")
    with pytest.raises(ProfileInvalid) as refused:
        validate_profile({**DE, "return_same": "", "return_name": "Lager", "return_street_address": "Lagerweg 2",
                          "return_city": "Hamburg", "return_postal_code": "2009"})
    assert set(refused.value.errors) == {"return_postal_code"}


def test_every_bad_field_is_named_at_once():
    with pytest.raises(ProfileInvalid) as refused:
        validate_profile({**DE, "legal_name": "", "display_name": "x" * 121, "postal_code": "1", "phone": "12",
                          "vat_number": "DE136695977", "ioss_number": "IM1", "return_window_days": "366"})
    assert set(refused.value.errors) == {"legal_name", "display_name", "postal_code", "phone", "vat_number",
                                         "ioss_number", "return_window_days"}


@pytest.mark.parametrize("data", [None, [], "DE", {**DE, "country": "XX"}, {**DE, "country": ["DE"]}])
def test_hostile_shapes_are_refused(data):
    with pytest.raises(ProfileInvalid):
        validate_profile(data)


@pytest.mark.parametrize(("field", "value"), [("legal_name", "Muster\u202eGmbH"), ("city", 42),
                                              ("return_window_days", True), ("return_window_days", "1e3")])
def test_hostile_values_are_refused_field_by_field(field, value):
    with pytest.raises(ProfileInvalid) as refused:
        validate_profile({**DE, field: value})
    assert field in refused.value.errors


def test_the_address_fields_follow_the_country():
    assert [f.name for f in address_fields("US")] == ["street_address", "city", "country_area", "postal_code"]
    assert "city" not in [f.name for f in address_fields("JP")]  # part of the street in Japan

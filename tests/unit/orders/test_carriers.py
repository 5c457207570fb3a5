"""The carrier interface's values and checks (orders/carriers.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.core.errors import Problem
from marketplace.core.money import Money
from marketplace.orders.carriers import (
    Address,
    CarrierError,
    CustomsLine,
    Incoterm,
    Label,
    Parcel,
    ShipmentRequest,
    TrackingCode,
    TrackingEvent,
    request_problems,
)
from marketplace.orders.error_codes import CarrierErrorCode

TOKYO = Address(" Sakura Ceramics ", ["1-2-3 Asakusa", " "], "Taito-ku", "111-0032", "jp", region="Tokyo")
BERLIN = Address("Jürgen Müller", ("Hauptstraße 5",), "Berlin", "10115", "DE")
LYON = Address("Claire Dubois", ("3 quai Saint-Antoine",), "Lyon", "69002", "FR")
CUP = CustomsLine("Porcelain tea cup", "6911.10", "jp", 3, Money(4500, "EUR"), 900)


def test_values_are_normalised():
    assert TOKYO.name == "Sakura Ceramics" and TOKYO.street == ("1-2-3 Asakusa",) and TOKYO.country == "JP"
    assert TOKYO.lines() == ("Sakura Ceramics", "1-2-3 Asakusa", "111-0032 Taito-ku", "Tokyo", "JP")
    assert (CUP.hs_code, CUP.origin_country) == ("691110", "JP")
    assert ShipmentRequest(TOKYO, BERLIN, Parcel(1, 1, 1, 1), incoterm="DAP").incoterm is Incoterm.DAP


@pytest.mark.parametrize("build", [
    lambda: Parcel(1, 1, 1, 1.5),
    lambda: Parcel(1, 1, True, 1),
    lambda: Address("x", "one line as a string", "c", "1", "DE"),
    lambda: CustomsLine("Porcelain cup", "691110", "JP", 1, 45.0, 100),
    lambda: ShipmentRequest(TOKYO, "Berlin", Parcel(1, 1, 1, 1)),
    lambda: Label("embedded", "express", "X", Money(1, "EUR"), datetime(2026, 12, 1), pdf=b"%PDF"),
    lambda: Label("embedded", "express", "X", Money(1, "EUR"), datetime(2026, 12, 1, tzinfo=UTC)),
    lambda: TrackingEvent(TrackingCode.DELIVERED, datetime(2026, 12, 1), "Delivered"),
])
def test_programming_errors_are_type_errors(build):
    with pytest.raises(TypeError):
        build()


def test_customs_is_asked_for_only_across_a_customs_border():
    assert ShipmentRequest(TOKYO, BERLIN, Parcel(1, 1, 1, 1)).crosses_customs
    assert not ShipmentRequest(BERLIN, LYON, Parcel(1, 1, 1, 1)).crosses_customs
    assert not ShipmentRequest(BERLIN, BERLIN, Parcel(1, 1, 1, 1)).crosses_customs
    missing = request_problems(ShipmentRequest(TOKYO, BERLIN, Parcel(100, 100, 100, 500)))
    assert [(p.code, p.field) for p in missing] == [(CarrierErrorCode.CUSTOMS_INVALID, "customs")]
    assert request_problems(ShipmentRequest(BERLIN, LYON, Parcel(100, 100, 100, 500))) == []


def test_every_problem_is_listed_with_its_field():
    request = ShipmentRequest(
        Address("", (), "", "", "JP"),  Address("Ann", ("1 Main St",), "Boston", "", "ZZ"), Parcel(0, 0, 0, 0),
        customs=(CustomsLine("x", "12", "J1", 0, Money(-1, "EUR"), 0), CustomsLine("Silk scarf", "621410", "CN", 1,
                                                                               Money(100, "USD"), 50)))
    assert [p.field for p in request_problems(request)] == [
        "sender.name", "sender.street", "sender.postal_code", "sender.region", "recipient.country",
        "parcel.weight_g", "parcel.dimensions",
        "customs.0.description", "customs.0.hs_code", "customs.0.origin_country", "customs.0.quantity",
        "customs.0.weight_g", "customs.0.value", "customs"]


def test_a_carrier_error_carries_its_problems():
    one = Problem(CarrierErrorCode.ADDRESS_INVALID, "Enter the city.", "recipient.city")
    two = Problem(CarrierErrorCode.CUSTOMS_INVALID, "Enter the net weight.", "customs.0.weight_g")
    single = CarrierError.of([one])
    assert (single.code, single.field, single.problems) == (one.code, "recipient.city", (one,))
    both = CarrierError.of([one, two])
    assert both.code is CarrierErrorCode.ADDRESS_INVALID and both.field is None and both.problems == (one, two)
    plain = CarrierError("No parcel has this tracking number.", code=CarrierErrorCode.TRACKING_UNKNOWN)
    assert plain.problems == (plain.problem,)


def test_more_street_lines_than_a_carrier_takes_is_a_problem():
    three = Address("Ann", ("1 Main St", "Flat 2", "Rear"), "Berlin", "10115", "DE")
    problems = request_problems(ShipmentRequest(three, BERLIN, Parcel(100, 100, 100, 500)))
    assert [(p.field, dict(p.params)) for p in problems] == [("sender.street", {"count": 2})]

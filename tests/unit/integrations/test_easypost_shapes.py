"""The EasyPost adapter's pure parts: units rounded up, the service table, error fields, tracker statuses."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from marketplace.crossborder import shipping
from marketplace.integrations.carriers import easypost_errors, easypost_shapes, easypost_tracking
from marketplace.orders.error_codes import CarrierErrorCode

SINCE = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize("mm, expected", [(254, "10.0"), (255, "10.1"), (1, "0.1"), (0, "0.0"), (300, "11.9")])
def test_millimetres_become_inches_rounded_up_to_a_tenth(mm, expected):
    assert easypost_shapes.inches(mm) == Decimal(expected)


@pytest.mark.parametrize("grams, expected", [(1, "0.1"), (2834, "100.0"), (2835, "100.1"), (1000, "35.3")])
def test_grams_become_ounces_rounded_up_to_a_tenth(grams, expected):
    assert easypost_shapes.ounces(grams) == Decimal(expected)


def test_every_easypost_level_sells_one_of_meridians_services():
    ours = {shipping.SERVICE_EXPRESS, shipping.SERVICE_TRACKED_STANDARD, shipping.SERVICE_POSTAL_ECONOMY}
    assert set(easypost_shapes.SERVICE_LEVELS.values()) == ours
    assert easypost_shapes.service_of({"carrier": "USPS", "service": "MediaMail"}) is None


def test_plain_string_errors_and_a_code_without_fields_still_make_a_problem_each():
    problems = easypost_errors.input_problems("SHIPMENT.CUSTOMS_INFO.INVALID", "Bad customs", ["No HS code given"])
    assert [(p.code, p.field, p.params["detail"]) for p in problems] == [
        (CarrierErrorCode.CUSTOMS_INVALID, None, "No HS code given")]
    fallback = easypost_errors.input_problems("ADDRESS.VERIFY.FAILURE", "Unable to verify address.", None)
    assert [(p.code, p.field) for p in fallback] == [(CarrierErrorCode.ADDRESS_INVALID, "recipient")]


def test_statuses_meridian_cannot_use_are_left_out():
    details = [{"status": status, "datetime": "2026-12-02T10:00:00Z"}
               for status in ("pre_transit", "unknown", "cancelled", "error", "delivered")]
    events = easypost_tracking.events_of({"tracking_details": [*details, "garbage"]}, SINCE)
    assert [event.code for event in events] == ["delivered"]
    assert events[0].at == datetime(2026, 12, 2, 10, tzinfo=UTC)

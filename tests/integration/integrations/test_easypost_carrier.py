"""The EasyPost carrier at its HTTP boundary: the real SDK talks to a fake EasyPost on loopback (pytest-httpserver)
answering as EasyPost documents; rates, purchase with the label fetched, void, tracking, and each kind of error."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from werkzeug import Response

from marketplace.core.money import Money
from marketplace.orders.carriers import (
    Address,
    CarrierError,
    CarrierUnavailable,
    CustomsLine,
    Incoterm,
    Label,
    Parcel,
    ShipmentRequest,
    TrackingCode,
)
from marketplace.orders.error_codes import CarrierErrorCode
from tests.integration.integrations import easypost_fake as fake

KYOTO = Address(name="Kyoto Ceramics Ltd", street=("12 Gojozaka",), city="Kyoto", postal_code="605-0862",
                region="Kyoto", country="JP", phone="+81 75 000 0000")
BERLIN = Address(name="Erika Mustermann", street=("Hauptstraße 5", "Hinterhaus"), city="Berlin",
                 postal_code="10115", country="DE", email="erika@example.de")
BOSTON = Address(name="Bay Goods Inc", street=("1 Main St",), city="Boston", postal_code="02110", region="MA",
                 country="US")
CUPS = CustomsLine(description="porcelain tea cups", hs_code="6912.00", origin_country="JP", quantity=2,
                   value=Money(6400, "JPY"), weight_g=510)
SINCE = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _request(service: str | None = "express", **changes) -> ShipmentRequest:
    values = {"sender": KYOTO, "recipient": BERLIN, "parcel": Parcel(300, 200, 120, 800), "service": service,
              "incoterm": Incoterm.DDP, "customs": (CUPS,), "reference": "M-1001-1", "currency": "JPY"} | changes
    return ShipmentRequest(**values)


def test_rates_then_purchase_store_the_label_pdf_not_a_link(httpserver):
    received = fake.serve_purchase(httpserver)
    carrier = fake.carrier(httpserver)
    rates = carrier.rates(_request(service=None))
    assert [r.service for r in rates] == ["postal_economy", "tracked_standard", "express", "express"]
    assert [r.price.minor for r in rates] == sorted(r.price.minor for r in rates)
    assert {r.price.currency for r in rates} == {"JPY"} and all(r.carrier == "easypost" for r in rates)
    assert rates[0].tracked is False and (rates[0].min_days, rates[0].max_days) == (6, 20)  # no days: usual
    assert rates[-1].name == "USPS ExpressMailInternational" and rates[-1].carrier_ref == "rate_usps_express"

    sent = received[0]["shipment"]
    assert sent["parcel"] == {"length": 11.9, "width": 7.9, "height": 4.8, "weight": 28.3}  # inches, oz, up
    assert sent["from_address"] == {"name": "Kyoto Ceramics Ltd", "street1": "12 Gojozaka", "city": "Kyoto",
                                    "state": "Kyoto", "zip": "605-0862", "country": "JP", "phone": "+81 75 000 0000"}
    assert (sent["to_address"]["street1"], sent["to_address"]["street2"]) == ("Hauptstraße 5", "Hinterhaus")
    assert sent["options"] == {"label_format": "PDF", "incoterm": "DDP", "currency": "JPY",
                               "invoice_number": "M-1001-1"}
    customs = sent["customs_info"]
    assert (customs["contents_type"], customs["restriction_type"], customs["customs_signer"]) == (
        "merchandise", "none", "Kyoto Ceramics Ltd")
    assert "eel_pfc" not in customs  # not a US export: EasyPost's default
    assert customs["customs_items"] == [{"description": "porcelain tea cups", "hs_tariff_number": "691200",
                                         "origin_country": "JP", "quantity": 2, "value": "6400", "currency": "JPY",
                                         "weight": 18.0}]

    express = _request()
    offers = carrier.rates(express)
    assert {r.service for r in offers} == {"express"}
    label = carrier.buy_label(express, offers[0])
    assert received[-1] == {"rate": {"id": "rate_express"}}
    assert (label.carrier, label.service, label.tracking_number, label.carrier_ref) == (
        "easypost", "express", fake.TRACKING, fake.SHIPMENT)
    assert label.pdf == fake.LABEL_PDF and label.price == offers[0].price
    assert label.created_at.tzinfo is not None


def test_a_rate_quoted_by_another_process_is_quoted_again_and_the_same_service_bought(httpserver):
    received = fake.serve_purchase(httpserver)
    first = fake.carrier(httpserver).rates(_request("tracked_standard"))[0]
    label = fake.carrier(httpserver).buy_label(_request("tracked_standard"), first)  # a fresh instance
    assert received[-1] == {"rate": {"id": "rate_tracked"}} and label.service == "tracked_standard"


def test_a_chosen_service_no_easypost_rate_sells_is_refused(httpserver):
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_json(
        fake.shipment({}, rates=[fake.RATES[0]]), status=201)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).rates(_request("postal_economy"))
    assert (raised.value.code, raised.value.field) == (CarrierErrorCode.SERVICE_UNAVAILABLE, "service")


def test_a_us_export_declares_no_eei_below_2500_usd_and_lists_a_line_above_before_asking(httpserver):
    received = fake.serve_purchase(httpserver)
    small = CustomsLine("cotton T-shirts", "610910", "US", 10, Money(24999, "USD"), 1500)
    fake.carrier(httpserver).rates(_request(sender=BOSTON, customs=(small,)))
    assert received[0]["shipment"]["customs_info"]["eel_pfc"] == "NOEEI 30.37(a)"
    big = CustomsLine("camera lenses", "900211", "US", 1, Money(250000, "USD"), 900)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).rates(_request(sender=BOSTON, customs=(small, big)))
    assert [p.field for p in raised.value.problems] == ["customs.1.value"]
    assert raised.value.code == CarrierErrorCode.CUSTOMS_INVALID and len(received) == 1  # nothing sent


def test_a_label_that_cannot_be_fetched_is_refunded_and_retryable(httpserver):
    fake.serve_purchase(httpserver, label=b"<html>not a label</html>")
    refunds = []
    httpserver.expect_request(f"/v2/shipments/{fake.SHIPMENT}/refund", method="POST").respond_with_handler(
        lambda request: refunds.append(1) or Response(json.dumps(
            {**fake.shipment({}), "refund_status": "submitted"}), content_type="application/json"))
    carrier = fake.carrier(httpserver)
    with pytest.raises(CarrierUnavailable) as raised:
        carrier.buy_label(_request(), carrier.rates(_request())[0])
    assert raised.value.code == CarrierErrorCode.CARRIER_UNAVAILABLE and refunds == [1]


def _label(carrier_ref: str = fake.SHIPMENT) -> Label:
    return Label("easypost", "express", fake.TRACKING, Money(5000, "JPY"), SINCE, pdf=b"%PDF", carrier_ref=carrier_ref)


def test_void_refunds_the_shipment_found_by_its_tracker_when_the_database_kept_only_the_number(httpserver):
    httpserver.expect_request("/v2/trackers", method="POST", json={"tracker": {"tracking_code": fake.TRACKING}}
                              ).respond_with_json(fake.tracker([]))
    httpserver.expect_request(f"/v2/shipments/{fake.SHIPMENT}/refund", method="POST").respond_with_json(
        {**fake.shipment({}), "tracking_code": fake.TRACKING, "refund_status": "submitted"})
    fake.carrier(httpserver).void_label(_label(carrier_ref=""))
    assert [entry[0].path for entry in httpserver.log] == ["/v2/trackers", f"/v2/shipments/{fake.SHIPMENT}/refund"]


@pytest.mark.parametrize("answer", [
    ({**fake.shipment({}), "refund_status": "rejected"}, 200),
    (fake.error("SHIPMENT.REFUND.UNAVAILABLE", "Unable to refund: the parcel was scanned."), 422),
])
def test_a_label_the_carrier_will_not_refund_is_not_voidable(httpserver, answer):
    body, status = answer
    httpserver.expect_request(f"/v2/shipments/{fake.SHIPMENT}/refund", method="POST").respond_with_json(
        body, status=status)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).void_label(_label())
    assert raised.value.code == CarrierErrorCode.LABEL_NOT_VOIDABLE


def test_track_maps_easypost_statuses_and_leaves_out_what_precedes_the_handover(httpserver):
    details = [
        fake.detail("pre_transit", "2026-12-02T09:05:00Z", "Shipment information received"),
        fake.detail("in_transit", "2026-12-02T15:00:00Z", "Picked up", "received_at_origin_facility", "KYOTO", "JP"),
        fake.detail("in_transit", "2026-12-03T02:00:00Z", "Departed facility", "departed_facility", "OSAKA", "JP"),
        fake.detail("in_transit", "2026-12-04T08:00:00Z", "Held by customs: duty unpaid", "held", "LEIPZIG", "DE"),
        fake.detail("in_transit", "2026-12-04T20:00:00Z", "Customs clearance complete",
                    "international_shipment_release", "LEIPZIG", "DE"),
        fake.detail("available_for_pickup", "2026-12-05T09:00:00Z", "At the DHL ServicePoint", city="BERLIN"),
        fake.detail("out_for_delivery", "2026-12-06T07:00:00Z", "With courier", "out_for_delivery", "BERLIN", "DE"),
        fake.detail("failure", "2026-12-06T12:00:00Z", "Recipient not available", "delivery_exception"),
        fake.detail("return_to_sender", "2026-12-09T12:00:00Z", "Returned", "return"),
        fake.detail("delivered", "2026-12-07T10:00:00Z", "Delivered", "arrived_at_destination", "BERLIN", "DE"),
        fake.detail("in_transit", "2026-12-01T10:00:00Z", "before the label was bought"),
        fake.detail("in_transit", "not a time"),
    ]
    httpserver.expect_request("/v2/trackers", method="POST").respond_with_json(fake.tracker(details))
    events = fake.carrier(httpserver).track(fake.TRACKING, SINCE)
    assert [e.code for e in events] == [
        TrackingCode.ACCEPTED, TrackingCode.IN_TRANSIT, TrackingCode.HELD_AT_CUSTOMS, TrackingCode.RELEASED,
        TrackingCode.AVAILABLE_FOR_PICKUP, TrackingCode.OUT_FOR_DELIVERY, TrackingCode.DELIVERY_FAILED,
        TrackingCode.DELIVERED, TrackingCode.RETURN_TO_SENDER]
    assert events[0].location == "KYOTO, JP" and events[0].description == "Parcel accepted by the carrier"
    assert events[2].is_exception and events[2].at == datetime(2026, 12, 4, 8, tzinfo=UTC)


# -- errors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status, code", [(429, "RATE_LIMITED"), (503, "SERVICE.UNAVAILABLE"),
                                          (500, "INTERNAL_SERVER_ERROR")])
def test_rate_limits_and_outages_are_transient(httpserver, status, code):
    httpserver.expect_request("/v2/trackers", method="POST").respond_with_json(
        fake.error(code, "Please try again later."), status=status)
    with pytest.raises(CarrierUnavailable) as raised:
        fake.carrier(httpserver).track(fake.TRACKING, SINCE)
    assert raised.value.code == CarrierErrorCode.CARRIER_UNAVAILABLE


def test_a_timeout_is_transient(httpserver):
    release = threading.Event()
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_handler(
        lambda request: release.wait(5) and Response("{}", status=201))
    try:
        with pytest.raises(CarrierUnavailable):
            fake.carrier(httpserver, timeout=0.3).rates(_request())
    finally:
        release.set()


def test_an_address_easypost_cannot_verify_is_one_problem_list(httpserver):
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_json(fake.error(
        "ADDRESS.VERIFY.FAILURE", "Unable to verify address.",
        [{"code": "E.ADDRESS.NOT_FOUND", "field": "address", "message": "Address not found"},
         {"code": "E.ADDRESS.INVALID", "field": "to_address.zip", "message": "Invalid postal code"},
         {"field": "from_address.street1", "message": "Street is ambiguous"}]), status=422)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).rates(_request())
    error = raised.value
    assert not isinstance(error, CarrierUnavailable)
    assert [(p.code, p.field) for p in error.problems] == [
        (CarrierErrorCode.ADDRESS_INVALID, "recipient"), (CarrierErrorCode.ADDRESS_INVALID, "recipient.postal_code"),
        (CarrierErrorCode.ADDRESS_INVALID, "sender.street")]
    assert error.params["count"] == 3 and error.problems[1].params["detail"] == "Invalid postal code"


def test_customs_data_easypost_refuses_names_each_line_field(httpserver):
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_json(fake.error(
        "SHIPMENT.INVALID_PARAMS", "Unable to create shipment, one or more parameters were invalid.",
        [{"field": "customs_info.customs_items.0.hs_tariff_number", "message": "must be a valid HS code"},
         {"field": "shipment.customs_info.customs_items[0].weight", "message": "must be greater than 0"},
         {"field": "parcel.length", "message": "too long"}]), status=422)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).rates(_request())
    assert [(p.code, p.field) for p in raised.value.problems] == [
        (CarrierErrorCode.CUSTOMS_INVALID, "customs.0.hs_code"), (CarrierErrorCode.CUSTOMS_INVALID, "customs.0.weight_g"),
        (CarrierErrorCode.PARCEL_INVALID, "parcel.dimensions")]


def test_a_refused_api_key_is_an_account_problem_not_a_retry(httpserver):
    httpserver.expect_request("/v2/shipments", method="POST").respond_with_json(
        fake.error("APIKEY.INACTIVE", "This api key is no longer active."), status=401)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).rates(_request())
    assert raised.value.code == CarrierErrorCode.CARRIER_ACCOUNT and not isinstance(raised.value, CarrierUnavailable)


def test_an_unknown_tracking_number_is_tracking_unknown(httpserver):
    httpserver.expect_request("/v2/trackers", method="POST").respond_with_json(
        fake.error("NOT_FOUND", "The requested resource could not be found."), status=404)
    with pytest.raises(CarrierError) as raised:
        fake.carrier(httpserver).track("EZ0", SINCE)
    assert raised.value.code == CarrierErrorCode.TRACKING_UNKNOWN

"""A fake EasyPost API on pytest-httpserver (loopback): answers shaped like EasyPost's documented API and the SDK's
recorded cassettes (easypost-python tests/cassettes: test_shipment_buy, test_tracker_create, test_shipment_refund,
test_error), and a signer for its webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from marketplace.integrations.carriers.easypost import EasyPostCarrier

API_KEY = "EZTKfake0000"
SHIPMENT = "shp_16578f588f9546ec914afd2474e24ff5"
TRACKING = "EZ4000000004"
LABEL_PDF = b"%PDF-1.4\n% EasyPost test label\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
WEBHOOK_SECRET = "sécret-whsec"  # a non-ASCII secret: the SDK normalises it (NFKD) before the HMAC


def rate(rate_id: str, carrier: str, service: str, price: str, days: int | None, currency: str = "USD") -> dict:
    return {"id": rate_id, "object": "Rate", "mode": "test", "service": service, "carrier": carrier, "rate": price,
            "currency": currency, "retail_rate": None, "list_rate": price, "list_currency": currency,
            "delivery_days": days, "est_delivery_days": days, "delivery_date_guaranteed": False,
            "shipment_id": SHIPMENT, "carrier_account_id": "ca_b25657e9896e4d63ac8151ac346ac41e"}


RATES = [
    rate("rate_express", "DHLExpress", "ExpressWorldwideNonDoc", "41.20", 3),
    rate("rate_usps_express", "USPS", "ExpressMailInternational", "58.90", 5),
    rate("rate_tracked", "USPS", "PriorityMailInternational", "27.35", 8),
    rate("rate_economy", "USPS", "FirstClassPackageInternationalService", "14.05", None),
    rate("rate_freight", "USPS", "MediaMail", "3.10", 9),  # none of Meridian's services: never offered
]


def service_of(rate_id: str) -> str | None:
    """The Meridian service a fake rate sells (as the adapter maps it)."""
    from marketplace.integrations.carriers.easypost_shapes import service_of as mapped

    return mapped(next(r for r in RATES if r["id"] == rate_id))


def shipment(params: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The Shipment EasyPost answers ``POST /v2/shipments`` with (``status`` unknown, no label yet)."""
    body = params.get("shipment", {})
    return {"id": SHIPMENT, "object": "Shipment", "mode": "test", "created_at": "2026-12-02T09:00:00Z",
            "status": "unknown", "tracking_code": None, "reference": body.get("reference"),
            "options": {**body.get("options", {}), "payment": {"type": "SENDER"}},
            "from_address": {"object": "Address", **body.get("from_address", {})},
            "to_address": {"object": "Address", **body.get("to_address", {})},
            "parcel": {"object": "Parcel", **body.get("parcel", {})}, "customs_info": body.get("customs_info"),
            "postage_label": None, "rates": RATES, "selected_rate": None, "tracker": None, "messages": [],
            "refund_status": None, **extra}


def bought(server: HTTPServer, rate_id: str) -> dict[str, Any]:
    chosen = next(r for r in RATES if r["id"] == rate_id)
    return {**shipment({}), "tracking_code": TRACKING, "selected_rate": chosen, "status": "unknown",
            "postage_label": {"object": "PostageLabel", "id": "pl_6b404afa1ac543c3a447abdcb6e5ccbb",
                              "label_file_type": "application/pdf", "label_size": "4x6",
                              "label_url": server.url_for("/files/postage_label/label.png"),
                              "label_pdf_url": server.url_for("/files/postage_label/label.pdf")}}


def detail(status: str, at: str, message: str = "", status_detail: str = "status_update", city: str | None = None,
           country: str | None = None) -> dict[str, Any]:
    return {"object": "TrackingDetail", "message": message, "description": "", "status": status,
            "status_detail": status_detail, "datetime": at, "source": "DHLExpress", "carrier_code": "",
            "tracking_location": {"object": "TrackingLocation", "city": city, "state": None, "country": country,
                                  "zip": None}}


def tracker(details: list[dict[str, Any]], status: str = "in_transit") -> dict[str, Any]:
    return {"id": "trk_e7e8f143f3eb40d38be9562e3767c36a", "object": "Tracker", "mode": "test",
            "tracking_code": TRACKING, "status": status, "status_detail": "status_update", "carrier": "DHLExpress",
            "shipment_id": SHIPMENT, "tracking_details": details, "finalized": True, "is_return": False,
            "public_url": "https://track.easypost.com/djE6dHJrX2U3ZThm"}


def error(code: str, message: str, errors: list | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "errors": errors or []}}


def event(result: dict[str, Any], description: str = "tracker.updated") -> bytes:
    return json.dumps({"id": "evt_4d1f36fa716c4b12", "object": "Event", "mode": "test", "description": description,
                       "result": result, "status": "pending", "pending_urls": []}).encode()


def signature(body: bytes, secret: str = WEBHOOK_SECRET) -> str:
    key = unicodedata.normalize("NFKD", secret).encode()
    return "hmac-sha256-hex=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def carrier(server: HTTPServer, timeout: float = 5) -> EasyPostCarrier:
    return EasyPostCarrier(API_KEY, api_base=server.url_for("/v2"), timeout=timeout)


def serve_purchase(server: HTTPServer, *, label: bytes = LABEL_PDF) -> list[dict[str, Any]]:
    """Shipment create, buy (any rate) and the label file; returns the JSON bodies received, in order."""
    received: list[dict[str, Any]] = []

    def create(request: Request) -> Response:
        received.append(request.get_json())
        return Response(json.dumps(shipment(request.get_json())), status=201, content_type="application/json")

    def buy(request: Request) -> Response:
        received.append(request.get_json())
        return Response(json.dumps(bought(server, request.get_json()["rate"]["id"])), content_type="application/json")

    server.expect_request("/v2/shipments", method="POST").respond_with_handler(create)
    server.expect_request(f"/v2/shipments/{SHIPMENT}/buy", method="POST").respond_with_handler(buy)
    server.expect_request("/files/postage_label/label.pdf", method="GET").respond_with_data(
        label, content_type="application/pdf")
    return received

"""The EasyPost carrier (``SHIPPING=easypost``): rates, labels, voids and tracking through EasyPost's API, with
the ``easypost`` SDK (``EasyPostClient(api_key, api_base=…)``).

Contract:
- ``rates(request)``: ``request_problems`` and the US export check (``easypost_shapes.customs_problems``)
  first, as ONE :class:`CarrierError`; then a Shipment is created (``POST /v2/shipments``, shape in
  ``easypost_shapes``) and its rates that sell Meridian's services are returned cheapest first, priced in
  ``request.currency``, with the EasyPost rate id as ``carrier_ref``. ``request.service`` set and not offered:
  ``service_unavailable``.
- ``buy_label(request, rate)``: buys ``rate.carrier_ref`` on the shipment it was quoted on
  (``POST /v2/shipments/{id}/buy``); a rate this carrier instance did not quote (another process) is quoted
  again and the same EasyPost service bought (none: ``rate_not_offered``). The label PDF is downloaded at
  once (``postage_label.label_pdf_url``, with the adapter's timeout; only from an https address or the API's
  own origin), so ``labels.buy_label`` stores it in the private document store and the seller fetches it
  through the app, never from a third-party link. If the download fails the purchase is refunded
  (best effort) and :class:`CarrierUnavailable` raised: no label is charged that Meridian cannot print.
  ``Label.carrier_ref`` is the shipment id (``shp_…``); the price is the bought rate's.
- ``void_label(label)``: refunds the shipment (``POST /v2/shipments/{id}/refund``); the shipment id is
  ``label.carrier_ref`` or, for a label read back from the database (which keeps only the tracking number),
  the ``shipment_id`` of its tracker. EasyPost's ``refund_status`` ``rejected``/``not_applicable`` or a 4xx
  answer → ``label_not_voidable``.
- ``track(number, since)``: ``POST /v2/trackers`` (EasyPost returns the existing tracker of a number it
  already tracks) mapped by ``easypost_tracking.events_of``.
- ``pushes_tracking`` is True: EasyPost reports changes to ``POST /api/webhooks/easypost``
  (``easypost_webhook``), so the worker does not poll every round (``orders.tracking_sweep``).
- Every SDK error goes through ``easypost_errors.carrier_error``: 429/5xx/timeouts are
  :class:`CarrierUnavailable` (retried with backoff where a worker calls), input errors one problem list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import easypost
import requests
from easypost.errors import EasyPostError

from marketplace.core import clock
from marketplace.core.i18n import N_
from marketplace.core.settings import Settings
from marketplace.integrations.carriers.easypost_errors import carrier_error
from marketplace.integrations.carriers.easypost_shapes import (
    NAME,
    customs_problems,
    label_url,
    price_of,
    rates_of,
    shipment_params,
)
from marketplace.integrations.carriers.easypost_tracking import events_of
from marketplace.orders.carriers import (
    CarrierError,
    CarrierUnavailable,
    Label,
    Rate,
    ShipmentRequest,
    TrackingEvent,
    request_problems,
)
from marketplace.orders.error_codes import CarrierErrorCode

DEFAULT_API_BASE = "https://api.easypost.com/v2"
TIMEOUT_S = 20
MAX_LABEL_BYTES = 10 * 1024 * 1024


class EasyPostCarrier:
    """The EasyPost adapter (see the module contract)."""

    name = NAME
    pushes_tracking = True

    def __init__(self, api_key: str, *, api_base: str = DEFAULT_API_BASE, timeout: float = TIMEOUT_S) -> None:
        if not api_key:
            raise ValueError("EASYPOST_API_KEY is required for SHIPPING=easypost")
        self.client = easypost.EasyPostClient(api_key, api_base=api_base.rstrip("/"), timeout=timeout)  # type: ignore[arg-type]
        self.timeout = timeout
        self._origin = urlsplit(api_base)[:2]
        self._http = requests.Session()
        self._shipment_of: dict[str, str] = {}  # rate id -> the shipment it was quoted on

    @classmethod
    def from_settings(cls, settings: Settings) -> EasyPostCarrier:
        return cls(settings.easypost_api_key, api_base=settings.easypost_api_base)

    def _call(self, call: Callable[..., Any], *args: Any, **params: Any) -> dict[str, Any]:
        try:
            answer = call(*args, **params)
        except EasyPostError as error:
            raise carrier_error(error) from error
        return answer.to_dict() if hasattr(answer, "to_dict") else dict(answer or {})

    # -- rates and labels ----------------------------------------------------------------------------

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        problems = [*request_problems(request), *customs_problems(request)]
        if problems:
            raise CarrierError.of(problems)
        shipment = self._call(self.client.shipment.create, **shipment_params(request))
        for raw in shipment.get("rates") or ():
            self._shipment_of[str(raw.get("id"))] = str(raw.get("shipment_id") or shipment.get("id"))
        offers = rates_of(shipment, request.currency, request.service)
        if request.service is not None and not offers:
            raise CarrierError(N_("The service chosen cannot carry this parcel; choose another."),
                               code=CarrierErrorCode.SERVICE_UNAVAILABLE, field="service")
        return offers

    def _quoted(self, request: ShipmentRequest, rate: Rate) -> tuple[str, str]:
        if rate.carrier_ref in self._shipment_of:
            return self._shipment_of[rate.carrier_ref], rate.carrier_ref
        again = next((offer for offer in self.rates(replace(request, service=rate.service))
                      if offer.name == rate.name), None)
        if again is None:
            raise CarrierError(N_("This rate is no longer offered; choose the service again."),
                               code=CarrierErrorCode.RATE_NOT_OFFERED, field="service")
        return self._shipment_of[again.carrier_ref], again.carrier_ref

    def buy_label(self, request: ShipmentRequest, rate: Rate) -> Label:
        if rate.carrier != self.name or not rate.carrier_ref:
            raise CarrierError(N_("This rate is no longer offered; choose the service again."),
                               code=CarrierErrorCode.RATE_NOT_OFFERED, field="service")
        shipment_id, rate_id = self._quoted(request, rate)
        bought = self._call(self.client.shipment.buy, shipment_id, rate={"id": rate_id})
        url, number = label_url(bought), str(bought.get("tracking_code") or "")
        try:
            pdf = self._download(url)
        except CarrierUnavailable:
            self._refund_quietly(shipment_id)
            raise
        selected = bought.get("selected_rate") or {}
        price = price_of(selected, request.currency) if selected.get("rate") else rate.price
        return Label(carrier=self.name, service=rate.service, tracking_number=number, price=price,
                     created_at=clock.now(), pdf=pdf, url=url, carrier_ref=shipment_id)

    def _download(self, url: str) -> bytes:
        parts = urlsplit(url)
        if not url or not (parts.scheme == "https" or parts[:2] == self._origin):
            raise CarrierUnavailable(N_("The carrier sent no printable label; try again in a few minutes."))
        try:
            answer = self._http.get(url, timeout=self.timeout)
        except requests.RequestException as error:
            raise CarrierUnavailable(N_("The carrier is not answering; try again in a few minutes.")) from error
        if answer.status_code != 200 or not answer.content.startswith(b"%PDF") \
                or len(answer.content) > MAX_LABEL_BYTES:
            raise CarrierUnavailable(N_("The carrier sent no printable label; try again in a few minutes."))
        return answer.content

    def _refund_quietly(self, shipment_id: str) -> None:
        with contextlib.suppress(EasyPostError):  # else voidable at EasyPost until its acceptance scan
            self.client.shipment.refund(shipment_id)

    # -- void and tracking ---------------------------------------------------------------------------

    def _tracker(self, tracking_number: str) -> dict[str, Any]:
        if not tracking_number:
            raise CarrierError(N_("The carrier knows no such parcel."), code=CarrierErrorCode.TRACKING_UNKNOWN)
        return self._call(self.client.tracker.create, tracking_code=tracking_number)

    def void_label(self, label: Label) -> None:
        shipment_id = label.carrier_ref or str(self._tracker(label.tracking_number).get("shipment_id") or "")
        refused = CarrierError(N_("The carrier already has this parcel: the label cannot be voided."),
                               code=CarrierErrorCode.LABEL_NOT_VOIDABLE)
        if not shipment_id:
            raise refused
        try:
            refund = self._call(self.client.shipment.refund, shipment_id)
        except CarrierUnavailable:
            raise
        except CarrierError as error:
            raise refused from error
        if refund.get("refund_status") in ("rejected", "not_applicable"):
            raise refused

    def track(self, tracking_number: str, since: datetime) -> list[TrackingEvent]:
        return events_of(self._tracker(tracking_number), since)


__all__ = ["DEFAULT_API_BASE", "EasyPostCarrier"]

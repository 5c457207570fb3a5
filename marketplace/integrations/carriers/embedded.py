"""The embedded carrier (``SHIPPING=embedded``, the default): rates, labels and tracking with no network and
no records of its own, reproducible from its inputs and an injected clock.

Contract:
- ``rates``: the engine's tables (``crossborder.shipping.rates``) for the sender's and recipient's countries,
  the parcel (same millimetres and grams) and ``request.currency`` (each EUR price converted once, as the
  checkout does), on today's date; only ``request.service`` when set. Refusals are ``CarrierError`` s:
  ``request_problems`` first (one list), then the engine's (unknown country → ``address_invalid``, parcel
  → ``parcel_invalid``, nothing carries it → ``service_unavailable``).
- ``buy_label``: the rate must be one ``rates`` offers for the request now (``rate_not_offered``); the label's
  price is the offer's. The tracking number is a UPU S10 identifier: service indicator = the service's
  letter (``E`` express, ``C`` tracked parcel, ``U`` postal economy) and the journey's (``A`` no customs,
  ``D`` customs DDP, ``P`` customs DAP); the serial is the first 8 decimal digits' worth of SHA-256 of
  (reference, service, purchase time), so the same inputs give the same number and two purchases collide
  only by chance (1 in 10^8 per pair of the same kind); the real S10 check digit; country ``XX`` (an ISO
  user-assigned code: no real post's numbers are imitated). The PDF is ``documents.label``'s, with a
  ``CUSTOMS DECLARATION CN22`` (CN23 above 300 SDR or 2 kg, postal services) or ``COMMERCIAL INVOICE``
  (express) note when the parcel crosses customs, and a notice that it is a demonstration label.
- ``track(number, since)``: ``since`` is the label's ``created_at``. The journey is read from the number's
  letters: accepted 12 carrier hours after purchase (until then the label can be voided), in transit, then
  for customs parcels exported, at customs and released; out for delivery; delivered. Steps after acceptance
  take twice as long for the tracked parcel and three times for postal economy, which (untracked) reports
  only acceptance, a customs hold and delivery. One DAP parcel in three (by the number's SHA-256) is held at
  customs for unpaid duty for a carrier day before release. Carrier hours pass ``speed`` times faster than
  real time (``CARRIER_CLOCK``, default 1440: a carrier day per real minute, so an express parcel from Japan
  to Germany is delivered about three minutes after its label is bought). Only events at or before ``now()``
  are returned. A number this carrier could not have issued raises ``tracking_unknown``.
- ``void_label``: allowed until the acceptance scan, else ``label_not_voidable`` (as for a label of another
  carrier). The carrier keeps no records: the caller stops tracking what it voided.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from marketplace.core import clock
from marketplace.core.i18n import N_
from marketplace.core.money import sum_money
from marketplace.crossborder import customs, fx, shipping
from marketplace.documents.label import ShippingLabel, render
from marketplace.integrations.carriers import s10
from marketplace.orders.carriers import (
    CarrierError,
    Incoterm,
    Label,
    Rate,
    ShipmentRequest,
    TrackingCode,
    TrackingEvent,
    request_problems,
)
from marketplace.orders.error_codes import CarrierErrorCode

NAME = "embedded"
DISPLAY_NAME = "Meridian embedded carrier"
COUNTRY = "XX"
DEFAULT_SPEED = 1440
NOTICE = "Meridian embedded carrier: a demonstration label, not valid for postage."
CN22_MAX_WEIGHT_G = 2000

SERVICE_LETTERS = {shipping.SERVICE_EXPRESS: "E", shipping.SERVICE_TRACKED_STANDARD: "C",
                   shipping.SERVICE_POSTAL_ECONOMY: "U"}
NO_CUSTOMS, CUSTOMS_DDP, CUSTOMS_DAP = "A", "D", "P"
PACE = {"E": 1, "C": 2, "U": 3}
"""How many times longer than express each step after acceptance takes."""

ACCEPTED_AFTER_H = 12
HOLD_H = 24
HELD_ONE_IN = 3

DESCRIPTIONS: dict[TrackingCode, str] = {  # shared with the EasyPost adapter (easypost_tracking.TEXT)
    TrackingCode.ACCEPTED: N_("Parcel accepted by the carrier"),
    TrackingCode.IN_TRANSIT: N_("In transit"),
    TrackingCode.EXPORTED: N_("Export cleared; left the country of origin"),
    TrackingCode.AT_CUSTOMS: N_("Arrived at customs in the destination country"),
    TrackingCode.HELD_AT_CUSTOMS: N_("Held at customs: import duty unpaid"),
    TrackingCode.RELEASED: N_("Released by customs"),
    TrackingCode.OUT_FOR_DELIVERY: N_("Out for delivery"),
    TrackingCode.DELIVERED: N_("Delivered"),
}
DUTY_PAID_RELEASE = N_("Import duty paid; released by customs")


def held_at_customs(tracking_number: str) -> bool:
    """Whether this DAP parcel is one of the deterministic share held for unpaid duty."""
    digest = hashlib.sha256(tracking_number.encode()).digest()
    return int.from_bytes(digest[:8], "big") % HELD_ONE_IN == 0


def journey(tracking_number: str) -> list[tuple[TrackingCode, int, str]]:
    """The steps of a parcel as (code, carrier hours after purchase, description); see the module contract."""
    service, route = tracking_number[0], tracking_number[1]
    pace = PACE[service]
    held = route == CUSTOMS_DAP and held_at_customs(tracking_number)
    steps: list[tuple[TrackingCode, int, str]] = [(TrackingCode.IN_TRANSIT, 4, "")]
    if route != NO_CUSTOMS:
        steps += [(TrackingCode.EXPORTED, 8, ""), (TrackingCode.AT_CUSTOMS, 12, "")]
        if held:
            steps += [(TrackingCode.HELD_AT_CUSTOMS, 1, ""), (TrackingCode.RELEASED, HOLD_H, DUTY_PAID_RELEASE)]
        else:
            steps.append((TrackingCode.RELEASED, 4, ""))
    steps += [(TrackingCode.OUT_FOR_DELIVERY, 8, ""), (TrackingCode.DELIVERED, 5, "")]
    hours = ACCEPTED_AFTER_H
    timeline = [(TrackingCode.ACCEPTED, hours, DESCRIPTIONS[TrackingCode.ACCEPTED])]
    for code, after, description in steps:
        hours += after * pace
        timeline.append((code, hours, description or DESCRIPTIONS[code]))
    if service == SERVICE_LETTERS[shipping.SERVICE_POSTAL_ECONOMY]:  # untracked: no routine scans
        quiet = {TrackingCode.IN_TRANSIT, TrackingCode.EXPORTED, TrackingCode.AT_CUSTOMS,
                 TrackingCode.OUT_FOR_DELIVERY}
        timeline = [step for step in timeline if step[0] not in quiet
                    and not (step[0] is TrackingCode.RELEASED and not held)]
    return timeline


def _serial(request: ShipmentRequest, service: str, at: datetime) -> int:
    digest = hashlib.sha256(f"{request.reference}|{service}|{at.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 10**8


def customs_form(request: ShipmentRequest, service: str, on: datetime,
                 provider: fx.RateProvider | None = None) -> str | None:
    """``CN22``/``CN23`` for postal services, ``INVOICE`` for express, ``None`` within one customs territory."""
    if not request.crosses_customs:
        return None
    if service == shipping.SERVICE_EXPRESS:
        return "INVOICE"
    total = sum_money([line.value for line in request.customs], request.customs[0].value.currency)
    small = (total <= customs.cn22_limit(total.currency, on.date(), provider)
             and request.parcel.weight_g <= CN22_MAX_WEIGHT_G)
    return "CN22" if small else "CN23"


@dataclass(frozen=True)
class EmbeddedCarrier:
    """See the module's contract. ``now`` and ``fx_provider`` are injectable for tests."""

    speed: int = DEFAULT_SPEED
    now: Callable[[], datetime] = clock.now
    fx_provider: fx.RateProvider | None = None
    name: str = NAME

    def __post_init__(self) -> None:
        if isinstance(self.speed, bool) or not isinstance(self.speed, int) or self.speed < 1:
            raise ValueError(f"the carrier clock's speed must be a whole number >= 1, got {self.speed!r}")

    def _after(self, since: datetime, carrier_hours: int) -> datetime:
        return since + timedelta(hours=carrier_hours) / self.speed

    def _refuse(self, error: shipping.ShippingError, request: ShipmentRequest) -> CarrierError:
        if error.code is shipping.ShippingErrorCode.UNKNOWN_COUNTRY:
            who = "sender" if request.sender.country not in shipping.origins() else "recipient"
            return CarrierError(N_("We cannot ship between these countries."), code=CarrierErrorCode.ADDRESS_INVALID,
                                field=f"{who}.country")
        if error.code is shipping.ShippingErrorCode.PARCEL:
            return CarrierError(N_("Check the parcel's weight and dimensions."),
                                code=CarrierErrorCode.PARCEL_INVALID, field="parcel")
        return CarrierError(N_("No service can carry this parcel: it is too heavy or too big."),
                            code=CarrierErrorCode.SERVICE_UNAVAILABLE, field="parcel")

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        problems = request_problems(request)
        if problems:
            raise CarrierError.of(problems)
        p = request.parcel
        try:
            options = shipping.rates(request.sender.country, request.recipient.country,
                                     shipping.Parcel(p.weight_g, p.length_mm, p.width_mm, p.height_mm),
                                     request.currency, self.now(), provider=self.fx_provider)
        except shipping.ShippingError as error:
            raise self._refuse(error, request) from error
        offers = [Rate(carrier=self.name, service=o.service, price=o.price, min_days=o.min_days,
                       max_days=o.max_days, tracked=o.tracked, name=o.name)
                  for o in options if request.service in (None, o.service)]
        if not offers:
            raise CarrierError(N_("The service chosen cannot carry this parcel; choose another."),
                               code=CarrierErrorCode.SERVICE_UNAVAILABLE, field="service")
        return offers

    def buy_label(self, request: ShipmentRequest, rate: Rate) -> Label:
        offer = next((o for o in self.rates(request) if rate.carrier == self.name and o.service == rate.service),
                     None)
        if offer is None:
            raise CarrierError(N_("This rate is not offered for this parcel; get the rates again."),
                               code=CarrierErrorCode.RATE_NOT_OFFERED, field="rate")
        bought = self.now()
        route = NO_CUSTOMS
        if request.crosses_customs:
            route = CUSTOMS_DAP if request.incoterm is Incoterm.DAP else CUSTOMS_DDP
        number = s10.identifier(SERVICE_LETTERS[offer.service] + route, _serial(request, offer.service, bought),
                                COUNTRY)
        form = customs_form(request, offer.service, bought, self.fx_provider)
        pdf = render(ShippingLabel(
            carrier=DISPLAY_NAME, service=offer.name or offer.service, tracking_number=number,
            sender=request.sender.lines(), recipient=request.recipient.lines(), weight_g=request.parcel.weight_g,
            reference=request.reference, customs_form=form, notice=NOTICE))
        return Label(carrier=self.name, service=offer.service, tracking_number=number, price=offer.price,
                     created_at=bought, pdf=pdf, customs_form=form)

    def void_label(self, label: Label) -> None:
        if label.carrier != self.name or not self._issued(label.tracking_number):
            raise CarrierError(N_("This carrier did not issue this label."), code=CarrierErrorCode.LABEL_NOT_VOIDABLE,
                               field="label")
        if self.now() >= self._after(label.created_at, ACCEPTED_AFTER_H):
            raise CarrierError(N_("The carrier already has this parcel; its label can no longer be voided."),
                               code=CarrierErrorCode.LABEL_NOT_VOIDABLE, field="label")

    def _issued(self, number: object) -> bool:
        return (isinstance(number, str) and s10.is_valid(number) and number.endswith(COUNTRY)
                and number[0] in PACE and number[1] in (NO_CUSTOMS, CUSTOMS_DDP, CUSTOMS_DAP))

    def track(self, tracking_number: str, since: datetime) -> list[TrackingEvent]:
        if not self._issued(tracking_number):
            raise CarrierError(N_("No parcel has this tracking number."), code=CarrierErrorCode.TRACKING_UNKNOWN,
                               field="tracking_number")
        now = self.now()
        events = [TrackingEvent(code, self._after(since, hours), description)
                  for code, hours, description in journey(tracking_number)]
        return [event for event in events if event.at <= now]


__all__ = ["DEFAULT_SPEED", "NAME", "EmbeddedCarrier", "customs_form", "held_at_customs", "journey"]

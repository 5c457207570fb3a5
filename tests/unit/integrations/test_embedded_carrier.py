"""The embedded carrier (integrations/carriers/embedded.py): the engine's rates, S10 labels with the right
customs note, tracking that advances with an injected clock (the DAP customs hold, CARRIER_CLOCK scaling)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from marketplace.core.i18n import translate
from marketplace.core.money import Money
from marketplace.crossborder import shipping
from marketplace.integrations.carriers import embedded, s10
from marketplace.integrations.carriers.embedded import EmbeddedCarrier, held_at_customs
from marketplace.orders.carriers import (
    Address,
    Carrier,
    CarrierError,
    CustomsLine,
    Incoterm,
    Parcel,
    Rate,
    ShipmentRequest,
    TrackingCode,
)
from marketplace.orders.error_codes import CarrierErrorCode
from marketplace.present.problems import problem_text

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TOKYO = Address("Sakura Ceramics", ("1-2-3 Asakusa",), "Taito-ku", "111-0032", "JP", region="Tokyo")
BERLIN = Address("Jürgen Müller", ("Hauptstraße 5", "Hinterhaus"), "Berlin", "10115", "DE")
PARIS = Address("Claire Dubois", ("12 rue de Rivoli",), "Paris", "75001", "FR")
CUP = CustomsLine("Porcelain tea cup", "6911.10", "JP", 3, Money(4500, "EUR"), 900)
REQUEST = ShipmentRequest(sender=TOKYO, recipient=BERLIN, parcel=Parcel(250, 180, 109, 995), customs=(CUP,),
                          reference="VO-12", incoterm=Incoterm.DDP)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def carrier(at: datetime = T0, speed: int = 1440) -> tuple[EmbeddedCarrier, Clock]:
    clock = Clock(at)
    return EmbeddedCarrier(speed=speed, now=clock), clock


def test_it_is_a_carrier():
    assert isinstance(carrier()[0], Carrier)


@pytest.mark.parametrize("currency", ["EUR", "JPY", "USD"])
def test_rates_are_the_engines_for_the_same_parcel_and_currency(currency):
    rates = carrier()[0].rates(replace(REQUEST, currency=currency))
    engine = shipping.rates("JP", "DE", shipping.Parcel(995, 250, 180, 109), currency, T0)
    assert [(r.service, r.price, r.min_days, r.max_days, r.tracked, r.name) for r in rates] == \
           [(o.service, o.price, o.min_days, o.max_days, o.tracked, o.name) for o in engine]
    assert {r.carrier for r in rates} == {"embedded"} and rates[0].price.currency == currency


def test_the_service_asked_for_filters_the_rates_and_an_impossible_one_is_refused():
    c = carrier()[0]
    assert [r.service for r in c.rates(replace(REQUEST, service="express"))] == ["express"]
    heavy = replace(REQUEST, parcel=Parcel(250, 180, 109, 5000), service="postal_economy")  # economy: 2 kg
    with pytest.raises(CarrierError) as refused:
        c.rates(heavy)
    assert refused.value.code is CarrierErrorCode.SERVICE_UNAVAILABLE and refused.value.field == "service"
    with pytest.raises(CarrierError) as too_heavy:
        c.rates(replace(REQUEST, parcel=Parcel(250, 180, 109, 40000)))
    assert too_heavy.value.code is CarrierErrorCode.SERVICE_UNAVAILABLE


def test_every_wrong_input_is_listed_at_once():
    bad = replace(REQUEST, recipient=replace(BERLIN, city=" ", postal_code=""),
                  customs=(replace(CUP, hs_code="69", weight_g=0),))
    with pytest.raises(CarrierError) as refused:
        carrier()[0].rates(bad)
    fields = [(p.code, p.field) for p in refused.value.problems]
    assert fields == [(CarrierErrorCode.ADDRESS_INVALID, "recipient.city"),
                      (CarrierErrorCode.ADDRESS_INVALID, "recipient.postal_code"),
                      (CarrierErrorCode.CUSTOMS_INVALID, "customs.0.hs_code"),
                      (CarrierErrorCode.CUSTOMS_INVALID, "customs.0.weight_g")]
    assert refused.value.params == {"count": 4}


def test_a_country_the_tables_do_not_serve_names_the_address():
    with pytest.raises(CarrierError) as refused:
        carrier()[0].rates(replace(REQUEST, sender=replace(TOKYO, country="AQ", region="", postal_code="x")))
    assert (refused.value.code, refused.value.field) == (CarrierErrorCode.ADDRESS_INVALID, "sender.country")


def _pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_label_has_an_s10_number_that_names_service_and_journey_and_a_pdf_with_everything():
    c = carrier()[0]
    rate = c.rates(replace(REQUEST, service="tracked_standard"))[0]
    label = c.buy_label(REQUEST, rate)
    assert s10.is_valid(label.tracking_number)
    assert label.tracking_number.startswith("CD") and label.tracking_number.endswith("XX")
    assert (label.carrier, label.service, label.price, label.created_at) == ("embedded", "tracked_standard",
                                                                             rate.price, T0)
    assert label.customs_form == "CN22"  # 45 EUR and under 2 kg
    text = _pdf_text(label.pdf)
    for expected in (label.tracking_number, "Tracked standard parcel", "Weight: 0.995 kg", "Reference: VO-12",
                     *TOKYO.lines(), *BERLIN.lines(), "CUSTOMS DECLARATION CN22 attached"):
        assert expected in text, expected


def test_the_number_is_reproducible_and_differs_per_purchase():
    c, clock = carrier()
    rate = c.rates(REQUEST)[0]
    first = c.buy_label(REQUEST, rate).tracking_number
    assert c.buy_label(REQUEST, rate).tracking_number == first
    assert c.buy_label(replace(REQUEST, reference="VO-13"), rate).tracking_number != first
    clock.at += timedelta(microseconds=1)
    assert c.buy_label(REQUEST, rate).tracking_number != first


def test_the_customs_document_follows_value_weight_service_and_territory():
    c = carrier()[0]

    def form(request: ShipmentRequest, service: str) -> str | None:
        return c.buy_label(request, c.rates(replace(request, service=service))[0]).customs_form

    assert form(REQUEST, "tracked_standard") == "CN22"
    assert form(replace(REQUEST, customs=(replace(CUP, value=Money(90000, "EUR")),)), "tracked_standard") == "CN23"
    assert form(replace(REQUEST, parcel=Parcel(250, 180, 109, 2500)), "tracked_standard") == "CN23"
    assert form(REQUEST, "express") == "INVOICE"
    eu = replace(REQUEST, sender=BERLIN, recipient=PARIS, customs=())
    label = c.buy_label(eu, c.rates(eu)[0])
    assert label.customs_form is None and label.tracking_number[1] == "A"
    assert "CUSTOMS" not in _pdf_text(label.pdf) and "INVOICE" not in _pdf_text(label.pdf)


def test_a_rate_from_elsewhere_is_not_bought():
    c = carrier()[0]
    foreign = Rate("easypost", "express", Money(100, "EUR"), 1, 2, True)
    with pytest.raises(CarrierError) as refused:
        c.buy_label(REQUEST, foreign)
    assert refused.value.code is CarrierErrorCode.RATE_NOT_OFFERED
    economy = c.rates(replace(REQUEST, service="postal_economy"))[0]
    with pytest.raises(CarrierError):
        c.buy_label(replace(REQUEST, service="express"), economy)


def test_a_label_can_be_voided_until_the_carrier_accepts_the_parcel():
    c, clock = carrier(speed=60)  # acceptance 12 carrier hours = 12 real minutes after purchase
    label = c.buy_label(REQUEST, c.rates(REQUEST)[0])
    clock.at = T0 + timedelta(minutes=11, seconds=59)
    c.void_label(label)
    clock.at = T0 + timedelta(minutes=12)
    with pytest.raises(CarrierError) as refused:
        c.void_label(label)
    assert refused.value.code is CarrierErrorCode.LABEL_NOT_VOIDABLE
    with pytest.raises(CarrierError):
        c.void_label(replace(label, carrier="easypost"))


def _codes(events) -> list[TrackingCode]:  # noqa: ANN001
    return [event.code for event in events]


def _label(request: ShipmentRequest, service: str, speed: int = 1440):  # noqa: ANN202
    c, clock = carrier(speed=speed)
    return c, clock, c.buy_label(request, c.rates(replace(request, service=service))[0])


def test_tracking_advances_with_the_clock_and_ends_delivered():
    c, clock, label = _label(REQUEST, "express")
    assert c.track(label.tracking_number, label.created_at) == []
    clock.at = T0 + timedelta(seconds=30)  # 12 carrier hours at 1440x
    assert _codes(c.track(label.tracking_number, label.created_at)) == [TrackingCode.ACCEPTED]
    clock.at = T0 + timedelta(hours=1)
    events = c.track(label.tracking_number, label.created_at)
    assert _codes(events) == [TrackingCode.ACCEPTED, TrackingCode.IN_TRANSIT, TrackingCode.EXPORTED,
                              TrackingCode.AT_CUSTOMS, TrackingCode.RELEASED, TrackingCode.OUT_FOR_DELIVERY,
                              TrackingCode.DELIVERED]
    assert events[-1].at == T0 + timedelta(hours=53) / 1440  # about 2 minutes 13 seconds
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert events[-1].description == "Delivered" and not any(e.is_exception for e in events)


def test_within_one_customs_territory_there_are_no_customs_events():
    eu = replace(REQUEST, sender=BERLIN, recipient=PARIS, customs=())
    c, clock, label = _label(eu, "tracked_standard")
    clock.at = T0 + timedelta(days=1)
    assert _codes(c.track(label.tracking_number, label.created_at)) == [
        TrackingCode.ACCEPTED, TrackingCode.IN_TRANSIT, TrackingCode.OUT_FOR_DELIVERY, TrackingCode.DELIVERED]


def _numbers(route: str, count: int = 300) -> list[str]:
    return [s10.identifier("E" + route, serial, "XX") for serial in range(1000, 1000 + count)]


def test_one_dap_parcel_in_three_is_held_for_unpaid_duty_and_ddp_never():
    held = [n for n in _numbers("P") if held_at_customs(n)]
    assert 70 <= len(held) <= 130  # a third of 300, deterministic
    dap_codes = _codes(embedded.EmbeddedCarrier(now=lambda: T0 + timedelta(days=1)).track(held[0], T0))
    assert dap_codes == [TrackingCode.ACCEPTED, TrackingCode.IN_TRANSIT, TrackingCode.EXPORTED,
                         TrackingCode.AT_CUSTOMS, TrackingCode.HELD_AT_CUSTOMS, TrackingCode.RELEASED,
                         TrackingCode.OUT_FOR_DELIVERY, TrackingCode.DELIVERED]
    ddp = embedded.EmbeddedCarrier(now=lambda: T0 + timedelta(days=1))
    assert all(TrackingCode.HELD_AT_CUSTOMS not in _codes(ddp.track(n, T0)) for n in _numbers("D", 60))


def test_a_held_parcel_waits_a_carrier_day_and_says_why():
    c, clock, label = _label(replace(REQUEST, incoterm=Incoterm.DAP), "express", speed=1)
    number = label.tracking_number
    while not held_at_customs(number):  # another purchase time gives another number
        clock.at += timedelta(seconds=1)
        label = c.buy_label(replace(REQUEST, incoterm=Incoterm.DAP), c.rates(replace(REQUEST, service="express"))[0])
        number = label.tracking_number
    assert number.startswith("EP")
    clock.at = label.created_at + timedelta(hours=12 + 4 + 8 + 12 + 1)
    events = c.track(number, label.created_at)
    assert events[-1].code is TrackingCode.HELD_AT_CUSTOMS and events[-1].is_exception
    assert events[-1].description == "Held at customs: import duty unpaid"
    clock.at += timedelta(hours=23, minutes=59)
    assert c.track(number, label.created_at)[-1].code is TrackingCode.HELD_AT_CUSTOMS
    clock.at += timedelta(minutes=1)
    released = c.track(number, label.created_at)[-1]
    assert released.code is TrackingCode.RELEASED and released.description == "Import duty paid; released by customs"


def test_carrier_clock_scales_every_step():
    fast_c, fast_clock, fast = _label(REQUEST, "tracked_standard", speed=1440)
    slow_c, slow_clock, slow = _label(REQUEST, "tracked_standard", speed=60)
    fast_clock.at = slow_clock.at = T0 + timedelta(days=30)
    fast_times = [e.at - T0 for e in fast_c.track(fast.tracking_number, fast.created_at)]
    slow_times = [e.at - T0 for e in slow_c.track(slow.tracking_number, slow.created_at)]
    assert len(fast_times) == len(slow_times) == 7
    assert [t * 24 for t in fast_times] == slow_times
    assert slow_times[-1] == timedelta(hours=12 + 2 * (4 + 8 + 12 + 4 + 8 + 5)) / 60  # tracked: twice express


def test_postal_economy_reports_acceptance_and_delivery_only():
    c, clock, label = _label(REQUEST, "postal_economy")
    clock.at = T0 + timedelta(days=1)
    assert _codes(c.track(label.tracking_number, label.created_at)) == [TrackingCode.ACCEPTED,
                                                                         TrackingCode.DELIVERED]


@pytest.mark.parametrize("number", ["RR473124829GB", "EP000000005YY", "EQ000000005XX", "EP000000004XX", ""])
def test_a_number_it_did_not_issue_is_unknown(number):
    with pytest.raises(CarrierError) as refused:
        carrier()[0].track(number, T0)
    assert refused.value.code is CarrierErrorCode.TRACKING_UNKNOWN


def test_the_speed_must_be_a_whole_number_of_at_least_one():
    for speed in (0, -5, 1.5, True):
        with pytest.raises(ValueError):
            EmbeddedCarrier(speed=speed)  # type: ignore[arg-type]


def test_every_description_and_refusal_is_translated():
    numbers = [*_numbers("P", 9), *_numbers("A", 1)]
    descriptions = {d for n in numbers for _code, _hours, d in embedded.journey(n)}
    assert len(descriptions) == 9
    for message in descriptions:
        assert translate("de", message) != message, message
    with pytest.raises(CarrierError) as refused:
        carrier()[0].track("RR473124829GB", T0)
    assert problem_text("de", refused.value) == "Kein Paket hat diese Sendungsnummer."

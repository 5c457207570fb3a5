"""A parcel's timeline in words: the destination's local time, our carrier texts translated, the DAP note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from marketplace.core.money import Money
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.orders.tracking_view import TrackingEventView
from marketplace.present import tracking

AT = datetime(2026, 12, 2, 9, 5, tzinfo=UTC)


@pytest.mark.parametrize(("country", "zone"), [
    ("DE", "Europe/Berlin"), ("JP", "Asia/Tokyo"), ("US", "America/New_York"), ("AU", "Australia/Sydney"),
    ("BR", "America/Sao_Paulo"), ("ES", "Europe/Madrid"), ("gb", "Europe/London")])
def test_the_destination_s_main_zone(country, zone):
    assert str(tracking.main_zone(country)) == zone


@pytest.mark.parametrize("country", ["XX", "", None, "DEU"])
def test_an_unknown_destination_falls_back_to_utc(country):
    assert tracking.main_zone(country) is UTC


@pytest.mark.parametrize(("zone", "lang", "text"), [
    ("Europe/Berlin", "de", "02.12.2026, 10:05 CET"),
    ("Europe/Berlin", "en", "Dec 2, 2026, 10:05\u202fAM CET"),
    ("America/New_York", "en", "Dec 2, 2026, 4:05\u202fAM EST"),
    ("Asia/Tokyo", "de", "02.12.2026, 18:05 JST"),
])
def test_a_time_in_the_zone_with_its_abbreviation(zone, lang, text):
    assert tracking.local_time(AT, ZoneInfo(zone), lang).replace(" AM", "\u202fAM") == text  # CLDR's narrow space


def test_summer_time_is_followed():
    assert tracking.local_time(datetime(2026, 7, 1, 9, 5, tzinfo=UTC), ZoneInfo("Europe/Berlin"), "de") \
        == "01.07.2026, 11:05 CEST"


def test_our_carrier_texts_are_translated_and_a_carrier_s_own_words_kept():
    assert tracking.event_text("de", "customs", "Arrived at customs in the destination country") \
        == "Beim Zoll im Zielland eingetroffen"
    assert tracking.event_text("de", "in_transit", "Departed Narita sort facility") == "Departed Narita sort facility"
    assert tracking.event_text("de", "delivered", "") == "Zugestellt"
    assert tracking.event_text("en", "held_at_customs", "  ") == "Held at customs"


def _event(code: str, hours: int, description: str = "", location: str = "") -> TrackingEventView:
    return TrackingEventView(code=code, at=AT + timedelta(hours=hours), description=description, location=location)


def test_the_newest_customs_step_of_a_dap_parcel_says_what_is_due_at_the_door():
    events = [_event("out_for_delivery", 30), _event("customs", 20, location="Frankfurt"),
              _event("held_at_customs", 10), _event("accepted", 0)]
    steps = tracking.timeline("en", events, "DE", Money(2318, "EUR"))
    assert [s.note != "" for s in steps] == [False, True, False, False]
    assert "€23.18" in steps[1].note and "at the door" in steps[1].note
    assert [s.tone for s in steps] == ["latest", "done", "problem", "done"]
    assert steps[1].location == "Frankfurt" and steps[1].when.endswith("CET")


def test_no_customs_note_before_customs_nor_on_ddp():
    before = tracking.timeline("en", [_event("in_transit", 5), _event("accepted", 0)], "DE", Money(2318, "EUR"))
    ddp = tracking.timeline("en", [_event("customs", 5)], "DE", None)
    zero = tracking.timeline("en", [_event("customs", 5)], "DE", Money(0, "EUR"))
    assert not any(s.note for s in [*before, *ddp, *zero])


def test_the_customs_note_in_german_with_german_money():
    steps = tracking.timeline("de", [_event("customs", 5)], "DE", Money(2318, "EUR"))
    assert "23,18\xa0€" in steps[0].note and "Einfuhrabgaben" in steps[0].note


def test_delivery_is_green():
    assert tracking.timeline("en", [_event("delivered", 9)], "DE")[0].tone == "delivered"


def test_a_parcel_names_its_carrier_and_service_for_people():
    assert parcel_carrier("en", "embedded", "express") == "Meridian Post · Express courier"
    assert parcel_carrier("de", "embedded", "tracked_standard") == "Meridian Post · Standardpaket mit Sendungsverfolgung"
    assert parcel_carrier("en", "DHL", "worldwide") == "DHL · worldwide"  # a code we do not know, as it is

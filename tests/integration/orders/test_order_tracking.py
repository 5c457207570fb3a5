"""Carrier tracking on a shipped parcel, on SQLite and PostgreSQL: events recorded once however often they
are reported, the parcel's status following the latest, customs and delivery e-mails in German, delivery
making the vendor's share available after the hold, and orders completing after the return window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace import jobs
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.models import Shipment, ShipmentEvent
from marketplace.orders import fulfilment
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_package import Package
from marketplace.orders.fulfilment_tracking import (
    RETURN_WINDOW_DAYS,
    TrackingUpdate,
    apply_tracking,
    complete_due,
    shipment_by_tracking,
)
from marketplace.payments import ledger
from tests.integration.orders.fulfilment_world import events, ledger_sum, mails, order, placed_order


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine)


def _labelled(engine, world) -> int:
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800)).id
        fulfilment.record_label(session, world.seller, shipment_id, carrier="Embedded Post", service="Standard",
                                tracking_number="MRD0001", label_path="labels/x.pdf", customs_form="CN22",
                                cost=Money(1800, "JPY"))
    return shipment_id


def _shipped(engine, world) -> int:
    shipment_id = _labelled(engine, world)
    with immediate_scope(engine) as session:
        fulfilment.hand_over(session, world.seller, shipment_id)
    return shipment_id


def _track(engine, shipment_id, *updates) -> int:
    with immediate_scope(engine) as session:
        shipment = session.get(Shipment, shipment_id)
        if shipment.tracking_number:  # a carrier's report names the parcel by its tracking number
            assert shipment_by_tracking(session, shipment.tracking_number).id == shipment_id
        return apply_tracking(session, shipment, list(updates))


def _status(engine, shipment_id) -> str:
    with Session(engine) as session:
        return session.get(Shipment, shipment_id).status


T0 = clock.now().replace(microsecond=0) - timedelta(days=2)


def _at(hours: int):
    return T0 + timedelta(hours=hours)


def test_an_event_reported_twice_is_recorded_once(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    accepted = TrackingUpdate("accepted", _at(1), "Accepted at Tokyo", "Tokyo")
    assert _track(db_engine, shipment_id, accepted, accepted) == 1
    assert _track(db_engine, shipment_id, accepted, TrackingUpdate("export", _at(5), "Left Japan", "Narita")) == 1
    assert _track(db_engine, shipment_id, accepted) == 0
    with Session(db_engine) as session:
        rows = session.exec(select(ShipmentEvent).where(ShipmentEvent.shipment_id == shipment_id)
                            .order_by(ShipmentEvent.at)).all()
        assert [(r.code, r.location) for r in rows] == [("accepted", "Tokyo"), ("export", "Narita")]
    assert _status(db_engine, shipment_id) == "in_transit"


def test_held_at_customs_then_released_follows_the_latest_event_and_mails_once(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    held = TrackingUpdate("held_at_customs", _at(30), "Duty unpaid", "Frankfurt")
    _track(db_engine, shipment_id, TrackingUpdate("customs", _at(28), "Customs", "Frankfurt"), held)
    assert _status(db_engine, shipment_id) == "exception"
    _track(db_engine, shipment_id, held)  # reported again: no second e-mail
    customs_mails = [m for m in mails(db_engine, world.shopper.email) if "Zoll" in m["subject"]]
    assert len(customs_mails) == 1 and "Duty unpaid" in customs_mails[0]["body"]
    assert customs_mails[0]["lang"] == "de"
    _track(db_engine, shipment_id, TrackingUpdate("out_for_delivery", _at(40), "With the courier", "Berlin"))
    assert _status(db_engine, shipment_id) == "out_for_delivery"
    assert "in Zustellung" in mails(db_engine, world.shopper.email)[-1]["subject"]


def test_delivery_delivers_the_order_and_makes_the_vendors_share_available_after_the_hold(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    earned = ledger_sum(db_engine, world.vendor_id)
    with Session(db_engine) as session:
        assert ledger.balances(session, world.vendor_id).available.minor == 0
    delivered_at = _at(48)
    _track(db_engine, shipment_id, TrackingUpdate("delivered", delivered_at, "Delivered", "Berlin"),
           TrackingUpdate("out_for_delivery", _at(40), "With the courier", "Berlin"))
    vendor_order = order(db_engine, world.order_id)
    assert vendor_order.status == "delivered"
    assert events(db_engine, world.order_id, "status")[-1] == ("status", "shipped", "delivered", None)
    with Session(db_engine) as session:
        row = session.get(Shipment, shipment_id)
        assert row.status == "delivered" and clock.as_utc(row.delivered_at) == delivered_at
        before = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=ledger.DEFAULT_HOLD_DAYS - 1))
        after = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=ledger.DEFAULT_HOLD_DAYS))
    assert (before.available.minor, before.pending.minor) == (0, earned)
    assert (after.available.minor, after.pending.minor) == (earned, 0)
    subjects = [m["subject"] for m in mails(db_engine, world.shopper.email)]
    assert subjects[-2:] == [f"Ihre Bestellung {vendor_order.number} ist in Zustellung",
                             f"Ihre Bestellung {vendor_order.number} wurde zugestellt"]

    # a late in-transit scan changes nothing, a repeated delivery neither
    _track(db_engine, shipment_id, TrackingUpdate("in_transit", _at(20), "Hub", "Leipzig"),
           TrackingUpdate("delivered", delivered_at, "Delivered", "Berlin"))
    assert _status(db_engine, shipment_id) == "delivered"
    assert len(mails(db_engine, world.shopper.email)) == len(subjects)


def test_a_carrier_scan_before_hand_over_ships_the_order(db_engine, world):
    shipment_id = _labelled(db_engine, world)
    _track(db_engine, shipment_id, TrackingUpdate("accepted", _at(1), "Accepted", "Tokyo"))
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.fulfilment_status) == ("shipped", "fulfilled")
    assert events(db_engine, world.order_id, "status")[-1] == ("status", "processing", "shipped", None)
    assert "MRD0001" in mails(db_engine, world.shopper.email)[-1]["body"]


@pytest.mark.parametrize("update, field", [
    (TrackingUpdate("teleported", _at(1)), "code"),
    (TrackingUpdate("accepted", _at(1).replace(tzinfo=None)), "at"),
    (TrackingUpdate("accepted", _at(1), "x" * 301), "description"),
    (("accepted", _at(1)), "events"),
])
def test_malformed_updates_are_refused_before_anything_is_written(db_engine, world, update, field):
    shipment_id = _shipped(db_engine, world)
    with pytest.raises(ValidationError) as raised:
        _track(db_engine, shipment_id, TrackingUpdate("accepted", _at(1)), update)
    assert (raised.value.code, raised.value.field) == (OrderErrorCode.TRACKING_INVALID, field)
    with Session(db_engine) as session:
        assert session.exec(select(ShipmentEvent)).all() == []


def test_tracking_a_parcel_without_a_label_is_refused(db_engine, world):
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800)).id
    with pytest.raises(ValidationError) as raised:
        _track(db_engine, shipment_id, TrackingUpdate("accepted", _at(1)))
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE


def test_orders_complete_after_the_return_window_through_housekeeping(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    _track(db_engine, shipment_id, TrackingUpdate("delivered", _at(48), "Delivered", "Berlin"))
    delivered = events(db_engine, world.order_id, "status")
    now = clock.now()
    assert complete_due(db_engine, now + timedelta(days=RETURN_WINDOW_DAYS - 1)) == 0
    assert order(db_engine, world.order_id).status == "delivered"
    with clock.frozen(now + timedelta(days=RETURN_WINDOW_DAYS, minutes=1)):
        assert jobs.complete_delivered in jobs.HOUSEKEEPING
        assert jobs.complete_delivered(db_engine).startswith("completed 1 order(s)")
        assert complete_due(db_engine) == 0  # done once
    assert order(db_engine, world.order_id).status == "completed"
    assert events(db_engine, world.order_id, "status") == [*delivered, ("status", "delivered", "completed", None)]


def test_the_payout_hold_after_delivery_is_the_operators_setting(db_engine, world, monkeypatch):
    monkeypatch.setenv("PAYOUT_HOLD_DAYS", "2")
    get_settings.cache_clear()
    try:
        shipment_id = _shipped(db_engine, world)
        earned = ledger_sum(db_engine, world.vendor_id)
        delivered_at = _at(48)
        _track(db_engine, shipment_id, TrackingUpdate("delivered", delivered_at, "Delivered", "Berlin"))
    finally:
        monkeypatch.delenv("PAYOUT_HOLD_DAYS")
        get_settings.cache_clear()
    with Session(db_engine) as session:
        before = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=2, seconds=-1))
        after = ledger.balances(session, world.vendor_id, delivered_at + timedelta(days=2))
    assert (before.available.minor, after.available.minor) == (0, earned)

"""Every carrier scan maps to a tracking update the fulfilment accepts, with the shipment status it implies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.orders.carriers import TrackingCode as Scan
from marketplace.orders.carriers import TrackingEvent
from marketplace.orders.fulfilment_tracking import STATUS_OF
from marketplace.orders.tracking_sweep import to_update

AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("scan, code, status", [
    (Scan.ACCEPTED, "accepted", "in_transit"),
    (Scan.IN_TRANSIT, "in_transit", "in_transit"),
    (Scan.EXPORTED, "export", "in_transit"),
    (Scan.AT_CUSTOMS, "customs", "in_transit"),
    (Scan.HELD_AT_CUSTOMS, "held_at_customs", "exception"),
    (Scan.RELEASED, "customs", "in_transit"),
    (Scan.OUT_FOR_DELIVERY, "out_for_delivery", "out_for_delivery"),
    (Scan.AVAILABLE_FOR_PICKUP, "out_for_delivery", "out_for_delivery"),
    (Scan.DELIVERED, "delivered", "delivered"),
    (Scan.DELIVERY_FAILED, "exception", "exception"),
    (Scan.RETURN_TO_SENDER, "exception", "exception"),
])
def test_each_scan_becomes_an_update(scan, code, status):
    update = to_update(TrackingEvent(scan, AT, "Released by customs", "Frankfurt"))
    assert (update.code, update.at, update.description, update.location) == (code, AT, "Released by customs",
                                                                              "Frankfurt")
    assert STATUS_OF[update.code] == status


def test_every_scan_is_mapped_and_long_text_is_cut_to_the_columns():
    assert {to_update(TrackingEvent(scan, AT, "")).code for scan in Scan} <= set(STATUS_OF)
    update = to_update(TrackingEvent(Scan.IN_TRANSIT, AT, "d" * 400, "l" * 200))
    assert (len(update.description), len(update.location)) == (300, 120)

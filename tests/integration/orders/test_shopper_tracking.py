"""What the shopper sees after paying, on SQLite and PostgreSQL: each parcel's carrier events (newest first) on
their order, the DAP charges due at the door, the public tracking page behind a signed link (and nothing behind a
forged one), the link in the shipped e-mail, and the shopper's own cancellation request with its answer."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotFound, PermissionDenied
from marketplace.core.money import Money
from marketplace.models import OrderEvent, OrderGroup, Shipment, VendorOrder, money_of
from marketplace.orders import fulfilment, history, tracking_links, tracking_view
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_cancel import approve_cancel, decline_cancel, request_cancel
from marketplace.orders.fulfilment_package import Package
from marketplace.orders.fulfilment_tracking import TrackingUpdate, apply_tracking
from marketplace.orders.status import TransitionError
from marketplace.present.tracking import timeline
from tests.integration.orders.fulfilment_world import mails, order, placed_order


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine)


def _number(engine, world) -> str:
    with Session(engine) as session:
        return session.get(OrderGroup, order(engine, world.order_id).group_id).number


def _shipped(engine, world, tracking_number: str = "MRD0001") -> int:
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800)).id
        fulfilment.record_label(session, world.seller, shipment_id, carrier="Embedded Post", service="Standard",
                                tracking_number=tracking_number, label_path="labels/x.pdf", customs_form="CN22",
                                cost=Money(1800, "JPY"))
        fulfilment.hand_over(session, world.seller, shipment_id)
    return shipment_id


def _track(engine, shipment_id, *updates) -> None:
    with immediate_scope(engine) as session:
        apply_tracking(session, session.get(Shipment, shipment_id), list(updates))


def _as_dap(engine, order_id) -> Money:
    """The order as if its import charges had been left for delivery; returns the frozen charges."""
    with immediate_scope(engine) as session:
        row = session.get(VendorOrder, order_id)
        row.incoterm = "DAP"
        session.add(row)
        return money_of(row, "total") - money_of(row, "goods") - money_of(row, "shipping")


def _my_order(engine, world, user_id=None) -> history.OrderDetail:
    with Session(engine) as session:
        return history.my_order(session, user_id or world.shopper.user_id, _number(engine, world))


# --------------------------------------------------------------------------------------------- the timeline

def test_the_shopper_s_order_shows_each_parcel_s_events_newest_first(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    start = clock.now() - timedelta(days=2)
    _track(db_engine, shipment_id,
           TrackingUpdate("accepted", start, "Parcel accepted by the carrier", "Kyoto"),
           TrackingUpdate("customs", start + timedelta(hours=20), "Arrived at customs in the destination country",
                          "Frankfurt"),
           TrackingUpdate("export", start + timedelta(hours=8), "", "Osaka"))

    parcel = _my_order(db_engine, world).vendor_orders[0].shipments[0]

    assert (parcel.id, parcel.carrier, parcel.service, parcel.tracking_number) == \
           (shipment_id, "Embedded Post", "Standard", "MRD0001")
    assert [(e.code, e.location) for e in parcel.events] == \
           [("customs", "Frankfurt"), ("export", "Osaka"), ("accepted", "Kyoto")]
    assert all(e.at.tzinfo is not None for e in parcel.events)


def test_a_dap_order_states_the_frozen_charges_on_its_customs_step(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    due = _as_dap(db_engine, world.order_id)
    _track(db_engine, shipment_id, TrackingUpdate("accepted", clock.now() - timedelta(hours=9)),
           TrackingUpdate("held_at_customs", clock.now() - timedelta(hours=1), "Held at customs: import duty unpaid"))

    vendor_order = _my_order(db_engine, world).vendor_orders[0]
    steps = timeline("de", vendor_order.shipments[0].events, "DE", vendor_order.on_delivery)

    assert due.minor > 0 and vendor_order.on_delivery == due
    assert steps[0].title == "Vom Zoll zurückgehalten: Einfuhrabgaben nicht bezahlt"
    assert steps[0].note and steps[0].tone == "problem" and not steps[1].note


def test_a_ddp_order_owes_nothing_at_the_door(db_engine, world):
    _shipped(db_engine, world)
    assert _my_order(db_engine, world).vendor_orders[0].on_delivery is None


# --------------------------------------------------------------------------------------------- the public page

def test_the_signed_link_shows_the_parcel_and_nothing_private(db_engine, world):
    shipment_id = _shipped(db_engine, world, "MRD0042")
    _track(db_engine, shipment_id, TrackingUpdate("accepted", clock.now() - timedelta(hours=3), "", "Kyoto"))

    with Session(db_engine) as session:
        parcel = tracking_view.public_parcel(session, tracking_links.sign(shipment_id))

    assert (parcel.tracking_number, parcel.ship_to_country, parcel.vendor_country, parcel.status) == \
           ("MRD0042", "DE", "JP", "in_transit")
    assert [e.code for e in parcel.events] == ["accepted"]
    assert not {"email", "delivery_address", "name", "lines"} & set(vars(parcel))


def test_a_forged_or_unknown_link_finds_nothing(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    genuine = tracking_links.sign(shipment_id)
    forged = [f"{shipment_id + 1}.{genuine.split('.')[1]}", genuine[:-2] + "AA", tracking_links.sign(999_999),
              str(shipment_id), "", None]
    with Session(db_engine) as session:
        for token in forged:
            with pytest.raises(NotFound) as refused:
                tracking_view.public_parcel(session, token)
            assert refused.value.code == OrderErrorCode.TRACKING_LINK_INVALID


def test_a_parcel_without_a_label_has_no_public_page(db_engine, world):
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800)).id
    with Session(db_engine) as session, pytest.raises(NotFound):
        tracking_view.public_parcel(session, tracking_links.sign(shipment_id))


def test_the_shipped_e_mail_links_to_the_parcel_s_public_page(db_engine, world):
    shipment_id = _shipped(db_engine, world)
    with Session(db_engine) as session:
        email = session.get(OrderGroup, order(db_engine, world.order_id).group_id).email
    shipped = [m for m in mails(db_engine, email) if "MRD0001" in m["body"]][0]
    link = re.search(r"https?://\S+/track/(\S+)", shipped["body"])
    assert "Verfolgen Sie Ihr Paket hier" in shipped["body"]  # the shopper's language (de)
    assert "Versanddienst: Embedded Post · Standard. Sendungsnummer: MRD0001" in shipped["body"]
    assert link and tracking_links.verify(link.group(1)) == shipment_id


# --------------------------------------------------------------------------------------------- cancellation

def _cancel_events(engine, order_id) -> list[OrderEvent]:
    with Session(engine) as session:
        return session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id == order_id,
                                                     OrderEvent.kind == "cancel")).all()


def test_the_owner_asks_to_cancel_and_sees_the_request_then_the_refund(db_engine, world):
    assert _my_order(db_engine, world).vendor_orders[0].cancel.can_request

    with immediate_scope(db_engine) as session:
        request_cancel(session, world.shopper, world.order_id, "I changed my mind: ordered twice")
    asked = _my_order(db_engine, world).vendor_orders[0].cancel
    assert (asked.state, asked.reason, asked.can_request, asked.refunded) == \
           ("requested", "I changed my mind: ordered twice", False, None)

    approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    done = _my_order(db_engine, world).vendor_orders[0]
    assert (done.status, done.cancel.state, done.cancel.reason) == \
           ("canceled", "approved", "I changed my mind: ordered twice")
    assert done.cancel.refunded == done.total


def test_a_declined_request_shows_the_seller_s_reason_and_the_shopper_may_ask_again(db_engine, world):
    with immediate_scope(db_engine) as session:
        request_cancel(session, world.shopper, world.order_id, "Another reason: wrong colour")
        decline_cancel(session, world.seller, world.order_id, "Already packed and sealed")
    cancel = _my_order(db_engine, world).vendor_orders[0].cancel
    assert (cancel.state, cancel.reason, cancel.can_request) == ("declined", "Already packed and sealed", True)


def test_another_shopper_cannot_ask_to_cancel_nor_see_the_order(db_engine, world):
    with immediate_scope(db_engine) as session, pytest.raises(PermissionDenied) as refused:
        request_cancel(session, world.other_shopper, world.order_id, "I changed my mind")
    assert refused.value.code == OrderErrorCode.NOT_YOUR_ORDER
    assert _cancel_events(db_engine, world.order_id) == []
    with pytest.raises(NotFound):
        _my_order(db_engine, world, user_id=world.other_shopper.user_id)


def test_a_shipped_order_can_no_longer_be_canceled(db_engine, world):
    _shipped(db_engine, world)
    assert not _my_order(db_engine, world).vendor_orders[0].cancel.can_request
    with immediate_scope(db_engine) as session, pytest.raises(TransitionError):
        request_cancel(session, world.shopper, world.order_id, "I changed my mind")
    assert _cancel_events(db_engine, world.order_id) == []

"""The seller's order screens' reads, on SQLite and PostgreSQL: the list holds only the caller's own vendor's
paid orders, newest first, filtered by step; one order is read by its number by its own seller or staff and
by nobody else (the same "not found" as a number that does not exist); a shopper's cancellation request is
flagged and e-mailed to the vendor's people; canceling after a label was bought voids it at the carrier."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import Shipment, User, VendorOrder
from marketplace.orders import fulfilment, label_void, labels, seller_orders
from marketplace.orders.carriers import CarrierError
from marketplace.orders.error_codes import CarrierErrorCode, OrderErrorCode
from marketplace.orders.fulfilment_cancel import approve_cancel, request_cancel
from marketplace.orders.fulfilment_package import Package
from tests.integration.orders.fulfilment_world import events, mails, order, placed_order

BERLIN = PostalAddress(country="DE", name="Erika Mustermann", street_address="Hauptstraße 5", city="Berlin",
                       postal_code="10115")
BOX = Package(length_mm=300, width_mm=200, height_mm=120, weight_g=800)


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine, address=BERLIN)


def _number(engine, order_id) -> str:
    return order(engine, order_id).number


def _list(engine, who, step="all"):
    with Session(engine) as session:
        return seller_orders.seller_orders(session, who, step)


def _steps(engine, who) -> dict[str, list[str]]:
    return {step: [row.number for row in _list(engine, who, step).rows] for step in seller_orders.STEPS}


def test_the_seller_sees_their_paid_order_with_its_destination_items_and_goods_value(db_engine, world):
    rows = _list(db_engine, world.seller).rows
    assert [row.number for row in rows] == [_number(db_engine, world.order_id)]
    row = rows[0]
    assert (row.country, row.items, row.status, row.payment_status) == ("DE", 2, "placed", "paid")
    assert row.goods.currency == "JPY" and row.goods.minor == 2 * 3200  # the vendor's own price, not the shopper's
    assert not row.cancel_requested


def test_another_vendors_seller_sees_none_of_it_and_shoppers_and_staff_cannot_list(db_engine, world):
    assert _list(db_engine, world.other_seller).rows == ()
    with pytest.raises(PermissionDenied):
        _list(db_engine, world.shopper)
    with pytest.raises(PermissionDenied):
        _list(db_engine, world.staff)
    with pytest.raises(NotAuthenticated):
        _list(db_engine, None)


def test_the_steps_follow_the_order_through_accept_pack_label_and_hand_over(db_engine, world, tmp_path):
    number = _number(db_engine, world.order_id)
    assert [s for s, found in _steps(db_engine, world.seller).items() if found] == ["all", "to_accept"]
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, BOX).id
    assert [s for s, found in _steps(db_engine, world.seller).items() if found] == ["all", "to_pack"]
    with immediate_scope(db_engine) as session:
        labels.buy_label(session, world.seller, world.order_id, carrier_for(get_settings()),
                         FileStore(tmp_path / "docs"))
    assert _steps(db_engine, world.seller)["to_ship"] == [number]
    assert _steps(db_engine, world.seller)["to_pack"] == []
    with immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, shipment_id)
    assert [s for s, found in _steps(db_engine, world.seller).items() if found] == ["all", "shipped"]


def test_newest_first_and_unpaid_orders_are_left_out(db_engine, world):
    second = placed_order(db_engine, address=BERLIN)  # another vendor: move its order to ours, a day later, then unpaid
    with immediate_scope(db_engine) as session:
        newer = session.get(VendorOrder, second.order_id)
        first = session.get(VendorOrder, world.order_id)
        newer.vendor_id, newer.created_at = first.vendor_id, clock.as_utc(first.created_at) + timedelta(days=1)
        session.add(newer)
    numbers = [row.number for row in _list(db_engine, world.seller).rows]
    assert numbers == [_number(db_engine, second.order_id), _number(db_engine, world.order_id)]
    with immediate_scope(db_engine) as session:
        newer = session.get(VendorOrder, second.order_id)
        newer.payment_status = "pending"
        session.add(newer)
    assert [row.number for row in _list(db_engine, world.seller).rows] == [_number(db_engine, world.order_id)]


@pytest.mark.parametrize("step", ["shipped ", "", None, 3, "'; drop table vendor_orders; --"])
def test_an_unknown_step_is_refused(db_engine, world, step):
    with pytest.raises(ValidationError) as raised:
        _list(db_engine, world.seller, step)
    assert raised.value.field == "step"


def test_one_order_for_its_seller_and_staff_and_not_found_for_everyone_else(db_engine, world):
    number = _number(db_engine, world.order_id)
    with Session(db_engine) as session:
        mine = seller_orders.seller_order(session, world.seller, number)
        assert seller_orders.seller_order(session, world.staff, number).id == world.order_id
        for who in (world.other_seller, world.shopper, world.other_shopper):
            with pytest.raises((NotFound, PermissionDenied)) as raised:
                seller_orders.seller_order(session, who, number)
            assert raised.value.code in (OrderErrorCode.ORDER_NOT_FOUND, "role_not_allowed")
        with pytest.raises(NotFound) as other:
            seller_orders.seller_order(session, world.other_seller, number)
        with pytest.raises(NotFound) as missing:
            seller_orders.seller_order(session, world.other_seller, "MRD-NOPE-1")
        assert other.value.problem == missing.value.problem  # no existence leak
        with pytest.raises(NotAuthenticated):
            seller_orders.seller_order(session, None, number)
    assert (mine.status, mine.incoterm, mine.ship_to.country) == ("placed", "DDP", "DE")
    assert mine.service and mine.parcel is None and mine.cancel_reason is None
    assert [(line.quantity, line.unit_price.minor, line.origin) for line in mine.lines] == [(2, 3200, "JP")]
    assert mine.lines[0].hs_code and mine.goods.minor == 6400
    assert mine.ship_from.street_address and mine.proposed_package.weight_g > 0
    assert ("payment", "pending", "paid") in [(e.kind, e.from_status, e.to_status) for e in mine.events]


def test_a_cancel_request_is_flagged_and_e_mailed_to_the_vendors_people(db_engine, world):
    with immediate_scope(db_engine) as session:
        request_cancel(session, world.shopper, world.order_id, "Bought it twice")
    assert _list(db_engine, world.seller).rows[0].cancel_requested
    with Session(db_engine) as session:
        assert seller_orders.seller_order(session, world.seller, _number(db_engine, world.order_id)
                                          ).cancel_reason == "Bought it twice"
        seller = session.get(User, world.seller.user_id)
    sent = mails(db_engine, seller.email) or []
    everything = [m for m in _all_mails(db_engine) if m["to"] == seller.email
                  and "Low stock" not in m["subject"]]  # the sale also left the variant low: its own e-mail
    assert len(everything) == 1 and not sent[1:]
    assert "Bought it twice" in everything[0]["body"]
    assert _number(db_engine, world.order_id) in everything[0]["subject"]
    assert f"/seller/orders/{_number(db_engine, world.order_id)}" in everything[0]["body"]


def _all_mails(engine):
    from marketplace.models import OutboxMessage  # noqa: PLC0415

    with Session(engine) as session:
        return [row.payload for row in session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email"))]


def _labelled(engine, world, tmp_path) -> int:
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, BOX).id
    with immediate_scope(engine) as session:
        labels.buy_label(session, world.seller, world.order_id, carrier_for(get_settings()),
                         FileStore(tmp_path / "docs"))
    with immediate_scope(engine) as session:
        request_cancel(session, world.shopper, world.order_id, "Found it cheaper")
    return shipment_id


def test_canceling_after_the_label_was_bought_voids_it_at_the_carrier(db_engine, world, tmp_path):
    shipment_id = _labelled(db_engine, world, tmp_path)
    approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway, carrier=carrier_for(get_settings()))
    assert order(db_engine, world.order_id).status == "canceled"
    with Session(db_engine) as session:
        assert session.get(Shipment, shipment_id).status == label_void.VOIDED == "voided"
    assert ("shipment", "label_created", "voided", world.seller.user_id) in events(db_engine, world.order_id)


def test_a_label_the_carrier_already_has_cannot_be_voided_and_nothing_is_canceled(db_engine, world, tmp_path):
    shipment_id = _labelled(db_engine, world, tmp_path)
    with clock.frozen(clock.now() + timedelta(days=3)), pytest.raises(CarrierError) as raised:
        approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway,
                       carrier=carrier_for(get_settings()))
    assert raised.value.code == CarrierErrorCode.LABEL_NOT_VOIDABLE
    assert order(db_engine, world.order_id).status == "processing"
    with Session(db_engine) as session:
        assert session.get(Shipment, shipment_id).status == "label_created"


def test_without_a_carrier_a_bought_label_blocks_the_cancellation(db_engine, world, tmp_path):
    _labelled(db_engine, world, tmp_path)
    with pytest.raises(ValidationError) as raised:
        approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE
    assert order(db_engine, world.order_id).status == "processing"


class _DownGateway:
    """The embedded gateway, down for refunds."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def refund(self, *args, **kwargs):
        from marketplace.payments.gateway import GatewayError  # noqa: PLC0415

        raise GatewayError("provider down")

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_rejection_whose_refund_failed_is_retried_as_a_rejection(db_engine, world):
    from marketplace.pages.seller.order import _how_canceled  # noqa: PLC0415 - the page's retry reads this
    from marketplace.payments.gateway import GatewayError  # noqa: PLC0415

    with pytest.raises(GatewayError):
        fulfilment.reject(db_engine, world.seller, world.order_id, "Broken in the kiln",
                          gateway=_DownGateway(world.gateway))
    stuck = order(db_engine, world.order_id)
    assert (stuck.status, stuck.payment_status) == ("canceled", "paid")  # canceled, refund owed
    assert _how_canceled(db_engine, world.order_id) == ("reject", "Broken in the kiln")
    fulfilment.reject(db_engine, world.seller, world.order_id, "Broken in the kiln", gateway=world.gateway)
    assert order(db_engine, world.order_id).payment_status == "refunded"

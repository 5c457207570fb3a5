"""The seller's moves on a paid order, on SQLite and PostgreSQL: accept, reject (refunded in full), pack,
record the label, hand over; each an order event with its actor; wrong callers and wrong states refused;
the German shopper e-mailed in German."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.models import Refund, Shipment, VendorOrder
from marketplace.orders import fulfilment
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_package import Package, default_package
from marketplace.orders.status import TransitionError
from marketplace.payments import ledger
from tests.integration.orders.fulfilment_world import events, ledger_sum, mails, order, placed_order

BOX = Package(length_mm=300, width_mm=200, height_mm=120, weight_g=800)


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine)


def _accept(engine, world):
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)


def _packed(engine, world) -> int:
    _accept(engine, world)
    with immediate_scope(engine) as session:
        return fulfilment.pack(session, world.seller, world.order_id, BOX).id


def _labelled(engine, world) -> int:
    shipment_id = _packed(engine, world)
    with immediate_scope(engine) as session:
        fulfilment.record_label(session, world.seller, shipment_id, carrier="Japan Post", service="EMS",
                                tracking_number="EJ123456789JP", label_path="labels/1.pdf", customs_form="CN22",
                                cost=Money(2400, "JPY"))
    return shipment_id


def test_accept_moves_placed_to_processing_and_tells_the_shopper_in_german(db_engine, world):
    _accept(db_engine, world)
    assert order(db_engine, world.order_id).status == "processing"
    assert events(db_engine, world.order_id, "status") == [("status", "placed", "processing", world.seller.user_id)]
    [mail] = mails(db_engine, world.shopper.email)
    assert mail["lang"] == "de"
    assert mail["subject"] == f"Ihre Bestellung {order(db_engine, world.order_id).number} wurde angenommen"
    assert "bereitet Ihr Paket vor" in mail["body"]


@pytest.mark.parametrize("who, error, code", [
    ("other_seller", PermissionDenied, OrderErrorCode.NOT_YOUR_ORDER),
    ("shopper", PermissionDenied, None),
    (None, NotAuthenticated, None),
])
def test_only_the_vendors_seller_or_staff_may_act(db_engine, world, who, error, code):
    with pytest.raises(error) as raised, immediate_scope(db_engine) as session:
        fulfilment.accept(session, getattr(world, who) if who else None, world.order_id)
    if code is not None:
        assert raised.value.code == code
    assert order(db_engine, world.order_id).status == "placed"
    with immediate_scope(db_engine) as session:  # staff may
        fulfilment.accept(session, world.staff, world.order_id)
    assert events(db_engine, world.order_id, "status") == [("status", "placed", "processing", world.staff.user_id)]


def test_an_unknown_order_id_is_not_found_with_its_field(db_engine, world):
    for bad in (0, "1", True, 10**9):
        with pytest.raises(NotFound) as raised, immediate_scope(db_engine) as session:
            fulfilment.accept(session, world.seller, bad)
        assert raised.value.code == OrderErrorCode.ORDER_NOT_FOUND and raised.value.field == "vendor_order_id"


def test_an_unknown_parcel_id_is_not_found_with_its_field(db_engine, world):
    with pytest.raises(NotFound) as raised, immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, 10**9)
    assert raised.value.code == OrderErrorCode.SHIPMENT_NOT_FOUND and raised.value.field == "shipment_id"


def test_accept_twice_is_refused(db_engine, world):
    _accept(db_engine, world)
    with pytest.raises(TransitionError), immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)


def test_reject_cancels_refunds_in_full_and_reverses_the_ledger(db_engine, world):
    assert ledger_sum(db_engine, world.vendor_id) > 0  # the sale less commission
    fulfilment.reject(db_engine, world.seller, world.order_id, "  Sold out in the shop  ", gateway=world.gateway)
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.payment_status) == ("canceled", "refunded")
    assert world.gateway.refunded(world.intent_id) == Money(vendor_order.total_minor, vendor_order.total_currency)
    assert ledger_sum(db_engine, world.vendor_id) == 0  # sale, commission and their reversals
    assert events(db_engine, world.order_id, "status") == [("status", "placed", "canceled", world.seller.user_id)]
    [mail] = mails(db_engine, world.shopper.email)
    assert "Sold out in the shop" in mail["body"] and "wird auf Ihre Karte erstattet" in mail["body"]
    assert "storniert" in mail["subject"]

    # again: nothing more is refunded or sent
    fulfilment.reject(db_engine, world.seller, world.order_id, "again", gateway=world.gateway)
    with Session(db_engine) as session:
        assert len(session.exec(Refund.__table__.select()).all()) == 1
    assert len(mails(db_engine, world.shopper.email)) == 1


def test_reject_needs_a_reason_a_placed_order_and_the_right_seller(db_engine, world):
    with pytest.raises(ValidationError) as raised:
        fulfilment.reject(db_engine, world.seller, world.order_id, "   ", gateway=world.gateway)
    assert (raised.value.code, raised.value.field) == (OrderErrorCode.REASON_REQUIRED, "reason")
    with pytest.raises(PermissionDenied):
        fulfilment.reject(db_engine, world.other_seller, world.order_id, "no", gateway=world.gateway)
    _accept(db_engine, world)
    with pytest.raises(TransitionError):
        fulfilment.reject(db_engine, world.seller, world.order_id, "too late", gateway=world.gateway)
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.payment_status) == ("processing", "paid")
    assert world.gateway.refunded(world.intent_id).minor == 0


class _DownGateway:
    def __init__(self, real):
        self.real, self.down = real, True

    def refund(self, *args, **kwargs):
        if self.down:
            raise ConnectionError("gateway unreachable")
        return self.real.refund(*args, **kwargs)


def test_a_refund_the_gateway_failed_is_retried_by_calling_again(db_engine, world):
    flaky = _DownGateway(world.gateway)
    with pytest.raises(ConnectionError):
        fulfilment.reject(db_engine, world.seller, world.order_id, "broken", gateway=flaky)
    assert (order(db_engine, world.order_id).status, order(db_engine, world.order_id).payment_status) == \
        ("canceled", "paid")
    assert mails(db_engine, world.shopper.email) == []
    flaky.down = False
    fulfilment.reject(db_engine, world.seller, world.order_id, "broken", gateway=flaky)
    assert order(db_engine, world.order_id).payment_status == "refunded"
    assert len(mails(db_engine, world.shopper.email)) == 1


def test_default_package_comes_from_the_variants(db_engine, world):
    with Session(db_engine) as session:
        proposal = default_package(session, session.get(VendorOrder, world.order_id))
    # two units of 250 g, 100 x 100 x 50 mm each (tests/factories.product): stacked, padded, box included
    assert proposal == Package(length_mm=220, width_mm=160, height_mm=120, weight_g=2 * 250 + 150)


@pytest.mark.parametrize("package, field", [
    (Package(0, 200, 100, 500), "length_mm"),
    (Package(300, 2000, 100, 500), "width_mm"),
    (Package(300, 200, True, 500), "height_mm"),
    (Package(300, 200, 100, 31_000), "weight_g"),
    (Package(300, 200, 100, 5.5), "weight_g"),
    ({"length_mm": 1}, "package"),
])
def test_pack_validates_the_package(db_engine, world, package, field):
    _accept(db_engine, world)
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:
        fulfilment.pack(session, world.seller, world.order_id, package)
    assert (raised.value.code, raised.value.field) == (OrderErrorCode.PACKAGE_INVALID, field)


def test_pack_needs_an_accepted_order_and_repacking_replaces_the_parcel(db_engine, world):
    with pytest.raises(TransitionError), immediate_scope(db_engine) as session:
        fulfilment.pack(session, world.seller, world.order_id, BOX)
    shipment_id = _packed(db_engine, world)
    with immediate_scope(db_engine) as session:
        again = fulfilment.pack(session, world.seller, world.order_id, Package(250, 250, 250, 900))
    assert again.id == shipment_id
    with Session(db_engine) as session:
        row = session.get(Shipment, shipment_id)
        assert (row.status, row.length_mm, row.width_mm, row.height_mm, row.weight_g) == \
            ("label_pending", 250, 250, 250, 900)
    assert events(db_engine, world.order_id, "shipment") == [("shipment", None, "label_pending", world.seller.user_id)]


def test_record_label_then_hand_over_ships_the_order_and_mails_the_tracking_number(db_engine, world):
    shipment_id = _labelled(db_engine, world)
    with Session(db_engine) as session:
        row = session.get(Shipment, shipment_id)
        assert (row.status, row.carrier, row.service, row.tracking_number, row.customs_form, row.cost_minor,
                row.cost_currency) == ("label_created", "Japan Post", "EMS", "EJ123456789JP", "CN22", 2400, "JPY")
        assert row.label_purchased_at is not None and row.shipped_at is None
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:  # bought already
        fulfilment.pack(session, world.seller, world.order_id, BOX)
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE
    with pytest.raises(PermissionDenied), immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.other_seller, shipment_id)

    with immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, shipment_id)
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.fulfilment_status) == ("shipped", "fulfilled")
    with Session(db_engine) as session:
        row = session.get(Shipment, shipment_id)
        assert row.status == "in_transit" and row.shipped_at is not None
    assert events(db_engine, world.order_id, "shipment")[1:] == [
        ("shipment", "label_pending", "label_created", world.seller.user_id),
        ("shipment", "label_created", "in_transit", world.seller.user_id)]
    shipped = mails(db_engine, world.shopper.email)[-1]
    assert "EJ123456789JP" in shipped["body"] and "versandt" in shipped["subject"]
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:  # twice
        fulfilment.hand_over(session, world.seller, shipment_id)
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE


@pytest.mark.parametrize("change, field", [
    ({"carrier": ""}, "carrier"), ({"service": "x" * 41}, "service"), ({"tracking_number": None}, "tracking_number"),
    ({"label_path": "a\nb"}, "label_path"), ({"customs_form": "CN99"}, "customs_form"),
    ({"cost": 2400}, "cost"), ({"cost": Money(-1, "JPY")}, "cost"),
])
def test_record_label_validates_its_values(db_engine, world, change, field):
    shipment_id = _packed(db_engine, world)
    values = {"carrier": "Japan Post", "service": "EMS", "tracking_number": "EJ1", "label_path": "l.pdf",
              "customs_form": None, "cost": Money(2400, "JPY"), **change}
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:
        fulfilment.record_label(session, world.seller, shipment_id, **values)
    assert (raised.value.code, raised.value.field) == (OrderErrorCode.LABEL_INVALID, field)


def test_hand_over_before_the_label_is_refused(db_engine, world):
    shipment_id = _packed(db_engine, world)
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:
        fulfilment.hand_over(session, world.seller, shipment_id)
    assert raised.value.code == OrderErrorCode.SHIPMENT_STATE
    with Session(db_engine) as session:  # nothing is payable before delivery
        assert ledger.balances(session, world.vendor_id).available.minor == 0
    assert order(db_engine, world.order_id).status == "processing"

"""Cancellation before shipment, on SQLite and PostgreSQL: the shopper asks, the seller or staff approves
(canceled, refunded in full, ledger reversed, e-mail in German) or declines with a reason; other shoppers and
other vendors' sellers are refused, and a shipped order cannot be canceled."""

from __future__ import annotations

import pytest

from marketplace.core.db import immediate_scope
from marketplace.core.errors import PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.orders import fulfilment
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment_cancel import approve_cancel, decline_cancel, request_cancel
from marketplace.orders.fulfilment_package import Package
from marketplace.orders.status import TransitionError
from tests.integration.orders.fulfilment_world import events, ledger_sum, mails, order, placed_order


@pytest.fixture
def world(db_engine):
    return placed_order(db_engine)


def _request(engine, world, who="shopper", reason="Ordered the wrong size"):
    with immediate_scope(engine) as session:
        return request_cancel(session, getattr(world, who), world.order_id, reason)


def test_the_shopper_asks_and_the_seller_approves_with_a_full_refund(db_engine, world):
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)  # still cancelable while processing
    _request(db_engine, world)
    assert events(db_engine, world.order_id, "cancel") == [("cancel", None, "requested", world.shopper.user_id)]
    assert ledger_sum(db_engine, world.vendor_id) > 0

    approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.payment_status) == ("canceled", "refunded")
    assert world.gateway.refunded(world.intent_id) == Money(vendor_order.total_minor, vendor_order.total_currency)
    assert ledger_sum(db_engine, world.vendor_id) == 0
    assert events(db_engine, world.order_id, "cancel")[-1] == ("cancel", "requested", "approved", world.seller.user_id)
    assert events(db_engine, world.order_id, "status")[-1] == ("status", "processing", "canceled",
                                                               world.seller.user_id)
    mail = mails(db_engine, world.shopper.email)[-1]
    assert mail["lang"] == "de" and "wie gewünscht storniert" in mail["body"]
    assert "wird auf Ihre Karte erstattet" in mail["body"]


def test_staff_may_approve(db_engine, world):
    _request(db_engine, world)
    approve_cancel(db_engine, world.staff, world.order_id, gateway=world.gateway)
    assert order(db_engine, world.order_id).status == "canceled"


def test_only_the_owner_asks_and_only_once(db_engine, world):
    with pytest.raises(PermissionDenied) as raised:
        _request(db_engine, world, who="other_shopper")
    assert raised.value.code == OrderErrorCode.NOT_YOUR_ORDER
    with pytest.raises(ValidationError) as raised:
        _request(db_engine, world, reason="")
    assert (raised.value.code, raised.value.field) == (OrderErrorCode.REASON_REQUIRED, "reason")
    _request(db_engine, world)
    with pytest.raises(ValidationError) as raised:
        _request(db_engine, world)
    assert raised.value.code == OrderErrorCode.CANCEL_ALREADY_REQUESTED


def test_another_vendors_seller_can_neither_approve_nor_decline(db_engine, world):
    _request(db_engine, world)
    with pytest.raises(PermissionDenied):
        approve_cancel(db_engine, world.other_seller, world.order_id, gateway=world.gateway)
    with pytest.raises(PermissionDenied), immediate_scope(db_engine) as session:
        decline_cancel(session, world.other_seller, world.order_id, "no")
    with pytest.raises(PermissionDenied):  # nor the shopper approve their own request
        approve_cancel(db_engine, world.shopper, world.order_id, gateway=world.gateway)
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.payment_status) == ("placed", "paid")
    assert world.gateway.refunded(world.intent_id).minor == 0


def test_approving_without_a_request_is_refused(db_engine, world):
    with pytest.raises(ValidationError) as raised:
        approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    assert raised.value.code == OrderErrorCode.CANCEL_NOT_REQUESTED
    assert order(db_engine, world.order_id).status == "placed"


def test_decline_keeps_the_order_tells_the_shopper_and_allows_a_new_request(db_engine, world):
    _request(db_engine, world)
    with immediate_scope(db_engine) as session:
        decline_cancel(session, world.seller, world.order_id, "Already packed")
    assert order(db_engine, world.order_id).status == "placed"
    assert events(db_engine, world.order_id, "cancel")[-1] == ("cancel", "requested", "declined", world.seller.user_id)
    mail = mails(db_engine, world.shopper.email)[-1]
    assert "kann nicht storniert werden" in mail["subject"] and "Already packed" in mail["body"]
    with pytest.raises(ValidationError) as raised, immediate_scope(db_engine) as session:
        decline_cancel(session, world.seller, world.order_id, "again")
    assert raised.value.code == OrderErrorCode.CANCEL_NOT_REQUESTED
    _request(db_engine, world, reason="Please, really")
    assert events(db_engine, world.order_id, "cancel")[-1][2] == "requested"


def test_a_shipped_order_cannot_be_canceled(db_engine, world):
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
    _request(db_engine, world)
    with immediate_scope(db_engine) as session:
        shipment_id = fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800)).id
        fulfilment.record_label(session, world.seller, shipment_id, carrier="Embedded Post", service="Standard",
                                tracking_number="MRD0002", label_path="labels/y.pdf", customs_form=None,
                                cost=Money(1800, "JPY"))
        fulfilment.hand_over(session, world.seller, shipment_id)
    with pytest.raises(TransitionError):
        approve_cancel(db_engine, world.seller, world.order_id, gateway=world.gateway)
    with pytest.raises(TransitionError):
        _request(db_engine, world, reason="again")
    vendor_order = order(db_engine, world.order_id)
    assert (vendor_order.status, vendor_order.payment_status) == ("shipped", "paid")

"""Returns, exchanges and repairs on SQLite and PostgreSQL: a German shopper's delivered order from a Japanese
seller is returned (requested, approved with a return label, sent, received, refunded) and the ledger reverses
the vendor's share and the commission; the window, the owner and the quantities are enforced; an EU shopper
gets the proportional shipping back and a US shopper does not; the duty note follows DDP/DAP; exchanges and
repairs are sent back; an open return keeps the order from completing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import LedgerEntry, OrderLine, ReturnRequest, Variant, VendorOrder
from marketplace.orders import returns
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.fulfilment_tracking import complete_due
from tests.integration.orders.fulfilment_world import events, ledger_sum, mails
from tests.integration.orders.returns_world import delivered_order

CARRIER = carrier_for(get_settings())


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path / "documents")


def _ask(engine, world, quantity=1, kind="return", who=None, reason="damaged"):
    with immediate_scope(engine) as session:
        row = returns.request_return(session, who or world.shopper, world.number, kind,
                                     [{"order_line_id": world.line_id, "quantity": quantity, "reason": reason}])
        return row.number


def _step(engine, fn, *args):
    with immediate_scope(engine) as session:
        return fn(session, *args)


def _row(engine, number) -> ReturnRequest:
    with Session(engine) as session:
        return session.exec(select(ReturnRequest).where(ReturnRequest.number == number)).one()


def _through_received(engine, world, store, number):
    _step(engine, returns.approve, world.seller, number, CARRIER, store)
    _step(engine, returns.mark_sent, world.shopper, number)
    _step(engine, returns.mark_received, world.seller, number)


def _code(excinfo) -> str:
    return str(excinfo.value.problem.code)


def test_a_return_is_labelled_received_refunded_and_the_ledger_reverses_share_and_commission(db_engine, store):
    world = delivered_order(db_engine, quantity=2)
    assert ledger_sum(db_engine, world.vendor_id) > 0
    number = _ask(db_engine, world, quantity=2)
    _step(db_engine, returns.approve, world.seller, number, CARRIER, store)
    row = _row(db_engine, number)
    assert row.status == "approved" and row.tracking_number and row.carrier == "embedded"
    label = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(store.open(row.label_path))).pages)
    assert row.tracking_number in label
    customs = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(store.open(row.customs_path))).pages)
    assert "Returned goods" in customs  # DE -> JP crosses customs: a CN22 of returned goods
    _step(db_engine, returns.mark_sent, world.shopper, number)
    _step(db_engine, returns.mark_received, world.seller, number)
    returns.refund(db_engine, world.seller, number, gateway=world.gateway)
    row = _row(db_engine, number)
    with Session(db_engine) as session:
        order = session.get(VendorOrder, world.order_id)
        entries = session.exec(select(LedgerEntry).where(LedgerEntry.vendor_order_id == world.order_id)).all()
    assert (row.status, row.refund_minor, row.refund_currency) == ("refunded", order.total_minor, "EUR")
    assert (order.payment_status, order.fulfilment_status) == ("refunded", "returned")
    kinds = sorted((e.kind, e.amount_minor > 0) for e in entries)
    assert kinds == [("commission", False), ("commission", True), ("refund", False), ("sale", True)]
    assert ledger_sum(db_engine, world.vendor_id) == 0  # share and commission reversed to the minor unit
    moves = [(to, actor) for kind, _, to, actor in events(db_engine, world.order_id, "return")]
    assert moves == [("requested", world.shopper.user_id), ("approved", world.seller.user_id),
                     ("in_transit", world.shopper.user_id), ("received", world.seller.user_id),
                     ("refunded", world.seller.user_id)]
    sent = mails(db_engine, f"kunde-{world.vendor_id}@example.com")
    assert [number in m["subject"] for m in sent[-2:]] == [True, True]
    assert any(row.tracking_number in m["body"] for m in sent)
    assert returns.refund(db_engine, world.seller, number, gateway=world.gateway).refund_id == row.refund_id


def test_outside_the_vendors_window_is_refused_and_a_longer_window_allows_it(db_engine):
    late = clock.now() - timedelta(days=20)
    world = delivered_order(db_engine, delivered=late)
    with pytest.raises(DomainError) as refused:
        _ask(db_engine, world)
    assert _code(refused) == ReturnErrorCode.WINDOW_CLOSED
    generous = delivered_order(db_engine, delivered=late, window_days=30)
    assert _ask(db_engine, generous).endswith("-R1")


def test_another_shopper_or_seller_is_refused_and_nothing_is_written(db_engine, store):
    world = delivered_order(db_engine)
    with pytest.raises(NotFound):
        _ask(db_engine, world, who=world.other_shopper)
    number = _ask(db_engine, world)
    with pytest.raises(NotFound):
        _step(db_engine, returns.approve, world.other_seller, number, CARRIER, store)
    with pytest.raises(PermissionDenied):
        _step(db_engine, returns.approve, world.shopper, number, CARRIER, store)
    with pytest.raises(NotFound):
        _step(db_engine, returns.mark_sent, world.other_shopper, number)
    assert _row(db_engine, number).status == "requested"
    _step(db_engine, returns.approve, world.staff, number, CARRIER, store)  # staff act for every vendor
    assert _row(db_engine, number).status == "approved"


def test_more_units_than_delivered_minus_returned_are_refused(db_engine):
    world = delivered_order(db_engine, quantity=2)
    with pytest.raises(DomainError) as over:
        _ask(db_engine, world, quantity=3)
    assert _code(over) == ReturnErrorCode.QUANTITY_EXCEEDED
    with pytest.raises(DomainError) as no_reason:
        _ask(db_engine, world, reason="")
    assert _code(no_reason) == ReturnErrorCode.REASON_REQUIRED
    _ask(db_engine, world, quantity=2)
    with pytest.raises(DomainError) as again:
        _ask(db_engine, world, quantity=1)
    assert _code(again) == ReturnErrorCode.QUANTITY_EXCEEDED


def test_a_declined_return_gives_its_units_back_and_mails_the_reason(db_engine):
    world = delivered_order(db_engine, quantity=1)
    number = _ask(db_engine, world)
    with pytest.raises(DomainError) as empty:
        _step(db_engine, returns.decline, world.seller, number, "  ")
    assert _code(empty) == ReturnErrorCode.DECLINE_REASON_REQUIRED
    _step(db_engine, returns.decline, world.seller, number, "Used and washed")
    assert _row(db_engine, number).decline_reason == "Used and washed"
    assert "Used and washed" in mails(db_engine, f"kunde-{world.vendor_id}@example.com")[-1]["body"]
    assert _ask(db_engine, world).endswith("-R2")


@pytest.mark.parametrize(("country", "shipping_back", "note"), [("DE", True, "ddp_refunded"),
                                                                ("US", False, "dap_reclaim")])
def test_eu_shoppers_get_proportional_shipping_and_the_duty_note_follows_the_incoterm(db_engine, store, country,
                                                                                      shipping_back, note):
    world = delivered_order(db_engine, country=country, quantity=2)
    number = _ask(db_engine, world, quantity=1)
    _through_received(db_engine, world, store, number)
    returns.refund(db_engine, world.seller, number, gateway=world.gateway)
    with Session(db_engine) as session:
        order = session.get(VendorOrder, world.order_id)
        line = session.get(OrderLine, world.line_id)
        assert returns.duty_note_of(session, order).kind == note
    goods_and_charges = line.unit_price_minor + -(-line.duty_minor // 2) + -(-line.tax_minor // 2)
    refunded = _row(db_engine, number).refund_minor
    assert (refunded > goods_and_charges + 1) is shipping_back
    if not shipping_back:  # DAP: import charges were left for delivery, so the goods alone come back
        assert refunded == line.unit_price_minor
    assert order.payment_status == "partially_refunded" and order.fulfilment_status == "fulfilled"


@pytest.mark.parametrize("kind", ["exchange", "repair"])
def test_exchange_and_repair_are_sent_back_at_no_charge(db_engine, store, kind):
    world = delivered_order(db_engine, quantity=1)
    number = _ask(db_engine, world, kind=kind)
    _through_received(db_engine, world, store, number)
    with Session(db_engine) as session:
        variant_id = session.get(OrderLine, world.line_id).variant_id
        stock = session.get(Variant, variant_id).stock
    with pytest.raises(DomainError):
        returns.refund(db_engine, world.seller, number, gateway=world.gateway)
    _step(db_engine, returns.send_back, world.seller, number, CARRIER, store)
    row = _row(db_engine, number)
    with Session(db_engine) as session:
        assert session.get(Variant, variant_id).stock == stock - (kind == "exchange")
        assert session.get(VendorOrder, world.order_id).payment_status == "paid"
    assert row.status == {"exchange": "exchanged", "repair": "repaired"}[kind]
    assert row.outbound_tracking and store.open(row.outbound_label_path)
    assert row.outbound_tracking in mails(db_engine, f"kunde-{world.vendor_id}@example.com")[-1]["body"]


def test_an_open_return_or_a_longer_window_keeps_the_order_from_completing(db_engine):
    long_ago = clock.now() - timedelta(days=20)
    with_return = delivered_order(db_engine, delivered=long_ago, window_days=30)
    _ask(db_engine, with_return)
    thirty_days = delivered_order(db_engine, delivered=long_ago, window_days=30)
    fourteen_days = delivered_order(db_engine, delivered=long_ago, window_days=14)
    assert complete_due(db_engine) == 1
    with Session(db_engine) as session:
        assert session.get(VendorOrder, fourteen_days.order_id).status == "completed"
        assert session.get(VendorOrder, thirty_days.order_id).status == "delivered"
    assert complete_due(db_engine, clock.now() + timedelta(days=11)) == 1  # 31 days: the 30-day window is over
    with Session(db_engine) as session:
        assert session.get(VendorOrder, with_return.order_id).status == "delivered"  # its return is open

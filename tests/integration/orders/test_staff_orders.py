"""Staff orders (orders.staff_orders): search filters, who may do what, a partial refund of one line through the
embedded gateway with its ledger entries and audit row, a support cancellation, and the dispute list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.money import Money
from marketplace.models import (
    AuditLog,
    Dispute,
    LedgerEntry,
    OrderGroup,
    OrderLine,
    Payment,
    Refund,
    Role,
    Variant,
    VendorOrder,
)
from marketplace.orders import cart as carts
from marketplace.orders import history, staff_orders
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails
from tests import factories
from tests.factories_account import caller as caller_of

ROLES = ("moderator", "support", "finance")


def _staff(session: Session) -> dict[str, Caller]:
    people = {name: caller_of(session, factories.user(session, Role.STAFF, staff_role=name)) for name in ROLES}
    people["admin"] = caller_of(session, factories.user(session, Role.ADMIN))
    shopper = factories.user(session)
    people["shopper"] = caller_of(session, shopper)
    seller_vendor = factories.vendor(session)
    people["seller"] = caller_of(session, factories.user(session, Role.SELLER, vendor=seller_vendor))
    return people


def _buy(engine, gateway, *, country="DE", currency="EUR", price_minor=32000, quantity=2):  # noqa: ANN001, ANN202
    """A real order (checkout + embedded payment) of two lines from one Japanese vendor; returns the group."""
    with Session(engine) as session:
        vendor = factories.vendor(session, country="JP", currency="JPY")
        cat = factories.category(session)
        first = factories.product(session, vendor, cat, price_minor=price_minor, stock=9)
        second = factories.product(session, vendor, cat, price_minor=price_minor // 4, stock=9)
        owner = carts.CartOwner()
        for product in (first, second):
            variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).one()
            owner, _ = carts.add(session, owner, variant_id, quantity)
        row, _ = checkout.start(session, owner, Market(country, currency))
        checkout_id = row.id
        session.commit()
    placement = place(engine, checkout_id, owner, CardDetails("4242424242424242", 12, 2030, "123"), gateway=gateway)
    with Session(engine) as session:
        group = session.exec(select(OrderGroup).order_by(OrderGroup.id.desc())).first()
        return group.number, placement.intent_id


@pytest.fixture
def world(db_engine):  # noqa: ANN001, ANN201
    gateway = EmbeddedGateway()
    with Session(db_engine) as session:
        people = _staff(session)
        session.commit()
    number, intent = _buy(db_engine, gateway)
    return db_engine, gateway, people, number, intent


def _search(session, who, **values):  # noqa: ANN001, ANN003, ANN202
    return staff_orders.search_orders(session, who, staff_orders.parse_filter(who, **values))


def test_search_filters_find_the_order_and_only_it(world):
    engine, gateway, people, number, _ = world
    other, _ = _buy(engine, gateway, country="GB", currency="GBP", price_minor=4000, quantity=1)
    finance = people["finance"]
    with Session(engine) as session:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == number)).one()
        vendor_order = session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id)).first()
        assert [r.number for r in _search(session, finance).rows][:2] == [other, number]  # newest first
        assert [r.number for r in _search(session, finance, number=number.lower()).rows] == [number]
        assert [r.number for r in _search(session, finance, number=vendor_order.number).rows] == [number]
        assert [r.number for r in _search(session, finance, country="gb").rows] == [other]
        assert number in [r.number for r in _search(session, finance, status="placed").rows]
        assert _search(session, finance, status="shipped").rows == ()
        assert [r.number for r in _search(session, finance, vendor=str(vendor_order.vendor_id)).rows] == [number]
        today = clock.now().date()
        assert {r.number for r in _search(session, finance, date_from=today.isoformat(),
                                          date_to=today.isoformat()).rows} >= {number, other}
        assert _search(session, finance, date_to=(today - timedelta(days=1)).isoformat()).rows == ()
        group.email = "Hana.Sato@example.jp"
        session.add(group)
        session.commit()
        assert [r.number for r in _search(session, finance, email="hana.sato@").rows] == [number]


@pytest.mark.parametrize(("values", "field"), [
    ({"country": "Germany"}, "country"), ({"status": "lost"}, "status"), ({"date_from": "2026-13-01"}, "date_from"),
    ({"date_from": "2026-12-02", "date_to": "2026-12-01"}, "date_to"), ({"email": "x" * 300}, "email"),
    ({"number": 42}, "number"), ({"vendor": ["a"]}, "vendor"), ({"hack": "1"}, "hack"),
])
def test_a_malformed_search_is_refused_with_its_field(world, values, field):
    engine, _, people, _, _ = world
    with pytest.raises(ValidationError) as refused:
        staff_orders.parse_filter(people["support"], **values)
    assert refused.value.field == field


def test_who_may_read_refund_cancel_and_see_disputes(world):
    engine, gateway, people, number, _ = world
    with Session(engine) as session:
        for name in ("support", "finance", "admin"):
            assert staff_orders.order_detail(session, people[name], number).number == number
        for name in ("moderator", "shopper", "seller"):
            with pytest.raises(PermissionDenied):
                staff_orders.order_detail(session, people[name], number)
        with pytest.raises(NotAuthenticated):
            staff_orders.search_orders(session, None, staff_orders.OrderFilter())
        detail = staff_orders.order_detail(session, people["finance"], number)
        vo, line = detail.vendor_orders[0], detail.vendor_orders[0].lines[0]
        for name in ("support", "moderator", "shopper", "seller"):
            with pytest.raises(PermissionDenied):
                staff_orders.refund_preview(session, people[name], vo.id, line.id, 1)
        for name in ("support", "moderator", "shopper"):
            with pytest.raises(PermissionDenied):
                staff_orders.dispute_list(session, people[name])
        assert staff_orders.dispute_list(session, people["finance"]).rows == ()
    for name in ("finance", "moderator", "seller"):
        with pytest.raises(PermissionDenied):
            staff_orders.cancel_order(engine, people[name], vo.id, "customer called", gateway=gateway)
    with pytest.raises(PermissionDenied):
        staff_orders.refund_line(engine, people["support"], vo.id, line.id, 1, include_shipping=False,
                                 reason="damaged", idempotency_key="staff-abcdefgh1", gateway=gateway)
    with Session(engine) as session:
        assert session.exec(select(Refund)).all() == []
        assert session.get(VendorOrder, vo.id).status == "placed"


def test_finance_refunds_one_line_goods_and_duty_and_the_ledger_and_the_shopper_page_agree(world):
    engine, gateway, people, number, intent = world
    finance = people["finance"]
    with Session(engine) as session:
        detail = staff_orders.order_detail(session, finance, number)
        vo = detail.vendor_orders[0]
        line = vo.lines[0]
        assert vo.incoterm in ("DDP", "DAP") and line.fx_source and detail.payments[0].status
        plan = staff_orders.refund_preview(session, finance, vo.id, line.id, 1)
        assert plan.total == plan.lines[0].goods + plan.lines[0].duty + plan.lines[0].tax
        assert plan.lines[0].goods == line.unit_price and plan.shipping.minor == 0
        assert plan.lines[0].duty == line.duty.allocate([1, 1])[0] and plan.lines[0].duty.minor > 0  # half its duty
        assert plan.lines[0].tax == line.tax.allocate([1, 1])[0]
        with pytest.raises(ValidationError):
            staff_orders.refund_preview(session, finance, vo.id, line.id, line.quantity + 1)
        with pytest.raises(NotFound):
            staff_orders.refund_preview(session, finance, vo.id, 999_999, 1)
    with pytest.raises(ValidationError):  # a reason is required
        staff_orders.refund_line(engine, finance, vo.id, line.id, 1, include_shipping=False, reason="  ",
                                 idempotency_key="staff-key-000001", gateway=gateway)
    with pytest.raises(ValidationError):  # and a reference
        staff_orders.refund_line(engine, finance, vo.id, line.id, 1, include_shipping=False, reason="broken",
                                 idempotency_key="nope", gateway=gateway)
    first = staff_orders.refund_line(engine, finance, vo.id, line.id, 1, include_shipping=False,
                                     reason="arrived broken", idempotency_key="staff-key-000001", gateway=gateway)
    again = staff_orders.refund_line(engine, finance, vo.id, line.id, 1, include_shipping=False,
                                     reason="arrived broken", idempotency_key="staff-key-000001", gateway=gateway)
    assert again.id == first.id and first.amount_minor == plan.total.minor
    assert gateway.refunded(intent) == plan.total
    with Session(engine) as session:
        assert len(session.exec(select(Refund)).all()) == 1
        entries = session.exec(select(LedgerEntry).where(LedgerEntry.refund_id == first.id)).all()
        assert {e.kind: e.amount_minor for e in entries}["refund"] == -plan.vendor_refund.minor
        assert session.exec(select(Payment)).one().refunded_minor == plan.total.minor
        assert session.get(VendorOrder, vo.id).payment_status == "partially_refunded"
        logged = session.exec(select(AuditLog).where(AuditLog.action == "order.refund")).all()
        assert len(logged) == 1 and logged[0].actor_user_id == finance.user_id
        assert logged[0].detail["reason"] == "arrived broken" and logged[0].detail["after"] == "partially_refunded"
        shopper_view = history.detail_of(session, session.exec(select(OrderGroup)).first())
        assert [r.amount for r in shopper_view.vendor_orders[0].refunds] == [Money(first.amount_minor,
                                                                                 first.amount_currency)]
        after = staff_orders.order_detail(session, finance, number)
        assert after.vendor_orders[0].lines[0].refunded_quantity == 1
        assert after.refunds[0].amount == plan.total and after.refunds[0].ledger
        assert any(e.kind == "refund" for e in after.timeline)


def test_support_cancels_an_unshipped_order_and_it_is_refunded_in_full(world):
    engine, gateway, people, number, intent = world
    support = people["support"]
    with Session(engine) as session:
        vo = staff_orders.order_detail(session, support, number).vendor_orders[0]
        assert vo.cancelable
    with pytest.raises(ValidationError):
        staff_orders.cancel_order(engine, support, vo.id, "", gateway=gateway)
    staff_orders.cancel_order(engine, support, vo.id, "shopper phoned: wrong size", gateway=gateway)
    staff_orders.cancel_order(engine, support, vo.id, "shopper phoned: wrong size", gateway=gateway)  # no-op
    with Session(engine) as session:
        order = session.get(VendorOrder, vo.id)
        assert (order.status, order.payment_status) == ("canceled", "refunded")
        assert gateway.refunded(intent) == Money(order.total_minor, order.total_currency)
        assert len(session.exec(select(AuditLog).where(AuditLog.action == "order.cancel")).all()) == 1
        assert session.exec(select(OrderLine)).all()


def test_the_dispute_list_filters_open_and_closed(world):
    engine, _, people, number, _ = world
    with Session(engine) as session:
        payment = session.exec(select(Payment)).one()
        session.add(Dispute(payment_id=payment.id, external_id="dp_open", amount_minor=500, amount_currency="EUR",
                            reason="fraudulent", status="needs_response", state="held"))
        session.add(Dispute(payment_id=payment.id, external_id="dp_won", amount_minor=700, amount_currency="EUR",
                            reason="product_not_received", status="won", state="released",
                            closed_at=clock.now()))
        session.commit()
        finance = people["finance"]
        assert [d.external_id for d in staff_orders.dispute_list(session, finance, "open").rows] == ["dp_open"]
        assert [d.external_id for d in staff_orders.dispute_list(session, finance, "closed").rows] == ["dp_won"]
        rows = staff_orders.dispute_list(session, finance).rows
        assert {d.order_number for d in rows} == {number} and len(rows) == 2
        with pytest.raises(ValidationError):
            staff_orders.dispute_list(session, finance, "everything")
        assert len(staff_orders.order_detail(session, finance, number).disputes) == 2

"""Money moved outside the app reaches the ledger: Stripe disputes hold the vendors' share (the payout run
leaves it), a lost dispute takes it for good, a won one gives it back; refunds made in Stripe's dashboard are
recorded once, and Stripe's ``charge.refunded`` for the app's own refund is not counted twice.

Event payloads follow Stripe's API reference (docs.stripe.com/api/events/object, /api/disputes/object,
/api/charges/object at API version 2026-10-28, where a Charge no longer lists its refunds unless expanded),
and go through ``checkout.events.process_stripe_event`` as the worker calls it. The shop: one payment of
104.99 EUR for two vendor orders of two JPY vendors (commission 10 %), delivered at T0; at RUN the 7-day hold
has passed, so both vendors' money is available.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from marketplace.checkout.events import process_stripe_event, receive_stripe_webhook
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.money import Money
from marketplace.jobs import default_handlers
from marketplace.models import (
    CommissionRule,
    Dispute,
    LedgerEntry,
    OrderGroup,
    OrderLine,
    Payment,
    Refund,
    Variant,
    VendorOrder,
)
from marketplace.orders.refunds import refund_order_lines
from marketplace.outbox.worker import run_once
from marketplace.payments import ledger
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import RefundResult
from marketplace.payments.payout_run import schedule_payouts
from marketplace.payments.webhooks import sign
from tests import factories

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
RUN = T0 + timedelta(days=8)
INTENT = "pi_3QxDisputeTest0001"
CHARGE = "ch_3QxDisputeTest0001"
TOTAL = 10499  # EUR cents: order A 69.99 (3 mugs at 20.00 + 9.99 shipping), order B 35.00 (30.00 + 5.00)
NET_A, NET_B = 9600 - 960, 5000 - 500  # JPY: goods minus 10 % commission
_events = itertools.count(1)


@pytest.fixture
def shop(db_engine):
    """Two vendors, one order group paid with one Stripe payment; returns (engine, vendor A, vendor B)."""
    with clock.frozen(T0), session_scope(db_engine) as s:
        s.add(CommissionRule(rate_bps=1000))
        category = factories.category(s)
        vendors = [factories.vendor(s), factories.vendor(s)]
        group = OrderGroup(number="MG-900001", email="shopper@example.com", ship_to_country="DE",
                           goods_minor=9000, shipping_minor=1499, duty_minor=0, tax_minor=0, fees_minor=0,
                           total_minor=TOTAL, status="processing",
                           **{f"{k}_currency": "EUR" for k in ("goods", "shipping", "duty", "tax", "total", "fees")})
        s.add(group)
        s.flush()
        for i, (vendor, (jpy, qty, eur, shipping)) in enumerate(zip(vendors, [(3200, 3, 2000, 999), (5000, 1, 3000, 500)],
                                                                     strict=True)):
            product = factories.product(s, vendor, category)
            variant_id = s.exec(select(Variant.id).where(Variant.product_id == product.id)).first()
            goods = eur * qty
            order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"MV-90000{i}", payment_status="paid",
                                goods_minor=goods, shipping_minor=shipping, duty_minor=0, tax_minor=0,
                                total_minor=goods + shipping,
                                **{f"{k}_currency": "EUR" for k in ("goods", "shipping", "duty", "tax", "total")})
            s.add(order)
            s.flush()
            s.add(OrderLine(vendor_order_id=order.id, variant_id=variant_id, product_name="Mug", sku=f"SKU-{i}",
                            quantity=qty, hs_code="691200", origin_country="JP", vendor_unit_price_minor=jpy,
                            vendor_unit_price_currency="JPY", unit_price_minor=eur, unit_price_currency="EUR",
                            duty_minor=0, duty_currency="EUR", tax_minor=0, tax_currency="EUR",
                            fx_rate=Decimal("0.00625"), fx_source="ECB test"))
            s.flush()
            ledger.record_sale(s, order)
            ledger.mark_delivered(s, order, T0)
        s.add(Payment(group_id=group.id, gateway="stripe", external_id=INTENT, status="succeeded", amount_minor=TOTAL,
                      amount_currency="EUR", refunded_minor=0, refunded_currency="EUR", card_brand="visa",
                      card_last4="4242", idempotency_key="checkout-disputes"))
        ids = [v.id for v in vendors]
    return db_engine, ids[0], ids[1]


def _event(kind: str, obj: dict) -> dict:
    return {"id": f"evt_1Qx{next(_events):06d}", "object": "event", "api_version": "2026-10-28.endive",
            "created": int(RUN.timestamp()), "livemode": False, "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None}, "type": kind, "data": {"object": obj}}


def dispute(kind: str, status: str, amount: int = TOTAL, dispute_id: str = "dp_1QxDispute0001",
            intent: str = INTENT) -> dict:
    """A ``charge.dispute.*`` event as Stripe sends it."""
    return _event(kind, {
        "id": dispute_id, "object": "dispute", "amount": amount, "balance_transactions": [], "charge": CHARGE,
        "created": int(T0.timestamp()) + 86400 * 9, "currency": "eur", "enhanced_eligibility_types": [],
        "evidence": {"customer_name": None, "product_description": None, "uncategorized_text": None},
        "evidence_details": {"due_by": int(T0.timestamp()) + 86400 * 30, "enhanced_eligibility": {},
                             "has_evidence": False, "past_due": False, "submission_count": 0},
        "is_charge_refundable": False, "livemode": False, "metadata": {}, "network_reason_code": "10.4",
        "payment_intent": intent, "payment_method_details": {"card": {"brand": "visa", "network_reason_code": "10.4"},
                                                              "type": "card"},
        "reason": "fraudulent", "status": status,
    })


def charge_refunded(amount_refunded: int, refunds: list[dict] | None = None) -> dict:
    """A ``charge.refunded`` event; the Charge lists its refunds only when ``refunds`` is given (expanded)."""
    obj = {
        "id": CHARGE, "object": "charge", "amount": TOTAL, "amount_captured": TOTAL,
        "amount_refunded": amount_refunded, "balance_transaction": "txn_1QxTest", "captured": True,
        "created": int(T0.timestamp()) - 86400 * 5, "currency": "eur", "disputed": False, "livemode": False,
        "metadata": {}, "paid": True, "payment_intent": INTENT, "payment_method": "pm_1QxTest",
        "payment_method_details": {"card": {"brand": "visa", "last4": "4242"}, "type": "card"},
        "refunded": amount_refunded == TOTAL, "status": "succeeded",
    }
    if refunds is not None:
        obj["refunds"] = {"object": "list", "data": refunds, "has_more": False, "url": f"/v1/charges/{CHARGE}/refunds"}
    return _event("charge.refunded", obj)


def process(engine, event: dict) -> str:  # noqa: ANN001
    with clock.frozen(RUN - timedelta(hours=1)):
        return process_stripe_event(engine, event)


def balances(engine, vendor_id: int) -> ledger.Balances:  # noqa: ANN001
    with session_scope(engine) as s:
        return ledger.balances(s, vendor_id, RUN)


def entries(engine, kind: str) -> list[tuple[int, int]]:  # noqa: ANN001
    with Session(engine) as s:
        return sorted((e.vendor_id, e.amount_minor) for e in s.exec(select(LedgerEntry).where(LedgerEntry.kind == kind)))


def count(engine, model) -> int:  # noqa: ANN001
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def jpy(minor: int) -> Money:
    return Money(minor, "JPY")


def test_an_open_dispute_holds_the_vendors_share_and_the_payout_run_leaves_it(shop):
    engine, a, b = shop
    assert process(engine, dispute("charge.dispute.created", "needs_response")) == "dispute held"
    assert entries(engine, "dispute_hold") == sorted([(a, -NET_A), (b, -NET_B)])
    assert balances(engine, a).available == jpy(0) and balances(engine, b).available == jpy(0)
    assert schedule_payouts(engine, EmbeddedGateway(), RUN) == []
    with Session(engine) as s:
        row = s.exec(select(Dispute)).one()
        assert (row.state, row.status, row.reason, row.amount_minor, row.charge_id) == (
            "held", "needs_response", "fraudulent", TOTAL, CHARGE)


def test_a_partial_dispute_holds_each_vendor_its_proportion_and_the_rest_is_paid(shop):
    engine, a, b = shop
    assert process(engine, dispute("charge.dispute.created", "warning_needs_response", amount=2000)) == "dispute held"
    # 20.00 EUR split 13.33 / 6.67 by what each order cost; each vendor's net in that proportion
    assert entries(engine, "dispute_hold") == sorted([(a, -1646), (b, -858)])
    paid = {r.vendor_id: r.amount for r in schedule_payouts(engine, EmbeddedGateway(), RUN)}
    assert paid == {a: jpy(NET_A - 1646), b: jpy(NET_B - 858)}


def test_a_lost_dispute_takes_the_share_for_good_and_a_repeat_changes_nothing(shop):
    engine, a, b = shop
    process(engine, dispute("charge.dispute.created", "needs_response"))
    process(engine, dispute("charge.dispute.funds_withdrawn", "needs_response"))
    assert process(engine, dispute("charge.dispute.updated", "under_review")) == "dispute still held"
    assert process(engine, dispute("charge.dispute.closed", "lost")) == "dispute lost"
    assert process(engine, dispute("charge.dispute.closed", "lost")) == "dispute already closed"
    assert process(engine, dispute("charge.dispute.updated", "under_review")) == "dispute already closed"
    assert entries(engine, "dispute_release") == sorted([(a, NET_A), (b, NET_B)])
    assert entries(engine, "dispute_loss") == sorted([(a, -NET_A), (b, -NET_B)])
    with session_scope(engine) as s:
        assert ledger.total(s, a) == jpy(0) and ledger.total(s, b) == jpy(0)
        payment = s.exec(select(Payment)).one()
        assert payment.refunded_minor == 0 and payment.status == "succeeded"  # a chargeback is not a refund
        assert s.exec(select(Dispute)).one().state == "lost"
    assert schedule_payouts(engine, EmbeddedGateway(), RUN) == []


def test_a_won_dispute_gives_the_hold_back_and_the_next_run_pays_it(shop):
    engine, a, b = shop
    process(engine, dispute("charge.dispute.created", "needs_response"))
    assert process(engine, dispute("charge.dispute.closed", "won")) == "dispute released"
    process(engine, dispute("charge.dispute.funds_reinstated", "won"))
    assert entries(engine, "dispute_loss") == []
    paid = {r.vendor_id: r.amount for r in schedule_payouts(engine, EmbeddedGateway(), RUN)}
    assert paid == {a: jpy(NET_A), b: jpy(NET_B)}


def test_a_dispute_after_the_payout_becomes_debt_recovered_from_the_next_earnings(shop):
    engine, a, _ = shop
    schedule_payouts(engine, EmbeddedGateway(), RUN)
    process(engine, dispute("charge.dispute.created", "needs_response"))
    assert balances(engine, a).debt == jpy(NET_A) and balances(engine, a).available == jpy(0)
    process(engine, dispute("charge.dispute.closed", "won"))
    assert balances(engine, a).debt == jpy(0) and balances(engine, a).available == jpy(0)  # nothing paid twice


@pytest.mark.parametrize("closing, loss", [("lost", True), ("won", False), ("warning_closed", False)])
def test_closed_before_created_applies_the_outcome_once(shop, closing, loss):
    engine, a, b = shop
    assert process(engine, dispute("charge.dispute.closed", closing)) == f"dispute {'lost' if loss else 'released'}"
    assert process(engine, dispute("charge.dispute.created", "needs_response")) == "dispute already closed"
    assert entries(engine, "dispute_hold") == [] and entries(engine, "dispute_release") == []
    assert entries(engine, "dispute_loss") == (sorted([(a, -NET_A), (b, -NET_B)]) if loss else [])
    assert balances(engine, a).available == jpy(0 if loss else NET_A)


def test_a_dashboard_refund_is_recorded_once_in_proportion_and_the_rest_reverses_exactly(shop):
    engine, a, b = shop
    assert process(engine, charge_refunded(2000)) == "refund recorded"
    assert process(engine, charge_refunded(2000)) == "refund already recorded"  # Stripe retried
    assert process(engine, charge_refunded(1000)) == "refund already recorded"  # an older event, late
    assert entries(engine, "refund") == sorted([(a, -1828), (b, -953)])
    assert entries(engine, "commission") == sorted([(a, -960), (a, 183), (b, -500), (b, 95)])
    with Session(engine) as s:
        assert s.exec(select(Payment)).one().refunded_minor == 2000
        assert sorted(r.amount_minor for r in s.exec(select(Refund))) == [667, 1333]
        assert {o.payment_status for o in s.exec(select(VendorOrder))} == {"partially_refunded"}

    assert process(engine, charge_refunded(TOTAL)) == "refund recorded"  # then the rest, in the dashboard
    assert process(engine, charge_refunded(TOTAL)) == "refund already recorded"
    with session_scope(engine) as s:
        assert s.exec(select(Payment)).one().refunded_minor == TOTAL
        assert {o.payment_status for o in s.exec(select(VendorOrder))} == {"refunded"}
        assert ledger.total(s, a) == jpy(0) and ledger.total(s, b) == jpy(0)  # sale and commission fully reversed
    assert count(engine, Refund) == 4


def test_a_dashboard_refund_listed_on_the_charge_keeps_its_refund_id(shop):
    engine, _, _ = shop
    listed = [{"id": "re_3QxDashboard02", "object": "refund", "amount": 500, "status": "succeeded"},
              {"id": "re_3QxDashboard01", "object": "refund", "amount": 300, "status": "succeeded"}]
    process(engine, charge_refunded(800, refunds=listed))
    with Session(engine) as s:
        assert {r.external_id for r in s.exec(select(Refund))} == {"re_3QxDashboard02"}
        assert sum(r.amount_minor for r in s.exec(select(Refund))) == 800


class _StripeSendsTheWebhookFirst:
    """A gateway whose refund is answered by Stripe's ``charge.refunded`` reaching the worker before the
    app's own request returns (the race the module's contract covers)."""

    name = "stripe"

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.engine, self.outcomes = engine, []

    def refund(self, intent_id: str, amount: Money, *, idempotency_key: str) -> RefundResult:
        assert intent_id == INTENT
        self.outcomes.append(process(self.engine, charge_refunded(amount.minor)))
        return RefundResult(id="re_3QxAppRefund01", status="succeeded", amount=amount)


def test_the_apps_own_refund_is_not_counted_again_when_stripe_reports_it(shop):
    engine, a, _ = shop
    gateway = _StripeSendsTheWebhookFirst(engine)
    with Session(engine) as s:
        order = s.exec(select(VendorOrder).where(VendorOrder.vendor_id == a)).one()
        line = s.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id)).one()
    with clock.frozen(RUN - timedelta(hours=2)):
        refund = refund_order_lines(engine, order.id, [(line.id, 1)], gateway=gateway, idempotency_key="r-1")
    assert gateway.outcomes == ["refund already recorded"]
    assert process(engine, charge_refunded(refund.amount_minor)) == "refund already recorded"  # after, too
    with Session(engine) as s:
        assert s.exec(select(Payment)).one().refunded_minor == refund.amount_minor == 2000
        assert s.exec(select(Refund)).one().external_id == "re_3QxAppRefund01"
    assert entries(engine, "refund") == [(a, -3200)]
    # a dashboard refund on top of it is still seen: 5.00 more than the app recorded
    assert process(engine, charge_refunded(2500)) == "refund recorded"
    with Session(engine) as s:
        assert s.exec(select(Payment)).one().refunded_minor == 2500


@pytest.mark.parametrize("event", [
    dispute("charge.dispute.created", "needs_response", intent="pi_SomebodyElse"),
    charge_refunded(100) | {"data": {"object": {"id": CHARGE, "object": "charge", "payment_intent": "pi_Other",
                                                "amount_refunded": 100, "currency": "eur"}}},
], ids=["dispute", "refund"])
def test_events_for_a_payment_the_shop_does_not_know_change_nothing(shop, event):
    engine, a, _ = shop
    assert process(engine, event) == "ignored: unknown payment"
    assert count(engine, Dispute) == 0 and count(engine, Refund) == 0 and balances(engine, a).available == jpy(NET_A)


@pytest.mark.parametrize("broken", [
    {"amount": "10499"}, {"amount": -5}, {"amount": True}, {"status": None}, {"id": ""}, {"payment_intent": 42},
    {"currency": "xxx"}, {"id": "dp_" + "x" * 200},
])
def test_a_malformed_dispute_is_refused_and_stores_nothing(shop, broken):
    engine, a, _ = shop
    event = dispute("charge.dispute.created", "needs_response")
    event["data"]["object"].update(broken)
    assert process(engine, event) == "ignored: malformed"
    assert count(engine, Dispute) == 0 and count(engine, LedgerEntry) == 4
    assert process(engine, {"id": "evt_x", "type": "charge.dispute.created", "data": {"object": "nope"}}) \
        == "ignored: malformed"


def test_a_malformed_or_foreign_currency_refund_is_refused_and_stores_nothing(shop):
    engine, _, _ = shop
    for change in ({"amount_refunded": None}, {"currency": "usd"}, {"amount_refunded": 10**3 + 0.5}):
        event = charge_refunded(1000)
        event["data"]["object"].update(change)
        assert process(engine, event) == "ignored: malformed"
    assert count(engine, Refund) == 0
    with Session(engine) as s:
        assert s.exec(select(Payment)).one().refunded_minor == 0


def test_a_signed_dispute_webhook_reaches_the_ledger_through_the_worker(shop):
    engine, a, _ = shop
    body = json.dumps(dispute("charge.dispute.created", "needs_response")).encode()
    secret = "whsec_disputes"
    assert receive_stripe_webhook(engine, body, sign(body, secret, int(time.time())), secret) == (200, "processed")
    assert run_once(engine, default_handlers(engine)) == 1
    assert balances(engine, a).available == jpy(0)
    with Session(engine) as s:
        assert s.exec(select(Dispute)).one().state == "held"


@pytest.mark.parametrize("make, outcomes", [
    (lambda: charge_refunded(2000), ["refund already recorded", "refund recorded"]),
    (lambda: dispute("charge.dispute.created", "needs_response"), ["dispute held", "dispute still held"]),
], ids=["refund", "dispute"])
def test_two_workers_handling_the_same_news_at_once_record_it_once(shop, make, outcomes):
    """Two deliveries (distinct event ids, same news) processed by two workers at the same moment."""
    engine, a, _ = shop
    barrier, results = threading.Barrier(2), []

    def work() -> None:
        event = make()
        barrier.wait()
        results.append(process_stripe_event(engine, event))

    with clock.frozen(RUN - timedelta(hours=1)):
        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(results) == outcomes
    assert len(entries(engine, "refund")) + len(entries(engine, "dispute_hold")) == 2  # one per vendor order


def test_a_hold_on_an_order_not_yet_delivered_keeps_it_out_of_every_payout(db_engine):
    """Delivered after the dispute opened: the hold moves into the available bucket with the sale."""
    from tests.integration.money_movement.builders import Line, paid_vendor_order

    with clock.frozen(T0), session_scope(db_engine) as s:
        s.add(CommissionRule(rate_bps=1000))
        vendor = factories.vendor(s)
        order = paid_vendor_order(s, vendor, factories.category(s), [Line(3200, 3, 2000)])
        ledger.record_sale(s, order)
        payment = s.exec(select(Payment).where(Payment.group_id == order.group_id)).one()
        payment.external_id, payment.gateway = INTENT, "stripe"
        vendor_id, order_id = vendor.id, order.id
    assert process(db_engine, dispute("charge.dispute.created", "needs_response", amount=6999)) == "dispute held"
    with clock.frozen(T0), session_scope(db_engine) as s:
        ledger.mark_delivered(s, s.get(VendorOrder, order_id), T0)
    assert balances(db_engine, vendor_id) == ledger.Balances(pending=jpy(0), available=jpy(0), paid_out=jpy(0),
                                                             debt=jpy(0))
    assert schedule_payouts(db_engine, EmbeddedGateway(), RUN) == []
    process(db_engine, dispute("charge.dispute.closed", "won"))
    assert balances(db_engine, vendor_id).available == jpy(NET_A)


def test_a_refund_while_the_dispute_is_open_is_not_taken_a_second_time_when_it_is_lost(shop):
    """Stripe withdraws nothing more for a refunded payment: the loss is capped by what the vendor still earns."""
    engine, a, b = shop
    process(engine, dispute("charge.dispute.created", "warning_needs_response"))
    assert process(engine, charge_refunded(2000)) == "refund recorded"
    assert process(engine, dispute("charge.dispute.closed", "lost")) == "dispute lost"
    assert entries(engine, "dispute_loss") == sorted([(a, -(NET_A - 1828 + 183)), (b, -(NET_B - 953 + 95))])
    with session_scope(engine) as s:
        assert ledger.total(s, a) == jpy(0) and ledger.total(s, b) == jpy(0)

"""Commission, ledger, refunds and payouts against SQLite and PostgreSQL (given / when / then)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.models import CommissionLine, CommissionRule, LedgerEntry, Payout, Refund
from marketplace.payments import ledger
from marketplace.payments.commission import CommissionSource, freeze_commission, rate_for
from marketplace.payments.payouts import create_payout
from marketplace.payments.refunds import apply_refund, load_refund_context, plan_refund, refund_lines
from tests import factories
from tests.integration.money_movement.builders import Line, order_lines, paid_vendor_order

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
MUGS = Line(vendor_unit_minor=3200, quantity=3, unit_minor=2000, duty_minor=100, tax_minor=1301)
TEAPOT = Line(vendor_unit_minor=8900, quantity=1, unit_minor=5555, tax_minor=1111)


def jpy(minor: int) -> Money:
    return Money(minor, "JPY")


def entries(session, vendor_id):
    return list(session.exec(select(LedgerEntry).where(LedgerEntry.vendor_id == vendor_id).order_by(LedgerEntry.id)))


@pytest.fixture
def shop(db_engine):
    """A JPY vendor in shoes ⊂ clothing, a platform default of 10 % and 8 % on clothing."""
    with clock.frozen(T0 - timedelta(days=30)), session_scope(db_engine) as s:
        vendor = factories.vendor(s)
        clothing = factories.category(s)
        shoes = factories.category(s, parent=clothing)
        s.add(CommissionRule(rate_bps=1000))
        s.add(CommissionRule(rate_bps=800, category_id=clothing.id))
    return db_engine, vendor, clothing, shoes


def test_rate_for_reads_the_nearest_category_rule_and_the_vendor_override(shop):
    engine, vendor, clothing, shoes = shop
    with session_scope(engine) as s:
        assert rate_for(s, vendor.id, shoes.id, T0)[0::2] == (800, CommissionSource.CATEGORY_RULE)
        assert rate_for(s, vendor.id, None, T0)[0::2] == (1000, CommissionSource.PLATFORM_RULE)
        s.get(type(vendor), vendor.id).commission_bps = 1500
        s.flush()
        assert rate_for(s, vendor.id, shoes.id, T0) == (1500, None, CommissionSource.VENDOR_OVERRIDE)


def test_sale_writes_one_sale_and_one_commission_entry_once(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS, TEAPOT])
        first = ledger.record_sale(s, order)
        again = ledger.record_sale(s, order)
    with session_scope(engine) as s:
        rows = entries(s, vendor.id)
        lines = list(s.exec(select(CommissionLine).where(CommissionLine.vendor_order_id == order.id)))
    assert first.created and not again.created
    goods = 3 * 3200 + 8900
    commission = 768 + 712  # 8 % of 9600 and of 8900 (goods only: no shipping, duty or tax)
    assert [(e.kind, e.amount_minor, e.amount_currency) for e in rows] == [
        ("sale", goods, "JPY"), ("commission", -commission, "JPY")]
    assert sorted(c.amount_minor for c in lines) == [712, 768]
    assert {c.rate_bps for c in lines} == {800}
    assert all(e.available_at is None for e in rows)


def test_freeze_commission_twice_keeps_the_first_rates(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS])
        first = [c.id for c in freeze_commission(s, order)]
        s.add(CommissionRule(rate_bps=5000))  # a later change of rules does not touch placed orders
        s.flush()
        assert [c.id for c in freeze_commission(s, order)] == first


def test_money_is_pending_until_seven_days_after_delivery_then_available(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS])
        ledger.record_sale(s, order)
    net = jpy(9600 - 768)
    with session_scope(engine) as s:
        before = ledger.balances(s, vendor.id, T0 + timedelta(days=30))
        assert (before.pending, before.available) == (net, jpy(0))  # not delivered: never available
        ledger.mark_delivered(s, order, T0 + timedelta(days=2))
        ledger.mark_delivered(s, order, T0 + timedelta(days=5))  # a repeated delivery event moves nothing
    with session_scope(engine) as s:
        in_hold = ledger.balances(s, vendor.id, T0 + timedelta(days=9) - timedelta(seconds=1))
        after = ledger.balances(s, vendor.id, T0 + timedelta(days=9))
    assert (in_hold.pending, in_hold.available) == (net, jpy(0))
    assert (after.pending, after.available, after.paid_out, after.debt) == (jpy(0), net, jpy(0), jpy(0))


def test_payout_takes_exactly_the_available_balance_and_is_idempotent(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        delivered = paid_vendor_order(s, vendor, shoes, [MUGS])
        in_transit = paid_vendor_order(s, vendor, shoes, [TEAPOT])
        ledger.record_sale(s, delivered)
        ledger.record_sale(s, in_transit)
        ledger.mark_delivered(s, delivered, T0)
    when = T0 + timedelta(days=8)
    with immediate_scope(engine) as s:
        payout = create_payout(s, vendor.id, when)
    with immediate_scope(engine) as s:
        assert create_payout(s, vendor.id, when) is None
    with session_scope(engine) as s:
        rows = list(s.exec(select(Payout)))
        b = ledger.balances(s, vendor.id, when)
        payout_entries = [e for e in entries(s, vendor.id) if e.kind == "payout"]
    assert payout is not None and (payout.amount_minor, payout.amount_currency) == (9600 - 768, "JPY")
    assert [(p.status, p.gateway) for p in rows] == [("paid", "embedded")]
    assert [e.amount_minor for e in payout_entries] == [-(9600 - 768)]
    assert (b.available, b.pending, b.paid_out) == (jpy(0), jpy(8900 - 712), jpy(9600 - 768))


def test_partial_refund_reverses_commission_proportionally_and_is_idempotent(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS, TEAPOT])
        ledger.record_sale(s, order)
        mugs_id = order_lines(s, order)[0].id
    with immediate_scope(engine) as s:
        plan = plan_refund(load_refund_context(s, order.id), [(mugs_id, 1)], include_shipping=False)
        refund = apply_refund(s, plan, "rf-1", reason="chipped")
    with immediate_scope(engine) as s:
        retry = apply_refund(s, plan, "rf-1")
    with session_scope(engine) as s:
        assert len(list(s.exec(select(Refund)))) == 1
        rows = entries(s, vendor.id)
    assert retry.id == refund.id
    assert (refund.amount_minor, refund.amount_currency, refund.status) == (2000 + 33 + 434, "EUR", "pending")
    by_refund = [(e.kind, e.amount_minor) for e in rows if e.refund_id == refund.id]
    assert by_refund == [("refund", -3200), ("commission", 256)]  # one third of 768


def test_a_stale_plan_is_refused_and_over_refund_writes_nothing(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS])
        ledger.record_sale(s, order)
        mugs_id = order_lines(s, order)[0].id
    with session_scope(engine) as s:
        plan = plan_refund(load_refund_context(s, order.id), [(mugs_id, 2)])
    with immediate_scope(engine) as s:
        refund_lines(s, order.id, [(mugs_id, 2)], "rf-a")
    with pytest.raises(ValidationError) as err, immediate_scope(engine) as s:
        apply_refund(s, plan, "rf-b")  # planned before rf-a: 2 more mugs no longer remain
    assert err.value.message == "Only %(remaining)s units of this line can still be refunded."
    with pytest.raises(ValidationError), immediate_scope(engine) as s:
        refund_lines(s, order.id, [(mugs_id, 2)], "rf-c")
    with session_scope(engine) as s:
        assert [r.idempotency_key for r in s.exec(select(Refund))] == ["rf-a"]
        assert len(entries(s, vendor.id)) == 4  # sale, commission, refund, reversal


def test_whole_life_balances_add_up(shop):
    """captured − refunded − commission − paid out = available + pending − debt, at every step."""
    engine, vendor, _, shoes = shop

    def check(s, when):
        rows = entries(s, vendor.id)
        total = sum(e.amount_minor for e in rows)
        b = ledger.balances(s, vendor.id, when)
        assert min(b.available.minor, b.pending.minor, b.paid_out.minor, b.debt.minor) >= 0
        assert b.available.minor + b.pending.minor - b.debt.minor == total
        captured = sum(e.amount_minor for e in rows if e.kind == "sale")
        refunded = -sum(e.amount_minor for e in rows if e.kind == "refund")
        commission = -sum(e.amount_minor for e in rows if e.kind == "commission")
        assert captured - refunded - commission - b.paid_out.minor == total
        return b

    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS, TEAPOT])
        ledger.record_sale(s, order)
        ledger.mark_delivered(s, order, T0 + timedelta(days=1))
        mugs_id, teapot_id = (x.id for x in order_lines(s, order))
        check(s, T0)
    with session_scope(engine) as s:
        refund_lines(s, order.id, [(mugs_id, 1)], "life-1")
        b = check(s, T0 + timedelta(days=8))
        assert b.available == jpy(9600 + 8900 - 768 - 712 - 3200 + 256)
    with immediate_scope(engine) as s:
        create_payout(s, vendor.id, T0 + timedelta(days=8))
        b = check(s, T0 + timedelta(days=8))
        assert b.available == jpy(0)
    # the teapot comes back after the payout: the vendor now owes it (debt), nothing is paid out
    with immediate_scope(engine) as s:
        refund_lines(s, order.id, [(teapot_id, 1)], "life-2")
        b = check(s, T0 + timedelta(days=9))
        assert (b.available, b.debt) == (jpy(0), jpy(8900 - 712))
        assert create_payout(s, vendor.id, T0 + timedelta(days=9)) is None
    # a new delivered sale repays the debt first
    with clock.frozen(T0 + timedelta(days=10)), session_scope(engine) as s:
        second = paid_vendor_order(s, vendor, shoes, [MUGS])
        ledger.record_sale(s, second)
        b = check(s, T0 + timedelta(days=10))
        assert (b.pending, b.debt) == (jpy(9600 - 768 - (8900 - 712)), jpy(0))


def _race(target, n=2):
    import threading

    barrier, results, errors = threading.Barrier(n), [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, errors


def test_concurrent_payouts_and_refund_retries_do_not_double_up(shop):
    engine, vendor, _, shoes = shop
    with clock.frozen(T0), session_scope(engine) as s:
        order = paid_vendor_order(s, vendor, shoes, [MUGS])
        ledger.record_sale(s, order)
        ledger.mark_delivered(s, order, T0)
        mugs_id = order_lines(s, order)[0].id

    def payout():
        with immediate_scope(engine) as s:
            p = create_payout(s, vendor.id, T0 + timedelta(days=8))
            return p and p.amount_minor

    results, errors = _race(payout)
    assert not errors and sorted(results, key=str) == [9600 - 768, None]

    def refund():
        with immediate_scope(engine) as s:
            return refund_lines(s, order.id, [(mugs_id, 1)], "double-click").id

    results, errors = _race(refund)
    assert not errors and len(set(results)) == 1
    with session_scope(engine) as s:
        assert len(list(s.exec(select(Payout)))) == 1
        assert len(list(s.exec(select(Refund)))) == 1
        assert len([e for e in entries(s, vendor.id) if e.refund_id is not None]) == 2

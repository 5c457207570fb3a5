"""Random sequences of sales, deliveries, partial refunds and payouts (SQLite): the ledger always balances.

Invariants after every step:
  captured − refunded − commission − paid out = the vendor's balance = available + pending − debt;
  no balance is negative; what the shopper got back never exceeds what they paid, per order;
  the payout rows equal the payout entries.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlmodel import select

from marketplace.core import clock
from marketplace.core.db import engine_for, immediate_scope, session_scope
from marketplace.core.errors import ValidationError
from marketplace.models import CommissionRule, LedgerEntry, Payout, Refund, VendorOrder
from marketplace.payments import ledger
from marketplace.payments.payouts import create_payout
from marketplace.payments.refunds import refund_lines
from tests import factories
from tests.conftest import migrate
from tests.integration.money_movement.builders import Line, order_lines, paid_vendor_order

T0 = datetime(2025, 1, 6, tzinfo=UTC)
line_st = st.builds(Line, vendor_unit_minor=st.integers(1, 50_000), quantity=st.integers(1, 5),
                    unit_minor=st.integers(1, 40_000), duty_minor=st.integers(0, 3_000),
                    tax_minor=st.integers(0, 9_000))


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(self.tmp.name) / 'ledger.db'}"
        migrate(url)
        self.engine = engine_for(url)
        self.now = T0
        self.keys = 0
        with clock.frozen(T0), session_scope(self.engine) as s:
            self.vendor = factories.vendor(s)
            self.category = factories.category(s)
            s.add(CommissionRule(rate_bps=1234, effective_from=T0 - timedelta(days=1)))
        self.orders: list[int] = []
        self.delivered: set[int] = set()

    def teardown(self) -> None:
        self.engine.dispose()
        engine_for.cache_clear()
        self.tmp.cleanup()

    @rule(lines=st.lists(line_st, min_size=1, max_size=3), shipping=st.integers(0, 2_000))
    def sell(self, lines, shipping):
        with clock.frozen(self.now), immediate_scope(self.engine) as s:
            order = paid_vendor_order(s, self.vendor, self.category, lines, shipping_minor=shipping)
            ledger.record_sale(s, order)
            self.orders.append(order.id)

    @precondition(lambda self: set(self.orders) - self.delivered)
    @rule(data=st.data())
    def deliver(self, data):
        order_id = data.draw(st.sampled_from(sorted(set(self.orders) - self.delivered)))
        with immediate_scope(self.engine) as s:
            ledger.mark_delivered(s, s.get(VendorOrder, order_id), self.now)
        self.delivered.add(order_id)

    @precondition(lambda self: self.orders)
    @rule(data=st.data(), include_shipping=st.booleans())
    def refund(self, data, include_shipping):
        order_id = data.draw(st.sampled_from(self.orders))
        with immediate_scope(self.engine) as s:
            lines = order_lines(s, s.get(VendorOrder, order_id))
        line = data.draw(st.sampled_from(lines))
        quantity = data.draw(st.integers(1, line.quantity))
        self.keys += 1
        try:
            with clock.frozen(self.now), immediate_scope(self.engine) as s:
                refund_lines(s, order_id, [(line.id, quantity)], f"k{self.keys}", include_shipping)
        except ValidationError as err:
            assert err.message == "Only %(remaining)s units of this line can still be refunded."

    @rule()
    def payout(self):
        with clock.frozen(self.now), immediate_scope(self.engine) as s:
            create_payout(s, self.vendor.id, self.now)
            assert create_payout(s, self.vendor.id, self.now) is None

    @rule(days=st.integers(1, 10))
    def wait(self, days):
        self.now += timedelta(days=days)

    @invariant()
    def books_balance(self):
        with session_scope(self.engine) as s:
            rows = list(s.exec(select(LedgerEntry)))
            b = ledger.balances(s, self.vendor.id, self.now)
            total = sum(e.amount_minor for e in rows)
            by_kind = {k: sum(e.amount_minor for e in rows if e.kind == k)
                       for k in ("sale", "refund", "commission", "payout")}
            assert by_kind["sale"] + by_kind["refund"] + by_kind["commission"] - b.paid_out.minor == total
            assert min(b.available.minor, b.pending.minor, b.paid_out.minor, b.debt.minor) >= 0
            assert b.available.minor + b.pending.minor - b.debt.minor == total
            assert -by_kind["payout"] == sum(p.amount_minor for p in s.exec(select(Payout)))
            for order_id in self.orders:
                order = s.get(VendorOrder, order_id)
                back = sum(r.amount_minor for r in s.exec(select(Refund).where(Refund.vendor_order_id == order_id)))
                assert 0 <= back <= order.total_minor
                net = sum(e.amount_minor for e in rows if e.vendor_order_id == order_id)
                assert net >= 0  # an order never costs the vendor more than it earned


LedgerMachine.TestCase.settings = settings(
    max_examples=12, stateful_step_count=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_ledger_state_machine = pytest.mark.slow(LedgerMachine.TestCase)

"""The seller's money queries (vendors.money), on SQLite and PostgreSQL: balances and the commission rate, the
ledger filtered by kind and month and paginated newest first, payouts, the month's statement with a running
balance; another vendor's entries never appear, and filters outside their fixed sets are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from marketplace.core.errors import NotAuthenticated, PermissionDenied, ValidationError
from marketplace.models import Vendor, VendorOrder
from marketplace.payments import ledger
from marketplace.vendors import money
from tests.integration.vendors.money_world import OTHER_MEMO, money_world

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_summary_shows_the_ledger_balances_and_the_vendors_own_commission_rate(db_engine):
    w = money_world(db_engine)
    with Session(db_engine) as session:
        session.get(Vendor, w.world.vendor_id).commission_bps = 850
        session.commit()
        found = money.money_summary(session, w.world.seller, NOW)
        assert found.balances == ledger.balances(session, w.world.vendor_id, NOW)
        assert found.currency == "JPY" and found.commission_bps == 850 and found.hold_days == 7
        total = ledger.total(session, w.world.vendor_id)
    b = found.balances
    assert (b.available + b.pending - b.debt) == total
    assert found.next_available_at is None  # the order is not delivered: its money has no date yet


def test_the_next_date_is_the_earliest_future_available_at(db_engine):
    w = money_world(db_engine)
    with Session(db_engine) as session:
        ledger.mark_delivered(session, session.get(VendorOrder, w.world.order_id), NOW, hold_days=7)
        session.commit()
        found = money.money_summary(session, w.world.seller, NOW)
    assert found.next_available_at == datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    assert found.next_available.minor > 0


def test_ledger_is_newest_first_filtered_by_kind_and_month_and_never_shows_another_vendor(db_engine):
    w = money_world(db_engine)
    with Session(db_engine) as session:
        everything = money.ledger_page(session, w.world.seller)
        refunds = money.ledger_page(session, w.world.seller, "refund")
        november = money.ledger_page(session, w.world.seller, "all", "2026-11")
        other = money.ledger_page(session, w.world.other_seller)
    stamps = [row.at for row in everything.rows]
    assert stamps == sorted(stamps, reverse=True)
    assert {row.kind for row in everything.rows} >= {"sale", "commission", "refund", "payout", "adjustment"}
    assert [(r.kind, r.amount.minor, r.order_number) for r in refunds.rows] == [("refund", -700, w.number)]
    assert [r.kind for r in november.rows] == ["refund", "payout", "adjustment"]
    assert OTHER_MEMO not in {r.memo for r in everything.rows}
    assert [r.memo for r in other.rows] == [OTHER_MEMO]


def test_ledger_pages_hold_fifty_rows(db_engine):
    w = money_world(db_engine, adjustments=55)
    with Session(db_engine) as session:
        first = money.ledger_page(session, w.world.seller, "adjustment", "", 1)
        second = money.ledger_page(session, w.world.seller, "adjustment", "", 2)
    assert len(first.rows) == 50 and first.has_more
    assert len(second.rows) == 6 and not second.has_more  # 55 bulk + the November one
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}


@pytest.mark.parametrize(("kind", "month", "page", "field"), [
    ("sales", "", 1, "kind"), (None, "", 1, "kind"), ("all", "2026-13", 1, "month"), ("all", "2026-1", 1, "month"),
    ("all", "2026-11-01", 1, "month"), ("all", "", 0, "page"), ("all", "", 10_001, "page"), ("all", "", "2", "page"),
    ("all", "", True, "page"),
])
def test_filters_outside_their_fixed_sets_are_refused(db_engine, kind, month, page, field):
    w = money_world(db_engine)
    with Session(db_engine) as session, pytest.raises(ValidationError) as refused:
        money.ledger_page(session, w.world.seller, kind, month, page)
    assert refused.value.field == field


def test_only_sellers_with_a_vendor_read_money(db_engine):
    w = money_world(db_engine)
    with Session(db_engine) as session:
        with pytest.raises(NotAuthenticated):
            money.ledger_page(session, None)
        for who in (w.world.shopper, w.world.staff):
            with pytest.raises(PermissionDenied):
                money.money_summary(session, who)
            with pytest.raises(PermissionDenied):
                money.statement(session, who, "2026-11")


def test_payouts_and_the_months_statement_with_its_running_balance(db_engine):
    w = money_world(db_engine, adjustments=3)
    with Session(db_engine) as session:
        payouts = money.payouts(session, w.world.seller)
        found = money.statement(session, w.world.seller, "2026-11")
        assert money.payouts(session, w.world.other_seller) == ()
    assert [(p.amount.minor, p.status, p.reference) for p in payouts] == [(1000, "paid", "po_test_1")]
    assert found.opening.minor == 3  # October's three adjustments of ¥1
    assert [(r.entry.kind, r.entry.amount.minor, r.balance.minor) for r in found.rows] == [
        ("adjustment", 5000, 5003), ("payout", -1000, 4003), ("refund", -700, 3303)]

"""Staff commission rules (issue 13, point 7): list, add (scope, percent -> basis points, dates), end; overlaps and
out-of-range rates refused with nothing stored; audited; finance and admin only; and orders freeze the rate that
applied: a rule added or ended later never changes the commission of an order already placed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from marketplace.accounts.staff_roles import StaffRole
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.models import (
    AuditLog,
    CommissionLine,
    CommissionRule,
    Product,
    Role,
    User,
    Vendor,
    VendorOrder,
)
from marketplace.orders import commission_rules as rules
from marketplace.payments.commission import freeze_commission, rate_for
from marketplace.payments.error_codes import PaymentErrorCode
from tests import factories
from tests.factories_account import caller, order, vendor_orders

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
TODAY = NOW.date().isoformat()


def _day(days: int) -> str:
    return (NOW.date() + timedelta(days=days)).isoformat()


@pytest.fixture
def shop(db_engine):
    with Session(db_engine) as session:
        seller = factories.vendor(session, country="DE", currency="EUR")
        category = factories.category(session)
        item = factories.product(session, seller, category, price_minor=10000)
        finance = caller(session, factories.user(session, Role.STAFF, staff_role=StaffRole.FINANCE))
        shopper = factories.user(session)
        session.commit()
        return {"vendor": seller.id, "category": category.id, "product": item.id, "finance": finance,
                "shopper": shopper.id}


def _add(engine, who, **kw):
    kw.setdefault("scope", "default")
    kw.setdefault("rate", "12")
    kw.setdefault("effective_from", TODAY)
    kw.setdefault("reason", "pricing review")
    with clock.frozen(NOW), session_scope(engine) as session:
        return rules.add_rule(session, who, **kw)


def test_a_rule_is_added_in_basis_points_and_listed_as_current_or_scheduled(db_engine, shop):
    fin = shop["finance"]
    current = _add(db_engine, fin, rate="12.50")
    later = _add(db_engine, fin, scope="vendor", vendor_id=str(shop["vendor"]), rate="7.25", effective_from=_day(10))
    assert (current.rate_bps, current.status, current.effective_from) == (1250, rules.RuleStatus.CURRENT, NOW)
    assert (later.rate_bps, later.status, later.vendor_name) == (725, rules.RuleStatus.SCHEDULED,
                                                                 later.vendor_name)
    with clock.frozen(NOW), Session(db_engine) as session:
        view = rules.commission_overview(session, fin)
        assert [(r.id, r.status) for r in view.rules] == [(current.id, "current"), (later.id, "scheduled")]
        entry = session.exec(select(AuditLog).where(AuditLog.action == "commission.rule_added")).first()
    assert entry.actor_user_id == fin.user_id and entry.detail["reason"] == "pricing review"
    assert entry.detail["after"]["rate_bps"] == 1250


@pytest.mark.parametrize(("kw", "code"), [
    ({"rate": "50.01"}, PaymentErrorCode.COMMISSION_RATE_INVALID),
    ({"rate": "-1"}, PaymentErrorCode.COMMISSION_RATE_INVALID),
    ({"rate": "12.345"}, PaymentErrorCode.COMMISSION_RATE_INVALID),
    ({"rate": "abc"}, PaymentErrorCode.COMMISSION_RATE_INVALID),
    ({"rate": 12}, PaymentErrorCode.COMMISSION_RATE_INVALID),
    ({"scope": "planet"}, PaymentErrorCode.COMMISSION_SCOPE_INVALID),
    ({"scope": "vendor", "vendor_id": "999999"}, PaymentErrorCode.COMMISSION_SCOPE_INVALID),
    ({"scope": "category"}, PaymentErrorCode.COMMISSION_SCOPE_INVALID),
    ({"effective_from": "2026-12-01"}, PaymentErrorCode.COMMISSION_DATES_INVALID),
    ({"effective_from": "tomorrow"}, PaymentErrorCode.COMMISSION_DATES_INVALID),
    ({"effective_to": TODAY}, PaymentErrorCode.COMMISSION_DATES_INVALID),
    ({"reason": " "}, PaymentErrorCode.COMMISSION_REASON_REQUIRED),
])
def test_bad_rules_are_refused_and_nothing_is_stored(db_engine, shop, kw, code):
    with pytest.raises(ValidationError) as refused:
        _add(db_engine, shop["finance"], **kw)
    assert refused.value.code == code
    with Session(db_engine) as session:
        assert session.exec(select(CommissionRule)).all() == []


def test_a_rule_overlapping_one_of_the_same_scope_is_refused_other_scopes_are_not(db_engine, shop):
    fin = shop["finance"]
    first = _add(db_engine, fin, rate="12", effective_to=_day(30))
    with pytest.raises(ValidationError) as refused:
        _add(db_engine, fin, rate="10", effective_from=_day(29))
    assert refused.value.code == PaymentErrorCode.COMMISSION_OVERLAP and refused.value.params["id"] == first.id
    _add(db_engine, fin, rate="10", effective_from=_day(30))  # starts when the first ends
    _add(db_engine, fin, scope="category", category_id=shop["category"], rate="15")  # another scope


def test_ending_a_rule_stops_it_and_a_successor_can_start(db_engine, shop):
    fin = shop["finance"]
    old = _add(db_engine, fin, rate="12")
    with clock.frozen(NOW), session_scope(db_engine) as session:
        ended = rules.end_rule(session, fin, old.id, on=_day(7), reason="new tariff from next week")
    assert ended.effective_to == datetime(2026, 12, 9, tzinfo=UTC)
    _add(db_engine, fin, rate="10", effective_from=_day(7))
    with clock.frozen(NOW), session_scope(db_engine) as session:
        with pytest.raises(ValidationError):
            rules.end_rule(session, fin, old.id, on=_day(8), reason="later than it already ends")
        with pytest.raises(NotFound):
            rules.end_rule(session, fin, 999999, reason="no such rule")
        entry = session.exec(select(AuditLog).where(AuditLog.action == "commission.rule_ended")).one()
    assert entry.detail["after"]["effective_to"].startswith("2026-12-09")


def test_orders_freeze_the_rate_that_applied_when_they_were_placed(db_engine, shop):
    fin = shop["finance"]
    default = _add(db_engine, fin, rate="12")
    with clock.frozen(NOW + timedelta(hours=1)), session_scope(db_engine) as session:
        placed = order(session, session.get(User, shop["shopper"]),
                       [(session.get(Vendor, shop["vendor"]), [(session.get(Product, shop["product"]), 1)])],
                       currency="EUR", unit_minor=10000)
        vendor_order = vendor_orders(session, placed)[0]
        frozen = [(c.rate_bps, c.amount_minor) for c in freeze_commission(session, vendor_order)]
        vo_id = vendor_order.id
    assert frozen == [(1200, 1200)]  # 12 % of 100.00 EUR
    # staff change the rules afterwards: a vendor rule of 5 % from now, the default ended
    with clock.frozen(NOW + timedelta(hours=2)), session_scope(db_engine) as session:
        rules.end_rule(session, fin, default.id, reason="replaced")
        rules.add_rule(session, fin, scope="vendor", vendor_id=shop["vendor"], rate="5", effective_from=TODAY,
                       reason="launch partner")
    with clock.frozen(NOW + timedelta(hours=3)), session_scope(db_engine) as session:
        again = freeze_commission(session, session.get(VendorOrder, vo_id))
        assert [(c.rate_bps, c.amount_minor) for c in again] == [(1200, 1200)]
        stored = session.exec(select(CommissionLine).where(CommissionLine.vendor_order_id == vo_id)).all()
        assert [(c.rate_bps, c.amount_minor) for c in stored] == [(1200, 1200)]
        assert rate_for(session, shop["vendor"], shop["category"], clock.now()).rate_bps == 500  # new orders


def test_only_finance_and_admin_manage_commission(db_engine, shop):
    with Session(db_engine) as session:
        people = {name: caller(session, u) for name, u in {
            "moderator": factories.user(session, Role.STAFF),
            "support": factories.user(session, Role.STAFF, staff_role=StaffRole.SUPPORT),
            "shopper": factories.user(session), "admin": factories.user(session, Role.ADMIN)}.items()}
        session.commit()
    for name in ("moderator", "support", "shopper"):
        with session_scope(db_engine) as session:
            with pytest.raises(PermissionDenied):
                rules.commission_overview(session, people[name])
            with pytest.raises(PermissionDenied):
                rules.end_rule(session, people[name], 1, reason="r")
        with pytest.raises(PermissionDenied):
            _add(db_engine, people[name])
    assert _add(db_engine, people["admin"]).rate_bps == 1200

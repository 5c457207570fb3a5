"""The staff audit log reader (accounts.audit_log), on SQLite and PostgreSQL: filters by actor (e-mail, id,
"system"), action (exact and prefix, "_" taken literally), object and date range, newest first, 50 a page;
every bad filter is refused with its own code; shoppers, sellers and nobody signed in are refused before
anything is read (an e-mail lookup included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from marketplace.accounts import audit_log
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, PermissionDenied, ValidationError
from marketplace.models import AuditLog, Role, User
from tests import factories

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _caller(user: User) -> Caller:
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=None, staff_role=user.staff_role)


@pytest.fixture
def log(db_engine):
    with Session(db_engine) as session:
        staff = factories.user(session, Role.STAFF, email="mod@example.com")
        admin = factories.user(session, Role.ADMIN)
        shopper = factories.user(session)
        vendor = factories.vendor(session)
        seller = factories.user(session, Role.SELLER, vendor=vendor)
        entries = [
            AuditLog(at=T0, actor_user_id=staff.id, action="vendor.approved", entity_type="vendor",
                     entity_id=str(vendor.id), detail={"reason": "Documents ok", "before": "pending"}),
            AuditLog(at=T0 + timedelta(days=1), actor_user_id=staff.id, action="vendor.suspended",
                     entity_type="vendor", entity_id=str(vendor.id), detail={"reason": "=cmd()"}),
            AuditLog(at=T0 + timedelta(days=2), actor_user_id=seller.id, action="product.visibility",
                     entity_type="product", entity_id="77", detail={"visible": False, "tags": ["a", "b"]}),
            AuditLog(at=T0 + timedelta(days=3), action="vendorXapproved", detail={}),  # "_"/"%" must not match it
            AuditLog(at=T0 + timedelta(days=40), action="auth.denied", detail={"path": "/staff"}),
        ]
        session.add_all(entries)
        session.commit()
        yield session, {"staff": staff, "admin": admin, "shopper": shopper, "seller": seller}


def _page(session, caller, page=1, **filters):
    return audit_log.audit_page(session, caller, audit_log.parse_filter(session, caller, **filters), page)


def _actions(found) -> list[str]:
    return [r.action for r in found.rows]


def test_staff_see_every_entry_newest_first_with_readable_details(log):
    session, who = log
    found = _page(session, _caller(who["staff"]))
    assert _actions(found) == ["auth.denied", "vendorXapproved", "product.visibility", "vendor.suspended",
                               "vendor.approved"]
    assert not found.has_more
    system, product, approved = found.rows[0], found.rows[2], found.rows[4]
    assert (system.actor_name, system.actor_email) == ("", "system")
    assert (product.actor_email, product.entity_type, product.entity_id) == (who["seller"].email, "product", "77")
    assert product.detail == 'tags: ["a", "b"]\nvisible: false'
    assert approved.detail == "before: pending\nreason: Documents ok"
    assert approved.actor_name == who["staff"].display_name


def test_an_admin_reads_it_too(log):
    session, who = log
    assert len(_page(session, _caller(who["admin"])).rows) == 5


@pytest.mark.parametrize(("filters", "expected"), [
    ({"actor": "MOD@example.com"}, ["vendor.suspended", "vendor.approved"]),
    ({"actor": "system"}, ["auth.denied", "vendorXapproved"]),
    ({"action": "vendor.approved"}, ["vendor.approved"]),
    ({"action": "vendor."}, ["vendor.suspended", "vendor.approved"]),
    ({"action": "vendor*"}, ["vendorXapproved", "vendor.suspended", "vendor.approved"]),
    ({"action": "vendor_*"}, []),  # "_" is literal, not a LIKE wildcard
    ({"entity_type": "product"}, ["product.visibility"]),
    ({"entity_type": "product", "entity_id": "78"}, []),
    ({"date_from": "2026-11-21", "date_to": "2026-11-22"}, ["product.visibility", "vendor.suspended"]),
    ({"date_from": "2026-12-01"}, ["auth.denied"]),
    ({"date_to": "2026-11-20"}, ["vendor.approved"]),
])
def test_filters(log, filters, expected):
    session, who = log
    assert _actions(_page(session, _caller(who["staff"]), **filters)) == expected


def test_actor_by_user_id(log):
    session, who = log
    found = _page(session, _caller(who["staff"]), actor=str(who["seller"].id))
    assert _actions(found) == ["product.visibility"]


def test_pages_of_fifty(log):
    session, who = log
    session.add_all([AuditLog(at=T0 - timedelta(minutes=i), action="team.invited", detail={"n": i})
                     for i in range(1, 56)])
    session.commit()
    caller = _caller(who["staff"])
    first = _page(session, caller, action="team.invited")
    second = _page(session, caller, 2, action="team.invited")
    assert (len(first.rows), first.has_more, len(second.rows), second.has_more) == (50, True, 5, False)
    assert first.rows[0].detail == "n: 1" and second.rows[-1].detail == "n: 55"
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}


@pytest.mark.parametrize(("filters", "code"), [
    ({"actor": "nobody@example.com"}, AccountErrorCode.AUDIT_ACTOR_UNKNOWN),
    ({"actor": "999999"}, AccountErrorCode.AUDIT_ACTOR_UNKNOWN),
    ({"actor": "not an email"}, AccountErrorCode.AUDIT_ACTOR_INVALID),
    ({"actor": 5}, AccountErrorCode.AUDIT_ACTOR_INVALID),
    ({"actor": "a" * 300}, AccountErrorCode.AUDIT_ACTOR_INVALID),
    ({"action": "vendor approved"}, AccountErrorCode.AUDIT_ACTION_INVALID),
    ({"action": "x" * 70}, AccountErrorCode.AUDIT_ACTION_INVALID),
    ({"action": "%"}, AccountErrorCode.AUDIT_ACTION_INVALID),
    ({"entity_type": "Vendor!"}, AccountErrorCode.AUDIT_OBJECT_INVALID),
    ({"entity_id": "12"}, AccountErrorCode.AUDIT_OBJECT_INVALID),
    ({"entity_type": "vendor", "entity_id": "1 OR 1=1"}, AccountErrorCode.AUDIT_OBJECT_INVALID),
    ({"date_from": "20-11-2026"}, AccountErrorCode.AUDIT_DATE_INVALID),
    ({"date_to": "2026-02-30"}, AccountErrorCode.AUDIT_DATE_INVALID),
    ({"date_from": None}, AccountErrorCode.AUDIT_DATE_INVALID),
    ({"date_from": "2026-11-22", "date_to": "2026-11-21"}, AccountErrorCode.AUDIT_DATE_RANGE),
    ({"date_from": "2025-01-01", "date_to": "2026-01-03"}, AccountErrorCode.AUDIT_DATE_RANGE),
])
def test_bad_filters_are_refused_with_their_code(log, filters, code):
    session, who = log
    with pytest.raises(ValidationError) as caught:
        audit_log.parse_filter(session, _caller(who["staff"]), **filters)
    assert caught.value.code == code


@pytest.mark.parametrize("page", [0, -1, audit_log.MAX_PAGE + 1, "2", True, 1.5])
def test_a_page_out_of_range_is_refused(log, page):
    session, who = log
    caller = _caller(who["staff"])
    with pytest.raises(ValidationError) as caught:
        audit_log.audit_page(session, caller, audit_log.parse_filter(session, caller), page)
    assert caught.value.code == AccountErrorCode.AUDIT_PAGE_INVALID


@pytest.mark.parametrize("who_name", ["shopper", "seller"])
def test_everyone_but_staff_is_refused_before_any_lookup(log, who_name):
    session, who = log
    caller = _caller(who[who_name])
    for call in (lambda: audit_log.parse_filter(session, caller, actor="nobody@example.com"),
                 lambda: audit_log.audit_page(session, caller, audit_log.AuditFilter()),
                 lambda: audit_log.audit_export(session, caller, audit_log.AuditFilter())):
        with pytest.raises(PermissionDenied) as caught:
            call()
        assert caught.value.code == AccountErrorCode.ROLE_NOT_ALLOWED


def test_nobody_signed_in_is_refused(log):
    session, _ = log
    with pytest.raises(NotAuthenticated):
        audit_log.parse_filter(session, None)
    with pytest.raises(NotAuthenticated):
        audit_log.audit_export(session, None, audit_log.AuditFilter())


def test_export_is_capped(log, monkeypatch):
    session, who = log
    monkeypatch.setattr(audit_log, "EXPORT_CAP", 3)
    rows, cut = audit_log.audit_export(session, _caller(who["staff"]), audit_log.AuditFilter())
    assert ([r.action for r in rows], cut) == (["auth.denied", "vendorXapproved", "product.visibility"], True)
    only = audit_log.AuditFilter(action="vendor.approved")
    rows, cut = audit_log.audit_export(session, _caller(who["staff"]), only)
    assert (len(rows), cut) == (1, False)

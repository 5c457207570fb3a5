"""Staff accounts and locking on SQLite and PostgreSQL: admins grant, change and remove staff roles and lock or
unlock accounts (signed out at once, log-in refused), with audit rows; nobody else may, and admins cannot act on
themselves or on another admin."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts import service as accounts
from marketplace.accounts import staff_admin
from marketplace.core.errors import DomainError, NotFound, PermissionDenied, ValidationError
from marketplace.models import AuditLog, AuthSession, Role, User
from tests import factories, factories_account
from tests.factories import PASSWORD


@pytest.fixture
def people(db_engine):
    with Session(db_engine) as session:
        admin = factories.user(session, Role.ADMIN, email="root@example.com")
        other_admin = factories.user(session, Role.ADMIN, email="root2@example.com")
        mod = factories.user(session, Role.STAFF, email="mod@example.com")
        shopper = factories.user(session, email="lena@example.com")
        seller = factories.user(session, Role.SELLER, email="shop@example.com", vendor=factories.vendor(session))
        session.commit()
        callers = {"admin": factories_account.caller(session, admin), "moderator": factories_account.caller(session, mod)}
        for role in ("support", "finance"):
            callers[role] = factories_account.caller(session, factories.user(session, Role.STAFF, staff_role=role))
        callers["seller"] = factories_account.caller(session, seller)
        callers["shopper"] = factories_account.caller(session, shopper)
        session.commit()
        yield session, callers, {"admin": admin.id, "other_admin": other_admin.id, "mod": mod.id,
                                 "shopper": shopper.id, "seller": seller.id}


def test_admins_grant_change_and_remove_staff_roles(people):
    session, callers, ids = people
    person = staff_admin.set_staff_role(session, callers["admin"], " LENA@example.com ", "support")
    session.commit()
    assert (person.role, person.staff_role) == ("staff", "support")
    staff_admin.set_staff_role(session, callers["admin"], "lena@example.com", "finance")
    session.commit()
    assert session.get(User, ids["shopper"]).staff_role == "finance"
    listed = {p.email: p.staff_role for p in staff_admin.staff_members(session, callers["admin"])}
    assert listed["lena@example.com"] == "finance" and listed["root@example.com"] == ""
    staff_admin.remove_staff(session, callers["admin"], ids["shopper"])
    session.commit()
    user = session.get(User, ids["shopper"])
    assert (user.role, user.staff_role) == ("shopper", None)
    actions = session.exec(select(AuditLog.action).where(AuditLog.entity_id == str(ids["shopper"]))
                           .order_by(AuditLog.id)).all()
    assert actions == ["staff.role_set", "staff.role_set", "staff.removed"]


@pytest.mark.parametrize(("email", "role", "code"), [
    ("lena@example.com", "admin", "staff_role_invalid"), ("lena@example.com", "", "staff_role_invalid"),
    ("lena@example.com", None, "staff_role_invalid"), ("shop@example.com", "support", "staff_target_seller"),
    ("root@example.com", "support", "staff_target_self"), ("root2@example.com", "support", "staff_target_admin"),
    ("nobody@example.com", "support", "account_not_found"), ("not-an-email", "support", "email_invalid"),
])
def test_a_role_change_that_cannot_be_made_is_refused_and_changes_nothing(people, email, role, code):
    session, callers, ids = people
    with pytest.raises(DomainError) as refused:
        staff_admin.set_staff_role(session, callers["admin"], email, role)
    assert refused.value.code == code
    session.rollback()
    assert session.get(User, ids["shopper"]).role == "shopper"
    assert session.exec(select(AuditLog).where(AuditLog.action.startswith("staff."))).all() == []


def test_locking_signs_the_account_out_at_once_and_refuses_its_log_in(people):
    session, callers, ids = people
    token, _ = accounts.login(session, email="lena@example.com", password=PASSWORD, ip="192.0.2.1")
    session.commit()
    assert accounts.resolve(session, token) is not None
    with pytest.raises(ValidationError) as refused:
        staff_admin.set_locked(session, callers["admin"], ids["shopper"], True, "  ")
    assert refused.value.code == "lock_reason_invalid"
    staff_admin.set_locked(session, callers["admin"], ids["shopper"], True, "Chargeback fraud ring")
    session.commit()
    assert session.exec(select(AuthSession).where(AuthSession.user_id == ids["shopper"])).all() == []
    assert accounts.resolve(session, token) is None
    with pytest.raises(ValidationError):
        accounts.login(session, email="lena@example.com", password=PASSWORD, ip="192.0.2.2")
    session.rollback()
    staff_admin.set_locked(session, callers["admin"], ids["shopper"], False, "Cleared by the bank")
    session.commit()
    assert accounts.login(session, email="lena@example.com", password=PASSWORD, ip="192.0.2.3")[1].id == ids["shopper"]
    rows = session.exec(select(AuditLog).where(AuditLog.action.in_(("user.locked", "user.unlocked")))
                        .order_by(AuditLog.id)).all()
    assert [(r.action, r.detail["reason"]) for r in rows] == [("user.locked", "Chargeback fraud ring"),
                                                              ("user.unlocked", "Cleared by the bank")]


def test_admins_cannot_lock_themselves_or_another_admin(people):
    session, callers, ids = people
    for target, code in (("admin", "staff_target_self"), ("other_admin", "staff_target_admin")):
        with pytest.raises(ValidationError) as refused:
            staff_admin.set_locked(session, callers["admin"], ids[target], True, "test")
        assert refused.value.code == code
    with pytest.raises(NotFound):
        staff_admin.set_locked(session, callers["admin"], 10**9, True, "test")
    with pytest.raises(ValidationError):
        staff_admin.set_locked(session, callers["admin"], ids["shopper"], "yes", "test")


@pytest.mark.parametrize("who", ["moderator", "support", "finance", "seller", "shopper"])
def test_only_admins_manage_people(people, who):
    session, callers, ids = people
    calls = (lambda: staff_admin.staff_members(session, callers[who]),
             lambda: staff_admin.find_user(session, callers[who], "lena@example.com"),
             lambda: staff_admin.set_staff_role(session, callers[who], "lena@example.com", "finance"),
             lambda: staff_admin.remove_staff(session, callers[who], ids["mod"]),
             lambda: staff_admin.set_locked(session, callers[who], ids["shopper"], True, "x"))
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    session.rollback()
    assert session.get(User, ids["shopper"]).is_active and session.get(User, ids["mod"]).role == "staff"

"""Registration, login, sessions and the login throttle against real databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from marketplace.accounts import service as accounts
from marketplace.accounts.guards import require_role, require_vendor
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, PermissionDenied, Throttled, ValidationError
from marketplace.models import AuthSession, LoginAttempt, Role, User
from tests import factories


def _count(session: Session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()


def test_register_then_login_gives_a_session_that_resolves_to_the_user(db_engine):
    with Session(db_engine) as session:
        accounts.register(session, email=" Ada@Example.com ", password="a-long-password", display_name="Ada")
        session.commit()
        token, user = accounts.login(session, email="ada@example.com", password="a-long-password", ip="1.2.3.4")
        session.commit()
        caller = accounts.resolve(session, token)
    assert user.email == "ada@example.com"
    assert user.password_hash.startswith("$argon2id$")
    assert caller is not None and caller.user_id == user.id and caller.role is Role.SHOPPER
    assert len(token) >= 43  # 256 bits, url-safe base64


def test_only_a_hash_of_the_token_is_stored(db_engine):
    with Session(db_engine) as session:
        factories.user(session, email="bo@example.com")
        token, _ = accounts.login(session, email="bo@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
        stored = session.exec(select(AuthSession.token_hash)).all()
    assert token not in stored
    assert stored == [accounts.token_hash(token)]


@pytest.mark.parametrize("email, password, name, message", [
    ("not-an-email", "a-long-password", "Ada", "Enter a valid e-mail address"),
    ("", "a-long-password", "Ada", "Enter your e-mail address"),
    ("ada@example.com", "short", "Ada", "Use at least"),
    ("ada@example.com", "x" * 300, "Ada", "Use at most"),
    ("ada@example.com", "a-long-password", "   ", "Enter your name"),
    ("ada@example.com", 12345678901, "Ada", "Enter a password"),
    (["ada@example.com"], "a-long-password", "Ada", "Enter your e-mail address"),
])
def test_bad_registration_input_is_refused_and_nothing_is_saved(db_engine, email, password, name, message):
    with Session(db_engine) as session:
        with pytest.raises(ValidationError) as error:
            accounts.register(session, email=email, password=password, display_name=name)
        session.rollback()
        assert message in error.value.message
        assert _count(session, User) == 0


def test_registering_an_existing_email_is_refused_and_keeps_the_first_account(db_engine):
    with Session(db_engine) as session:
        first = factories.user(session, email="dup@example.com")
        session.commit()
        with pytest.raises(ValidationError, match="already exists"):
            accounts.register(session, email="DUP@example.com", password="another-password", display_name="X")
        session.rollback()
        assert session.get(User, first.id).display_name == first.display_name
        assert _count(session, User) == 1


def test_wrong_password_and_unknown_account_fail_the_same_way(db_engine):
    with Session(db_engine) as session:
        factories.user(session, email="cy@example.com")
        session.commit()
        with pytest.raises(ValidationError) as wrong:
            accounts.login(session, email="cy@example.com", password="nope-nope-nope", ip="9.9.9.9")
        with pytest.raises(ValidationError) as unknown:
            accounts.login(session, email="nobody@example.com", password="nope-nope-nope", ip="9.9.9.9")
        assert wrong.value.message == unknown.value.message
        assert _count(session, AuthSession) == 0
        assert _count(session, LoginAttempt) == 2  # failures are kept for the throttle


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="dee@example.com")
        session.commit()
        with clock.frozen(start):
            for attempt in range(5):
                with pytest.raises(ValidationError):
                    accounts.login(session, email="dee@example.com", password="wrong-password",
                                   ip=f"10.0.0.{attempt}")
            with pytest.raises(Throttled):
                accounts.login(session, email="dee@example.com", password=factories.PASSWORD, ip="10.0.1.1")
        with clock.frozen(start + timedelta(minutes=16)):
            token, _ = accounts.login(session, email="dee@example.com", password=factories.PASSWORD, ip="10.0.1.1")
    assert token


def test_five_failures_from_one_address_lock_that_address_for_other_accounts(db_engine):
    with Session(db_engine) as session:
        factories.user(session, email="eve@example.com")
        session.commit()
        for n in range(5):
            with pytest.raises(ValidationError):
                accounts.login(session, email=f"guess{n}@example.com", password="wrong-password", ip="6.6.6.6")
        with pytest.raises(Throttled):
            accounts.login(session, email="eve@example.com", password=factories.PASSWORD, ip="6.6.6.6")
        token, _ = accounts.login(session, email="eve@example.com", password=factories.PASSWORD, ip="7.7.7.7")
    assert token


def test_sessions_expire_after_fourteen_idle_days_and_slide_when_used(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="fay@example.com")
        with clock.frozen(start):
            token, _ = accounts.login(session, email="fay@example.com", password=factories.PASSWORD, ip="1.1.1.1")
            session.commit()
        with clock.frozen(start + timedelta(days=10)):
            assert accounts.resolve(session, token) is not None  # slides expiry to day 24
            session.commit()
        with clock.frozen(start + timedelta(days=20)):
            assert accounts.resolve(session, token) is not None
            session.commit()
        with clock.frozen(start + timedelta(days=35)):
            assert accounts.resolve(session, token) is None


def test_logout_deletes_the_session(db_engine):
    with Session(db_engine) as session:
        factories.user(session, email="gus@example.com")
        token, _ = accounts.login(session, email="gus@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
        accounts.logout(session, token)
        session.commit()
        assert accounts.resolve(session, token) is None


@pytest.mark.parametrize("token", [None, "", "x" * 500, "not-a-real-token", 42])
def test_resolve_refuses_junk_tokens(db_engine, token):
    with Session(db_engine) as session:
        assert accounts.resolve(session, token) is None


def test_guards_derive_rights_from_the_caller_only(db_engine):
    with Session(db_engine) as session:
        vendor = factories.vendor(session)
        seller = factories.user(session, Role.SELLER, vendor=vendor)
        shopper = factories.user(session, Role.SHOPPER)
        token_s, _ = accounts.login(session, email=seller.email, password=factories.PASSWORD, ip="1.1.1.1")
        token_b, _ = accounts.login(session, email=shopper.email, password=factories.PASSWORD, ip="1.1.1.2")
        seller_caller, buyer_caller = accounts.resolve(session, token_s), accounts.resolve(session, token_b)
    assert require_vendor(seller_caller) == (seller_caller, vendor.id)
    with pytest.raises(PermissionDenied):
        require_vendor(buyer_caller)
    with pytest.raises(PermissionDenied):
        require_role(seller_caller, Role.STAFF, Role.ADMIN)
    with pytest.raises(NotAuthenticated):
        require_role(None, Role.SHOPPER)


def test_resolve_without_sliding_changes_nothing(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="hal@example.com")
        with clock.frozen(start):
            token, _ = accounts.login(session, email="hal@example.com", password=factories.PASSWORD, ip="1.1.1.1")
            session.commit()
        with clock.frozen(start + timedelta(days=5)):
            assert accounts.resolve(session, token, slide=False) is not None
            session.commit()
        row = session.get(AuthSession, accounts.token_hash(token))
        assert clock.as_utc(row.expires_at) == start + timedelta(days=14)

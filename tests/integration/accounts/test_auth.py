"""Registration, login, sessions and the login throttle against real databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from marketplace.accounts import service as accounts
from marketplace.accounts.guards import require_role, require_vendor
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, PermissionDenied, ValidationError
from marketplace.models import AuthSession, LoginAttempt, OutboxMessage, Role, User
from tests import factories


def mailed_token(session: Session, email: str, path: str = "/api/auth/verify") -> str:
    """The token of the last link e-mailed to ``email`` (read from the outbox)."""
    bodies = [m.payload["body"] for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
              if m.payload["to"] == email and f"{path}?token=" in m.payload["body"]]
    assert bodies, f"no {path} link was e-mailed to {email}"
    return bodies[-1].split(f"{path}?token=")[1].split()[0]


def _count(session: Session, model) -> int:  # noqa: ANN001
    return session.exec(select(func.count()).select_from(model)).one()


def test_register_then_login_gives_a_session_that_resolves_to_the_user(db_engine):
    with Session(db_engine) as session:
        accounts.register(session, email=" Ada@Example.com ", password="a-long-password", display_name="Ada")
        session.commit()
        assert _count(session, User) == 0  # not before the address is proven
        assert accounts.complete_registration(session, mailed_token(session, "ada@example.com")) is not None
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


def test_registering_an_existing_email_answers_like_a_new_one_tells_the_owner_and_keeps_the_account(db_engine):
    """Regression (issue #9, defect 5): register() raised "already exists" for a known address."""
    with Session(db_engine) as session:
        first = factories.user(session, email="dup@example.com")
        session.commit()
        assert accounts.register(session, email="DUP@example.com", password="another-password",
                                 display_name="X") is None
        assert accounts.register(session, email="new@example.com", password="another-password",
                                 display_name="X") is None
        session.commit()
        assert session.get(User, first.id).display_name == first.display_name
        assert session.get(User, first.id).password_hash == factories._HASH
        assert _count(session, User) == 1
        mails = {m.payload["to"]: m.payload for m in session.exec(select(OutboxMessage)).all()}
    assert set(mails) == {"dup@example.com", "new@example.com"}
    assert "already have one" in mails["dup@example.com"]["body"]
    assert "/api/auth/verify?token=" not in mails["dup@example.com"]["body"]
    assert "/api/auth/verify?token=" in mails["new@example.com"]["body"]


def test_a_signup_link_works_once_and_not_after_a_day(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        with clock.frozen(start):
            accounts.register(session, email="ivy@example.com", password="a-long-password", display_name="Ivy")
            session.commit()
        token = mailed_token(session, "ivy@example.com")
        with clock.frozen(start + timedelta(hours=25)):
            assert accounts.complete_registration(session, token) is None
        session.rollback()
        for junk in (None, "", "x" * 500, 42, "A" * 43):
            assert accounts.complete_registration(session, junk) is None
        assert _count(session, User) == 0
        with clock.frozen(start + timedelta(hours=1)):
            user = accounts.complete_registration(session, token)
            session.commit()
            assert user is not None and user.display_name == "Ivy" and user.role == Role.SHOPPER
            assert accounts.complete_registration(session, token) is None  # once
        assert _count(session, User) == 1


def test_signing_up_again_soon_sends_no_second_email(db_engine):
    with Session(db_engine) as session:
        for _ in range(3):
            accounts.register(session, email="jo@example.com", password="a-long-password", display_name="Jo")
        session.commit()
        assert _count(session, OutboxMessage) == 1


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

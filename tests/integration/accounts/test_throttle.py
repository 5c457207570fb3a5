"""The login throttle (per e-mail+address pair and per address, exponential, never per account alone), the
unlock e-mail, the absolute session cap and revoking sessions on a change of role (issue #9, defects 3, 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from marketplace.accounts import service as accounts
from marketplace.accounts import throttle
from marketplace.core import clock
from marketplace.core.errors import Throttled, ValidationError
from marketplace.models import AccountToken, AuthSession, LoginAttempt, OutboxMessage, Role, User
from tests import factories
from tests.integration.accounts.test_auth import mailed_token

WRONG = "wrong-password-1"


def _fail(session: Session, email: str, ip: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(ValidationError):
            accounts.login(session, email=email, password=WRONG, ip=ip)


def _unlock_mails(session: Session) -> list[dict]:
    return [m.payload for m in session.exec(select(OutboxMessage)).all() if "/api/auth/unlock?token=" in m.payload["body"]]


def test_an_attackers_failures_from_one_address_never_stop_the_owner_logging_in_from_another(db_engine):
    """Regression: on main five failures locked the account for 15 minutes even against the right password."""
    start = clock.now()
    with Session(db_engine) as session:
        admin = factories.user(session, Role.ADMIN, email="root@example.com")
        session.commit()
        with clock.frozen(start):
            _fail(session, admin.email, "6.6.6.6", times=5)
            with pytest.raises(Throttled):
                accounts.login(session, email=admin.email, password=factories.PASSWORD, ip="6.6.6.6")
            token, user = accounts.login(session, email=admin.email, password=factories.PASSWORD, ip="192.0.2.10")
    assert token and user.id == admin.id


def test_failures_bring_doubling_delays_and_the_same_message_for_unknown_accounts(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="kim@example.com")
        session.commit()
        answers = {}
        for email in ("kim@example.com", "nobody@example.com"):
            with clock.frozen(start):
                _fail(session, email, "10.0.0.1", times=5)
                with pytest.raises(Throttled) as first:
                    accounts.login(session, email=email, password=factories.PASSWORD, ip="10.0.0.1")
            with clock.frozen(start + timedelta(seconds=1)):  # the 1 s has passed: one more try, wrong again
                _fail(session, email, "10.0.0.1")
                with pytest.raises(Throttled) as second:
                    accounts.login(session, email=email, password=factories.PASSWORD, ip="10.0.0.1")
            answers[email] = (first.value.message, first.value.params, second.value.params)
        assert answers["kim@example.com"] == answers["nobody@example.com"]
        assert answers["kim@example.com"][1:] == ({"seconds": 1}, {"seconds": 2})
        assert "Try again in" in answers["kim@example.com"][0]
        with clock.frozen(start + timedelta(seconds=3)):
            token, _ = accounts.login(session, email="kim@example.com", password=factories.PASSWORD, ip="10.0.0.1")
    assert token


def test_a_refused_attempt_is_not_counted_and_the_delay_is_capped_at_fifteen_minutes(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        session.add_all([LoginAttempt(email="lee@example.com", ip="10.0.0.2", succeeded=False, at=start)
                         for _ in range(40)])
        session.commit()
        with clock.frozen(start):
            assert throttle.wait(session, "lee@example.com", "10.0.0.2") == timedelta(minutes=15)
            with pytest.raises(Throttled):
                accounts.login(session, email="lee@example.com", password=WRONG, ip="10.0.0.2")
        assert session.exec(select(func.count()).select_from(LoginAttempt)).one() == 40


def test_a_success_starts_the_pair_afresh(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="mo@example.com")
        session.commit()
        with clock.frozen(start):
            _fail(session, "mo@example.com", "10.0.0.3", times=4)
            accounts.login(session, email="mo@example.com", password=factories.PASSWORD, ip="10.0.0.3")
            session.commit()
        with clock.frozen(start + timedelta(seconds=1)):
            _fail(session, "mo@example.com", "10.0.0.3", times=4)  # four more: still no delay
            assert throttle.wait(session, "mo@example.com", "10.0.0.3") == timedelta(0)


def test_one_address_guessing_many_accounts_is_slowed_for_every_account(db_engine, monkeypatch):
    monkeypatch.setattr(throttle, "ADDRESS_FREE", 4)
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="ned@example.com")
        session.commit()
        with clock.frozen(start):
            for n in range(4):
                _fail(session, f"guess{n}@example.com", "6.6.6.7")
            with pytest.raises(Throttled):
                accounts.login(session, email="ned@example.com", password=factories.PASSWORD, ip="6.6.6.7")
            token, _ = accounts.login(session, email="ned@example.com", password=factories.PASSWORD, ip="7.7.7.7")
    assert token


def test_throttling_an_account_emails_its_owner_a_one_time_unlock_link(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        owner = factories.user(session, email="ola@example.com")
        session.commit()
        with clock.frozen(start):
            _fail(session, "ola@example.com", "10.0.0.4", times=5)
            _fail(session, "ola@example.com", "10.0.0.5", times=5)  # a second address within the hour: no 2nd mail
            _fail(session, "ghost@example.com", "10.0.0.4", times=5)  # no account: nobody to tell
            mails = _unlock_mails(session)
            assert [m["to"] for m in mails] == ["ola@example.com"]
            token = mailed_token(session, "ola@example.com", "/api/auth/unlock")
            stored = session.exec(select(AccountToken.token_hash).where(AccountToken.purpose == "unlock")).all()
            assert token not in stored and stored == [throttle.token_hash(token)]
            assert throttle.unlock(session, token) is True
            session.commit()
            token_s, user = accounts.login(session, email="ola@example.com", password=factories.PASSWORD,
                                           ip="10.0.0.4")  # at once, from the throttled address
            assert user.id == owner.id
            assert throttle.unlock(session, token) is False  # once
        assert session.exec(select(func.count()).select_from(LoginAttempt)
                            .where(LoginAttempt.email == "ghost@example.com")).one() == 5  # others untouched


@pytest.mark.parametrize("token", [None, "", "short", "x" * 500, 7, "A" * 43])
def test_junk_unlock_links_clear_nothing(db_engine, token):
    with Session(db_engine) as session:
        session.add(LoginAttempt(email="pat@example.com", ip="1.1.1.1", succeeded=False))
        session.commit()
        assert throttle.unlock(session, token) is False
        assert session.exec(select(func.count()).select_from(LoginAttempt)).one() == 1


def test_an_unlock_link_expires_after_an_hour(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="quin@example.com")
        session.commit()
        with clock.frozen(start):
            _fail(session, "quin@example.com", "10.0.0.6", times=5)
        token = mailed_token(session, "quin@example.com", "/api/auth/unlock")
        with clock.frozen(start + timedelta(minutes=61)):
            assert throttle.unlock(session, token) is False


def test_shopper_sessions_end_thirty_days_after_login_however_often_they_are_used(db_engine):
    """Regression: on main a session used every few days slid forever."""
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, email="rae@example.com")
        with clock.frozen(start):
            token, _ = accounts.login(session, email="rae@example.com", password=factories.PASSWORD, ip="1.1.1.1")
            session.commit()
        for day in (7, 14, 21, 29):
            with clock.frozen(start + timedelta(days=day)):
                assert accounts.resolve(session, token) is not None
                session.commit()
        row = session.get(AuthSession, accounts.token_hash(token))
        assert clock.as_utc(row.expires_at) == start + timedelta(days=30)  # the slide stops at the cap
        with clock.frozen(start + timedelta(days=30, minutes=1)):
            assert accounts.resolve(session, token) is None


def test_staff_sessions_end_twelve_hours_after_login(db_engine):
    start = clock.now()
    with Session(db_engine) as session:
        factories.user(session, Role.STAFF, email="sol@example.com")
        with clock.frozen(start):
            token, _ = accounts.login(session, email="sol@example.com", password=factories.PASSWORD, ip="1.1.1.1")
            session.commit()
        with clock.frozen(start + timedelta(hours=11, minutes=59)):
            assert accounts.resolve(session, token) is not None
            session.commit()
        with clock.frozen(start + timedelta(hours=12)):
            assert accounts.resolve(session, token) is None
    assert accounts.lifetime(Role.SELLER) == timedelta(days=30)


def test_a_change_of_role_ends_every_session_of_that_user(db_engine):
    with Session(db_engine) as session:
        user = factories.user(session, email="tam@example.com")
        other = factories.user(session, email="uma@example.com")
        tokens = [accounts.login(session, email="tam@example.com", password=factories.PASSWORD, ip=ip)[0]
                  for ip in ("1.1.1.1", "2.2.2.2")]
        kept, _ = accounts.login(session, email="uma@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
        accounts.change_role(session, user.id, "staff")
        session.commit()
        assert all(accounts.resolve(session, t) is None for t in tokens)
        assert accounts.resolve(session, kept).user_id == other.id
        assert session.get(User, user.id).role == "staff"
        assert accounts.revoke_sessions(session, other.id) == 1


@pytest.mark.parametrize("role", ["root", "", None, ["staff"], 3])
def test_an_invalid_role_is_refused_and_changes_nothing(db_engine, role):
    with Session(db_engine) as session:
        user = factories.user(session, email="val@example.com")
        token, _ = accounts.login(session, email="val@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
        with pytest.raises(ValidationError):
            accounts.change_role(session, user.id, role)
        session.rollback()
        assert session.get(User, user.id).role == "shopper" and accounts.resolve(session, token) is not None

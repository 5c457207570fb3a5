"""The auth routes over HTTP: the throttle's answer, which address counts behind proxies, registration that
does not reveal accounts, the one-time links, and a log-out that always ends the session (issue #9)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.api import auth_routes
from marketplace.core.settings import get_settings
from marketplace.models import AuthSession, LoginAttempt, Role, User
from tests import factories
from tests.integration.accounts.test_auth import mailed_token

BASE = "http://shop.test"


@pytest.fixture
def app(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("PUBLIC_URL", BASE)
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    get_settings.cache_clear()
    with Session(db_engine) as session:
        factories.user(session, email="amy@example.com")
        session.commit()
    yield Starlette(routes=auth_routes.ROUTES)
    get_settings.cache_clear()


def _client(app, peer: str = "203.0.113.5") -> TestClient:  # noqa: ANN001
    return TestClient(app, base_url=BASE, client=(peer, 50000), follow_redirects=False)


def _login(client: TestClient, password: str = "wrong-password-1", **headers: str):  # noqa: ANN202
    return client.post("/api/auth/login", data={"email": "amy@example.com", "password": password},
                       headers={"origin": BASE, **headers})


def _query(response) -> dict[str, str]:  # noqa: ANN001
    assert response.status_code == 303
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def test_a_throttled_login_says_how_long_to_wait_and_another_address_still_logs_in(app, db_engine):
    with _client(app, "203.0.113.5") as attacker:
        for _ in range(5):
            assert _query(_login(attacker))["error"] == "invalid"
        answer = _query(_login(attacker, factories.PASSWORD))
    assert answer["error"] == "throttled" and answer["wait"] == "1"
    with _client(app, "198.51.100.7") as owner:
        response = _login(owner, factories.PASSWORD)
    assert response.status_code == 303 and "mp_session" in response.cookies


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_not_the_address_recorded(app, db_engine):
    with _client(app, "203.0.113.5") as client:
        _login(client, **{"x-forwarded-for": "1.2.3.4"})
    with _client(app, "10.1.1.1") as proxy:
        _login(proxy, **{"x-forwarded-for": "6.6.6.6, 198.51.100.9"})
    with Session(db_engine) as session:
        assert set(session.exec(select(LoginAttempt.ip)).all()) == {"203.0.113.5", "198.51.100.9"}


def test_registration_answers_the_same_for_a_known_and_a_new_address(app, db_engine):
    answers = []
    with _client(app) as client:
        for email in ("amy@example.com", "ben@example.com"):
            response = client.post("/api/auth/register", headers={"origin": BASE},
                                   data={"name": "Someone", "email": email, "password": "a-long-password"})
            answers.append((_query(response) | {"email": "-"}, sorted(response.cookies.keys())))
    assert answers[0] == answers[1] == ({"notice": "check-inbox", "email": "-"}, [])
    with Session(db_engine) as session:
        assert session.exec(select(func.count()).select_from(User)).one() == 1
        token = mailed_token(session, "ben@example.com")
    with _client(app) as client:
        done = _query(client.get(f"/api/auth/verify?token={token}"))
        again = _query(client.get(f"/api/auth/verify?token={token}"))
        response = client.post("/api/auth/login", headers={"origin": BASE},
                               data={"email": "ben@example.com", "password": "a-long-password"})
    assert done == {"notice": "verified", "email": "ben@example.com"} and again == {"error": "link"}
    assert "mp_session" in response.cookies


def test_the_unlock_link_lets_the_owner_straight_back_in(app, db_engine):
    with _client(app) as client:
        for _ in range(5):
            _login(client)
        assert _query(_login(client, factories.PASSWORD))["error"] == "throttled"
        with Session(db_engine) as session:
            token = mailed_token(session, "amy@example.com", "/api/auth/unlock")
        assert _query(client.get("/api/auth/unlock?token=forged-forged-forged-forged")) == {"error": "link"}
        assert _query(client.get(f"/api/auth/unlock?token={token}")) == {"notice": "unlocked"}
        assert "mp_session" in _login(client, factories.PASSWORD).cookies


@pytest.mark.parametrize("origin", ["https://evil.example", "null"])
def test_logout_ends_the_session_even_when_the_origin_check_fails(app, db_engine, origin):
    """Regression: on main a refused origin skipped deleting the session row."""
    with Session(db_engine) as session:
        token, _ = accounts.login(session, email="amy@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
    with _client(app) as client:
        client.cookies.set("mp_session", token)
        response = client.post("/api/auth/logout", headers={"origin": origin})
    assert response.status_code == 200
    assert "set-cookie" not in response.headers  # a cross-site answer sets no cookies
    with Session(db_engine) as session:
        assert session.exec(select(func.count()).select_from(AuthSession)).one() == 0


def test_staff_get_a_twelve_hour_cookie(app, db_engine):
    with Session(db_engine) as session:
        factories.user(session, Role.STAFF, email="stu@example.com")
        session.commit()
    with _client(app) as client:
        response = client.post("/api/auth/login", headers={"origin": BASE},
                               data={"email": "stu@example.com", "password": factories.PASSWORD})
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("mp_session="))
    assert "Max-Age=43200" in cookie and "HttpOnly" in cookie


def test_logging_in_ends_the_session_the_browser_held_before(app, db_engine):
    with Session(db_engine) as session:
        factories.user(session, email="vic@example.com")
        old, _ = accounts.login(session, email="amy@example.com", password=factories.PASSWORD, ip="1.1.1.1")
        session.commit()
    with _client(app) as client:
        client.cookies.set("mp_session", old)
        response = client.post("/api/auth/login", headers={"origin": BASE},
                               data={"email": "vic@example.com", "password": factories.PASSWORD})
    new = response.cookies["mp_session"]
    with Session(db_engine) as session:
        assert accounts.resolve(session, old) is None
        assert accounts.resolve(session, new).email == "vic@example.com"

"""POST /api/auth/register and /api/auth/login: per client address, a 429 with Retry-After once over the limit,
in the visitor's language, and the refused registration creates no account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import ratelimit
from marketplace.api import auth_routes
from marketplace.core import clock
from marketplace.core.db import engine_for
from marketplace.core.settings import get_settings
from marketplace.models import AccountToken

T0 = datetime(2026, 12, 2, 10, 0, 0, tzinfo=UTC)


@pytest.fixture
def client(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    engine_for.cache_clear()
    with TestClient(Starlette(routes=auth_routes.ROUTES), base_url="http://testserver",
                    follow_redirects=False) as test_client:
        yield test_client
    get_settings.cache_clear()
    engine_for.cache_clear()


def _signups(engine) -> int:  # noqa: ANN001
    """Sign-ups started (each e-mails a link; the account exists once the link is opened)."""
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(AccountToken)
                            .where(AccountToken.purpose == "register")).one()


def test_registrations_from_one_address_over_the_limit_get_429_with_retry_after(client, db_engine, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "register", ratelimit.Limit(3, 3600, ratelimit.LIMITS["register"].message, ratelimit.LIMITS["register"].message_one))
    with clock.frozen(T0 + timedelta(minutes=40)):
        for i in range(3):
            response = client.post("/api/auth/register", data={"name": "Ada", "email": f"ada{i}@example.com",
                                                                "password": "correct horse battery"})
            assert response.status_code == 303
        client.cookies.set("mp_lang", "de")
        refused = client.post("/api/auth/register", data={"name": "Ada", "email": "ada9@example.com",
                                                          "password": "correct horse battery"})
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1200"
    assert "20 Minuten" in refused.text and 'lang="de"' in refused.text
    assert _signups(db_engine) == 3  # the refused one was not started


def test_logins_from_one_address_over_the_coarse_cap_get_429(client, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "login", ratelimit.Limit(2, 900, ratelimit.LIMITS["login"].message, ratelimit.LIMITS["login"].message_one))
    with clock.frozen(T0):
        for _ in range(2):
            assert client.post("/api/auth/login", data={"email": "x@example.com", "password": "nope"}
                               ).status_code == 303
        refused = client.post("/api/auth/login", data={"email": "x@example.com", "password": "nope"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "900"
    assert "Too many attempts. Try again in 15 minutes." in refused.text

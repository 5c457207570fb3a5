"""POST /api/auth/register stores the shopper's market from the mp_* cookies only when each is a known code
(issue 9, point 9): a forged cookie falls back to the default instead of being saved on the account and sent
back as the account's cookie at every login."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.api import auth_routes
from marketplace.core.db import get_engine
from marketplace.core.settings import get_settings
from marketplace.models import User
from tests.integration.accounts.test_auth import mailed_token


@pytest.fixture
def client(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    with TestClient(Starlette(routes=auth_routes.ROUTES)) as test_client:
        yield test_client
    get_settings.cache_clear()


def _register(client: TestClient, email: str, cookies: dict[str, str]):  # noqa: ANN202
    """Sign up with ``cookies``, open the e-mailed link, then log in: the log-in answer (it sends the account's
    market back as cookies)."""
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)
    started = client.post("/api/auth/register", data={"name": "Ada", "email": email, "password": "a-long-password"},
                          follow_redirects=False)
    assert started.status_code == 303
    with Session(get_engine()) as session:
        token = mailed_token(session, email)
    client.get(f"/api/auth/verify?token={token}", follow_redirects=False)
    client.cookies.clear()
    return client.post("/api/auth/login", data={"email": email, "password": "a-long-password"},
                       follow_redirects=False)


@pytest.mark.parametrize("cookies", [
    {"mp_lang": "xx", "mp_cur": "XXX", "mp_ship": "ZZ"},
    {"mp_lang": "de<script>", "mp_cur": "JP", "mp_ship": "jp"},
    {"mp_lang": "e", "mp_cur": "EU", "mp_ship": "D"},
    {},
])
def test_unknown_market_cookies_fall_back_to_the_default(client, db_engine, cookies):
    response = _register(client, "ada@example.com", cookies)
    assert response.status_code == 303
    with Session(db_engine) as session:
        user = session.exec(select(User).where(User.email == "ada@example.com")).one()
    assert (user.language, user.currency, user.ship_to_country) == ("en", "EUR", "DE")
    assert response.cookies.get("mp_cur") == "EUR" and response.cookies.get("mp_ship") == "DE"


def test_known_market_cookies_are_kept(client, db_engine):
    response = _register(client, "kenji@example.com", {"mp_lang": "de", "mp_cur": "JPY", "mp_ship": "JP"})
    assert response.status_code == 303
    with Session(db_engine) as session:
        user = session.exec(select(User).where(User.email == "kenji@example.com")).one()
    assert (user.language, user.currency, user.ship_to_country) == ("de", "JPY", "JP")

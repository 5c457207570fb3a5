"""A sign-up started from a page ("Sell on Meridian" -> apply) returns there: the local ``next`` travels with
the sign-up and the e-mailed link's log-in form carries it; a foreign or malformed ``next`` is dropped."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.api import auth_routes
from marketplace.core.db import get_engine
from marketplace.core.settings import get_settings
from tests.integration.accounts.test_auth import mailed_token


@pytest.fixture
def client(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    with TestClient(Starlette(routes=auth_routes.ROUTES)) as test_client:
        yield test_client
    get_settings.cache_clear()


@pytest.mark.parametrize(("sent", "kept"), [("/sell/apply", "/sell/apply"), ("https://evil.example/x", ""),
                                            ("//evil.example", ""), ("", "")])
def test_the_verify_link_returns_to_where_the_sign_up_started(client, sent, kept):
    started = client.post("/api/auth/register", data={"name": "Ada", "email": "ada@example.com",
                                                      "password": "a-long-password", "next": sent},
                          follow_redirects=False)
    assert started.status_code == 303
    with Session(get_engine()) as session:
        token = mailed_token(session, "ada@example.com")
    verified = client.get(f"/api/auth/verify?token={token}", follow_redirects=False)
    query = parse_qs(urlsplit(verified.headers["location"]).query)
    assert query["notice"] == ["verified"] and query.get("next", [""]) == [kept]
    logged_in = client.post("/api/auth/login", data={"email": "ada@example.com", "password": "a-long-password",
                                                     "next": query.get("next", [""])[0]}, follow_redirects=False)
    assert logged_in.headers["location"] == (kept or "/")


def test_a_refused_sign_up_keeps_its_next(client):
    refused = client.post("/api/auth/register", data={"name": "Ada", "email": "not-an-email", "password": "x",
                                                      "next": "/sell/apply"}, follow_redirects=False)
    assert parse_qs(urlsplit(refused.headers["location"]).query)["next"] == ["/sell/apply"]

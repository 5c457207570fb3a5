"""GET /api/seller/statements/{month}.csv, on SQLite and PostgreSQL: the seller downloads their own vendor's
month as a CSV attachment (documented columns, running balance, formula-looking cells defused); another
vendor's seller gets only their own entries; shoppers, staff, nobody signed in and a malformed month get 404."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.api import seller_statements
from marketplace.core.settings import get_settings
from marketplace.models import User
from marketplace.vendors.statement_csv import COLUMNS
from tests.factories import PASSWORD
from tests.integration.vendors.money_world import OTHER_MEMO, money_world


@pytest.fixture
def shop(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    w = money_world(db_engine, adjustments=2)
    tokens = {}
    with Session(db_engine) as session:
        for who in ("seller", "other_seller", "staff", "shopper"):
            email = session.get(User, getattr(w.world, who).user_id).email
            tokens[who], _ = accounts.login(session, email=email, password=PASSWORD, ip="127.0.0.1")
        session.commit()
    with TestClient(Starlette(routes=seller_statements.ROUTES)) as client:
        yield client, w, tokens
    get_settings.cache_clear()


def _get(client, month, token=None):
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    return client.get(f"/api/seller/statements/{month}.csv")


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.text)))


def test_the_seller_downloads_their_month_with_a_running_balance(shop):
    client, w, tokens = shop
    response = _get(client, "2026-11", tokens["seller"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="statement-2026-11.csv"'
    assert response.headers["cache-control"] == "no-store"
    assert response.text.splitlines()[0] == ",".join(COLUMNS)
    rows = _rows(response)
    assert [(r["kind"], r["order"], r["amount"], r["currency"], r["balance"]) for r in rows] == [
        ("adjustment", "", "5000", "JPY", "5002"), ("payout", "", "-1000", "JPY", "4002"),
        ("refund", w.number, "-700", "JPY", "3302")]
    assert rows[0]["description"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows it as text, never runs it
    assert OTHER_MEMO not in response.text


def test_another_vendors_seller_gets_only_their_own_entries(shop):
    client, _, tokens = shop
    rows = _rows(_get(client, "2026-11", tokens["other_seller"]))
    assert [(r["description"], r["amount"]) for r in rows] == [(OTHER_MEMO, "99999")]


def test_a_month_without_entries_is_a_header_only(shop):
    client, _, tokens = shop
    response = _get(client, "2025-01", tokens["seller"])
    assert response.status_code == 200 and response.text.strip() == ",".join(COLUMNS)


@pytest.mark.parametrize("who", ["shopper", "staff", None])
def test_everyone_but_sellers_gets_404(shop, who):
    client, _, tokens = shop
    response = _get(client, "2026-11", tokens.get(who))
    assert response.status_code == 404 and "csv" not in response.headers["content-type"]


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "11-2026", "..%2F..", "2026-11-01", "latest"])
def test_a_malformed_month_is_404(shop, month):
    client, _, tokens = shop
    assert _get(client, month, tokens["seller"]).status_code == 404

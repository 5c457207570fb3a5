"""GET /api/staff/analytics/{table}.csv, on SQLite and PostgreSQL: finance and admins download each dashboard
table as a CSV attachment over the chosen range (formula-looking names defused); a bad range is a 400; an
unknown table, moderators, support agents, sellers, shoppers and nobody signed in get the same plain 404."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.analytics import platform_csv
from marketplace.api import staff_analytics
from marketplace.core import clock
from marketplace.core.settings import get_settings
from marketplace.models import OrderGroup, OrderLine, Role, VendorOrder
from tests import factories
from tests.factories import PASSWORD


@pytest.fixture
def api(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    tokens = {}
    with Session(db_engine) as session:
        vendor = factories.vendor(session, currency="EUR", country="IT")
        vendor.display_name = '=HYPERLINK("http://evil")'
        users = {"finance": factories.user(session, Role.STAFF, staff_role="finance"),
                 "admin": factories.user(session, Role.ADMIN), "moderator": factories.user(session, Role.STAFF),
                 "support": factories.user(session, Role.STAFF, staff_role="support"),
                 "shopper": factories.user(session), "seller": factories.user(session, Role.SELLER, vendor=vendor)}
        now = clock.now() - timedelta(hours=1)
        money = {f"{k}_currency": "JPY" for k in ("goods", "shipping", "duty", "tax", "total")}
        group = OrderGroup(number="CSV-000001", email="s@example.com", ship_to_country="JP", goods_minor=15000,
                           shipping_minor=0, duty_minor=0, tax_minor=0, fees_minor=0, fees_currency="JPY",
                           total_minor=15000, created_at=now, **money)
        session.add(group)
        session.flush()
        order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number="CSV-000001-1", payment_status="paid",
                            goods_minor=15000, shipping_minor=0, duty_minor=0, tax_minor=0, total_minor=15000,
                            created_at=now, **money)
        session.add(order)
        session.flush()
        session.add(OrderLine(vendor_order_id=order.id, product_name="Bag", sku="B1", quantity=1, hs_code="420221",
                              origin_country="IT", vendor_unit_price_minor=10000, vendor_unit_price_currency="EUR",
                              unit_price_minor=15000, unit_price_currency="JPY", duty_currency="JPY",
                              tax_currency="JPY", fx_rate=150, fx_source="frozen at checkout"))
        for who, user in users.items():
            tokens[who], _ = accounts.login(session, email=user.email, password=PASSWORD, ip="127.0.0.1")
        session.commit()
    with TestClient(Starlette(routes=staff_analytics.ROUTES)) as client:
        yield client, tokens
    get_settings.cache_clear()


def _get(client, token, table, **params):
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    path = routes.API_STAFF_ANALYTICS_CSV.format(table=table)
    return client.get(path, params=params)


@pytest.mark.parametrize("who", ["finance", "admin"])
def test_finance_and_admins_download_each_table_as_csv(api, who):
    client, tokens = api
    for table in platform_csv.TABLES:
        response = _get(client, tokens[who], table, preset="7")
        assert response.status_code == 200, table
        assert response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith(f'attachment; filename="analytics-{table}-')
        assert response.headers["cache-control"] == "no-store"
    markets = list(csv.DictReader(io.StringIO(_get(client, tokens[who], "markets").text)))
    assert markets == [{"country": "JP", "orders": "1", "gmv": "100.00", "currency": "EUR", "share_percent": "100.00"}]
    vendors = list(csv.DictReader(io.StringIO(_get(client, tokens[who], "vendors").text)))
    assert vendors[0]["vendor"] == "'=HYPERLINK(\"http://evil\")" and vendors[0]["gmv"] == "100.00"


def test_a_custom_range_names_the_file_and_a_bad_range_is_a_400(api):
    client, tokens = api
    today = clock.now().date()
    ok = _get(client, tokens["finance"], "days", **{"from": (today - timedelta(days=2)).isoformat(),
                                                      "to": today.isoformat()})
    assert ok.status_code == 200 and len(ok.text.strip().splitlines()) == 1 + 3
    for params in ({"from": "2026-13-01", "to": "2026-12-01"}, {"from": today.isoformat(), "to": "2020-01-01"},
                   {"preset": "8"}, {"preset": "=1+1"}):
        bad = _get(client, tokens["finance"], "days", **params)
        assert bad.status_code == 400 and bad.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("who", ["moderator", "support", "seller", "shopper", None])
def test_everyone_else_gets_a_plain_404(api, who):
    client, tokens = api
    response = _get(client, tokens.get(who) if who else None, "markets")
    assert response.status_code == 404 and response.text == "Not found" and "JP" not in response.text


def test_an_unknown_table_is_a_404_even_for_finance(api):
    client, tokens = api
    assert _get(client, tokens["finance"], "users").status_code == 404
    assert _get(client, tokens["finance"], "..%2Fsecrets").status_code == 404

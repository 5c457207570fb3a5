"""GET /api/seller/products.csv and /api/seller/products-example.csv, on SQLite and PostgreSQL: a seller downloads
their own vendor's products only (one row per variant, formula-looking cells defused); shoppers, staff and nobody
signed in get 404; the example file is public and imports cleanly."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.api import seller_products_csv
from marketplace.catalog.csv_io import COLUMNS
from marketplace.core.settings import get_settings
from marketplace.models import Product, Role
from tests import factories
from tests.factories import PASSWORD


@pytest.fixture
def shop(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    with Session(db_engine) as session:
        category = factories.category(session)
        a, b = factories.vendor(session), factories.vendor(session, country="IT", currency="EUR")
        a_product = factories.product(session, a, category, variants=2)
        a_product.name = "=HYPERLINK(\"x\")"
        b_product = factories.product(session, b, category)
        users = {"seller_a": factories.user(session, Role.SELLER, vendor=a),
                 "seller_b": factories.user(session, Role.SELLER, vendor=b),
                 "shopper": factories.user(session), "staff": factories.user(session, Role.STAFF)}
        session.commit()
        tokens = {who: accounts.login(session, email=u.email, password=PASSWORD, ip="127.0.0.1")[0]
                  for who, u in users.items()}
        session.commit()
        slugs = (session.get(Product, a_product.id).slug, session.get(Product, b_product.id).slug)
    with TestClient(Starlette(routes=seller_products_csv.ROUTES)) as client:
        yield client, tokens, slugs
    get_settings.cache_clear()


def _get(client, path, token=None):  # noqa: ANN001, ANN202
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    return client.get(path)


def test_a_seller_downloads_their_own_products_only(shop):
    client, tokens, (a_slug, b_slug) = shop
    response = _get(client, "/api/seller/products.csv", tokens["seller_a"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="products.csv"'
    assert response.headers["cache-control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.text.splitlines()[0] == ",".join(COLUMNS)
    assert [r["handle"] for r in rows] == [a_slug, a_slug]
    assert rows[0]["name"] == "'=HYPERLINK(\"x\")"  # shown as text by a spreadsheet, never run
    assert b_slug not in response.text
    other = _get(client, "/api/seller/products.csv", tokens["seller_b"])
    assert a_slug not in other.text and b_slug in other.text


@pytest.mark.parametrize("who", ["shopper", "staff", None])
def test_everyone_but_sellers_gets_404(shop, who):
    client, tokens, _ = shop
    response = _get(client, "/api/seller/products.csv", tokens.get(who))
    assert response.status_code == 404 and response.headers["cache-control"] == "no-store"


def test_the_example_file_is_public(shop):
    client, _, _ = shop
    response = _get(client, "/api/seller/products-example.csv")
    assert response.status_code == 200
    assert "MUG-S" in response.text and response.text.splitlines()[0] == ",".join(COLUMNS)

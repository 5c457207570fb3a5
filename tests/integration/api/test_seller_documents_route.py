"""GET /api/seller/orders/{number}/documents/{kind}, on SQLite and PostgreSQL: the order's own seller and staff
download the stored PDFs as attachments that are never cached; another vendor's seller, the shopper who
bought it, nobody signed in, an unknown kind and an unknown number all get the same 404."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.accounts.address_format import PostalAddress
from marketplace.api import seller_documents
from marketplace.core.db import immediate_scope
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import User, VendorOrder
from marketplace.orders import fulfilment, labels
from marketplace.orders.fulfilment_package import Package
from tests.factories import PASSWORD
from tests.integration.orders.fulfilment_world import placed_order

BERLIN = PostalAddress(country="DE", name="Erika Mustermann", street_address="Hauptstraße 5", city="Berlin",
                       postal_code="10115")


@pytest.fixture
def shop(db_url, db_engine, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    store = FileStore(tmp_path / "documents")
    monkeypatch.setattr(seller_documents, "STORE", store)
    world = placed_order(db_engine, address=BERLIN)
    with immediate_scope(db_engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800))
    with immediate_scope(db_engine) as session:
        bought = labels.buy_label(session, world.seller, world.order_id, carrier_for(get_settings()), store)
    tokens = {}
    with Session(db_engine) as session:
        number = session.get(VendorOrder, world.order_id).number
        for who in ("seller", "other_seller", "staff", "shopper"):
            email = session.get(User, getattr(world, who).user_id).email
            tokens[who], _ = accounts.login(session, email=email, password=PASSWORD, ip="127.0.0.1")
        session.commit()
    with TestClient(Starlette(routes=seller_documents.ROUTES)) as client:
        yield client, number, tokens, bought
    get_settings.cache_clear()


def _get(client, number, kind, token=None):
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    return client.get(f"/api/seller/orders/{number}/documents/{kind}")


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("who", ["seller", "staff"])
def test_the_orders_own_seller_and_staff_download_the_pdfs(shop, who):
    client, number, tokens, bought = shop
    for kind in ("label", "customs", "invoice"):
        response = _get(client, number, kind, tokens[who])
        assert response.status_code == 200, kind
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("attachment; filename=")
        assert number in response.headers["content-disposition"]
        assert response.headers["cache-control"] == "no-store"
        assert response.content.startswith(b"%PDF")
    assert bought.label.tracking_number in _text(_get(client, number, "label", tokens[who]).content)


@pytest.mark.parametrize("who", ["other_seller", "shopper", None])
def test_everyone_else_gets_the_same_404(shop, who):
    client, number, tokens, _ = shop
    refused = _get(client, number, "label", tokens.get(who))
    unknown = _get(client, "MRD-NOPE-1", "label", tokens["seller"])
    assert refused.status_code == unknown.status_code == 404
    assert refused.content == unknown.content and b"PDF" not in refused.content


@pytest.mark.parametrize("kind", ["receipt", "..%2F..%2Fmarketplace.db", "LABEL", ""])
def test_unknown_kinds_and_paths_are_404(shop, kind):
    client, number, tokens, _ = shop
    assert _get(client, number, kind, tokens["seller"]).status_code == 404


def test_a_forged_cookie_is_404(shop):
    client, number, _, _ = shop
    assert _get(client, number, "label", "x" * 43).status_code == 404

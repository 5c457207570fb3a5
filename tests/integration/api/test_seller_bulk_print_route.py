"""GET /api/seller/print/{kind}.pdf?numbers=..., on SQLite and PostgreSQL: a seller selects several of their own
orders and gets one PDF with every bought label (or every customs declaration and invoice), orders without one
named in a header; one number of another vendor's, an unknown one, a shopper, nobody signed in, an unknown kind
or an empty selection all get the same 404, and nothing of another vendor's is ever printed. Also the order
list's search (number, shopper's name, destination country, SKU), only over the caller's own orders."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.accounts.address_format import PostalAddress
from marketplace.api import seller_bulk_print, seller_documents
from marketplace.core.db import immediate_scope
from marketplace.core.errors import ValidationError
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.models import OrderLine, Product, User, Variant, Vendor, VendorOrder
from marketplace.orders import fulfilment, labels, seller_orders
from marketplace.orders.fulfilment_package import Package
from tests import factories_account
from tests.factories import PASSWORD
from tests.integration.orders.fulfilment_world import placed_order

BERLIN = PostalAddress(country="DE", name="Erika Mustermann", street_address="Hauptstraße 5", city="Berlin",
                       postal_code="10115")


def _labelled(engine, store, address):
    world = placed_order(engine, address=address)
    with immediate_scope(engine) as session:
        fulfilment.accept(session, world.seller, world.order_id)
        fulfilment.pack(session, world.seller, world.order_id, Package(300, 200, 120, 800))
    with immediate_scope(engine) as session:
        bought = labels.buy_label(session, world.seller, world.order_id, carrier_for(get_settings()), store)
    with Session(engine) as session:
        number = session.get(VendorOrder, world.order_id).number
    return world, number, bought.label.tracking_number, labels.documents_of(bought.shipment)


@pytest.fixture
def shop(db_url, db_engine, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    store = FileStore(tmp_path / "documents")
    monkeypatch.setattr(seller_documents, "STORE", store)
    mine, number, tracking, documents = _labelled(db_engine, store, BERLIN)  # Japan to Germany: a customs declaration is needed
    _, their_number, their_tracking, _ = _labelled(db_engine, store, BERLIN)
    with Session(db_engine) as session:  # a second order of mine, not labelled yet
        vendor = session.get(Vendor, mine.vendor_id)
        product = session.exec(select(Product).where(Product.vendor_id == vendor.id)).first()
        shopper = session.get(User, mine.shopper.user_id)
        group = factories_account.order(session, shopper, [(vendor, [(product, 1)])])
        unlabelled = factories_account.vendor_orders(session, group)[0].number
        group.delivery_address = {"name": "Zoë 100%_Sure"}
        session.add(group)
        tokens = {}
        for who, world in (("seller", mine), ("other_seller", mine), ("shopper", mine), ("staff", mine)):
            email = session.get(User, getattr(world, who).user_id).email
            tokens[who], _ = accounts.login(session, email=email, password=PASSWORD, ip="127.0.0.1")
        session.commit()
    with TestClient(Starlette(routes=seller_bulk_print.ROUTES)) as client:
        yield {"client": client, "tokens": tokens, "mine": mine, "numbers": (number, unlabelled),
               "tracking": tracking, "documents": documents, "their_number": their_number, "their_tracking": their_tracking}
    get_settings.cache_clear()


def _get(shop, kind, numbers, who="seller"):
    client = shop["client"]
    client.cookies.clear()
    if who:
        client.cookies.set("mp_session", shop["tokens"][who])
    return client.get(f"/api/seller/print/{kind}.pdf", params={"numbers": numbers})


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_seller_prints_the_labels_of_the_selected_orders_in_one_pdf(shop):
    number, unlabelled = shop["numbers"]
    response = _get(shop, "label", f"{number},{unlabelled}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="labels-2-orders.pdf"'
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-orders-missing"] == unlabelled
    text = "\n".join(_pages(response.content))
    assert shop["tracking"] in text and shop["their_tracking"] not in text


def test_customs_documents_are_the_declaration_and_the_invoice_of_each_order(shop):
    number, _ = shop["numbers"]
    response = _get(shop, "customs", number)
    assert response.status_code == 200
    parts = [seller_documents.STORE.open(shop["documents"][kind]) for kind in ("customs", "invoice")]
    expected = [text for part in parts for text in _pages(part)]
    assert _pages(response.content) == expected and len(expected) >= 2


@pytest.mark.parametrize("who, numbers, kind", [
    ("seller", "{their}", "label"),  # another vendor's order alone
    ("seller", "{mine},{their}", "label"),  # one foreign number spoils the whole selection
    ("seller", "MRD-NOPE-1", "label"),
    ("seller", "", "label"),
    ("seller", "{mine}", "invoice"),
    ("seller", "{mine}", "LABEL"),
    ("seller", "{unlabelled}", "label"),  # nothing to print
    ("shopper", "{mine}", "label"),
    ("other_seller", "{mine}", "label"),
    (None, "{mine}", "label"),
])
def test_everyone_else_and_every_bad_selection_gets_the_same_404(shop, who, numbers, kind):
    mine, unlabelled = shop["numbers"]
    response = _get(shop, kind, numbers.format(mine=mine, their=shop["their_number"], unlabelled=unlabelled), who)
    assert response.status_code == 404
    assert response.content == b"Not found"


def test_more_than_50_orders_are_refused(shop):
    mine, _ = shop["numbers"]
    assert _get(shop, "label", ",".join([mine] + [f"MRD-X{i}" for i in range(50)])).status_code == 404


def _search(engine, who, query):
    with Session(engine) as session:
        return [row.number for row in seller_orders.seller_orders(session, who, "all", 1, query).rows]


def test_the_order_list_searches_number_name_country_and_sku_of_my_orders_only(db_engine, shop):
    number, unlabelled = shop["numbers"]
    seller = shop["mine"].seller
    with Session(db_engine) as session:
        sku = session.exec(select(OrderLine.sku).join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
                           .where(VendorOrder.number == number)).one()
        their_sku = session.exec(select(Variant.sku).join(OrderLine, OrderLine.variant_id == Variant.id)
                                 .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
                                 .where(VendorOrder.number == shop["their_number"])).one()
    assert _search(db_engine, seller, number.lower()) == [number]
    assert _search(db_engine, seller, "MUSTERMANN") == [number]
    assert sorted(_search(db_engine, seller, "de")) == sorted([number, unlabelled])
    assert _search(db_engine, seller, "zq") == []  # letters in no hex order number, name, city or SKU
    assert sorted(_search(db_engine, seller, sku)) == sorted([number, unlabelled])
    assert _search(db_engine, seller, "100%_") == [unlabelled]  # % and _ are literal
    assert _search(db_engine, seller, "1%0") == []
    assert _search(db_engine, seller, shop["their_number"]) == []
    assert _search(db_engine, seller, their_sku) == []
    with pytest.raises(ValidationError), Session(db_engine) as session:
        seller_orders.seller_orders(session, seller, "all", 1, "x" * 101)

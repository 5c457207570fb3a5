"""GET /api/staff/vendors/{vendor}/documents/{document}: staff and admins download a shop's verification file
with its stored type as an attachment that is never cached; the shop's own seller, a shopper, nobody signed
in, another shop's id, a non-numeric id and a file missing from the store all get the same 404."""

from __future__ import annotations

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace.accounts import service as accounts
from marketplace.api import staff_vendor_documents
from marketplace.core.files import FileStore
from marketplace.core.settings import get_settings
from marketplace.models import Role, VendorDocument
from tests import factories
from tests.factories import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def shop(db_url, db_engine, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    store = FileStore(tmp_path / "documents")
    monkeypatch.setattr(staff_vendor_documents, "STORE", store)
    store.save("vendor-documents-abc/passport.png", PNG)
    with Session(db_engine) as session:
        vendor, other = factories.vendor(session), factories.vendor(session)
        users = {"seller": factories.user(session, Role.SELLER, vendor=vendor), "shopper": factories.user(session),
                 "staff": factories.user(session, Role.STAFF), "admin": factories.user(session, Role.ADMIN)}
        doc = VendorDocument(vendor_id=vendor.id, file_name="passport.png", content_type="image/png",
                             size_bytes=len(PNG), storage_name="vendor-documents-abc/passport.png")
        gone = VendorDocument(vendor_id=vendor.id, file_name="gone.pdf", content_type="application/pdf",
                              size_bytes=10, storage_name="vendor-documents-abc/gone.pdf")
        session.add_all([doc, gone])
        session.commit()
        tokens = {who: accounts.login(session, email=u.email, password=PASSWORD, ip="127.0.0.1")[0]
                  for who, u in users.items()}
        session.commit()
        ids = (vendor.id, other.id, doc.id, gone.id)
    with TestClient(Starlette(routes=staff_vendor_documents.ROUTES)) as client:
        yield client, ids, tokens
    get_settings.cache_clear()


def _get(client, vendor, document, token=None):  # noqa: ANN001, ANN202
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    return client.get(f"/api/staff/vendors/{vendor}/documents/{document}")


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admins_download_the_file_with_its_type(shop, who):
    client, (vendor, _, doc, _), tokens = shop
    response = _get(client, vendor, doc, tokens[who])
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"] == 'attachment; filename="passport.png"'
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == PNG


@pytest.mark.parametrize(("who", "which"), [
    ("seller", "doc"), ("shopper", "doc"), (None, "doc"), ("staff", "other_vendor"), ("staff", "letters"),
    ("staff", "missing_file"),
])
def test_everyone_else_and_every_wrong_id_gets_the_same_404(shop, who, which):
    client, (vendor, other, doc, gone), tokens = shop
    vendor_part, doc_part = {"doc": (vendor, doc), "other_vendor": (other, doc), "letters": (vendor, "1a"),
                             "missing_file": (vendor, gone)}[which]
    response = _get(client, vendor_part, doc_part, tokens.get(who) if who else None)
    assert (response.status_code, response.text) == (404, "Not found")
    assert response.headers["cache-control"] == "no-store"

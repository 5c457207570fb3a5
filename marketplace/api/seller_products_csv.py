"""``GET /api/seller/products.csv``: the seller's own products and variants (one row per variant; columns:
``catalog/csv_io.py``), and ``GET /api/seller/products-example.csv``: the documented example file.

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie; the vendor is the one that caller
  acts for (``vendors.catalogue.export_csv`` -> ``require_vendor``): nothing the client sends names a vendor.
  Nobody signed in, a shopper, staff and a seller without a vendor get the same plain 404, ``no-store``.
- Found: ``text/csv; charset=utf-8`` as an attachment, ``no-store``, ``nosniff``. Read-only.
- The example file is the same for everybody (no personal data) and needs no session.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.api.private_pdf import SESSION_COOKIE
from marketplace.catalog.csv_io import example_csv
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError
from marketplace.vendors.catalogue import export_csv


def _read(token: str | None) -> str | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            return export_csv(session, caller)
        except DomainError:
            return None


def _csv(text: str, filename: str) -> Response:
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


async def download(request: Request) -> Response:
    text = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE))
    if text is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    return _csv(text, "products.csv")


async def example(request: Request) -> Response:  # noqa: ARG001
    return _csv(example_csv(), "products-example.csv")


ROUTES = [Route(routes.API_SELLER_PRODUCTS_CSV, download, methods=["GET"]),
          Route(routes.API_SELLER_PRODUCTS_EXAMPLE, example, methods=["GET"])]

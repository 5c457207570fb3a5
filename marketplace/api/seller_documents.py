"""``GET /api/seller/orders/{number}/documents/{kind}``: a parcel's label, customs form or commercial invoice.

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``).
  Only a seller of the order's own vendor, or staff, gets the PDF (``orders.seller_orders.order_document``).
  Everyone else (nobody signed in, a shopper, another vendor's seller), an unknown number, an unknown ``kind``
  (``label`` | ``customs`` | ``invoice``) and a document that was never stored all get the same plain 404:
  nothing tells whether the order exists.
- The file is read from the private document store (``core.files.FileStore``) by the name stored on the
  parcel's row, never by a path the client sent; answered as ``application/pdf`` with
  ``Content-Disposition: attachment``, ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``.
- Read-only.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError
from marketplace.core.files import DocumentStore, FileStore
from marketplace.orders.seller_orders import order_document

SESSION_COOKIE = "mp_session"
STORE: DocumentStore = FileStore()  # the store labels.buy_label writes into (tests replace it)


def _read(token: str | None, number: str, kind: str) -> tuple[str, bytes] | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            filename, stored = order_document(session, caller, number, kind)
        except DomainError:
            return None
    try:
        return filename, STORE.open(stored)
    except (FileNotFoundError, ValueError):
        return None


async def download(request: Request) -> Response:
    found = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE),
                                    request.path_params.get("number", ""), request.path_params.get("kind", ""))
    if found is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    filename, data = found
    return Response(data, media_type="application/pdf", headers={
        "content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


ROUTES = [Route(routes.API_SELLER_DOCUMENT, download, methods=["GET"])]

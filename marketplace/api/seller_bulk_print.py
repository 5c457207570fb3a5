"""``GET /api/seller/print/{kind}.pdf?numbers=A,B,C``: one PDF with the labels (``label``) or the customs
documents (``customs``: declaration and commercial invoice) of several of the seller's own orders.

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie. ``orders.bulk_print`` checks
  every number as one order's page does: only the caller's own vendor's orders (or staff). Any refusal (nobody
  signed in, a shopper, one number of another vendor, an unknown or malformed number, an unknown kind, more
  than 50 numbers, none with the document) answers the same plain 404 with ``Cache-Control: no-store``: nothing
  is printed and nothing tells whether another vendor's order exists.
- The stored documents are read from the private document store by the names on the parcels' rows (never a
  path the client sent) and merged page by page (``bulk_print.merge_pdfs``). Answered as ``application/pdf``
  with ``Content-Disposition: attachment``, ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``;
  the orders left out (no label bought yet, no customs needed) are named in ``X-Orders-Missing``. Read-only.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.api import seller_documents
from marketplace.api.private_pdf import SESSION_COOKIE
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError
from marketplace.orders.bulk_print import BulkDocuments, bulk_documents, merge_pdfs


def _build(token: str | None, kind: str, numbers: str) -> tuple[BulkDocuments, bytes] | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            found = bulk_documents(session, caller, numbers, kind)
        except DomainError:
            return None
    store = seller_documents.STORE  # the store labels are written into (tests replace it)
    try:
        return found, merge_pdfs(store.open(name) for name in found.stored)
    except (FileNotFoundError, ValueError):
        return None


async def download(request: Request) -> Response:
    built = await asyncio.to_thread(_build, request.cookies.get(SESSION_COOKIE), request.path_params.get("kind", ""),
                                    request.query_params.get("numbers", "")[:2000])
    if built is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    found, data = built
    return Response(data, media_type="application/pdf", headers={
        "content-disposition": f'attachment; filename="{found.filename}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff", "x-orders-missing": ",".join(found.missing)})


ROUTES = [Route(routes.API_SELLER_BULK_PRINT, download, methods=["GET"])]

"""``GET /api/returns/{number}/documents/{kind}``: a return request's return label, its customs form, or the
label of the parcel sent back to the shopper (``label`` | ``customs`` | ``outbound``).

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``).
  Only the shopper who asked for the return, a seller of the order's vendor, or staff get the PDF
  (``orders.returns_queries.return_document``). Everyone else (nobody signed in, another shopper, another
  vendor's seller), an unknown number or kind, and a document never stored get the same plain 404.
- The file is read from the private document store by the name stored on the return request, never by a
  path the client sent; answered as ``application/pdf``, ``Content-Disposition: attachment``,
  ``Cache-Control: no-store``, ``X-Content-Type-Options: nosniff``. Read-only.
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
from marketplace.orders.returns_queries import return_document

SESSION_COOKIE = "mp_session"
STORE: DocumentStore = FileStore()  # the store the seller's return screens write labels into (tests replace it)


def _read(token: str | None, number: str, kind: str) -> tuple[str, bytes] | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            filename, stored = return_document(session, caller, number, kind)
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


ROUTES = [Route(routes.API_RETURN_DOCUMENT, download, methods=["GET"])]

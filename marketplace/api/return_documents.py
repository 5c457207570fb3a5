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

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from marketplace import routes
from marketplace.api.private_pdf import serve_pdf
from marketplace.core.files import DocumentStore, FileStore
from marketplace.orders.returns_queries import return_document

STORE: DocumentStore = FileStore()  # the store the seller's return screens write labels into (tests replace it)


async def download(request: Request) -> Response:
    return await serve_pdf(request, return_document, STORE)


ROUTES = [Route(routes.API_RETURN_DOCUMENT, download, methods=["GET"])]

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

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from marketplace import routes
from marketplace.api.private_pdf import serve_pdf
from marketplace.core.files import DocumentStore, FileStore
from marketplace.orders.seller_orders import order_document

STORE: DocumentStore = FileStore()  # the store labels.buy_label writes into (tests replace it)


async def download(request: Request) -> Response:
    return await serve_pdf(request, order_document, STORE)


ROUTES = [Route(routes.API_SELLER_DOCUMENT, download, methods=["GET"])]

"""``GET /api/staff/vendors/{vendor}/documents/{document}``: a shop's verification document, for staff.

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``);
  only staff and admins get the file (``vendors.staff_view.staff_document``). Everyone else, ids that are not
  digits, a document of another shop, a stored type other than PDF/JPEG/PNG and a file missing from the store
  all get the same plain 404 with ``Cache-Control: no-store``.
- The bytes are read from the private document store (``core.files.FileStore``) by the name stored on the
  document's row, never a path the client sent; answered with the stored (sniffed at upload) content type,
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
from marketplace.api.private_pdf import SESSION_COOKIE
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError
from marketplace.core.files import DocumentStore, FileStore
from marketplace.vendors.staff_view import staff_document

STORE: DocumentStore = FileStore()  # the store vendors/documents.py writes into (tests replace it)


def _read(token: str | None, vendor: str, document: str) -> tuple[str, str, bytes] | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            filename, stored, media_type = staff_document(session, caller, vendor, document)
        except DomainError:
            return None
    try:
        return filename, media_type, STORE.open(stored)
    except (FileNotFoundError, ValueError):
        return None


async def download(request: Request) -> Response:
    found = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE),
                                    request.path_params.get("vendor", ""), request.path_params.get("document", ""))
    if found is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    filename, media_type, data = found
    return Response(data, media_type=media_type, headers={
        "content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


ROUTES = [Route(routes.API_STAFF_VENDOR_DOCUMENT, download, methods=["GET"])]

"""``GET /api/seller/statements/{month}.csv``: a seller's monthly statement (columns: ``vendors.statement_csv``).

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``);
  the vendor is the one that caller acts for (``vendors.money.statement`` → ``require_vendor``): nothing the
  client sends names a vendor, so a seller only ever gets their own vendor's entries.
- ``month`` is ``YYYY-MM``. Nobody signed in, a shopper, staff, a seller without a vendor and a malformed month
  all get the same plain 404 with ``Cache-Control: no-store``.
- Found: ``text/csv; charset=utf-8`` with ``Content-Disposition: attachment; filename="statement-YYYY-MM.csv"``,
  ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff``. A month with no entries is a header row
  only. Read-only.
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
from marketplace.vendors.money import statement
from marketplace.vendors.statement_csv import statement_csv


def _read(token: str | None, month: str) -> str | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            return statement_csv(statement(session, caller, month))
        except DomainError:
            return None


async def download(request: Request) -> Response:
    month = request.path_params.get("month", "")
    text = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE), month)
    if text is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="statement-{month}.csv"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


ROUTES = [Route(routes.API_SELLER_STATEMENT, download, methods=["GET"])]

"""``GET /api/staff/audit.csv``: the audit log's rows matching the filters, as CSV (columns: ``accounts.audit_csv``).

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``);
  only staff and admins pass (``accounts.audit_log`` checks ``role_required(caller, Role.STAFF)``).
- Query parameters, all optional and validated by ``accounts.audit_log.parse_filter``: ``actor``, ``action``,
  ``type``, ``id``, ``from``, ``to`` (the same meaning as on the ``/staff/audit`` page). A parameter given twice
  takes the last value.
- Nobody signed in, a shopper or a seller get a plain 404 with ``Cache-Control: no-store`` (the route does not
  admit it exists); staff with an invalid filter get 400 with the filter's message.
- Found: ``text/csv; charset=utf-8``, ``Content-Disposition: attachment; filename="audit-log.csv"``,
  ``Cache-Control: no-store``, ``X-Content-Type-Options: nosniff``. At most ``EXPORT_CAP`` rows. Read-only.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.accounts.audit_csv import audit_csv
from marketplace.accounts.audit_log import audit_export, parse_filter
from marketplace.api.private_pdf import SESSION_COOKIE
from marketplace.core.db import session_scope
from marketplace.core.errors import PermissionDenied, ValidationError

_PARAMS = {"actor": "actor", "action": "action", "type": "entity_type", "id": "entity_id", "from": "date_from",
           "to": "date_to"}


def _read(token: str | None, params: dict[str, str]) -> tuple[int, str]:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            flt = parse_filter(session, caller, **{name: params.get(key, "") for key, name in _PARAMS.items()})
            rows, truncated = audit_export(session, caller, flt)
        except PermissionDenied:
            return 404, ""
        except ValidationError as exc:
            return 400, str(exc)
        return 200, audit_csv(rows, truncated)


async def download(request: Request) -> Response:
    params = {key: request.query_params.get(key, "") for key in _PARAMS}
    status, text = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE), params)
    if status == 404:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    if status == 400:
        return PlainTextResponse(text, status_code=400, headers={"cache-control": "no-store"})
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": 'attachment; filename="audit-log.csv"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


ROUTES = [Route(routes.API_STAFF_AUDIT_CSV, download, methods=["GET"])]

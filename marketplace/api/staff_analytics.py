"""``GET /api/staff/analytics/{table}.csv``: one table of the staff analytics dashboard, as CSV
(columns: ``analytics.platform_csv``).

Contract:
- The caller is resolved on the server from the HttpOnly ``mp_session`` cookie (``accounts.service.resolve``);
  only staff whose role holds ``StaffCapability.ANALYTICS`` (finance, admins) pass
  (``analytics.platform_queries.platform_figures`` calls ``require_staff``).
- ``table`` is one of ``platform_csv.TABLES`` (days, markets, currencies, vendors, products, duties, payouts,
  funnel). The range: ``from`` and ``to`` (``YYYY-MM-DD``, inclusive, checked by ``figures.custom_range``), or
  ``preset`` (7, 30 or 90 days); neither: the last 30 days. A parameter given twice takes the last value.
- Nobody signed in, a shopper, a seller or staff without the capability get a plain 404 with
  ``Cache-Control: no-store`` (the route does not admit it exists); an unknown table is 404 too; an invalid range
  is 400 with the range's message.
- Found: ``text/csv; charset=utf-8``, ``Content-Disposition: attachment; filename="analytics-<table>-<from>-<to>.csv"``,
  ``Cache-Control: no-store``, ``X-Content-Type-Options: nosniff``. Read-only.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.analytics import figures, platform_csv, platform_queries
from marketplace.api.private_pdf import SESSION_COOKIE
from marketplace.core import clock
from marketplace.core.db import session_scope
from marketplace.core.errors import NotAuthenticated, PermissionDenied, ValidationError


def _period(params: dict[str, str]) -> figures.DateRange:
    today = clock.now().date()
    if params.get("from") or params.get("to"):
        return figures.custom_range(params.get("from", ""), params.get("to", ""), today)
    preset = params.get("preset", "")
    if preset:
        return figures.preset_range(int(preset) if preset.isdigit() and len(preset) <= 3 else preset, today)
    return figures.preset_range(30, today)


def _read(token: str | None, table: str, params: dict[str, str]) -> tuple[int, str, str]:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            platform_queries.change_marker(session, caller)  # the capability check before anything else
            period = _period(params)
            found = platform_queries.platform_figures(session, caller, period)
        except (PermissionDenied, NotAuthenticated):
            return 404, "", ""
        except ValidationError as exc:
            return 400, str(exc), ""
        name = f"analytics-{table}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
        return 200, platform_csv.table_csv(found, table), name


async def download(request: Request) -> Response:
    table = request.path_params.get("table", "")
    if table not in platform_csv.TABLES:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    params = {key: request.query_params.get(key, "")[:20] for key in ("from", "to", "preset")}
    status, text, name = await asyncio.to_thread(_read, request.cookies.get(SESSION_COOKIE), table, params)
    if status == 404:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    if status == 400:
        return PlainTextResponse(text, status_code=400, headers={"cache-control": "no-store"})
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})


ROUTES = [Route(routes.API_STAFF_ANALYTICS_CSV, download, methods=["GET"])]

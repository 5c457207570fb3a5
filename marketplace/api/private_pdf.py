"""Serving a private PDF (a label, a customs form, an invoice) to the caller the domain says may read it.

Contract: :func:`serve_pdf(request, find, store)` resolves the caller on the server from the HttpOnly
``mp_session`` cookie (``accounts.service.resolve``; nothing the client sends names the caller), asks
``find(session, caller, number, kind)`` (the route's ``{number}`` and ``{kind}``) for ``(filename, stored name)``
and reads that name from ``store``, never a path the client sent. A ``DomainError`` from ``find`` (not found,
not allowed, unknown kind), a missing file or a bad stored name all answer the same plain 404 with
``Cache-Control: no-store``, so nothing tells whether the record exists. Found: ``application/pdf`` with
``Content-Disposition: attachment``, ``Cache-Control: no-store``, ``X-Content-Type-Options: nosniff``.
Read-only. The routes (``seller_documents``, ``return_documents``) say who may read what.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from marketplace.accounts import service as accounts
from marketplace.accounts.service import Caller
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError
from marketplace.core.files import DocumentStore

SESSION_COOKIE = "mp_session"
Find = Callable[[Session, Caller | None, str, str], tuple[str, str]]


def _read(find: Find, store: DocumentStore, token: str | None, number: str, kind: str) -> tuple[str, bytes] | None:
    with session_scope() as session:
        caller = accounts.resolve(session, token, slide=False) if token else None
        try:
            filename, stored = find(session, caller, number, kind)
        except DomainError:
            return None
    try:
        return filename, store.open(stored)
    except (FileNotFoundError, ValueError):
        return None


async def serve_pdf(request: Request, find: Find, store: DocumentStore) -> Response:
    found = await asyncio.to_thread(_read, find, store, request.cookies.get(SESSION_COOKIE),
                                    request.path_params.get("number", ""), request.path_params.get("kind", ""))
    if found is None:
        return PlainTextResponse("Not found", status_code=404, headers={"cache-control": "no-store"})
    filename, data = found
    return Response(data, media_type="application/pdf", headers={
        "content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store",
        "x-content-type-options": "nosniff"})

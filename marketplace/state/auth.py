"""Who is calling: the session cookie from the websocket handshake, checked against the sessions table.

Contract:
- ``current_caller(state)`` reads the HttpOnly ``mp_session`` cookie from ``state.router.headers`` (set by
  the login route, never visible to JavaScript) and resolves it on the server on every call. Nothing the
  client can set (vars, arguments, route params) grants rights.
- ``role_required(state, role)`` is the guard every seller and staff page's loader and handlers start with:
  the caller from that cookie when they hold ``role`` (:func:`marketplace.accounts.guards.role_required`),
  else :class:`NotAuthenticated` / :class:`PermissionDenied`; ``login_redirect`` sends a refused caller who
  is not signed in to log in and back.
- ``SessionState`` holds only display data (name, role label) for the header; handlers never trust it.
"""

from __future__ import annotations

import asyncio
from http.cookies import CookieError, SimpleCookie

import reflex as rx
from sqlalchemy.exc import OperationalError

from marketplace import routes
from marketplace.accounts import guards, seller_roles, staff_roles
from marketplace.accounts import service as accounts
from marketplace.accounts.client_address import client_address, trusted_proxies
from marketplace.accounts.service import Caller
from marketplace.core.db import session_scope
from marketplace.core.errors import DomainError, NotAuthenticated
from marketplace.core.settings import get_settings
from marketplace.models import Role

SESSION_COOKIE = "mp_session"


def cookie_value(cookie_header: str, name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def _resolve(token: str | None) -> Caller | None:
    if not token:
        return None
    try:
        with session_scope() as session:
            return accounts.resolve(session, token)
    except OperationalError:  # SQLite busy while sliding the expiry: answer, slide next time
        with session_scope() as session:
            return accounts.resolve(session, token, slide=False)


async def current_caller(state: rx.State) -> Caller | None:
    token = cookie_value(state.router.headers.cookie, SESSION_COOKIE)
    return await asyncio.to_thread(_resolve, token)


async def role_required(state: rx.State, role: Role) -> Caller:
    """The caller of this event when they hold ``role`` (an admin holds staff); raises otherwise."""
    return guards.role_required(await current_caller(state), role)


def login_redirect(exc: DomainError, next_path: str) -> rx.event.EventSpec | None:
    """Where a refused back-office call goes: to log in and back to ``next_path`` when nobody is signed in."""
    return rx.redirect(routes.login(next_path)) if isinstance(exc, NotAuthenticated) else None


def client_ip(state: rx.State) -> str:
    """The tab's client address: ``X-Forwarded-For`` of the socket's handshake counts only when the direct
    peer is one of ``TRUSTED_PROXIES`` (never the header's first, client-written entry)."""
    headers = state.router.headers.raw_headers
    return client_address(headers.get("asgi-scope-client"), headers.get("x-forwarded-for"),
                          trusted_proxies(get_settings().trusted_proxies))


def _capabilities(caller: Caller | None) -> list[str]:
    if caller is None:
        return []
    if guards.holds(caller.role, Role.STAFF):
        return sorted(str(c) for c in staff_roles.capabilities(caller.staff_role, admin=caller.role == Role.ADMIN))
    return sorted(str(c) for c in seller_roles.capabilities(caller.vendor_role))


class SessionState(rx.State):
    """Display-only facts about the signed-in user for the header and menus."""

    signed_in: bool = False
    user_name: str = ""
    role: str = ""  # for showing links only; every handler re-checks on the server
    capabilities: list[str] = []  # what the seller's shop role or the staff member's role may use (links only)

    @rx.event
    async def refresh(self):
        caller = await current_caller(self)
        self.signed_in = caller is not None
        self.user_name = caller.display_name if caller else ""
        self.role = caller.role.value if caller else ""
        self.capabilities = _capabilities(caller)

    @rx.var
    def is_seller(self) -> bool:
        return guards.holds(self.role, Role.SELLER)

    @rx.var
    def is_staff(self) -> bool:
        return guards.holds(self.role, Role.STAFF)

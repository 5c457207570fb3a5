"""HTTP routes for logging in, registering and logging out.

Contract:
- ``POST /api/auth/login`` (form: email, password, next) checks the throttle and password, rotates the
  session (a new random token each login; the session the browser held before is deleted), sets the
  ``mp_session`` cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS, 14 days; 12 hours for staff), merges
  the guest cart, and answers 303 to ``next`` (local paths only) or the role's home. Errors answer 303
  back to the form with an error code and the e-mail kept, never the password. The form's error code comes
  from the accounts error's code (``accounts.error_codes``), never from its English message.
  A throttled attempt answers ``error=throttled&wait=<seconds>`` (the same for unknown accounts).
- ``POST /api/auth/register`` (form: name, email, password, next) e-mails the address (a link that finishes the
  sign-up, or a note to an existing account's owner) and answers the same "check your inbox" either way, so
  the form does not reveal which addresses have accounts.
- ``GET /api/auth/verify?token=`` (the sign-up link) creates the account and sends to the log-in form (with
  the sign-up's local ``next``, so "Sell on Meridian" continues after the first log-in);
  ``GET /api/auth/unlock?token=`` (the throttle e-mail's link) clears the account's failed log-ins and does
  the same. Bad, used or expired links answer ``error=link``.
- Registration and login are rate-limited per client address (``api.limits``: 429 with ``Retry-After``).
- ``POST /api/auth/logout`` deletes the session row whatever the Origin says (a refused origin only means
  no cookies are set or cleared in the answer), then drops the cookie.
- Cross-origin log-in and registration posts are refused (the Origin must be this site or an allowed origin).
- ``client_ip`` is the direct peer, or the ``X-Forwarded-For`` client when the peer is one of
  ``TRUSTED_PROXIES`` (``accounts.client_address``).
"""

from __future__ import annotations

import asyncio
from enum import StrEnum
from urllib.parse import urlencode

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.accounts import throttle
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.api import limits
from marketplace.catalog.market_prefs import clean_market
from marketplace.core.db import get_engine, immediate_scope
from marketplace.core.errors import Throttled, ValidationError
from marketplace.core.settings import get_settings
from marketplace.models import Role, User
from marketplace.orders import cart as carts

SESSION_COOKIE = "mp_session"
CART_COOKIE = carts.GUEST_COOKIE
_ROLE_HOME = {Role.SELLER: routes.SELLER, Role.STAFF: routes.STAFF, Role.ADMIN: routes.STAFF}
_MAX_FIELD = 1000


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin == own or origin in get_settings().cors_allowed_origins


def _back(path: str, **params: str) -> RedirectResponse:
    query = urlencode({k: v for k, v in params.items() if v})
    return RedirectResponse(f"{path}?{query}" if query else path, status_code=303)


def _field(form, name: str) -> str:  # noqa: ANN001
    value = form.get(name, "")
    return value[:_MAX_FIELD] if isinstance(value, str) else ""


def client_ip(request: Request) -> str:
    """The client's address: ``X-Forwarded-For`` counts only when the direct peer is a trusted proxy."""
    return limits.client_address(request)


def _set_session(response: Response, token: str, user: User) -> None:
    settings = get_settings()
    max_age = min(accounts.SESSION_DAYS * 86400, int(accounts.lifetime(user.role).total_seconds()))
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=settings.secure_cookies)
    for name, value in (("mp_lang", user.language), ("mp_cur", user.currency), ("mp_ship", user.ship_to_country)):
        response.set_cookie(name, value, max_age=365 * 86400, path="/", samesite="lax",
                            secure=settings.secure_cookies)
    response.delete_cookie(CART_COOKIE, path="/")


def _do_login(email: str, password: str, ip: str, agent: str, guest_cart: str | None,
              old_session: str | None = None) -> tuple[str, User]:
    with immediate_scope() as session:
        token, user = accounts.login(session, email=email, password=password, ip=ip, user_agent=agent)
        accounts.logout(session, old_session)  # rotation: the browser's previous session ends with this login
        if guest_cart:
            carts.merge_guest_into_user(session, guest_cart, user.id)
        return token, user


async def login(request: Request) -> Response:
    form = await request.form()
    email, next_path = _field(form, "email"), routes.safe_next(_field(form, "next"), default="")
    if not _same_origin(request):
        return _back(routes.LOGIN, error="origin")
    if (limited := await limits.refused(request, "login", routes.LOGIN)) is not None:  # per address, coarse
        return limited
    try:
        token, user = await asyncio.to_thread(
            _do_login, email, _field(form, "password"), client_ip(request),
            request.headers.get("user-agent", ""), request.cookies.get(CART_COOKIE),
            request.cookies.get(SESSION_COOKIE))
    except Throttled as exc:
        return _back(routes.LOGIN, error="throttled", wait=str(exc.params.get("seconds", 60)), email=email,
                     next=next_path)
    except ValidationError as exc:
        code = _LOGIN_ERRORS.get(exc.code, "invalid")
        return _back(routes.LOGIN, error=code, email=email, next=next_path)
    response = RedirectResponse(next_path or _ROLE_HOME.get(Role(user.role), routes.HOME), status_code=303)
    _set_session(response, token, user)
    return response


# the accounts service's error code -> the error code the form page shows (pages/storefront/auth.py);
# anything else shows as "invalid" (at log-in a missing e-mail does too: it only says "invalid")
_LOGIN_ERRORS: dict[StrEnum, str] = {
    AccountErrorCode.EMAIL_INVALID: "email",
}
_REGISTER_ERRORS: dict[StrEnum, str] = {
    AccountErrorCode.EMAIL_INVALID: "email",
    AccountErrorCode.EMAIL_REQUIRED: "email",
    AccountErrorCode.PASSWORD_REQUIRED: "password",
    AccountErrorCode.PASSWORD_TOO_SHORT: "password",
    AccountErrorCode.PASSWORD_TOO_LONG: "password",
    AccountErrorCode.NAME_REQUIRED: "name",
    AccountErrorCode.NAME_TOO_LONG: "name",
}


def _do_register(name: str, email: str, password: str, prefs: tuple[str, str, str], next_path: str = "") -> None:
    with immediate_scope() as session:
        accounts.register(session, email=email, password=password, display_name=name, language=prefs[0],
                          currency=prefs[1], ship_to_country=prefs[2], next_path=next_path)


async def register(request: Request) -> Response:
    form = await request.form()
    name, email = _field(form, "name"), _field(form, "email")
    next_path = routes.safe_next(_field(form, "next"), default="")
    if not _same_origin(request):
        return _back(routes.REGISTER, error="origin")
    if (limited := await limits.refused(request, "register", routes.REGISTER)) is not None:  # per address
        return limited
    # the market cookies are client input: only known codes are kept, the rest falls back to the default
    prefs = clean_market(request.cookies.get("mp_lang"), request.cookies.get("mp_cur"), request.cookies.get("mp_ship"))
    try:
        await asyncio.to_thread(_do_register, name, email, _field(form, "password"), prefs, next_path)
    except (ValidationError, Throttled) as exc:
        code = _REGISTER_ERRORS.get(exc.code, "invalid")
        return _back(routes.REGISTER, error=code, email=email, name=name, next=next_path)
    return _back(routes.LOGIN, notice="check-inbox", email=accounts.normalise_email(email))


def _use_link(kind: str, token: str) -> tuple[str, str] | None:
    """Consume a one-time link: the e-mail address to prefill on the log-in form and the page to return to
    after it, or None if the link is invalid."""
    with immediate_scope() as session:
        if kind == "verify":
            next_path = accounts.registration_next(session, token)
            user = accounts.complete_registration(session, token)
            return (user.email, next_path) if user else None
        return ("", "") if throttle.unlock(session, token) else None


async def verify(request: Request) -> Response:
    used = await asyncio.to_thread(_use_link, "verify", request.query_params.get("token", "")[:200])
    return _back(routes.LOGIN, error="link") if used is None else _back(routes.LOGIN, notice="verified",
                                                                          email=used[0], next=used[1])


async def unlock(request: Request) -> Response:
    ok = await asyncio.to_thread(_use_link, "unlock", request.query_params.get("token", "")[:200])
    return _back(routes.LOGIN, notice="unlocked") if ok is not None else _back(routes.LOGIN, error="link")


def _do_logout(token: str | None) -> None:
    with immediate_scope() as session:
        accounts.logout(session, token)


async def logout(request: Request) -> Response:
    await asyncio.to_thread(_do_logout, request.cookies.get(SESSION_COOKIE))  # always: the session ends
    response = HTMLResponse(_FRESH_TAB_HTML, headers={"cache-control": "no-store"})
    if _same_origin(request):  # a cross-site answer sets no cookies
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# After log-out the tab must not keep the signed-out user's page state: Reflex keys a tab's server-side state
# by a token in sessionStorage, which survives page loads. This page drops that token (the next page load
# starts a fresh state) and goes home; without JavaScript, the meta refresh and the link do the same.
_FRESH_TAB_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meridian</title>
<meta http-equiv="refresh" content="1; url=/"></head><body>
<script>try { sessionStorage.removeItem("token"); } catch (e) {} location.replace("/");</script>
<p><a href="/">Meridian</a></p></body></html>"""


def _db_ok() -> bool:
    with get_engine().connect() as connection:
        return connection.execute(text("SELECT 1")).scalar() == 1


async def health(_request: Request) -> Response:
    try:
        ok = await asyncio.to_thread(_db_ok)
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        ok = False
    return JSONResponse({"status": "ok" if ok else "degraded", "database": ok}, status_code=200 if ok else 503)


ROUTES = [
    Route(routes.API_LOGIN, login, methods=["POST"]),
    Route(routes.API_REGISTER, register, methods=["POST"]),
    Route(routes.API_LOGOUT, logout, methods=["POST"]),
    Route(routes.API_VERIFY, verify, methods=["GET"]),
    Route(routes.API_UNLOCK, unlock, methods=["GET"]),
    Route(routes.API_HEALTH, health, methods=["GET"]),
]

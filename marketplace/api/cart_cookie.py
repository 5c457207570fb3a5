"""The guest-cart cookie, issued by the server as HttpOnly so page scripts never see the token.

Contract (``CartCookieMiddleware``, an ASGI middleware wrapped around the whole app):
- A request without a valid ``mp_guest_cart`` cookie gets a new random token (``orders.cart.new_guest_token``)
  when it is an HTML page (the response is ``text/html``) or the websocket handshake: the token is set on the
  response (``HttpOnly; SameSite=Lax; Path=/``, 60 days, ``Secure`` when ``PUBLIC_URL`` is https) and also
  added to the request's own ``Cookie`` header, so the Reflex state reading ``router.headers`` on this very
  connection already sees it. Other responses (API routes, scripts, images) are left alone, so they stay
  cacheable, and a response that sets the cookie itself (log-in clears it) wins.
- The old, script-readable ``mp_cart`` cookie is carried over once: its token moves into the HttpOnly cookie
  and ``mp_cart`` is deleted, so a guest keeps their cart across the upgrade.
- A token names a cart only after something is added (``orders.cart.add``); until then it is just a random
  value, so issuing one to every visitor stores nothing.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marketplace.core.settings import get_settings
from marketplace.orders.cart import GUEST_COOKIE as CART_COOKIE
from marketplace.orders.cart import new_guest_token, valid_guest_token

LEGACY_COOKIE = "mp_cart"
SIXTY_DAYS = 60 * 24 * 3600


def _cookies(scope: Scope) -> tuple[bytes, dict[str, str]]:
    raw = b"; ".join(value for name, value in scope.get("headers", []) if name == b"cookie")
    jar = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1"))
    except CookieError:
        return raw, {}
    return raw, {name: morsel.value for name, morsel in jar.items()}


def _set_cookie(token: str) -> bytes:
    secure = "; Secure" if get_settings().secure_cookies else ""
    return f"{CART_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={SIXTY_DAYS}{secure}".encode()


_DROP_LEGACY = f"{LEGACY_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax".encode()


class CartCookieMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        raw, cookies = _cookies(scope)
        if valid_guest_token(cookies.get(CART_COOKIE)):
            await self.app(scope, receive, send)
            return
        legacy = valid_guest_token(cookies.get(LEGACY_COOKIE))
        token = legacy or new_guest_token()
        cookie = f"{CART_COOKIE}={token}".encode()
        headers = [(name, value) for name, value in scope.get("headers", []) if name != b"cookie"]
        headers.append((b"cookie", raw + b"; " + cookie if raw else cookie))
        scope = {**scope, "headers": headers}
        extra = [(b"set-cookie", _set_cookie(token))] + ([(b"set-cookie", _DROP_LEGACY)] if legacy else [])

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "websocket.accept":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.start":
                response_headers = list(message.get("headers", []))
                html = any(name == b"content-type" and value.startswith(b"text/html")
                           for name, value in response_headers)
                own = any(name == b"set-cookie" and value.startswith(f"{CART_COOKIE}=".encode())
                          for name, value in response_headers)
                if html and not own:
                    message = {**message, "headers": [*response_headers, *extra]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)

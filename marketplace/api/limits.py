"""Rate limits for HTTP routes: 429 Too Many Requests with ``Retry-After``.

Contract:
- ``await refused(request, bucket)`` counts one request of ``bucket`` (``accounts.ratelimit.LIMITS``) from the
  client address in its own committed transaction and returns ``None`` while within the limit; over it, a
  ``429`` response with ``Retry-After`` (seconds) and a short page in the visitor's language (``mp_lang``
  cookie, else ``Accept-Language``) saying how long to wait, with a link back to ``back``.
- ``client_address(request)`` is the one place API routes read the client address: the socket's peer, or
  the ``X-Forwarded-For`` client when the peer is one of ``TRUSTED_PROXIES`` (``accounts.client_address``).
"""

from __future__ import annotations

import asyncio
import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from marketplace.accounts import ratelimit
from marketplace.accounts.client_address import client_address as peer_or_forwarded
from marketplace.accounts.client_address import trusted_proxies
from marketplace.core.i18n import LANGUAGES, N_, negotiate, translate
from marketplace.core.settings import get_settings
from marketplace.present.problems import problem_text


def client_address(request: Request) -> str:
    return peer_or_forwarded(request.client.host if request.client else None,
                             request.headers.getlist("x-forwarded-for"),
                             trusted_proxies(get_settings().trusted_proxies))


def _language(request: Request) -> str:
    asked = request.cookies.get("mp_lang", "")
    return asked if asked in LANGUAGES else negotiate(request.headers.get("accept-language"))


async def refused(request: Request, bucket: str, back: str = "/") -> Response | None:
    who = ratelimit.caller_key(address=client_address(request))
    decision = await asyncio.to_thread(ratelimit.hit_now, None, bucket, who)
    if decision.allowed:
        return None
    error = ratelimit.RateLimited(bucket, decision.retry_after)
    lang = _language(request)
    message = html.escape(problem_text(lang, error))
    page = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{message}</title></head>'
            f'<body style="font-family: system-ui, sans-serif; margin: 2rem"><p>{message}</p>'
            f'<p><a href="{html.escape(back)}">{html.escape(translate(lang, N_("Go back")))}</a></p></body></html>')
    return HTMLResponse(page, status_code=429, headers={"retry-after": str(error.retry_after),
                                                        "cache-control": "no-store"})

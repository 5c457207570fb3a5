"""The security headers every response carries (pages, API routes, media, share pages): pure functions.

Contract:
- :func:`security_headers` returns the header list for one response: a Content-Security-Policy, X-Frame-Options
  DENY, Referrer-Policy, X-Content-Type-Options nosniff, Permissions-Policy, and Strict-Transport-Security when
  the site is served over https. The ASGI middleware that adds them lives in ``marketplace/api/security.py``.
- The policy is the one the Reflex 0.10.1 production build works under (checked in Chromium by
  ``tests/e2e/test_security_headers.py``):
  * scripts: ``'self'`` plus the sha256 hash of every inline ``<script>`` the build's HTML files carry
    (React Router's hydration context and route imports, Reflex's colour-mode and scroll-restoration
    snippets; see :func:`inline_script_hashes`). No ``'unsafe-inline'`` for scripts, so injected markup cannot
    run script. ``'unsafe-eval'`` is needed: Reflex runs ``rx.call_script`` (e.g. setting ``<html lang>``)
    through ``eval`` in ``.web/utils/state.js``.
  * styles: ``'unsafe-inline'``: Emotion injects ``<style>`` elements at run time and components carry
    ``style`` attributes.
  * the event websocket is same-origin (``'self'`` covers ws:/wss: on the page's own host and port in CSP 3);
    the ``PUBLIC_URL`` origin's ws/wss form is listed too.
  * with ``PAYMENTS=stripe`` the origin of ``STRIPE_JS_URL`` (default ``https://js.stripe.com/v3/``) may serve
    scripts and frames, and ``STRIPE_API_BASE`` may be connected to.
  * ``frame-ancestors 'none'``: no other site frames ours (clickjacking); X-Frame-Options DENY for old browsers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from marketplace.core.settings import Settings

HSTS = "max-age=31536000; includeSubDomains"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def script_hash(body: str) -> str:
    """The CSP source expression allowing exactly this inline script: ``'sha256-<base64>'``."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def inline_script_hashes(html: str) -> set[str]:
    """Hash sources of every inline script in ``html`` (scripts with a ``src`` are covered by their origin)."""
    return {script_hash(m["body"]) for m in _INLINE_SCRIPT.finditer(html)
            if not re.search(r"\bsrc\s*=", m["attrs"], re.I) and m["body"]}


def content_security_policy(settings: Settings, script_hashes: Iterable[str] = ()) -> str:
    scripts = ["'self'", "'unsafe-eval'", *sorted(set(script_hashes))]
    connect = ["'self'"]
    public = urlsplit(settings.public_url)
    if public.netloc:
        connect.append(f"{'wss' if public.scheme == 'https' else 'ws'}://{public.netloc}")
    frames = ["'none'"]
    if settings.payments == "stripe":
        stripe_js = _origin(settings.stripe_js_url)
        if stripe_js:
            real = stripe_js == "https://js.stripe.com"  # Stripe's CSP guide: its subdomains and 3-D Secure hooks
            scripts += [stripe_js, *(["https://*.js.stripe.com"] if real else [])]
            frames = [stripe_js, *(["https://*.js.stripe.com", "https://hooks.stripe.com"] if real else [])]
            connect.append(stripe_js)
        if api := _origin(settings.stripe_api_base):
            connect.append(api)
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": list(dict.fromkeys(connect)),
        "frame-src": frames,
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def permissions_policy(settings: Settings) -> str:
    payment = "self"
    if settings.payments == "stripe" and (stripe_js := _origin(settings.stripe_js_url)):
        payment = f'self "{stripe_js}"'
    return f"camera=(), microphone=(), geolocation=(), usb=(), payment=({payment})"


def security_headers(settings: Settings, *, https: bool, script_hashes: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Headers for one response; ``https``: the request arrived over https (or the public site is https)."""
    headers = [
        ("content-security-policy", content_security_policy(settings, script_hashes)),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-content-type-options", "nosniff"),
        ("permissions-policy", permissions_policy(settings)),
    ]
    if https:
        headers.append(("strict-transport-security", HSTS))
    return headers

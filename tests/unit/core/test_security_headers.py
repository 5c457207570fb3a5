"""The security headers and the Content-Security-Policy built from settings (issue 9, defect 4)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from pathlib import Path

from marketplace.core.security_headers import content_security_policy, inline_script_hashes, security_headers
from marketplace.core.settings import Settings

BASE = Settings(database_url="sqlite://", redis_url=None, payments="embedded",
                fx_source="embedded", public_url="http://localhost:3000", cors_allowed_origins=(),
                upload_dir=Path("/tmp"), secret_key="k")


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


def test_inline_scripts_are_hashed_and_scripts_with_a_source_are_not():
    html = '<script src="/a.js"></script><script type="module">import "/m.js";</script><SCRIPT>x()</SCRIPT>'
    expected = {f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
                for body in (b'import "/m.js";', b"x()")}
    assert inline_script_hashes(html) == expected


def test_the_policy_forbids_inline_script_framing_and_plugins():
    directives = _directives(content_security_policy(BASE, ["'sha256-abc='"]))
    assert directives["script-src"] == ["'self'", "'unsafe-eval'", "'sha256-abc='"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert directives["frame-src"] == ["'none'"]
    assert directives["connect-src"] == ["'self'", "ws://localhost:3000"]
    assert directives["form-action"] == ["'self'"] and directives["base-uri"] == ["'self'"]


def test_stripe_js_is_allowed_only_with_stripe_payments_from_the_configured_origin():
    stripe = replace(BASE, payments="stripe", public_url="https://shop.example")
    directives = _directives(content_security_policy(stripe))
    assert "https://js.stripe.com" in directives["script-src"]
    assert directives["frame-src"] == ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]
    assert "https://*.js.stripe.com" in directives["script-src"]
    assert directives["connect-src"] == ["'self'", "wss://shop.example", "https://js.stripe.com",
                                         "https://api.stripe.com"]
    assert "stripe" not in content_security_policy(BASE)


def test_hsts_only_over_https():
    assert "strict-transport-security" not in dict(security_headers(BASE, https=False))
    headers = dict(security_headers(BASE, https=True))
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]

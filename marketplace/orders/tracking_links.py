"""Signed public tracking links: ``/track/<token>`` names one parcel without a guessable number.

Contract:
- :func:`sign(shipment_id)` returns ``"<id>.<mac>"``: the parcel's id and the first 128 bits of
  ``HMAC-SHA256(SECRET_KEY, "track:v1:<id>")``, base64url without padding. The same id always gives the same
  token (an e-mail sent twice links to the same page); another install (another ``SECRET_KEY``) gives another.
- :func:`verify(token)` returns the id only when the token has exactly that shape and its MAC matches
  (compared in constant time); anything else — tampered, truncated, another parcel's MAC, non-string — is
  ``None``. No database is read before the MAC is checked, so ids cannot be probed.
- :func:`tracking_url(shipment_id)` is the absolute link for e-mails (``PUBLIC_URL`` + the route), like the
  sign-up verification link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from marketplace import routes
from marketplace.core.settings import get_settings

_PURPOSE = "track:v1:"
_MAC_BYTES = 16
_SHAPE = re.compile(r"^([1-9][0-9]{0,17})\.([A-Za-z0-9_-]{22})$")


def _mac(shipment_id: int, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{_PURPOSE}{shipment_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:_MAC_BYTES]).decode().rstrip("=")


def sign(shipment_id: int, secret: str | None = None) -> str:
    """The public token of parcel ``shipment_id`` (``secret`` defaults to the app's ``SECRET_KEY``)."""
    if isinstance(shipment_id, bool) or not isinstance(shipment_id, int) or shipment_id < 1:
        raise ValueError("shipment_id must be a positive int")
    return f"{shipment_id}.{_mac(shipment_id, secret or get_settings().secret_key)}"


def verify(token: object, secret: str | None = None) -> int | None:
    """The parcel id a genuine token names, else ``None`` (see the module contract)."""
    if not isinstance(token, str) or len(token) > 64:
        return None
    match = _SHAPE.match(token)
    if match is None:
        return None
    shipment_id = int(match.group(1))
    expected = _mac(shipment_id, secret or get_settings().secret_key)
    return shipment_id if hmac.compare_digest(expected, match.group(2)) else None


def tracking_url(shipment_id: int) -> str:
    """The absolute public tracking link of a parcel, for e-mails."""
    return f"{get_settings().public_url}{routes.track(sign(shipment_id))}"

"""Choosing the payment gateway from configuration (``PAYMENTS=embedded|stripe``).

Contract: ``gateway_for(settings.payments)`` returns one gateway **per process** for each value (the
embedded gateway keeps its intents in memory, so every caller must share the same instance; a charge another
process took is found through its ``Payment`` row, ``payments.embedded_recovery``).
``reset_gateways()`` drops them (tests). ``stripe`` reads its settings (``STRIPE_API_KEY``, ``STRIPE_API_BASE``,
``STRIPE_RETURN_URL``: ``Settings.from_env``) from the environment when first built and raises ``ValueError``
if the key is missing, so a misconfigured production start fails loudly.

It lives in ``integrations`` (above the payments domain in the layer order), so choosing an adapter never
makes domain code import one. The stripe adapter (and its SDK) is imported only when ``PAYMENTS=stripe``.
"""

from __future__ import annotations

import threading

from marketplace.core.db import get_engine
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.embedded_recovery import recover_from
from marketplace.payments.gateway import PaymentGateway

GATEWAYS = ("embedded", "stripe")

_lock = threading.Lock()
_gateways: dict[str, PaymentGateway] = {}


def _build(name: str) -> PaymentGateway:
    if name == "embedded":
        return EmbeddedGateway(recover=recover_from(get_engine))
    from marketplace.integrations.stripe_gateway import StripeGateway  # noqa: PLC0415 - the Stripe SDK loads only when PAYMENTS=stripe

    return StripeGateway.from_env()


def gateway_for(settings_value: str) -> PaymentGateway:
    """The process's gateway for ``settings_value`` (``"embedded"`` or ``"stripe"``, any case).

    Raises:
        ValueError: for another value, or ``stripe`` without ``STRIPE_API_KEY``.
    """
    name = str(settings_value).strip().lower()
    if name not in GATEWAYS:
        raise ValueError(f"PAYMENTS must be one of {', '.join(GATEWAYS)}; got {settings_value!r}")
    with _lock:
        gateway = _gateways.get(name)
        if gateway is None:
            gateway = _gateways[name] = _build(name)
        return gateway


def reset_gateways() -> None:
    """Forget the built gateways (tests that change the environment)."""
    with _lock:
        _gateways.clear()


__all__ = ["GATEWAYS", "gateway_for", "reset_gateways"]

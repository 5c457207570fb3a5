"""Stripe Connect Express onboarding for sellers (``PAYMENTS=stripe``): open an Express account and an
onboarding link, and ask whether the seller finished.

Contract:
- :class:`StripeConnectOnboarding` uses the official ``stripe`` SDK through its own ``StripeClient``
  (``STRIPE_API_KEY``, ``STRIPE_API_BASE`` for tests), like ``stripe_gateway``; no global key is touched.
- ``open_onboarding(account_id=None, country, email, return_url, refresh_url, idempotency_key)`` creates an
  Express account (transfers capability requested) when ``account_id`` is None, then an
  ``account_onboarding`` AccountLink; returns ``(account_id, link_url)``. ``details_submitted(account_id)``
  reads the account back. Any Stripe or network error is :class:`GatewayError`.
It implements ``vendors.onboarding.ConnectOnboarding``; the domain never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import stripe

from marketplace.core.settings import Settings
from marketplace.payments.gateway import GatewayError

T = TypeVar("T")


def _call(action: Callable[[], T]) -> T:
    try:
        return action()
    except stripe.StripeError as exc:
        raise GatewayError(f"Stripe error: {exc.user_message or exc}") from exc


class StripeConnectOnboarding:
    def __init__(self, api_key: str, *, api_base: str | None = None, client: stripe.StripeClient | None = None) -> None:
        if not api_key and client is None:
            raise ValueError("STRIPE_API_KEY is required for PAYMENTS=stripe")
        if client is not None:
            self._client = client
        else:
            kwargs: dict[str, Any] = {"max_network_retries": 2}
            if api_base:
                kwargs["base_addresses"] = {"api": api_base.rstrip("/"), "connect": api_base.rstrip("/")}
            self._client = stripe.StripeClient(api_key, **kwargs)

    @classmethod
    def from_settings(cls, settings: Settings) -> StripeConnectOnboarding:
        return cls(settings.stripe_api_key, api_base=settings.stripe_api_base)

    def open_onboarding(self, *, account_id: str | None, country: str, email: str, return_url: str,
                        refresh_url: str, idempotency_key: str) -> tuple[str, str]:
        if account_id is None:
            params = {"type": "express", "country": country, "email": email,
                      "capabilities": {"transfers": {"requested": True}}}
            account = _call(lambda: self._client.v1.accounts.create(
                params=params, options={"idempotency_key": idempotency_key}))
            account_id = account.id
        link_params = {"account": account_id, "return_url": return_url, "refresh_url": refresh_url,
                       "type": "account_onboarding"}
        link = _call(lambda: self._client.v1.account_links.create(params=link_params))
        return account_id, link.url

    def details_submitted(self, account_id: str) -> bool:
        account = _call(lambda: self._client.v1.accounts.retrieve(account_id))
        return bool(getattr(account, "details_submitted", False))


__all__ = ["StripeConnectOnboarding"]

"""Helpers page states share: run a service in a worker thread inside a unit of work, and read the
shopper's market. Keeps page handlers short and the event loop free."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.state.locale import CURRENCIES, LocaleState

T = TypeVar("T")


def _in_session(fn: Callable[..., T], write: bool, *args: Any, **kwargs: Any) -> T:
    with (immediate_scope() if write else session_scope()) as session:
        return fn(session, *args, **kwargs)


async def run_service(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(session, *args, **kwargs)`` in a thread, committed on success, rolled back on error."""
    return await asyncio.to_thread(_in_session, fn, False, *args, **kwargs)


async def run_write(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Like :func:`run_service` for check-then-write services (SQLite: BEGIN IMMEDIATE)."""
    return await asyncio.to_thread(_in_session, fn, True, *args, **kwargs)


async def market(state: rx.State) -> tuple[str, str, str]:
    """(language, currency, ship-to country) of this browser tab, already initialised by the page load.

    Re-validated here because a raw client can overwrite any var with Reflex's built-in ``setvar``."""
    locale = await state.get_state(LocaleState)
    lang = locale.lang if locale.lang in LANGUAGES else DEFAULT_LANGUAGE
    currency = locale.currency if locale.currency in CURRENCIES else "EUR"
    ship_to = locale.ship_to if locale.ship_to in DESTINATIONS else "DE"
    return lang, currency, ship_to

"""What the account pages share: who is signed in (from the server-side session), the redirect to log in,
dates in the shopper's language (refusals go through ``present.problems.problem_text``)."""

from __future__ import annotations

from datetime import UTC, datetime

import babel.dates
import reflex as rx

from marketplace import routes
from marketplace.accounts.service import Caller
from marketplace.core import clock, formatting
from marketplace.core.i18n import format_locale
from marketplace.state.auth import current_caller


async def shopper_or_login(state: rx.State, path: str) -> tuple[Caller | None, object]:
    """(caller, None) when signed in; otherwise (None, a redirect to the login page that comes back here),
    after resetting ``state``: a signed-out tab keeps nothing of what an earlier shopper saw in it."""
    caller = await current_caller(state)
    if caller is None:
        state.reset()
        return None, rx.redirect(routes.login(path))
    return caller, None


def when(value: datetime | None, lang: str) -> str:
    return formatting.format_date(value, format_locale(lang)) if value else ""


def when_time(value: datetime, lang: str) -> str:
    """Date and time of a message, in UTC (the account has no time zone yet)."""
    stamp = babel.dates.format_datetime(clock.as_utc(value), format="medium", tzinfo=UTC, locale=format_locale(lang))
    return f"{stamp} UTC"

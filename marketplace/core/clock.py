"""The one clock: ``now()`` is timezone-aware UTC. Tests may pin it with ``frozen(at)``.

Everything that stores or compares times calls ``now()`` so a test can move time (session expiry, login
throttle windows, quote expiry) without sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_pinned: datetime | None = None


def now() -> datetime:
    """Current time, UTC, timezone-aware."""
    return _pinned if _pinned is not None else datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Treat a naive datetime (SQLite returns those) as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Pin ``now()`` to ``at`` inside the block."""
    global _pinned
    previous, _pinned = _pinned, as_utc(at)
    try:
        yield
    finally:
        _pinned = previous

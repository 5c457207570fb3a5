"""What the seller pages share: the navigation and turning a refusal into a translated message."""

from __future__ import annotations

from marketplace import routes
from marketplace.core.errors import DomainError, NotAuthenticated
from marketplace.core.i18n import N_
from marketplace.core.text import is_digits
from marketplace.present.problems import problem_text

SELLER_LINKS = [
    ("layout-dashboard", N_("Overview"), routes.SELLER),
]


def refusal(lang: str, exc: DomainError) -> tuple[str, bool]:
    """(message, needs login) for a refused seller call."""
    return problem_text(lang, exc), isinstance(exc, NotAuthenticated)


def parse_id(value: object) -> int | None:
    """A positive record id from an event argument (``"12"`` or ``12``); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and is_digits(value) and len(value) <= 12:
        return int(value) or None
    return None

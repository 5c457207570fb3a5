"""What the seller pages share: the navigation and reading a record id from an event argument."""

from __future__ import annotations

from marketplace import routes
from marketplace.core.i18n import N_
from marketplace.core.text import is_digits

SELLER_LINKS = [
    ("layout-dashboard", N_("Overview"), routes.SELLER),
    ("package", N_("Orders"), routes.SELLER_ORDERS),
    ("undo-2", N_("Returns"), routes.SELLER_RETURNS),
    ("chart-line", N_("Sales"), routes.SELLER_SALES),
    ("wallet", N_("Money"), routes.SELLER_MONEY),
    ("message-square", N_("Messages"), routes.SELLER_MESSAGES),
]


def parse_id(value: object) -> int | None:
    """A positive record id from an event argument (``"12"`` or ``12``); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and is_digits(value) and len(value) <= 12:
        return int(value) or None
    return None

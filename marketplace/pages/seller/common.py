"""What the seller pages share: the navigation (each link shown only to roles that may use its page; the server
refuses the rest regardless) and reading a record id from an event argument."""

from __future__ import annotations

from marketplace import routes
from marketplace.accounts.seller_roles import Capability
from marketplace.core.i18n import N_
from marketplace.core.text import is_digits

# (icon, label, path, the capability the member's role needs to see the link: accounts.seller_roles)
SELLER_LINKS = [
    ("layout-dashboard", N_("Overview"), routes.SELLER, Capability.CATALOGUE),
    ("package", N_("Orders"), routes.SELLER_ORDERS, Capability.ORDERS),
    ("boxes", N_("Stock"), routes.SELLER_STOCK, Capability.STOCK),
    ("undo-2", N_("Returns"), routes.SELLER_RETURNS, Capability.RETURNS),
    ("chart-line", N_("Sales"), routes.SELLER_SALES, Capability.SALES),
    ("wallet", N_("Money"), routes.SELLER_MONEY, Capability.MONEY),
    ("message-square", N_("Messages"), routes.SELLER_MESSAGES, Capability.MESSAGES),
    ("store", N_("Business profile"), routes.SELLER_PROFILE, Capability.PROFILE),
    ("users", N_("Team"), routes.SELLER_TEAM, Capability.TEAM_VIEW),
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

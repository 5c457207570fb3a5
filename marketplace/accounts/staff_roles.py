"""What each platform staff member may do: the staff roles, the staff capabilities, and the one table joining them.

Contract (pure: no database, no I/O):
- A staff account is a user with ``role == "staff"`` and a ``users.staff_role`` of :class:`StaffRole`
  (``moderator``, ``support``, ``finance``); an admin (``role == "admin"``) holds every capability and no
  ``staff_role`` is needed. A staff user whose ``staff_role`` is missing or unknown holds nothing (fail closed).
- :data:`ROLE_CAPABILITIES` is the whole policy:
    * ``moderator``: vendors (applications, approve, request changes, reject, suspend, reinstate, terminate),
      products (moderation queue, reports, keyword rules), reviews, and the audit log;
    * ``support``: the support desk (threads, return requests, canned replies), the order view, cancellations;
    * ``finance``: the order view, refunds, disputes, payouts, FX rates and overrides, commission rules,
      analytics;
    * ``admin``: all of the above, plus markets, staff accounts and locking/unlocking user accounts.
- :func:`capabilities` / :func:`can` answer for any value (an unknown role holds nothing).
"""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    MODERATOR = "moderator"  # vendors, products, reviews, audit log
    SUPPORT = "support"  # support desk, order view, cancellations
    FINANCE = "finance"  # order view, refunds, disputes, payouts, FX, commission, analytics


class StaffCapability(StrEnum):
    VENDORS = "vendors"  # vendor applications and moderation actions
    PRODUCTS = "products"  # product moderation queue, shopper reports, keyword rules
    REVIEWS = "reviews"  # review moderation
    AUDIT = "audit"  # the audit log viewer and its CSV
    SUPPORT = "support"  # the support desk: threads, return requests, canned replies, internal notes
    ORDERS = "orders"  # searching and reading orders (every vendor's)
    CANCELLATIONS = "cancellations"  # cancelling orders
    REFUNDS = "refunds"  # refunds per line (goods, shipping, duty)
    DISPUTES = "disputes"  # payment-provider disputes
    PAYOUTS = "payouts"  # vendor balances and payouts
    FX = "fx"  # exchange rates, refresh, overrides
    COMMISSION = "commission"  # commission rules
    ANALYTICS = "analytics"  # platform figures and the live sales monitor
    MARKETS = "markets"  # open destinations, languages, currencies, DDP/DAP (admin only)
    STAFF_ACCOUNTS = "staff_accounts"  # staff accounts and their roles, locking user accounts (admin only)


ROLE_CAPABILITIES: dict[StaffRole, frozenset[StaffCapability]] = {
    StaffRole.MODERATOR: frozenset({StaffCapability.VENDORS, StaffCapability.PRODUCTS, StaffCapability.REVIEWS,
                                    StaffCapability.AUDIT}),
    StaffRole.SUPPORT: frozenset({StaffCapability.SUPPORT, StaffCapability.ORDERS, StaffCapability.CANCELLATIONS}),
    StaffRole.FINANCE: frozenset({StaffCapability.ORDERS, StaffCapability.REFUNDS, StaffCapability.DISPUTES,
                                  StaffCapability.PAYOUTS, StaffCapability.FX, StaffCapability.COMMISSION,
                                  StaffCapability.ANALYTICS}),
}
ADMIN_CAPABILITIES: frozenset[StaffCapability] = frozenset(StaffCapability)


def role_of(value: object) -> StaffRole | None:
    """The staff role a stored or submitted value names; None for anything else."""
    if isinstance(value, str) and value in StaffRole._value2member_map_:
        return StaffRole(value)
    return None


def capabilities(staff_role: object, *, admin: bool = False) -> frozenset[StaffCapability]:
    """What a staff member with ``staff_role`` holds (an admin: everything)."""
    if admin:
        return ADMIN_CAPABILITIES
    found = role_of(staff_role)
    return ROLE_CAPABILITIES[found] if found else frozenset()


def can(staff_role: object, capability: StaffCapability, *, admin: bool = False) -> bool:
    return isinstance(capability, StaffCapability) and capability in capabilities(staff_role, admin=admin)

"""What each member of a seller's team may do: the roles, the seller capabilities, and the one table joining them.

Contract (pure: no database, no I/O):
- :class:`SellerRole` is a member's role in their vendor (``vendor_members.role``): ``owner``, ``manager``,
  ``packer``. :class:`Capability` names one kind of seller service.
- :data:`ROLE_CAPABILITIES` is the whole policy. ``owner``: everything. ``manager``: everything but the team
  (inviting, changing roles, removing members: it may see the team) and the payout account. ``packer``: orders (list, detail,
  packing, shipping, tracking), labels and customs documents, and the physical side of returns (see them,
  mark a parcel sent or received, send out a replacement or a repaired item) — never the shop's money
  (balances, ledger, payouts, statements), the catalogue, stock editing, sales figures, messages, the
  profile, refunds or decisions that cost money (approving or declining a return or a cancellation).
  A packer still sees what the parcel's own paperwork carries (line values on customs forms, label rates):
  they print it.
- :func:`capabilities` / :func:`can` answer for any value: an unknown role, ``None`` or a non-string holds
  nothing (fail closed).
- :data:`DEFAULT_ROLES` are the roles ``require_vendor(caller)`` admits when no capability is named: owner
  and manager. Code a packer may use names its capability explicitly.
"""

from __future__ import annotations

from enum import StrEnum


class SellerRole(StrEnum):
    OWNER = "owner"  # everything, including the team and the payout account
    MANAGER = "manager"  # runs the shop: everything but the team and the payout account
    PACKER = "packer"  # packs and ships: orders, labels, the physical side of returns


class Capability(StrEnum):
    CATALOGUE = "catalogue"  # products, variants, pictures, listing, CSV import/export
    STOCK = "stock"  # stock levels, history, thresholds
    ORDERS = "orders"  # the order list and detail, packing, shipping, tracking
    LABELS = "labels"  # buying and printing labels, customs forms and packing documents
    RETURNS = "returns"  # seeing returns, marking parcels sent/received, sending replacements
    REFUNDS = "refunds"  # decisions that move money: approving/declining returns and cancellations, refunds
    MONEY = "money"  # balances, ledger, payouts, statements, commission
    PAYOUT_ACCOUNT = "payout_account"  # the bank/Stripe account payouts go to
    MESSAGES = "messages"  # the inbox of threads with shoppers
    PROFILE = "profile"  # the shop's business profile
    SALES = "sales"  # sales figures and the live dashboard
    TEAM_VIEW = "team_view"  # seeing the team and its open invitations
    TEAM = "team"  # inviting members, changing roles, removing members


ROLE_CAPABILITIES: dict[SellerRole, frozenset[Capability]] = {
    SellerRole.OWNER: frozenset(Capability),
    SellerRole.MANAGER: frozenset(Capability) - {Capability.TEAM, Capability.PAYOUT_ACCOUNT},
    SellerRole.PACKER: frozenset({Capability.ORDERS, Capability.LABELS, Capability.RETURNS}),
}

DEFAULT_ROLES: frozenset[SellerRole] = frozenset({SellerRole.OWNER, SellerRole.MANAGER})


def role_of(value: object) -> SellerRole | None:
    """The role a stored or submitted value names; None for anything else."""
    if isinstance(value, str) and value in SellerRole._value2member_map_:
        return SellerRole(value)
    return None


def capabilities(role: object) -> frozenset[Capability]:
    found = role_of(role)
    return ROLE_CAPABILITIES[found] if found else frozenset()


def can(role: object, capability: Capability | None = None) -> bool:
    """Whether ``role`` may use ``capability``; with none named, whether it is one of :data:`DEFAULT_ROLES`."""
    found = role_of(role)
    if found is None:
        return False
    if capability is None:
        return found in DEFAULT_ROLES
    return isinstance(capability, Capability) and capability in ROLE_CAPABILITIES[found]

"""Words for the seller's team page and the invitation page: role names, what each role may do, and dates."""

from __future__ import annotations

from marketplace.accounts.seller_roles import SellerRole, role_of
from marketplace.core.i18n import N_, translate
from marketplace.vendors.team import ROLE_NAMES

ROLE_SUMMARIES = {
    SellerRole.OWNER: N_("Everything, including the team and the payout account."),
    SellerRole.MANAGER: N_("Everything but the team and the payout account."),
    SellerRole.PACKER: N_("Orders, labels, customs documents and returns. No money, catalogue, sales figures or "
                          "messages."),
}


def role_label(lang: str, role: str) -> str:
    found = role_of(role)
    return translate(lang, ROLE_NAMES[found]) if found else role


def role_summary(lang: str, role: str) -> str:
    found = role_of(role)
    return translate(lang, ROLE_SUMMARIES[found]) if found else ""


def role_choices(lang: str) -> list[tuple[str, str]]:
    """(role, label) in the order shown, packer first (the usual invitation)."""
    return [(r.value, translate(lang, ROLE_NAMES[r])) for r in (SellerRole.PACKER, SellerRole.MANAGER, SellerRole.OWNER)]

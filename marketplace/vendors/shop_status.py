"""What a shop may do in each status: the one policy the seller services ask, and the words that explain it.

Contract (pure: no database, no Reflex):
- :class:`ShopAction` names what a seller does: edit the shop's profile and documents, edit catalogue
  drafts, publish or list products, ship orders already placed, receive payouts.
- ``allows(status, action)`` answers from :data:`POLICY`; an unknown status allows nothing (fail closed).
  pending: profile, documents and drafts (nothing sold yet, so nothing to ship or pay out);
  approved: everything; suspended: profile, documents and drafts, and shipping what shoppers already paid
  for, but no publishing and no payouts (held while staff look); terminated: only shipping paid orders and
  receiving the payouts owed for them.
- ``refusal(status, action)`` is the message id saying why ``action`` is refused (None when allowed);
  ``require(status, action)`` raises :class:`PermissionDenied` (``VendorErrorCode.SHOP_LOCKED`` for
  publishing, as ``portal.listing_lock`` always did; ``SHOP_ACTION_NOT_ALLOWED`` otherwise) with it.
- ``banner(status)`` is the seller overview's explanation of the status and what to do next.
"""

from __future__ import annotations

from enum import StrEnum

from marketplace.core.errors import PermissionDenied
from marketplace.core.i18n import N_
from marketplace.models import VendorStatus
from marketplace.vendors.error_codes import VendorErrorCode


class ShopAction(StrEnum):
    EDIT_PROFILE = "edit_profile"  # business profile, payout account, verification documents
    EDIT_DRAFTS = "edit_drafts"  # create and change products that are not listed
    PUBLISH = "publish"  # list, hide or publish products
    SHIP_ORDERS = "ship_orders"  # fulfil orders shoppers already paid for
    RECEIVE_PAYOUTS = "receive_payouts"  # be paid the available balance


_A = ShopAction
POLICY: dict[str, frozenset[ShopAction]] = {
    VendorStatus.PENDING: frozenset({_A.EDIT_PROFILE, _A.EDIT_DRAFTS}),
    VendorStatus.APPROVED: frozenset(ShopAction),
    VendorStatus.SUSPENDED: frozenset({_A.EDIT_PROFILE, _A.EDIT_DRAFTS, _A.SHIP_ORDERS}),
    VendorStatus.TERMINATED: frozenset({_A.SHIP_ORDERS, _A.RECEIVE_PAYOUTS}),
}

# why a shop that is not approved cannot change its listings (the words portal.listing_lock always used)
PUBLISH_REFUSALS = {
    VendorStatus.PENDING: N_("Your shop is waiting for approval. You can change your listings once staff "
                             "approve it."),
    VendorStatus.SUSPENDED: N_("Your shop is suspended, so its listings can't be changed. Contact support to "
                               "reinstate it."),
    VendorStatus.TERMINATED: N_("Your shop is closed, so its listings can't be changed."),
}
_REFUSALS = {
    VendorStatus.PENDING: N_("Your shop is waiting for approval, so it can't do this yet."),
    VendorStatus.SUSPENDED: N_("Your shop is suspended, so it can't do this. Contact support to reinstate it."),
    VendorStatus.TERMINATED: N_("Your shop is closed, so it can't do this."),
}

BANNERS = {
    VendorStatus.PENDING: N_("We're reviewing your application. Meanwhile you can complete your profile, add "
                             "your payout account and documents, and prepare products; you can publish them "
                             "once we approve your shop."),
    VendorStatus.SUSPENDED: N_("Your shop is suspended: its products are not shown and payouts are held. You "
                               "can still ship orders already paid for and update your profile. Contact "
                               "support to reinstate it."),
    VendorStatus.TERMINATED: N_("Your shop is closed. Ship the orders already paid for; what you are owed for "
                                "them is still paid out."),
}


def allows(status: object, action: ShopAction) -> bool:
    return isinstance(status, str) and action in POLICY.get(status, frozenset())


def refusal(status: object, action: ShopAction) -> str | None:
    """The message id explaining why a shop in ``status`` may not do ``action``; None when it may."""
    if allows(status, action):
        return None
    known = status if isinstance(status, str) and status in _REFUSALS else VendorStatus.SUSPENDED
    return (PUBLISH_REFUSALS if action == ShopAction.PUBLISH else _REFUSALS)[known]


def require(status: object, action: ShopAction) -> None:
    reason = refusal(status, action)
    if reason is not None:
        if action == ShopAction.PUBLISH:
            raise PermissionDenied(reason, code=VendorErrorCode.SHOP_LOCKED)
        raise PermissionDenied(reason, code=VendorErrorCode.SHOP_ACTION_NOT_ALLOWED)


def banner(status: object) -> str | None:
    """The overview's explanation of ``status`` (None for an approved shop)."""
    if status == VendorStatus.APPROVED:
        return None
    return BANNERS.get(status, BANNERS[VendorStatus.SUSPENDED]) if isinstance(status, str) else BANNERS[VendorStatus.SUSPENDED]

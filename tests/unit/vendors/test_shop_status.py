"""What each shop status allows, in one table, failing closed for anything unknown."""

from __future__ import annotations

import pytest

from marketplace.core.errors import PermissionDenied
from marketplace.models import VendorStatus
from marketplace.vendors import shop_status
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.shop_status import ShopAction as A

EXPECTED = {
    VendorStatus.PENDING: {A.EDIT_PROFILE, A.EDIT_DRAFTS},
    VendorStatus.APPROVED: set(A),
    VendorStatus.SUSPENDED: {A.EDIT_PROFILE, A.EDIT_DRAFTS, A.SHIP_ORDERS},
    VendorStatus.TERMINATED: {A.SHIP_ORDERS, A.RECEIVE_PAYOUTS},
    "archived": set(),
    None: set(),
}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_each_status_allows_exactly_its_actions(status):
    assert {a for a in A if shop_status.allows(status, a)} == EXPECTED[status]
    for action in set(A) - EXPECTED[status]:
        reason = shop_status.refusal(status, action)
        assert reason
        with pytest.raises(PermissionDenied) as refused:
            shop_status.require(status, action)
        assert refused.value.code == (VendorErrorCode.SHOP_LOCKED if action == A.PUBLISH
                                      else VendorErrorCode.SHOP_ACTION_NOT_ALLOWED)


def test_every_status_but_approved_has_a_banner():
    assert shop_status.banner(VendorStatus.APPROVED) is None
    assert all(shop_status.banner(s) for s in (VendorStatus.PENDING, VendorStatus.SUSPENDED, VendorStatus.TERMINATED))

"""The role table of a seller's team and require_vendor's capability check: fail closed for anything unknown,
the default admits only owners and managers, and a packer holds exactly orders, labels and returns."""

from __future__ import annotations

import pytest

from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability, SellerRole, can, capabilities
from marketplace.accounts.service import Caller
from marketplace.core.errors import PermissionDenied
from marketplace.models import Role


def _seller(vendor_role: object) -> Caller:
    return Caller(user_id=7, role=Role.SELLER, display_name="Pat", email="pat@example.com", vendor_id=3,
                  vendor_role=vendor_role)  # type: ignore[arg-type]


def test_owner_holds_everything_and_manager_all_but_team_and_payout_account():
    assert capabilities("owner") == frozenset(Capability)
    assert capabilities("manager") == frozenset(Capability) - {Capability.TEAM, Capability.PAYOUT_ACCOUNT}


def test_packer_holds_orders_labels_and_returns_only():
    assert capabilities(SellerRole.PACKER) == {Capability.ORDERS, Capability.LABELS, Capability.RETURNS}
    for refused in (Capability.MONEY, Capability.CATALOGUE, Capability.SALES, Capability.MESSAGES,
                    Capability.REFUNDS, Capability.STOCK, Capability.PROFILE, Capability.TEAM, Capability.TEAM_VIEW):
        assert not can("packer", refused)


@pytest.mark.parametrize("role, allowed", [("owner", True), ("manager", True), ("packer", False), (None, False),
                                           ("", False), ("Owner", False), ("admin", False), (1, False)])
def test_no_capability_named_admits_owner_and_manager_only(role, allowed):
    assert can(role, None) is allowed


@pytest.mark.parametrize("role", [None, "", "superuser", 0, ["owner"]])
def test_an_unknown_role_holds_nothing(role):
    assert capabilities(role) == frozenset()
    assert not any(can(role, c) for c in Capability)


def test_a_capability_that_is_not_one_of_the_enum_is_refused():
    assert not can("owner", "money")  # type: ignore[arg-type] - a bare string is not a Capability


def test_require_vendor_passes_a_packer_only_with_a_capability_it_holds():
    assert require_vendor(_seller("packer"), Capability.ORDERS)[1] == 3
    with pytest.raises(PermissionDenied) as refused:
        require_vendor(_seller("packer"))
    assert refused.value.code == "seller_role_cannot"
    with pytest.raises(PermissionDenied):
        require_vendor(_seller("packer"), Capability.MONEY)
    with pytest.raises(PermissionDenied):
        require_vendor(_seller(None), Capability.ORDERS)  # a member row without a role holds nothing
    assert require_vendor(_seller("manager"))[1] == 3
    with pytest.raises(PermissionDenied):
        require_vendor(_seller("manager"), Capability.TEAM)

"""Staff roles: each role holds exactly its capabilities, admins hold all, anything else holds nothing."""

import pytest

from marketplace.accounts import staff_roles
from marketplace.accounts.guards import require_staff, require_staff_for, staff_can
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability as C
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.models import Role


def _caller(role: Role, staff_role: str | None = None) -> Caller:
    return Caller(user_id=1, role=role, display_name="S", email="s@example.com", vendor_id=None, staff_role=staff_role)


EXPECTED = {
    "moderator": {C.VENDORS, C.PRODUCTS, C.REVIEWS, C.AUDIT},
    "support": {C.SUPPORT, C.ORDERS, C.CANCELLATIONS},
    "finance": {C.ORDERS, C.REFUNDS, C.DISPUTES, C.PAYOUTS, C.FX, C.COMMISSION, C.ANALYTICS},
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_staff_role_holds_exactly_its_capabilities(role):
    assert staff_roles.capabilities(role) == EXPECTED[role]
    for capability in C:
        allowed = capability in EXPECTED[role]
        assert staff_can(_caller(Role.STAFF, role), capability) is allowed
        if allowed:
            assert require_staff(_caller(Role.STAFF, role), capability).staff_role == role
        else:
            with pytest.raises(PermissionDenied) as exc:
                require_staff(_caller(Role.STAFF, role), capability)
            assert exc.value.code == "staff_role_cannot"


def test_markets_and_staff_accounts_are_the_admins_alone():
    holders = [r for r in EXPECTED if C.MARKETS in EXPECTED[r] or C.STAFF_ACCOUNTS in EXPECTED[r]]
    assert holders == []
    for capability in C:
        assert require_staff(_caller(Role.ADMIN), capability).role == Role.ADMIN


@pytest.mark.parametrize("staff_role", [None, "", "owner", "MODERATOR", 3, "admin"])
def test_a_staff_user_without_a_known_role_holds_nothing(staff_role):
    for capability in C:
        with pytest.raises(PermissionDenied):
            require_staff(_caller(Role.STAFF, staff_role), capability)


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.SELLER])
def test_shoppers_and_sellers_hold_no_staff_capability_even_with_a_staff_role_value(role):
    for capability in C:
        with pytest.raises(PermissionDenied):
            require_staff(_caller(role, "finance"), capability)
        assert not staff_can(_caller(role, "finance"), capability)


def test_nobody_signed_in_is_asked_to_log_in():
    with pytest.raises(NotAuthenticated):
        require_staff(None, C.ORDERS)
    assert not staff_can(None, C.ORDERS)


def test_seller_side_order_services_need_refunds_for_money_and_the_order_view_otherwise():
    support, finance = _caller(Role.STAFF, "support"), _caller(Role.STAFF, "finance")
    assert require_staff_for(support, Capability.ORDERS) is support
    assert require_staff_for(support, Capability.LABELS) is support
    with pytest.raises(PermissionDenied):
        require_staff_for(support, Capability.REFUNDS)
    assert require_staff_for(finance, Capability.REFUNDS) is finance
    with pytest.raises(PermissionDenied):
        require_staff_for(_caller(Role.STAFF, "moderator"), Capability.ORDERS)

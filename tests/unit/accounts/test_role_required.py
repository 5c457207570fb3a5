"""The one back-office guard: who holds which role (an admin holds staff), and what a refusal raises."""

from __future__ import annotations

import pytest

from marketplace.accounts.guards import holds, require_vendor, role_required
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.models import Role


def _caller(role: Role, vendor_id: int | None = None) -> Caller:
    return Caller(user_id=1, role=role, display_name="Someone", email="someone@example.com", vendor_id=vendor_id,
                  vendor_role="owner" if vendor_id else None)


@pytest.mark.parametrize("role, required, allowed", [
    (Role.STAFF, Role.STAFF, True), (Role.ADMIN, Role.STAFF, True), (Role.SELLER, Role.STAFF, False),
    (Role.SHOPPER, Role.STAFF, False), (Role.SELLER, Role.SELLER, True), (Role.ADMIN, Role.SELLER, False),
    (Role.STAFF, Role.SELLER, False), (Role.ADMIN, Role.ADMIN, True), (Role.STAFF, Role.ADMIN, False),
])
def test_role_required_lets_through_exactly_the_holders(role, required, allowed):
    caller = _caller(role, vendor_id=3)
    assert holds(role.value, required) is allowed
    if allowed:
        assert role_required(caller, required) is caller
    else:
        with pytest.raises(PermissionDenied, match="cannot open this page"):
            role_required(caller, required)


def test_nobody_signed_in_must_log_in_and_a_bare_value_that_is_no_role_holds_nothing():
    with pytest.raises(NotAuthenticated):
        role_required(None, Role.STAFF)
    assert not holds("", Role.SELLER) and not holds(None, Role.STAFF)


def test_a_seller_without_a_vendor_is_refused():
    assert require_vendor(_caller(Role.SELLER, vendor_id=4))[1] == 4
    with pytest.raises(PermissionDenied, match="not linked to a seller"):
        require_vendor(_caller(Role.SELLER))

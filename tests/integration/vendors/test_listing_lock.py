"""A shop that is not approved (pending review, suspended, terminated) cannot change its listings: the service
refuses with a message naming why, changes nothing, and the dashboard carries the same reason.
Regression (issue #9 point 9): on main a suspended seller could still hide and re-list products."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from marketplace.accounts.service import Caller
from marketplace.core.errors import PermissionDenied
from marketplace.core.i18n import translate
from marketplace.models import Product, ProductStatus, Role, VendorStatus
from marketplace.vendors import portal as vendors
from tests import factories


def _seller(session: Session, status: VendorStatus):  # noqa: ANN202
    shop = factories.vendor(session, status=status)
    product = factories.product(session, shop, factories.category(session))
    user = factories.user(session, Role.SELLER, vendor=shop)
    session.commit()
    caller = Caller(user_id=user.id, role=Role.SELLER, display_name=user.display_name, email=user.email,
                    vendor_id=shop.id, vendor_role="owner")
    return caller, product


@pytest.mark.parametrize("status", [VendorStatus.PENDING, VendorStatus.SUSPENDED, VendorStatus.TERMINATED])
@pytest.mark.parametrize("visible", [True, False])
def test_a_shop_that_is_not_approved_cannot_change_listings(db_engine, status, visible):
    with Session(db_engine) as session:
        caller, product = _seller(session, status)
        before = product.status
        with pytest.raises(PermissionDenied) as refused:
            vendors.set_listing_visibility(session, caller, product.id, visible)
        assert refused.value.message == vendors.LISTING_LOCKS[status]
        assert translate("de", refused.value.message) != refused.value.message  # German on screen too
        session.rollback()
        session.expire_all()
        assert session.get(Product, product.id).status == before
        assert vendors.listing_lock(vendors.seller_dashboard(session, caller).vendor_status) == refused.value.message


def test_an_approved_shop_still_changes_its_listings(db_engine):
    with Session(db_engine) as session:
        caller, product = _seller(session, VendorStatus.APPROVED)
        assert vendors.listing_lock("approved") is None
        assert vendors.set_listing_visibility(session, caller, product.id, False) == ProductStatus.HIDDEN


def test_an_unknown_status_is_locked():
    assert vendors.listing_lock("archived") == vendors.LISTING_LOCKS[VendorStatus.SUSPENDED]

"""Sellers see and change only their own vendor's products; staff lists need a staff role."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.models import AuditLog, Product, ProductStatus, Role, VendorStatus
from marketplace.vendors import moderation
from marketplace.vendors import portal as vendors
from tests import factories


def _caller(user, vendor_id=None) -> Caller:  # noqa: ANN001
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=vendor_id, vendor_role="owner" if vendor_id else None, staff_role=user.staff_role)


@pytest.fixture
def two_shops(db_engine):
    with Session(db_engine) as session:
        cat = factories.category(session)
        a, b = factories.vendor(session), factories.vendor(session, country="IT", currency="EUR")
        a_products = [factories.product(session, a, cat) for _ in range(3)]
        b_product = factories.product(session, b, cat)
        seller_a = _caller(factories.user(session, Role.SELLER, vendor=a), a.id)
        session.commit()
        yield session, seller_a, a_products, b_product


def test_a_seller_lists_only_their_own_products(two_shops):
    session, seller_a, a_products, b_product = two_shops
    rows = vendors.seller_products(session, seller_a)
    assert {r.id for r in rows} == {p.id for p in a_products}
    assert vendors.seller_dashboard(session, seller_a).active_products == 3


def test_another_sellers_product_is_refused_audited_and_unchanged(two_shops):
    session, seller_a, _, b_product = two_shops
    with pytest.raises(PermissionDenied):
        vendors.seller_product(session, seller_a, b_product.id)
    with pytest.raises(PermissionDenied):
        vendors.set_listing_visibility(session, seller_a, b_product.id, False)
    session.rollback()
    session.expire_all()
    assert session.get(Product, b_product.id).status == ProductStatus.ACTIVE
    denied = session.exec(select(AuditLog).where(AuditLog.action == "seller.denied")).all()
    assert len(denied) == 2 and {d.entity_id for d in denied} == {str(b_product.id)}


def test_a_seller_hides_and_relists_their_own_product(two_shops):
    session, seller_a, a_products, _ = two_shops
    assert vendors.set_listing_visibility(session, seller_a, a_products[0].id, False) == "hidden"
    session.commit()
    assert vendors.seller_dashboard(session, seller_a).hidden_products == 1
    assert vendors.set_listing_visibility(session, seller_a, a_products[0].id, True) == "active"


@pytest.mark.parametrize("product_id", ["1", None, -1, True, 10**9, 1.0])
def test_junk_product_ids_are_not_found(two_shops, product_id):
    session, seller_a, *_ = two_shops
    with pytest.raises(NotFound):
        vendors.seller_product(session, seller_a, product_id)


@pytest.mark.parametrize("visible", ["yes", 1, None])
def test_visibility_must_be_a_boolean(two_shops, visible):
    session, seller_a, a_products, _ = two_shops
    with pytest.raises(ValidationError):
        vendors.set_listing_visibility(session, seller_a, a_products[0].id, visible)


def test_a_blocked_product_cannot_be_relisted_by_its_seller(two_shops):
    session, seller_a, a_products, _ = two_shops
    a_products[0].status = ProductStatus.BLOCKED
    session.add(a_products[0])
    session.commit()
    with pytest.raises(PermissionDenied):
        vendors.set_listing_visibility(session, seller_a, a_products[0].id, True)


def test_shoppers_and_anonymous_callers_cannot_use_seller_or_staff_services(db_engine):
    with Session(db_engine) as session:
        shopper = _caller(factories.user(session, Role.SHOPPER))
        with pytest.raises(NotAuthenticated):
            vendors.seller_products(session, None)
        with pytest.raises(PermissionDenied):
            vendors.seller_dashboard(session, shopper)
        with pytest.raises(PermissionDenied):
            moderation.staff_vendor_list(session, shopper)
        with pytest.raises(NotAuthenticated):
            moderation.staff_vendor_list(session, None)


def test_staff_see_every_vendor_with_status_and_can_filter(db_engine):
    with Session(db_engine) as session:
        factories.vendor(session)
        factories.vendor(session, status=VendorStatus.PENDING)
        suspended = factories.vendor(session, status=VendorStatus.SUSPENDED)
        suspended.status_reason = "Counterfeit reports under review"
        staff = _caller(factories.user(session, Role.STAFF))
        session.commit()
        everyone = moderation.staff_vendor_list(session, staff)
        only_suspended = moderation.staff_vendor_list(session, staff, "suspended")
        with pytest.raises(ValidationError):
            moderation.staff_vendor_list(session, staff, "'; drop table vendors; --")
    assert len(everyone) == 3
    assert [(v.status, v.status_reason) for v in only_suspended] == [("suspended", "Counterfeit reports under review")]

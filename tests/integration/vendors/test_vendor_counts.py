"""Staff see how many vendors are in each status, every status listed (zero included); nobody else may ask."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from marketplace.accounts.service import Caller
from marketplace.core.errors import NotAuthenticated, PermissionDenied
from marketplace.models import Role, VendorStatus
from marketplace.vendors import moderation
from tests import factories


def _caller(user) -> Caller:  # noqa: ANN001
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=None, staff_role=user.staff_role)


def test_counts_per_status_for_staff_and_admins_only(db_engine):
    with Session(db_engine) as session:
        for status in (VendorStatus.APPROVED, VendorStatus.APPROVED, VendorStatus.SUSPENDED):
            factories.vendor(session, status=status)
        staff, admin = _caller(factories.user(session, Role.STAFF)), _caller(factories.user(session, Role.ADMIN))
        shopper = _caller(factories.user(session, Role.SHOPPER))
        session.commit()
        counts = moderation.vendor_counts(session, staff)
        assert moderation.vendor_counts(session, admin) == counts
        with pytest.raises(PermissionDenied):
            moderation.vendor_counts(session, shopper)
        with pytest.raises(NotAuthenticated):
            moderation.vendor_counts(session, None)
        listed = moderation.staff_vendor_list(session, staff)
    assert list(counts) == list(VendorStatus) == list(moderation.STATUS_LABELS)
    assert counts == {VendorStatus.PENDING: 0, VendorStatus.APPROVED: 2, VendorStatus.SUSPENDED: 1,
                      VendorStatus.TERMINATED: 0}
    assert sum(counts.values()) == len(listed)

"""Staff moderate shops: each transition of the moderation table with a reason, audited with actor and
before/after status, e-mailed to the shop's members in their language; a wrong transition, a missing or
too long reason and a non-staff caller change nothing; a suspended shop's products leave search, category
pages and product pages at once and come back when it is reinstated."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.catalog import queries
from marketplace.catalog.search import SearchParams, search
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.models import AuditLog, OutboxMessage, Role, Vendor, VendorDocument, VendorStatus
from marketplace.vendors import moderation, staff_view
from marketplace.vendors.error_codes import VendorErrorCode
from tests import factories


def _caller(user, vendor_id=None) -> Caller:  # noqa: ANN001
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=vendor_id, staff_role=user.staff_role)


def _mails(session: Session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")
                             .order_by(OutboxMessage.id)).all())


@pytest.fixture
def world(db_engine):
    with Session(db_engine) as session:
        vendor = factories.vendor(session, status=VendorStatus.PENDING)
        owner = factories.user(session, Role.SELLER, vendor=vendor)
        owner.language = "de"
        packer = factories.user(session, Role.SELLER, vendor=vendor, member_role="packer")
        staff = factories.user(session, Role.STAFF)
        session.commit()
        yield session, vendor, owner, packer, _caller(staff)


@pytest.mark.parametrize(("start", "action", "after"), [
    (VendorStatus.PENDING, "approve", VendorStatus.APPROVED),
    (VendorStatus.PENDING, "reject", VendorStatus.TERMINATED),
    (VendorStatus.APPROVED, "suspend", VendorStatus.SUSPENDED),
    (VendorStatus.SUSPENDED, "reinstate", VendorStatus.APPROVED),
    (VendorStatus.APPROVED, "terminate", VendorStatus.TERMINATED),
    (VendorStatus.SUSPENDED, "terminate", VendorStatus.TERMINATED),
])
def test_each_transition_is_audited_and_mailed_to_every_member(world, start, action, after):
    session, vendor, owner, packer, staff = world
    vendor.status = start
    session.add(vendor)
    session.commit()
    moderation.moderate(session, staff, vendor.id, action, "  Checked the documents.  ")
    session.commit()
    row = session.get(Vendor, vendor.id)
    assert row.status == after
    assert row.status_reason == (None if after == VendorStatus.APPROVED else "Checked the documents.")
    entry = session.exec(select(AuditLog).where(AuditLog.entity_type == "vendor")).one()
    assert entry.action == moderation.TRANSITIONS[moderation.ModerationAction(action)][2]
    assert entry.actor_user_id == staff.user_id and entry.entity_id == str(vendor.id)
    assert entry.detail == {"via": "staff", "reason": "Checked the documents.", "before": start, "after": after}
    mails = _mails(session)
    assert [m.payload["to"] for m in mails] == [owner.email, packer.email]
    assert [m.payload["lang"] for m in mails] == ["de", "en"]
    assert all("Checked the documents." in m.payload["body"] and vendor.display_name in m.payload["body"]
               for m in mails)


@pytest.mark.parametrize(("start", "action", "code"), [
    (VendorStatus.APPROVED, "approve", VendorErrorCode.VENDOR_NOT_PENDING),
    (VendorStatus.SUSPENDED, "reject", VendorErrorCode.VENDOR_NOT_PENDING),
    (VendorStatus.PENDING, "suspend", VendorErrorCode.VENDOR_TRANSITION_INVALID),
    (VendorStatus.APPROVED, "reinstate", VendorErrorCode.VENDOR_TRANSITION_INVALID),
    (VendorStatus.PENDING, "terminate", VendorErrorCode.VENDOR_TRANSITION_INVALID),
    (VendorStatus.TERMINATED, "reinstate", VendorErrorCode.VENDOR_TRANSITION_INVALID),
])
def test_a_transition_the_status_does_not_allow_is_refused_and_changes_nothing(world, start, action, code):
    session, vendor, _, _, staff = world
    vendor.status = start
    session.add(vendor)
    session.commit()
    with pytest.raises(ValidationError) as refused:
        moderation.moderate(session, staff, vendor.id, action, "Because.")
    session.rollback()
    assert refused.value.code == code and refused.value.params == {"status": start}
    assert session.get(Vendor, vendor.id).status == start
    assert session.exec(select(AuditLog)).all() == [] and _mails(session) == []


@pytest.mark.parametrize("reason", [None, "", "   ", "x" * 501, 42, ["why"]])
def test_a_reason_is_required_and_at_most_500_characters(world, reason):
    session, vendor, _, _, staff = world
    with pytest.raises(ValidationError) as refused:
        moderation.moderate(session, staff, vendor.id, "approve", reason)
    assert refused.value.code == VendorErrorCode.MODERATION_REASON_INVALID
    assert session.get(Vendor, vendor.id).status == VendorStatus.PENDING
    moderation.moderate(session, staff, vendor.id, "approve", "y" * 500)  # the longest reason is fine


@pytest.mark.parametrize(("vendor_id", "action", "error", "code"), [
    (999_999, "approve", NotFound, VendorErrorCode.SHOP_NOT_FOUND),
    ("1", "approve", NotFound, VendorErrorCode.SHOP_NOT_FOUND),
    (True, "approve", NotFound, VendorErrorCode.SHOP_NOT_FOUND),
    (None, "delete", ValidationError, VendorErrorCode.MODERATION_ACTION_INVALID),
    (None, 3, ValidationError, VendorErrorCode.MODERATION_ACTION_INVALID),
])
def test_an_unknown_shop_or_action_is_refused(world, vendor_id, action, error, code):
    session, vendor, _, _, staff = world
    with pytest.raises(error) as refused:
        moderation.moderate(session, staff, vendor.id if vendor_id is None else vendor_id, action, "Because.")
    assert refused.value.code == code


def test_only_staff_and_admins_may_moderate(world):
    session, vendor, owner, _, staff = world
    admin = _caller(factories.user(session, Role.ADMIN))
    shopper = _caller(factories.user(session, Role.SHOPPER))
    session.commit()
    for caller in (_caller(owner, vendor.id), shopper):
        with pytest.raises(PermissionDenied):
            moderation.moderate(session, caller, vendor.id, "approve", "Self-service.")
    with pytest.raises(NotAuthenticated):
        moderation.moderate(session, None, vendor.id, "approve", "Anonymous.")
    assert session.get(Vendor, vendor.id).status == VendorStatus.PENDING
    moderation.moderate(session, admin, vendor.id, "approve", "Admin looked.")
    moderation.moderate(session, staff, vendor.id, "suspend", "Staff looked.")
    assert session.get(Vendor, vendor.id).status == VendorStatus.SUSPENDED


def test_a_suspended_shops_products_leave_the_storefront_and_return_on_reinstatement(world):
    session, vendor, _, _, staff = world
    category = factories.category(session)
    product = factories.product(session, vendor, category, name="Moderated Teapot")
    other = factories.product(session, factories.vendor(session), category, name="Other Teapot")
    moderation.moderate(session, staff, vendor.id, "approve", "Documents fine.")
    session.commit()

    def shown() -> tuple[list[str], list[str], bool]:
        found = [c.name for c in search(session, SearchParams(query="teapot"), "en", "EUR", "DE").items]
        in_category = [c.name for c in search(session, SearchParams(category=category.slug), "en", "EUR",
                                              "DE").items]
        try:
            queries.product_detail(session, product.slug, "en")
        except NotFound:
            return sorted(found), sorted(in_category), False
        return sorted(found), sorted(in_category), True

    both = ["Moderated Teapot", "Other Teapot"]
    assert shown() == (both, both, True)
    moderation.moderate(session, staff, vendor.id, "suspend", "Counterfeit reports.")
    session.commit()
    assert shown() == (["Other Teapot"], ["Other Teapot"], False)
    assert queries.product_detail(session, other.slug, "en").name == "Other Teapot"
    moderation.moderate(session, staff, vendor.id, "reinstate", "Reports were wrong.")
    session.commit()
    assert shown() == (both, both, True)


def test_the_operators_command_approves_without_a_reason_or_with_one(world):
    session, vendor, _, _, _ = world
    moderation.approve_vendor(session, vendor.id, reason="Checked by phone.")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "vendor.approved")).one()
    assert entry.detail == {"via": "cli", "reason": "Checked by phone.", "before": "pending", "after": "approved"}
    second = factories.vendor(session, status=VendorStatus.PENDING)
    with pytest.raises(ValidationError) as refused:
        moderation.approve_vendor(session, second.id, reason="")
    assert refused.value.code == VendorErrorCode.MODERATION_REASON_INVALID
    assert session.get(Vendor, second.id).status == VendorStatus.PENDING


def test_staff_see_a_shops_profile_documents_products_members_and_history_but_not_its_account(world):
    session, vendor, owner, packer, staff = world
    vendor.payout_method, vendor.payout_account = "iban", "DE89370400440532013000"
    session.add(vendor)
    session.add(VendorDocument(vendor_id=vendor.id, file_name="register.pdf", content_type="application/pdf",
                               size_bytes=1234, storage_name="x/register.pdf"))
    category = factories.category(session)
    for _ in range(staff_view.SAMPLE_PRODUCTS + 1):
        factories.product(session, vendor, category)
    session.commit()
    before = staff_view.vendor_detail(session, staff, vendor.id)
    assert before.actions == (moderation.ModerationAction.APPROVE, moderation.ModerationAction.REJECT)
    moderation.moderate(session, staff, vendor.id, "approve", "Register extract matches.")
    session.commit()
    seen = staff_view.vendor_detail(session, staff, vendor.id)
    assert seen.payout_masked == "•••• 3000" and seen.vendor.payout_account == ""
    assert session.get(Vendor, vendor.id).payout_account == "DE89370400440532013000"  # nothing saved changed
    assert [d.file_name for d in seen.documents] == ["register.pdf"]
    assert len(seen.products) == staff_view.SAMPLE_PRODUCTS and seen.product_count == staff_view.SAMPLE_PRODUCTS + 1
    assert [(m.email, m.role) for m in seen.members] == [(owner.email, "owner"), (packer.email, "packer")]
    assert [(h.action, h.actor, h.reason, h.before, h.after) for h in seen.history] == [
        ("vendor.approved", staff.email, "Register extract matches.", "pending", "approved")]
    assert seen.actions == (moderation.ModerationAction.SUSPEND, moderation.ModerationAction.TERMINATE)
    with pytest.raises(PermissionDenied):
        staff_view.vendor_detail(session, _caller(owner, vendor.id), vendor.id)
    with pytest.raises(NotFound):
        staff_view.vendor_detail(session, staff, "1")

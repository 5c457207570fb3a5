"""Applying for a shop and keeping its profile: a shopper's valid application opens a pending shop with them
as its owner (their role becomes seller and their sessions end); a wrong field stores nothing; the profile,
payout account and documents follow the shop-status policy; identity changes of an approved shop are
audited; approval by the operator's command e-mails the owner."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.core.files import FileStore
from marketplace.models import (
    AuditLog,
    AuthSession,
    OutboxMessage,
    Role,
    User,
    Vendor,
    VendorDocument,
    VendorMember,
    VendorStatus,
)
from marketplace.vendors import documents, onboarding
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.moderation import approve_vendor
from marketplace.vendors.profile_form import ProfileInvalid
from tests import factories
from tests.factories_account import caller as caller_of

PROFILE = {
    "legal_name": "Muster Keramik GmbH", "display_name": "Muster Keramik", "country": "DE",
    "street_address": "Hauptstraße 1", "city": "Berlin", "postal_code": "10115", "phone": "030 1234567",
    "vat_number": "DE136695976", "eori_number": "", "ioss_number": "IM2760000742", "return_window_days": "30",
    "return_same": "on",
}


def _shopper(session: Session) -> tuple[User, Caller]:
    user = factories.user(session)
    session.add(AuthSession(token_hash="a" * 64, user_id=user.id, expires_at=user.created_at))
    session.commit()
    return user, caller_of(session, user)


def _applied(session: Session, profile: dict | None = None) -> tuple[Vendor, Caller]:
    user, caller = _shopper(session)
    vendor_id = onboarding.apply(session, caller, profile or PROFILE)
    session.commit()
    return session.get(Vendor, vendor_id), caller_of(session, session.get(User, user.id))


def test_a_shopper_applies_and_gets_a_pending_shop_they_own(db_engine):
    with Session(db_engine) as session:
        user, caller = _shopper(session)
        vendor_id = onboarding.apply(session, caller, PROFILE)
        session.commit()
        vendor = session.get(Vendor, vendor_id)
        assert (vendor.status, vendor.country, vendor.currency, vendor.vat_number, vendor.tax_id_scheme) == (
            VendorStatus.PENDING, "DE", "EUR", "DE136695976", "eu_vat")
        assert vendor.phone == "+49301234567" and vendor.ioss_number == "IM2760000742" and vendor.submitted_at
        assert vendor.slug == "muster-keramik" and vendor.return_window_days == 30
        member = session.exec(select(VendorMember).where(VendorMember.user_id == user.id)).one()
        assert (member.vendor_id, member.role) == (vendor_id, "owner")
        assert session.get(User, user.id).role == Role.SELLER
        assert session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).first() is None  # rotated
        assert session.exec(select(AuditLog).where(AuditLog.action == "vendor.applied")).one().entity_id == str(vendor_id)


def test_an_invalid_vat_number_is_refused_with_its_reason_and_nothing_is_stored(db_engine):
    with Session(db_engine) as session:
        user, caller = _shopper(session)
        with pytest.raises(ProfileInvalid) as refused:
            onboarding.apply(session, caller, {**PROFILE, "vat_number": "DE136695977", "return_window_days": "7"})
        assert "check digit" in refused.value.errors["vat_number"][0]
        assert "return_window_days" in refused.value.errors
        session.rollback()
        assert session.exec(select(Vendor)).first() is None
        assert session.get(User, user.id).role == Role.SHOPPER


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_cannot_open_a_shop(db_engine, role):
    with Session(db_engine) as session:
        staff = factories.user(session, role)
        with pytest.raises(PermissionDenied) as refused:
            onboarding.apply(session, caller_of(session, staff), PROFILE)
        assert refused.value.code == VendorErrorCode.ACCOUNT_CANNOT_SELL


def test_a_seller_cannot_open_a_second_shop(db_engine):
    with Session(db_engine) as session:
        _, caller = _applied(session)
        with pytest.raises(PermissionDenied) as refused:
            onboarding.apply(session, caller, {**PROFILE, "display_name": "Second"})
        assert refused.value.code == VendorErrorCode.ALREADY_A_SELLER


def test_the_profile_lists_what_is_missing_until_payout_and_documents_are_in(db_engine, tmp_path):
    tmp_path = tmp_path / "documents"
    with Session(db_engine) as session:
        vendor, caller = _applied(session)
        view = onboarding.my_profile(session, caller)
        assert len(view.missing) == 2 and view.values["vat_number"] == "DE136695976"
        view = onboarding.save_payout_account(session, caller, {"holder": "Muster Keramik GmbH",
                                                                "iban": "DE89 3704 0044 0532 0130 00"})
        assert (view.payout_method, view.payout_masked, view.payout_bic) == ("iban", "•••• 3000", "COBADEFFXXX")
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        rows = documents.add_documents(session, caller, [("../../etc/Handelsregister.pdf", pdf)], FileStore(tmp_path))
        session.commit()
        assert [(r.name, r.kind, r.size_bytes, r.removable) for r in rows] == [("Handelsregister.pdf", "PDF", len(pdf), True)]
        stored = session.exec(select(VendorDocument)).one().storage_name
        assert (tmp_path / stored).read_bytes() == pdf and stored.startswith("vendor-documents/")
        assert onboarding.my_profile(session, caller).missing == ()


def test_documents_are_sniffed_capped_and_removed_only_while_pending(db_engine, tmp_path):
    tmp_path = tmp_path / "documents"
    store = FileStore(tmp_path)
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    with Session(db_engine) as session:
        vendor, caller = _applied(session)
        for name, data, code in (("id.jpg", b"PK\x03\x04zip", VendorErrorCode.DOCUMENT_TYPE),
                                 ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), VendorErrorCode.DOCUMENT_TOO_LARGE),
                                 ("cut.pdf", b"%PDF-1.4 no end", VendorErrorCode.DOCUMENT_TYPE),
                                 ("cut.png", png.getvalue()[:40], VendorErrorCode.DOCUMENT_TYPE)):
            with pytest.raises(ValidationError) as refused:
                documents.add_documents(session, caller, [("ok.png", png.getvalue()), (name, data)], store)
            assert refused.value.code == code
        assert session.exec(select(VendorDocument)).first() is None and not any(tmp_path.rglob("*.png"))
        rows = documents.add_documents(session, caller, [("scan.png", png.getvalue())], store)
        session.commit()
        other, _ = _applied(session, {**PROFILE, "display_name": "Other"})
        other_caller = caller_of(session, session.exec(select(User).join(VendorMember).where(
            VendorMember.vendor_id == other.id)).one())
        with pytest.raises(NotFound):
            documents.remove_document(session, other_caller, rows[0].id, store)
        vendor.status = VendorStatus.APPROVED
        session.add(vendor)
        session.commit()
        with pytest.raises(PermissionDenied):
            documents.remove_document(session, caller, rows[0].id, store)
        vendor.status = VendorStatus.PENDING
        session.add(vendor)
        session.commit()
        assert documents.remove_document(session, caller, rows[0].id, store) == []
        session.commit()
        assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_identity_changes_of_an_approved_shop_are_audited_and_a_closed_shop_cannot_edit(db_engine):
    with Session(db_engine) as session:
        vendor, caller = _applied(session)
        vendor.status = VendorStatus.APPROVED
        session.add(vendor)
        session.commit()
        onboarding.update_profile(session, caller, {**PROFILE, "legal_name": "Muster Keramik AG",
                                                    "vat_number": "DE811569869"})
        session.commit()
        entry = session.exec(select(AuditLog).where(AuditLog.action == "vendor.identity_changed")).one()
        assert entry.detail["vat_number"] == {"old": "DE136695976", "new": "DE811569869"}
        assert entry.detail["legal_name"]["new"] == "Muster Keramik AG" and "country" not in entry.detail
        vendor.status = VendorStatus.TERMINATED
        session.add(vendor)
        session.commit()
        with pytest.raises(PermissionDenied) as refused:
            onboarding.update_profile(session, caller, PROFILE)
        assert refused.value.code == VendorErrorCode.SHOP_ACTION_NOT_ALLOWED


def test_approval_takes_pending_shops_only_and_mails_the_owner(db_engine):
    with Session(db_engine) as session:
        vendor, caller = _applied(session)
        approve_vendor(session, vendor.id)
        session.commit()
        assert session.get(Vendor, vendor.id).status == VendorStatus.APPROVED
        mail = session.exec(select(OutboxMessage).where(OutboxMessage.topic == "email")).all()[-1]
        assert mail.payload["to"] == caller.email and "approved" in mail.payload["subject"]
        assert session.exec(select(AuditLog).where(AuditLog.action == "vendor.approved")).one()
        with pytest.raises(ValidationError) as refused:
            approve_vendor(session, vendor.id)
        assert refused.value.code == VendorErrorCode.VENDOR_NOT_PENDING
        with pytest.raises(NotFound):
            approve_vendor(session, 999_999)


def test_the_platform_default_commission_is_what_the_sell_page_shows(db_engine):
    with Session(db_engine) as session:
        assert onboarding.selling_terms(session).commission_bps == 1200

"""Selling on Meridian: applying for a shop, the business profile and payout account, and what is still
missing before staff can approve.

Contract:
- ``selling_terms(session)`` (public): the platform's default commission (the platform rule in force now,
  as ``payments.commission`` chooses it for a shop without its own rule) and the return-window bounds.
- ``apply(session, caller, data)``: a signed-in shopper opens a shop. The profile is validated
  (``profile_form.validate_profile``; nothing is stored when any field is wrong), then one transaction
  creates the :class:`Vendor` (status ``pending``, ``submitted_at`` now, currency the country's own where
  the platform has FX rates for it, else USD), makes the caller its :class:`VendorMember` with role
  ``owner`` and audits ``vendor.applied``.
  **The account's role**: the applicant becomes ``Role.SELLER`` at once (a user belongs to at most one shop,
  ``VendorMember.user_id`` is unique), so the seller portal, with its banner explaining the pending review,
  is where they complete the profile, payout account and documents. A seller can still shop. The change
  goes through ``accounts.service.change_role``, which ends every session of the account (rotation on a
  privilege change): the page sends them to log in again, straight into the seller portal. Staff and admin
  accounts cannot apply (``ACCOUNT_CANNOT_SELL``); an account that already acts for a shop gets
  ``ALREADY_A_SELLER``.
- ``my_profile(session, caller)``: the caller's own shop's profile (``require_vendor``), the masked payout
  account, the document count, and, while pending, ``missing``: what staff still need before they can approve.
- ``update_profile`` / ``save_payout_account``: only while ``shop_status`` allows ``EDIT_PROFILE`` (a
  closed shop cannot). The country may change (its address form and tax scheme apply); the currency follows
  it only while pending: an approved shop's prices stay in its currency. Changing the legal identity (legal name, VAT / tax id, country) of an approved or suspended
  shop is audited as ``vendor.identity_changed`` with the old and new values; every save is audited
  (``vendor.profile_updated``, ``vendor.payout_account`` with the masked account only).
- ``onboarding_checklist(vendor, documents)`` is pure: the message ids of what is missing.
- Stripe Connect Express (``PAYMENTS=stripe``), through a :class:`ConnectOnboarding` the page passes in
  (``integrations/stripe_connect.py``): ``start_stripe_onboarding`` opens the shop's Express account once
  (kept in ``Vendor.stripe_onboarding_account``) and returns a fresh onboarding link;
  ``finish_stripe_onboarding`` (the return page) asks Stripe whether the details are submitted and only then
  records the account for payouts with ``payments.payouts.connect_stripe_account``. Stripe errors become
  ``STRIPE_ONBOARDING_UNAVAILABLE`` and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import phonenumbers
from slugify import slugify
from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts import service as accounts
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationError
from marketplace.core.i18n import N_
from marketplace.crossborder.fx import supported_currencies
from marketplace.crossborder.markets import default_currency
from marketplace.models import CommissionRule, Role, Vendor, VendorDocument, VendorMember, VendorStatus
from marketplace.payments.commission import DEFAULT_RATE_BPS, RuleView, choose_rate
from marketplace.payments.gateway import GatewayError
from marketplace.payments.payouts import connect_stripe_account
from marketplace.vendors import payout_accounts, shop_status, tax_ids
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.profile_form import RETURN_MAX, RETURN_MIN, Profile, address_fields, validate_profile
from marketplace.vendors.shop_status import ShopAction

IDENTITY_FIELDS = ("legal_name", "vat_number", "country")
_PROFILE_FIELDS = tuple(Profile.__dataclass_fields__)


@dataclass(frozen=True)
class SellingTerms:
    commission_bps: int
    return_min_days: int
    return_max_days: int


@dataclass(frozen=True)
class ProfileView:
    vendor_id: int
    status: str
    status_reason: str
    currency: str
    values: dict[str, str]  # the form's values
    payout_method: str
    payout_holder: str
    payout_masked: str  # •••• 1234
    payout_routing: str
    payout_bic: str
    stripe_account_id: str
    document_count: int
    missing: tuple[str, ...]  # msgids


def selling_terms(session: Session) -> SellingTerms:
    now = clock.now()
    rules = [RuleView(r.id, r.rate_bps, r.vendor_id, r.category_id, r.effective_from, r.effective_to)
             for r in session.exec(select(CommissionRule).where(CommissionRule.vendor_id.is_(None),  # type: ignore[union-attr]
                                                                CommissionRule.category_id.is_(None))).all()]  # type: ignore[union-attr]
    rate = choose_rate(rules, vendor_id=0, vendor_override_bps=None, category_chain=(), on=now) if rules else None
    return SellingTerms(commission_bps=rate.rate_bps if rate else DEFAULT_RATE_BPS,
                        return_min_days=RETURN_MIN, return_max_days=RETURN_MAX)


def _currency(country: str) -> str:
    wanted = default_currency(country)
    return wanted if wanted in supported_currencies() else "USD"


def _slug(session: Session, name: str) -> str:
    base = (slugify(name, max_length=60) or "shop").strip("-") or "shop"
    slug, n = base, 1
    while session.exec(select(Vendor.id).where(Vendor.slug == slug)).first() is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply_profile(vendor: Vendor, profile: Profile, now: datetime) -> None:
    # a country whose address form has no city (Japan: it is part of the street) keeps the shop's city as it is
    # shown to shoppers ("Kyoto"); the form cannot change what it does not ask for
    keep_city = not any(f.name == "city" for f in address_fields(profile.country))
    for name in _PROFILE_FIELDS:
        if name == "tax_id_scheme" or (keep_city and name in ("city", "return_city")):
            continue
        setattr(vendor, name, getattr(profile, name))
    vendor.tax_id_scheme = profile.tax_id_scheme
    vendor.tax_id_checked_at = now if profile.tax_id_scheme else None


def can_apply(session: Session, caller: Caller | None) -> None:
    """Raise unless ``caller`` may open a shop (see the module contract)."""
    if caller is None:
        raise NotAuthenticated("Please log in to continue.")
    if caller.vendor_id is not None or caller.role == Role.SELLER:
        raise PermissionDenied("Your account already has a shop.", code=VendorErrorCode.ALREADY_A_SELLER)
    if caller.role != Role.SHOPPER:
        raise PermissionDenied("Staff accounts can't open a shop. Use a separate account to sell.",
                               code=VendorErrorCode.ACCOUNT_CANNOT_SELL)
    if session.exec(select(VendorMember.id).where(VendorMember.user_id == caller.user_id)).first() is not None:
        raise PermissionDenied("Your account already has a shop.", code=VendorErrorCode.ALREADY_A_SELLER)


def apply(session: Session, caller: Caller | None, data: object) -> int:
    """Open a pending shop for the caller; returns its id. The caller's sessions end (see the contract)."""
    can_apply(session, caller)
    profile = validate_profile(data)
    now = clock.now()
    vendor = Vendor(slug=_slug(session, profile.display_name), display_name=profile.display_name,
                    legal_name=profile.legal_name, country=profile.country, currency=_currency(profile.country),
                    status=VendorStatus.PENDING, submitted_at=now, created_at=now)
    _apply_profile(vendor, profile, now)
    session.add(vendor)
    session.flush()
    session.add(VendorMember(vendor_id=vendor.id, user_id=caller.user_id, role="owner"))
    accounts.change_role(session, caller.user_id, Role.SELLER, actor_user_id=caller.user_id)
    audit.record(session, "vendor.applied", actor_user_id=caller.user_id, entity_type="vendor", entity_id=vendor.id,
                 country=profile.country, tax_id_scheme=profile.tax_id_scheme)
    session.flush()
    return vendor.id


def _own_vendor(session: Session, caller: Caller | None,
                capability: Capability = Capability.PROFILE) -> tuple[Caller, Vendor]:
    caller, vendor_id = require_vendor(caller, capability)
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find your shop.", code=VendorErrorCode.SHOP_NOT_FOUND)
    return caller, vendor


def onboarding_checklist(vendor: Vendor, documents: int) -> tuple[str, ...]:
    missing = []
    if not (vendor.street_address and vendor.phone):
        missing.append(N_("Your business address and phone number"))
    if not vendor.vat_number and tax_ids.scheme_for(vendor.country) is not None:
        missing.append(N_("Your VAT or tax number"))
    if not (vendor.payout_method or vendor.stripe_account_id):
        missing.append(N_("A payout account, so we can pay you"))
    if documents == 0:
        missing.append(N_("A document that shows your business is registered (PDF, JPEG or PNG)"))
    return tuple(missing)


def _phone_display(e164: str) -> str:
    """+49301234567 -> "+49 30 1234567" for the form (it is read back by the same validation)."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def _document_count(session: Session, vendor_id: int) -> int:
    return int(session.exec(select(func.count()).select_from(VendorDocument)
                            .where(VendorDocument.vendor_id == vendor_id)).one())


def my_profile(session: Session, caller: Caller | None) -> ProfileView:
    _, vendor = _own_vendor(session, caller)
    documents = _document_count(session, vendor.id)
    values = {name: str(getattr(vendor, name) or "") for name in _PROFILE_FIELDS if name != "return_same"}
    values["return_same"] = "on" if vendor.return_same else ""
    values["return_window_days"] = str(vendor.return_window_days)
    values["country_area"], values["return_country_area"] = vendor.region, vendor.return_region
    values["phone"] = _phone_display(vendor.phone)
    missing = onboarding_checklist(vendor, documents) if vendor.status == VendorStatus.PENDING else ()
    return ProfileView(
        vendor_id=vendor.id, status=vendor.status, status_reason=vendor.status_reason or "", currency=vendor.currency,
        values=values, payout_method=vendor.payout_method, payout_holder=vendor.payout_holder,
        payout_masked=payout_accounts.masked(vendor.payout_account), payout_routing=vendor.payout_routing,
        payout_bic=vendor.payout_bic, stripe_account_id=vendor.stripe_account_id or "", document_count=documents,
        missing=missing)


def update_profile(session: Session, caller: Caller | None, data: object) -> ProfileView:
    caller, vendor = _own_vendor(session, caller)
    shop_status.require(vendor.status, ShopAction.EDIT_PROFILE)
    profile = validate_profile(data)
    before = {name: getattr(vendor, name) for name in IDENTITY_FIELDS}
    _apply_profile(vendor, profile, clock.now())
    if vendor.status == VendorStatus.PENDING:
        vendor.currency = _currency(vendor.country)
    changed = {name: (before[name], getattr(vendor, name)) for name in IDENTITY_FIELDS
               if before[name] != getattr(vendor, name)}
    session.add(vendor)
    if changed and vendor.status != VendorStatus.PENDING:
        audit.record(session, "vendor.identity_changed", actor_user_id=caller.user_id, entity_type="vendor",
                     entity_id=vendor.id, status=vendor.status,
                     **{name: {"old": old, "new": new} for name, (old, new) in changed.items()})
    audit.record(session, "vendor.profile_updated", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor.id)
    session.flush()
    return my_profile(session, caller)


def save_payout_account(session: Session, caller: Caller | None, data: object) -> ProfileView:
    caller, vendor = _own_vendor(session, caller, Capability.PAYOUT_ACCOUNT)
    shop_status.require(vendor.status, ShopAction.EDIT_PROFILE)
    account = payout_accounts.validate_payout(vendor.country, data)
    vendor.payout_method, vendor.payout_holder = account.method, account.holder
    vendor.payout_account, vendor.payout_routing, vendor.payout_bic = account.account, account.routing, account.bic
    session.add(vendor)
    audit.record(session, "vendor.payout_account", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor.id, method=account.method, account=payout_accounts.masked(account.account))
    session.flush()
    return my_profile(session, caller)


class ConnectOnboarding(Protocol):
    def open_onboarding(self, *, account_id: str | None, country: str, email: str, return_url: str,
                        refresh_url: str, idempotency_key: str) -> tuple[str, str]: ...

    def details_submitted(self, account_id: str) -> bool: ...


_STRIPE_DOWN = N_("Stripe didn't answer. Please try again in a minute.")


def start_stripe_onboarding(session: Session, caller: Caller | None, connect: ConnectOnboarding, return_url: str,
                            refresh_url: str) -> str:
    """The Stripe onboarding link for the caller's shop (see the module contract)."""
    caller, vendor = _own_vendor(session, caller, Capability.PAYOUT_ACCOUNT)
    shop_status.require(vendor.status, ShopAction.EDIT_PROFILE)
    try:
        account_id, url = connect.open_onboarding(
            account_id=vendor.stripe_onboarding_account, country=vendor.country, email=caller.email,
            return_url=return_url, refresh_url=refresh_url, idempotency_key=f"vendor-{vendor.id}-express-account")
    except GatewayError:
        raise ValidationError(_STRIPE_DOWN, code=VendorErrorCode.STRIPE_ONBOARDING_UNAVAILABLE) from None
    if vendor.stripe_onboarding_account != account_id:
        vendor.stripe_onboarding_account = account_id
        session.add(vendor)
        audit.record(session, "vendor.stripe_onboarding", actor_user_id=caller.user_id, entity_type="vendor",
                     entity_id=vendor.id, account=account_id)
    return url


def finish_stripe_onboarding(session: Session, caller: Caller | None, connect: ConnectOnboarding) -> bool:
    """Whether payouts now go to the shop's Stripe account (records it once Stripe has the seller's details)."""
    caller, vendor = _own_vendor(session, caller, Capability.PAYOUT_ACCOUNT)
    account_id = vendor.stripe_onboarding_account
    if not account_id:
        return bool(vendor.stripe_account_id)
    try:
        done = connect.details_submitted(account_id)
    except GatewayError:
        raise ValidationError(_STRIPE_DOWN, code=VendorErrorCode.STRIPE_ONBOARDING_UNAVAILABLE) from None
    if not done:
        return False
    connect_stripe_account(session, vendor.id, account_id)
    vendor.stripe_onboarding_account = None
    session.add(vendor)
    audit.record(session, "vendor.stripe_connected", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor.id, account=account_id)
    session.flush()
    return True

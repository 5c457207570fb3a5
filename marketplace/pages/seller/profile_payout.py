"""The "Payouts" section of the seller's profile page. With the embedded gateway: the bank account payouts go
to (an IBAN, or the local details where IBANs are not used), shown masked once saved. With ``PAYMENTS=stripe``:
a link into Stripe Connect Express onboarding, and the account it connected.

Every handler re-derives the seller from the session cookie; the services check the shop's status again.
"""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.accounts import seller_roles
from marketplace.accounts.seller_roles import Capability
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.integrations.stripe_connect import StripeConnectOnboarding
from marketplace.models import Role
from marketplace.pages.seller.profile_fields import FormField, form_field, render_field, section
from marketplace.pages.seller.profile_status import ProfileStatusState
from marketplace.present.problems import problem_text
from marketplace.state.auth import role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import onboarding, payout_accounts

_KEYS = {"holder", "iban", "bic", "routing", "account", "bsb", "bank", "branch", "institution", "transit"}
METHOD_LABELS = {"iban": N_("Bank account (IBAN)"), "us_ach": N_("US bank account"), "au_bsb": N_("Australian bank account"),
                 "jp_zengin": N_("Japanese bank account"), "ca_eft": N_("Canadian bank account")}


def _fields(lang: str, method: str, values: dict[str, str], errors: dict) -> list[FormField]:
    return [form_field(lang, f.name, f.label, values=values, errors=errors, required=f.required,
                       inputmode="text" if f.name in ("holder", "iban", "bic") else "numeric",
                       maxlength=f.max_length, example=f.example) for f in payout_accounts.fields_for(method)]


class SellerPayoutState(rx.State):
    stripe: bool = False
    method: str = ""  # this country's bank-account kind; "" where we cannot pay to a bank account
    method_label: str = ""
    saved: str = ""  # "Muster GmbH · •••• 3000" once an account is saved
    stripe_account: str = ""
    fields: list[FormField] = []
    error: str = ""
    editing: bool = False
    owner: bool = False  # display only: the server refuses anyone but an owner regardless (PAYOUT_ACCOUNT)
    version: int = 0
    no_choices: list[list[str]] = []  # payout fields are all text inputs

    def _show(self, lang: str, view: onboarding.ProfileView) -> None:
        self.stripe = get_settings().payments == "stripe"
        self.method = payout_accounts.method_for(view.values.get("country", "")) or ""
        self.method_label = translate(lang, METHOD_LABELS.get(self.method, ""))
        self.saved = f"{view.payout_holder} · {view.payout_masked}" if view.payout_masked else ""
        self.stripe_account = view.stripe_account_id
        self.fields = _fields(lang, self.method, {"holder": view.payout_holder}, {})
        self.editing, self.error = not self.saved, ""
        self.version += 1

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_service(onboarding.my_profile, caller)
        except DomainError:
            return  # the profile section above shows the refusal
        self._show(lang, view)
        self.owner = seller_roles.can(caller.vendor_role, Capability.PAYOUT_ACCOUNT)

    @rx.event
    def change(self):
        self.editing = True

    @rx.event
    async def save(self, form: dict):
        lang, _, _ = await market(self)
        if not isinstance(form, dict) or len(form) > 20:
            return None
        data = {k: v for k, v in form.items() if k in _KEYS and isinstance(v, str)}
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_write(onboarding.save_payout_account, caller, data)
        except payout_accounts.PayoutInvalid as exc:
            self.error = problem_text(lang, exc)
            self.fields = _fields(lang, self.method, data, exc.errors)
            return None
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None
        self._show(lang, view)
        return [rx.toast.success(translate(lang, N_("Payout account saved.")), position="top-center"),
                ProfileStatusState.load]

    @rx.event
    async def start_stripe(self):
        """Open (or continue) Stripe Connect Express onboarding for the caller's shop and go there."""
        lang, _, _ = await market(self)
        settings = get_settings()
        try:
            caller = await role_required(self, Role.SELLER)
            if settings.payments != "stripe":
                return None
            url = await run_write(onboarding.start_stripe_onboarding, caller, StripeConnectOnboarding.from_settings(settings),
                                  f"{settings.public_url}{routes.SELLER_STRIPE_RETURN}",
                                  f"{settings.public_url}{routes.SELLER_PROFILE}")
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None
        return rx.redirect(url, is_external=True)


def _embedded() -> rx.Component:
    s = SellerPayoutState
    return rx.cond(
        s.method == "",
        rx.text(t("We can't pay out to bank accounts in your country yet. Contact support to be paid through "
                  "Stripe."), size="2"),
        rx.vstack(
            rx.text(s.method_label, size="2", color="var(--gray-11)"),
            rx.cond(s.saved != "", rx.hstack(rx.icon("landmark", size=18, aria_hidden="true"),
                                             rx.text(s.saved, weight="medium", id="payout-saved"),
                                             rx.cond(~s.editing, rx.button(t("Change"), variant="soft", size="2",
                                                                           class_name="touch-target",
                                                                           on_click=SellerPayoutState.change)),
                                             spacing="3", align="center", wrap="wrap")),
            rx.cond(s.editing, rx.form(
                rx.vstack(
                    rx.grid(rx.foreach(s.fields, lambda f: render_field(f, s.no_choices, s.version, prefix="payout-")),
                            columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
                    rx.text(t("We show only the last four digits once it is saved."), size="1", color="var(--gray-11)"),
                    rx.button(t("Save payout account"), type="submit", size="3", class_name="touch-target",
                              id="payout-save"),
                    spacing="3", width="100%"),
                on_submit=SellerPayoutState.save, reset_on_submit=False, width="100%")),
            spacing="3", width="100%"),
    )


def _stripe() -> rx.Component:
    s = SellerPayoutState
    return rx.cond(
        s.stripe_account != "",
        rx.hstack(rx.icon("circle-check", size=18, color="var(--grass-11)", aria_hidden="true"),
                  rx.text(t("Payouts go to your Stripe account"), " ", s.stripe_account, id="payout-stripe"),
                  spacing="2", align="center", wrap="wrap"),
        rx.vstack(
            rx.text(t("Stripe verifies your identity and bank account, then pays you out. It takes a few minutes."),
                    size="2"),
            rx.button(t("Set up payouts with Stripe"), size="3", class_name="touch-target", id="payout-stripe-start",
                      on_click=SellerPayoutState.start_stripe),
            spacing="2", align="start"),
    )


def _not_owner() -> rx.Component:
    """A manager sees where payouts go, and that only an owner may change it."""
    s = SellerPayoutState
    return rx.vstack(
        rx.cond(s.saved != "", rx.hstack(rx.icon("landmark", size=18, aria_hidden="true"), rx.text(s.saved),
                                         spacing="3", align="center")),
        rx.cond(s.stripe_account != "", rx.text(t("Payouts go to your Stripe account"), " ", s.stripe_account)),
        rx.text(t("Only the shop's owner can set up or change the payout account."), size="2",
                color="var(--gray-11)", id="payout-owner-only"),
        spacing="2", width="100%")


def payout_section() -> rx.Component:
    s = SellerPayoutState
    return section(
        N_("Payouts"),
        rx.cond(s.error != "", rx.callout(s.error, icon="circle-alert", color_scheme="red", role="alert", width="100%",
                                          id="payout-error")),
        rx.cond(s.owner, rx.cond(s.stripe, _stripe(), _embedded()), _not_owner()),
        id="payout-section",
    )

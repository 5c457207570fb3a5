"""The business profile form: applying for a shop (/sell/apply, in the storefront) and editing it later
(/seller/profile, in the seller portal). One state serves both; which one a save does is decided on the
server from the caller's session (no shop yet: apply; a shop: update it), never from a var.

Applying makes the account a seller and ends its sessions (``vendors/onboarding.py``), so a successful
application sends the browser to log in again, straight into the seller portal. The fields follow the
chosen country (its address form, its tax-number scheme); errors show on each field and what was typed stays.
"""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx

from marketplace import routes
from marketplace.accounts import address_format as fmt
from marketplace.core.errors import DomainError, NotAuthenticated
from marketplace.core.i18n import N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.layouts.storefront import storefront
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.pages.seller.profile_documents import documents_section
from marketplace.pages.seller.profile_fields import FormField, form_field, render_field, section
from marketplace.pages.seller.profile_payout import payout_section
from marketplace.pages.seller.profile_status import ProfileStatusState, status_card
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller, login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import LocaleState, t
from marketplace.vendors import onboarding, tax_ids
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.profile_form import (
    DISPLAY_MAX,
    LEGAL_MAX,
    RETURN_NAME_MAX,
    RETURN_PREFIX,
    SELLER_COUNTRIES,
    ProfileInvalid,
    address_fields,
)

_TEXT_KEYS = {"legal_name", "display_name", "country", "phone", "vat_number", "eori_number", "ioss_number",
              "return_window_days", "return_same", "return_name",
              *fmt.MAX_LENGTH, *(RETURN_PREFIX + name for name in fmt.MAX_LENGTH)}


def _profile_fields(lang: str, country: str, values: dict[str, str], errors: dict) -> dict[str, list[FormField]]:
    scheme = tax_ids.scheme_for(country)
    phone_example = fmt.address_form(country).field(fmt.PHONE).example
    address = [form_field(lang, f.name, f.label, values=values, errors=errors, required=f.required,
                          autocomplete=f.autocomplete, inputmode=f.input_mode, maxlength=f.max_length,
                          example=f.example, choices=bool(f.choices)) for f in address_fields(country)]
    returns = [form_field(lang, RETURN_PREFIX + f.name, f.label, values=values, errors=errors, required=f.required,
                          inputmode=f.input_mode, maxlength=f.max_length, example=f.example, choices=bool(f.choices))
               for f in address_fields(country)]
    return {
        "business": [
            form_field(lang, "legal_name", N_("Legal name of the business"), values=values, errors=errors,
                       autocomplete="organization", maxlength=LEGAL_MAX,
                       hint=N_("As registered, e.g. with the company register.")),
            form_field(lang, "display_name", N_("Shop name shoppers see"), values=values, errors=errors,
                       maxlength=DISPLAY_MAX)],
        "address": [*address, form_field(lang, "phone", N_("Contact phone"), values=values, errors=errors,
                                         autocomplete="tel", inputmode="tel", maxlength=32, example=phone_example)],
        "tax": [
            form_field(lang, "vat_number", scheme.label if scheme else N_("Tax number (optional)"), values=values,
                       errors=errors, required=scheme is not None, maxlength=60,
                       example=scheme.example if scheme else ""),
            form_field(lang, "eori_number", N_("EORI number (optional)"), values=values, errors=errors,
                       required=False, maxlength=20, hint=N_("Needed to export from the EU or the UK; printed on "
                                                            "customs forms.")),
            form_field(lang, "ioss_number", N_("IOSS number (optional)"), values=values, errors=errors,
                       required=False, maxlength=14, hint=N_("Only if you collect EU import VAT yourself, like "
                                                            "IM2760000742."))],
        "window": [form_field(lang, "return_window_days", N_("Return window in days"), values=values, errors=errors,
                              inputmode="numeric", maxlength=3, hint=N_("From 14 to 365 days after delivery."))],
        "returns": [form_field(lang, "return_name", N_("Who receives returns"), values=values, errors=errors,
                               maxlength=RETURN_NAME_MAX), *returns],
    }


class SellerProfileState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    applying: bool = False  # display only: which page this is
    country: str = "DE"
    business: list[FormField] = []
    address: list[FormField] = []
    tax: list[FormField] = []
    window: list[FormField] = []
    returns: list[FormField] = []
    regions: list[list[str]] = []
    return_same: bool = True
    form_error: str = ""
    version: int = 0

    def _build(self, lang: str, country: str, values: dict[str, str], errors: dict, remount: bool = True) -> None:
        self.country = country
        built = _profile_fields(lang, country, values, errors)
        self.business, self.address, self.tax = built["business"], built["address"], built["tax"]
        self.window, self.returns = built["window"], built["returns"]
        region = fmt.address_form(country).field(fmt.REGION)
        self.regions = [list(c) for c in region.choices] if region else []
        if remount:
            self.version += 1

    def _show_profile(self, lang: str, view: onboarding.ProfileView) -> None:
        self.return_same = view.values.get("return_same") == "on"
        self._build(lang, view.values.get("country") or "DE", view.values, {})

    @rx.event
    async def load(self):
        lang, _, ship_to = await market(self)
        self.applying = self.router.url.path.rstrip("/") == routes.SELL_APPLY
        self.form_error = ""
        if self.applying:
            caller = await current_caller(self)
            try:
                await run_service(onboarding.can_apply, caller)
            except NotAuthenticated:
                self.allowed, self.loaded = False, True
                return rx.redirect(routes.login(routes.SELL_APPLY))
            except DomainError as exc:
                if exc.code == VendorErrorCode.ALREADY_A_SELLER:
                    return rx.redirect(routes.SELLER_PROFILE)
                self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
                return None
            self.allowed, self.denied, self.return_same = True, "", True
            self._build(lang, ship_to if ship_to in SELLER_COUNTRIES else "DE", {"return_window_days": "30"}, {})
            self.loaded = True
            return None
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_service(onboarding.my_profile, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_PROFILE)
        self.allowed, self.denied = True, ""
        self._show_profile(lang, view)
        self.loaded = True
        return None

    @rx.event
    async def choose_country(self, country: str):
        if not isinstance(country, str) or country not in SELLER_COUNTRIES:
            return
        lang, _, _ = await market(self)
        self._build(lang, country, {}, {}, remount=False)

    @rx.event
    def set_return_same(self, same: bool):
        if isinstance(same, bool):
            self.return_same = same

    @rx.event
    async def save(self, form: dict):
        lang, _, _ = await market(self)
        if not isinstance(form, dict) or len(form) > 60:
            return None
        data = {k: v for k, v in form.items() if k in _TEXT_KEYS and isinstance(v, str)}
        country = data.get("country", "")
        if country not in SELLER_COUNTRIES:
            country = self.country
            data["country"] = country
        caller = await current_caller(self)
        try:
            if caller is not None and caller.vendor_id is None:
                await run_write(onboarding.apply, caller, data)
            else:
                view = await run_write(onboarding.update_profile, caller, data)
        except ProfileInvalid as exc:
            self.form_error = problem_text(lang, exc)
            self._build(lang, country, data, exc.errors, remount=False)
            return None
        except DomainError as exc:
            self.form_error = problem_text(lang, exc)
            self._build(lang, country, data, {}, remount=False)
            return login_redirect(exc, routes.SELL_APPLY if self.applying else routes.SELLER_PROFILE)
        self.form_error = ""
        if caller is not None and caller.vendor_id is None:  # applied: the session ended with the role change
            return rx.redirect(f"{routes.LOGIN}?{urlencode({'notice': 'applied', 'next': routes.SELLER})}")
        self._show_profile(lang, view)
        return [rx.toast.success(translate(lang, N_("Profile saved.")), position="top-center"), ProfileStatusState.load]


def _fields(items: rx.Var) -> rx.Component:
    s = SellerProfileState
    return rx.grid(rx.foreach(items, lambda f: render_field(f, s.regions, s.version)),
                   columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%")


def profile_form() -> rx.Component:
    s = SellerProfileState
    return rx.form(
        rx.vstack(
            rx.cond(s.form_error != "", rx.callout(s.form_error, icon="circle-alert", color_scheme="red", role="alert",
                                                   width="100%", id="profile-error")),
            section(N_("Your business"), _fields(s.business)),
            section(
                N_("Where parcels leave from"),
                rx.vstack(
                    rx.el.label(t("Country"), " *", html_for="profile-country", class_name="field-label"),
                    rx.el.select(rx.foreach(LocaleState.country_options, lambda o: rx.el.option(o[1], value=o[0])),
                                 id="profile-country", name="country", value=s.country,
                                 on_change=SellerProfileState.choose_country, class_name="native-select",
                                 auto_complete="country"),
                    spacing="1", width="100%",
                ),
                _fields(s.address),
            ),
            section(N_("Tax and customs"), _fields(s.tax)),
            section(
                N_("Returns"),
                _fields(s.window),
                rx.el.label(rx.el.input(type="checkbox", name="return_same", id="profile-return-same",
                                        checked=s.return_same, on_change=SellerProfileState.set_return_same,
                                        style={"width": "20px", "height": "20px"}),
                            t("Returns go to the address parcels leave from"),
                            style={"display": "flex", "gap": "8px", "alignItems": "center", "minHeight": "44px"}),
                rx.cond(~s.return_same, _fields(s.returns)),
            ),
            rx.button(rx.cond(s.applying, t("Apply to sell"), t("Save profile")), type="submit", size="3",
                      class_name="touch-target", id="profile-save"),
            spacing="4", width="100%",
        ),
        on_submit=SellerProfileState.save, reset_on_submit=False, width="100%",
    )


def apply_page() -> rx.Component:
    s = SellerProfileState
    return storefront(rx.vstack(
        rx.heading(t("Apply to sell on Meridian"), as_="h1", size="7"),
        rx.text(t("Tell us about your business. After you apply, add your payout account and a document in your "
                  "seller portal; we review your shop, usually within two working days."),
                size="3", color="var(--gray-11)"),
        rx.cond(s.loaded,
                rx.cond(s.allowed, profile_form(),
                        rx.callout(s.denied, icon="lock", color_scheme="amber", width="100%", id="apply-denied")),
                rx.center(rx.spinner(size="3"), padding_y="48px", width="100%")),
        spacing="4", width="100%", max_width="880px", padding_y="24px", align="start",
    ))


def seller_profile_page() -> rx.Component:
    s = SellerProfileState
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Business profile"), as_="h1", size="7"),
            status_card(),
            profile_form(),
            payout_section(),
            documents_section(),
            spacing="4", width="100%", max_width="880px", align="start",
        ),
    )

"""Where Stripe Connect Express onboarding comes back to (/seller/profile/stripe, ``PAYMENTS=stripe``): ask Stripe
whether the seller finished and, if so, record the account for payouts; then back to the profile."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.integrations.stripe_connect import StripeConnectOnboarding
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_write
from marketplace.state.locale import t
from marketplace.vendors import onboarding


class StripeReturnState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    connected: bool = False
    message: str = ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        settings = get_settings()
        try:
            caller = await role_required(self, Role.SELLER)
            if settings.payments != "stripe":
                return rx.redirect(routes.SELLER_PROFILE)
            self.connected = await run_write(onboarding.finish_stripe_onboarding, caller,
                                             StripeConnectOnboarding.from_settings(settings))
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_STRIPE_RETURN)
        self.allowed, self.loaded = True, True
        self.message = translate(lang, N_("Your Stripe account is connected: payouts go there.") if self.connected
                                 else N_("Stripe still needs some details from you. Continue the set-up from your "
                                         "profile."))
        return None


def stripe_return_page() -> rx.Component:
    s = StripeReturnState
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Payouts with Stripe"), as_="h1", size="7"),
            rx.callout(s.message, icon=rx.cond(s.connected, "circle-check", "info"),
                       color_scheme=rx.cond(s.connected, "grass", "amber"), width="100%", id="stripe-return-message"),
            rx.link(rx.button(t("Back to your profile"), size="3", class_name="touch-target"),
                    href=routes.SELLER_PROFILE),
            spacing="4", width="100%", align="start",
        ),
    )

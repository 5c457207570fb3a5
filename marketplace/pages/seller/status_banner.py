"""The seller overview's banner: what the shop's status means, what the seller may still do
(``vendors/shop_status.py``) and, while pending, what staff still need, with the way to the profile."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import translate
from marketplace.models import Role
from marketplace.state.auth import role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import onboarding, shop_status


class ShopStatusState(rx.State):
    status: str = ""
    banner: str = ""
    reason: str = ""  # staff's reason for a suspension or closure, as they wrote it
    missing: list[str] = []

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.status, self.banner, self.reason, self.missing = "", "", "", []
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_service(onboarding.my_profile, caller)
        except DomainError:
            return  # the overview shows the refusal
        text = shop_status.banner(view.status)
        self.status, self.banner = view.status, translate(lang, text) if text else ""
        self.reason = view.status_reason
        self.missing = [translate(lang, m) for m in view.missing] if view.status == "pending" else []


def status_banner() -> rx.Component:
    s = ShopStatusState
    return rx.cond(
        s.banner != "",
        rx.callout.root(
            rx.callout.icon(rx.icon(rx.cond(s.status == "pending", "hourglass", "lock"), size=18)),
            rx.vstack(
                rx.text(s.banner, size="2", weight="medium"),
                rx.cond(s.reason != "", rx.text(t("Reason given by our team:"), " ", s.reason, size="2")),
                rx.cond(s.missing.length() > 0, rx.vstack(
                    rx.text(t("Still needed before we can approve your shop:"), size="2"),
                    rx.el.ul(rx.foreach(s.missing, lambda m: rx.el.li(m, font_size="14px")),
                             style={"paddingInlineStart": "20px", "margin": "0"}),
                    spacing="1")),
                rx.link(t("Open your business profile"), href=routes.SELLER_PROFILE, size="2", weight="medium",
                        underline="always"),
                spacing="2", align="start",
            ),
            color_scheme="amber", width="100%", id="shop-status",
        ),
    )

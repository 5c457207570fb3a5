"""The status card at the top of the seller's profile page: the shop's status and, while pending, what staff
still need. Reloaded by the profile, payout and document sections after each save."""

from __future__ import annotations

import reflex as rx

from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.models import Role
from marketplace.state.auth import role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import onboarding

STATUS_LABELS = {"pending": N_("Waiting for review"), "approved": N_("Approved"), "suspended": N_("Suspended"),
                 "terminated": N_("Closed")}


class ProfileStatusState(rx.State):
    status: str = ""
    status_label: str = ""
    missing: list[str] = []

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_service(onboarding.my_profile, caller)
        except DomainError:
            self.status, self.status_label, self.missing = "", "", []
            return  # the profile section shows the refusal
        self.status = view.status
        self.status_label = translate(lang, STATUS_LABELS.get(view.status, view.status))
        self.missing = [translate(lang, m) for m in view.missing]


def status_card() -> rx.Component:
    s = ProfileStatusState
    return rx.card(rx.vstack(
        rx.hstack(rx.text(t("Status"), weight="bold"),
                  rx.badge(s.status_label, id="profile-status",
                           color_scheme=rx.cond(s.status == "approved", "grass", "amber")),
                  spacing="3", align="center"),
        rx.cond(s.missing.length() > 0, rx.vstack(
            rx.text(t("Still needed before we can approve your shop:"), size="2"),
            rx.el.ul(rx.foreach(s.missing, lambda m: rx.el.li(m)), style={"paddingInlineStart": "20px", "margin": "0"},
                     id="profile-missing"),
            spacing="1")),
        spacing="2", width="100%"), width="100%")

"""Seller team (/seller/team): the shop's members with their roles, the open invitations, and (owners only) the
invite form, role changes, removals, resends and revocations. Managers see the page read-only; packers get the
role refusal. Every handler re-derives the vendor and the caller's role from the server-side session
(``vendors.team``); ids come from the rendered lists and are re-checked there, roles from the fixed set."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS, parse_id
from marketplace.present import seller_team as words
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import team

_FIELD = {"padding": "8px 12px", "border_radius": "var(--radius-2)", "border": "1px solid var(--gray-7)",
          "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "font_size": "14px"}


@dataclass(frozen=True)
class MemberView:
    user_id: str = ""
    name: str = ""
    email: str = ""
    role: str = ""
    role_label: str = ""
    is_you: bool = False


@dataclass(frozen=True)
class InvitationView:
    id: str = ""
    email: str = ""
    role_label: str = ""
    until: str = ""
    expired: bool = False


class SellerTeamState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    shop: str = ""
    can_manage: bool = False
    members: list[MemberView] = []
    invitations: list[InvitationView] = []
    roles: list[tuple[str, str]] = []  # (role, label)
    summaries: list[tuple[str, str]] = []  # (label, what the role may do)
    error: str = ""
    notice: str = ""
    confirm_remove: str = ""  # the member whose removal waits for a second click (display only)

    async def _fill(self, lang: str) -> rx.event.EventSpec | None:
        locale = format_locale(lang)
        self.roles = words.role_choices(lang)
        self.summaries = [(label, words.role_summary(lang, role)) for role, label in self.roles]
        try:
            caller = await role_required(self, Role.SELLER)
            view = await run_service(team.team_of, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.members, self.invitations = False, True, [], []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_TEAM)
        self.allowed, self.denied, self.shop, self.can_manage = True, "", view.vendor_name, view.can_manage
        self.members = [MemberView(user_id=str(m.user_id), name=m.name, email=m.email, role=m.role,
                                   role_label=words.role_label(lang, m.role), is_you=m.is_you) for m in view.members]
        self.invitations = [InvitationView(id=str(i.id), email=i.email, role_label=words.role_label(lang, i.role),
                                           until=formatting.format_date(i.expires_at, locale), expired=i.expired)
                            for i in view.invitations]
        self.loaded = True
        return None

    async def _change(self, fn, *args, done: str):  # noqa: ANN001, ANN202
        """Run one team change as the session's caller; show its refusal or ``done``, then reload the lists."""
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            await run_write(fn, caller, *args)
        except DomainError as exc:
            self.error, self.notice = problem_text(lang, exc), ""
            return login_redirect(exc, routes.SELLER_TEAM)
        self.error, self.notice, self.confirm_remove = "", translate(lang, done), ""
        return await self._fill(lang)

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.error, self.notice, self.confirm_remove = "", "", ""
        return await self._fill(lang)

    @rx.event
    async def invite(self, form: dict):
        """Invite an address with a role; both are validated by the service."""
        form = form if isinstance(form, dict) else {}
        email, role = form.get("email"), form.get("role")
        email = email[:300] if isinstance(email, str) else ""
        return await self._change(team.invite, email, role if isinstance(role, str) else "",
                                  done=N_("Invitation sent."))

    @rx.event
    async def resend(self, invitation_id: str):
        return await self._change(team.resend, parse_id(invitation_id), done=N_("Invitation sent again."))

    @rx.event
    async def revoke(self, invitation_id: str):
        return await self._change(team.revoke, parse_id(invitation_id), done=N_("Invitation withdrawn."))

    @rx.event
    async def change_role(self, user_id: str, role: str):
        return await self._change(team.change_role, parse_id(user_id), role if isinstance(role, str) else "",
                                  done=N_("Role changed."))

    @rx.event
    def ask_remove(self, user_id: str):
        """Show the confirmation for one member (display only: ``remove`` re-checks everything)."""
        self.confirm_remove = user_id if isinstance(user_id, str) and len(user_id) <= 12 else ""

    @rx.event
    def cancel_remove(self):
        self.confirm_remove = ""

    @rx.event
    async def remove(self, user_id: str):
        return await self._change(team.remove_member, parse_id(user_id), done=N_("Member removed."))


def _role_select(m: rx.Var) -> rx.Component:
    return rx.el.select(
        rx.foreach(SellerTeamState.roles, lambda r: rx.el.option(r[1], value=r[0])),
        value=m.role, on_change=lambda role: SellerTeamState.change_role(m.user_id, role),
        aria_label=t("Role of") + " " + m.name, class_name="touch-target team-role", style=_FIELD,
    )


def _member(m: rx.Var) -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.hstack(rx.text(m.name, weight="bold", size="2"),
                      rx.cond(m.is_you, rx.badge(t("You"), variant="soft", color_scheme="teal")), spacing="2"),
            rx.text(m.email, size="1", color="var(--gray-11)", style={"overflow_wrap": "anywhere"}),
            spacing="0", min_width="0", flex="1",
        ),
        rx.cond(SellerTeamState.can_manage,
                rx.hstack(
                    _role_select(m),
                    rx.cond(SellerTeamState.confirm_remove == m.user_id,
                            rx.hstack(
                                rx.button(t("Yes, remove"), color_scheme="red", size="2",
                                          on_click=SellerTeamState.remove(m.user_id), class_name="touch-target"),
                                rx.button(t("Cancel"), variant="soft", color_scheme="gray", size="2",
                                          on_click=SellerTeamState.cancel_remove, class_name="touch-target"),
                                spacing="2"),
                            rx.button(t("Remove"), variant="soft", color_scheme="red", size="2",
                                      on_click=SellerTeamState.ask_remove(m.user_id), class_name="touch-target",
                                      aria_label=t("Remove") + " " + m.name)),
                    spacing="2", align="center", wrap="wrap"),
                rx.badge(m.role_label, variant="soft", high_contrast=True)),
        direction=rx.breakpoints(initial="column", md="row"), gap="8px",
        align=rx.breakpoints(initial="start", md="center"), width="100%", class_name="table-row team-member",
    )


def _invitation(i: rx.Var) -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(i.email, weight="bold", size="2", style={"overflow_wrap": "anywhere"}),
            rx.text(i.role_label, " · ",
                    rx.cond(i.expired, t("expired"), rx.fragment(t("valid until"), " ", i.until)),
                    size="1", color="var(--gray-11)"),
            spacing="0", min_width="0", flex="1",
        ),
        rx.cond(SellerTeamState.can_manage,
                rx.hstack(
                    rx.button(t("Resend"), variant="soft", size="2", on_click=SellerTeamState.resend(i.id),
                              class_name="touch-target", aria_label=t("Resend") + " " + i.email),
                    rx.button(t("Withdraw"), variant="soft", color_scheme="red", size="2",
                              on_click=SellerTeamState.revoke(i.id), class_name="touch-target",
                              aria_label=t("Withdraw") + " " + i.email),
                    spacing="2")),
        direction=rx.breakpoints(initial="column", md="row"), gap="8px",
        align=rx.breakpoints(initial="start", md="center"), width="100%", class_name="table-row team-invitation",
    )


def _invite_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("Invite someone"), as_="h2", size="4"),
            rx.flex(
                rx.vstack(
                    rx.el.label(t("E-mail address"), html_for="invite-email", class_name="field-label"),
                    rx.el.input(id="invite-email", name="email", type="email", required=True, max_length=254,
                                auto_complete="off", class_name="text-input", style={"width": "100%"}),
                    spacing="1", flex="1", width="100%",
                ),
                rx.vstack(
                    rx.el.label(t("Role"), html_for="invite-role", class_name="field-label"),
                    rx.el.select(rx.foreach(SellerTeamState.roles, lambda r: rx.el.option(r[1], value=r[0])),
                                 id="invite-role", name="role", class_name="touch-target", style=_FIELD),
                    spacing="1",
                ),
                rx.button(rx.icon("send", size=16, aria_hidden="true"), t("Send invitation"), type="submit",
                          size="3", class_name="touch-target", id="invite-send"),
                direction=rx.breakpoints(initial="column", md="row"), gap="12px",
                align=rx.breakpoints(initial="stretch", md="end"), width="100%",
            ),
            rx.text(t("They get an e-mail with a link that works for 7 days."), size="1", color="var(--gray-11)"),
            spacing="2", width="100%",
        ),
        on_submit=SellerTeamState.invite, reset_on_submit=True, width="100%", id="invite-form",
    )


def _roles_help() -> rx.Component:
    return rx.vstack(
        rx.heading(t("What each role may do"), as_="h2", size="4"),
        rx.foreach(SellerTeamState.summaries, lambda s: rx.text(rx.text.strong(s[0]), ": ", s[1], size="2")),
        spacing="1", width="100%",
    )


def seller_team_page() -> rx.Component:
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerTeamState.allowed, SellerTeamState.denied, SellerTeamState.loaded,
        rx.vstack(
            rx.heading(t("Team"), as_="h1", size="7"),
            rx.text(SellerTeamState.shop, size="2", color="var(--gray-11)"),
            rx.cond(SellerTeamState.error != "",
                    rx.callout(SellerTeamState.error, icon="circle-alert", color_scheme="red", role="alert",
                               width="100%", id="team-error")),
            rx.cond(SellerTeamState.notice != "",
                    rx.callout(SellerTeamState.notice, icon="circle-check", color_scheme="green", high_contrast=True, role="status",
                               width="100%", id="team-notice")),
            rx.cond(~SellerTeamState.can_manage,
                    rx.callout(t("Only the shop's owners can invite, change roles or remove members."),
                               icon="info", color_scheme="gray", width="100%", id="team-read-only")),
            rx.cond(SellerTeamState.can_manage, rx.card(_invite_form(), width="100%")),
            rx.heading(t("Members"), as_="h2", size="4"),
            rx.vstack(rx.foreach(SellerTeamState.members, _member), spacing="0", width="100%",
                      class_name="table-card", id="team-members"),
            rx.heading(t("Open invitations"), as_="h2", size="4"),
            rx.cond(SellerTeamState.invitations.length() > 0,
                    rx.vstack(rx.foreach(SellerTeamState.invitations, _invitation), spacing="0", width="100%",
                              class_name="table-card", id="team-invitations"),
                    rx.text(t("No open invitations."), size="2", color="var(--gray-11)")),
            _roles_help(),
            spacing="4", width="100%", align="start",
        ),
    )

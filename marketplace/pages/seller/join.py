"""Accepting a team invitation (/seller/join/[token], the link of the invitation e-mail).

What the page shows comes from the server on every load (``vendors.team.invitation_for``): an unknown, expired,
withdrawn or used link says which; otherwise the shop and the role. Signed in: one button joins
(``team.accept``: only the invited address, never staff, never an account of another seller). Signed out with
an account for the address: log in and come back here. Signed out without one: name and password create the
seller account for the invited address (``team.accept_with_new_account``), then the person logs in. The token
is read from the URL on the server; the password is passed on to the service and never kept in the state."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.storefront import storefront
from marketplace.present import seller_team as words
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import team

_PREFIX = "/seller/join/"


def _token_of(path: str) -> str:
    return path.removeprefix(_PREFIX).strip("/")[:128] if path.startswith(_PREFIX) else ""


class SellerJoinState(rx.State):
    loaded: bool = False
    problem: str = ""  # why the link cannot be used (or accepting was refused)
    shop: str = ""
    email: str = ""
    role: str = ""
    role_summary: str = ""
    signed_in: bool = False
    has_account: bool = False
    created: bool = False  # the account was just created: log in next
    form_error: str = ""
    name: str = ""
    notice: str = ""
    heading: str = ""  # "Join <shop>" in the tab's language
    login_href: str = ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.created, self.form_error, self.problem = False, "", ""
        try:
            info = await run_service(team.invitation_for, _token_of(self.router.url.path))
        except DomainError as exc:
            self.problem, self.shop, self.email, self.loaded = problem_text(lang, exc), "", "", True
            return
        caller = await current_caller(self)
        self.shop, self.email, self.has_account = info.vendor_name, info.email, info.has_account
        self.role, self.role_summary = words.role_label(lang, info.role), words.role_summary(lang, info.role)
        self.signed_in = caller is not None
        self.heading = translate(lang, N_("Join %(shop)s"), shop=info.vendor_name)
        self.login_href = routes.login(self.router.url.path)
        self.loaded = True

    @rx.event
    async def accept(self):
        lang, _, _ = await market(self)
        try:
            await run_write(team.accept, await current_caller(self), _token_of(self.router.url.path))
        except DomainError as exc:
            self.problem = problem_text(lang, exc)
            return None
        return rx.redirect(routes.SELLER)

    @rx.event
    async def create_account(self, form: dict):
        """Create the invited address's account; name and password are validated by the service."""
        lang, _, _ = await market(self)
        form = form if isinstance(form, dict) else {}
        name, password = form.get("name"), form.get("password")
        self.name = name[:120] if isinstance(name, str) else ""
        try:
            await run_write(team.accept_with_new_account, _token_of(self.router.url.path),
                            display_name=name, password=password if isinstance(password, str) else None)
        except DomainError as exc:
            self.form_error = problem_text(lang, exc)
            return
        self.form_error, self.created = "", True
        self.problem = ""
        self.notice = translate(lang, N_("Your account is ready. Log in with the password you chose."))


def _panel(*children: rx.Component) -> rx.Component:
    return rx.center(rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", max_width="460px",
                             size="3"), width="100%", padding_y="24px")


def _field(label: str, name: str, kind: str, autocomplete: str, **extra) -> rx.Component:  # noqa: ANN003
    return rx.vstack(
        rx.el.label(t(label), html_for=f"join-{name}", class_name="field-label"),
        rx.el.input(id=f"join-{name}", name=name, type=kind, auto_complete=autocomplete, required=True,
                    class_name="text-input", **extra),
        spacing="1", width="100%",
    )


def _create_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("Create your account for"), " ", rx.text.strong(SellerJoinState.email), size="2"),
            _field(N_("Your name"), "name", "text", "name", max_length=120, default_value=SellerJoinState.name),
            _field(N_("Password"), "password", "password", "new-password", min_length=10, max_length=256),
            rx.text(t("At least 10 characters."), size="1", color="var(--gray-11)"),
            rx.cond(SellerJoinState.form_error != "",
                    rx.callout(SellerJoinState.form_error, icon="circle-alert", color_scheme="red", role="alert",
                               width="100%", id="join-form-error")),
            rx.button(t("Create account and join"), type="submit", size="3", width="100%", class_name="touch-target",
                      id="join-create"),
            spacing="3", width="100%",
        ),
        on_submit=SellerJoinState.create_account, reset_on_submit=False, width="100%",
    )


def _offer() -> rx.Component:
    return rx.vstack(
        rx.heading(SellerJoinState.heading, as_="h1", size="6"),
        rx.text(t("You are invited as"), " ", rx.text.strong(SellerJoinState.role), ": ",
                SellerJoinState.role_summary, size="2"),
        rx.cond(
            SellerJoinState.signed_in,
            rx.button(t("Accept and join"), size="3", width="100%", class_name="touch-target", id="join-accept",
                      on_click=SellerJoinState.accept),
            rx.cond(
                SellerJoinState.has_account,
                rx.vstack(
                    rx.text(t("Log in with"), " ", rx.text.strong(SellerJoinState.email), " ",
                            t("to accept."), size="2"),
                    rx.link(rx.button(t("Log in"), size="3", width="100%", class_name="touch-target"),
                            href=SellerJoinState.login_href,
                            width="100%", id="join-login"),
                    spacing="2", width="100%"),
                _create_form(),
            ),
        ),
        spacing="3", width="100%",
    )


def seller_join_page() -> rx.Component:
    return storefront(_panel(
        rx.cond(
            ~SellerJoinState.loaded, rx.center(rx.spinner(size="3"), padding_y="32px"),
            rx.cond(
                SellerJoinState.created,
                rx.vstack(
                    rx.heading(t("Welcome to the team"), as_="h1", size="6"),
                    rx.callout(SellerJoinState.notice, icon="circle-check", color_scheme="green", high_contrast=True, role="status",
                               width="100%", id="join-created"),
                    rx.link(rx.button(t("Log in"), size="3", width="100%", class_name="touch-target"),
                            href=routes.login(routes.SELLER), width="100%", id="join-created-login"),
                    spacing="3", width="100%"),
                rx.fragment(
                    rx.cond(SellerJoinState.shop == "", rx.heading(t("Team invitation"), as_="h1", size="6")),
                    rx.cond(SellerJoinState.problem != "",
                            rx.callout(SellerJoinState.problem, icon="circle-alert", color_scheme="red",
                                       role="alert", width="100%", id="join-problem")),
                    rx.cond(SellerJoinState.shop != "", _offer()),
                ),
            ),
        ),
    ))

"""Log-in and registration pages. The forms post to backend routes that set the HttpOnly session cookie
(see ``marketplace/api/auth_routes.py``); errors come back as a code in the URL and show here, translated,
with the e-mail and name the user typed kept."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.native_form import native_form
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.storefront import storefront
from marketplace.state.loading import market
from marketplace.state.locale import t

# error codes the auth routes put in the URL -> message ids
AUTH_ERRORS = {
    "invalid": "That e-mail and password don't match an account.",
    "throttled": "Too many attempts. Try again in %(wait)s.",
    "email": "Enter a valid e-mail address, like name@example.com.",
    "password": "Use at least %(min)s characters for your password.",
    "name": "Enter your name.",
    "origin": N_("Your session expired. Please try again."),
    "required": "Please log in to continue.",
    "denied": "Your account cannot open this page.",
    "link": N_("This link has expired or was already used. Log in, or ask for a new one by signing up again."),
}
# notices the auth routes put in the URL -> message ids (shown as good news, not as an error)
AUTH_NOTICES = {
    "check-inbox": N_("Check your inbox: we sent an e-mail to %(email)s. If the address is new to Meridian, it "
                      "has a link that finishes creating your account; if you already have an account, it "
                      "tells you how to log in."),
    "verified": N_("Your account is ready. Log in with the password you chose."),
    "unlocked": N_("Log-in is unlocked. You can log in now."),
    "applied": N_("Thank you: your shop is waiting for review. Log in again to open your seller portal."),
}


class AuthPageState(rx.State):
    error: str = ""
    notice: str = ""
    email: str = ""
    name: str = ""
    next_path: str = ""
    register_href: str = routes.REGISTER

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        params = self.router.url.query_parameters
        code = params.get("error", "")
        wait = params.get("wait", "")
        wait_text = formatting.format_wait(min(int(wait), 3600) if wait.isdigit() else 900, format_locale(lang))
        self.error = translate(lang, AUTH_ERRORS[code], min=10, wait=wait_text) if code in AUTH_ERRORS else ""
        self.email = params.get("email", "")[:254]
        notice = params.get("notice", "")
        self.notice = translate(lang, AUTH_NOTICES[notice], email=self.email) if notice in AUTH_NOTICES else ""
        self.name = params.get("name", "")[:120]
        self.next_path = routes.safe_next(params.get("next", ""), default="")
        self.register_href = routes.register(self.next_path)


def _field(label: str, name: str, kind: str, autocomplete: str, default: rx.Var | str = "",
           hint: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"field-{name}", class_name="field-label"),
        rx.el.input(id=f"field-{name}", name=name, type=kind, auto_complete=autocomplete, required=True,
                    default_value=default, class_name="text-input",
                    **({"min_length": 10, "max_length": 256} if kind == "password" else {"max_length": 254})),
        rx.cond(hint != "", rx.text(t(hint) if hint else "", size="1", color="var(--gray-11)")),
        spacing="1", width="100%",
    )


def _error() -> rx.Component:
    return rx.fragment(
        rx.cond(AuthPageState.error != "",
                rx.callout(AuthPageState.error, icon="circle-alert", color_scheme="red", role="alert",
                           width="100%", id="auth-error")),
        rx.cond(AuthPageState.notice != "",
                rx.callout(AuthPageState.notice, icon="mail-check", color_scheme="green", role="status",
                           width="100%", id="auth-notice")))


def _panel(*children: rx.Component) -> rx.Component:
    return rx.center(rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", max_width="420px",
                             size="3"), width="100%", padding_y="24px")


def login_page() -> rx.Component:
    return storefront(_panel(
        rx.heading(t("Log in"), as_="h1", size="6"),
        rx.text(t("Welcome back. Log in to see your orders and messages."), color="var(--gray-11)", size="2"),
        _error(),
        native_form(
            rx.vstack(
                _field(N_("E-mail"), "email", "email", "username", AuthPageState.email),
                _field(N_("Password"), "password", "password", "current-password"),
                rx.el.input(type="hidden", name="next", value=AuthPageState.next_path),
                rx.button(t("Log in"), type="submit", size="3", width="100%", class_name="touch-target",
                          id="login-submit"),
                spacing="4", width="100%",
            ),
            action=routes.API_LOGIN, method="post", style={"width": "100%"},
        ),
        rx.text(t("New to Meridian?"), " ", rx.link(t("Create an account"), href=AuthPageState.register_href,
                                                    underline="always", id="create-account-link"), size="2"),
    ))


def register_page() -> rx.Component:
    return storefront(_panel(
        rx.heading(t("Create your account"), as_="h1", size="6"),
        rx.text(t("Track orders, save addresses and message sellers."), color="var(--gray-11)", size="2"),
        _error(),
        native_form(
            rx.vstack(
                _field(N_("Your name"), "name", "text", "name", AuthPageState.name),
                _field(N_("E-mail"), "email", "email", "email", AuthPageState.email),
                _field(N_("Password"), "password", "password", "new-password", hint=N_("At least 10 characters.")),
                rx.el.input(type="hidden", name="next", value=AuthPageState.next_path),
                rx.button(t("Create account"), type="submit", size="3", width="100%", class_name="touch-target",
                          id="register-submit"),
                spacing="4", width="100%",
            ),
            action=routes.API_REGISTER, method="post", style={"width": "100%"},
        ),
        rx.text(t("Already have an account?"), " ", rx.link(t("Log in"), href=routes.LOGIN, underline="always"), size="2"),
    ))

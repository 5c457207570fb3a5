"""Account overview: who is signed in, shortcuts to orders, wishlist, messages, addresses and reviews with
counts, and the shopper's preferences (language, currency, ship-to country) saved on the account."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from marketplace import routes
from marketplace.accounts import wishlist
from marketplace.accounts.service import Caller
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.account import account_shell
from marketplace.orders import history
from marketplace.pages.account.common import shopper_or_login
from marketplace.state.loading import market, run_service
from marketplace.state.locale import LocaleState, t
from marketplace.support import messages


def _counts(session: Session, caller: Caller) -> tuple[int, int, int]:
    return (len(history.my_orders(session, caller.user_id)), wishlist.count(session, caller.user_id),
            messages.unread_total(session, caller))


class AccountState(rx.State):
    name: str = ""
    email: str = ""
    orders: str = ""
    saved: str = ""
    unread: int = 0
    loaded: bool = False

    @rx.event
    async def load(self):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        orders, saved, unread = await run_service(_counts, caller)
        self.name, self.email = caller.display_name, caller.email
        self.orders = translate(lang, "1 order") if orders == 1 else translate(
            lang, "%(count)s orders", count=formatting.format_number(orders, locale))
        self.saved = translate(lang, "%(count)s saved", count=formatting.format_number(saved, locale))
        self.unread = unread
        self.loaded = True
        return None


def _shortcut(icon: str, label: str, detail: rx.Component, href: str, link_id: str) -> rx.Component:
    return rx.link(
        rx.card(rx.hstack(rx.icon(icon, size=22, color="var(--accent-11)", aria_hidden="true"),
                          rx.vstack(rx.text(t(label), weight="bold", size="3"), detail, spacing="0"),
                          rx.spacer(), rx.icon("chevron-right", size=18, aria_hidden="true", color="var(--gray-10)"),
                          align="center", spacing="3", width="100%"),
                width="100%", class_name="touch-target"),
        href=href, underline="none", color="var(--gray-12)", id=link_id, width="100%",
    )


def _select(label: str, select_id: str, value: rx.Var, options: rx.Var, on_change) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.el.label(t(label), html_for=select_id, class_name="field-label"),
        rx.el.select(rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])), id=select_id, value=value,
                     on_change=on_change, class_name="native-select"),
        spacing="1", width="100%",
    )


def account_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT, t("Your account"), AccountState.loaded,
        rx.card(rx.vstack(rx.text(AccountState.name, weight="bold", size="4", id="account-name"),
                          rx.text(AccountState.email, size="2", color="var(--gray-11)", id="account-email"),
                          spacing="1"), width="100%"),
        rx.grid(
            _shortcut("package", N_("Orders"), rx.text(AccountState.orders, size="2",
                                                       color="var(--gray-11)"), routes.ACCOUNT_ORDERS,
                      "shortcut-orders"),
            _shortcut("heart", N_("Wishlist"), rx.text(AccountState.saved, size="2",
                                                       color="var(--gray-11)"), routes.ACCOUNT_WISHLIST,
                      "shortcut-wishlist"),
            _shortcut("message-circle", N_("Messages"),
                      rx.cond(AccountState.unread > 0,
                              rx.text(AccountState.unread, " ", t("unread"), size="2", color="var(--accent-11)",
                                      weight="medium"),
                              rx.text(t("Sellers and support"), size="2", color="var(--gray-11)")),
                      routes.ACCOUNT_MESSAGES, "shortcut-messages"),
            _shortcut("map-pin", N_("Addresses"), rx.text(t("Where we deliver"), size="2", color="var(--gray-11)"),
                      routes.ACCOUNT_ADDRESSES, "shortcut-addresses"),
            _shortcut("star", N_("Reviews"), rx.text(t("Rate what you bought"), size="2", color="var(--gray-11)"),
                      routes.ACCOUNT_REVIEWS, "shortcut-reviews"),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
        ),
        rx.card(
            rx.vstack(
                rx.heading(t("Preferences"), as_="h2", size="4"),
                rx.text(t("Saved on your account and used on every device you log in on."), size="2",
                        color="var(--gray-11)"),
                rx.grid(
                    _select(N_("Language"), "pref-language", LocaleState.lang, LocaleState.language_options,
                            LocaleState.set_language),
                    _select(N_("Currency"), "pref-currency", LocaleState.currency, LocaleState.currency_options,
                            LocaleState.set_currency),
                    _select(N_("Ship to"), "pref-ship-to", LocaleState.ship_to, LocaleState.country_options,
                            LocaleState.set_ship_to),
                    columns=rx.breakpoints(initial="1", sm="3"), spacing="3", width="100%",
                ),
                spacing="3", width="100%",
            ),
            width="100%",
        ),
    )

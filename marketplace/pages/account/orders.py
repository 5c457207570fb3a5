"""The shopper's orders, newest first: number, date, total in the order's currency, parcels and their
statuses. Each opens the order page."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.account import account_shell
from marketplace.orders import history
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


def _summary(lang: str, items: int, parcels: int) -> str:
    """ "3 items · 2 parcels", with the singular where it is one."""
    item_text = translate(lang, "1 item") if items == 1 else translate(lang, "%(count)s items", count=items)
    parcel_text = translate(lang, "1 parcel") if parcels == 1 else translate(lang, "%(count)s parcels",
                                                                            count=parcels)
    return f"{item_text} · {parcel_text}"


@dataclass(frozen=True)
class OrderRow:
    number: str = ""
    href: str = ""
    date: str = ""
    total: str = ""
    summary: str = ""  # "3 items · 2 parcels"
    statuses: str = ""


class OrdersState(rx.State):
    orders: list[OrderRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_ORDERS)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        rows = await run_service(history.my_orders, caller.user_id)
        self.orders = [OrderRow(
            number=o.number, href=routes.account_order(o.number), date=when(o.created_at, lang),
            total=formatting.format_money(o.total, locale),
            summary=_summary(lang, o.items, o.parcels),
            statuses=" · ".join(dict.fromkeys(translate(lang, history.STATUS_LABELS.get(s, s)) for s in o.statuses)),
        ) for o in rows]
        self.loaded = True
        return None


def _order(o: rx.Var) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.text(t("Order"), " ", o.number, weight="bold", size="3"),
                    rx.text(o.date, " · ", o.summary, size="2", color="var(--gray-11)"),
                    rx.badge(o.statuses, variant="soft", color_scheme="teal", size="2"),
                    spacing="1", align="start", min_width="0",
                ),
                rx.spacer(),
                rx.text(o.total, weight="bold", size="3", white_space="nowrap"),
                rx.icon("chevron-right", size=18, aria_hidden="true", color="var(--gray-10)", flex_shrink="0"),
                align="center", spacing="3", width="100%",
            ),
            width="100%",
        ),
        href=o.href, underline="none", color="var(--gray-12)", class_name="order-row touch-target",
        width="100%", aria_label=o.number,
    )


def orders_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_ORDERS, t("Your orders"), OrdersState.loaded,
        rx.cond(OrdersState.orders.length() == 0,
                notice("package", t("No orders yet"), t("When you order, each seller's parcel shows here with "
                                                        "its tracking."), N_("Start shopping")),
                rx.vstack(rx.foreach(OrdersState.orders, _order), spacing="3", width="100%", id="order-list")),
    )

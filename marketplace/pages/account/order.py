"""One of the shopper's orders: the receipt (goods, shipping, import duty, tax, fees, total in the order's
currency, as frozen at checkout) and one section per seller's parcel with its statuses, tracking and lines,
and a way to contact that seller. Another shopper's order number shows the same "not found" as an unknown
one: the loader asks the service for the caller's own order only."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.account import account_shell
from marketplace.orders import history
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.present.problems import problem_text
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


def _label(lang: str, labels: dict[str, str], status: str) -> str:
    return translate(lang, labels[status]) if status in labels else status.replace("_", " ").capitalize()


@dataclass(frozen=True)
class SummaryRow:
    label: str = ""
    amount: str = ""
    total: bool = False  # the bold total line


@dataclass(frozen=True)
class ShipmentView:
    carrier: str = ""
    tracking: str = ""
    status: str = ""
    date: str = ""


@dataclass(frozen=True)
class OrderLineView:
    name: str = ""
    total: str = ""
    detail: str = ""


@dataclass(frozen=True)
class OrderParcel:
    """One seller's part of the order: statuses, how import charges were paid, shipments and lines."""

    number: str = ""
    vendor: str = ""
    place: str = ""
    status: str = ""
    payment: str = ""
    fulfilment: str = ""
    total: str = ""
    duties: str = ""
    contact: str = ""
    lines: list[OrderLineView] = field(default_factory=list)
    shipments: list[ShipmentView] = field(default_factory=list)


class OrderState(rx.State):
    number: str = ""
    date: str = ""
    ship_to: str = ""
    breakdown: list[SummaryRow] = []
    parcels: list[OrderParcel] = []
    error: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        number = unquote(self.router.url.path.removeprefix("/account/orders/").strip("/"))[:40]
        caller, redirect = await shopper_or_login(self, routes.account_order(number) if number else routes.ACCOUNT)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        self.parcels, self.breakdown = [], []
        try:
            order = await run_service(history.my_order, caller.user_id, number)
        except DomainError as exc:
            self.error, self.number, self.loaded = problem_text(lang, exc), "", True
            return None
        money = lambda m: formatting.format_money(m, locale)  # noqa: E731
        self.error, self.number, self.date = "", order.number, when(order.created_at, lang)
        self.ship_to = f"{formatting.flag_emoji(order.ship_to_country)} " \
                       f"{formatting.country_name(order.ship_to_country, locale)}"
        rows = [(N_("Goods"), order.goods), (N_("Shipping"), order.shipping), (N_("Import duty"), order.duty),
                (N_("Taxes"), order.tax), (N_("Fees"), order.fees)]
        self.breakdown = [SummaryRow(label=translate(lang, label), amount=money(value))
                          for label, value in rows if value.minor or label in (N_("Goods"), N_("Shipping"))]
        self.breakdown.append(SummaryRow(label=translate(lang, "Total"), amount=money(order.total), total=True))
        self.parcels = [OrderParcel(
            number=vo.number, vendor=vo.vendor_name,
            place=f"{formatting.flag_emoji(vo.vendor_country)} {formatting.country_name(vo.vendor_country, locale)}",
            status=_label(lang, history.STATUS_LABELS, vo.status),
            payment=_label(lang, history.PAYMENT_LABELS, vo.payment_status),
            fulfilment=_label(lang, history.FULFILMENT_LABELS, vo.fulfilment_status),
            total=money(vo.total),
            duties=translate(lang, "Import duties and taxes paid at checkout") if vo.incoterm == "DDP"
            else translate(lang, "Import duties and taxes are paid to the carrier on delivery"),
            contact=f"{routes.ACCOUNT_MESSAGES}?order={vo.number}",
            lines=[OrderLineView(name=line.product_name, total=money(line.total),
                                 detail=" · ".join(part for part in (line.variant_label,
                                                                     f"{line.quantity} × {money(line.unit_price)}")
                                                   if part))
                   for line in vo.lines],
            shipments=[ShipmentView(carrier=f"{s.carrier} · {s.service}", tracking=s.tracking_number or "",
                                    status=_label(lang, history.SHIPMENT_LABELS, s.status),
                                    date=when(s.delivered_at or s.shipped_at, lang)) for s in vo.shipments],
        ) for vo in order.vendor_orders]
        self.loaded = True
        return None


def _receipt() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Summary"), as_="h2", size="4"),
            rx.foreach(OrderState.breakdown, lambda row: rx.hstack(
                rx.text(row.label, size="2", weight=rx.cond(row.total, "bold", "regular")),
                rx.spacer(),
                rx.text(row.amount, size="2", weight=rx.cond(row.total, "bold", "regular")),
                width="100%", class_name="fact-row")),
            spacing="2", width="100%",
        ),
        width="100%", id="order-breakdown",
    )


def _status(label: str, value: rx.Var) -> rx.Component:
    return rx.vstack(rx.text(t(label), size="1", color="var(--gray-11)"),
                     rx.text(value, size="2", weight="medium"), spacing="0")


def _parcel(p: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("package", size=20, color="var(--accent-11)", aria_hidden="true"),
                rx.vstack(rx.heading(p.vendor, as_="h2", size="3"),
                          rx.text(p.place, " · ", p.number, size="1", color="var(--gray-11)"), spacing="0"),
                rx.spacer(),
                rx.text(p.total, weight="bold", size="3", white_space="nowrap"),
                align="center", width="100%", spacing="3",
            ),
            rx.grid(_status(N_("Order"), p.status), _status(N_("Payment"), p.payment),
                    _status(N_("Delivery"), p.fulfilment), columns="3", spacing="3", width="100%"),
            rx.text(p.duties, size="1", color="var(--gray-11)"),
            rx.foreach(p.shipments, lambda s: rx.callout(
                rx.text(s.status, " · ", s.carrier, " · ", t("Tracking number"), ": ",
                        rx.el.span(s.tracking, class_name="tracking-number"),
                        rx.cond(s.date != "", " · " + s.date, "")),
                icon="truck", color_scheme="teal", size="1", width="100%")),
            rx.separator(size="4"),
            rx.foreach(p.lines, lambda line: rx.hstack(
                rx.vstack(rx.text(line.name, size="2", weight="medium"),
                          rx.text(line.detail, size="1", color="var(--gray-11)"), spacing="0", min_width="0"),
                rx.spacer(), rx.text(line.total, size="2", white_space="nowrap"),
                width="100%", align="center", class_name="order-line")),
            rx.link(rx.button(rx.icon("message-circle", size=16, aria_hidden="true"), t("Contact the seller"),
                              variant="soft", size="2", class_name="touch-target"),
                    href=p.contact, class_name="contact-seller"),
            spacing="3", width="100%",
        ),
        width="100%", class_name="parcel-card",
    )


def order_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_ORDERS, rx.cond(OrderState.number != "", t("Order") + " " + OrderState.number,
                                       t("Order")),
        OrderState.loaded,
        rx.cond(
            OrderState.error != "",
            notice("package-x", OrderState.error, t("Check the link, or find the order in your list."),
                   N_("Your orders"), routes.ACCOUNT_ORDERS),
            rx.vstack(
                rx.text(t("Placed on"), " ", OrderState.date, " · ", t("Ships to"), " ", OrderState.ship_to,
                        size="2", color="var(--gray-11)"),
                rx.grid(rx.vstack(rx.foreach(OrderState.parcels, _parcel), spacing="3", width="100%"),
                        _receipt(), columns=rx.breakpoints(initial="1", lg="2fr 1fr"), spacing="4", width="100%",
                        style={"gridTemplateColumns": rx.breakpoints(initial="minmax(0, 1fr)",
                                                                     lg="minmax(0, 2fr) minmax(0, 1fr)")}),
                spacing="3", width="100%",
            ),
        ),
    )

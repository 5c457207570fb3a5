"""One of the shopper's orders: the receipt (goods, shipping, import duty, tax, fees, total in the order's
currency, as frozen at checkout) and one section per seller's parcel with its statuses, tracking and lines,
and a way to contact that seller. Another shopper's order number shows the same "not found" as an unknown
one: the loader asks the service for the caller's own order only.

Each parcel shows its carrier, service, tracking number and a timeline of the carrier's events, newest first,
in the destination country's main time zone (``present/tracking.py`` says why), with the DAP charges due at
the door on the customs step. Every refund paid on a seller's part (a return, a cancellation, a refund by
staff) is listed with its amount and date. A vendor order not yet shipped offers "Request cancellation"
(``pages/account/order_cancel.py``), then shows the request and later the seller's answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.components.tracking_timeline import tracking_timeline
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.account import account_shell
from marketplace.orders import fulfilment_cancel, history
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.pages.account.order_cancel import cancel_section, cancel_status, parse_request
from marketplace.present.problems import problem_text
from marketplace.present.tracking import StepView, timeline
from marketplace.state.auth import current_caller
from marketplace.state.loading import market, run_service, run_write
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
    steps: list[StepView] = field(default_factory=list)


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
    returns: str = ""  # the return page, once delivered
    lines: list[OrderLineView] = field(default_factory=list)
    shipments: list[ShipmentView] = field(default_factory=list)
    id: str = ""  # the vendor order's id, for "Request cancellation" (the service checks it is the caller's)
    can_cancel: bool = False
    cancel_state: str = ""  # "" | requested | approved | declined
    cancel_text: str = ""  # the request or the seller's answer, in words
    refunds: list[str] = field(default_factory=list)  # "12,34 € · 2 Dec 2026" per refund paid on this part


class OrderState(rx.State):
    number: str = ""
    date: str = ""
    ship_to: str = ""
    breakdown: list[SummaryRow] = []
    parcels: list[OrderParcel] = []
    error: str = ""
    loaded: bool = False
    cancel_error: str = ""
    cancel_error_for: str = ""  # the vendor order id the cancellation error is about
    cancel_busy: bool = False

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
            returns=routes.account_order_return(vo.number) if vo.status == "delivered" else "",
            lines=[OrderLineView(name=line.product_name, total=money(line.total),
                                 detail=" · ".join(part for part in (line.variant_label,
                                                                     f"{line.quantity} × {money(line.unit_price)}")
                                                   if part))
                   for line in vo.lines],
            shipments=[ShipmentView(carrier=parcel_carrier(lang, s.carrier, s.service), tracking=s.tracking_number or "",
                                    status=_label(lang, history.SHIPMENT_LABELS, s.status),
                                    date=when(s.delivered_at or s.shipped_at, lang),
                                    steps=timeline(lang, s.events, order.ship_to_country, vo.on_delivery))
                       for s in vo.shipments],
            id=str(vo.id), can_cancel=vo.cancel.can_request, cancel_state=vo.cancel.state,
            cancel_text=cancel_status(lang, vo.cancel, locale),
            refunds=[f"{money(r.amount)} · {when(r.at, lang)}" for r in vo.refunds],
        ) for vo in order.vendor_orders]
        self.loaded = True
        return None

    @rx.event
    async def request_cancel(self, form: dict):
        """The shopper asks to cancel one of their vendor orders (``order_cancel.py`` has the contract)."""
        lang, _, _ = await market(self)
        caller = await current_caller(self)
        if caller is None:
            return rx.redirect(routes.login(routes.ACCOUNT_ORDERS))
        order = form.get("order") if isinstance(form, dict) else None
        self.cancel_error_for = order if isinstance(order, str) and len(order) <= 18 else ""
        order_id, text = parse_request(lang, form)
        if order_id is None:
            self.cancel_error = text
            return None
        self.cancel_busy = True
        try:
            await run_write(fulfilment_cancel.request_cancel, caller, order_id, text)
        except DomainError as exc:
            self.cancel_error = problem_text(lang, exc)
            return None
        finally:
            self.cancel_busy = False
        self.cancel_error, self.cancel_error_for = "", ""
        return [OrderState.load, rx.toast.success(translate(lang, N_("We asked the seller to cancel.")))]


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


def _shipment(s: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.callout(
            rx.text(s.status, " · ", s.carrier, " · ", t("Tracking number"), ": ",
                    rx.el.span(s.tracking, class_name="tracking-number"),
                    rx.cond(s.date != "", " · " + s.date, "")),
            icon="truck", color_scheme="teal", size="1", width="100%"),
        rx.cond(s.steps.length() > 0,
                tracking_timeline(s.steps, t("Tracking") + " " + s.tracking),
                rx.text(t("No scans from the carrier yet."), size="1", color="var(--gray-11)")),
        spacing="3", width="100%", class_name="parcel-tracking",
    )


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
            rx.cond(p.refunds.length() > 0, rx.callout(
                rx.vstack(rx.text(t("Refunded to your card"), weight="medium", size="2"),
                          rx.foreach(p.refunds, lambda r: rx.text(r, size="2", class_name="order-refund")),
                          spacing="1"),
                icon="undo-2", color_scheme="grass", high_contrast=True, size="1", width="100%",
                class_name="order-refunds")),
            rx.foreach(p.shipments, _shipment),
            cancel_section(p, OrderState.request_cancel, OrderState.cancel_error, OrderState.cancel_error_for,
                           OrderState.cancel_busy),
            rx.separator(size="4"),
            rx.foreach(p.lines, lambda line: rx.hstack(
                rx.vstack(rx.text(line.name, size="2", weight="medium"),
                          rx.text(line.detail, size="1", color="var(--gray-11)"), spacing="0", min_width="0"),
                rx.spacer(), rx.text(line.total, size="2", white_space="nowrap"),
                width="100%", align="center", class_name="order-line")),
            rx.link(rx.button(rx.icon("message-circle", size=16, aria_hidden="true"), t("Contact the seller"),
                              variant="soft", size="2", class_name="touch-target"),
                    href=p.contact, class_name="contact-seller"),
            rx.cond(p.returns != "", rx.link(t("Return or exchange items"), href=p.returns, size="2",
                                             class_name="return-items")),
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

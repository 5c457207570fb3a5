"""Send items of one seller's parcel back: choose lines, units, a reason and what you want (a refund, an
exchange or a repair); follow earlier requests (status, return label, refund). ``[number]`` is the seller's
part of the order (a vendor order number). Another shopper's number shows the same "not found" as an unknown
one: the loader asks the service for the caller's own order only, and every handler re-derives the caller."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.account import account_shell
from marketplace.orders import returns, returns_queries
from marketplace.orders.returns_status import ReturnKind, ReturnReason
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.present.problems import problem_text
from marketplace.present.returns import KIND_LABELS, REASON_LABELS, ReturnRow, summary_row
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

MAX_LINES = 100


@dataclass(frozen=True)
class Option:
    value: str = ""
    label: str = ""


@dataclass(frozen=True)
class ChoiceRow:
    id: str = ""
    name: str = ""
    detail: str = ""
    quantities: list[str] = field(default_factory=list)  # "0" .. returnable units
    returnable: bool = False
    quantity: str = "0"  # chosen units
    reason: str = ""  # chosen ReturnReason value


def _number_from(path: str) -> str:
    return unquote(path.removeprefix("/account/orders/").removesuffix("/").removesuffix("/return"))[:40]


class OrderReturnState(rx.State):
    order_number: str = ""
    vendor: str = ""
    window: str = ""
    closed: str = ""  # why no new request can be made ("" when one can)
    lines: list[ChoiceRow] = []
    requests: list[ReturnRow] = []
    kinds: list[Option] = []
    reasons: list[Option] = []
    kind: str = ReturnKind.RETURN
    error: str = ""
    form_error: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        number = _number_from(self.router.url.path)
        caller, redirect = await shopper_or_login(self, routes.account_order_return(number) if number
                                                  else routes.ACCOUNT_ORDERS)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            page = await run_service(returns_queries.shopper_return_page, caller, number)
        except DomainError as exc:
            self.error, self.order_number, self.lines, self.requests, self.loaded = \
                problem_text(lang, exc), "", [], [], True
            return None
        self.error, self.form_error, self.order_number, self.vendor = "", "", page.order_number, page.vendor_name
        self.window = translate(lang, "You can send items back until %(date)s (%(days)s days after delivery).",
                                date=when(page.window_ends, lang), days=page.window_days) if page.window_ends else ""
        self.closed = translate(lang, page.open_reason) if page.open_reason else ""
        self.lines = [ChoiceRow(
            id=str(line.order_line_id), name=line.name,
            detail=" · ".join(part for part in (line.variant, translate(lang, "%(count)s delivered", count=line.delivered),
                                                 formatting.format_money(line.unit_price, locale)) if part),
            quantities=[str(n) for n in range(line.returnable + 1)], returnable=line.returnable > 0)
            for line in page.lines[:MAX_LINES]]
        self.kinds = [Option(kind.value, translate(lang, KIND_LABELS[kind])) for kind in ReturnKind]
        self.reasons = [Option(reason.value, translate(lang, REASON_LABELS[reason])) for reason in ReturnReason]
        self.kind = ReturnKind.RETURN
        self.requests = [summary_row(lang, summary) for summary in page.requests]
        self.loaded = True
        return None

    @rx.event
    def set_kind(self, value: str):
        if isinstance(value, str) and value in set(ReturnKind):
            self.kind = value

    @rx.event
    def set_quantity(self, line_id: str, value: str):
        """Choose units of a loaded line (at most what it offers); anything else is ignored."""
        self.lines = [replace(row, quantity=value) if row.id == line_id and value in row.quantities else row
                      for row in self.lines]

    @rx.event
    def set_reason(self, line_id: str, value: str):
        if isinstance(value, str) and value in set(ReturnReason):
            self.lines = [replace(row, reason=value) if row.id == line_id else row for row in self.lines]

    @rx.event
    async def submit(self):
        """Ask for the return; the service re-checks ownership, window, quantities and reasons."""
        lang, _, _ = await market(self)
        caller, redirect = await shopper_or_login(self, routes.account_order_return(self.order_number))
        if caller is None:
            return redirect
        chosen = [{"order_line_id": int(row.id), "quantity": int(row.quantity), "reason": row.reason}
                  for row in self.lines[:MAX_LINES]
                  if row.id.isdigit() and row.quantity.isdigit() and len(row.id) <= 12 and len(row.quantity) <= 4]
        try:
            await run_write(returns.request_return, caller, self.order_number, self.kind, chosen)
        except DomainError as exc:
            self.form_error = problem_text(lang, exc)
            return None
        await self.load()
        return rx.toast.success(translate(lang, "Your request was sent to the seller."), position="top-center")

    @rx.event
    async def mark_sent(self, number: str):
        lang, _, _ = await market(self)
        caller, redirect = await shopper_or_login(self, routes.account_order_return(self.order_number))
        if caller is None:
            return redirect
        try:
            await run_write(returns.mark_sent, caller, number if isinstance(number, str) else None)
        except DomainError as exc:
            return rx.toast.error(problem_text(lang, exc), position="top-center")
        await self.load()
        return None


def _select(label: str, trigger: rx.Component, content: rx.Component, value: rx.Var, on_change) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.text(t(label), size="1", color="var(--gray-11)", aria_hidden="true"),
        rx.select.root(trigger, content, value=value, on_change=on_change, size="3"),
        spacing="1", width="100%", flex="1", min_width="0",
    )


def _choice(line: rx.Var) -> rx.Component:
    trigger = {"width": "100%", "min_height": "44px", "class_name": "touch-target"}
    return rx.box(
        rx.vstack(
            rx.text(line.name, size="2", weight="medium"),
            rx.text(line.detail, size="1", color="var(--gray-11)"),
            rx.cond(
                line.returnable,
                rx.flex(
                    _select(N_("Units to send back"),
                            rx.select.trigger(aria_label=t("Units to send back"), **trigger),
                            rx.select.content(rx.foreach(line.quantities, lambda q: rx.select.item(q, value=q))),
                            line.quantity, lambda value: OrderReturnState.set_quantity(line.id, value)),
                    _select(N_("Reason"),
                            rx.select.trigger(placeholder=t("Why are you sending it back?"),
                                              aria_label=t("Why are you sending it back?"), **trigger),
                            rx.select.content(rx.foreach(OrderReturnState.reasons,
                                                         lambda r: rx.select.item(r.label, value=r.value))),
                            line.reason, lambda value: OrderReturnState.set_reason(line.id, value)),
                    direction=rx.breakpoints(initial="column", sm="row"), gap="12px", width="100%"),
                rx.text(t("Already in a return"), size="1", color="var(--gray-11)"),
            ),
            spacing="2", width="100%",
        ),
        class_name="return-line", width="100%", padding="12px 0", border_bottom="1px solid var(--gray-4)",
    )


def _form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Send items back"), as_="h2", size="4"),
            rx.text(OrderReturnState.window, size="2", color="var(--gray-11)"),
            rx.cond(
                OrderReturnState.closed != "",
                rx.callout(OrderReturnState.closed, icon="info", color_scheme="gray", width="100%"),
                rx.vstack(
                    rx.foreach(OrderReturnState.lines, _choice),
                    rx.text(t("What would you like?"), size="2", weight="medium", as_="label",
                            html_for="return-kind"),
                    rx.radio_group.root(
                        rx.flex(rx.foreach(OrderReturnState.kinds, lambda k: rx.el.label(
                            rx.hstack(rx.radio_group.item(value=k.value), rx.text(k.label, size="2"),
                                      spacing="2", align="center"),
                            class_name="touch-target", style={"display": "flex", "alignItems": "center"})),
                            direction="column", gap="4px"),
                        value=OrderReturnState.kind, on_change=OrderReturnState.set_kind, id="return-kind",
                        aria_label=t("What would you like?")),
                    rx.cond(OrderReturnState.form_error != "",
                            rx.callout(OrderReturnState.form_error, icon="circle-alert", color_scheme="red",
                                       width="100%", role="alert", id="return-error")),
                    rx.button(t("Send request"), size="3", on_click=OrderReturnState.submit,
                              class_name="touch-target", id="return-submit", width=rx.breakpoints(initial="100%",
                                                                                                 sm="auto")),
                    spacing="3", width="100%",
                ),
            ),
            spacing="3", width="100%",
        ),
        width="100%",
    )


def _request(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(r.number, weight="bold", size="2"), rx.badge(r.status_label, color_scheme=r.color, high_contrast=True),
                      spacing="2", align="center", wrap="wrap"),
            rx.text(r.kind_label, " · ", t("Units"), ": ", r.units, " · ", r.date, size="1", color="var(--gray-11)"),
            rx.cond(r.decline_reason != "", rx.text(t("Reason"), ": ", r.decline_reason, size="2")),
            rx.cond(r.refund != "", rx.text(t("Refunded"), ": ", r.refund, size="2", weight="medium",
                                            class_name="return-refund")),
            rx.cond(r.tracking != "", rx.text(t("Tracking number"), ": ", r.tracking, size="1",
                                              color="var(--gray-11)")),
            rx.cond(r.outbound_tracking != "", rx.text(t("Sent to you"), ": ", r.outbound_tracking, size="1",
                                                       color="var(--gray-11)")),
            rx.flex(
                rx.cond(r.label_href != "", rx.link(rx.button(rx.icon("download", size=16, aria_hidden="true"),
                                                              t("Return label (PDF)"), variant="soft", size="2",
                                                              class_name="touch-target"),
                                                    href=r.label_href, is_external=True)),
                rx.cond(r.customs_href != "", rx.link(rx.button(t("Customs form (PDF)"), variant="soft", size="2",
                                                                class_name="touch-target"),
                                                      href=r.customs_href, is_external=True)),
                rx.cond(r.status == "approved",
                        rx.button(t("I have sent the parcel"), size="2", variant="outline", class_name="touch-target",
                                  on_click=OrderReturnState.mark_sent(r.number))),
                gap="8px", wrap="wrap",
            ),
            spacing="2", width="100%",
        ),
        width="100%", class_name="return-request",
    )


def order_return_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_ORDERS, rx.cond(OrderReturnState.order_number != "",
                                       t("Return or exchange") + " · " + OrderReturnState.order_number,
                                       t("Return or exchange")),
        OrderReturnState.loaded,
        rx.cond(
            OrderReturnState.error != "",
            notice("package-x", OrderReturnState.error, t("Check the link, or find the order in your list."),
                   N_("Your orders"), routes.ACCOUNT_ORDERS),
            rx.vstack(
                rx.text(t("Seller"), ": ", OrderReturnState.vendor, size="2", color="var(--gray-11)"),
                rx.cond(OrderReturnState.requests.length() > 0,
                        rx.vstack(rx.heading(t("Your requests"), as_="h2", size="4"),
                                  rx.foreach(OrderReturnState.requests, _request), spacing="3", width="100%",
                                  id="return-requests")),
                _form(),
                spacing="4", width="100%",
            ),
        ),
    )

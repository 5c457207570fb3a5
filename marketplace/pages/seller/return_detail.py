"""Seller portal: one return request and the seller's next step. Requested: approve (the return label is
bought and e-mailed to the shopper) or decline with a reason. Approved or on its way: mark received. Received:
refund (a return) or send the replacement / the repaired item (exchange, repair). Every handler re-derives the
seller from the server-side session and passes the number to the service, which checks it is this vendor's
(or staff); another vendor's number reads as "not found"."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.accounts import guards, seller_roles
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import formatting
from marketplace.core.db import get_engine
from marketplace.core.errors import DomainError
from marketplace.core.files import FileStore
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.integrations.payment_gateways import gateway_for
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.orders import returns, returns_queries
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.payments.gateway import GatewayError
from marketplace.present.problems import problem_text
from marketplace.present.returns import REASON_LABELS, ReturnRow, label, summary_row
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

MAX_REASON = 500


@dataclass(frozen=True)
class LineRow:
    name: str = ""
    detail: str = ""
    reason: str = ""
    note: str = ""


def _number_from(path: str) -> str:
    return unquote(path.removeprefix("/seller/returns/").strip("/"))[:32]


def _refund_notes(lang: str, detail: returns_queries.ReturnDetail) -> list[str]:
    country = formatting.country_name(detail.ship_to_country, format_locale(lang))
    shipping = (N_("The shopper is in the EU: the refund includes the returned items' share of the shipping.")
                if detail.eu_withdrawal
                else N_("The shopper is outside the EU: shipping is refunded only when the whole order comes back."))
    return [translate(lang, shipping), translate(lang, detail.duty_note.message, country=country)]


class SellerReturnState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    row: ReturnRow = ReturnRow()
    shopper: str = ""
    lines: list[LineRow] = []
    notes: list[str] = []
    decline_reason: str = ""
    busy: bool = False
    may_decide: bool = False  # the caller may approve, decline and refund (display only: the services check again)

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        number = _number_from(self.router.url.path)
        try:
            caller = await role_required(self, Role.SELLER)
            detail = await run_service(returns_queries.seller_return, caller, number)
        except DomainError as exc:
            self.allowed, self.loaded, self.lines, self.row = False, True, [], ReturnRow()
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.seller_return(number) if number else routes.SELLER_RETURNS)
        locale = format_locale(lang)
        self.allowed, self.denied, self.busy = True, "", False
        self.may_decide = guards.staff_can(caller, StaffCapability.REFUNDS) or seller_roles.can(caller.vendor_role, Capability.REFUNDS)
        self.row = summary_row(lang, detail.summary)
        self.shopper = f"{detail.shopper_name} · {formatting.flag_emoji(detail.ship_to_country)} " \
                       f"{formatting.country_name(detail.ship_to_country, locale)}"
        self.lines = [LineRow(name=line.name,
                              detail=" · ".join(part for part in (line.variant, f"{line.quantity} × "
                                                                  f"{formatting.format_money(line.unit_price, locale)}")
                                                if part),
                              reason=label(lang, REASON_LABELS, line.reason), note=line.note) for line in detail.lines]
        self.notes = _refund_notes(lang, detail) if detail.summary.kind == "return" else []
        self.loaded = True
        return None

    @rx.event
    def set_decline_reason(self, value: str):
        if isinstance(value, str):
            self.decline_reason = value[:MAX_REASON]

    async def _act(self, fn, *args, engine: bool = False, done: str = ""):  # noqa: ANN001, ANN202
        lang, _, _ = await market(self)
        number = self.row.number
        self.busy = True
        try:
            caller = await role_required(self, Role.SELLER)
            if engine:  # the refund runs its own transactions around the gateway call
                await asyncio.to_thread(fn, get_engine(), caller, number, gateway=gateway_for(get_settings().payments))
            else:
                await run_write(fn, caller, number, *args)
        except DomainError as exc:
            self.busy = False
            return rx.toast.error(problem_text(lang, exc), position="top-center")
        except GatewayError:  # the payment provider refused or is down: nothing was marked refunded
            self.busy = False
            return rx.toast.error(translate(lang, "The payment provider did not take the refund; try again later."),
                                  position="top-center")
        await self.load()
        return rx.toast.success(translate(lang, done), position="top-center") if done else None

    @rx.event
    async def approve(self):
        return await self._act(returns.approve, carrier_for(get_settings()), FileStore(),
                               done=N_("Approved: the return label was sent to the shopper."))

    @rx.event
    async def decline(self):
        return await self._act(returns.decline, self.decline_reason, done=N_("The return was declined."))

    @rx.event
    async def mark_received(self):
        return await self._act(returns.mark_received, done=N_("Marked as received."))

    @rx.event
    async def refund(self):
        return await self._act(returns.refund, engine=True, done=N_("Refunded."))

    @rx.event
    async def send_back(self):
        return await self._act(returns.send_back, carrier_for(get_settings()), FileStore(),
                               done=N_("Sent: the shopper was e-mailed the tracking number."))


def _fact(name: str, value: rx.Var) -> rx.Component:
    return rx.vstack(rx.text(t(name), size="1", color="var(--gray-11)"), rx.text(value, size="2", weight="medium"),
                     spacing="0", min_width="0")


def _line(line: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(line.name, size="2", weight="medium"),
        rx.text(line.detail, size="1", color="var(--gray-11)"),
        rx.text(t("Reason"), ": ", line.reason, rx.cond(line.note != "", " · " + line.note, ""), size="2"),
        spacing="1", width="100%", class_name="table-row",
    )


def _owner_decides() -> rx.Component:
    """In place of approving, declining or refunding for a role that may not (a packer)."""
    return rx.text(t("An owner or manager of the shop decides this."), size="2", color="var(--gray-11)",
                   class_name="owner-decides")


def _actions() -> rx.Component:
    row = SellerReturnState.row
    busy = SellerReturnState.busy
    return rx.card(
        rx.vstack(
            rx.heading(t("Next step"), as_="h2", size="4"),
            rx.match(
                row.status,
                ("requested", rx.cond(~SellerReturnState.may_decide, _owner_decides(), rx.vstack(
                    rx.button(rx.icon("printer", size=16, aria_hidden="true"), t("Approve and issue the return label"),
                              size="3", on_click=SellerReturnState.approve, loading=busy, class_name="touch-target",
                              id="return-approve"),
                    rx.text_area(placeholder=t("Why can't you accept this return?"), aria_label=t("Reason"),
                                 value=SellerReturnState.decline_reason, max_length=MAX_REASON,
                                 on_change=SellerReturnState.set_decline_reason, width="100%", id="decline-reason"),
                    rx.button(t("Decline"), variant="soft", color_scheme="red", on_click=SellerReturnState.decline,
                              disabled=SellerReturnState.decline_reason.strip() == "", loading=busy,
                              class_name="touch-target", id="return-decline"),
                    spacing="3", width="100%", align="start"))),
                ("approved", rx.button(t("Mark as received"), size="3", on_click=SellerReturnState.mark_received,
                                       loading=busy, class_name="touch-target", id="return-received")),
                ("in_transit", rx.button(t("Mark as received"), size="3", on_click=SellerReturnState.mark_received,
                                         loading=busy, class_name="touch-target", id="return-received")),
                ("received", rx.match(
                    row.kind,
                    ("return", rx.cond(~SellerReturnState.may_decide, _owner_decides(), rx.vstack(
                        rx.foreach(SellerReturnState.notes, lambda note: rx.text(note, size="2",
                                                                                 color="var(--gray-11)")),
                        rx.button(rx.icon("undo-2", size=16, aria_hidden="true"), t("Refund the returned items"),
                                  size="3", on_click=SellerReturnState.refund, loading=busy,
                                  class_name="touch-target", id="return-refund"),
                        spacing="3", align="start"))),
                    ("exchange", rx.button(t("Send the replacement"), size="3", on_click=SellerReturnState.send_back,
                                           loading=busy, class_name="touch-target", id="return-send-back")),
                    rx.button(t("Send the repaired item back"), size="3", on_click=SellerReturnState.send_back,
                              loading=busy, class_name="touch-target", id="return-send-back"))),
                rx.text(t("Nothing left to do."), size="2", color="var(--gray-11)"),
            ),
            spacing="3", width="100%",
        ),
        width="100%",
    )


def seller_return_page() -> rx.Component:
    row = SellerReturnState.row
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerReturnState.allowed, SellerReturnState.denied,
        SellerReturnState.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16, aria_hidden="true"), t("Returns"), spacing="1",
                              align="center"), href=routes.SELLER_RETURNS, size="2"),
            rx.hstack(rx.heading(row.number, as_="h1", size="6", id="return-title"),
                      rx.badge(row.status_label, color_scheme=row.color, high_contrast=True, size="2", id="return-status"),
                      spacing="3", align="center", wrap="wrap"),
            rx.grid(_fact(N_("Request"), row.kind_label), _fact(N_("Order"), row.order_number),
                    _fact(N_("Shopper"), SellerReturnState.shopper), _fact(N_("Requested on"), row.date),
                    columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%"),
            rx.grid(
                rx.vstack(
                    rx.heading(t("Items"), as_="h2", size="4"),
                    rx.vstack(rx.foreach(SellerReturnState.lines, _line), spacing="0", width="100%",
                              class_name="table-card"),
                    rx.cond(row.tracking != "", rx.text(t("Return parcel"), ": ", row.tracking, size="2")),
                    rx.flex(
                        rx.cond(row.label_href != "", rx.link(t("Return label (PDF)"), href=row.label_href,
                                                              is_external=True, size="2")),
                        rx.cond(row.customs_href != "", rx.link(t("Customs form (PDF)"), href=row.customs_href,
                                                                is_external=True, size="2")),
                        rx.cond(row.outbound_href != "", rx.link(t("Outbound label (PDF)"), href=row.outbound_href,
                                                                 is_external=True, size="2")),
                        gap="16px", wrap="wrap"),
                    rx.cond(row.refund != "", rx.text(t("Refunded"), ": ", row.refund, size="3", weight="bold",
                                                      id="return-refunded")),
                    rx.cond(row.decline_reason != "", rx.text(t("Declined"), ": ", row.decline_reason, size="2")),
                    spacing="3", width="100%",
                ),
                _actions(),
                columns=rx.breakpoints(initial="1", lg="2"), spacing="4", width="100%",
                style={"gridTemplateColumns": rx.breakpoints(initial="minmax(0, 1fr)",
                                                             lg="minmax(0, 3fr) minmax(0, 2fr)")},
            ),
            spacing="4", width="100%", align="start",
        ),
    )

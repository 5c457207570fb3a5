"""Payment-provider disputes for staff (/staff/disputes): newest first, 25 a page, filtered open (the vendors'
share is held), closed or all; each with its amount, the provider's status and reason, what the ledger did and
a link to the order. Finance and admins (``StaffCapability.DISPUTES``): the loader and every handler resolve
the caller on the server and ``orders.staff_orders.dispute_list`` checks the role and the filter again."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import staff_orders
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

STATE_LABELS = {"held": N_("Open: vendors' share held"), "released": N_("Closed: hold released"),
                "lost": N_("Closed: lost, vendors' share reversed")}
_COLOURS = {"held": "amber", "released": "grass", "lost": "red"}


@dataclass(frozen=True)
class DisputeView:
    reference: str = ""
    order: str = ""
    href: str = ""
    amount: str = ""
    status: str = ""
    reason: str = ""
    state: str = ""
    colour: str = "gray"
    opened: str = ""
    closed: str = ""


class StaffDisputesState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    which: str = "open"
    page: int = 1
    has_more: bool = False
    rows: list[DisputeView] = []

    async def _fill(self, which: str, page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            found = await run_service(staff_orders.dispute_list, caller, which, page)
        except DomainError as exc:
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_DISPUTES)
        self.which, self.page, self.has_more = which, found.page, found.has_more
        self.rows = [DisputeView(
            reference=d.external_id, order=d.order_number, href=routes.staff_order(d.order_number),
            amount=formatting.format_money(d.amount, locale), status=d.status.replace("_", " "),
            reason=d.reason.replace("_", " "), state=translate(lang, STATE_LABELS.get(d.state, d.state)),
            colour=_COLOURS.get(d.state, "gray"), opened=format_time(d.opened_at, lang),
            closed=format_time(d.closed_at, lang) if d.closed_at else "") for d in found.rows]
        self.allowed, self.denied, self.loaded = True, "", True
        return None

    @rx.event
    async def load(self):
        return await self._fill("open", 1)

    @rx.event
    async def show(self, which: str):
        """Open, closed or all ("") disputes; anything else changes nothing."""
        if not isinstance(which, str) or which not in staff_orders.DISPUTE_FILTERS:
            return None
        return await self._fill(which, 1)

    @rx.event
    async def next_page(self):
        if not self.has_more or self.which not in staff_orders.DISPUTE_FILTERS:
            return None
        page = self.page + 1 if isinstance(self.page, int) and 1 <= self.page < staff_orders.MAX_PAGE else 1
        return await self._fill(self.which, page)

    @rx.event
    async def previous_page(self):
        if self.which not in staff_orders.DISPUTE_FILTERS:
            return None
        page = self.page - 1 if isinstance(self.page, int) and 1 < self.page <= staff_orders.MAX_PAGE else 1
        return await self._fill(self.which, page)


def _filter_button(value: str, label: str) -> rx.Component:
    s = StaffDisputesState
    return rx.button(t(label), size="3", on_click=s.show(value), class_name="touch-target",
                     variant=rx.cond(s.which == value, "solid", "soft"), id=f"disputes-{value or 'all'}")


def _card(d: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(d.amount, size="3", weight="bold"), rx.spacer(),
                  rx.badge(d.state, color_scheme=d.colour, variant="soft", high_contrast=True),
                  width="100%", align="center", wrap="wrap"),
        rx.text(d.status, " · ", d.reason, size="2"),
        rx.link(t("Order"), " ", d.order, href=d.href, size="2", class_name="dispute-order"),
        rx.text(d.reference, " · ", d.opened, rx.cond(d.closed != "", " → " + d.closed, ""), size="1",
                color="var(--gray-11)", style={"overflow_wrap": "anywhere"}),
        spacing="1", width="100%", class_name="table-row dispute-card",
    )


def _row(d: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(d.opened, white_space="nowrap"),
        rx.table.cell(rx.link(d.order, href=d.href, class_name="dispute-order")),
        rx.table.cell(d.amount, white_space="nowrap"),
        rx.table.cell(d.reason), rx.table.cell(d.status),
        rx.table.cell(rx.badge(d.state, color_scheme=d.colour, variant="soft", high_contrast=True)),
        rx.table.cell(d.closed), rx.table.cell(d.reference),
        class_name="dispute-row",
    )


def staff_disputes_page() -> rx.Component:
    s = StaffDisputesState
    head = [N_("Opened"), N_("Order"), N_("Amount"), N_("Reason"), N_("Provider status"), N_("Ledger"),
            N_("Closed"), N_("Reference")]
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Disputes"), as_="h1", size="7", id="disputes-heading"),
            rx.text(t("Chargebacks and inquiries from the payment provider. While a dispute is open the vendors' "
                      "share of the order is held."), color="var(--gray-11)", size="2"),
            rx.flex(_filter_button("open", N_("Open")), _filter_button("closed", N_("Closed")),
                    _filter_button("", N_("All")), gap="8px", wrap="wrap"),
            rx.cond(s.rows.length() > 0,
                    rx.fragment(
                        rx.vstack(rx.foreach(s.rows, _card), spacing="0", width="100%", class_name="table-card",
                                  id="disputes-cards", display=rx.breakpoints(initial="flex", md="none")),
                        rx.box(rx.table.root(
                            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in head])),
                            rx.table.body(rx.foreach(s.rows, _row)), variant="surface", size="1", width="100%"),
                            width="100%", id="disputes-table", display=rx.breakpoints(initial="none", md="block"))),
                    rx.text(t("No disputes here."), size="2", id="disputes-empty")),
            rx.flex(
                rx.button(rx.icon("chevron-left", size=16, aria_hidden="true"), t("Newer"), size="3", variant="soft",
                          disabled=s.page <= 1, on_click=s.previous_page, class_name="touch-target"),
                rx.text(t("Page"), " ", s.page, size="2", color="var(--gray-11)"),
                rx.button(t("Older"), rx.icon("chevron-right", size=16, aria_hidden="true"), size="3",
                          variant="soft", disabled=~s.has_more, on_click=s.next_page, class_name="touch-target"),
                gap="12px", align="center", wrap="wrap",
            ),
            spacing="4", width="100%", align="start",
        ),
    )

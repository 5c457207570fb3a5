"""Seller orders list (/seller/orders): the caller's own vendor's paid orders, newest first, filtered by step
(to accept, to pack, to ship, shipped, delivered, canceled) and a search (order number, shopper's name,
destination country code, SKU). Shown orders can be selected for bulk print: two links download one PDF of
their labels and one of their customs documents (``api/seller_bulk_print.py``, which re-checks every number
against the caller's vendor). Cards on phones, a table on desktop. The loader and every handler re-derive the
vendor from the server-side session (``orders.seller_orders``)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.orders import bulk_print, seller_orders
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import STATUS_COLORS, STEP_LABELS, status_label
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


@dataclass(frozen=True)
class OrderRowView:
    number: str = ""
    href: str = ""
    date: str = ""
    country: str = ""
    units: str = ""
    total: str = ""
    status: str = ""
    status_color: str = "gray"
    cancel_requested: bool = False


class SellerOrdersState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    step: str = "all"
    page: int = 1
    has_more: bool = False
    orders: list[OrderRowView] = []
    steps: list[tuple[str, str]] = []  # (step, label in the caller's language)
    query: str = ""
    selected: list[str] = []  # order numbers chosen for bulk print (the print route re-checks each one)
    print_labels_href: str = ""
    print_customs_href: str = ""

    def _links(self) -> None:
        numbers = [n for n in self.selected if isinstance(n, str)][:bulk_print.MAX_ORDERS]
        self.print_labels_href = routes.seller_bulk_print("label", numbers) if numbers else ""
        self.print_customs_href = routes.seller_bulk_print("customs", numbers) if numbers else ""

    async def _fill(self, step: str, page: int, query: str | None = None):  # noqa: ANN202
        query = self._query() if query is None else query
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        self.steps = [(key, translate(lang, label)) for key, label in STEP_LABELS.items()]
        try:
            caller = await role_required(self, Role.SELLER)
            found = await run_service(seller_orders.seller_orders, caller, step, page, query)
        except DomainError as exc:
            self.allowed, self.loaded, self.orders = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_ORDERS)
        self.allowed, self.denied, self.step, self.page, self.has_more = True, "", found.step, found.page, found.has_more
        self.query = found.query
        self.orders = [OrderRowView(
            number=row.number, href=routes.seller_order(row.number),
            date=formatting.format_date(row.placed_at, locale),
            country=f"{formatting.flag_emoji(row.country)} {formatting.country_name(row.country, locale)}",
            units=formatting.format_number(row.items, locale), total=formatting.format_money(row.goods, locale),
            status=status_label(lang, row.status), status_color=STATUS_COLORS.get(row.status, "gray"),
            cancel_requested=row.cancel_requested,
        ) for row in found.rows]
        shown = {row.number for row in self.orders}
        self.selected = [n for n in self.selected if isinstance(n, str) and n in shown]
        self._links()
        self.loaded = True
        return None

    def _query(self) -> str:
        return self.query if isinstance(self.query, str) and len(self.query) <= seller_orders.MAX_QUERY else ""

    @rx.event
    async def load(self):
        self.selected = []
        return await self._fill("all", 1, "")

    @rx.event
    async def search(self, form_data: dict):
        """Search the caller's orders (number, shopper's name, destination country code, SKU; ≤ 100 characters)."""
        value = form_data.get("query", "") if isinstance(form_data, dict) else ""
        if not isinstance(value, str) or len(value) > seller_orders.MAX_QUERY:
            return None
        return await self._fill(self.step if self.step in seller_orders.STEPS else "all", 1, value.strip())

    @rx.event
    def toggle(self, number: str, checked: bool):
        """Select or unselect one shown order for bulk print."""
        shown = {row.number for row in self.orders}
        if not isinstance(number, str) or number not in shown or not isinstance(checked, bool):
            return
        rest = [n for n in self.selected if n != number and n in shown]
        self.selected = [*rest, number][:bulk_print.MAX_ORDERS] if checked else rest
        self._links()

    @rx.event
    def toggle_all(self, checked: bool):
        """Select every shown order (up to 50), or none."""
        if not isinstance(checked, bool):
            return
        self.selected = [row.number for row in self.orders][:bulk_print.MAX_ORDERS] if checked else []
        self._links()

    @rx.event
    async def choose_step(self, step: str):
        """Show one step's orders; an unknown step is refused by the service (nothing shown changes)."""
        if not isinstance(step, str) or step not in seller_orders.STEPS:
            return None
        return await self._fill(step, 1)

    @rx.event
    async def next_page(self):
        page = self.page + 1 if isinstance(self.page, int) and 1 <= self.page < 10_000 else 1
        return await self._fill(self.step if self.step in seller_orders.STEPS else "all", page)

    @rx.event
    async def first_page(self):
        return await self._fill(self.step if self.step in seller_orders.STEPS else "all", 1)


def _badge(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.badge(row.status, color_scheme=row.status_color, variant="soft", high_contrast=True),
        rx.cond(row.cancel_requested, rx.badge(rx.icon("circle-alert", size=12, aria_hidden="true"),
                                               t("Cancel requested"), color_scheme="red", variant="solid")),
        spacing="1", wrap="wrap",
    )


def _check(row: rx.Var) -> rx.Component:
    return rx.checkbox(checked=SellerOrdersState.selected.contains(row.number),
                       on_change=lambda checked: SellerOrdersState.toggle(row.number, checked),
                       aria_label=t("Select order") + " " + row.number, size="3", class_name="order-select")


def _card(row: rx.Var) -> rx.Component:
    return rx.hstack(_check(row), _card_link(row), align="start", spacing="3", width="100%",
                     class_name="table-row seller-order-item")


def _card_link(row: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(rx.text(row.number, weight="bold", size="3"), rx.spacer(),
                      rx.text(row.total, weight="bold", size="3", white_space="nowrap"), width="100%"),
            rx.hstack(rx.text(row.date, size="2", color="var(--gray-11)"), rx.text("·", color="var(--gray-9)"),
                      rx.text(row.country, size="2", color="var(--gray-11)"), spacing="2", wrap="wrap"),
            rx.hstack(_badge(row), rx.spacer(),
                      rx.text(t("Items"), ": ", row.units, size="2", color="var(--gray-11)"), width="100%",
                      align="center"),
            spacing="2", width="100%",
        ),
        href=row.href, underline="none", color="var(--gray-12)", width="100%", min_width="0",
        class_name="seller-order-card",
    )


def _table_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(_check(row)),
        rx.table.row_header_cell(rx.link(row.number, href=row.href, weight="medium")),
        rx.table.cell(row.date), rx.table.cell(row.country), rx.table.cell(row.units, text_align="right"),
        rx.table.cell(row.total, text_align="right", white_space="nowrap"), rx.table.cell(_badge(row)),
        class_name="seller-order-row",
    )


def _filters() -> rx.Component:
    return rx.hstack(
        rx.foreach(SellerOrdersState.steps, lambda step: rx.button(
            step[1], size="2", variant=rx.cond(SellerOrdersState.step == step[0], "solid", "soft"),
            color_scheme=rx.cond(SellerOrdersState.step == step[0], "teal", "gray"),
            on_click=SellerOrdersState.choose_step(step[0]), class_name="touch-target",
            aria_pressed=rx.cond(SellerOrdersState.step == step[0], "true", "false"))),
        spacing="2", wrap="wrap", id="order-steps", role="group", aria_label=t("Filter orders"),
    )


def _search() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(name="query", default_value=SellerOrdersState.query, type="search", max_length=100,
                     placeholder=t("Order, customer, country code or SKU"), aria_label=t("Search orders"),
                     id="order-search", size="3", min_width="0", flex="1"),
            rx.button(rx.icon("search", size=14, aria_hidden="true"), t("Search"), type="submit", size="2",
                      class_name="touch-target"),
            spacing="2", width="100%",
        ),
        on_submit=SellerOrdersState.search, reset_on_submit=False, width=rx.breakpoints(initial="100%", md="420px"),
    )


def _download(label: str, href: rx.Var, link_id: str) -> rx.Component:
    return rx.cond(
        href != "",
        rx.button(rx.el.a(rx.icon("printer", size=16, aria_hidden="true"), t(label), href=href, download="",
                          id=link_id, custom_attrs={"reloadDocument": True}),  # a file, not a page route
                  as_child=True, variant="soft", size="2"),
        rx.button(rx.icon("printer", size=16, aria_hidden="true"), t(label), variant="soft", size="2",
                  disabled=True),
    )


def _print_bar() -> rx.Component:
    s = SellerOrdersState
    return rx.flex(
        rx.hstack(
            rx.checkbox(t("Select all shown"),
                        checked=(s.selected.length() > 0) & (s.selected.length() == s.orders.length()),
                        on_change=s.toggle_all, size="2", class_name="order-select-all"),
            rx.text("·", color="var(--gray-9)", aria_hidden="true"),
            rx.text(s.selected.length(), " ", t("selected"), size="2", color="var(--gray-11)",
                    id="orders-selected-count"),
            spacing="3", align="center",
        ),
        rx.hstack(_download(N_("Print labels"), s.print_labels_href, "print-labels"),
                  _download(N_("Print customs documents"), s.print_customs_href, "print-customs"),
                  spacing="2", wrap="wrap"),
        spacing="3", wrap="wrap", align="center", justify="between", width="100%", id="order-print-bar",
    )


def seller_orders_page() -> rx.Component:
    head = [t(label) for label in (N_("Select"), N_("Order"), N_("Date"), N_("Ship to"), N_("Items"), N_("Total"),
                                   N_("Status"))]
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerOrdersState.allowed, SellerOrdersState.denied,
        SellerOrdersState.loaded,
        rx.vstack(
            rx.heading(t("Orders"), as_="h1", size="7"),
            _filters(),
            _search(),
            rx.cond(
                SellerOrdersState.orders.length() > 0,
                rx.fragment(
                    _print_bar(),
                    rx.text(t("Labels and customs documents are printed for the selected orders whose label is "
                              "bought."), size="1", color="var(--gray-11)"),
                    rx.vstack(rx.foreach(SellerOrdersState.orders, _card), spacing="0", width="100%",
                              class_name="table-card", id="seller-order-cards",
                              display=rx.breakpoints(initial="flex", md="none")),
                    rx.box(rx.table.root(
                        rx.table.header(rx.table.row(*[rx.table.column_header_cell(
                            h, text_align="right" if i in (4, 5) else "left") for i, h in enumerate(head)])),
                        rx.table.body(rx.foreach(SellerOrdersState.orders, _table_row)),
                        variant="surface", width="100%"), width="100%", id="seller-order-table",
                        display=rx.breakpoints(initial="none", md="block")),
                ),
                rx.callout(rx.cond(SellerOrdersState.query != "", t("No orders match this search."),
                                   t("No orders here yet. New paid orders appear under “To accept”.")), icon="inbox",
                           width="100%", id="seller-orders-empty"),
            ),
            rx.hstack(
                rx.cond(SellerOrdersState.page > 1,
                        rx.button(t("First page"), variant="soft", on_click=SellerOrdersState.first_page)),
                rx.cond(SellerOrdersState.has_more,
                        rx.button(t("More orders"), variant="soft", on_click=SellerOrdersState.next_page)),
                spacing="2",
            ),
            spacing="4", width="100%", align="start",
        ),
    )

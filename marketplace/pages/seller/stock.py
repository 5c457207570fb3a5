"""Seller stock (/seller/stock): the caller's own vendor's variants with stock, units held by open checkouts and
low-stock state; filters (all, low, sold out) and search; inline edit of one variant's stock and threshold;
bulk set or add for the selected variants with a note; each variant's history in a dialog. Cards on phones, a
table on desktop. The loader and every handler re-derive the vendor from the server-side session
(``vendors.stock_portal``), which re-checks that every variant id is the caller's own; ids, numbers and notes
from the browser are parsed and bounded here first."""

from __future__ import annotations

import re
from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS, parse_id
from marketplace.present import seller_stock as words
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import stock_portal

_WHOLE = re.compile(r"^[+\-\u2212]?\d{1,7}$")


def _whole(value: object) -> int | None:
    """A whole number typed into a field (``"12"``, ``"-3"``, ``"+3"``); None for anything else."""
    if not isinstance(value, str) or not _WHOLE.match(value.strip()):
        return None
    return int(value.strip().replace("\u2212", "-"))


def _field(form_data: object, name: str, limit: int = 200) -> str:
    value = form_data.get(name, "") if isinstance(form_data, dict) else ""
    return value[:limit] if isinstance(value, str) else ""


def _ids(value: object) -> list[int] | None:
    """Variant ids from a form (``"12,15"``, or one id); None when any is malformed or there are over 100."""
    parts = value.split(",") if isinstance(value, str) else [value]
    ids = [parse_id(part.strip() if isinstance(part, str) else part) for part in parts if part != ""]
    if not ids or None in ids or len(ids) > stock_portal.MAX_SELECTED:
        return None
    return ids  # type: ignore[return-value]


def _save_row(session, caller, variant_id, stock, threshold):  # noqa: ANN001, ANN202
    changed = stock_portal.edit_stock(session, caller, [variant_id], "set", stock, "")
    stock_portal.set_threshold(session, caller, variant_id, threshold)
    return changed


@dataclass(frozen=True)
class StockRowView:
    id: str = ""
    product: str = ""
    href: str = ""
    sku: str = ""
    options: str = ""
    stock: str = ""  # formatted
    stock_value: str = ""  # the plain number, for the field
    threshold: str = ""
    held: str = ""  # "" when nothing is held
    state: str = "ok"
    state_label: str = ""
    state_color: str = "grass"


@dataclass(frozen=True)
class HistoryView:
    at: str = ""
    reason: str = ""
    delta: str = ""
    negative: bool = False
    after: str = ""
    who: str = ""
    reference: str = ""


class SellerStockState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    show: str = "all"
    query: str = ""
    page: int = 1
    pages: int = 1
    total: str = ""
    low: str = "0"
    out: str = "0"
    rows: list[StockRowView] = []
    shows: list[tuple[str, str]] = []
    selected: list[str] = []
    error: str = ""
    history_open: bool = False
    history_title: str = ""
    history: list[HistoryView] = []

    async def _fill(self, show: str, query: str, page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        self.shows = [(key, translate(lang, label)) for key, label in words.SHOW_LABELS.items()]
        try:
            caller = await role_required(self, Role.SELLER)
            found = await run_service(stock_portal.stock_page, caller, show, query, page)
        except DomainError as exc:
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_STOCK)
        self.allowed, self.denied, self.show, self.query = True, "", show, query
        self.page, self.pages = found.page, found.pages
        self.total = translate(lang, N_("%(count)s variants"), count=formatting.format_number(found.total, locale))
        self.low, self.out = formatting.format_number(found.low, locale), formatting.format_number(found.out, locale)
        self.rows = [StockRowView(
            id=str(r.variant_id), product=r.product_name, href=routes.seller_product(r.product_id), sku=r.sku,
            options=words.options_text(r.options), stock=formatting.format_number(r.stock, locale),
            stock_value=str(r.stock), threshold=str(r.threshold),
            held=formatting.format_number(r.held, locale) if r.held else "",
            state=r.state, state_label=words.state_label(lang, r.state),
            state_color=words.STATE_COLORS.get(r.state, "gray"),
        ) for r in found.rows]
        shown = {row.id for row in self.rows}
        self.selected = [i for i in self.selected if isinstance(i, str) and i in shown]
        self.loaded = True
        return None

    def _current(self) -> tuple[str, str, int]:
        show = self.show if self.show in stock_portal.SHOWS else "all"
        query = self.query if isinstance(self.query, str) and len(self.query) <= 100 else ""
        page = self.page if isinstance(self.page, int) and 1 <= self.page <= 10_000 else 1
        return show, query, page

    @rx.event
    async def load(self):
        show = self.router.url.query_parameters.get("show", "all")
        self.selected, self.error, self.history_open = [], "", False
        return await self._fill(show if show in stock_portal.SHOWS else "all", "", 1)

    @rx.event
    async def choose_show(self, show: str):
        """All, low or sold-out variants; anything else changes nothing."""
        if not isinstance(show, str) or show not in stock_portal.SHOWS:
            return None
        return await self._fill(show, self._current()[1], 1)

    @rx.event
    async def search(self, form_data: dict):
        """Search product names and SKUs (at most 100 characters)."""
        return await self._fill(self._current()[0], _field(form_data, "query", 100).strip(), 1)

    @rx.event
    async def next_page(self):
        show, query, page = self._current()
        return await self._fill(show, query, min(page + 1, 10_000))

    @rx.event
    async def previous_page(self):
        show, query, page = self._current()
        return await self._fill(show, query, max(page - 1, 1))

    @rx.event
    def toggle(self, variant_id: str, checked: bool):
        """Select or unselect one shown variant (the service re-checks ownership on every edit)."""
        shown = {row.id for row in self.rows}
        if not isinstance(variant_id, str) or variant_id not in shown or not isinstance(checked, bool):
            return
        rest = [i for i in self.selected if i != variant_id and i in shown]
        self.selected = [*rest, variant_id] if checked else rest

    @rx.event
    def toggle_all(self, checked: bool):
        """Select every shown variant, or none."""
        if not isinstance(checked, bool):
            return
        self.selected = [row.id for row in self.rows][:stock_portal.MAX_SELECTED] if checked else []

    async def _write(self, fn, *args) -> str | None:  # noqa: ANN001
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            await run_write(fn, caller, *args)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None
        self.error = ""
        return lang

    @rx.event
    async def apply_bulk(self, form_data: dict):
        """Set or add one quantity for the variants the form names (``variant_ids``: the selected ids, comma
        separated), with an optional note; all or nothing, each id re-checked by the service."""
        lang, _, _ = await market(self)
        ids = _ids(form_data.get("variant_ids") if isinstance(form_data, dict) else None)
        mode, quantity = _field(form_data, "mode", 10), _whole(_field(form_data, "quantity", 12))
        if not ids:
            self.error = translate(lang, N_("Select the variants to change first."))
            return rx.toast.error(self.error, position="top-center")
        if quantity is None:
            self.error = translate(lang, N_("Enter a whole number."))
            return rx.toast.error(self.error, position="top-center")
        if await self._write(stock_portal.edit_stock, ids, mode, quantity, _field(form_data, "note", 200)) is None:
            return rx.toast.error(self.error, position="top-center")
        self.selected = []
        await self._fill(*self._current())
        return rx.toast.success(translate(lang, N_("Stock updated for %(count)s variants."), count=len(ids)),
                                position="top-center")

    @rx.event
    async def save_row(self, form_data: dict):
        """One variant's stock level and low-stock threshold, from its row."""
        lang, _, _ = await market(self)
        variant_id = parse_id(form_data.get("variant_id") if isinstance(form_data, dict) else None)
        stock, threshold = _whole(_field(form_data, "stock", 12)), _whole(_field(form_data, "threshold", 12))
        if variant_id is None or stock is None or threshold is None:
            self.error = translate(lang, N_("Enter a whole number."))
            return rx.toast.error(self.error, position="top-center")
        if await self._write(_save_row, variant_id, stock, threshold) is None:
            return rx.toast.error(self.error, position="top-center")
        await self._fill(*self._current())
        return rx.toast.success(translate(lang, N_("Saved.")), position="top-center")

    @rx.event
    async def open_history(self, variant_id: str):
        """The last changes of one of the caller's own variants."""
        lang, _, _ = await market(self)
        variant_id_int = parse_id(variant_id)
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_service(stock_portal.variant_history, caller, variant_id_int)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return rx.toast.error(self.error, position="top-center")
        locale = format_locale(lang)
        shown = next((row for row in self.rows if row.id == str(variant_id_int)), None)
        self.history_title = f"{shown.product} · {shown.sku}" if shown else ""
        self.history = [HistoryView(
            at=format_time(h.at, lang), reason=words.reason_label(lang, h.reason), delta=words.signed(h.delta, lang),
            negative=h.delta < 0, after=formatting.format_number(h.stock_after, locale),
            who=h.actor if h.actor is not None else translate(lang, N_("Meridian (automatic)")),
            reference=h.reference,
        ) for h in rows]
        self.history_open = True
        return None

    @rx.event
    def history_open_change(self, open_: bool):
        """The dialog closes; it only opens through ``open_history``."""
        if open_ is False:
            self.history_open = False


def _state_badge(row: rx.Var) -> rx.Component:
    return rx.badge(row.state_label, color_scheme=row.state_color, variant="soft", high_contrast=True)


def _check(row: rx.Var) -> rx.Component:
    return rx.checkbox(checked=SellerStockState.selected.contains(row.id),
                       on_change=lambda checked: SellerStockState.toggle(row.id, checked),
                       aria_label=t("Select") + " " + row.sku, size="3", class_name="stock-select")


def _row_form(row: rx.Var) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="variant_id", value=row.id),
        rx.hstack(
            rx.vstack(rx.text(t("Stock"), size="1", color="var(--gray-11)", as_="span"),
                      rx.input(name="stock", default_value=row.stock_value, type="number", min="0", step="1",
                               aria_label=t("Stock") + " " + row.sku, width="88px", size="2",
                               class_name="stock-input"),
                      spacing="1"),
            rx.vstack(rx.text(t("Alert at"), size="1", color="var(--gray-11)", as_="span"),
                      rx.input(name="threshold", default_value=row.threshold, type="number", min="0", step="1",
                               aria_label=t("Low-stock alert at") + " " + row.sku, width="72px", size="2",
                               class_name="threshold-input"),
                      spacing="1"),
            rx.button(t("Save"), type="submit", size="2", variant="soft", class_name="touch-target stock-save"),
            spacing="2", align="end", wrap="wrap",
        ),
        on_submit=SellerStockState.save_row, reset_on_submit=False, key=row.id + "-" + row.stock_value,
    )


def _history_button(row: rx.Var) -> rx.Component:
    return rx.button(rx.icon("history", size=14, aria_hidden="true"), t("History"), size="2", variant="ghost",
                     on_click=SellerStockState.open_history(row.id), class_name="touch-target stock-history",
                     aria_label=t("History") + " " + row.sku)


def _name(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.link(row.product, href=row.href, weight="medium", size="2", color="var(--gray-12)"),
        rx.text(row.sku, rx.cond(row.options != "", " · " + row.options, ""), size="1", color="var(--gray-11)"),
        spacing="0", align="start", min_width="0",
    )


def _held(row: rx.Var) -> rx.Component:
    return rx.cond(row.held != "", rx.text(row.held, " ", t("held in checkouts"), size="1", color="var(--gray-11)"))


def _card(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(_check(row), _name(row), rx.spacer(), _state_badge(row), width="100%", align="start", spacing="3"),
        _held(row),
        rx.hstack(_row_form(row), rx.spacer(), _history_button(row), width="100%", align="end", wrap="wrap"),
        spacing="2", width="100%", class_name="table-row stock-card", custom_attrs={"data-sku": row.sku},
    )


def _table_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(_check(row)),
        rx.table.row_header_cell(_name(row)),
        rx.table.cell(rx.vstack(_state_badge(row), _held(row), spacing="1", align="start")),
        rx.table.cell(_row_form(row)),
        rx.table.cell(_history_button(row)),
        class_name="stock-row", custom_attrs={"data-sku": row.sku},
    )


def _filters() -> rx.Component:
    s = SellerStockState
    return rx.flex(
        rx.hstack(
            rx.foreach(s.shows, lambda show: rx.button(
                show[1], size="2", variant=rx.cond(s.show == show[0], "solid", "soft"),
                color_scheme=rx.cond(s.show == show[0], "teal", "gray"), on_click=s.choose_show(show[0]),
                class_name="touch-target", aria_pressed=rx.cond(s.show == show[0], "true", "false"))),
            spacing="2", wrap="wrap", id="stock-filters", role="group", aria_label=t("Filter variants"),
        ),
        rx.form(
            rx.hstack(
                rx.input(name="query", default_value=s.query, placeholder=t("Product name or SKU"), max_length=100,
                         aria_label=t("Search variants"), type="search", id="stock-search", size="3",
                         min_width="0", flex="1"),
                rx.button(rx.icon("search", size=14, aria_hidden="true"), t("Search"), type="submit", size="2",
                          class_name="touch-target"),
                spacing="2", width="100%",
            ),
            on_submit=s.search, reset_on_submit=False, width=rx.breakpoints(initial="100%", md="340px"),
        ),
        spacing="3", wrap="wrap", justify="between", align="center", width="100%",
    )


def _bulk() -> rx.Component:
    s = SellerStockState
    return rx.card(
        rx.form(
            rx.el.input(type="hidden", name="variant_ids", value=s.selected.join(",")),
            rx.vstack(
                rx.hstack(
                    rx.checkbox(t("Select all shown"), checked=(s.selected.length() > 0)
                                & (s.selected.length() == s.rows.length()),
                                on_change=s.toggle_all, size="2", class_name="stock-select-all"),
                    rx.spacer(),
                    rx.text(s.selected.length(), " ", t("selected"), size="2", color="var(--gray-11)",
                            id="stock-selected-count"),
                    width="100%", align="center",
                ),
                rx.flex(
                    rx.el.label(
                        rx.text(t("Change"), size="1", color="var(--gray-11)"),
                        rx.el.select(rx.el.option(t("Set stock to"), value="set"),
                                     rx.el.option(t("Add (or remove with −)"), value="add"),
                                     name="mode", id="bulk-mode", class_name="touch-target",
                                     style={"padding": "8px 12px", "border_radius": "var(--radius-2)",
                                            "border": "1px solid var(--gray-7)",
                                            "background": "var(--color-panel-solid)", "color": "var(--gray-12)",
                                            "font_size": "14px"}),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"},
                    ),
                    rx.el.label(
                        rx.text(t("Quantity"), size="1", color="var(--gray-11)"),
                        rx.input(name="quantity", type="number", step="1", required=True, id="bulk-quantity",
                                 width="110px", size="3"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"},
                    ),
                    rx.el.label(
                        rx.text(t("Note (why)"), size="1", color="var(--gray-11)"),
                        rx.input(name="note", max_length=120, id="bulk-note", placeholder=t("e.g. Delivery from "
                                                                                          "the workshop"),
                                 size="3", width="100%"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px", "flex": "1",
                               "min_width": "200px"},
                    ),
                    rx.button(t("Apply to selected"), type="submit", size="3", id="bulk-apply",
                              disabled=s.selected.length() == 0),
                    spacing="3", wrap="wrap", align="end", width="100%",
                ),
                spacing="3", width="100%",
            ),
            on_submit=s.apply_bulk, reset_on_submit=True, width="100%",
        ),
        width="100%", id="stock-bulk",
    )


def _history_dialog() -> rx.Component:
    s = SellerStockState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Stock history")),
            rx.dialog.description(s.history_title, size="2", color="var(--gray-11)"),
            rx.cond(
                s.history.length() > 0,
                rx.vstack(rx.foreach(s.history, lambda h: rx.hstack(
                    rx.vstack(rx.text(h.reason, weight="medium", size="2"),
                              rx.text(h.at, " · ", h.who, size="1", color="var(--gray-11)"),
                              rx.cond(h.reference != "", rx.text(h.reference, size="1", color="var(--gray-11)")),
                              spacing="0", align="start", min_width="0", flex="1"),
                    rx.vstack(rx.text(h.delta, weight="bold", size="2",
                                      color=rx.cond(h.negative, "var(--red-11)", "var(--grass-11)")),
                              rx.text(t("now"), " ", h.after, size="1", color="var(--gray-11)"),
                              spacing="0", align="end"),
                    width="100%", class_name="table-row history-row")),
                    spacing="0", width="100%", class_name="table-card", id="stock-history-rows"),
                rx.text(t("No changes recorded yet."), size="2", color="var(--gray-11)"),
            ),
            rx.flex(rx.dialog.close(rx.button(t("Close"), variant="soft", size="3")), justify="end",
                    margin_top="16px"),
            max_width="560px", id="stock-history",
        ),
        open=s.history_open, on_open_change=s.history_open_change,
    )


def seller_stock_page() -> rx.Component:
    s = SellerStockState
    head = [N_("Select"), N_("Variant"), N_("Status"), N_("Stock and alert level"), N_("History")]
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Stock"), as_="h1", size="7"),
            rx.text(t("Stock is what is left for new orders: units in open checkouts are already taken off and "
                      "stay theirs. You get one e-mail when a sale takes a variant to its alert level."),
                    size="2", color="var(--gray-11)"),
            rx.grid(
                rx.card(rx.vstack(rx.text(t("Low stock"), size="1", color="var(--gray-11)"),
                                  rx.text(s.low, size="6", weight="bold", color="var(--amber-11)"), spacing="1"),
                        id="stock-low-count"),
                rx.card(rx.vstack(rx.text(t("Sold out"), size="1", color="var(--gray-11)"),
                                  rx.text(s.out, size="6", weight="bold", color="var(--red-11)"), spacing="1"),
                        id="stock-out-count"),
                columns="2", spacing="3", width=rx.breakpoints(initial="100%", md="420px"),
            ),
            _filters(),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", width="100%",
                                              id="stock-error", role="alert")),
            _bulk(),
            rx.text(s.total, size="2", color="var(--gray-11)", id="stock-total"),
            rx.cond(
                s.rows.length() > 0,
                rx.fragment(
                    rx.vstack(rx.foreach(s.rows, _card), spacing="0", width="100%", class_name="table-card",
                              id="stock-cards", display=rx.breakpoints(initial="flex", md="none")),
                    rx.box(rx.table.root(
                        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in head])),
                        rx.table.body(rx.foreach(s.rows, _table_row)), variant="surface", width="100%"),
                        width="100%", id="stock-table", display=rx.breakpoints(initial="none", md="block")),
                ),
                rx.callout(t("No variants match. Try another filter or search."), icon="inbox", width="100%",
                           id="stock-empty"),
            ),
            rx.hstack(
                rx.cond(s.page > 1, rx.button(t("Previous page"), variant="soft", on_click=s.previous_page)),
                rx.cond(s.page < s.pages, rx.button(t("Next page"), variant="soft", on_click=s.next_page)),
                spacing="2",
            ),
            _history_dialog(),
            spacing="4", width="100%", align="start",
        ),
    )

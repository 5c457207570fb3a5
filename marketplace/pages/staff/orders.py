"""Staff order search (/staff/orders): orders by number, shopper e-mail, vendor (name or id), destination
country, vendor-order status and a date range, newest first, 25 a page; cards on phones, a table on desktop;
each row opens /staff/orders/[number]. Support, finance and admins (``StaffCapability.ORDERS``): the loader and
every handler resolve the caller on the server, and every filter (also one a client set through ``setvar``) is
validated again by ``orders.staff_orders.parse_filter`` before a row is read."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import history, staff_orders
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

FIELDS = ("number", "email", "vendor", "country", "status", "date_from", "date_to")
_LIMITS = {"number": 24, "email": 254, "vendor": 120, "country": 2, "status": 20, "date_from": 10, "date_to": 10}
_STATUS_LABEL = N_("Status")
_ANY = "any"  # the status select's "every status" value (a select item cannot be empty)


def _load(session, caller, filters: dict[str, str], page: int):  # noqa: ANN001, ANN202
    flt = staff_orders.parse_filter(caller, **filters)
    return staff_orders.search_orders(session, caller, flt, page)


def _clean(form: object) -> dict[str, str] | None:
    """The filter strings of a submitted form, or None when the form is not a dict of bounded strings."""
    if not isinstance(form, dict):
        return None
    out = {}
    for key in FIELDS:
        value = form.get(key, "")
        if not isinstance(value, str) or len(value) > _LIMITS[key] + 40:
            return None
        out[key] = value.strip()
    if out["status"] == _ANY:
        out["status"] = ""
    return out


def status_label(lang: str, value: str) -> str:
    label = history.STATUS_LABELS.get(value)
    return translate(lang, label) if label else value.replace("_", " ")


def payment_label(lang: str, value: str) -> str:
    label = history.PAYMENT_LABELS.get(value)
    return translate(lang, label) if label else value.replace("_", " ")


@dataclass(frozen=True)
class OrderRowView:
    number: str = ""
    href: str = ""
    when: str = ""
    email: str = ""
    country: str = ""
    total: str = ""
    vendors: str = ""
    statuses: str = ""
    payments: str = ""


@dataclass(frozen=True)
class StatusOption:
    value: str = ""
    label: str = ""


class StaffOrdersState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    number: str = ""
    email: str = ""
    vendor: str = ""
    country: str = ""
    status: str = ""
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    has_more: bool = False
    rows: list[OrderRowView] = []
    statuses: list[StatusOption] = []

    def _filters(self) -> dict[str, str]:
        values = (self.number, self.email, self.vendor, self.country, self.status, self.date_from, self.date_to)
        return {key: v if isinstance(v, str) else "" for key, v in zip(FIELDS, values, strict=True)}

    async def _fill(self, filters: dict[str, str], page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        self.statuses = [StatusOption(value=_ANY, label=translate(lang, "Any status"))] + [
            StatusOption(value=s, label=status_label(lang, s)) for s in staff_orders.STATUSES]
        try:
            caller = await current_caller(self)
            found = await run_service(_load, caller, filters, page)
        except ValidationError as exc:
            self.allowed, self.loaded, self.denied = True, True, ""
            self.error = problem_text(lang, exc) + (f" ({translate(lang, _FIELD_NAMES[exc.field])})"
                                                    if exc.field in _FIELD_NAMES else "")
            return None
        except DomainError as exc:
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_ORDERS)
        self.allowed, self.denied, self.error = True, "", ""
        (self.number, self.email, self.vendor, self.country, self.status, self.date_from,
         self.date_to) = (filters[key] for key in FIELDS)
        self.page, self.has_more = found.page, found.has_more
        self.rows = [OrderRowView(
            number=r.number, href=routes.staff_order(r.number), when=format_time(r.created_at, lang),
            email=r.email,
            country=f"{formatting.flag_emoji(r.ship_to_country)} {formatting.country_name(r.ship_to_country, locale)}",
            total=formatting.format_money(r.total, locale), vendors=", ".join(r.vendors),
            statuses=", ".join(status_label(lang, s) for s in r.statuses),
            payments=", ".join(payment_label(lang, s) for s in r.payment_statuses),
        ) for r in found.rows]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        return await self._fill(dict.fromkeys(FIELDS, ""), 1)

    @rx.event
    async def apply(self, form: dict):
        """The submitted filters (``FIELDS``), validated on the server."""
        filters = _clean(form)
        if filters is None:
            return None
        return await self._fill(filters, 1)

    @rx.event
    async def clear(self):
        return await self._fill(dict.fromkeys(FIELDS, ""), 1)

    @rx.event
    async def next_page(self):
        if not self.has_more:
            return None
        page = self.page + 1 if isinstance(self.page, int) and 1 <= self.page < staff_orders.MAX_PAGE else 1
        return await self._fill(self._filters(), page)

    @rx.event
    async def previous_page(self):
        page = self.page - 1 if isinstance(self.page, int) and 1 < self.page <= staff_orders.MAX_PAGE else 1
        return await self._fill(self._filters(), page)


_FIELD_NAMES = {"number": N_("Order number"), "email": N_("Shopper e-mail"), "vendor": N_("Vendor"),
                "country": N_("Country"), "status": N_("Status"), "date_from": N_("From"), "date_to": N_("To")}


def _field(name: str, value: rx.Var, placeholder: str | rx.Var = "", kind: str = "text") -> rx.Component:
    return rx.el.label(
        rx.text(t(_FIELD_NAMES[name]), size="2", weight="medium"),
        rx.input(name=name, type=kind, default_value=value, key=value, placeholder=placeholder, size="3",
                 id=f"orders-{name}", max_length=_LIMITS[name], width="100%"),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"},
    )


def _status_field() -> rx.Component:
    s = StaffOrdersState
    label = t(_STATUS_LABEL)
    return rx.el.label(
        rx.text(label, size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(width="100%", id="orders-status", aria_label=label),
            rx.select.content(rx.foreach(s.statuses, lambda o: rx.select.item(o.label, value=o.value))),
            name="status", default_value=rx.cond(s.status == "", _ANY, s.status), key=s.status, size="3"),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"},
    )


def _filters_form() -> rx.Component:
    s = StaffOrdersState
    return rx.form(
        rx.grid(
            _field("number", s.number, "MRD-…"),
            _field("email", s.email, "name@example.com"),
            _field("vendor", s.vendor, t(N_("Name or id"))),
            _field("country", s.country, "DE"),
            _status_field(),
            _field("date_from", s.date_from, kind="date"),
            _field("date_to", s.date_to, kind="date"),
            columns=rx.breakpoints(initial="1", sm="2", lg="4"), spacing="3", width="100%",
        ),
        rx.flex(
            rx.button(rx.icon("search", size=16, aria_hidden="true"), t("Search"), type="submit", size="3",
                      id="orders-apply", class_name="touch-target"),
            rx.button(t("Clear filters"), type="button", size="3", variant="soft", color_scheme="gray",
                      on_click=s.clear, id="orders-clear", class_name="touch-target"),
            gap="8px", wrap="wrap", padding_top="12px",
        ),
        on_submit=s.apply, reset_on_submit=False, width="100%", id="orders-filters",
    )


def _card(r: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(rx.text(r.number, size="3", weight="bold", class_name="order-number"), rx.spacer(),
                      rx.text(r.total, size="3", weight="medium"), width="100%", align="center", wrap="wrap"),
            rx.text(r.email, size="2", style={"overflow_wrap": "anywhere"}),
            rx.text(r.country, " · ", r.vendors, size="2", color="var(--gray-11)"),
            rx.hstack(rx.badge(r.statuses, variant="soft"), rx.badge(r.payments, variant="soft", color_scheme="gray"),
                      wrap="wrap", spacing="2"),
            rx.text(r.when, size="1", color="var(--gray-11)"),
            spacing="1", width="100%",
        ),
        href=r.href, underline="none", color="inherit", class_name="table-row order-card", width="100%",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(r.number, href=r.href, weight="medium", class_name="order-link")),
        rx.table.cell(r.when, white_space="nowrap"),
        rx.table.cell(r.email, style={"overflow_wrap": "anywhere"}),
        rx.table.cell(r.country), rx.table.cell(r.vendors), rx.table.cell(r.statuses), rx.table.cell(r.payments),
        rx.table.cell(r.total, white_space="nowrap", text_align="right"),
        class_name="order-row",
    )


def _table() -> rx.Component:
    head = [N_("Order"), N_("Placed"), N_("Shopper"), N_("Ships to"), N_("Vendors"), N_("Status"), N_("Payment"),
            N_("Total")]
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in head])),
        rx.table.body(rx.foreach(StaffOrdersState.rows, _row)), variant="surface", size="1", width="100%"),
        width="100%", id="orders-table", display=rx.breakpoints(initial="none", md="block"))


def _pager() -> rx.Component:
    s = StaffOrdersState
    return rx.flex(
        rx.button(rx.icon("chevron-left", size=16, aria_hidden="true"), t("Newer"), size="3", variant="soft",
                  disabled=s.page <= 1, on_click=s.previous_page, id="orders-previous", class_name="touch-target"),
        rx.text(t("Page"), " ", s.page, size="2", color="var(--gray-11)"),
        rx.button(t("Older"), rx.icon("chevron-right", size=16, aria_hidden="true"), size="3", variant="soft",
                  disabled=~s.has_more, on_click=s.next_page, id="orders-next", class_name="touch-target"),
        gap="12px", align="center", wrap="wrap",
    )


def staff_orders_page() -> rx.Component:
    s = StaffOrdersState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Orders"), as_="h1", size="7", id="orders-heading"),
            rx.text(t("Find an order by number, shopper, vendor, destination, status or date. Newest first."),
                    color="var(--gray-11)", size="2"),
            _filters_form(),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert",
                                              id="orders-error", width="100%")),
            rx.cond(s.rows.length() > 0,
                    rx.fragment(
                        rx.vstack(rx.foreach(s.rows, _card), spacing="0", width="100%", class_name="table-card",
                                  id="orders-cards", display=rx.breakpoints(initial="flex", md="none")),
                        _table()),
                    rx.text(t("No orders match these filters."), size="2", id="orders-empty")),
            _pager(),
            spacing="4", width="100%", align="start",
        ),
    )

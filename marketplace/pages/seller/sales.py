"""Seller sales figures, live (/seller/sales): revenue in the vendor's currency, orders, units, average order
value, refunds, by day (chart + table), by destination (chart + table), top products and the views → cart →
orders funnel, over the last 7/30/90 days or a custom from–to range.

Contract: the loader and every handler re-derive the vendor from the server-side session
(``analytics.sales`` calls ``require_vendor``); a preset must be one of ``figures.PRESETS`` and a custom range
two ``YYYY-MM-DD`` dates checked by ``figures.custom_range`` (from <= to, at most ``MAX_DAYS`` days). Live:
``load`` chains ``watch``, a background event that, every :data:`POLL_S` seconds, re-checks the session, reads
the vendor's cheap change marker (``sales.change_marker``) and recomputes the figures only when it moved.
One watcher per tab (a heartbeat in the tab's state: a second start while the first is beating returns at
once); it stops when the tab's websocket is gone on every worker (``state.live.tab_connected``), when the page
unmounts (``stop_watch``), when the session no longer holds a seller, or after :data:`MAX_ROUNDS`. The state
is per tab and the marker lives in the database, so several backend workers with the Redis state manager
behave the same.
"""

from __future__ import annotations

import asyncio
import secrets
import time

import reflex as rx

from marketplace import routes
from marketplace.analytics import figures, sales
from marketplace.core import clock
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present import seller_sales as words
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.live import tab_connected
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

POLL_S = 3.0
MAX_ROUNDS = 6 * 60 * 60 // 3  # six hours of an open tab, then the page needs a reload to go on


class SellerSalesState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    preset: str = "30"
    start: str = ""
    end: str = ""
    range_error: str = ""
    live: bool = False
    updated: str = ""
    summary: words.Summary = words.Summary()
    chart_days: list[dict[str, str | int]] = []
    day_rows: list[words.Row] = []
    chart_countries: list[dict[str, str | int]] = []
    country_rows: list[words.Row] = []
    product_rows: list[words.Row] = []
    funnel: list[words.Step] = []
    presets: list[tuple[str, str]] = []
    _period: tuple[str, str] = ("", "")
    _marker: tuple[int, int] = (0, 0)
    _watch_id: str = ""
    _watch_beat: float = 0.0

    def _range(self) -> figures.DateRange:
        start, end = self._period
        if start and end:
            return figures.custom_range(start, end, clock.now().date())
        return figures.preset_range(30, clock.now().date())

    def _show(self, found: figures.SalesFigures, marker: tuple[int, int], lang: str) -> None:
        self.summary = words.summary(found, lang)
        self.chart_days, self.day_rows = words.day_points(found, lang), words.day_rows(found, lang)
        self.chart_countries, self.country_rows = words.country_points(found, lang), words.country_rows(found, lang)
        self.product_rows, self.funnel = words.product_rows(found, lang), words.funnel_steps(found.funnel, lang)
        self.start, self.end = found.range.start.isoformat(), found.range.end.isoformat()
        self._period, self._marker = (self.start, self.end), marker
        self.updated = clock.now().strftime("%H:%M:%S UTC")

    async def _fill(self, period: figures.DateRange):  # noqa: ANN202
        lang, _, _ = await market(self)
        self.presets = [(key, translate(lang, words.PRESET_LABELS[key])) for key in ("7", "30", "90")]
        try:
            caller = await role_required(self, Role.SELLER)
            marker = await run_service(sales.change_marker, caller)
            found = await run_service(sales.sales, caller, period)
        except DomainError as exc:
            self.allowed, self.loaded = False, True
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_SALES)
        self.allowed, self.denied, self.range_error = True, "", ""
        self._show(found, marker, lang)
        self.loaded = True
        return SellerSalesState.watch

    @rx.event
    async def load(self):
        self.preset, self._period = "30", ("", "")
        return await self._fill(figures.preset_range(30, clock.now().date()))

    @rx.event
    async def choose_preset(self, preset: str):
        """Last 7, 30 or 90 days; anything else is ignored."""
        if not isinstance(preset, str) or not preset.isdigit() or len(preset) > 3 or int(preset) not in figures.PRESETS:
            return None
        self.preset = preset
        return await self._fill(figures.preset_range(int(preset), clock.now().date()))

    @rx.event
    async def apply_range(self, form: dict):
        """A custom from–to range (``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}``), checked on the server."""
        lang, _, _ = await market(self)
        data = form if isinstance(form, dict) else {}
        try:
            period = figures.custom_range(data.get("start"), data.get("end"), clock.now().date())
        except DomainError as exc:
            self.range_error = problem_text(lang, exc)
            return None
        self.preset = "custom"
        return await self._fill(period)

    @rx.event
    def stop_watch(self):
        """The page unmounted: the watcher stops at its next round."""
        self._watch_id, self._watch_beat, self.live = "", 0.0, False

    async def _changed(self, caller, marker: tuple[int, int], period: figures.DateRange):  # noqa: ANN001, ANN202
        now_marker = await run_service(sales.change_marker, caller)
        if now_marker == marker:
            return None
        return now_marker, await run_service(sales.sales, caller, period)

    @rx.event(background=True)
    async def watch(self):
        """Poll the change marker every few seconds while this tab shows the page (see the module contract)."""
        me = secrets.token_hex(8)
        async with self:
            if not self.allowed or time.time() - self._watch_beat < 2 * POLL_S:
                return  # not a seller, or a watcher for this tab is alive
            self._watch_id, self._watch_beat, self.live = me, time.time(), True
        for _ in range(MAX_ROUNDS):
            await asyncio.sleep(POLL_S)
            if not await tab_connected(self):
                break
            async with self:
                if self._watch_id != me:
                    return
                self._watch_beat = time.time()
                marker, period = self._marker, self._range()
                lang, _, _ = await market(self)
            try:
                caller = await role_required(self, Role.SELLER)
                changed = await self._changed(caller, marker, period)
            except DomainError:
                break
            if changed is not None:
                async with self:
                    if self._watch_id == me and (self.start, self.end) == (period.start.isoformat(),
                                                                           period.end.isoformat()):
                        self._show(changed[1], changed[0], lang)
        async with self:
            if self._watch_id == me:
                self._watch_id, self._watch_beat, self.live = "", 0.0, False


def _stat(label: str, value: rx.Var, box_id: str) -> rx.Component:
    return rx.card(rx.vstack(rx.text(t(label), size="2", color="var(--gray-11)"),
                             rx.text(value, size="6", weight="bold"), spacing="1"), width="100%", id=box_id)


def _rows_table(head: list[str], rows: rx.Var, box_id: str, caption: str) -> rx.Component:
    return rx.box(rx.table.root(
        rx.el.caption(t(caption), style={"text_align": "left", "padding": "8px 12px", "color": "var(--gray-11)"}),
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h), text_align="left" if i == 0 else "right")
                                       for i, h in enumerate(head)])),
        rx.table.body(rx.foreach(rows, lambda r: rx.table.row(
            rx.table.row_header_cell(r.label), rx.table.cell(r.orders, text_align="right"),
            rx.table.cell(r.amount, text_align="right", white_space="nowrap"), class_name="sales-row"))),
        variant="surface", size="1", width="100%"), width="100%", overflow_x="auto", id=box_id)


def _chart(data: rx.Var, label: str, box_id: str, bar: bool) -> rx.Component:
    series = (rx.recharts.bar(data_key="revenue", fill="var(--teal-9)", is_animation_active=False) if bar else
              rx.recharts.area(data_key="revenue", stroke="var(--teal-10)", fill="var(--teal-4)",
                               is_animation_active=False))
    chart = (rx.recharts.bar_chart if bar else rx.recharts.area_chart)(
        series, rx.recharts.x_axis(data_key="label", tick={"fontSize": 11}),
        rx.recharts.y_axis(width=56, tick={"fontSize": 11}), rx.recharts.graphing_tooltip(),
        data=data, width="100%", height=220)
    return rx.box(chart, role="img", aria_label=t(label), width="100%", id=box_id)


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(rx.heading(t(title), as_="h2", size="5"), *children, spacing="3", width="100%", align="start")


def _range_picker() -> rx.Component:
    s = SellerSalesState
    return rx.vstack(
        rx.hstack(rx.foreach(s.presets, lambda p: rx.button(
            p[1], size="2", variant=rx.cond(s.preset == p[0], "solid", "soft"),
            color_scheme=rx.cond(s.preset == p[0], "teal", "gray"), class_name="touch-target",
            aria_pressed=rx.cond(s.preset == p[0], "true", "false"), on_click=s.choose_preset(p[0]))),
            spacing="2", wrap="wrap", role="group", aria_label=t("Date range"), id="sales-presets"),
        rx.form(rx.flex(
            rx.el.label(rx.text(t("From"), size="2"), rx.input(type="date", name="start", default_value=s.start,
                                                                 key=s.start, id="sales-start", size="3"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"}),
            rx.el.label(rx.text(t("To"), size="2"), rx.input(type="date", name="end", default_value=s.end,
                                                               key=s.end, id="sales-end", size="3"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"}),
            rx.button(t("Show"), type="submit", size="3", variant="soft", id="sales-apply"),
            spacing="3", wrap="wrap", align="end"), on_submit=s.apply_range, width="100%"),
        rx.cond(s.range_error != "", rx.callout(s.range_error, icon="triangle-alert", color_scheme="red",
                                                role="alert", id="sales-range-error", width="100%")),
        spacing="3", width="100%", align="start",
    )


def seller_sales_page() -> rx.Component:
    s, sm = SellerSalesState, SellerSalesState.summary
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.flex(
                rx.heading(t("Sales"), as_="h1", size="7"),
                rx.cond(s.live, rx.badge(rx.icon("radio", size=14, aria_hidden="true"), t("Live"), color_scheme="grass",
                                         variant="soft", high_contrast=True, id="sales-live"),
                        rx.badge(t("Paused"), color_scheme="gray", variant="soft", high_contrast=True)),
                justify="between", align="center", wrap="wrap", spacing="3", width="100%",
            ),
            rx.text(sm.range_text, " · ", t("Updated"), " ", s.updated, size="2", color="var(--gray-11)",
                    id="sales-range", aria_live="polite"),
            _range_picker(),
            rx.grid(
                _stat(N_("Revenue"), sm.revenue, "sales-revenue"), _stat(N_("Orders"), sm.orders, "sales-orders"),
                _stat(N_("Units"), sm.units, "sales-units"), _stat(N_("Average order"), sm.aov, "sales-aov"),
                columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%",
            ),
            rx.text(sm.currency_note, " ", t("Refunded"), ": ", sm.refunded, " · ", t("Canceled or refunded orders"),
                    ": ", sm.canceled, size="2", color="var(--gray-11)", id="sales-note"),
            _section(N_("Revenue per day"),
                     _chart(s.chart_days, N_("Revenue per day; the table below lists the same figures"),
                            "sales-days-chart", bar=False),
                     rx.cond(s.day_rows.length() > 0,
                             _rows_table([N_("Day"), N_("Orders"), N_("Revenue")], s.day_rows, "sales-days",
                                         N_("Days with orders")),
                             rx.text(t("No orders in this range yet."), size="2", color="var(--gray-11)",
                                     id="sales-empty"))),
            _section(N_("Destinations"),
                     rx.cond(s.country_rows.length() > 0, rx.fragment(
                         _chart(s.chart_countries, N_("Revenue by destination; the table below lists the same figures"),
                                "sales-countries-chart", bar=True),
                         _rows_table([N_("Country"), N_("Orders"), N_("Revenue")], s.country_rows, "sales-countries",
                                     N_("Revenue by destination"))),
                         rx.text(t("No orders in this range yet."), size="2", color="var(--gray-11)"))),
            _section(N_("Top products"),
                     rx.cond(s.product_rows.length() > 0,
                             _rows_table([N_("Product"), N_("Units"), N_("Revenue")], s.product_rows, "sales-products",
                                         N_("Best sellers by revenue")),
                             rx.text(t("No orders in this range yet."), size="2", color="var(--gray-11)"))),
            _section(N_("From views to orders"),
                     rx.grid(rx.foreach(s.funnel, lambda step: rx.card(rx.vstack(
                         rx.text(step.label, size="2", color="var(--gray-11)"),
                         rx.text(step.count, size="6", weight="bold"),
                         rx.text(step.rate, size="1", color="var(--gray-11)"), spacing="1"), width="100%")),
                         columns="3", spacing="3", width="100%", id="sales-funnel"),
                     rx.text(t("Repeat views by one visitor within half an hour count once."), size="1",
                             color="var(--gray-11)")),
            spacing="5", width="100%", align="start", on_unmount=s.stop_watch,
        ),
    )

"""Staff analytics, live (/staff/analytics): GMV in the platform currency at each order's frozen rate, orders,
average order value, refund rate, duty and tax collected; GMV per day and per market (charts + tables), GMV per
currency, top vendors and products, duty and tax per destination and regime, payouts due, the views → cart →
orders funnel, each table with its CSV; and a live sales monitor listing paid orders as they arrive.

Contract: the loader and every handler re-derive the caller from the server-side session and the services
check ``StaffCapability.ANALYTICS`` (finance and admins; ``analytics.platform_queries``). A preset must be one of
``figures.PRESETS`` and a custom range two ``YYYY-MM-DD`` dates checked by ``figures.custom_range``. Live:
``load`` chains ``watch``, a background event that every :data:`POLL_S` seconds re-checks the session, reads
the platform's cheap change marker (``platform_queries.change_marker``) and, only when it moved, refreshes the
monitor's feed first (one small query) and then the figures. One watcher per tab (a heartbeat in the tab's
state); it stops when the tab's websocket is gone on every worker (``state.live.tab_connected``, which asks
Redis's token manager when Redis is the state manager), when the page unmounts (``stop_watch``), when the
session no longer holds the capability, when a reload of the page starts a new one (``load`` hands over, so the
watcher runs where the tab's socket is now), or after :data:`MAX_ROUNDS`. State is per tab and the marker lives in
the database, so several backend workers behave the same.
"""

from __future__ import annotations

import asyncio
import secrets
import time

import reflex as rx

from marketplace import routes
from marketplace.analytics import figures, platform_queries
from marketplace.core import clock
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present import staff_analytics as words
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.live import tab_connected
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

POLL_S = 1.0  # the monitor shows a paid order within POLL_S plus one recompute of its arrival
MAX_ROUNDS = 6 * 60 * 60  # six hours of an open tab, then the page needs a reload to go on
TABLES = ("days", "markets", "currencies", "vendors", "products", "duties", "payouts", "funnel")


def _everything(session, caller, period: figures.DateRange):  # noqa: ANN001, ANN202
    """Marker, feed and figures read in one session (the marker first, so nothing is missed between)."""
    return (platform_queries.change_marker(session, caller), platform_queries.recent_orders(session, caller),
            platform_queries.platform_figures(session, caller, period))


def _feed(session, caller):  # noqa: ANN001, ANN202
    return platform_queries.change_marker(session, caller), platform_queries.recent_orders(session, caller)


class StaffAnalyticsState(rx.State):
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
    chart_markets: list[dict[str, str | int]] = []
    market_rows: list[words.Row] = []
    currency_rows: list[words.Row] = []
    vendor_rows: list[words.Row] = []
    product_rows: list[words.Row] = []
    duty_rows: list[words.Row] = []
    payout_rows: list[words.Row] = []
    funnel: list[words.Step] = []
    feed: list[words.FeedRow] = []
    csv_links: words.CsvLinks = words.CsvLinks()
    presets: list[tuple[str, str]] = []
    _period: tuple[str, str] = ("", "")
    _marker: tuple[int, int, int] = (0, 0, 0)
    _watch_id: str = ""
    _watch_beat: float = 0.0

    def _range(self) -> figures.DateRange:
        start, end = self._period
        if start and end:
            return figures.custom_range(start, end, clock.now().date())
        return figures.preset_range(30, clock.now().date())

    def _show(self, found, lang: str) -> None:  # noqa: ANN001
        self.summary = words.summary(found, lang)
        self.chart_days, self.day_rows = words.day_points(found, lang), words.day_rows(found, lang)
        self.chart_markets, self.market_rows = words.market_points(found, lang), words.market_rows(found, lang)
        self.currency_rows, self.vendor_rows = words.currency_rows(found, lang), words.vendor_rows(found, lang)
        self.product_rows, self.duty_rows = words.product_rows(found, lang), words.duty_rows(found, lang)
        self.payout_rows, self.funnel = words.payout_rows(found, lang), words.funnel(found.funnel, lang)
        self.start, self.end = found.range.start.isoformat(), found.range.end.isoformat()
        self._period = (self.start, self.end)
        self.csv_links = words.CsvLinks(**{table: routes.staff_analytics_csv(table, self.start, self.end)
                                           for table in TABLES})
        self.updated = clock.now().strftime("%H:%M:%S UTC")

    async def _fill(self, period: figures.DateRange):  # noqa: ANN202
        lang, _, _ = await market(self)
        self.presets = [(key, translate(lang, words.PRESET_LABELS[key])) for key in ("7", "30", "90")]
        try:
            caller = await role_required(self, Role.STAFF)
            marker, feed, found = await run_service(_everything, caller, period)
        except DomainError as exc:
            self.allowed, self.loaded = False, True
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_ANALYTICS)
        self.allowed, self.denied, self.range_error = True, "", ""
        self._marker, self.feed = marker, words.feed_rows(feed, lang)
        self._show(found, lang)
        self.loaded = True
        return StaffAnalyticsState.watch

    @rx.event
    async def load(self):
        # a (re)load hands the watch over to a new watcher, started on the worker that holds this tab's socket now
        # (after a reload it may be another worker, and only that one can push to the tab); the old one sees the
        # id change and returns at its next round
        self.preset, self._period, self._watch_id, self._watch_beat = "30", ("", ""), "", 0.0
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

    @rx.event(background=True)
    async def watch(self):
        """Poll the change marker every second while this tab shows the page (see the module contract)."""
        me = secrets.token_hex(8)
        async with self:
            if not self.allowed or time.time() - self._watch_beat < 2 * POLL_S + 1:
                return  # not allowed, or a watcher for this tab is alive
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
                caller = await role_required(self, Role.STAFF)
                now_marker, feed = await run_service(_feed, caller)
                if now_marker == marker:
                    continue
                async with self:  # the new order first: the figures follow a moment later
                    if self._watch_id != me:
                        return
                    self.feed, self._marker = words.feed_rows(feed, lang), now_marker
                found = await run_service(platform_queries.platform_figures, caller, period)
            except DomainError:
                break
            async with self:
                if self._watch_id == me and tuple(self._period) == (period.start.isoformat(), period.end.isoformat()):
                    self._show(found, lang)
        async with self:
            if self._watch_id == me:
                self._watch_id, self._watch_beat, self.live = "", 0.0, False


def _stat(label: str, value: rx.Var, box_id: str, note: rx.Var | None = None) -> rx.Component:
    return rx.card(rx.vstack(rx.text(t(label), size="2", color="var(--gray-11)"),
                             rx.text(value, size="6", weight="bold"),
                             *([rx.text(note, size="1", color="var(--gray-11)")] if note is not None else []),
                             spacing="1"), width="100%", id=box_id)


def _csv_link(table: str, label: str) -> rx.Component:
    return rx.button(rx.el.a(rx.icon("download", size=16, aria_hidden="true"), t(label),
                             href=getattr(StaffAnalyticsState.csv_links, table), download="", id=f"analytics-{table}-csv",
                             custom_attrs={"reloadDocument": True}),  # a file, not a page route
                     as_child=True, variant="soft", size="2", class_name="touch-target")


def _table(head: list[str], cells: list[str], rows: rx.Var, box_id: str, caption: str) -> rx.Component:
    """A table of :class:`words.Row`: ``cells`` names the row fields shown, in order, after ``label``."""
    return rx.box(rx.table.root(
        rx.el.caption(t(caption), style={"text_align": "left", "padding": "8px 12px", "color": "var(--gray-11)"}),
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h), text_align="left" if i == 0 else "right")
                                       for i, h in enumerate(head)])),
        rx.table.body(rx.foreach(rows, lambda r: rx.table.row(
            rx.table.row_header_cell(r.label),
            *[rx.table.cell(getattr(r, c), text_align="right", white_space="nowrap") for c in cells],
            class_name="analytics-row"))),
        variant="surface", size="1", width="100%"), width="100%", overflow_x="auto", id=box_id,
        class_name="scroll-region", tab_index=0, role="region", aria_label=t(caption))


def _chart(data: rx.Var, label: str, box_id: str, bar: bool) -> rx.Component:
    series = (rx.recharts.bar(data_key="gmv", fill="var(--teal-9)", is_animation_active=False) if bar else
              rx.recharts.area(data_key="gmv", stroke="var(--teal-10)", fill="var(--teal-4)",
                               is_animation_active=False))
    chart = (rx.recharts.bar_chart if bar else rx.recharts.area_chart)(
        series, rx.recharts.x_axis(data_key="label", tick={"fontSize": 11}),
        rx.recharts.y_axis(width=56, tick={"fontSize": 11}), rx.recharts.graphing_tooltip(),
        data=data, width="100%", height=220)
    return rx.box(chart, role="img", aria_label=t(label), width="100%", id=box_id)


def _section(title: str, table: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.flex(rx.heading(t(title), as_="h2", size="5"), _csv_link(table, N_("Download CSV")),
                justify="between", align="center", wrap="wrap", spacing="2", width="100%"),
        *children, spacing="3", width="100%", align="start")


def _empty() -> rx.Component:
    return rx.text(t("No orders in this range yet."), size="2", color="var(--gray-11)")


def _range_picker() -> rx.Component:
    s = StaffAnalyticsState
    return rx.vstack(
        rx.hstack(rx.foreach(s.presets, lambda p: rx.button(
            p[1], size="2", variant=rx.cond(s.preset == p[0], "solid", "soft"),
            color_scheme=rx.cond(s.preset == p[0], "teal", "gray"), class_name="touch-target",
            aria_pressed=rx.cond(s.preset == p[0], "true", "false"), on_click=s.choose_preset(p[0]))),
            spacing="2", wrap="wrap", role="group", aria_label=t("Date range"), id="analytics-presets"),
        rx.form(rx.flex(
            rx.el.label(rx.text(t("From"), size="2"), rx.input(type="date", name="start", default_value=s.start,
                                                                 key=s.start, id="analytics-start", size="3"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"}),
            rx.el.label(rx.text(t("To"), size="2"), rx.input(type="date", name="end", default_value=s.end,
                                                               key=s.end, id="analytics-end", size="3"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px"}),
            rx.button(t("Show"), type="submit", size="3", variant="soft", id="analytics-apply"),
            spacing="3", wrap="wrap", align="end"), on_submit=s.apply_range, width="100%"),
        rx.cond(s.range_error != "", rx.callout(s.range_error, icon="triangle-alert", color_scheme="red",
                                                role="alert", id="analytics-range-error", width="100%")),
        spacing="3", width="100%", align="start",
    )


def _feed_row(row: rx.Var) -> rx.Component:
    return rx.flex(
        rx.vstack(rx.text(row.number, weight="bold", size="2", class_name="feed-number"),
                  rx.text(row.vendor, " · ", row.country, size="1", color="var(--gray-11)"), spacing="0",
                  min_width="0"),
        rx.vstack(rx.text(row.gmv, size="2", weight="medium", white_space="nowrap"),
                  rx.text(row.detail, size="1", color="var(--gray-11)", white_space="nowrap"), spacing="0", align="end"),
        justify="between", align="center", gap="12px", width="100%", class_name="table-row feed-row",
    )


def _monitor() -> rx.Component:
    s = StaffAnalyticsState
    return rx.card(rx.vstack(
        rx.flex(rx.heading(t("Live sales"), as_="h2", size="5"),
                rx.cond(s.live, rx.badge(rx.icon("radio", size=14, aria_hidden="true"), t("Live"),
                                         color_scheme="grass", variant="soft", high_contrast=True, id="analytics-live"),
                        rx.badge(t("Paused"), color_scheme="gray", variant="soft", high_contrast=True)),
                justify="between", align="center", width="100%"),
        rx.text(t("Paid orders appear here as they arrive."), size="2", color="var(--gray-11)"),
        rx.cond(s.feed.length() > 0,
                rx.vstack(rx.foreach(s.feed, _feed_row), spacing="0", width="100%", class_name="table-card"),
                rx.text(t("No paid orders yet."), size="2", color="var(--gray-11)")),
        spacing="3", width="100%", align="start"), width="100%", id="analytics-feed", aria_live="polite")


def staff_analytics_page() -> rx.Component:
    s, sm = StaffAnalyticsState, StaffAnalyticsState.summary
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Analytics"), as_="h1", size="7", id="analytics-heading"),
            rx.text(sm.range_text, " · ", t("Updated"), " ", s.updated, size="2", color="var(--gray-11)",
                    id="analytics-range"),
            _range_picker(),
            rx.grid(
                _stat(N_("Gross merchandise value"), sm.gmv, "analytics-gmv"),
                _stat(N_("Orders"), sm.orders, "analytics-orders"),
                _stat(N_("Average order"), sm.aov, "analytics-aov"),
                _stat(N_("Refund rate"), sm.refund_rate, "analytics-refund-rate", sm.refunded),
                _stat(N_("Refunded orders"), sm.refund_order_rate, "analytics-refund-orders"),
                _stat(N_("Import duty collected"), sm.duty, "analytics-duty"),
                _stat(N_("Import tax collected"), sm.tax, "analytics-tax"),
                columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%",
            ),
            rx.text(sm.currency_note, size="2", color="var(--gray-11)", id="analytics-note"),
            rx.cond(sm.unconverted_note != "", rx.callout(sm.unconverted_note, icon="info", color_scheme="amber",
                                                          id="analytics-unconverted", width="100%")),
            _monitor(),
            _section(N_("GMV per day"), "days",
                     _chart(s.chart_days, N_("GMV per day; the table below lists the same figures"),
                            "analytics-days-chart", bar=False),
                     rx.cond(s.day_rows.length() > 0,
                             _table([N_("Day"), N_("Orders"), N_("GMV")], ["count", "amount"], s.day_rows,
                                    "analytics-days", N_("Days with orders")), _empty())),
            _section(N_("Markets"), "markets",
                     rx.cond(s.market_rows.length() > 0, rx.fragment(
                         _chart(s.chart_markets, N_("GMV by market; the table below lists the same figures"),
                                "analytics-markets-chart", bar=True),
                         _table([N_("Destination"), N_("Orders"), N_("GMV"), N_("Share of GMV")], ["count", "amount", "extra"],
                                s.market_rows, "analytics-markets", N_("GMV by destination"))), _empty())),
            _section(N_("Currencies"), "currencies",
                     rx.cond(s.currency_rows.length() > 0,
                             _table([N_("Currency"), N_("Charged"), N_("Orders"), N_("GMV")], ["sub", "count", "amount"],
                                    s.currency_rows, "analytics-currencies",
                                    N_("GMV by the currency shoppers paid in")), _empty())),
            _section(N_("Top vendors"), "vendors",
                     rx.cond(s.vendor_rows.length() > 0,
                             _table([N_("Vendor"), N_("Orders"), N_("GMV")], ["count", "amount"], s.vendor_rows,
                                    "analytics-vendors", N_("Vendors by GMV")), _empty())),
            _section(N_("Top products"), "products",
                     rx.cond(s.product_rows.length() > 0,
                             _table([N_("Product"), N_("Vendor"), N_("Units"), N_("Goods")], ["sub", "count", "amount"],
                                    s.product_rows, "analytics-products", N_("Best sellers by goods value")),
                             _empty())),
            _section(N_("Duty and tax collected"), "duties",
                     rx.cond(s.duty_rows.length() > 0,
                             _table([N_("Destination"), N_("Regime"), N_("Orders"), N_("Duty"), N_("Tax")],
                                    ["sub", "count", "amount", "extra"], s.duty_rows, "analytics-duties",
                                    N_("Per destination and import regime")),
                             rx.text(t("No duty or tax collected in this range."), size="2", color="var(--gray-11)"))),
            _section(N_("Payouts due"), "payouts",
                     rx.cond(s.payout_rows.length() > 0,
                             _table([N_("Currency"), N_("Vendors"), N_("Available"), N_("Pending")],
                                    ["count", "amount", "extra"], s.payout_rows, "analytics-payouts",
                                    N_("Vendor balances in the currency they are paid in")),
                             rx.text(t("No vendor balances are due."), size="2", color="var(--gray-11)"))),
            _section(N_("From views to orders"), "funnel",
                     rx.grid(rx.foreach(s.funnel, lambda step: rx.card(rx.vstack(
                         rx.text(step.label, size="2", color="var(--gray-11)"),
                         rx.text(step.count, size="6", weight="bold"),
                         rx.text(step.rate, size="1", color="var(--gray-11)"), spacing="1"), width="100%")),
                         columns="3", spacing="3", width="100%", id="analytics-funnel"),
                     rx.text(t("Repeat views by one visitor within half an hour count once."), size="1",
                             color="var(--gray-11)")),
            spacing="5", width="100%", align="start", on_unmount=s.stop_watch,
        ),
    )

"""Seller money (/seller/money): the caller's own vendor's balances (available, pending, debt) with the payout
hold explained, the commission rate, the ledger (filter by kind and month, 50 a page, newest first), the latest
payouts, and a link to the month's statement CSV. Cards on phones, tables on desktop. The loader and every
handler re-derive the vendor from the server-side session (``vendors.money``) and accept only the fixed kinds,
``YYYY-MM`` months of the month list and bounded pages."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import clock, formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present import seller_money as words
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import money


def _load(session, caller, kind, month, page):  # noqa: ANN001, ANN202
    return (money.money_summary(session, caller), money.ledger_page(session, caller, kind, month, page),
            money.payouts(session, caller))


def _month_keys() -> set[str]:
    """The months a filter may name: "" (all) and the month list's ``YYYY-MM`` keys."""
    return {key for key, _ in words.month_choices("en", clock.now())}


@dataclass(frozen=True)
class SummaryView:
    available: str = ""
    pending: str = ""
    debt: str = ""
    has_debt: bool = False
    hold: str = ""
    next_money: str = ""
    commission: str = ""


@dataclass(frozen=True)
class EntryView:
    date: str = ""
    kind: str = ""
    number: str = ""
    href: str = ""
    memo: str = ""
    amount: str = ""
    negative: bool = False


@dataclass(frozen=True)
class PayoutView:
    date: str = ""
    amount: str = ""
    status: str = ""
    color: str = "gray"
    reference: str = ""


class SellerMoneyState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    kind: str = "all"
    month: str = ""
    page: int = 1
    has_more: bool = False
    summary: SummaryView = SummaryView()
    entries: list[EntryView] = []
    payouts: list[PayoutView] = []
    kinds: list[tuple[str, str]] = []  # (kind, label in the caller's language)
    months: list[tuple[str, str]] = []  # ("" | YYYY-MM, label)
    statement_href: str = ""

    async def _fill(self, kind: str, month: str, page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        now = clock.now()
        self.kinds = [(key, words.kind_label(lang, key)) for key in money.KINDS]
        self.months = words.month_choices(lang, now)
        try:
            caller = await role_required(self, Role.SELLER)
            summary, found, payouts = await run_service(_load, caller, kind, month, page)
        except DomainError as exc:
            self.allowed, self.loaded, self.entries, self.payouts = False, True, [], []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_MONEY)
        b = summary.balances
        self.summary = SummaryView(
            available=formatting.format_money(b.available, locale), pending=formatting.format_money(b.pending, locale),
            debt=formatting.format_money(b.debt, locale), has_debt=b.debt.minor > 0,
            hold=words.hold_line(lang, summary.hold_days),
            next_money=translate(lang, N_("Next: %(amount)s on %(date)s."),
                                 amount=formatting.format_money(summary.next_available, locale),
                                 date=formatting.format_date(summary.next_available_at, locale))
            if summary.next_available_at else "",
            commission=words.percent(summary.commission_bps, locale),
        )
        self.allowed, self.denied = True, ""
        self.kind, self.month, self.page, self.has_more = found.kind, found.month, found.page, found.has_more
        self.entries = [EntryView(
            date=formatting.format_date(row.at, locale), kind=words.kind_label(lang, row.kind),
            number=row.order_number, href=routes.seller_order(row.order_number) if row.order_number else "",
            memo=row.memo, amount=formatting.format_money(row.amount, locale), negative=row.amount.minor < 0,
        ) for row in found.rows]
        self.payouts = [PayoutView(
            date=formatting.format_date(p.at, locale), amount=formatting.format_money(p.amount, locale),
            status=words.payout_label(lang, p.status), color=words.PAYOUT_COLORS.get(p.status, "gray"),
            reference=p.reference,
        ) for p in payouts]
        self.statement_href = routes.seller_statement(found.month or f"{now.year:04d}-{now.month:02d}")
        self.loaded = True
        return None

    def _filters(self) -> tuple[str, str]:
        kind = self.kind if isinstance(self.kind, str) and self.kind in money.KINDS else "all"
        month = self.month if isinstance(self.month, str) and self.month in _month_keys() else ""
        return kind, month

    @rx.event
    async def load(self):
        return await self._fill("all", "", 1)

    @rx.event
    async def choose_kind(self, kind: str):
        """Show one kind of entry; anything outside the fixed kinds is ignored."""
        if not isinstance(kind, str) or kind not in money.KINDS:
            return None
        return await self._fill(kind, self._filters()[1], 1)

    @rx.event
    async def choose_month(self, month: str):
        """Show one month (``YYYY-MM`` from the month list, or ``""`` for all); anything else is ignored."""
        if not isinstance(month, str) or month not in _month_keys():
            return None
        return await self._fill(self._filters()[0], month, 1)

    @rx.event
    async def next_page(self):
        page = self.page + 1 if isinstance(self.page, int) and 1 <= self.page < money.MAX_PAGE else 1
        return await self._fill(*self._filters(), page)

    @rx.event
    async def first_page(self):
        return await self._fill(*self._filters(), 1)


def _stat(label: str, value: rx.Var, box_id: str, color: str = "var(--gray-12)") -> rx.Component:
    return rx.card(rx.vstack(rx.text(t(label), size="2", color="var(--gray-11)"),
                             rx.text(value, size="6", weight="bold", color=color), spacing="1"),
                   width="100%", id=box_id)


def _amount(row: rx.Var) -> rx.Component:
    return rx.text(row.amount, weight="bold", white_space="nowrap",
                   color=rx.cond(row.negative, "var(--red-11)", "var(--grass-11)"))


def _order_link(row: rx.Var) -> rx.Component:
    return rx.cond(row.href != "", rx.link(row.number, href=row.href), rx.text("—", color="var(--gray-11)"))


def _entry_card(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.badge(row.kind, variant="soft", color_scheme="gray", high_contrast=True), rx.spacer(),
                  _amount(row), width="100%", align="center"),
        rx.hstack(rx.text(row.date, size="2", color="var(--gray-11)"), rx.text("·", color="var(--gray-9)"),
                  _order_link(row), spacing="2", wrap="wrap", align="center"),
        rx.cond(row.memo != "", rx.text(row.memo, size="1", color="var(--gray-11)")),
        spacing="2", width="100%", class_name="table-row money-entry-card",
    )


def _entry_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.date, white_space="nowrap"), rx.table.cell(row.kind), rx.table.cell(_order_link(row)),
        rx.table.cell(row.memo, color="var(--gray-11)"), rx.table.cell(_amount(row), text_align="right"),
        class_name="money-entry-row",
    )


def _table(head: list[str], right: set[int], body: rx.Component, box_id: str) -> rx.Component:
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(
            t(h), text_align="right" if i in right else "left") for i, h in enumerate(head)])),
        rx.table.body(body), variant="surface", width="100%"),
        width="100%", id=box_id, display=rx.breakpoints(initial="none", md="block"))


def _payout_badge(p: rx.Var) -> rx.Component:
    return rx.badge(p.status, color_scheme=p.color, variant="soft", high_contrast=True)


def _payouts() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Payouts"), as_="h2", size="5"),
        rx.cond(
            SellerMoneyState.payouts.length() > 0,
            rx.fragment(
                rx.vstack(rx.foreach(SellerMoneyState.payouts, lambda p: rx.hstack(
                    rx.vstack(rx.text(p.date, size="2"), rx.text(p.reference, size="1", color="var(--gray-11)"),
                              spacing="1"),
                    rx.spacer(), rx.vstack(rx.text(p.amount, weight="bold"), _payout_badge(p), align="end",
                                           spacing="1"),
                    width="100%", class_name="table-row")), spacing="0", width="100%", class_name="table-card",
                    id="payout-cards", display=rx.breakpoints(initial="flex", md="none")),
                _table([N_("Date"), N_("Reference"), N_("Status"), N_("Amount")], {3}, rx.foreach(
                    SellerMoneyState.payouts, lambda p: rx.table.row(
                        rx.table.cell(p.date), rx.table.cell(p.reference), rx.table.cell(_payout_badge(p)),
                        rx.table.cell(p.amount, text_align="right", white_space="nowrap"))), "payout-table"),
            ),
            rx.text(t("No payouts yet. Available money is paid out automatically."), size="2",
                    color="var(--gray-11)", id="payouts-empty"),
        ),
        spacing="3", width="100%", align="start",
    )


def _filters() -> rx.Component:
    return rx.flex(
        rx.hstack(
            rx.foreach(SellerMoneyState.kinds, lambda kind: rx.button(
                kind[1], size="2", variant=rx.cond(SellerMoneyState.kind == kind[0], "solid", "soft"),
                color_scheme=rx.cond(SellerMoneyState.kind == kind[0], "teal", "gray"),
                on_click=SellerMoneyState.choose_kind(kind[0]), class_name="touch-target",
                aria_pressed=rx.cond(SellerMoneyState.kind == kind[0], "true", "false"))),
            spacing="2", wrap="wrap", id="ledger-kinds", role="group", aria_label=t("Filter by kind"),
        ),
        rx.el.label(
            rx.text(t("Month"), size="2", color="var(--gray-11)"),
            rx.el.select(
                rx.foreach(SellerMoneyState.months, lambda m: rx.el.option(m[1], value=m[0])),
                value=SellerMoneyState.month, on_change=SellerMoneyState.choose_month, id="ledger-month",
                class_name="touch-target",
                style={"padding": "8px 12px", "border_radius": "var(--radius-2)",
                       "border": "1px solid var(--gray-7)", "background": "var(--color-panel-solid)",
                       "color": "var(--gray-12)", "font_size": "14px"},
            ),
            style={"display": "flex", "gap": "8px", "align_items": "center"},
        ),
        spacing="3", wrap="wrap", justify="between", align="center", width="100%",
    )


def seller_money_page() -> rx.Component:
    s = SellerMoneyState.summary
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerMoneyState.allowed, SellerMoneyState.denied,
        SellerMoneyState.loaded,
        rx.vstack(
            rx.flex(
                rx.heading(t("Money"), as_="h1", size="7"),
                rx.button(rx.el.a(rx.icon("download", size=16, aria_hidden="true"), t("Download statement (CSV)"),
                                  href=SellerMoneyState.statement_href, download="", id="statement-link",
                                  custom_attrs={"reloadDocument": True}),  # a file, not a page route
                          as_child=True, variant="soft", size="3"),
                justify="between", align="center", wrap="wrap", spacing="3", width="100%",
            ),
            rx.grid(
                _stat(N_("Available"), s.available, "balance-available", "var(--grass-11)"),
                _stat(N_("Pending"), s.pending, "balance-pending"),
                rx.cond(s.has_debt, _stat(N_("Owed to Meridian"), s.debt, "balance-debt", "var(--red-11)")),
                _stat(N_("Commission rate"), s.commission, "commission-rate"),
                columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%",
            ),
            rx.callout(rx.text(s.hold, " ", s.next_money), icon="clock", color_scheme="gray", width="100%",
                       id="hold-line"),
            rx.heading(t("Ledger"), as_="h2", size="5", margin_top="8px"),
            _filters(),
            rx.cond(
                SellerMoneyState.entries.length() > 0,
                rx.fragment(
                    rx.vstack(rx.foreach(SellerMoneyState.entries, _entry_card), spacing="0", width="100%",
                              class_name="table-card", id="ledger-cards",
                              display=rx.breakpoints(initial="flex", md="none")),
                    _table([N_("Date"), N_("Kind"), N_("Order"), N_("Description"), N_("Amount")], {4},
                           rx.foreach(SellerMoneyState.entries, _entry_row), "ledger-table"),
                ),
                rx.callout(t("No entries match these filters."), icon="inbox", width="100%", id="ledger-empty"),
            ),
            rx.hstack(
                rx.cond(SellerMoneyState.page > 1,
                        rx.button(t("First page"), variant="soft", on_click=SellerMoneyState.first_page)),
                rx.cond(SellerMoneyState.has_more,
                        rx.button(t("More entries"), variant="soft", on_click=SellerMoneyState.next_page)),
                spacing="2",
            ),
            _payouts(),
            spacing="4", width="100%", align="start",
        ),
    )

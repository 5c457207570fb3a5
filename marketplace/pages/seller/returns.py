"""Seller portal: the vendor's return, exchange and repair requests, newest first (staff see every vendor's).
A table on desktop that stacks into cards on phones; each row opens the request. The vendor is re-derived from
the server-side session on every load."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.orders import returns_queries
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.returns import ReturnRow, summary_row
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


class SellerReturnsState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    rows: list[ReturnRow] = []

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            found = await run_service(returns_queries.seller_returns, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.rows, self.denied = False, True, [], problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_RETURNS)
        self.allowed, self.denied = True, ""
        self.rows = [summary_row(lang, summary) for summary in found]
        self.loaded = True
        return None


def _row(r: rx.Var) -> rx.Component:
    return rx.link(
        rx.flex(
            rx.vstack(rx.text(r.number, weight="bold", size="2", class_name="return-number"),
                      rx.text(t("Order"), " ", r.order_number, " · ", r.date, size="1", color="var(--gray-11)"),
                      spacing="0", min_width="0"),
            rx.text(r.kind_label, size="2"),
            rx.text(t("Units"), ": ", r.units, size="2", color="var(--gray-11)"),
            rx.hstack(rx.badge(r.status_label, color_scheme=r.color, high_contrast=True), rx.text(r.refund, size="2", weight="medium"),
                      spacing="2", align="center"),
            direction=rx.breakpoints(initial="column", md="row"), gap=rx.breakpoints(initial="4px", md="16px"),
            align=rx.breakpoints(initial="start", md="center"), width="100%",
            style={"& > *:first-child": {"flex": "1"}},
        ),
        href=r.href, underline="none", color="var(--gray-12)", class_name="table-row return-row",
        style={"display": "block"},
    )


def seller_returns_page() -> rx.Component:
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerReturnsState.allowed, SellerReturnsState.denied,
        SellerReturnsState.loaded,
        rx.vstack(
            rx.heading(t("Returns"), as_="h1", size="7"),
            rx.text(t("Requests to return, exchange or repair delivered items."), size="2", color="var(--gray-11)"),
            rx.cond(SellerReturnsState.rows.length() > 0,
                    rx.vstack(rx.foreach(SellerReturnsState.rows, _row), spacing="0", width="100%",
                              class_name="table-card", id="seller-returns"),
                    rx.callout(t("No return requests yet."), icon="inbox", color_scheme="gray", width="100%")),
            spacing="4", width="100%", align="start",
        ),
    )

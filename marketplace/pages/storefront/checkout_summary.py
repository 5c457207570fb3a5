"""Checkout summary: each seller's parcel (lines, shipping choice, landed-cost breakdown with explanations,
who collects the import charges) and the totals with the DDP/DAP note and the quote's reference and expiry.
On phones the summary collapses to a bar at the top that shows the total."""

from __future__ import annotations

import reflex as rx

from marketplace.components.landed_breakdown import breakdown
from marketplace.pages.storefront.checkout_state import CheckoutState
from marketplace.state.locale import t


def _line(line: rx.Var) -> rx.Component:
    return rx.hstack(rx.text(line.name, size="2", class_name="summary-line-name"),
                     rx.text("× ", line.quantity, size="2", color="var(--gray-11)", white_space="nowrap"),
                     rx.spacer(), rx.text(line.total, size="2", white_space="nowrap"), width="100%", align="start")


def _parcel(item: rx.Var) -> rx.Component:
    parcel = item.parcel
    select_id = "checkout-ship-" + parcel.vendor_id
    return rx.box(
        rx.vstack(
            rx.hstack(rx.icon("package", size=16, color="var(--accent-11)", aria_hidden="true"),
                      rx.heading(t("Parcel from"), " ", parcel.vendor, as_="h3", size="3"),
                      rx.text(parcel.place, size="1", color="var(--gray-11)"), align="center", wrap="wrap"),
            rx.foreach(item.lines, _line),
            rx.cond(parcel.options.length() > 0, rx.vstack(
                rx.el.label(t("Shipping"), html_for=select_id, class_name="field-label"),
                rx.el.select(rx.foreach(parcel.options, lambda o: rx.el.option(o.label, value=o.value)),
                             id=select_id, value=parcel.chosen, class_name="native-select",
                             on_change=lambda v: CheckoutState.choose_shipping(parcel.vendor_id, v)),
                spacing="1", width="100%")),
            breakdown(parcel.rows, t("Parcel total"), parcel.total),
            rx.text(parcel.collect, size="1", color="var(--gray-11)", class_name="parcel-collect"),
            spacing="2", width="100%",
        ),
        class_name="checkout-parcel",
    )


def summary_body() -> rx.Component:
    return rx.vstack(
        rx.foreach(CheckoutState.parcels, _parcel),
        rx.heading(t("Total for all parcels"), as_="h3", size="3"),
        breakdown(CheckoutState.totals.rows, t("Total"), CheckoutState.totals.total, "checkout-total"),
        rx.cond(CheckoutState.totals.on_delivery != "",
                rx.hstack(rx.text(t("Pay now"), size="2", weight="medium"), rx.spacer(),
                          rx.text(CheckoutState.totals.pay_now, size="2", weight="bold"), width="100%")),
        rx.callout(CheckoutState.totals.note, icon="info", color_scheme="gray", size="1", id="incoterm-note",
                   custom_attrs={"data-incoterm": CheckoutState.totals.incoterm}),
        rx.text(t("Quote"), " ", CheckoutState.quote_ref, " · ", CheckoutState.quote_expiry, size="1",
                color="var(--gray-11)", id="quote-info"),
        spacing="3", width="100%",
    )


def summary_panel() -> rx.Component:
    """One summary: beside the form on desktop; on phones collapsed to a bar with the total (a toggle)."""
    return rx.card(
        rx.el.button(
            rx.hstack(rx.text(t("Order summary"), weight="medium"), rx.spacer(),
                      rx.text(CheckoutState.totals.total, weight="bold"),
                      rx.icon(rx.cond(CheckoutState.summary_open, "chevron-up", "chevron-down"), size=18,
                              aria_hidden="true"),
                      width="100%", align="center"),
            type="button", class_name="summary-toggle touch-target", on_click=CheckoutState.toggle_summary,
            aria_expanded=rx.cond(CheckoutState.summary_open, "true", "false"), aria_controls="summary-body"),
        rx.vstack(rx.heading(t("Order summary"), as_="h2", size="4", class_name="summary-heading"), summary_body(),
                  width="100%", id="summary-body", class_name="summary-body"),
        class_name=rx.cond(CheckoutState.summary_open, "checkout-summary summary-open", "checkout-summary"),
        width="100%",
    )

"""Checkout page (``/checkout``): contact, delivery address for the ship-to country, payment, and the
landed-cost summary per seller parcel. State and rules: ``checkout_state.CheckoutState``."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.core.i18n import N_
from marketplace.layouts.storefront import storefront
from marketplace.pages.storefront.checkout_form import address_section, contact_section, payment_section
from marketplace.pages.storefront.checkout_state import CheckoutState
from marketplace.pages.storefront.checkout_summary import summary_panel
from marketplace.state.locale import t


def _messages() -> rx.Component:
    return rx.fragment(
        rx.cond(CheckoutState.changes.length() > 0, rx.callout.root(
            rx.callout.icon(rx.icon("refresh-cw")),
            rx.vstack(rx.text(t("Something in your order changed. Please check it and confirm again."),
                              weight="bold", size="2"),
                      rx.el.ul(rx.foreach(CheckoutState.changes, lambda c: rx.el.li(c)), class_name="change-list"),
                      spacing="1"),
            color_scheme="amber", role="alert", id="checkout-changes", width="100%")),
        rx.cond(CheckoutState.payment_error != "",
                rx.callout(CheckoutState.payment_error, icon="credit-card", color_scheme="red", role="alert",
                           id="payment-error", width="100%")),
        rx.cond(CheckoutState.form_error != "",
                rx.callout(CheckoutState.form_error, icon="circle-alert", color_scheme="red", role="alert",
                           id="form-error", width="100%")),
    )


def _auth_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Confirm this payment")),
            rx.dialog.description(
                t("Your bank asks you to approve a payment of"), " ", rx.text.strong(CheckoutState.pay_amount), ". ",
                t("This is a test authentication page: choose how the bank answers."), size="2"),
            rx.hstack(
                rx.button(t("Fail this test payment"), variant="soft", color_scheme="red", size="3",
                          class_name="touch-target", id="auth-fail", disabled=CheckoutState.pending,
                          on_click=CheckoutState.authenticate(False)),
                rx.button(t("Approve this test payment"), size="3", class_name="touch-target", id="auth-approve",
                          disabled=CheckoutState.pending, loading=CheckoutState.pending,
                          on_click=CheckoutState.authenticate(True)),
                spacing="3", justify="end", wrap="wrap", margin_top="16px",
            ),
            max_width="440px", id="auth-dialog",
        ),
        open=CheckoutState.auth_open,
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            contact_section(),
            rx.separator(size="4"),
            address_section(),
            rx.separator(size="4"),
            payment_section(),
            _messages(),
            rx.button(CheckoutState.pay_label, type="submit", size="4", width="100%", id="pay-button",
                      class_name="touch-target", disabled=CheckoutState.pending | ~CheckoutState.loaded,
                      loading=CheckoutState.pending),
            rx.text(t("By paying you agree that each seller ships their own parcel."), size="1",
                    color="var(--gray-11)"),
            spacing="4", width="100%",
        ),
        on_submit=CheckoutState.pay, key=CheckoutState.form_version, width="100%", id="checkout-form",
        custom_attrs={"noValidate": True},
    )


def checkout_page() -> rx.Component:
    return storefront(
        rx.heading(t("Checkout"), as_="h1", size="7", margin_bottom="12px"),
        rx.cond(
            ~CheckoutState.loaded,
            rx.vstack(rx.skeleton(height="44px", width="100%"), rx.skeleton(height="320px", width="100%"),
                      rx.skeleton(height="180px", width="100%"), spacing="3", width="100%"),
            rx.cond(
                CheckoutState.blocked != "",
                rx.vstack(notice("shopping-cart", t("Checkout can't start yet"), CheckoutState.blocked,
                                 N_("Back to your cart"), routes.CART), width="100%", id="checkout-blocked"),
                rx.grid(
                    rx.box(summary_panel(), class_name="checkout-summary-column"),
                    rx.box(_form(), class_name="checkout-form-column"),
                    spacing="5", width="100%", class_name="checkout-grid",
                ),
            ),
        ),
        _auth_dialog(),
    )

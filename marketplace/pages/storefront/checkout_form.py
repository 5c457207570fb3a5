"""Checkout form pieces: contact (e-mail for guests), the delivery address fitted to the ship-to country,
and the card fields (with ``PAYMENTS=stripe`` Stripe.js's Card Element instead: ``components.stripe_card``).
Inputs are uncontrolled (what the shopper typed stays in the page after an error);
``CheckoutState.form_version`` re-mounts them only when a saved address is chosen."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.components.stripe_card import stripe_card_field
from marketplace.core.i18n import N_
from marketplace.pages.storefront.checkout_state import CheckoutState
from marketplace.state.locale import t


def _error_text(error: rx.Var, error_id: rx.Var | str) -> rx.Component:
    return rx.cond(error != "", rx.text(error, size="1", color="var(--red-11)", id=error_id, class_name="field-error"))


def _address_field(f: rx.Var) -> rx.Component:
    field_id = "addr-" + f.name
    error_id = "err-" + f.name
    common = {"id": field_id, "name": f.name, "required": f.required, "auto_complete": f.autocomplete,
              "default_value": f.value, "aria_invalid": rx.cond(f.error != "", "true", "false"),
              "aria_describedby": rx.cond(f.error != "", error_id, "hint-" + f.name)}
    return rx.vstack(
        rx.el.label(f.label, rx.cond(f.required, rx.el.span(" *", aria_hidden="true")), html_for=field_id,
                    class_name="field-label"),
        rx.cond(
            f.choices.length() > 0,
            rx.el.select(
                rx.el.option(t("Choose…"), value=""),
                rx.foreach(f.choices, lambda c: rx.el.option(c.label, value=c.value)),
                class_name="native-select", on_change=lambda v: CheckoutState.check_field(f.name, v), **common),
            rx.el.input(type=f.input_type, input_mode=f.input_mode, max_length=f.max_length, class_name="text-input",
                        on_blur=lambda v: CheckoutState.check_field(f.name, v), **common),
        ),
        rx.cond(f.hint != "", rx.text(f.hint, size="1", color="var(--gray-11)", id="hint-" + f.name)),
        _error_text(f.error, error_id),
        spacing="1", width="100%", class_name="address-field", custom_attrs={"data-field": f.name},
    )


def contact_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Contact"), as_="h2", size="4"),
        rx.cond(
            CheckoutState.signed_in,
            rx.text(t("Signed in as"), " ", rx.text.strong(CheckoutState.email), size="2", id="checkout-email-known"),
            rx.vstack(
                rx.el.label(t("E-mail for your receipt"), html_for="checkout-email", class_name="field-label"),
                rx.el.input(id="checkout-email", name="email", type="email", auto_complete="email", required=True,
                            max_length=254, default_value=CheckoutState.email, class_name="text-input",
                            input_mode="email", aria_describedby="err-email",
                            on_blur=lambda v: CheckoutState.check_field("email", v)),
                _error_text(CheckoutState.email_error, "err-email"),
                rx.text(t("Have an account?"), " ",
                        rx.link(t("Log in"), href=routes.login(routes.CHECKOUT), underline="always"), size="2"),
                spacing="1", width="100%",
            ),
        ),
        spacing="2", width="100%",
    )


def address_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Delivery address"), as_="h2", size="4"),
        rx.text(t("Ship to"), " ", CheckoutState.ship_to_label, size="2", color="var(--gray-11)"),
        rx.cond(
            CheckoutState.saved.length() > 0,
            rx.vstack(
                rx.el.label(t("Saved addresses"), html_for="saved-address", class_name="field-label"),
                rx.el.select(rx.foreach(CheckoutState.saved, lambda c: rx.el.option(c.label, value=c.value)),
                             id="saved-address", name="saved_address", class_name="native-select",
                             on_change=CheckoutState.use_saved),
                spacing="1", width="100%",
            ),
        ),
        rx.foreach(CheckoutState.fields, _address_field),
        spacing="3", width="100%", id="address-fields",
    )


def _card_input(name: str, label: str, autocomplete: str, placeholder: str, max_length: int) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"card-{name}", class_name="field-label"),
        rx.el.input(id=f"card-{name}", name=f"card_{name}", type="text", input_mode="numeric",
                    auto_complete=autocomplete, placeholder=placeholder, max_length=max_length, required=True,
                    class_name="text-input", aria_describedby=f"err-card-{name}"),
        _error_text(CheckoutState.card_errors.get(f"card_{name}", ""), f"err-card-{name}"),
        spacing="1", width="100%",
    )


def payment_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Payment"), as_="h2", size="4"),
        rx.text(t("Your card details go straight to the payment provider; we keep only the brand and the "
                  "last four digits."), size="1", color="var(--gray-11)"),
        rx.cond(
            CheckoutState.stripe_card,
            stripe_card_field(t("Card details")),
            rx.fragment(
                _card_input("number", N_("Card number"), "cc-number", "1234 1234 1234 1234", 23),
                rx.grid(
                    _card_input("expiry", N_("Expiry (MM / YY)"), "cc-exp", "MM / YY", 7),
                    _card_input("cvc", N_("Security code"), "cc-csc", "CVC", 4),
                    columns="2", spacing="3", width="100%",
                ),
            ),
        ),
        spacing="3", width="100%",
    )

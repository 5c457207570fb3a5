"""The Stripe.js card field (``PAYMENTS=stripe``): the card number and security code are typed into Stripe's
Card Element and go from the browser straight to Stripe, never through our form, state or websocket.

Contract:
- ``stripe_card_field(label)`` renders the empty box ``#stripe-card`` the Card Element is mounted in (React
  never renders children into it) and ``#stripe-card-error`` for the Element's own messages.
- ``mount_script(js_url, key, locale)`` is the JavaScript an event returns (``rx.call_script``) to load
  ``/stripe_card.js`` (assets/) and, through it, Stripe.js from ``js_url`` (``STRIPE_JS_URL``) at run time, so
  the built frontend does not depend on the Stripe settings. ``confirm_script(client_secret)`` asks it to run
  ``stripe.confirmCardPayment``; its result goes to the ``callback`` event the caller names. Every value is
  embedded with ``json.dumps``.
"""

from __future__ import annotations

import json

import reflex as rx

ASSET = "/stripe_card.js"


def mount_script(js_url: str, publishable_key: str, locale: str) -> str:
    """JavaScript that mounts the Card Element (loading our asset and Stripe.js first when needed)."""
    config = json.dumps({"jsUrl": js_url, "key": publishable_key, "locale": locale})
    asset = json.dumps(ASSET)
    return ("(function(c){window.meridianStripeConfig=c;"
            "if(window.meridianStripe){window.meridianStripe.mount(c);return;}"
            "if(!document.getElementById('mp-stripe-card-js')){var s=document.createElement('script');"
            f"s.id='mp-stripe-card-js';s.src={asset};document.head.appendChild(s);}}}})({config})")


def confirm_script(client_secret: str) -> str:
    """JavaScript whose value is a promise of the confirmation's outcome (see assets/stripe_card.js)."""
    secret = json.dumps(client_secret)
    return (f"(window.meridianStripe?window.meridianStripe.confirm({secret}):"
            "Promise.resolve({ok:false,type:'not_ready',code:''}))")


def stripe_card_field(label: rx.Var | str) -> rx.Component:
    return rx.vstack(
        rx.text(label, as_="div", id="stripe-card-label", class_name="field-label"),
        rx.el.div(id="stripe-card", class_name="stripe-card-input", role="group",
                  aria_labelledby="stripe-card-label", aria_describedby="stripe-card-error"),
        rx.el.div(id="stripe-card-error", role="alert", class_name="field-error stripe-card-error"),
        spacing="1", width="100%",
    )

"""The shopper asks to cancel one vendor order before it ships: a button per cancelable parcel on the order page,
a dialog with a reason (common reasons + optional words) that confirms the request, then the request's state.

Contract:
- :func:`parse_request` reads the dialog's form ``{order, reason, detail}`` for the page's handler
  (``OrderState.request_cancel``): ``order`` the vendor order's id as digits, ``reason`` a key of :data:`CANCEL_REASONS`, ``detail`` at most :data:`DETAIL_MAX` characters
  (required for ``other``). The caller comes from the session cookie; ``orders.fulfilment_cancel.request_cancel``
  checks the order is theirs and still cancelable (``placed`` / ``processing``), so another shopper's id or a
  shipped order is refused with the service's message and nothing is written. The stored reason is the English
  label plus the shopper's words (the seller reads it; labels are message ids, shown translated here).
- On success the order page reloads (``OrderState.load``): the parcel then shows "Cancellation requested".
- :func:`cancel_status` words a :class:`~marketplace.orders.history.CancelView` for the page.
"""

from __future__ import annotations

import reflex as rx

from marketplace.core import formatting
from marketplace.core.i18n import N_, translate
from marketplace.orders import fulfilment_cancel
from marketplace.orders.history import CancelView
from marketplace.state.locale import t

CANCEL_REASONS: dict[str, str] = {
    "changed_mind": N_("I changed my mind"),
    "mistake": N_("I ordered it by mistake"),
    "cheaper": N_("I found it cheaper elsewhere"),
    "too_slow": N_("Delivery would take too long"),
    "address": N_("The delivery address is wrong"),
    "other": N_("Another reason"),
}
DETAIL_MAX = 400


def cancel_status(lang: str, cancel: CancelView, locale: str) -> str:
    """The cancellation request and its answer in words, or "" when none was made."""
    if cancel.state == fulfilment_cancel.REQUESTED:
        return translate(lang, N_("Cancellation requested. The seller will answer soon. Your reason: %(reason)s"),
                         reason=cancel.reason)
    if cancel.state == fulfilment_cancel.APPROVED:
        if cancel.refunded is not None:
            return translate(lang, N_("Canceled at your request. %(amount)s was refunded to your card."),
                             amount=formatting.format_money(cancel.refunded, locale))
        return translate(lang, N_("Canceled at your request. Your refund is on its way."))
    if cancel.state == fulfilment_cancel.DECLINED:
        return translate(lang, N_("The seller declined to cancel this order: %(reason)s"), reason=cancel.reason)
    return ""


def parse_request(lang: str, form: object) -> tuple[int, str] | tuple[None, str]:
    """``(vendor order id, stored reason)`` from the dialog's form, or ``(None, error text in lang)``."""
    data = form if isinstance(form, dict) else {}
    order, reason, detail = data.get("order"), data.get("reason"), data.get("detail", "")
    valid_id = isinstance(order, str) and order.isascii() and order.isdigit() and 1 <= len(order) <= 18
    if not valid_id or not isinstance(reason, str) or reason not in CANCEL_REASONS:
        return None, translate(lang, N_("Choose a reason."))
    if not isinstance(detail, str) or len(detail) > DETAIL_MAX:
        return None, translate(lang, N_("Keep it under %(count)s characters."), count=DETAIL_MAX)
    words = " ".join(detail.split())
    if reason == "other" and not words:
        return None, translate(lang, N_("Tell the seller why you want to cancel."))
    return int(order), CANCEL_REASONS[reason] + (f": {words}" if words else "")


def _dialog(p: rx.Var, on_submit: rx.EventHandler, error: rx.Var, error_for: rx.Var,
            busy: rx.Var) -> rx.Component:
    prefix = "cancel-" + p.id
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("circle-x", size=16, aria_hidden="true"), t("Request cancellation"),
                                    variant="soft", color_scheme="gray", size="2",
                                    class_name="touch-target request-cancel")),
        rx.dialog.content(
            rx.dialog.title(t("Cancel this order?")),
            rx.dialog.description(t("The seller has not shipped it yet. If they agree, you get your money back "
                                    "in full."), " ", p.vendor, " · ", p.number, size="2"),
            rx.form(
                rx.vstack(
                    rx.el.input(type="hidden", name="order", value=p.id),
                    rx.el.label(t("Why do you want to cancel?"), html_for=prefix + "-reason",
                                class_name="field-label"),
                    rx.el.select(*[rx.el.option(t(label), value=key) for key, label in CANCEL_REASONS.items()],
                                 id=prefix + "-reason", name="reason", default_value="changed_mind",
                                 class_name="native-select cancel-reason"),
                    rx.el.label(t("Anything the seller should know? (optional)"), html_for=prefix + "-detail",
                                class_name="field-label"),
                    rx.el.textarea(id=prefix + "-detail", name="detail", max_length=DETAIL_MAX, rows=3,
                                   class_name="text-input cancel-detail"),
                    rx.cond((error != "") & (error_for == p.id),
                            rx.callout(error, icon="circle-alert", color_scheme="red", role="alert",
                                       width="100%")),
                    rx.flex(
                        rx.dialog.close(rx.button(t("Keep my order"), type="button", variant="soft",
                                                  color_scheme="gray", size="3", class_name="touch-target")),
                        rx.button(t("Send cancellation request"), type="submit", size="3",
                                  class_name="touch-target confirm-cancel", loading=busy),
                        spacing="3", justify="end", wrap="wrap", width="100%",
                    ),
                    spacing="2", width="100%",
                ),
                on_submit=on_submit, width="100%",
            ),
            max_width="460px", class_name="cancel-dialog",
        ),
    )


def cancel_section(p: rx.Var, on_submit: rx.EventHandler, error: rx.Var, error_for: rx.Var,
                   busy: rx.Var) -> rx.Component:
    """The parcel's cancellation: the request button (its dialog sends the form to ``on_submit``; ``error``
    shows in the dialog of the order ``error_for`` names), or the request and its answer."""
    return rx.fragment(
        rx.cond(p.cancel_text != "",
                rx.callout(p.cancel_text, icon="info",
                           color_scheme=rx.match(p.cancel_state, ("requested", "amber"), ("approved", "gray"),
                                                 "gray"),
                           size="1", width="100%", class_name="cancel-status")),
        rx.cond(p.can_cancel, _dialog(p, on_submit, error, error_for, busy)),
    )

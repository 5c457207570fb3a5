"""Words and formats for the seller's order screens: step and status labels, one history line per order event.

Contract: pure functions of domain values and a language (no Reflex, no database). Labels are English msgids
(``N_``) translated with ``core.i18n.translate``; times are shown in UTC with Babel's medium format for the
language's locale.
"""

from __future__ import annotations

from datetime import UTC, datetime

import babel.dates

from marketplace.core.i18n import N_, format_locale, translate
from marketplace.crossborder import shipping
from marketplace.orders.seller_orders import Event

STEP_LABELS: dict[str, str] = {
    "all": N_("All"),
    "to_accept": N_("To accept"),
    "to_pack": N_("To pack"),
    "to_ship": N_("To ship"),
    "shipped": N_("Shipped"),
    "delivered": N_("Delivered"),
    "canceled": N_("Canceled"),
}

STATUS_LABELS: dict[str, str] = {
    # order status
    "placed": N_("To accept"),
    "processing": N_("Accepted"),
    "partially_shipped": N_("Partly shipped"),
    "shipped": N_("Shipped"),
    "delivered": N_("Delivered"),
    "completed": N_("Completed"),
    "canceled": N_("Canceled"),
    # payment status
    "pending": N_("Payment pending"),
    "authorized": N_("Authorised"),
    "paid": N_("Paid"),
    "partially_refunded": N_("Partly refunded"),
    "refunded": N_("Refunded"),
    "failed": N_("Payment failed"),
    # fulfilment status
    "unfulfilled": N_("Not shipped"),
    "partially_fulfilled": N_("Partly handed over"),
    "fulfilled": N_("Handed over"),
    "returned": N_("Returned"),
    # parcel status
    "label_pending": N_("Packed"),
    "label_created": N_("Label bought"),
    "in_transit": N_("In transit"),
    "out_for_delivery": N_("Out for delivery"),
    "exception": N_("Carrier exception"),
    "voided": N_("Label voided"),
    # cancellation conversation
    "requested": N_("Cancellation requested"),
    "approved": N_("Cancellation approved"),
    "declined": N_("Cancellation declined"),
}

KIND_LABELS: dict[str, str] = {
    "status": N_("Order"),
    "payment": N_("Payment"),
    "fulfilment": N_("Fulfilment"),
    "shipment": N_("Parcel"),
    "cancel": N_("Cancellation"),
}

# the colour of an order status badge (Radix colour names)
STATUS_COLORS: dict[str, str] = {
    "placed": "amber", "processing": "blue", "partially_shipped": "cyan", "shipped": "cyan",
    "delivered": "grass", "completed": "grass", "canceled": "gray",
}


# the embedded carrier's service names (as in present/landed.py), by the service code stored with the order
SERVICE_LABELS: dict[str, str] = {
    shipping.SERVICE_POSTAL_ECONOMY: N_("Postal economy (small packet)"),
    shipping.SERVICE_TRACKED_STANDARD: N_("Tracked standard parcel"),
    shipping.SERVICE_EXPRESS: N_("Express courier"),
}


def service_label(lang: str, service: str) -> str:
    """The service's name in ``lang`` (a code no name is known for is shown as it is)."""
    return translate(lang, SERVICE_LABELS[service]) if service in SERVICE_LABELS else service


def status_label(lang: str, status: str) -> str:
    return translate(lang, STATUS_LABELS.get(status, status))


def format_time(value: datetime, lang: str) -> str:
    """``value`` in UTC, e.g. ``"Dec 2, 2026, 10:32 UTC"``."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    text = babel.dates.format_datetime(moment.astimezone(UTC), format="medium", tzinfo=UTC,
                                       locale=format_locale(lang))
    return f"{text.rsplit(':', 1)[0]} UTC"


def event_line(lang: str, event: Event) -> str:
    """What happened, e.g. ``"Order: Accepted"`` or ``"Parcel: Label bought"``."""
    kind = translate(lang, KIND_LABELS.get(event.kind, event.kind))
    return f"{kind}: {status_label(lang, event.to_status)}"


__all__ = ["KIND_LABELS", "STATUS_COLORS", "STATUS_LABELS", "SERVICE_LABELS", "STEP_LABELS", "event_line", "format_time", "service_label",
           "status_label"]

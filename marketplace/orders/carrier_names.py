"""Carriers and their services named for people, not by code: ``embedded`` is "Meridian Post", ``express`` is
"Express courier" (the embedded rate table's English names). :func:`parcel_carrier` joins the two in a language;
a code no name is known for is shown as it is. Read by the shopper's e-mails, order and tracking pages and the
seller's order page."""

from __future__ import annotations

from marketplace.core.i18n import N_, translate
from marketplace.crossborder.shipping import service_names

CARRIER_NAMES = {"embedded": N_("Meridian Post"), "easypost": "EasyPost"}


def parcel_carrier(lang: str, carrier: str, service: str) -> str:
    """``"Meridian Post · Express courier"``: the carrier's and the service's names in ``lang``."""
    carrier_name = CARRIER_NAMES.get(carrier, carrier)
    service_name = service_names().get(service, service)
    return " · ".join(translate(lang, part) for part in (carrier_name, service_name) if part)

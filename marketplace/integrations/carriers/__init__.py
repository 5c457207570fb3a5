"""Carrier adapters behind ``marketplace.orders.carriers.Carrier``, and the choice between them.

Contract: ``carrier_for(settings)`` returns the carrier ``settings.shipping`` names (``SHIPPING``):
``embedded`` (the default, no network; its clock runs ``settings.carrier_clock`` times faster than real time,
``CARRIER_CLOCK``) or ``easypost`` (``integrations/carriers/easypost.py``: ``EASYPOST_API_KEY``, and
``EASYPOST_API_BASE`` for tests; without a key ``ValueError``, and production refuses to start). Neither
keeps state between calls that matters, so a new one per call is the same carrier. ``carrier_for`` raises
``ValueError`` for any name it does not know.
"""

from __future__ import annotations

from marketplace.core.settings import Settings
from marketplace.integrations.carriers.easypost import EasyPostCarrier
from marketplace.integrations.carriers.embedded import EmbeddedCarrier
from marketplace.orders.carriers import Carrier

CARRIERS = ("embedded", "easypost")


def carrier_for(settings: Settings) -> Carrier:
    name = str(settings.shipping).strip().lower()
    if name == "embedded":
        return EmbeddedCarrier(speed=settings.carrier_clock)
    if name == "easypost":
        return EasyPostCarrier.from_settings(settings)
    raise ValueError(f"SHIPPING must be one of {', '.join(CARRIERS)}; got {settings.shipping!r}")


__all__ = ["CARRIERS", "carrier_for"]

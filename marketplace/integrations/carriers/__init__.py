"""Carrier adapters behind ``marketplace.orders.carriers.Carrier``, and the choice between them.

Contract: ``carrier_for(settings)`` returns the carrier ``settings.shipping`` names (``SHIPPING``):
``embedded`` (the default, no network; its clock runs ``settings.carrier_clock`` times faster than real time,
``CARRIER_CLOCK``). The embedded carrier keeps no state, so a new one per call is the same carrier. EasyPost
(``SHIPPING=easypost``) is not built yet: ``core.settings`` refuses the value, and ``carrier_for`` raises
``ValueError`` for any name it does not know.
"""

from __future__ import annotations

from marketplace.core.settings import Settings
from marketplace.integrations.carriers.embedded import EmbeddedCarrier
from marketplace.orders.carriers import Carrier

CARRIERS = ("embedded",)


def carrier_for(settings: Settings) -> Carrier:
    name = str(settings.shipping).strip().lower()
    if name == "embedded":
        return EmbeddedCarrier(speed=settings.carrier_clock)
    raise ValueError(f"SHIPPING must be one of {', '.join(CARRIERS)}; got {settings.shipping!r}")


__all__ = ["CARRIERS", "carrier_for"]

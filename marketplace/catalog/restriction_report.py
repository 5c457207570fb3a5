"""The restricted-goods check a seller sees before publishing: for every destination shoppers can pick, whether
the product is blocked (cannot be sent at all), limited (the post may not carry it; courier only) or carries a
warning, and why.

Contract: ``destinations(items, on=None)`` takes the product's (HS code, English name) pairs and screens them
with ``crossborder.restrictions.screen`` for every ``markets.DESTINATIONS`` country by courier and by post. It
returns one :class:`DestinationFinding` per destination where a rule fired, in destination order: ``level``
``"block"`` when the courier is blocked (no way to send it), ``"post_only_blocked"`` when only the post is,
``"warn"`` when only warnings fired; ``reasons`` are the rules' English sentences (message ids), deduplicated.
Items with an invalid HS code are skipped (the editor refuses them before they are stored). Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from marketplace.crossborder import restrictions
from marketplace.crossborder.hs import InvalidHsCode
from marketplace.crossborder.markets import DESTINATIONS


@dataclass(frozen=True)
class DestinationFinding:
    country: str
    level: str  # block | post_only_blocked | warn
    reasons: tuple[str, ...]


def _screen(country: str, items: list[restrictions.ScreenItem], mode: str, on: date | None) -> list:
    try:
        return restrictions.screen(country, items, mode, on)
    except (InvalidHsCode, ValueError):
        return []


def destinations(items: Sequence[tuple[str, str]], on: date | None = None) -> list[DestinationFinding]:
    """Where the product cannot go, or goes with a condition (see the module contract)."""
    screen_items = [restrictions.ScreenItem(hs_code=code, description=name, quantity=1) for code, name in items
                    if code]
    if not screen_items:
        return []
    out = []
    for country in DESTINATIONS:
        courier = _screen(country, screen_items, "courier", on)
        postal = _screen(country, screen_items, "postal", on)
        if not courier and not postal:
            continue
        blocked = [f for f in courier if f.level == restrictions.Level.BLOCK]
        post_blocked = [f for f in postal if f.level == restrictions.Level.BLOCK]
        if blocked:
            level, chosen = "block", blocked
        elif post_blocked:
            level, chosen = "post_only_blocked", post_blocked
        else:
            level, chosen = "warn", courier + postal
        reasons = tuple(dict.fromkeys(f.reason for f in chosen))
        out.append(DestinationFinding(country=country, level=level, reasons=reasons))
    return out

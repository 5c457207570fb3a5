"""Words for the seller's stock page: why a stock level changed, a variant's stock state, a signed change.

Contract: pure functions of domain values and a language (no Reflex, no database). Labels are English msgids
(``N_``) translated with ``core.i18n.translate``; numbers are formatted for the language's locale.
"""

from __future__ import annotations

from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate

REASON_LABELS: dict[str, str] = {
    "sale": N_("Sale"),
    "return": N_("Return"),
    "cancellation": N_("Cancellation"),
    "exchange": N_("Exchange sent"),
    "manual": N_("Manual change"),
    "import": N_("Import"),
    "initial": N_("Initial stock"),
}

STATE_LABELS: dict[str, str] = {"ok": N_("In stock"), "low": N_("Low stock"), "out": N_("Sold out")}
STATE_COLORS: dict[str, str] = {"ok": "grass", "low": "amber", "out": "red"}
SHOW_LABELS: dict[str, str] = {"all": N_("All"), "low": N_("Low stock"), "out": N_("Sold out")}


def reason_label(lang: str, reason: str) -> str:
    return translate(lang, REASON_LABELS.get(reason, reason))


def state_label(lang: str, state: str) -> str:
    return translate(lang, STATE_LABELS.get(state, state))


def signed(value: int, lang: str) -> str:
    """A change with its sign, e.g. ``+12`` or ``−3`` (a real minus sign)."""
    number = formatting.format_number(abs(value), format_locale(lang))
    return f"+{number}" if value > 0 else f"\u2212{number}" if value < 0 else number


def options_text(options: list[tuple[str, str]]) -> str:
    """``Size: M · Colour: Blue``; empty for a variant without options."""
    return " · ".join(f"{name}: {value}" for name, value in options)


__all__ = ["REASON_LABELS", "SHOW_LABELS", "STATE_COLORS", "STATE_LABELS", "options_text", "reason_label",
           "signed", "state_label"]

"""Words for the seller's money page: ledger kind and payout status labels, the month choices, the hold line.

Contract: pure functions of domain values and a language (no Reflex, no database). Labels are English msgids
(``N_``) translated with ``core.i18n.translate``. :func:`month_choices(now, count)` gives ``("", "All months")``
then the ``count`` latest months, newest first, as ``("YYYY-MM", "December 2026")`` in the language's locale.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import babel.dates

from marketplace.core import formatting
from marketplace.core.i18n import N_, format_locale, translate

KIND_LABELS: dict[str, str] = {
    "all": N_("All"),
    "sale": N_("Sale income"),
    "commission": N_("Commission"),
    "refund": N_("Refund"),
    "adjustment": N_("Adjustment"),
    "payout": N_("Payout"),
    "dispute_hold": N_("Dispute hold"),
    "dispute_release": N_("Dispute released"),
    "dispute_loss": N_("Dispute lost"),
}
PAYOUT_LABELS: dict[str, str] = {"pending": N_("Pending"), "paid": N_("Paid"), "failed": N_("Failed")}
PAYOUT_COLORS: dict[str, str] = {"pending": "amber", "paid": "grass", "failed": "red"}
MONTHS_SHOWN = 12


def kind_label(lang: str, kind: str) -> str:
    return translate(lang, KIND_LABELS.get(kind, kind))


def payout_label(lang: str, status: str) -> str:
    return translate(lang, PAYOUT_LABELS.get(status, status))


def percent(bps: int, locale: str) -> str:
    """A rate in basis points as a percentage (``850`` -> ``8.5%``).

    >>> percent(850, "en"), percent(1200, "de")
    ('8.5%', '12\\xa0%')
    """
    return formatting.format_percent(Decimal(bps) / Decimal(10_000), locale)


def month_choices(lang: str, now: datetime, count: int = MONTHS_SHOWN) -> list[tuple[str, str]]:
    locale = format_locale(lang)
    out = [("", translate(lang, N_("All months")))]
    year, month = now.year, now.month
    for _ in range(count):
        label = babel.dates.format_skeleton("yMMMM", datetime(year, month, 1), locale=locale)
        out.append((f"{year:04d}-{month:02d}", label))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def hold_line(lang: str, days: int) -> str:
    return translate(lang, N_("Money from a sale becomes available %(days)s days after delivery, so returns "
                              "and disputes can be settled first."), days=days)

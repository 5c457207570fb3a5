"""What a return's refund gives back beyond the goods, and why: shipping and import charges.

Contract (pure, on plain values):
- :func:`withdrawal_applies(ship_to_country)`: the EU right of withdrawal (Directive 2011/83/EU, art. 13)
  applies to a shopper whose order was delivered in the EU: the refund then includes the returned lines'
  proportional share of the original shipping. Elsewhere shipping is not refunded for a partial return
  (the refund module still gives back all shipping when the last unit of the order is refunded).
- :func:`duty_note(incoterm, duty_and_tax, regime, country)` -> a :class:`DutyNote`: under DDP with import
  duty or VAT collected at checkout (``duty_and_tax`` > 0) the platform refunds the returned lines' share
  as part of the refund (``ddp_refunded``); under DAP the shopper paid them to the carrier or customs at the
  door and reclaims them from the destination's customs (``dap_reclaim``); with nothing collected (a de
  minimis import, a domestic or intra-EU parcel) there is nothing to give back (``none``). ``message`` is an
  English msgid whose params are ``country`` and ``regime``; ``regime`` is the import regime code stored
  with the order's checkout quote (e.g. ``EU_IOSS``) when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder.markets import EU_MEMBERS


def withdrawal_applies(ship_to_country: str) -> bool:
    return (ship_to_country or "").upper() in EU_MEMBERS


@dataclass(frozen=True, slots=True)
class DutyNote:
    kind: str  # ddp_refunded | dap_reclaim | none
    message: str  # English msgid
    country: str
    regime: str | None = None


def duty_note(incoterm: str, duty_and_tax: Money, regime: str | None, country: str) -> DutyNote:
    if incoterm == "DAP":
        return DutyNote("dap_reclaim", N_("Import charges paid to the carrier on delivery are not refunded by "
                                          "us: reclaim them from the customs of %(country)s with the carrier's "
                                          "receipt and this refund."),
                        country, regime)
    if duty_and_tax.minor > 0:
        return DutyNote("ddp_refunded", N_("Import duty and VAT paid at checkout for these items are refunded "
                                           "by us as part of this refund."), country, regime)
    return DutyNote("none", N_("No import duty or VAT was charged on these items."), country, regime)

"""The plain values a customs form and a commercial invoice are printed from (no database).

Contract: :class:`CustomsDeclaration` wraps the engine's checked
:class:`marketplace.crossborder.customs.Declaration` (form CN22/CN23, lines, totals, IOSS and EORI numbers)
with what the paper forms add: the sender and the recipient (:class:`Party`), the invoice number (the vendor
order's number), the incoterm, the reason for export, the date, the freight charged, the destination's
import regime code and the UK VAT number for the GBP 135 regime. ``orders/customs_data.py`` builds it from
an order; ``documents/customs.py`` renders it. Its properties decide what is printed:

* ``form_title``: "CN 22" or "CN 23", following the engine's ``form``.
* ``ioss_number``: the engine's IOSS number, unless the engine noted the consignment is over EUR 150
  (``customs.ioss_over_limit``), where IOSS does not apply.
* ``reason_for_export``: the category box in English words ("Sale of goods").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marketplace.core.money import Money
from marketplace.crossborder.customs import Category, Declaration

_REASONS = {
    Category.SALE_OF_GOODS: "Sale of goods",
    Category.GIFT: "Gift",
    Category.SAMPLE: "Commercial sample",
    Category.RETURNED_GOODS: "Returned goods",
    Category.DOCUMENTS: "Documents",
    Category.OTHER: "Other",
}


@dataclass(frozen=True)
class Party:
    """A sender or a recipient: the name and the address as envelope lines (country printed apart)."""

    name: str
    address_lines: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class CustomsDeclaration:
    declaration: Declaration
    sender: Party
    recipient: Party
    invoice_number: str
    incoterm: str  # DDP: duties and taxes paid at checkout; DAP: due on delivery
    issued_on: date
    regime: str | None = None  # the destination's import regime code, e.g. "EU_IOSS", "GB_LOW_VALUE"
    uk_vat_number: str | None = None  # the platform's UK VAT number under the GBP 135 regime
    freight: Money | None = None  # shipping charged to the buyer, in the declaration's currency

    @property
    def form_title(self) -> str:
        return "CN 22" if self.declaration.form == "CN22" else "CN 23"

    @property
    def ioss_number(self) -> str | None:
        if "customs.ioss_over_limit" in self.declaration.notes:
            return None
        return self.declaration.ioss_number

    @property
    def eori_number(self) -> str | None:
        return self.declaration.eori_number

    @property
    def reason_for_export(self) -> str:
        return _REASONS[self.declaration.category]


__all__ = ["CustomsDeclaration", "Party"]

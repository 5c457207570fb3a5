"""The customs form (CN 22 or CN 23) and the commercial invoice of a parcel, as PDFs.

Contract: ``cn22_pdf(decl)`` and ``commercial_invoice_pdf(decl)`` take a
:class:`~marketplace.documents.customs_values.CustomsDeclaration` (plain values, no database) and return the
PDF's bytes. ``cn22_pdf`` prints the form the declaration names: "CN 22" within 300 SDR and 2 kg, else
"CN 23" (the title follows ``decl.form_title``). Both print, in English: the sender and the recipient with
their countries, each line's description, HS tariff number, country of origin, quantity, net weight and
value with its currency, the totals (value, net and gross weight), the incoterm, the reason for export
(the category), the IOSS number when the EU's IOSS regime applies, the UK VAT number when the GBP 135
regime applies, the EORI number when known, the date and a signature line. Weights print in kilograms to
the gram ("0.250 kg"); amounts as ``12.50 EUR`` (ISO code, the currency's own decimals).
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from marketplace.core.formatting import country_name
from marketplace.core.money import Money, Rounding
from marketplace.crossborder.customs import Category
from marketplace.documents.customs_values import CustomsDeclaration, Party
from marketplace.documents.pdf import FONT, new_document, to_bytes

CERTIFICATE = ("I certify that the particulars given in this customs declaration are correct and that this item "
               "does not contain any dangerous article prohibited by legislation or by postal or customs "
               "regulations.")
INVOICE_CERTIFICATE = ("I declare that the information on this invoice is true and correct and that the contents "
                       "of this shipment are as stated above.")
HEADINGS = FontFace(emphasis="BOLD")
_CATEGORY_BOXES = (
    (Category.GIFT, "Gift"),
    (Category.SAMPLE, "Commercial sample"),
    (Category.DOCUMENTS, "Documents"),
    (Category.RETURNED_GOODS, "Returned goods"),
    (Category.SALE_OF_GOODS, "Sale of goods"),
    (Category.OTHER, "Other"),
)


def kg(grams: int) -> str:
    """Grams as kilograms to three decimals: 250 -> "0.250 kg"."""
    return f"{grams // 1000}.{grams % 1000:03d} kg"


def _line(pdf: FPDF, text: str, *, bold: bool = False, size: float = 9, height: float = 4.6) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)


def _party(pdf: FPDF, heading: str, party: Party) -> None:
    _line(pdf, heading, bold=True)
    _line(pdf, party.name)
    for text in party.address_lines:
        _line(pdf, text)
    _line(pdf, f"{country_name(party.country, 'en')} ({party.country})")
    if party.phone:
        _line(pdf, f"Phone: {party.phone}")
    if party.email:
        _line(pdf, f"E-mail: {party.email}")
    pdf.ln(2)


def _identifiers(pdf: FPDF, decl: CustomsDeclaration) -> None:
    if decl.ioss_number:
        _line(pdf, f"IOSS number: {decl.ioss_number} (EU import VAT collected at the sale)")
    if decl.uk_vat_number:
        _line(pdf, f"UK VAT number: {decl.uk_vat_number} (UK VAT charged at the sale, goods up to GBP 135)")
    if decl.eori_number:
        _line(pdf, f"EORI number: {decl.eori_number}")


def _signature(pdf: FPDF, decl: CustomsDeclaration, certificate: str) -> None:
    pdf.ln(3)
    _line(pdf, certificate, size=8, height=4)
    pdf.ln(2)
    _line(pdf, f"Date: {decl.issued_on.isoformat()}")
    pdf.ln(6)
    _line(pdf, f"Signature: ______________________________   {decl.sender.name}")


def _items_table(pdf: FPDF, decl: CustomsDeclaration, *, unit_values: bool) -> None:
    d = decl.declaration
    heads = ["Description of contents", "HS tariff no.", "Origin", "Qty", "Net weight"]
    widths = [58, 24, 16, 12, 24]
    if unit_values:
        heads.append("Unit value")
        widths.append(28)
        widths[0] -= 28
    heads.append(f"Value ({d.currency})")
    widths.append(28 if unit_values else 60)
    pdf.set_font(FONT, "", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.4,
                   headings_style=HEADINGS) as table:
        table.row(heads)
        for item in d.items:
            row = [item.description, item.hs_code, item.origin_country, str(item.quantity), kg(item.net_weight_g)]
            if unit_values:
                unit = Money.of(item.value.to_decimal() / item.quantity, d.currency, Rounding.HALF_UP)
                row.append(str(unit))
            row.append(str(item.value))
            table.row(row)
    pdf.set_font(FONT, "", 9)
    pdf.ln(2)


def _totals(pdf: FPDF, decl: CustomsDeclaration) -> None:
    d = decl.declaration
    _line(pdf, f"Total value: {d.total_value}", bold=True)
    _line(pdf, f"Total net weight: {kg(d.total_net_weight_g)}")
    _line(pdf, f"Total gross weight: {kg(d.gross_weight_g)}")


def cn22_pdf(decl: CustomsDeclaration) -> bytes:
    """The CN 22 (or CN 23 above its limit) of the parcel; see the module contract."""
    d = decl.declaration
    pdf = new_document(f"Customs declaration {decl.form_title} {decl.invoice_number}")
    _line(pdf, f"CUSTOMS DECLARATION {decl.form_title}", bold=True, size=14, height=7)
    _line(pdf, "May be opened officially", size=8)
    _line(pdf, f"Reference: {decl.invoice_number}")
    pdf.ln(2)
    _party(pdf, "From (sender)", decl.sender)
    _party(pdf, "To (recipient)", decl.recipient)
    boxes = "   ".join(f"[{'X' if d.category is cat else ' '}] {label}" for cat, label in _CATEGORY_BOXES)
    _line(pdf, "Category of item", bold=True)
    _line(pdf, boxes)
    _line(pdf, f"Reason for export: {decl.reason_for_export}")
    _line(pdf, f"Incoterm: {decl.incoterm}")
    pdf.ln(2)
    _items_table(pdf, decl, unit_values=False)
    _totals(pdf, decl)
    _identifiers(pdf, decl)
    if d.commercial_invoice_required:
        _line(pdf, f"Commercial invoice attached: {decl.invoice_number}")
    _signature(pdf, decl, CERTIFICATE)
    return to_bytes(pdf)


def commercial_invoice_pdf(decl: CustomsDeclaration) -> bytes:
    """The commercial invoice of the parcel; see the module contract."""
    d = decl.declaration
    pdf = new_document(f"Commercial invoice {decl.invoice_number}")
    _line(pdf, "COMMERCIAL INVOICE", bold=True, size=14, height=7)
    _line(pdf, f"Invoice number: {decl.invoice_number}")
    _line(pdf, f"Invoice date: {decl.issued_on.isoformat()}")
    pdf.ln(2)
    _party(pdf, "Seller / exporter", decl.sender)
    _party(pdf, "Buyer / consignee", decl.recipient)
    _line(pdf, f"Country of export: {country_name(d.sender_country, 'en')} ({d.sender_country})")
    _line(pdf, f"Country of destination: {country_name(d.destination_country, 'en')} ({d.destination_country})")
    _line(pdf, f"Reason for export: {decl.reason_for_export}")
    _line(pdf, f"Incoterm: {decl.incoterm}")
    _line(pdf, f"Currency: {d.currency}")
    pdf.ln(2)
    _items_table(pdf, decl, unit_values=True)
    _line(pdf, f"Total goods value: {d.total_value}", bold=True)
    if decl.freight is not None:
        _line(pdf, f"Freight: {decl.freight}")
        _line(pdf, f"Invoice total: {d.total_value + decl.freight}", bold=True)
    _line(pdf, f"Total net weight: {kg(d.total_net_weight_g)}")
    _line(pdf, f"Total gross weight: {kg(d.gross_weight_g)}")
    _identifiers(pdf, decl)
    _signature(pdf, decl, INVOICE_CERTIFICATE)
    return to_bytes(pdf)


__all__ = ["cn22_pdf", "commercial_invoice_pdf", "kg"]

"""The shipping label: a 4 x 6 inch (102 x 152 mm) PDF page from plain values.

Contract:
- ``render(label)`` takes a :class:`ShippingLabel` and returns the PDF as ``bytes``: one page, 102 x 152 mm,
  with the carrier and service, the sender's lines (FROM), the recipient's full address (TO, large), the
  weight (``1.234 kg``), the reference, the tracking number as a Code 128 set B barcode (filled rectangles,
  one per bar, ``MODULE_MM`` wide per module or narrower if the number is long, quiet zones kept) with the
  number printed under it, and, when ``customs_form`` is given, the line
  ``CUSTOMS DECLARATION CN22 attached`` (or CN23; ``COMMERCIAL INVOICE attached`` for ``INVOICE``). ``notice`` (if any) is printed at the foot.
- All text is printed as given (Unicode, DejaVu Sans) and can be read back with pypdf.
- The recipient prints at 12 pt, or 10 or 8 pt when its wrapped lines would not leave room for the rest.
- Raises ``ValueError`` for a tracking number Code 128 set B cannot carry, an empty address, or a recipient
  too long for the page even at 8 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.documents import code128
from marketplace.documents.pdf import FONT, new_document, to_bytes

PAGE_MM = (101.6, 152.4)
MARGIN_MM = 4.0
MODULE_MM = 0.45
BARCODE_HEIGHT_MM = 20.0
RECIPIENT_SIZES = (12, 10, 8)
"""The recipient's address prints in the largest of these point sizes that fits the page."""
LINE_FACTOR = 0.4333  # line height in mm per point of font size
BELOW_ADDRESS_MM = 2 + 3 + BARCODE_HEIGHT_MM + 1 + 6 + 6  # rule, barcode, its number, the customs line
FOOT_MM = 7.0  # the notice


@dataclass(frozen=True)
class ShippingLabel:
    """What a label shows. Address lines are printed in order (name first, country last)."""

    carrier: str
    service: str
    tracking_number: str
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    weight_g: int
    reference: str = ""
    customs_form: str | None = None  # "CN22" | "CN23" | "INVOICE" when a customs declaration goes with the parcel
    notice: str = ""


def weight_text(weight_g: int) -> str:
    """Grams as kilograms with three decimals, exactly: 1234 -> "1.234 kg"."""
    return f"{weight_g // 1000}.{weight_g % 1000:03d} kg"


def customs_note(form: str) -> str:
    """The line that tells the carrier which customs document travels with the parcel."""
    return "COMMERCIAL INVOICE attached" if form == "INVOICE" else f"CUSTOMS DECLARATION {form} attached"


def _barcode(pdf, text: str, top: float) -> float:  # noqa: ANN001 - fpdf.FPDF
    """Draw ``text`` as Code 128 centred on the page at ``top``; return the bottom edge."""
    widths = code128.encode(text)
    modules = sum(widths) + 2 * code128.QUIET_ZONE_MODULES
    usable = PAGE_MM[0] - 2 * MARGIN_MM
    module = min(MODULE_MM, usable / modules)
    x = (PAGE_MM[0] - (modules - 2 * code128.QUIET_ZONE_MODULES) * module) / 2
    for index, width in enumerate(widths):
        if index % 2 == 0:  # bars at even positions, spaces between
            pdf.rect(x, top, width * module, BARCODE_HEIGHT_MM, style="F")
        x += width * module
    return top + BARCODE_HEIGHT_MM


def _height(pdf, lines: tuple[str, ...], size: float) -> float:  # noqa: ANN001 - fpdf.FPDF
    """The height ``lines`` take in bold ``size`` pt across the label's width, wrapped as printed."""
    pdf.set_font(FONT, "B", size)
    width = PAGE_MM[0] - 2 * MARGIN_MM
    return sum(pdf.multi_cell(width, size * LINE_FACTOR, line, dry_run=True, output="HEIGHT") for line in lines)


def render(label: ShippingLabel) -> bytes:
    if not label.sender or not label.recipient:
        raise ValueError("a label needs the sender's and the recipient's address")
    code128.values(label.tracking_number)  # refuse before drawing anything
    pdf = new_document(f"Shipping label {label.tracking_number}", PAGE_MM)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=False)
    width = PAGE_MM[0] - 2 * MARGIN_MM
    pdf.set_xy(MARGIN_MM, MARGIN_MM)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(width, 6, label.carrier, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.cell(width, 5, f"Service: {label.service}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 5, f"Weight: {weight_text(label.weight_g)}", new_x="LMARGIN", new_y="NEXT")
    if label.reference:
        pdf.cell(width, 5, f"Reference: {label.reference}", new_x="LMARGIN", new_y="NEXT")
    pdf.line(MARGIN_MM, pdf.get_y() + 1, PAGE_MM[0] - MARGIN_MM, pdf.get_y() + 1)
    pdf.set_y(pdf.get_y() + 2)
    pdf.set_font(FONT, "B", 7)
    pdf.cell(width, 4, "FROM", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
    for line in label.sender:
        pdf.multi_cell(width, 3.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 2)
    pdf.set_font(FONT, "B", 7)
    pdf.cell(width, 4, "TO", new_x="LMARGIN", new_y="NEXT")
    room = PAGE_MM[1] - MARGIN_MM - FOOT_MM - BELOW_ADDRESS_MM - pdf.get_y()
    size = next((size for size in RECIPIENT_SIZES if _height(pdf, label.recipient, size) <= room), None)
    if size is None:
        raise ValueError("the recipient's address is too long for a 4 x 6 inch label")
    pdf.set_font(FONT, "B", size)
    for line in label.recipient:
        pdf.multi_cell(width, size * LINE_FACTOR, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 2)
    pdf.line(MARGIN_MM, pdf.get_y(), PAGE_MM[0] - MARGIN_MM, pdf.get_y())
    bottom = _barcode(pdf, label.tracking_number, pdf.get_y() + 3)
    pdf.set_xy(MARGIN_MM, bottom + 1)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(width, 6, label.tracking_number, align="C", new_x="LMARGIN", new_y="NEXT")
    if label.customs_form:
        pdf.set_font(FONT, "B", 9)
        pdf.cell(width, 6, customs_note(label.customs_form), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    if label.notice:
        pdf.set_font(FONT, "", 6)
        pdf.set_xy(MARGIN_MM, PAGE_MM[1] - MARGIN_MM - 6)
        pdf.multi_cell(width, 3, label.notice, align="C")
    return to_bytes(pdf)


__all__ = ["BARCODE_HEIGHT_MM", "MODULE_MM", "PAGE_MM", "ShippingLabel", "customs_note", "render", "weight_text"]

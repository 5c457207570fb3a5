"""The PDF set-up every document shares: fpdf2 with DejaVu Sans embedded (Unicode, so names like "Müller" or
"Łódź" print as written), no compression of text (tests read it back with pypdf), metadata naming Meridian.

Contract: ``new_document(title, size)`` returns an ``FPDF`` with one page added, the font set to
``FONT`` (regular, 9 pt) and automatic page breaks on; ``to_bytes(pdf)`` returns the finished file.
Sizes are fpdf2's names ("A4", "A6") or a (width, height) tuple in millimetres.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVu"


def new_document(title: str, size: str | tuple[float, float] = "A4") -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format=size)
    pdf.set_title(title)
    pdf.set_author("Meridian")
    pdf.set_creator("Meridian marketplace")
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=8)
    pdf.set_margins(8, 8, 8)
    pdf.add_page()
    pdf.set_font(FONT, "", 9)
    return pdf


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())

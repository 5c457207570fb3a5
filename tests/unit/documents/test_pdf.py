"""The shared PDF set-up (documents/pdf.py): Unicode text survives and reads back."""

from __future__ import annotations

import io

from pypdf import PdfReader

from marketplace.documents.pdf import new_document, to_bytes


def test_unicode_text_reads_back_from_the_pdf():
    pdf = new_document("Test")
    pdf.cell(text="Jürgen Müller, Łódź — 12 × 3")
    data = to_bytes(pdf)
    assert data.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Jürgen Müller, Łódź — 12 × 3" in text
    assert PdfReader(io.BytesIO(data)).metadata.title == "Test"

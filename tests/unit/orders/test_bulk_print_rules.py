"""Bulk print without a database: which order numbers a selection names, and merging PDFs page by page."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from marketplace.core.errors import ValidationError
from marketplace.orders.bulk_print import MAX_ORDERS, merge_pdfs, parse_numbers


def _pdf(*texts: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in texts:
        pdf.add_page()
        pdf.cell(text=text)
    return bytes(pdf.output())


@pytest.mark.parametrize("value, numbers", [
    ("A-1,B-2", ["A-1", "B-2"]), (" A-1 , A-1,,B-2 ", ["A-1", "B-2"]), (["A-1", "B-2"], ["A-1", "B-2"]),
])
def test_a_selection_is_trimmed_without_repeats(value, numbers):
    assert parse_numbers(value) == numbers


@pytest.mark.parametrize("value", ["", ",,", None, 5, ["A-1", 2], "X" * 25,
                                   ",".join(f"N-{i}" for i in range(MAX_ORDERS + 1))])
def test_an_empty_malformed_or_too_big_selection_is_refused(value):
    with pytest.raises(ValidationError):
        parse_numbers(value)


def test_pdfs_are_merged_page_by_page_in_order():
    merged = merge_pdfs([_pdf("label one"), _pdf("customs two", "invoice three")])
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(merged)).pages]
    assert texts == ["label one", "customs two", "invoice three"]


def test_a_stored_file_that_is_not_a_pdf_is_a_value_error():
    with pytest.raises(ValueError):
        merge_pdfs([_pdf("fine"), b"not a pdf at all"])

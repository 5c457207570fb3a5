"""Bulk print: one PDF with the labels (or the customs documents) of several of the seller's own orders.

Contract:
- :func:`bulk_documents(session, caller, numbers, kind)` -> :class:`BulkDocuments`: for a seller (or staff),
  ``numbers`` 1-``MAX_ORDERS`` vendor order numbers and ``kind`` ``label`` | ``customs``. Each number goes
  through the same check as one order's page (``seller_orders.order_id_for``: another vendor's order, an
  unknown number and a malformed one are all the same ``NotFound``, so nothing is told about other vendors'
  orders and nothing of theirs is ever printed). ``customs`` takes the customs declaration and the commercial
  invoice, in that order. It returns the stored names of the current (not voided) parcel's documents, in the
  order the numbers were given, and the numbers that have none (no label bought yet, or no customs needed).
  None of them having any raises ``ValidationError`` (``nothing_to_print``).
- :func:`merge_pdfs(parts)` joins PDF files (bytes) into one with pypdf, page by page, in order; a part that
  is not a readable PDF raises ``ValueError``. Read-only.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from sqlmodel import Session

from marketplace.accounts.service import Caller
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.fulfilment import current_shipment
from marketplace.orders.label_void import VOIDED
from marketplace.orders.labels import documents_of
from marketplace.orders.seller_orders import order_id_for

MAX_ORDERS = 50
KINDS: dict[str, tuple[str, ...]] = {"label": ("label",), "customs": ("customs", "invoice")}


@dataclass(frozen=True)
class BulkDocuments:
    filename: str
    stored: tuple[str, ...]  # stored document names, in print order
    missing: tuple[str, ...]  # order numbers without the documents


def parse_numbers(value: object) -> list[str]:
    """Order numbers from ``"A,B,C"`` or a list: trimmed, without repeats, 1-``MAX_ORDERS`` of them."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise _selection()
    numbers: list[str] = []
    for item in items:
        if not isinstance(item, str) or len(item.strip()) > 24:
            raise _selection()
        if item.strip() and item.strip() not in numbers:
            numbers.append(item.strip())
    if not 1 <= len(numbers) <= MAX_ORDERS:
        raise _selection()
    return numbers


def bulk_documents(session: Session, caller: Caller | None, numbers: object, kind: object) -> BulkDocuments:
    if not isinstance(kind, str) or kind not in KINDS:
        raise _selection()
    chosen = parse_numbers(numbers)
    stored: list[str] = []
    missing: list[str] = []
    for number in chosen:
        order_id = order_id_for(session, caller, number)
        shipment = current_shipment(session, order_id)
        documents = documents_of(shipment) if shipment is not None and shipment.status != VOIDED else {}
        found = [documents[name] for name in KINDS[kind] if name in documents]
        stored.extend(found)
        if not found:
            missing.append(number)
    if not stored:
        raise ValidationError(N_("None of the selected orders has this document yet: buy their labels first."),
                              code=OrderErrorCode.NOTHING_TO_PRINT)
    name = "labels" if kind == "label" else "customs-documents"
    return BulkDocuments(filename=f"{name}-{len(chosen)}-orders.pdf", stored=tuple(stored), missing=tuple(missing))


def merge_pdfs(parts: Iterable[bytes]) -> bytes:
    writer = PdfWriter()
    try:
        for part in parts:
            for page in PdfReader(io.BytesIO(part)).pages:
                writer.add_page(page)
    except PyPdfError as error:
        raise ValueError(f"a stored document is not a readable PDF: {error}") from error
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _selection() -> ValidationError:
    return ValidationError(N_("Select from 1 to %(max)s orders to print."), code=OrderErrorCode.PRINT_SELECTION_INVALID,
                           max=MAX_ORDERS)


__all__ = ["KINDS", "MAX_ORDERS", "BulkDocuments", "bulk_documents", "merge_pdfs", "parse_numbers"]

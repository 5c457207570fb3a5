"""Verification documents a seller uploads (a business registration, proof of address, an ID).

Contract:
- Every function takes the :class:`Caller` from the server-side session and acts only on the caller's own
  shop (``require_vendor``); a document id of another shop, or none, is :class:`NotFound` (the same answer).
- ``check_document(data, claimed_name)`` is pure: PDF, JPEG or PNG only, the type sniffed from the bytes
  (the claimed name and the browser's type are ignored), at most ``MAX_BYTES`` (10 MB), not empty; a PDF must
  start with ``%PDF-`` and end with ``%%EOF`` (a truncated file is refused), an image must decode with Pillow
  (within its pixel limit). Each refusal has its own :class:`VendorErrorCode`.
- ``add_documents`` checks every file first (one bad file stores none), then writes each into the private
  document store (``core/files.py``, under ``vendor-documents/<random folder>/``: never the public upload
  directory) and adds a :class:`VendorDocument` row; at most ``MAX_DOCUMENTS`` per shop. Uploading needs
  ``shop_status`` to allow ``EDIT_PROFILE``.
- ``remove_document`` deletes the row and the file, only while the shop is ``pending`` (once staff approved
  the shop, its documents are the record of what they checked).
- ``shop_documents`` lists name, type, size and date, newest first.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PIL import Image, UnidentifiedImageError
from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.core.files import DocumentStore, private_name
from marketplace.core.i18n import N_
from marketplace.core.text import positive_id
from marketplace.models import Vendor, VendorDocument, VendorStatus
from marketplace.vendors import shop_status
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.shop_status import ShopAction

MAX_BYTES = 10 * 1024 * 1024
MAX_DOCUMENTS = 10
FOLDER = "vendor-documents"
TYPES = {"PDF": ("application/pdf", "pdf"), "JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}

MSG_TOO_LARGE = N_("This file is larger than 10 MB. Please upload a smaller file.")
MSG_EMPTY = N_("This file is empty.")
MSG_TYPE = N_("Only PDF, JPEG and PNG files can be uploaded; this file is not one of them.")
MSG_CORRUPT = N_("This file is damaged or incomplete and can't be read.")


class RemovableStore(DocumentStore, Protocol):
    def delete(self, relative_name: str) -> None: ...


@dataclass(frozen=True)
class CheckedDocument:
    kind: str  # PDF | JPEG | PNG
    name: str
    data: bytes


@dataclass(frozen=True)
class DocumentView:
    id: int
    name: str
    kind: str
    size_bytes: int
    created_at: datetime
    removable: bool


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    return None


def _clean_name(claimed: object, kind: str) -> str:
    name = claimed if isinstance(claimed, str) else ""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:120] or f"document.{TYPES[kind][1]}"


class DocumentRefused(ValidationError):
    """An uploaded document refused; ``code`` says why (type, size, count)."""

    default_code = VendorErrorCode.DOCUMENT_TYPE


def _refuse(message: str, code: VendorErrorCode) -> DocumentRefused:
    return DocumentRefused(message, code=code, field="documents")


def check_document(data: object, claimed_name: object) -> CheckedDocument:
    if not isinstance(data, bytes | bytearray):
        raise _refuse(MSG_TYPE, VendorErrorCode.DOCUMENT_TYPE)
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise _refuse(MSG_TOO_LARGE, VendorErrorCode.DOCUMENT_TOO_LARGE)
    if not data:
        raise _refuse(MSG_EMPTY, VendorErrorCode.DOCUMENT_TYPE)
    kind = _sniff(data)
    if kind is None:
        raise _refuse(MSG_TYPE, VendorErrorCode.DOCUMENT_TYPE)
    if kind == "PDF":
        if b"%%EOF" not in data[-1024:]:
            raise _refuse(MSG_CORRUPT, VendorErrorCode.DOCUMENT_TYPE)
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    image.verify()
                with Image.open(io.BytesIO(data)) as image:
                    image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):
            raise _refuse(MSG_CORRUPT, VendorErrorCode.DOCUMENT_TYPE) from None
    return CheckedDocument(kind=kind, name=_clean_name(claimed_name, kind), data=data)


def _vendor(session: Session, caller: Caller | None) -> tuple[Caller, Vendor]:
    caller, vendor_id = require_vendor(caller, Capability.PROFILE)
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find your shop.", code=VendorErrorCode.SHOP_NOT_FOUND)
    return caller, vendor


def _views(session: Session, vendor: Vendor) -> list[DocumentView]:
    rows = session.exec(select(VendorDocument).where(VendorDocument.vendor_id == vendor.id)
                        .order_by(VendorDocument.created_at.desc(), VendorDocument.id.desc())).all()
    kinds = {mime: kind for kind, (mime, _) in TYPES.items()}
    return [DocumentView(id=r.id, name=r.file_name, kind=kinds.get(r.content_type, "?"), size_bytes=r.size_bytes,
                         created_at=r.created_at, removable=vendor.status == VendorStatus.PENDING) for r in rows]


def shop_documents(session: Session, caller: Caller | None) -> list[DocumentView]:
    _, vendor = _vendor(session, caller)
    return _views(session, vendor)


def add_documents(session: Session, caller: Caller | None, files: object, store: RemovableStore) -> list[DocumentView]:
    caller, vendor = _vendor(session, caller)
    shop_status.require(vendor.status, ShopAction.EDIT_PROFILE)
    if not isinstance(files, list) or not files:
        raise _refuse(N_("Choose a file to upload."), VendorErrorCode.DOCUMENT_MISSING)
    have = int(session.exec(select(func.count()).select_from(VendorDocument)
                            .where(VendorDocument.vendor_id == vendor.id)).one())
    if have + len(files) > MAX_DOCUMENTS:
        raise ValidationError("A shop can keep at most %(max)s documents. Remove one first.",
                              code=VendorErrorCode.DOCUMENT_LIMIT, field="documents", max=MAX_DOCUMENTS)
    checked = [check_document(item[1], item[0]) if isinstance(item, tuple) and len(item) == 2
               else check_document(None, None) for item in files]
    stored: list[str] = []
    try:
        for doc in checked:
            name = f"{FOLDER}/{private_name(f'vendor{vendor.id}')}/document.{TYPES[doc.kind][1]}"
            store.save(name, doc.data)
            stored.append(name)
            session.add(VendorDocument(vendor_id=vendor.id, file_name=doc.name, content_type=TYPES[doc.kind][0],
                                       size_bytes=len(doc.data), storage_name=name, uploaded_by=caller.user_id))
            audit.record(session, "vendor.document_added", actor_user_id=caller.user_id, entity_type="vendor",
                         entity_id=vendor.id, kind=doc.kind, size=len(doc.data))
        session.flush()
    except BaseException:
        for name in stored:
            store.delete(name)
        raise
    return _views(session, vendor)


def remove_document(session: Session, caller: Caller | None, document_id: object,
                    store: RemovableStore) -> list[DocumentView]:
    caller, vendor = _vendor(session, caller)
    doc_id = positive_id(document_id)
    row = session.get(VendorDocument, doc_id) if doc_id else None
    if row is None or row.vendor_id != vendor.id:
        raise NotFound("We couldn't find that document.", code=VendorErrorCode.DOCUMENT_NOT_FOUND)
    if vendor.status != VendorStatus.PENDING:
        raise PermissionDenied("Documents can be removed only while your application is being reviewed.",
                               code=VendorErrorCode.SHOP_ACTION_NOT_ALLOWED)
    name = row.storage_name
    session.delete(row)
    audit.record(session, "vendor.document_removed", actor_user_id=caller.user_id, entity_type="vendor",
                 entity_id=vendor.id, document_id=doc_id)
    session.flush()
    store.delete(name)
    return _views(session, vendor)



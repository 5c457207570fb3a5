"""The "Verification documents" section of the seller's profile page: upload PDF, JPEG or PNG files (checked
again on the server from their bytes), see them listed with name, type, size and date, and remove one while
the application is being reviewed.

Every handler re-derives the seller from the session cookie; the upload arrives through Reflex's
``POST /_upload`` and each file is read with a cap of 10 MB + 1 byte, so a larger one is refused without being
held whole. Files go to the private document store, never the public upload directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import reflex as rx

from marketplace.components.drop_zone import drop_zone
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.files import FileStore
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.models import Role
from marketplace.pages.seller.common import parse_id
from marketplace.pages.seller.profile_fields import section
from marketplace.pages.seller.profile_status import ProfileStatusState
from marketplace.present.problems import problem_text
from marketplace.state.auth import role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import documents as vendor_documents

UPLOAD_ID = "vendor-documents"
ACCEPT = {"application/pdf": [".pdf"], "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]}


@dataclass(frozen=True)
class DocumentRow:
    id: str = ""
    name: str = ""
    details: str = ""  # "PDF · 120 KB · 2 Dec 2026"
    removable: bool = False


def _size(size: int, locale: str) -> str:
    if size >= 1024 * 1024:  # one decimal, exact: tenths of a megabyte rounded half up in integers
        tenths = (size * 10 + 512 * 1024) // (1024 * 1024)
        return f"{formatting.format_number(Decimal(tenths) / 10, locale)} MB"
    return f"{formatting.format_number(max(1, (size + 512) // 1024), locale)} KB"


class SellerDocumentsState(rx.State):
    documents: list[DocumentRow] = []
    error: str = ""
    notice: str = ""

    def _show(self, rows: list[vendor_documents.DocumentView], lang: str, saved: str = "") -> None:
        locale = format_locale(lang)
        self.documents = [DocumentRow(
            id=str(r.id), name=r.name, removable=r.removable,
            details=f"{r.kind} · {_size(r.size_bytes, locale)} · {formatting.format_date(r.created_at, locale)}",
        ) for r in rows]
        self.error, self.notice = "", translate(lang, saved) if saved else ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        self.documents, self.error, self.notice = [], "", ""
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_service(vendor_documents.shop_documents, caller)
        except DomainError:
            return  # the profile section above shows the refusal
        self._show(rows, lang)

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            payload: list[tuple[str, bytes]] = []
            if isinstance(files, list):
                for f in files[: vendor_documents.MAX_DOCUMENTS + 1]:
                    data = await f.read(vendor_documents.MAX_BYTES + 1)
                    payload.append((str(f.name or "")[:300], data if isinstance(data, bytes) else b""))
            if not payload:
                return
            rows = await run_write(vendor_documents.add_documents, caller, payload, FileStore())
        except DomainError as exc:
            self.error, self.notice = problem_text(lang, exc), ""
            return None
        self._show(rows, lang, N_("Document uploaded."))
        return ProfileStatusState.load

    @rx.event
    async def refused_in_browser(self, names: list):
        """The browser's own check refused files (``names`` for display only); say why in our words."""
        lang, _, _ = await market(self)
        self.error, self.notice = translate(lang, vendor_documents.MSG_TYPE), ""

    @rx.event
    async def remove(self, document_id: str):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            rows = await run_write(vendor_documents.remove_document, caller, parse_id(document_id) or 0, FileStore())
        except DomainError as exc:
            self.error, self.notice = problem_text(lang, exc), ""
            return None
        self._show(rows, lang, N_("Document removed."))
        return ProfileStatusState.load


def _document(d: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon("file-text", size=20, aria_hidden="true", flex_shrink="0"),
        rx.vstack(rx.text(d.name, weight="medium", size="2", class_name="seller-product-name"),
                  rx.text(d.details, size="1", color="var(--gray-11)"), spacing="0", flex="1", min_width="0"),
        rx.cond(d.removable, rx.button(rx.icon("trash-2", size=14), t("Remove"), variant="soft", color_scheme="red",
                                       size="2", class_name="touch-target",
                                       on_click=SellerDocumentsState.remove(d.id))),
        spacing="3", align="center", width="100%", class_name="table-row",
    )


def documents_section() -> rx.Component:
    s = SellerDocumentsState
    return section(
        N_("Verification documents"),
        rx.text(t("A business registration, proof of address or ID: PDF, JPEG or PNG, up to 10 MB each. Only our "
                  "review team sees them."), size="2", color="var(--gray-11)"),
        drop_zone(UPLOAD_ID, ACCEPT, vendor_documents.MAX_DOCUMENTS, "file-up", N_("Drop files here or click to choose"),
                  SellerDocumentsState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
                  SellerDocumentsState.refused_in_browser),
        rx.cond(s.error, rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert", width="100%",
                                    id="documents-error")),
        rx.cond(s.notice, rx.text(s.notice, size="2", color="var(--green-12)", role="status", id="documents-notice")),
        rx.cond(s.documents.length() > 0,
                rx.vstack(rx.foreach(s.documents, _document), spacing="0", width="100%", class_name="table-card",
                          id="documents-list"),
                rx.text(t("No documents yet."), size="2", color="var(--gray-11)")),
        id="documents-section",
    )

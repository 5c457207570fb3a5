"""Documents a seller uploads for verification (a business registration, proof of address, an ID).

The file itself lives in the private document store (``core/files.py``, never the public upload directory)
under ``storage_name``; this row holds what the seller and staff see about it. No business logic:
``vendors/documents.py`` checks, stores and removes them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from marketplace.models._types import utc_datetime


class VendorDocument(SQLModel, table=True):
    __tablename__ = "vendor_documents"

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendors.id", index=True, ondelete="CASCADE")
    file_name: str = Field(sa_type=String(120))  # the name the seller's file had, cleaned, for display only
    content_type: str = Field(sa_type=String(40))  # sniffed from the bytes: application/pdf, image/jpeg, image/png
    size_bytes: int = Field(ge=0)
    storage_name: str = Field(sa_type=String(200))  # relative name in the private document store
    uploaded_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = utc_datetime()

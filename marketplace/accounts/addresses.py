"""A signed-in shopper's saved addresses, shaped as the checkout form's fields (``address_format`` names).

Contract: ``saved_addresses(session, user_id, country)`` returns only that user's addresses in that
country (the ship-to country of the checkout), the default first; values are plain text for prefilling a
form, which validates them again on submit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from marketplace.models import Address


@dataclass(frozen=True)
class SavedAddress:
    id: int
    label: str
    summary: str
    fields: dict[str, str]


def saved_addresses(session: Session, user_id: int, country: str) -> list[SavedAddress]:
    rows = session.exec(select(Address).where(Address.user_id == user_id, Address.country == country)
                        .order_by(Address.is_default.desc(), Address.id)).all()
    return [SavedAddress(
        id=row.id, label=row.label,
        summary=", ".join(part for part in (row.full_name, row.line1, row.postal_code, row.city) if part),
        fields={"name": row.full_name, "street_address": row.line1, "address_line2": row.line2 or "",
                "city": row.city, "country_area": row.region or "", "postal_code": row.postal_code or "",
                "phone": row.phone or ""}) for row in rows]

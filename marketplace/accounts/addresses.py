"""The shopper's saved addresses: list, add, edit, delete and choose the default, validated per country.

Contract:
- The user id comes from the server-side session; every function reads and changes only that user's rows.
  Another user's address id, or one that does not exist, is :class:`NotFound` with the same message.
- The country must be a ship-to destination (``crossborder.markets.DESTINATIONS``). The fields are validated
  and normalised by :func:`marketplace.accounts.address_format.validate_address` (its
  :class:`~marketplace.accounts.address_format.AddressInvalid` names each bad field). Only the fields the
  ``addresses`` table stores are read: name, street, second line, city, region, postal code and phone (company,
  city area and sorting code are optional everywhere and not kept).
- The label ("Home", "Work") is one line of at most 40 characters, unique per shopper.
- At most ``MAX_ADDRESSES`` per shopper. The first address becomes the default; exactly one address is the
  default while any exist (deleting the default promotes the most recently added other one).
- Errors change nothing.
- ``saved_addresses(session, user_id, country)`` serves the checkout form: only that user's addresses in
  the checkout's ship-to country, the default first, as the form's field values (plain text for
  prefilling; the form validates them again on submit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import phonenumbers
from sqlalchemy import func, update
from sqlmodel import Session, select

from marketplace.accounts import address_format as fmt
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.text import clean_text, positive_id
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.models import Address

MAX_ADDRESSES = 20
LABEL_MAX = 40
_NOT_FOUND = "We couldn't find that address."
FORM_FIELDS = (fmt.NAME, fmt.STREET, fmt.STREET_2, fmt.CITY, fmt.REGION, fmt.POSTAL, fmt.PHONE)


@dataclass(frozen=True)
class AddressView:
    id: int
    label: str
    country: str
    lines: tuple[str, ...]  # envelope lines in the country's order
    phone: str  # for display, international format
    is_default: bool
    values: dict[str, str]  # the form's values, to edit it


def form_fields(country: str) -> tuple[fmt.FieldSpec, ...]:
    """The fields of the address form for ``country`` that are stored, in the country's order."""
    return tuple(f for f in fmt.address_form(country).fields if f.name in FORM_FIELDS)


def _country(country: object) -> str:
    if not isinstance(country, str) or country.upper() not in DESTINATIONS:
        raise ValidationError("We don't ship to that country yet.", code=AccountErrorCode.COUNTRY_NOT_SHIPPED, field="country")
    return country.upper()


def _postal(row: Address) -> fmt.PostalAddress:
    region = row.region or ""
    return fmt.PostalAddress(
        country=row.country, name=row.full_name, street_address=row.line1, address_line2=row.line2 or "",
        city=row.city, postal_code=row.postal_code or "", country_area=region,
        country_area_name=fmt.region_name(row.country, region) if region else "", phone=row.phone or "")


def _phone_display(e164: str | None) -> str:
    """+49301234567 -> "+49 30 1234567" (international format) for showing; stored as E.164."""
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def _view(row: Address) -> AddressView:
    return AddressView(
        id=row.id, label=row.label, country=row.country, lines=_postal(row).lines(), phone=_phone_display(row.phone),
        is_default=row.is_default,
        values={fmt.NAME: row.full_name, fmt.STREET: row.line1, fmt.STREET_2: row.line2 or "", fmt.CITY: row.city,
                fmt.REGION: row.region or "", fmt.POSTAL: row.postal_code or "", fmt.PHONE: row.phone or ""})


def my_addresses(session: Session, user_id: int) -> list[AddressView]:
    """The shopper's addresses, the default first, then the most recently added."""
    rows = session.exec(select(Address).where(Address.user_id == user_id)
                        .order_by(Address.is_default.desc(), Address.id.desc())).all()
    return [_view(r) for r in rows]


def _own(session: Session, user_id: int, address_id: object) -> Address:
    aid = positive_id(address_id)
    row = session.get(Address, aid) if aid else None
    if row is None or row.user_id != user_id:
        raise NotFound(_NOT_FOUND, code=AccountErrorCode.ADDRESS_NOT_FOUND)
    return row


def save(session: Session, user_id: int, *, country: object, data: object, label: object = "Home",
         address_id: object = None, make_default: object = False) -> AddressView:
    """Add an address (``address_id`` None) or replace one of the shopper's own; returns it as saved."""
    row = _own(session, user_id, address_id) if address_id not in (None, "") else None
    code = _country(country)
    if not isinstance(data, Mapping):
        raise ValidationError("Check the highlighted fields.", code=AccountErrorCode.ADDRESS_INVALID)
    label = clean_text(label, max_length=LABEL_MAX, multiline=False, empty_message="Give this address a name, "
                       "like Home or Work.", long_message="Use at most %(max)s characters for the name.",
                       field="label")
    address = fmt.validate_address(code, {k: data.get(k) for k in FORM_FIELDS})
    clash = session.exec(select(Address.id).where(Address.user_id == user_id, Address.label == label)).first()
    if clash is not None and (row is None or clash != row.id):
        raise ValidationError("You already have an address called %(label)s.", code=AccountErrorCode.ADDRESS_LABEL_TAKEN,
                              field="label", label=label)
    count = session.exec(select(func.count()).select_from(Address).where(Address.user_id == user_id)).one()
    if row is None and count >= MAX_ADDRESSES:
        raise ValidationError("You can save at most %(max)s addresses. Delete one first.", code=AccountErrorCode.ADDRESS_LIMIT,
                              max=MAX_ADDRESSES)
    if row is None:
        row = Address(user_id=user_id, is_default=count == 0, full_name="", line1="", city="", country=code)
    row.label, row.country, row.full_name, row.line1 = label, code, address.name, address.street_address
    row.line2 = address.address_line2 or None
    row.city, row.region = address.city, address.country_area or None
    row.postal_code, row.phone = address.postal_code or None, address.phone or None
    session.add(row)
    session.flush()
    if make_default is True:
        _make_default(session, user_id, row)
    return _view(row)


def _make_default(session: Session, user_id: int, row: Address) -> None:
    session.exec(update(Address).where(Address.user_id == user_id, Address.id != row.id).values(is_default=False))
    row.is_default = True
    session.add(row)
    session.flush()


def set_default(session: Session, user_id: int, address_id: object) -> None:
    _make_default(session, user_id, _own(session, user_id, address_id))


def delete(session: Session, user_id: int, address_id: object) -> None:
    row = _own(session, user_id, address_id)
    was_default = row.is_default
    session.delete(row)
    session.flush()
    if was_default:
        successor = session.exec(select(Address).where(Address.user_id == user_id)
                                 .order_by(Address.id.desc())).first()
        if successor is not None:
            _make_default(session, user_id, successor)


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

"""The seller's business profile form: its fields per country and their validation (shared by applying and by
editing the profile later).

Contract (pure: no database, no Reflex):
- ``SELLER_COUNTRIES`` are the countries a shop may be based in: the platform's markets
  (``crossborder.markets.DESTINATIONS``), which are the countries it ships from and to.
- ``address_fields(country)`` are the ship-from address inputs of the existing per-country address forms
  (``accounts/address_format.py``: street, city, region, postal code in the country's order, with their
  labels, examples and region choices). The return address, when it is not the ship-from address, uses the
  same country's form (its fields prefixed ``return_``).
- ``validate_profile(data)`` -> :class:`Profile`, or :class:`ProfileInvalid` whose ``errors`` maps each bad
  field to ``(msgid, params)`` (every field is checked; nothing is half accepted): legal name (<= 200),
  trading name (<= 120), country, the address (``validate_address``), contact phone (``phonenumbers``, E.164),
  the VAT / tax id (``tax_ids.validate_tax_id``), optional EORI and IOSS numbers, the return window (whole
  days, 14-365) and the return address (same as ship-from, or its own name and address).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from marketplace.accounts import address_format as fmt
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.vendors import tax_ids
from marketplace.vendors.error_codes import VendorErrorCode

SELLER_COUNTRIES = DESTINATIONS
ADDRESS_FIELDS = (fmt.STREET, fmt.CITY, fmt.REGION, fmt.POSTAL)
RETURN_PREFIX = "return_"
LEGAL_MAX, DISPLAY_MAX, RETURN_NAME_MAX = 200, 120, 100
RETURN_MIN, RETURN_MAX = 14, 365
Errors = dict[str, tuple[str, dict[str, object]]]


class ProfileInvalid(ValidationError):
    """One or more profile fields are wrong; ``errors`` maps field name -> (msgid, params)."""

    default_code = VendorErrorCode.PROFILE_INVALID

    def __init__(self, errors: Errors) -> None:
        super().__init__("Check the highlighted fields.")
        self.errors = errors


@dataclass(frozen=True)
class Profile:
    legal_name: str
    display_name: str
    country: str
    street_address: str
    city: str
    region: str
    postal_code: str
    phone: str  # E.164
    vat_number: str
    tax_id_scheme: str
    eori_number: str
    ioss_number: str
    return_window_days: int
    return_same: bool
    return_name: str = ""
    return_street_address: str = ""
    return_city: str = ""
    return_region: str = ""
    return_postal_code: str = ""


def address_fields(country: str) -> tuple[fmt.FieldSpec, ...]:
    return tuple(f for f in fmt.address_form(country).fields if f.name in ADDRESS_FIELDS)


def _text(data: Mapping[str, object], name: str, limit: int, errors: Errors, required_msg: str) -> str:
    text, error = fmt.clean_text(data.get(name), limit)
    if error:
        errors[name] = error
    elif not text:
        errors[name] = (required_msg, {})
    return text


def _window(raw: object, errors: Errors) -> int:
    text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if text.isdigit() and len(text) <= 4 and RETURN_MIN <= int(text) <= RETURN_MAX:
        return int(text)
    errors["return_window_days"] = (N_("Enter a return window of %(low)s to %(high)s days."),
                                    {"low": RETURN_MIN, "high": RETURN_MAX})
    return RETURN_MIN


def _address(country: str, data: Mapping[str, object], prefix: str, name: str, phone: str,
             errors: Errors) -> fmt.PostalAddress | None:
    values = {f: data.get(prefix + f) for f in ADDRESS_FIELDS}
    try:
        return fmt.validate_address(country, {**values, fmt.NAME: name or "-", fmt.PHONE: phone})
    except fmt.AddressInvalid as exc:
        for field, error in exc.errors.items():
            if field in ADDRESS_FIELDS:
                errors[prefix + field] = error
            elif field == fmt.PHONE and not prefix:
                errors["phone"] = error
    return None


def validate_profile(data: object) -> Profile:
    if not isinstance(data, Mapping):
        raise ProfileInvalid({})
    errors: Errors = {}
    legal = _text(data, "legal_name", LEGAL_MAX, errors, N_("Enter the business's legal name."))
    display = _text(data, "display_name", DISPLAY_MAX, errors, N_("Enter the name shoppers will see."))
    country = data.get("country")
    if not isinstance(country, str) or country not in SELLER_COUNTRIES:
        raise ProfileInvalid({"country": (N_("Choose the country your business is based in."), {})})
    phone = data.get("phone") if isinstance(data.get("phone"), str) else ""
    address = _address(country, data, "", legal, phone, errors)
    tax = eori = ioss = None
    try:
        tax = tax_ids.validate_tax_id(country, data.get("vat_number"))
    except ValidationError as exc:
        errors["vat_number"] = (exc.message, exc.params)
    for name, check in (("eori_number", tax_ids.validate_eori), ("ioss_number", tax_ids.validate_ioss)):
        try:
            value = check(data.get(name))
        except ValidationError as exc:
            errors[name] = (exc.message, exc.params)
            continue
        if name == "eori_number":
            eori = value
        else:
            ioss = value
    window = _window(data.get("return_window_days"), errors)
    same = data.get("return_same") in (True, "on", "true", "1")
    returns = None
    return_name = ""
    if not same:
        return_name = _text(data, "return_name", RETURN_NAME_MAX, errors, N_("Enter who receives returns."))
        returns = _address(country, data, RETURN_PREFIX, return_name, phone, errors)
    if errors or address is None or tax is None or eori is None or ioss is None or (not same and returns is None):
        raise ProfileInvalid(errors)
    return Profile(
        legal_name=legal, display_name=display, country=country, street_address=address.street_address,
        city=address.city, region=address.country_area, postal_code=address.postal_code, phone=address.phone,
        vat_number=tax.number, tax_id_scheme=tax.scheme, eori_number=eori, ioss_number=ioss,
        return_window_days=window, return_same=same, return_name=return_name,
        return_street_address=returns.street_address if returns else "", return_city=returns.city if returns else "",
        return_region=returns.country_area if returns else "", return_postal_code=returns.postal_code if returns else "")

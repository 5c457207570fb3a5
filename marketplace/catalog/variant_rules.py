"""The one validator of a variant's fields and a product's texts, shared by the catalogue editor and CSV import.

Contract:
- ``clean_variant(fields, currency)`` takes :class:`VariantFields` (text exactly as a form or a CSV cell
  holds it) and the vendor's currency and returns a :class:`CleanVariant`, or raises :class:`ValidationError`
  with a ``CatalogErrorCode`` and ``field`` naming the offending field (the CSV column of the same name).
- Draft rule: HS code, origin and price may be blank (a draft is saved without them and cannot be published:
  ``catalog/publish_rules.py``); when given they must be valid. The weight is always required (the database
  stores every variant with a positive weight) and the SKU too.
- SKU: 1-64 characters of letters, digits, ``-``, ``_`` and ``.``, kept as typed (uniqueness is the editor's
  and the import's check, against the database). Options: at most ``MAX_OPTIONS`` (name, value) pairs, a value
  needs its name, each at most 40 characters. Prices: a plain decimal (``19.99``, ``19,99``) in the vendor's
  currency with at most its minor-unit digits, above zero; a compare-at price, when given, must be above the
  price. Stock, weight (g) and dimensions (mm) are whole numbers in range. HS code: checked against the HS
  2022 nomenclature (``crossborder.hs.validate``) and stored as its digits. Origin: an ISO 3166 country code.
- ``clean_texts(name, description)`` checks a product's name (1-200 characters) and description (Markdown
  source, at most 10,000 characters). Pure: no database, no Reflex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.currencies import MINOR_UNITS
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder import hs

MAX_OPTIONS = 2
MAX_OPTION_CHARS = 40
MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 10_000
MAX_STOCK = 1_000_000
MAX_WEIGHT_G = 1_000_000
MAX_DIMENSION_MM = 10_000
MAX_PRICE_MINOR = 10**12
_SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_AMOUNT = re.compile(r"[0-9]{1,13}(?:\.[0-9]{1,3})?")
_COUNTRY = re.compile(r"[A-Z]{2}")
_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})  # CLDR groupings and pseudo-regions
COUNTRIES = frozenset(code for code in Locale("en").territories
                      if _COUNTRY.fullmatch(code) and code not in _NOT_COUNTRIES)


@dataclass(frozen=True)
class VariantFields:
    """A variant as typed: every value is text (a blank cell is "")."""

    sku: str = ""
    option1_name: str = ""
    option1_value: str = ""
    option2_name: str = ""
    option2_value: str = ""
    price: str = ""
    compare_at_price: str = ""
    stock: str = "0"
    weight_g: str = ""
    length_mm: str = "0"
    width_mm: str = "0"
    height_mm: str = "0"
    hs_code: str = ""
    origin_country: str = ""


@dataclass(frozen=True)
class CleanVariant:
    sku: str
    options: tuple[tuple[str, str], ...]
    price: Money | None  # None: not set yet (a draft)
    compare_at: Money | None
    stock: int
    weight_g: int
    dims_mm: tuple[int, int, int]
    hs_code: str  # digits, "" when not set yet
    origin_country: str  # "" when not set yet


class VariantRefused(ValidationError):
    """A variant or product field the validator refuses; ``code`` is the field's own ``CatalogErrorCode``."""

    default_code = CatalogErrorCode.VARIANTS_INVALID


def _bad(message: str, code: CatalogErrorCode, field: str, **params: object) -> ValidationError:
    return VariantRefused(message, code=code, field=field, **params)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_amount(text: str, currency: str, field: str) -> Money | None:
    """A price typed in ``currency``; None when blank. Refuses more decimals than the currency has."""
    text = _text(text).replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    if not _AMOUNT.fullmatch(text):
        raise _bad(N_("Enter the price as a number, like 19.99."), CatalogErrorCode.PRICE_INVALID, field)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _bad(N_("Enter the price as a number, like 19.99."), CatalogErrorCode.PRICE_INVALID, field) from None
    digits = MINOR_UNITS[currency]
    if -value.as_tuple().exponent > digits:
        raise _bad(N_("%(currency)s prices have at most %(digits)s decimal places."), CatalogErrorCode.PRICE_INVALID,
                   field, currency=currency, digits=digits)
    minor = int(value.scaleb(digits))
    if not 0 < minor <= MAX_PRICE_MINOR:
        raise _bad(N_("Enter a price above zero."), CatalogErrorCode.PRICE_INVALID, field)
    return Money(minor, currency)


def _whole(text: str, field: str, low: int, high: int, message: str, code: CatalogErrorCode) -> int:
    text = _text(text) or "0"
    if not text.isascii() or not text.isdigit() or len(text) > 9 or not low <= int(text) <= high:
        raise _bad(message, code, field, low=low, high=high)
    return int(text)


def clean_hs(text: str) -> str:
    """The HS code's digits after checking it against the nomenclature; "" when blank."""
    text = _text(text)
    if not text:
        return ""
    try:
        return hs.validate(text).code
    except hs.InvalidHsCode as exc:
        if exc.code == "hs_format":
            raise _bad(N_("Enter an HS code of 6 to 10 digits, like 6912.00."), CatalogErrorCode.HS_INVALID,
                       "hs_code") from None
        raise _bad(N_("%(value)s is not in the HS 2022 nomenclature. Pick one of the suggestions."),
                   CatalogErrorCode.HS_INVALID, "hs_code", value=text) from None


def clean_origin(text: str) -> str:
    text = _text(text).upper()
    if text and text not in COUNTRIES:
        raise _bad(N_("Choose the country where the product was made."), CatalogErrorCode.ORIGIN_INVALID,
                   "origin_country")
    return text


def _options(fields: VariantFields) -> tuple[tuple[str, str], ...]:
    out = []
    for i, (name, value) in enumerate(((fields.option1_name, fields.option1_value),
                                      (fields.option2_name, fields.option2_value)), start=1):
        name, value = _text(name), _text(value)
        if len(name) > MAX_OPTION_CHARS or len(value) > MAX_OPTION_CHARS:
            raise _bad(N_("Options have at most %(max)s characters."), CatalogErrorCode.OPTION_INVALID,
                       f"option{i}_value" if len(value) > MAX_OPTION_CHARS else f"option{i}_name",
                       max=MAX_OPTION_CHARS)
        if value and not name:
            raise _bad(N_("Name the option (for example Size) before giving its value."),
                       CatalogErrorCode.OPTION_INVALID, f"option{i}_name")
        if name and value:
            out.append((name, value))
    return tuple(out)


def clean_variant(fields: VariantFields, currency: str) -> CleanVariant:
    """One variant's fields checked and converted (see the module contract)."""
    sku = _text(fields.sku)
    if not _SKU.fullmatch(sku):
        raise _bad(N_("A SKU has 1 to 64 letters, digits, dashes, dots or underscores."), CatalogErrorCode.SKU_INVALID,
                   "sku")
    options = _options(fields)
    price = parse_amount(fields.price, currency, "price")
    compare_at = parse_amount(fields.compare_at_price, currency, "compare_at_price")
    if compare_at is not None and (price is None or compare_at.minor <= price.minor):
        raise _bad(N_("The compare-at price must be above the price."), CatalogErrorCode.COMPARE_AT_INVALID,
                   "compare_at_price")
    stock = _whole(fields.stock, "stock", 0, MAX_STOCK, N_("Stock is a whole number from %(low)s to %(high)s."),
                   CatalogErrorCode.STOCK_INVALID)
    if not _text(fields.weight_g):
        raise _bad(N_("Enter the weight in grams."), CatalogErrorCode.WEIGHT_INVALID, "weight_g")
    weight = _whole(fields.weight_g, "weight_g", 1, MAX_WEIGHT_G,
                    N_("The weight is a whole number of grams from %(low)s to %(high)s."), CatalogErrorCode.WEIGHT_INVALID)
    dims = tuple(_whole(getattr(fields, name), name, 0, MAX_DIMENSION_MM,
                        N_("Dimensions are whole millimetres from %(low)s to %(high)s."),
                        CatalogErrorCode.DIMENSION_INVALID) for name in ("length_mm", "width_mm", "height_mm"))
    return CleanVariant(sku=sku, options=options, price=price, compare_at=compare_at, stock=stock, weight_g=weight,
                        dims_mm=dims, hs_code=clean_hs(fields.hs_code),  # type: ignore[arg-type]
                        origin_country=clean_origin(fields.origin_country))


def clean_texts(name: object, description: object) -> tuple[str, str]:
    """A product's name and description source, checked."""
    name_text = _text(name)
    if not name_text or len(name_text) > MAX_NAME_CHARS:
        raise _bad(N_("Give the product a name of up to %(max)s characters."), CatalogErrorCode.NAME_INVALID, "name",
                   max=MAX_NAME_CHARS)
    description_text = description.strip() if isinstance(description, str) else ""
    if len(description_text) > MAX_DESCRIPTION_CHARS:
        raise _bad(N_("The description has at most %(max)s characters."), CatalogErrorCode.DESCRIPTION_TOO_LONG,
                   "description", max=MAX_DESCRIPTION_CHARS)
    return name_text, description_text

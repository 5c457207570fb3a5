"""Customs declarations for parcels: CN 22 / CN 23, the commercial-invoice flag, IOSS and EORI.

Contract:
    * :func:`declaration` checks a parcel's lines and returns a :class:`Declaration`: which UPU
      form applies, the totals, the value in SDR, and message ids (``notes``) for the UI. It
      raises :class:`CustomsError` (a ``ValueError`` with a stable ``code``) for anything a
      customs officer would refuse; nothing is silently corrected except normalisation
      (HS codes to digits, country codes and IOSS/EORI numbers to upper case, descriptions
      stripped).
    * **Form.** Universal Postal Union: under article 20 of the Universal Postal Convention
      (customs control), the Convention Regulations' article "Customs declaration. Customs
      documentation" (RL 152 in the former Letter Post Regulations) has letter-post items
      (small packets up to 2 kg included) whose contents are worth up to 300 SDR carry a CN 22,
      and items worth more, like every postal parcel, a CN 23. ``form`` is ``"CN22"`` when the
      total value is at most 300 SDR and the gross weight at most 2 kg (the letter-post small
      packet limit), else ``"CN23"``. The value comparison is exact (total <= 300 x the
      currency's SDR rate); ``sdr_value`` is the total in SDR rounded *up* to 4 decimals, so
      ``sdr_value <= 300`` exactly when the value allows a CN 22.
    * **SDR rates.** ``data/sdr_rates.json`` gives 1 SDR in EUR, USD, JPY, GBP and CNY on a dated
      snapshot (the IMF basket valued at the ECB rates of that day, see ``data/SOURCES.md``).
      Any other currency is reached from EUR through :func:`marketplace.crossborder.fx.convert`
      (1 SDR in X = 1 SDR in EUR x the provider's EUR->X rate); a currency the provider does not
      quote raises ``fx.RatesNotAvailable``, as does a date before the snapshot.
    * **Commercial invoice.** ``commercial_invoice_required`` is true for a sale of goods sent
      by post above the CN 22 line (the CN 23 asks for the invoice number, and posts require the
      invoice for commercial items), and for every non-document shipment by courier (express
      carriers clear on a commercial or pro-forma invoice).
    * **Couriers.** CN 22/CN 23 are postal forms; for ``transport_mode="courier"`` the value
      still tells which form *would* apply and the carrier's own waybill data replaces it.

The checks follow the CN 22/CN 23 instructions: at least one line; per line a precise
description (3 to 50 characters, not a bare "gift", "goods", "sample", "various", "parts" ...),
a quantity of at least 1, a net weight above zero, a value of zero or more, all lines in one
currency; for commercial items (sale of goods, commercial sample) a 6-10 digit HS code and the
country of origin. Country codes are ISO 3166-1 alpha-2.
"""

from __future__ import annotations

import decimal
import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from types import MappingProxyType

from babel import Locale

from marketplace.core.money import Money, Rounding, sum_money
from marketplace.crossborder import fx
from marketplace.crossborder.hs import InvalidHsCode, normalise
from marketplace.crossborder.markets import EU_MEMBERS

SDR_FILE = "sdr_rates.json"
CN22_LIMIT_SDR = Decimal(300)
"""UPU: contents worth up to 300 SDR go with a CN 22; above, with a CN 23."""
SMALL_PACKET_MAX_G = 2000
"""UPU letter-post small packets weigh up to 2 kg; heavier items are parcels and take a CN 23."""
IOSS_LIMIT_EUR = Money(15000, "EUR")
"""IOSS covers consignments of an intrinsic value up to EUR 150 (Council Directive (EU) 2017/2455)."""
DESCRIPTION_MIN = 3
DESCRIPTION_MAX = 50
PACKAGING_PERCENT = 10
"""Default packaging allowance: gross weight = net weight + 10 %, rounded up to whole grams."""


class TransportMode(StrEnum):
    """How the parcel travels (the same strings as ``shipping.TRANSPORT_MODES``)."""

    POSTAL = "postal"
    """Handed to the destination's postal operator: CN 22/CN 23, UPU rules."""
    COURIER = "courier"
    """Express carrier clearing on its own data and a commercial invoice."""


class CustomsError(ValueError):
    """A declaration that customs would refuse. ``code`` is stable:

    * ``"customs_empty"``: no lines.
    * ``"customs_item"``: a line is wrong (``item_index`` and ``field`` say which): vague or
      badly sized description, quantity < 1, weight <= 0, negative value, a currency other than
      the first line's, missing or malformed HS code or origin for a commercial item.
    * ``"customs_category"``: not one of :class:`Category`.
    * ``"customs_country"``: sender or destination is not an ISO 3166-1 alpha-2 code.
    * ``"customs_weight"``: gross weight not a whole number of grams at least the net weight.
    * ``"ioss_format"``, ``"eori_format"``: malformed identifier.

    ``message`` is an English sentence; ``params`` holds values for a translated message.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        item_index: int | None = None,
        field: str | None = None,
        **params: str,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.item_index = item_index
        self.field = field
        self.params = params


class Category(StrEnum):
    """The category box of the CN 22/CN 23."""

    SALE_OF_GOODS = "sale_of_goods"
    GIFT = "gift"
    SAMPLE = "commercial_sample"
    RETURNED_GOODS = "returned_goods"
    DOCUMENTS = "documents"
    OTHER = "other"


COMMERCIAL_CATEGORIES = frozenset({Category.SALE_OF_GOODS, Category.SAMPLE})
"""'Commercial items' on the CN 22/CN 23: HS tariff number and country of origin required."""


@dataclass(frozen=True)
class CustomsItem:
    """One line of the declaration. ``value`` and ``net_weight_g`` are the line's totals."""

    description: str
    hs_code: str
    origin_country: str
    quantity: int
    net_weight_g: int
    value: Money


@dataclass(frozen=True)
class Declaration:
    """A checked customs declaration.

    ``form`` is ``"CN22"`` when ``total_value`` is at most 300 SDR and the gross weight at most
    2 kg, ``"CN23"`` otherwise (UPU Convention art. 20 and its Regulations' "Customs declaration"
    article; see the module docstring). ``sdr_value`` is the total in SDR, rounded up to
    4 decimals; ``sdr_rate`` is how many units of ``currency`` make 1 SDR and ``sdr_source``
    where that figure comes from. ``notes`` are message ids for the UI:

    * ``customs.ioss_included``: an IOSS number is declared for an EU destination; send it in
      the electronic customs data only (EU guidance advises against printing it on the label).
    * ``customs.ioss_over_limit``: an IOSS number was given but the total exceeds EUR 150, where
      IOSS does not apply; import VAT is due at the border.
    * ``customs.ioss_not_eu``: an IOSS number was given for a destination outside the EU; it is
      left out (``ioss_number`` is ``None``).
    * ``customs.eori_included``: an EORI number is declared.
    * ``customs.commercial_invoice``: attach a commercial invoice (see the flag).
    * ``customs.courier_data``: a courier shipment; the form tells the value class only.
    """

    form: str
    commercial_invoice_required: bool
    category: Category
    items: tuple[CustomsItem, ...]
    total_value: Money
    total_net_weight_g: int
    gross_weight_g: int
    currency: str
    sdr_value: Decimal
    sender_country: str
    destination_country: str
    ioss_number: str | None
    eori_number: str | None
    notes: tuple[str, ...]
    sdr_rate: Decimal = Decimal(0)
    sdr_source: str = ""
    transport_mode: str = TransportMode.POSTAL


# -- SDR --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SdrSnapshot:
    as_of: date
    per_sdr: Mapping[str, Decimal]
    source: str


@functools.cache
def _sdr_snapshot() -> _SdrSnapshot:
    raw = json.loads(
        (resources.files("marketplace.crossborder") / "data" / SDR_FILE).read_text(encoding="utf-8")
    )
    per_sdr = {}
    for code, text in raw["per_SDR"].items():
        if not isinstance(text, str):
            raise ValueError(f"{SDR_FILE}: {code} must be a decimal string")
        value = Decimal(text)
        if not value.is_finite() or value <= 0:
            raise ValueError(f"{SDR_FILE}: {code} must be positive")
        Money.zero(code)  # an ISO 4217 code
        per_sdr[code] = value
    as_of = date.fromisoformat(raw["date"])
    return _SdrSnapshot(
        as_of=as_of,
        per_sdr=MappingProxyType(per_sdr),
        source=f"IMF SDR basket at ECB reference rates {as_of.isoformat()} (embedded)",
    )


@dataclass(frozen=True)
class SdrRate:
    """1 SDR = ``rate`` units of ``currency``, per ``source`` as of ``as_of``."""

    currency: str
    rate: Decimal
    source: str
    as_of: date


def sdr_rate(currency: str, on: date | None = None, provider: fx.RateProvider | None = None) -> SdrRate:
    """How many units of ``currency`` make 1 SDR.

    >>> sdr_rate("EUR").rate, sdr_rate("JPY").rate
    (Decimal('1.20310'), Decimal('214.332'))

    Raises:
        fx.RatesNotAvailable: ``on`` before the snapshot date, or a currency neither in the
            snapshot nor quoted by the FX provider.
    """
    snapshot = _sdr_snapshot()
    if on is not None and on < snapshot.as_of:
        raise fx.RatesNotAvailable(
            f"the embedded SDR rates start on {snapshot.as_of.isoformat()}; none for {on.isoformat()}"
        )
    if currency in snapshot.per_sdr:
        return SdrRate(currency, snapshot.per_sdr[currency], snapshot.source, snapshot.as_of)
    eur = snapshot.per_sdr["EUR"]
    conversion = fx.convert(Money.of(CN22_LIMIT_SDR * eur, "EUR", Rounding.DOWN), currency, provider, on)
    exact = decimal.Context(prec=60, traps=[decimal.Inexact])
    return SdrRate(
        currency=currency,
        rate=exact.multiply(eur, conversion.rate),
        source=f"{snapshot.source} x {conversion.source} (EUR->{currency})",
        as_of=max(snapshot.as_of, conversion.as_of),
    )


def cn22_limit(currency: str, on: date | None = None, provider: fx.RateProvider | None = None) -> Money:
    """The largest amount of ``currency`` that is still within 300 SDR (CN 22).

    >>> str(cn22_limit("EUR")), str(cn22_limit("JPY"))
    ('360.93 EUR', '64299 JPY')
    """
    rate = sdr_rate(currency, on, provider).rate
    return Money.of(CN22_LIMIT_SDR * rate, currency, Rounding.DOWN)


def _in_sdr(total: Money, rate: Decimal) -> Decimal:
    ctx = decimal.Context(prec=60, rounding=decimal.ROUND_CEILING)
    return ctx.divide(total.to_decimal(), rate).quantize(Decimal("0.0001"), rounding=decimal.ROUND_CEILING)


# -- identifiers ------------------------------------------------------------------------------------

# ISO 3166-1 numeric codes of the EU member states: the 3 digits after "IM" in an IOSS number.
_EU_NUMERIC = {
    "040": "AT", "056": "BE", "100": "BG", "191": "HR", "196": "CY", "203": "CZ", "208": "DK",
    "233": "EE", "246": "FI", "250": "FR", "276": "DE", "300": "GR", "348": "HU", "372": "IE",
    "380": "IT", "428": "LV", "440": "LT", "442": "LU", "470": "MT", "528": "NL", "616": "PL",
    "620": "PT", "642": "RO", "703": "SK", "705": "SI", "724": "ES", "752": "SE",
}  # fmt: skip
_IOSS = re.compile(r"IM([0-9]{3})[0-9]{7}")
_EORI_UK = re.compile(r"(GB|XI)[0-9]{12}")
_EORI_EU = re.compile(r"([A-Z]{2})[A-Z0-9]{1,15}")


def _compact(number: object, code: str, what: str) -> str:
    if not isinstance(number, str):
        raise CustomsError(code, f"an {what} number must be text, not {type(number).__name__}")
    return re.sub(r"\s+", "", number).upper()


def validate_ioss(number: str) -> str:
    """An IOSS identification number, upper case without spaces.

    Format: "IM", the 3-digit ISO 3166 numeric code of the EU member state of identification,
    6 digits and a check digit: 12 characters (e.g. ``IM5280000001`` for the Netherlands). The
    check-digit algorithm is not published, so it is not verified.

    >>> validate_ioss(" im 528 000 0001 ")
    'IM5280000001'

    Raises:
        CustomsError: ``ioss_format``.
    """
    compact = _compact(number, "ioss_format", "IOSS")
    match = _IOSS.fullmatch(compact)
    if not match or match.group(1) not in _EU_NUMERIC:
        raise CustomsError(
            "ioss_format",
            f"{number!r} is not an IOSS number: IM, the 3-digit code of an EU country and 7 digits "
            "(e.g. IM5280000001)",
            value=str(number),
        )
    return compact


def validate_eori(number: str) -> str:
    """An EORI number, upper case without spaces.

    * Great Britain: ``GB`` + 12 digits; Northern Ireland: ``XI`` + 12 digits.
    * EU: the member state's ISO 3166 alpha-2 code + up to 15 letters or digits.

    >>> validate_eori("gb 123456789000"), validate_eori("DE1234567")
    ('GB123456789000', 'DE1234567')

    Raises:
        CustomsError: ``eori_format``.
    """
    compact = _compact(number, "eori_format", "EORI")
    if compact[:2] in ("GB", "XI"):
        ok = _EORI_UK.fullmatch(compact) is not None
    else:
        match = _EORI_EU.fullmatch(compact)
        ok = match is not None and match.group(1) in EU_MEMBERS
    if not ok:
        raise CustomsError(
            "eori_format",
            f"{number!r} is not an EORI number: GB or XI and 12 digits, or an EU country code and up "
            "to 15 letters or digits",
            value=str(number),
        )
    return compact


# -- countries --------------------------------------------------------------------------------------

# CLDR territories that are not ISO 3166-1 countries (groupings, exceptional reservations,
# private-use pseudo-locales). XK (Kosovo, user-assigned) stays: the EU and carriers use it.
_NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(
        code
        for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES
    )


def _country(value: object, field: str, *, item_index: int | None = None) -> str:
    code = value.strip().upper() if isinstance(value, str) else None
    if code is None or code not in _countries():
        err = "customs_item" if item_index is not None else "customs_country"
        raise CustomsError(
            err, f"{field} must be an ISO 3166-1 alpha-2 country code, got {value!r}",
            item_index=item_index, field=field,
        )  # fmt: skip
    return code


# -- descriptions -----------------------------------------------------------------------------------

VAGUE_WORDS = frozenset(
    {
        "gift", "gifts", "present", "presents", "goods", "sample", "samples", "various", "varied",
        "misc", "miscellaneous", "assorted", "mixed", "other", "others", "stuff", "thing", "things",
        "item", "items", "article", "articles", "product", "products", "merchandise", "general",
        "commercial", "personal", "effects", "belongings", "parcel", "package", "packet", "box",
        "parts", "part", "spare", "accessories", "accessory", "food", "foods", "foodstuff",
        "foodstuffs", "clothes", "clothing", "apparel", "garments", "electronics", "electronic",
        "cosmetics", "toys", "order", "purchase", "some", "a", "an", "the", "of", "and", "for",
    }
)  # fmt: skip
"""Words that alone say nothing about the contents. A description made only of these words
("gift", "goods", "various goods", "spare parts", "food products") is refused: the CN 22/CN 23
instructions ask for each article's detailed description ("men's cotton shirts")."""


def _description(value: object, index: int) -> str:
    if not isinstance(value, str):
        raise CustomsError(
            "customs_item", "the description must be text", item_index=index, field="description"
        )
    text = " ".join(value.split())
    if not DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        raise CustomsError(
            "customs_item",
            f"line {index + 1}: the description must be {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters, "
            f"got {len(text)}",
            item_index=index, field="description", min=str(DESCRIPTION_MIN), max=str(DESCRIPTION_MAX),
        )  # fmt: skip
    if any(not ch.isprintable() for ch in text):
        raise CustomsError(
            "customs_item", f"line {index + 1}: the description has control characters",
            item_index=index, field="description",
        )  # fmt: skip
    words = [w for w in re.split(r"[^\w]+", text.casefold()) if w]
    if not words or all(w in VAGUE_WORDS for w in words):
        raise CustomsError(
            "customs_item",
            f"line {index + 1}: {text!r} is too vague for customs; say what the article is and what it is "
            "made of (e.g. \"men's cotton T-shirt\")",
            item_index=index, field="description", description=text,
        )  # fmt: skip
    return text


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_item(item: object, index: int, category: Category, currency: str | None) -> CustomsItem:
    if not isinstance(item, CustomsItem):
        raise CustomsError("customs_item", f"line {index + 1} is not a CustomsItem", item_index=index)
    description = _description(item.description, index)
    if not _whole(item.quantity) or item.quantity < 1:
        raise CustomsError(
            "customs_item", f"line {index + 1}: the quantity must be a whole number of at least 1",
            item_index=index, field="quantity",
        )  # fmt: skip
    if not _whole(item.net_weight_g) or item.net_weight_g <= 0:
        raise CustomsError(
            "customs_item", f"line {index + 1}: the net weight must be a whole number of grams above 0",
            item_index=index, field="net_weight_g",
        )  # fmt: skip
    if not isinstance(item.value, Money):
        raise CustomsError(
            "customs_item", f"line {index + 1}: the value must be Money", item_index=index, field="value"
        )
    if item.value.minor < 0:
        raise CustomsError(
            "customs_item",
            f"line {index + 1}: the value must not be negative",
            item_index=index,
            field="value",
        )
    if currency is not None and item.value.currency != currency:
        raise CustomsError(
            "customs_item",
            f"line {index + 1} is in {item.value.currency} but the declaration is in {currency}: "
            "declare every line in one currency",
            item_index=index, field="value", currency=currency,
        )  # fmt: skip
    commercial = category in COMMERCIAL_CATEGORIES
    hs_code = item.hs_code.strip() if isinstance(item.hs_code, str) else item.hs_code
    if hs_code == "" and not commercial:
        pass
    else:
        if hs_code == "":
            raise CustomsError(
                "customs_item", f"line {index + 1}: commercial items need an HS tariff number",
                item_index=index, field="hs_code",
            )  # fmt: skip
        try:
            hs_code = normalise(hs_code)
        except InvalidHsCode as exc:
            raise CustomsError(
                "customs_item", f"line {index + 1}: {exc.message}", item_index=index, field="hs_code"
            ) from exc
    origin = item.origin_country.strip() if isinstance(item.origin_country, str) else item.origin_country
    if origin != "" or commercial:
        origin = _country(origin, "origin_country", item_index=index)
    return replace(item, description=description, hs_code=hs_code, origin_country=origin)


# -- the declaration --------------------------------------------------------------------------------


def declaration(
    items: Sequence[CustomsItem],
    *,
    category: Category | str,
    sender_country: str,
    destination_country: str,
    gross_weight_g: int | None = None,
    ioss_number: str | None = None,
    eori_number: str | None = None,
    on: date | None = None,
    transport_mode: TransportMode | str = TransportMode.POSTAL,
    fx_provider: fx.RateProvider | None = None,
) -> Declaration:
    """Check a parcel's lines and build its customs declaration.

    Args:
        items: the lines, in order (``CustomsError.item_index`` refers to this order).
        category: the CN 22/CN 23 category box.
        sender_country, destination_country: ISO 3166-1 alpha-2 codes.
        gross_weight_g: the parcel's weight with packaging; default net + 10 %, rounded up.
        ioss_number, eori_number: optional identifiers, validated and normalised.
        on: the posting date for the SDR and FX rates (default: the latest snapshot).
        transport_mode: ``"postal"`` (default) or ``"courier"``.
        fx_provider: for currencies outside the SDR snapshot (default: ``fx.default_provider()``).

    Raises:
        CustomsError: see the class for the codes.
        fx.RatesNotAvailable: no SDR rate for the currency or date.
    """
    try:
        cat = Category(category)
    except ValueError:
        raise CustomsError(
            "customs_category",
            f"{category!r} is not a customs category; use one of {', '.join(c.value for c in Category)}",
        ) from None
    try:
        mode = TransportMode(transport_mode)
    except ValueError:
        raise ValueError(f"transport_mode must be 'postal' or 'courier', got {transport_mode!r}") from None
    if isinstance(items, str | bytes) or not isinstance(items, Sequence) or len(items) == 0:
        raise CustomsError("customs_empty", "a customs declaration needs at least one line")
    sender = _country(sender_country, "sender_country")
    destination = _country(destination_country, "destination_country")

    first = (
        items[0].value.currency
        if isinstance(items[0], CustomsItem) and isinstance(items[0].value, Money)
        else None
    )
    checked = tuple(_check_item(item, i, cat, first) for i, item in enumerate(items))
    currency = checked[0].value.currency
    total = sum_money((item.value for item in checked), currency)
    net = sum(item.net_weight_g for item in checked)
    if gross_weight_g is None:
        gross = -(-net * (100 + PACKAGING_PERCENT) // 100)  # ceiling, whole grams
    elif not _whole(gross_weight_g) or gross_weight_g < net:
        raise CustomsError(
            "customs_weight",
            f"the gross weight must be a whole number of grams at least the net weight ({net} g), "
            f"got {gross_weight_g!r}",
            field="gross_weight_g", net=str(net),
        )  # fmt: skip
    else:
        gross = gross_weight_g

    rate = sdr_rate(currency, on, fx_provider)
    exact = decimal.Context(prec=60, traps=[decimal.Inexact])
    within = total.to_decimal() <= exact.multiply(CN22_LIMIT_SDR, rate.rate)
    form = "CN22" if within and gross <= SMALL_PACKET_MAX_G else "CN23"
    if mode is TransportMode.POSTAL:
        invoice = cat is Category.SALE_OF_GOODS and form == "CN23"
    else:
        invoice = cat is not Category.DOCUMENTS

    notes: list[str] = []
    ioss = validate_ioss(ioss_number) if ioss_number is not None else None
    if ioss is not None:
        if destination not in EU_MEMBERS:
            notes.append("customs.ioss_not_eu")
            ioss = None
        else:
            notes.append("customs.ioss_included")
            total_eur = total if currency == "EUR" else fx.convert(total, "EUR", fx_provider, on).converted
            if total_eur > IOSS_LIMIT_EUR:
                notes.append("customs.ioss_over_limit")
    eori = validate_eori(eori_number) if eori_number is not None else None
    if eori is not None:
        notes.append("customs.eori_included")
    if invoice:
        notes.append("customs.commercial_invoice")
    if mode is TransportMode.COURIER:
        notes.append("customs.courier_data")

    return Declaration(
        form=form,
        commercial_invoice_required=invoice,
        category=cat,
        items=checked,
        total_value=total,
        total_net_weight_g=net,
        gross_weight_g=gross,
        currency=currency,
        sdr_value=_in_sdr(total, rate.rate),
        sender_country=sender,
        destination_country=destination,
        ioss_number=ioss,
        eori_number=eori,
        notes=tuple(notes),
        sdr_rate=rate.rate,
        sdr_source=rate.source,
        transport_mode=mode.value,
    )


__all__ = [
    "CN22_LIMIT_SDR",
    "COMMERCIAL_CATEGORIES",
    "Category",
    "CustomsError",
    "CustomsItem",
    "Declaration",
    "SMALL_PACKET_MAX_G",
    "SdrRate",
    "TransportMode",
    "VAGUE_WORDS",
    "cn22_limit",
    "declaration",
    "sdr_rate",
    "validate_eori",
    "validate_ioss",
]

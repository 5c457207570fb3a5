"""EasyPost's request and response shapes: a :class:`ShipmentRequest` as Shipment parameters, EasyPost rates as
Meridian :class:`Rate` s. Pure: no network, no SDK objects (plain dicts, which SDK objects convert to).

Contract:
- :func:`shipment_params(request)` -> the ``POST /v2/shipments`` body: ``from_address``/``to_address``
  (street lines as ``street1``/``street2``, region as ``state``, postal code as ``zip``), the ``parcel`` in
  inches and ounces, ``options`` (``label_format`` PDF, ``incoterm``, ``currency``, ``invoice_number``), the
  ``reference`` and, when the parcel :attr:`~ShipmentRequest.crosses_customs`, ``customs_info``.
- Units, rounded UP to one decimal (``ROUND_CEILING``), so the carrier never rates a smaller or lighter parcel
  than the packed one: ``inches(mm)`` = mm / 25.4, ``ounces(g)`` = g / 28.349523125 (the avoirdupois ounce).
- Customs: one CustomsItem per :class:`CustomsLine` (``description``, ``hs_tariff_number``, ``origin_country``,
  ``quantity``, line totals ``value`` (decimal string, its ``currency``) and ``weight`` in ounces);
  ``contents_type`` ``merchandise``, ``restriction_type`` ``none``, ``non_delivery_option`` ``return``, the
  sender certifies and signs. ``eel_pfc`` is set for exports from the US: ``NOEEI 30.37(a)`` (no EEI filing)
  while every line is below :data:`US_EEI_THRESHOLD_USD` (USD 2,500 per Schedule B line; a non-USD value is
  converted at the day's reference rate); a line at or above it needs an AES ITN that Meridian cannot file yet,
  so :func:`customs_problems` lists it. Elsewhere EasyPost's default applies.
- Services: Meridian's three services (``crossborder.shipping``) are each matched to EasyPost service levels by
  :data:`SERVICE_LEVELS` (carrier, service), e.g. USPS ``ExpressMailInternational``, DHL ``ExpressWorldwide``,
  UPS ``WorldwideExpress``/``Express``, FedEx ``INTERNATIONAL_PRIORITY`` → ``express``; USPS
  ``PriorityMailInternational``, UPS ``Expedited``/``Standard``, FedEx ``INTERNATIONAL_ECONOMY`` →
  ``tracked_standard``; USPS ``FirstClassPackageInternationalService`` → ``postal_economy``. A level not in the
  table is not offered (the shopper paid for one of the three). :func:`rates_of(shipment, currency)` maps the
  shipment's rates (price converted once, half up, into ``currency`` when EasyPost quotes another; transit
  days from ``delivery_days``/``est_delivery_days``, else the service's usual range), cheapest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from typing import Any

from marketplace.core.errors import Problem
from marketplace.core.i18n import N_
from marketplace.core.money import Money, Rounding
from marketplace.crossborder import fx, shipping
from marketplace.orders.carriers import Address, CustomsLine, Parcel, Rate, ShipmentRequest
from marketplace.orders.error_codes import CarrierErrorCode

NAME = "easypost"
MM_PER_INCH = Decimal("25.4")
GRAMS_PER_OUNCE = Decimal("28.349523125")
TENTH = Decimal("0.1")
US_EEI_THRESHOLD_USD = Decimal(2500)
NO_EEI = "NOEEI 30.37(a)"

EXPRESS, TRACKED, ECONOMY = shipping.SERVICE_EXPRESS, shipping.SERVICE_TRACKED_STANDARD, shipping.SERVICE_POSTAL_ECONOMY
SERVICE_LEVELS: dict[tuple[str, str], str] = {
    ("USPS", "ExpressMailInternational"): EXPRESS,
    ("USPS", "Express"): EXPRESS,
    ("DHLExpress", "ExpressWorldwide"): EXPRESS,
    ("DHLExpress", "ExpressWorldwideNonDoc"): EXPRESS,
    ("UPS", "WorldwideExpress"): EXPRESS,
    ("UPS", "Express"): EXPRESS,
    ("UPS", "Saver"): EXPRESS,
    ("FedEx", "INTERNATIONAL_PRIORITY"): EXPRESS,
    ("FedEx", "FEDEX_INTERNATIONAL_PRIORITY"): EXPRESS,
    ("USPS", "PriorityMailInternational"): TRACKED,
    ("USPS", "Priority"): TRACKED,
    ("USPS", "GroundAdvantage"): TRACKED,
    ("UPS", "Expedited"): TRACKED,
    ("UPS", "Standard"): TRACKED,
    ("FedEx", "INTERNATIONAL_ECONOMY"): TRACKED,
    ("FedEx", "FEDEX_INTERNATIONAL_CONNECT_PLUS"): TRACKED,
    ("USPS", "FirstClassPackageInternationalService"): ECONOMY,
    ("USPS", "First"): ECONOMY,
}
"""(EasyPost carrier, EasyPost service) -> the Meridian service it sells."""

USUAL_DAYS = {EXPRESS: (1, 5), TRACKED: (3, 10), ECONOMY: (6, 20)}
SERVICE_NAMES = {EXPRESS: "Express courier", TRACKED: "Tracked parcel", ECONOMY: "Postal economy"}


def _tenth_up(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_CEILING)


def inches(mm: int) -> Decimal:
    """Millimetres as inches, rounded up to a tenth."""
    return _tenth_up(Decimal(mm) / MM_PER_INCH)


def ounces(grams: int) -> Decimal:
    """Grams as avoirdupois ounces, rounded up to a tenth."""
    return _tenth_up(Decimal(grams) / GRAMS_PER_OUNCE)


def _number(value: Decimal) -> float | int:
    """A JSON number for EasyPost (its API takes floats); exact because ``value`` has one decimal."""
    return int(value) if value == value.to_integral_value() else float(value)


def address_params(address: Address) -> dict[str, Any]:
    street = (*address.street, "", "")
    params = {"name": address.name, "company": address.company, "street1": street[0], "street2": street[1],
              "city": address.city, "state": address.region, "zip": address.postal_code,
              "country": address.country, "phone": address.phone, "email": address.email}
    return {key: value for key, value in params.items() if value}


def parcel_params(parcel: Parcel) -> dict[str, Any]:
    return {"length": _number(inches(parcel.length_mm)), "width": _number(inches(parcel.width_mm)),
            "height": _number(inches(parcel.height_mm)), "weight": _number(ounces(parcel.weight_g))}


def _usd(value: Money) -> Decimal:
    return value.to_decimal() if value.currency == "USD" else fx.convert(value, "USD").converted.to_decimal()


def customs_problems(request: ShipmentRequest) -> list[Problem]:
    """What EasyPost would refuse that ``request_problems`` does not check: a US export line needing an ITN."""
    if request.sender.country != "US" or not request.crosses_customs:
        return []
    return [Problem(CarrierErrorCode.CUSTOMS_INVALID,
                    N_("A line worth USD 2,500 or more leaving the US needs an export filing (AES ITN): "
                       "ship it in smaller parcels or with the carrier directly."), f"customs.{index}.value")
            for index, line in enumerate(request.customs) if _usd(line.value) >= US_EEI_THRESHOLD_USD]


def customs_item_params(line: CustomsLine) -> dict[str, Any]:
    return {"description": line.description, "hs_tariff_number": line.hs_code, "origin_country": line.origin_country,
            "quantity": line.quantity, "value": line.value.amount_str(), "currency": line.value.currency,
            "weight": _number(ounces(line.weight_g))}


def customs_params(request: ShipmentRequest) -> dict[str, Any]:
    info: dict[str, Any] = {
        "contents_type": "merchandise", "contents_explanation": "", "restriction_type": "none",
        "restriction_comments": "", "non_delivery_option": "return", "customs_certify": True,
        "customs_signer": request.sender.name, "customs_items": [customs_item_params(line) for line in request.customs]}
    if request.sender.country == "US":
        info["eel_pfc"] = NO_EEI  # customs_problems refuses a line that would need an ITN
    return info


def shipment_params(request: ShipmentRequest) -> dict[str, Any]:
    """The ``POST /v2/shipments`` body (see the module contract)."""
    params: dict[str, Any] = {
        "from_address": address_params(request.sender), "to_address": address_params(request.recipient),
        "parcel": parcel_params(request.parcel), "reference": request.reference,
        "options": {"label_format": "PDF", "incoterm": str(request.incoterm), "currency": request.currency,
                    "invoice_number": request.reference}}
    if request.crosses_customs:
        params["customs_info"] = customs_params(request)
    return params


def service_of(rate: Mapping[str, Any]) -> str | None:
    """The Meridian service an EasyPost rate sells, or None when it is none of ours."""
    return SERVICE_LEVELS.get((str(rate.get("carrier", "")), str(rate.get("service", ""))))


def _days(rate: Mapping[str, Any], service: str) -> tuple[int, int]:
    usual = USUAL_DAYS[service]
    days = rate.get("delivery_days") or rate.get("est_delivery_days")
    if isinstance(days, int) and not isinstance(days, bool) and days > 0:
        return days, days
    return usual


def price_of(rate: Mapping[str, Any], currency: str) -> Money:
    """An EasyPost rate's price in ``currency`` (converted once, half up, when EasyPost quotes another)."""
    price = Money.of(str(rate["rate"]), str(rate.get("currency") or "USD").upper(), Rounding.HALF_UP)
    return price if price.currency == currency else fx.convert(price, currency).converted


def rates_of(shipment: Mapping[str, Any], currency: str, service: str | None = None) -> list[Rate]:
    """The shipment's rates that sell one of Meridian's services (only ``service`` when set), cheapest first."""
    offers = []
    for raw in shipment.get("rates") or ():
        ours = service_of(raw)
        if ours is None or service not in (None, ours):
            continue
        low, high = _days(raw, ours)
        offers.append(Rate(carrier=NAME, service=ours, price=price_of(raw, currency), min_days=low, max_days=high,
                           tracked=ours != ECONOMY, name=f"{raw.get('carrier')} {raw.get('service')}",
                           carrier_ref=str(raw["id"])))
    return sorted(offers, key=lambda rate: rate.price.minor)


def label_url(shipment: Mapping[str, Any]) -> str:
    """Where EasyPost serves the bought label as a PDF (empty when it has none)."""
    label = shipment.get("postage_label") or {}
    if label.get("label_pdf_url"):
        return str(label["label_pdf_url"])
    if label.get("label_file_type") == "application/pdf" and label.get("label_url"):
        return str(label["label_url"])
    return ""


__all__ = ["NAME", "SERVICE_LEVELS", "customs_problems", "inches", "label_url", "ounces", "price_of", "rates_of", "service_of",
           "shipment_params"]

"""The landed-cost request: parsing and validating the JSON contract into typed values.

Contract: ``build_request(...)`` (also ``QuoteRequest.build``) is how the app asks for a quote: it takes typed
values (``Money``, ``Item``, ``date``) and applies the same checks, codes and messages as ``parse_request``, so a
bad destination, HS code, quantity, weight or currency fails the same way. ``parse_request`` stays at the JSON
boundaries only (the CLI, an HTTP API). ``parse_request(data)`` takes the decoded JSON object of ``python -m marketplace.crossborder quote``
and returns a :class:`QuoteRequest`, or raises :class:`QuoteError` with a stable ``code``, an English
``message`` and the JSON path of the offending ``field``. Codes: ``invalid_request``, ``missing_field``,
``invalid_field``, ``invalid_date``, ``unknown_country``, ``unsupported_destination``, ``invalid_amount``,
``unknown_currency``, ``currency_mismatch``, ``invalid_quantity``, ``invalid_weight``, ``invalid_hs_code``,
``invalid_fx_rates``. :class:`NotPermitted` (codes ``over_regime_limit``, ``prohibited_goods``) is raised
later, by the engine, for imports that are valid requests but not allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale

from marketplace.core import clock
from marketplace.core.money import Money, Rounding, UnknownCurrency, exponent
from marketplace.crossborder import hs
from marketplace.crossborder.regimes import supported_destinations

_DECIMAL = re.compile(r"^-?\d{1,15}(\.\d{1,12})?$")
_KNOWN_COUNTRIES = frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


class QuoteError(ValueError):
    """A request the engine cannot quote (CLI exit code 2)."""

    exit_code = 2

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


class NotPermitted(QuoteError):
    """A valid request for an import that is not permitted (CLI exit code 3)."""

    exit_code = 3


@dataclass(frozen=True)
class PinnedRates:
    base: str
    as_of: date
    rates: dict[str, Decimal]  # 1 base = rate currency


@dataclass(frozen=True)
class Item:
    sku: str
    description: str
    hs_code: str  # digits only
    origin_country: str
    quantity: int
    unit_price: Money
    unit_weight_g: int | None


@dataclass(frozen=True)
class QuoteRequest:
    on: date
    origin_country: str
    ship_from_country: str
    destination_country: str
    destination_region: str | None
    transport_mode: str
    incoterm: str
    currency: str | None
    fx_rates: PinnedRates | None
    claim_preference: bool
    shipping: Money
    insurance: Money
    items: tuple[Item, ...]

    @classmethod
    def build(cls, **kwargs: Any) -> QuoteRequest:
        """Typed construction with ``parse_request``'s checks: see :func:`build_request`."""
        return build_request(**kwargs)


def _country(value: Any, field: str, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if value is None:
        raise QuoteError("missing_field", f"{field} is required.", field)
    if not isinstance(value, str) or value.upper() not in _KNOWN_COUNTRIES or len(value) != 2:
        raise QuoteError("unknown_country", f"{field} must be an ISO 3166-1 alpha-2 country code.", field)
    return value.upper()


def _decimal(value: Any, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str) or not _DECIMAL.match(value.strip()):
        raise QuoteError("invalid_amount", f"{field} must be a decimal string such as \"12.34\".", field)
    try:
        return Decimal(value.strip())
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise QuoteError("invalid_amount", f"{field} is not a number.", field) from exc


def _money(value: Any, field: str, *, required: bool = True) -> Money | None:
    if value is None:
        if required:
            raise QuoteError("missing_field", f"{field} is required.", field)
        return None
    if not isinstance(value, dict) or "amount" not in value or "currency" not in value:
        raise QuoteError("invalid_amount", f"{field} must be {{\"amount\": \"12.34\", \"currency\": \"EUR\"}}.", field)
    amount = _decimal(value["amount"], f"{field}.amount")
    currency = value["currency"]
    try:
        if not isinstance(currency, str):
            raise UnknownCurrency(str(currency))
        digits = exponent(currency)
    except UnknownCurrency as exc:
        raise QuoteError("unknown_currency", f"{field}.currency is not an ISO 4217 currency code.",
                         f"{field}.currency") from exc
    if amount < 0:
        raise QuoteError("invalid_amount", f"{field} cannot be negative.", f"{field}.amount")
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise QuoteError("invalid_amount", f"{field} has more decimals than {currency} allows ({digits}).",
                         f"{field}.amount")
    return Money.of(amount, currency, Rounding.HALF_UP)


def _date(value: Any) -> date:
    if value is None:
        return clock.now().date()
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError as exc:
        raise QuoteError("invalid_date", "date must be an ISO date such as \"2026-11-25\".", "date") from exc


def _fx_rates(value: Any) -> PinnedRates | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("rates"), dict) or not value.get("base"):
        raise QuoteError("invalid_fx_rates", "fx_rates must be {\"base\", \"as_of\", \"rates\"}.", "fx_rates")
    base = value["base"]
    try:
        exponent(base)
        rates = {}
        for code, rate in value["rates"].items():
            exponent(code)
            parsed = _decimal(rate, f"fx_rates.rates.{code}")
            if parsed <= 0:
                raise QuoteError("invalid_fx_rates", f"fx_rates.rates.{code} must be positive.",
                                 f"fx_rates.rates.{code}")
            rates[code] = parsed
        as_of = date.fromisoformat(value.get("as_of") or "")
    except (UnknownCurrency, TypeError, ValueError) as exc:
        if isinstance(exc, QuoteError):
            raise
        raise QuoteError("invalid_fx_rates", "fx_rates has an unknown currency or a bad as_of date.",
                         "fx_rates") from exc
    return PinnedRates(base=base, as_of=as_of, rates=rates)


def _item(raw: Any, index: int, default_origin: str | None) -> Item:
    path = f"items[{index}]"
    if not isinstance(raw, dict):
        raise QuoteError("invalid_field", f"{path} must be an object.", path)
    for name in ("hs_code", "quantity", "unit_price"):
        if raw.get(name) is None:
            raise QuoteError("missing_field", f"{path}.{name} is required.", f"{path}.{name}")
    quantity = raw["quantity"]
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100_000:
        raise QuoteError("invalid_quantity", f"{path}.quantity must be a whole number from 1 to 100000.",
                         f"{path}.quantity")
    try:
        code = hs.validate(raw["hs_code"]).code
    except hs.InvalidHsCode as exc:
        raise QuoteError("invalid_hs_code", f"{path}.hs_code: {exc}", f"{path}.hs_code") from exc
    origin = _country(raw.get("origin_country", default_origin), f"{path}.origin_country")
    weight = raw.get("unit_weight_kg")
    weight_g = None
    if weight is not None:
        kg = _decimal(weight, f"{path}.unit_weight_kg") if isinstance(weight, str) else None
        if kg is None or kg <= 0:
            raise QuoteError("invalid_weight", f"{path}.unit_weight_kg must be a positive decimal string.",
                             f"{path}.unit_weight_kg")
        weight_g = max(1, int((kg * 1000).to_integral_value(rounding="ROUND_HALF_UP")))
    sku, description = raw.get("sku", f"item-{index + 1}"), raw.get("description", "")
    if not isinstance(sku, str) or not isinstance(description, str) or len(sku) > 64 or len(description) > 200:
        raise QuoteError("invalid_field", f"{path}.sku and description must be short strings.", path)
    return Item(sku=sku, description=description, hs_code=code, origin_country=origin, quantity=quantity,
                unit_price=_money(raw["unit_price"], f"{path}.unit_price"), unit_weight_g=weight_g)


def parse_request(data: Any) -> QuoteRequest:
    if not isinstance(data, dict):
        raise QuoteError("invalid_request", "The request must be a JSON object.", None)
    destination = _country(data.get("destination_country"), "destination_country")
    if destination not in supported_destinations():
        raise QuoteError("unsupported_destination", f"Quotes to {destination} are not supported yet.",
                         "destination_country")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise QuoteError("missing_field", "items must be a non-empty list.", "items")
    if len(raw_items) > 200:
        raise QuoteError("invalid_field", "A quote takes at most 200 items.", "items")
    origin = _country(data.get("origin_country"), "origin_country", required=False)
    if origin is None:
        first = raw_items[0].get("origin_country") if isinstance(raw_items[0], dict) else None
        origin = _country(first, "origin_country")
    items = tuple(_item(raw, i, origin) for i, raw in enumerate(raw_items))
    shipping = _money(data.get("shipping"), "shipping")
    insurance = _money(data.get("insurance"), "insurance", required=False) or Money.zero(shipping.currency)
    currencies = {shipping.currency, insurance.currency, *(item.unit_price.currency for item in items)}
    if len(currencies) > 1:
        raise QuoteError("currency_mismatch",
                         f"All amounts in a request must be in one currency; got {', '.join(sorted(currencies))}.",
                         "items")
    mode, incoterm = data.get("transport_mode", "courier"), data.get("incoterm", "DDP")
    if mode not in ("courier", "postal"):
        raise QuoteError("invalid_field", "transport_mode must be \"courier\" or \"postal\".", "transport_mode")
    if incoterm not in ("DDP", "DAP"):
        raise QuoteError("invalid_field", "incoterm must be \"DDP\" or \"DAP\".", "incoterm")
    currency = data.get("currency")
    if currency is not None:
        try:
            exponent(currency)
        except (UnknownCurrency, TypeError) as exc:
            raise QuoteError("unknown_currency", "currency is not an ISO 4217 currency code.", "currency") from exc
    region = data.get("destination_region")
    if region is not None and (not isinstance(region, str) or not re.fullmatch(r"[A-Z0-9]{1,3}", region)):
        raise QuoteError("invalid_field", "destination_region must be a subdivision code such as \"ON\".",
                         "destination_region")
    claim = data.get("claim_preference", True)
    if not isinstance(claim, bool):
        raise QuoteError("invalid_field", "claim_preference must be true or false.", "claim_preference")
    return QuoteRequest(
        on=_date(data.get("date")), origin_country=origin,
        ship_from_country=_country(data.get("ship_from_country", origin), "ship_from_country"),
        destination_country=destination, destination_region=region, transport_mode=mode, incoterm=incoterm,
        currency=currency, fx_rates=_fx_rates(data.get("fx_rates")), claim_preference=claim,
        shipping=shipping, insurance=insurance, items=items)


def _typed_money(money: Money, field: str) -> Money:
    if not isinstance(money, Money):
        raise QuoteError("invalid_amount", f"{field} must be {{\"amount\": \"12.34\", \"currency\": \"EUR\"}}.", field)
    if money.minor < 0:
        raise QuoteError("invalid_amount", f"{field} cannot be negative.", f"{field}.amount")
    return money


def _typed_item(item: Item, index: int) -> Item:
    path = f"items[{index}]"
    quantity = item.quantity
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100_000:
        raise QuoteError("invalid_quantity", f"{path}.quantity must be a whole number from 1 to 100000.",
                         f"{path}.quantity")
    try:
        code = hs.validate(item.hs_code).code
    except hs.InvalidHsCode as exc:
        raise QuoteError("invalid_hs_code", f"{path}.hs_code: {exc}", f"{path}.hs_code") from exc
    origin = _country(item.origin_country, f"{path}.origin_country")
    weight_g = item.unit_weight_g
    if weight_g is not None and (isinstance(weight_g, bool) or not isinstance(weight_g, int) or weight_g <= 0):
        raise QuoteError("invalid_weight", f"{path}.unit_weight_kg must be a positive decimal string.",
                         f"{path}.unit_weight_kg")
    if (not isinstance(item.sku, str) or not isinstance(item.description, str) or len(item.sku) > 64
            or len(item.description) > 200):
        raise QuoteError("invalid_field", f"{path}.sku and description must be short strings.", path)
    return Item(sku=item.sku, description=item.description, hs_code=code, origin_country=origin,
                quantity=quantity, unit_price=_typed_money(item.unit_price, f"{path}.unit_price"),
                unit_weight_g=weight_g)


def build_request(*, destination_country: str, origin_country: str, items: tuple[Item, ...] | list[Item],
                  shipping: Money, ship_from_country: str | None = None, insurance: Money | None = None,
                  transport_mode: str = "courier", incoterm: str = "DDP", currency: str | None = None,
                  destination_region: str | None = None, on: date | None = None,
                  fx_rates: PinnedRates | None = None, claim_preference: bool = True) -> QuoteRequest:
    """A :class:`QuoteRequest` from typed values, checked like ``parse_request`` checks JSON (same codes,
    messages and fields; raises :class:`QuoteError`). ``on`` defaults to today, ``ship_from_country`` to
    ``origin_country``, ``insurance`` to zero."""
    destination = _country(destination_country, "destination_country")
    if destination not in supported_destinations():
        raise QuoteError("unsupported_destination", f"Quotes to {destination} are not supported yet.",
                         "destination_country")
    if not items:
        raise QuoteError("missing_field", "items must be a non-empty list.", "items")
    if len(items) > 200:
        raise QuoteError("invalid_field", "A quote takes at most 200 items.", "items")
    origin = _country(origin_country, "origin_country")
    checked = tuple(_typed_item(item, i) for i, item in enumerate(items))
    shipping = _typed_money(shipping, "shipping")
    insurance = _typed_money(insurance, "insurance") if insurance is not None else Money.zero(shipping.currency)
    currencies = {shipping.currency, insurance.currency, *(item.unit_price.currency for item in checked)}
    if len(currencies) > 1:
        raise QuoteError("currency_mismatch",
                         f"All amounts in a request must be in one currency; got {', '.join(sorted(currencies))}.",
                         "items")
    if transport_mode not in ("courier", "postal"):
        raise QuoteError("invalid_field", "transport_mode must be \"courier\" or \"postal\".", "transport_mode")
    if incoterm not in ("DDP", "DAP"):
        raise QuoteError("invalid_field", "incoterm must be \"DDP\" or \"DAP\".", "incoterm")
    if currency is not None:
        try:
            exponent(currency)
        except (UnknownCurrency, TypeError) as exc:
            raise QuoteError("unknown_currency", "currency is not an ISO 4217 currency code.", "currency") from exc
    region = destination_region
    if region is not None and (not isinstance(region, str) or not re.fullmatch(r"[A-Z0-9]{1,3}", region)):
        raise QuoteError("invalid_field", "destination_region must be a subdivision code such as \"ON\".",
                         "destination_region")
    return QuoteRequest(
        on=on or clock.now().date(), origin_country=origin,
        ship_from_country=_country(ship_from_country or origin, "ship_from_country"),
        destination_country=destination, destination_region=region, transport_mode=transport_mode,
        incoterm=incoterm, currency=currency, fx_rates=fx_rates, claim_preference=bool(claim_preference),
        shipping=shipping, insurance=insurance, items=checked)

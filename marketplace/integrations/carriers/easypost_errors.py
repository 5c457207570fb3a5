"""EasyPost's errors as Meridian :class:`CarrierError` s: transient ones retryable, input ones one problem list.

Contract: :func:`carrier_error(error)` maps an ``easypost`` SDK exception:
- 429 (``RateLimitError``), 500/503/504, 408 and request timeouts (``TimeoutError``), connection failures
  (``HttpError``) and unreadable answers (``JsonError``) → :class:`CarrierUnavailable`
  (``carrier_unavailable``): a worker retries the message with backoff; a seller is asked to try again.
- 401/403 (the API key) and 402 (billing) → ``carrier_account``: staff must fix the configuration.
- 404 → ``tracking_unknown`` (the only lookups are trackers and shipments the caller names).
- 400/422 → ONE :class:`CarrierError` listing a :class:`Problem` per field EasyPost names (``errors``:
  ``{"field": "to_address.zip", "message": …}`` or plain strings; the whole ``code`` when none is named).
  Fields are translated into Meridian's dotted paths: ``from_address``/``return_address`` → ``sender``,
  ``to_address`` → ``recipient``, ``street1``/``street2`` → ``street``, ``zip`` → ``postal_code``,
  ``state`` → ``region``; ``parcel.weight`` → ``parcel.weight_g``, other parcel sides → ``parcel.dimensions``;
  ``customs_info.customs_items.N.hs_tariff_number`` → ``customs.N.hs_code`` (``weight`` → ``weight_g``).
  The code follows the field or EasyPost's code (``ADDRESS.*`` → ``address_invalid``, ``*CUSTOMS*`` →
  ``customs_invalid``, ``*PARCEL*`` → ``parcel_invalid``, else ``service_unavailable``); an address error
  that names no side (``ADDRESS.VERIFY.FAILURE`` with field ``address``) is the recipient's, the sender's
  address being the seller's own, checked when entered. The carrier's English text rides along as the
  ``detail`` parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from easypost import errors as ep

from marketplace.core.errors import Problem
from marketplace.core.i18n import N_
from marketplace.orders.carriers import CarrierError, CarrierUnavailable
from marketplace.orders.error_codes import CarrierErrorCode

TRANSIENT = (ep.RateLimitError, ep.ServiceUnavailableError, ep.GatewayTimeoutError, ep.InternalServerError,
             ep.TimeoutError, ep.HttpError, ep.JsonError)
SIDES = {"from_address": "sender", "return_address": "sender", "to_address": "recipient",
         "buyer_address": "recipient", "address": "recipient"}
ADDRESS_FIELDS = {"street1": "street", "street2": "street", "zip": "postal_code", "state": "region",
                  "city": "city", "country": "country", "name": "name", "company": "company", "phone": "phone",
                  "email": "email"}
CUSTOMS_FIELDS = {"hs_tariff_number": "hs_code", "weight": "weight_g", "description": "description",
                  "origin_country": "origin_country", "quantity": "quantity", "value": "value"}
MESSAGES = {
    CarrierErrorCode.ADDRESS_INVALID: N_("The carrier refused this address: %(detail)s"),
    CarrierErrorCode.CUSTOMS_INVALID: N_("The carrier refused this customs data: %(detail)s"),
    CarrierErrorCode.PARCEL_INVALID: N_("The carrier refused the parcel's size or weight: %(detail)s"),
    CarrierErrorCode.SERVICE_UNAVAILABLE: N_("The carrier refused the shipment: %(detail)s"),
}


def _parts(field: str) -> list[str]:
    parts = [part for part in re.split(r"[.\[\]]+", field) if part]
    return parts[1:] if parts[:1] == ["shipment"] else parts


def _ours(field: str) -> tuple[CarrierErrorCode | None, str | None]:
    """Meridian's code and dotted field for an EasyPost field path (None, None: not one we know)."""
    parts = _parts(field)
    if not parts:
        return None, None
    head, rest = parts[0], parts[1:]
    if head in SIDES:
        leaf = ADDRESS_FIELDS.get(rest[-1]) if rest else None
        return CarrierErrorCode.ADDRESS_INVALID, f"{SIDES[head]}.{leaf}" if leaf else SIDES[head]
    if head in ADDRESS_FIELDS and not rest:
        return CarrierErrorCode.ADDRESS_INVALID, f"recipient.{ADDRESS_FIELDS[head]}"
    if head == "parcel":
        leaf = "weight_g" if rest[-1:] == ["weight"] else "dimensions"
        return CarrierErrorCode.PARCEL_INVALID, f"parcel.{leaf}"
    if head in ("customs_info", "customs_items"):
        rest = rest[1:] if head == "customs_info" and rest[:1] == ["customs_items"] else rest
        index = next((part for part in rest if part.isdigit()), None)
        leaf = CUSTOMS_FIELDS.get(rest[-1]) if rest else None
        if index is not None and leaf:
            return CarrierErrorCode.CUSTOMS_INVALID, f"customs.{index}.{leaf}"
        return CarrierErrorCode.CUSTOMS_INVALID, "customs"
    return None, None


def _code_of(easypost_code: str) -> CarrierErrorCode:
    upper = easypost_code.upper()
    if upper.startswith("ADDRESS"):
        return CarrierErrorCode.ADDRESS_INVALID
    if "CUSTOMS" in upper:
        return CarrierErrorCode.CUSTOMS_INVALID
    if "PARCEL" in upper:
        return CarrierErrorCode.PARCEL_INVALID
    return CarrierErrorCode.SERVICE_UNAVAILABLE


def _problem(code: CarrierErrorCode, field: str | None, detail: str) -> Problem:
    return Problem(code, MESSAGES[code], field, {"detail": detail[:200]})


def input_problems(easypost_code: str, message: str, errors: object) -> list[Problem]:
    """One problem per field EasyPost names (see the module contract), each field once."""
    fallback = _code_of(easypost_code)
    problems: list[Problem] = []
    seen: set[str | None] = set()
    for entry in errors if isinstance(errors, list) else ():
        field = str(entry.get("field") or "") if isinstance(entry, Mapping) else ""
        detail = str(entry.get("message") or message) if isinstance(entry, Mapping) else str(entry)
        code, ours = _ours(field)
        if code is None and fallback is CarrierErrorCode.ADDRESS_INVALID:
            code, ours = fallback, "recipient"
        code = code or fallback
        if ours not in seen:
            seen.add(ours)
            problems.append(_problem(code, ours, detail))
    return problems or [_problem(fallback, "recipient" if fallback is CarrierErrorCode.ADDRESS_INVALID else None,
                                 message)]


def carrier_error(error: Exception) -> CarrierError:
    """The Meridian error for an ``easypost`` SDK exception (see the module contract)."""
    if isinstance(error, TRANSIENT):
        return CarrierUnavailable(N_("The carrier is not answering; try again in a few minutes."))
    status = getattr(error, "http_status", None)
    if isinstance(error, ep.UnauthorizedError | ep.ForbiddenError | ep.PaymentError):
        return CarrierError(N_("The carrier refused the marketplace's shipping account; staff have been told."),
                            code=CarrierErrorCode.CARRIER_ACCOUNT)
    if isinstance(error, ep.NotFoundError):
        return CarrierError(N_("The carrier knows no such parcel."), code=CarrierErrorCode.TRACKING_UNKNOWN)
    if isinstance(error, ep.InvalidRequestError | ep.BadRequestError) or status in (400, 422):
        body: Any = getattr(error, "json_body", None) or {}
        inner = body.get("error") if isinstance(body, Mapping) else None
        inner = inner if isinstance(inner, Mapping) else {}
        message = str(getattr(error, "message", "") or inner.get("message") or "")
        return CarrierError.of(input_problems(str(inner.get("code") or ""), message, inner.get("errors")))
    return CarrierUnavailable(N_("The carrier is not answering; try again in a few minutes."))


__all__ = ["carrier_error", "input_problems"]

"""The one carrier interface: rates, buy a label, void it, track the parcel; and the plain values they take.

Contract:
- :class:`Carrier` is a Protocol. Adapters live in ``marketplace/integrations/carriers/`` (the embedded
  carrier, later EasyPost) and are chosen by ``integrations.carriers.carrier_for(settings)``; domain code
  never imports them, it receives a ``Carrier``.
- ``rates(request)`` -> every :class:`Rate` the carrier offers for the :class:`ShipmentRequest`, cheapest
  first; when ``request.service`` is set only that service's rates (none: ``service_unavailable``).
- ``buy_label(request, rate)`` -> a :class:`Label` for one of the rates ``rates(request)`` returned
  (``rate_not_offered`` otherwise). Its ``price`` is what the carrier charges now.
- ``void_label(label)`` -> ``None``, or ``label_not_voidable`` once the carrier has the parcel.
- ``track(tracking_number, since)`` -> the parcel's :class:`TrackingEvent` s in time order, from ``since``
  (the label's ``created_at``, which the caller stores with the label) up to now. The caller stops tracking
  a voided label.
- The values are frozen dataclasses of plain values: text, ``int`` millimetres and grams, ``Money``, aware
  datetimes. Constructing one checks types (``TypeError`` on a programming error) and normalises text
  (stripped; countries upper case); whether the values make a shippable parcel is a separate question:
  :func:`request_problems` lists every fixable problem at once.
- Errors are :class:`CarrierError` (a ``DomainError`` with a :class:`CarrierErrorCode`); when several inputs are
  wrong, ``problems`` holds one :class:`~marketplace.core.errors.Problem` per input (its ``field`` a dotted
  path such as ``recipient.postal_code`` or ``customs.0.hs_code``). :class:`CarrierUnavailable` is a transient
  failure (timeout, 429, 503): the caller's outbox message is retried with backoff.
- Descriptions and messages are English msgids (translated where shown, ``present/problems.problem_text``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from marketplace.accounts.address_format import address_form
from marketplace.core.errors import DomainError, Problem
from marketplace.core.i18n import N_
from marketplace.core.money import Money
from marketplace.crossborder.markets import EU_MEMBERS
from marketplace.orders.error_codes import CarrierErrorCode


class Incoterm(StrEnum):
    """Who pays import duty and tax: the seller at checkout (DDP) or the recipient at the door (DAP)."""

    DDP = "DDP"
    DAP = "DAP"


class TrackingCode(StrEnum):
    """What happened to a parcel (``TrackingEvent.code``), in the order they usually happen."""

    ACCEPTED = "accepted"  # the carrier has the parcel
    IN_TRANSIT = "in_transit"
    EXPORTED = "exported"  # cleared export, left the origin country
    AT_CUSTOMS = "at_customs"  # arrived at the destination's customs
    HELD_AT_CUSTOMS = "held_at_customs"  # an exception: customs will not release it yet (duty unpaid)
    RELEASED = "released"  # customs released it
    OUT_FOR_DELIVERY = "out_for_delivery"
    AVAILABLE_FOR_PICKUP = "available_for_pickup"  # waiting at a pick-up point (EasyPost's status of that name)
    DELIVERED = "delivered"
    DELIVERY_FAILED = "delivery_failed"  # an exception: the carrier could not deliver (EasyPost's "failure")
    RETURN_TO_SENDER = "return_to_sender"  # an exception: on its way back to the sender


EXCEPTION_CODES = frozenset({TrackingCode.HELD_AT_CUSTOMS, TrackingCode.DELIVERY_FAILED,
                             TrackingCode.RETURN_TO_SENDER})
"""Codes that mean "a problem the shopper or seller may need to act on"."""


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    return value.strip()


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    return value


def _money(value: object, what: str) -> Money:
    if not isinstance(value, Money):
        raise TypeError(f"{what} must be Money, not {type(value).__name__}")
    return value


def _aware(value: object, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise TypeError(f"{what} must be a timezone-aware datetime, got {value!r}")
    return value


@dataclass(frozen=True)
class Address:
    """A postal address as a carrier wants it. ``street`` holds one or two lines; ``country`` is ISO 3166-1
    alpha-2; ``region`` a state, province or prefecture where the country uses one; empty text = not given."""

    name: str
    street: tuple[str, ...]
    city: str
    postal_code: str
    country: str
    region: str = ""
    company: str = ""
    phone: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        for name in ("name", "city", "postal_code", "region", "company", "phone", "email"):
            object.__setattr__(self, name, _text(getattr(self, name), f"Address.{name}"))
        object.__setattr__(self, "country", _text(self.country, "Address.country").upper())
        if isinstance(self.street, str) or not isinstance(self.street, Sequence):
            raise TypeError("Address.street must be a sequence of lines")
        lines = tuple(_text(line, "Address.street line") for line in self.street)
        object.__setattr__(self, "street", tuple(line for line in lines if line))

    def lines(self) -> tuple[str, ...]:
        """The address as printed: name, company, street, postal code and city, region, country code."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return tuple(line for line in (self.name, self.company, *self.street, place, self.region, self.country)
                     if line)


@dataclass(frozen=True)
class Parcel:
    """The packed parcel: outer dimensions in millimetres, gross weight in grams."""

    length_mm: int
    width_mm: int
    height_mm: int
    weight_g: int

    def __post_init__(self) -> None:
        for name in ("length_mm", "width_mm", "height_mm", "weight_g"):
            _whole(getattr(self, name), f"Parcel.{name}")


@dataclass(frozen=True)
class CustomsLine:
    """One line of the customs declaration: ``quantity`` units together worth ``value`` and weighing
    ``weight_g`` net (line totals, as CN22/CN23 and EasyPost's CustomsItem take them)."""

    description: str  # English, precise ("cotton T-shirt", not "clothes")
    hs_code: str  # 6 to 10 digits
    origin_country: str  # ISO 3166-1 alpha-2
    quantity: int
    value: Money
    weight_g: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "description", _text(self.description, "CustomsLine.description"))
        object.__setattr__(self, "hs_code", _text(self.hs_code, "CustomsLine.hs_code").replace(".", ""))
        object.__setattr__(self, "origin_country", _text(self.origin_country, "CustomsLine.origin_country").upper())
        _whole(self.quantity, "CustomsLine.quantity")
        _whole(self.weight_g, "CustomsLine.weight_g")
        _money(self.value, "CustomsLine.value")


@dataclass(frozen=True)
class ShipmentRequest:
    """What a label is bought for. ``service`` is the service the shopper chose (None: any); ``currency`` is
    the currency rates are quoted in; ``reference`` is the seller's reference printed on the label."""

    sender: Address
    recipient: Address
    parcel: Parcel
    service: str | None = None
    incoterm: Incoterm = Incoterm.DDP
    customs: tuple[CustomsLine, ...] = ()
    reference: str = ""
    currency: str = "EUR"

    def __post_init__(self) -> None:
        for name, kind in (("sender", Address), ("recipient", Address), ("parcel", Parcel)):
            if not isinstance(getattr(self, name), kind):
                raise TypeError(f"ShipmentRequest.{name} must be {kind.__name__}")
        object.__setattr__(self, "incoterm", Incoterm(self.incoterm))
        object.__setattr__(self, "customs", tuple(self.customs))
        if not all(isinstance(line, CustomsLine) for line in self.customs):
            raise TypeError("ShipmentRequest.customs must hold CustomsLine values")
        object.__setattr__(self, "reference", _text(self.reference, "ShipmentRequest.reference"))

    @property
    def crosses_customs(self) -> bool:
        """True when the parcel leaves one customs territory for another (not within a country or the EU)."""
        origin, destination = self.sender.country, self.recipient.country
        return origin != destination and not (origin in EU_MEMBERS and destination in EU_MEMBERS)


@dataclass(frozen=True)
class Rate:
    """One service's offer. ``carrier_ref`` is the carrier's own id needed to buy it (EasyPost: the rate id),
    empty for the embedded carrier; ``min_days``/``max_days`` are transit days (indicative)."""

    carrier: str
    service: str
    price: Money
    min_days: int
    max_days: int
    tracked: bool
    name: str = ""  # the service's English name, e.g. "Express courier"
    carrier_ref: str = ""

    def __post_init__(self) -> None:
        _money(self.price, "Rate.price")
        _whole(self.min_days, "Rate.min_days")
        _whole(self.max_days, "Rate.max_days")


@dataclass(frozen=True)
class Label:
    """A bought label: the PDF itself (``pdf``) or where the carrier serves it (``url``); ``created_at`` is
    when it was bought (aware), the ``since`` of :meth:`Carrier.track`; ``carrier_ref`` the carrier's id of
    the shipment (EasyPost's ``shp_…``, needed to void), empty for the embedded carrier; ``customs_form`` the
    customs document that goes with the parcel (``Shipment.customs_form``), None within one customs territory."""

    carrier: str
    service: str
    tracking_number: str
    price: Money
    created_at: datetime
    pdf: bytes | None = None
    url: str | None = None
    carrier_ref: str = ""
    customs_form: str | None = None  # "CN22" | "CN23" | "INVOICE": the customs document the parcel needs

    def __post_init__(self) -> None:
        _money(self.price, "Label.price")
        _aware(self.created_at, "Label.created_at")
        if self.pdf is None and not self.url:
            raise TypeError("a Label needs its PDF or the URL it is served from")


@dataclass(frozen=True)
class TrackingEvent:
    """One scan: ``description`` is an English msgid; ``location`` is free text (may be empty)."""

    code: TrackingCode
    at: datetime
    description: str
    location: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", TrackingCode(self.code))
        _aware(self.at, "TrackingEvent.at")

    @property
    def is_exception(self) -> bool:
        return self.code in EXCEPTION_CODES


class CarrierError(DomainError):
    """The carrier refused; ``problems`` lists each fixable input when there is more than one."""

    default_code = CarrierErrorCode.SERVICE_UNAVAILABLE

    def __init__(self, message: str, *, code: CarrierErrorCode | None = None, field: str | None = None,
                 problems: Sequence[Problem] = (), **params: object) -> None:
        super().__init__(message, code=code, field=field, **params)
        self.problems: tuple[Problem, ...] = tuple(problems) or (self.problem,)

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> CarrierError:
        """One error for a list of problems (at least one): the first names the code and field."""
        first = problems[0]
        if len(problems) == 1:
            return cls(first.message, code=first.code, field=first.field, problems=problems, **first.params)
        return cls(N_("The carrier cannot take this parcel yet: fix the %(count)s problems listed."),
                   code=first.code, problems=problems, count=len(problems))


class CarrierUnavailable(CarrierError):
    """A transient failure (timeout, rate limit, the carrier down): try again later."""

    default_code = CarrierErrorCode.CARRIER_UNAVAILABLE


@runtime_checkable
class Carrier(Protocol):
    """What every carrier adapter does (see the module's contract)."""

    name: str

    def rates(self, request: ShipmentRequest) -> list[Rate]: ...

    def buy_label(self, request: ShipmentRequest, rate: Rate) -> Label: ...

    def void_label(self, label: Label) -> None: ...

    def track(self, tracking_number: str, since: datetime) -> list[TrackingEvent]: ...


# -- the checks every carrier needs ---------------------------------------------------------------------

MAX_STREET_LINES = 2  # carriers take street1 and street2 (EasyPost's Address)

_ADDRESS_FIELDS = (("name", "name", N_("Enter the name.")),
                   ("street_address", "street", N_("Enter the street address.")),
                   ("city", "city", N_("Enter the city.")),
                   ("postal_code", "postal_code", N_("Enter the postal code.")),
                   ("country_area", "region", N_("Enter the state, province or prefecture.")))


def _address_problems(address: Address, who: str) -> list[Problem]:
    try:
        form = address_form(address.country)
    except DomainError:
        return [Problem(CarrierErrorCode.ADDRESS_INVALID, N_("Choose a valid country."), f"{who}.country")]
    problems = []
    for form_name, ours, message in _ADDRESS_FIELDS:
        spec = form.field(form_name)
        required = form_name in ("name", "street_address") or (spec is not None and spec.required)
        if required and not getattr(address, ours):
            problems.append(Problem(CarrierErrorCode.ADDRESS_INVALID, message, f"{who}.{ours}"))
    if len(address.street) > MAX_STREET_LINES:
        problems.append(Problem(CarrierErrorCode.ADDRESS_INVALID, N_("Use at most %(count)s street lines."),
                                f"{who}.street", {"count": MAX_STREET_LINES}))
    return problems


def _parcel_problems(parcel: Parcel) -> list[Problem]:
    problems = []
    if parcel.weight_g <= 0:
        problems.append(Problem(CarrierErrorCode.PARCEL_INVALID, N_("Enter the parcel's weight."), "parcel.weight_g"))
    sides = (parcel.length_mm, parcel.width_mm, parcel.height_mm)
    if min(sides) <= 0:
        problems.append(Problem(CarrierErrorCode.PARCEL_INVALID, N_("Enter the parcel's length, width and height."),
                                "parcel.dimensions"))
    return problems


def _customs_problems(lines: Sequence[CustomsLine]) -> list[Problem]:
    code = CarrierErrorCode.CUSTOMS_INVALID
    if not lines:
        return [Problem(code, N_("This parcel crosses a customs border: declare its contents."), "customs")]
    problems = []
    for index, line in enumerate(lines):
        where = f"customs.{index}"
        if len(line.description) < 3:
            problems.append(Problem(code, N_("Describe the goods in English."), f"{where}.description"))
        if not (line.hs_code.isdigit() and 6 <= len(line.hs_code) <= 10):
            problems.append(Problem(code, N_("Enter an HS code of 6 to 10 digits."), f"{where}.hs_code"))
        if not (len(line.origin_country) == 2 and line.origin_country.isalpha() and line.origin_country.isascii()):
            problems.append(Problem(code, N_("Enter the country of origin."), f"{where}.origin_country"))
        if line.quantity <= 0:
            problems.append(Problem(code, N_("Enter a quantity of at least 1."), f"{where}.quantity"))
        if line.weight_g <= 0:
            problems.append(Problem(code, N_("Enter the net weight."), f"{where}.weight_g"))
        if line.value.minor < 0:
            problems.append(Problem(code, N_("Enter the value."), f"{where}.value"))
    if len({line.value.currency for line in lines}) > 1:
        problems.append(Problem(code, N_("Declare every line's value in one currency."), "customs"))
    return problems


def request_problems(request: ShipmentRequest) -> list[Problem]:
    """Every fixable problem of ``request`` a carrier would refuse, in form order (empty: it can be quoted).

    Address fields follow the country's address form (``accounts.address_format``); customs lines are
    required and checked only when the parcel :attr:`~ShipmentRequest.crosses_customs`.
    """
    problems = [*_address_problems(request.sender, "sender"), *_address_problems(request.recipient, "recipient"),
                *_parcel_problems(request.parcel)]
    if request.crosses_customs:
        problems += _customs_problems(request.customs)
    return problems


__all__ = [
    "EXCEPTION_CODES",
    "Address",
    "Carrier",
    "CarrierError",
    "CarrierUnavailable",
    "CustomsLine",
    "Incoterm",
    "Label",
    "Parcel",
    "Rate",
    "ShipmentRequest",
    "TrackingCode",
    "TrackingEvent",
    "request_problems",
]

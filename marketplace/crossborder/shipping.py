"""The embedded carrier: zone rate tables for three services, priced from a versioned data file.

Contract:
    * :func:`rates` answers "what may this parcel cost from ``origin`` to ``destination``?" with one
      :class:`RateOption` per service that can carry it, cheapest first (ties: faster first, then
      the table's service order). It never touches the network or a database.
    * Tables: ``data/shipping_rates.json`` (see its ``notice``: an embedded model, NOT a carrier's
      tariff). Amounts there are integer EUR cents; a price in another currency is converted ONCE
      per option with :func:`marketplace.crossborder.fx.convert` (half up to the target
      currency's minor unit) and the :class:`~marketplace.crossborder.fx.Conversion` is kept on
      the option, so the figure shown is the figure charged and its rate can be stored.
    * Zones: ``domestic`` (same country), else the region of each country (``regions``) looked up
      in ``zone_matrix`` (``regional`` < ``near`` < ``far`` < ``remote``, symmetric).
    * Chargeable weight: ``max(actual, dimensional)`` for services with a ``dim_divisor``
      (dimensional grams = L x W x H in mm / divisor, rounded up; 5000 = the usual
      "L x W x H cm / 5000 kg"), then rounded up to the first weight break at or above it, or
      above the last break to whole ``over_last_break.step_g`` steps. Postal economy has no
      dimensional weight but a size limit (UPU small packet: L + W + H <= 900 mm, longest side
      <= 600 mm, 2 kg).
    * A parcel whose three dimensions are 0 has unknown dimensions: no dimensional weight and no
      size check (weight limits still apply). Sizes are checked whenever they are given.
    * ``transport_mode`` is ``"postal"`` for services handed to the destination's postal operator
      (``postal_economy``, ``tracked_standard``) and ``"courier"`` for ``express``: import regimes
      (Canada's CAD 20 / 40 / 150 thresholds) depend on it.
    * Errors are :class:`ShippingError` with a :class:`ShippingErrorCode`; currency conversion
      errors from :mod:`~marketplace.crossborder.fx` (``RatesNotAvailable``) pass through.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from importlib import resources
from types import MappingProxyType

from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.crossborder import fx
from marketplace.crossborder.markets import DESTINATIONS

RATES_FILE = "shipping_rates.json"
TABLE_CURRENCY = "EUR"

SERVICE_POSTAL_ECONOMY = "postal_economy"
SERVICE_TRACKED_STANDARD = "tracked_standard"
SERVICE_EXPRESS = "express"

TRANSPORT_MODES = ("postal", "courier")
ZONES = ("domestic", "regional", "near", "far", "remote")
"""Zones from cheapest to dearest."""

PACKAGING_PERCENT = 5
""":func:`combine` adds this share of the goods' weight (rounded up to a gram) ..."""
PACKAGING_FIXED_G = 50
"""... plus this many grams for the box and filling."""
PACKING_FILL_PERCENT = 110
"""Volume the goods take in a box, as a percentage of their own volume (they never tessellate)."""
BOX_WALL_MM = 10
"""Added to each box dimension for walls and padding."""


class ShippingErrorCode(StrEnum):
    """Why no rate could be given."""

    UNKNOWN_COUNTRY = "shipping_unknown_country"
    """The origin is not a vendor country of the tables, or the destination not a market we serve."""
    PARCEL = "shipping_parcel"
    """The parcel (or an item of :func:`combine`) has a bad weight, dimension, quantity or type."""
    NO_SERVICE = "shipping_no_service"
    """No service can carry this parcel (too heavy / too big), or no table is in force on that day."""


class ShippingError(ValueError):
    """A shipping question that cannot be answered; ``code`` says why (a :class:`ShippingErrorCode`)."""

    def __init__(self, code: ShippingErrorCode | str, message: str) -> None:
        super().__init__(message)
        self.code = ShippingErrorCode(code)


def _positive_int(value: object, what: str, *, allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShippingError(
            ShippingErrorCode.PARCEL, f"{what} must be a whole number (int), not {type(value).__name__}"
        )
    if value < 0 or (value == 0 and not allow_zero):
        raise ShippingError(
            ShippingErrorCode.PARCEL, f"{what} must be {'>= 0' if allow_zero else '> 0'}, got {value}"
        )
    return int(value)


@dataclass(frozen=True)
class Parcel:
    """One parcel: weight in grams, outer dimensions in millimetres (all three 0: unknown).

    >>> Parcel(500, 300, 200, 100).sides_mm
    (300, 200, 100)

    Raises:
        ShippingError: ``shipping_parcel`` for a weight that is not a positive int, a dimension
            that is not an int >= 0 (bool and float refused), or only some dimensions given.
    """

    weight_g: int
    length_mm: int = 0
    width_mm: int = 0
    height_mm: int = 0

    def __post_init__(self) -> None:
        _positive_int(self.weight_g, "weight_g")
        dims = [
            _positive_int(getattr(self, name), name, allow_zero=True)
            for name in ("length_mm", "width_mm", "height_mm")
        ]
        if 0 in dims and any(dims):
            raise ShippingError(
                ShippingErrorCode.PARCEL,
                f"give all three dimensions or none (0, 0, 0 = unknown), got {tuple(dims)}",
            )

    @property
    def has_dimensions(self) -> bool:
        return self.length_mm > 0

    @property
    def sides_mm(self) -> tuple[int, int, int]:
        """The three sides, longest first."""
        a, b, c = sorted((self.length_mm, self.width_mm, self.height_mm), reverse=True)
        return a, b, c

    @property
    def volume_mm3(self) -> int:
        return self.length_mm * self.width_mm * self.height_mm


@dataclass(frozen=True)
class RateOption:
    """One service's offer for one parcel on one route.

    ``price`` is the amount to show and charge; ``conversion`` holds the EUR table price, the
    rate, its source and as-of date (rate 1 when the currency is EUR) so an order can store them.
    ``zone`` is one of :data:`ZONES`; ``min_days``/``max_days`` are transit days (indicative).
    """

    service: str
    name: str
    transport_mode: str
    price: Money
    chargeable_weight_g: int
    zone: str
    min_days: int
    max_days: int
    tracked: bool
    conversion: fx.Conversion | None = None


# -- the table --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Service:
    code: str
    name: str
    transport_mode: str
    tracked: bool
    max_weight_g: int
    max_sum_of_sides_mm: int | None
    max_longest_side_mm: int | None
    max_length_plus_girth_mm: int | None
    dim_divisor: int | None
    breaks_g: tuple[int, ...]
    prices: Mapping[str, tuple[int, ...]]
    step_g: int | None
    per_step: Mapping[str, int] | None
    days: Mapping[str, tuple[int, int]]

    def refusal(self, parcel: Parcel) -> str | None:
        """Why this service cannot carry ``parcel`` (``None``: it can)."""
        if parcel.weight_g > self.max_weight_g:
            return f"weighs {parcel.weight_g} g, over {self.max_weight_g} g"
        if parcel.has_dimensions:
            longest, middle, shortest = parcel.sides_mm
            if self.max_longest_side_mm is not None and longest > self.max_longest_side_mm:
                return f"longest side {longest} mm over {self.max_longest_side_mm} mm"
            total = longest + middle + shortest
            if self.max_sum_of_sides_mm is not None and total > self.max_sum_of_sides_mm:
                return f"sum of sides {total} mm over {self.max_sum_of_sides_mm} mm"
            girth = longest + 2 * (middle + shortest)
            if self.max_length_plus_girth_mm is not None and girth > self.max_length_plus_girth_mm:
                return f"length + girth {girth} mm over {self.max_length_plus_girth_mm} mm"
        return None

    def dimensional_weight_g(self, parcel: Parcel) -> int:
        if self.dim_divisor is None or not parcel.has_dimensions:
            return 0
        return -(-parcel.volume_mm3 // self.dim_divisor)  # ceiling division, exact in int

    def price_minor(self, weight_g: int, zone: str) -> tuple[int, int]:
        """(EUR cents, chargeable weight in g) for ``weight_g`` already >= actual and dimensional."""
        for index, upper in enumerate(self.breaks_g):
            if weight_g <= upper:
                return self.prices[zone][index], upper
        assert self.step_g is not None and self.per_step is not None  # checked at load
        last = self.breaks_g[-1]
        steps = -(-(weight_g - last) // self.step_g)
        return self.prices[zone][-1] + steps * self.per_step[zone], last + steps * self.step_g


@dataclass(frozen=True)
class _Table:
    version: str
    source: str
    effective_from: date
    effective_to: date | None  # None: in force until a newer table replaces it
    region_of: Mapping[str, str]
    origins: frozenset[str]
    zone_matrix: Mapping[str, Mapping[str, str]]
    services: tuple[_Service, ...]


def _int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{RATES_FILE}: {what} must be a positive int, got {value!r}")
    return value


def _optional_int(raw: Mapping[str, object], key: str, what: str) -> int | None:
    return None if raw.get(key) is None else _int(raw[key], f"{what}.{key}")


def _parse_service(raw: Mapping, zones: Sequence[str]) -> _Service:
    code = raw["code"]
    if raw["transport_mode"] not in TRANSPORT_MODES:
        raise ValueError(f"{RATES_FILE}: {code}: unknown transport_mode {raw['transport_mode']!r}")
    breaks = tuple(_int(b, f"{code} weight break") for b in raw["weight_breaks_g"])
    if list(breaks) != sorted(set(breaks)):
        raise ValueError(f"{RATES_FILE}: {code}: weight breaks must increase")
    prices: dict[str, tuple[int, ...]] = {}
    days: dict[str, tuple[int, int]] = {}
    for zone in zones:
        row = tuple(_int(p, f"{code} price") for p in raw["prices"][zone])
        if len(row) != len(breaks) or list(row) != sorted(row):
            raise ValueError(f"{RATES_FILE}: {code}/{zone}: one non-decreasing price per weight break")
        prices[zone] = row
        low, high = (_int(d, f"{code} days") for d in raw["days"][zone])
        if low > high:
            raise ValueError(f"{RATES_FILE}: {code}/{zone}: min days above max days")
        days[zone] = (low, high)
    limits = raw["limits"]
    max_weight = _int(limits["max_weight_g"], f"{code}.max_weight_g")
    over = raw.get("over_last_break")
    step_g: int | None = None
    per_step: dict[str, int] | None = None
    if over is not None:
        step_g = _int(over["step_g"], f"{code}.step_g")
        per_step = {zone: _int(over["per_step"][zone], f"{code} per_step") for zone in zones}
    elif max_weight > breaks[-1]:
        raise ValueError(f"{RATES_FILE}: {code}: carries more than its last break but has no over_last_break")
    return _Service(
        code=code,
        name=raw["name"],
        transport_mode=raw["transport_mode"],
        tracked=bool(raw["tracked"]),
        max_weight_g=max_weight,
        max_sum_of_sides_mm=_optional_int(limits, "max_sum_of_sides_mm", code),
        max_longest_side_mm=_optional_int(limits, "max_longest_side_mm", code),
        max_length_plus_girth_mm=_optional_int(limits, "max_length_plus_girth_mm", code),
        dim_divisor=_optional_int(raw, "dim_divisor", code),
        breaks_g=breaks,
        prices=MappingProxyType(prices),
        step_g=step_g,
        per_step=MappingProxyType(per_step) if per_step is not None else None,
        days=MappingProxyType(days),
    )


@functools.cache
def _load_table(filename: str = RATES_FILE) -> _Table:
    """Read and check the rate table once; the result is read-only."""
    raw = json.loads(
        (resources.files("marketplace.crossborder") / "data" / filename).read_text(encoding="utf-8")
    )
    if raw["currency"] != TABLE_CURRENCY:
        raise ValueError(f"{filename}: prices must be in {TABLE_CURRENCY}")
    zones = tuple(raw["zones"])
    if zones != ZONES:
        raise ValueError(f"{filename}: zones must be {ZONES}, got {zones}")
    region_of: dict[str, str] = {}
    for region, countries in raw["regions"].items():
        for country in countries:
            if country in region_of:
                raise ValueError(f"{filename}: {country} is in {region_of[country]} and {region}")
            region_of[country] = region
    matrix = {a: MappingProxyType(dict(row)) for a, row in raw["zone_matrix"].items()}
    for a in raw["regions"]:
        for b in raw["regions"]:
            if matrix[a][b] not in zones[1:] or matrix[a][b] != matrix[b][a]:
                raise ValueError(f"{filename}: zone_matrix {a}/{b} must be a symmetric non-domestic zone")
    origins = frozenset(raw["origins"])
    missing = sorted(c for c in origins | set(DESTINATIONS) if c not in region_of)
    if missing:
        raise ValueError(f"{filename}: no region for {', '.join(missing)}")
    services = tuple(_parse_service(s, zones) for s in raw["services"])
    return _Table(
        version=raw["version"],
        source=raw["source"],
        effective_from=date.fromisoformat(raw["effective_from"]),
        effective_to=date.fromisoformat(raw["effective_to"]) if raw.get("effective_to") else None,
        region_of=MappingProxyType(region_of),
        origins=origins,
        zone_matrix=MappingProxyType(matrix),
        services=services,
    )


def table_version() -> str:
    """The version of the embedded rate table, to store with a quote."""
    return _load_table().version


def service_names() -> dict[str, str]:
    """Each embedded service's code -> its English name (``"express"`` -> ``"Express courier"``)."""
    return {service.code: service.name for service in _load_table().services}


def origins() -> tuple[str, ...]:
    """The vendor countries the embedded tables price from, sorted."""
    return tuple(sorted(_load_table().origins))


def zone(origin: str, destination: str) -> str:
    """The zone of a route: ``domestic`` for the same country, else from the region matrix.

    >>> zone("DE", "DE"), zone("DE", "FR"), zone("DE", "GB"), zone("CN", "US"), zone("BR", "JP")
    ('domestic', 'regional', 'near', 'far', 'remote')

    Raises:
        ShippingError: ``shipping_unknown_country`` for an origin that is not a vendor country of
            the tables or a destination that is not in ``markets.DESTINATIONS``.
    """
    table = _load_table()
    if not isinstance(origin, str) or origin not in table.origins:
        raise ShippingError(ShippingErrorCode.UNKNOWN_COUNTRY, f"no shipping rates from {origin!r}")
    if not isinstance(destination, str) or destination not in DESTINATIONS:
        raise ShippingError(ShippingErrorCode.UNKNOWN_COUNTRY, f"we do not ship to {destination!r}")
    if origin == destination:
        return "domestic"
    return table.zone_matrix[table.region_of[origin]][table.region_of[destination]]


def rates(
    origin: str,
    destination: str,
    parcel: Parcel,
    currency: str = TABLE_CURRENCY,
    on: date | None = None,
    *,
    provider: fx.RateProvider | None = None,
) -> list[RateOption]:
    """Every service that can carry ``parcel`` from ``origin`` to ``destination``, cheapest first.

    Args:
        origin: the vendor's country (ISO 3166-1 alpha-2).
        destination: the ship-to country, one of ``markets.DESTINATIONS``.
        parcel: the packed parcel (see :func:`combine`).
        currency: the currency of the prices; each EUR table price is converted once, half up.
        on: the shipping day (default: today, UTC); picks the table in force and the FX rate.
        provider: the FX provider (default: ``fx.default_provider()``).

    Raises:
        ShippingError: ``shipping_unknown_country``, ``shipping_parcel`` (not a Parcel), or
            ``shipping_no_service`` (nothing can carry it, or no table in force on ``on``).
        RatesNotAvailable: when ``currency`` cannot be converted from EUR.
    """
    if not isinstance(parcel, Parcel):
        raise ShippingError(ShippingErrorCode.PARCEL, f"parcel must be a Parcel, not {type(parcel).__name__}")
    route_zone = zone(origin, destination)
    table = _load_table()
    day = on.date() if isinstance(on, datetime) else on
    if day is None:
        day = clock.now().date()
    if day < table.effective_from or (table.effective_to is not None and day > table.effective_to):
        raise ShippingError(
            ShippingErrorCode.NO_SERVICE,
            f"the embedded rate table {table.version} is in force from {table.effective_from.isoformat()}"
            + (f" to {table.effective_to.isoformat()}" if table.effective_to else "") + f", not on {day.isoformat()}",
        )
    options: list[tuple[int, int, int, RateOption]] = []
    refusals: list[str] = []
    for order, service in enumerate(table.services):
        refusal = service.refusal(parcel)
        if refusal is not None:
            refusals.append(f"{service.code}: {refusal}")
            continue
        weight = max(parcel.weight_g, service.dimensional_weight_g(parcel))
        minor, chargeable = service.price_minor(weight, route_zone)
        # today's rates (the provider's latest), not the rate-table date: prices are shown and charged now
        conversion = fx.convert(Money(minor, TABLE_CURRENCY), currency, provider)
        low, high = service.days[route_zone]
        option = RateOption(
            service=service.code,
            name=service.name,
            transport_mode=service.transport_mode,
            price=conversion.converted,
            chargeable_weight_g=chargeable,
            zone=route_zone,
            min_days=low,
            max_days=high,
            tracked=service.tracked,
            conversion=conversion,
        )
        options.append((conversion.converted.minor, high, order, option))
    if not options:
        raise ShippingError(
            ShippingErrorCode.NO_SERVICE,
            f"no service can carry this parcel from {origin} to {destination} ({'; '.join(refusals)})",
        )
    return [option for *_, option in sorted(options, key=lambda entry: entry[:3])]


def combine(items: Sequence[tuple[Parcel, int]]) -> Parcel:
    """Pack a vendor's order lines into one parcel.

    Each item is ``(parcel of one unit, quantity)``. The rule, deterministic and deliberately
    simple (a real packer is a later concern):

    * Weight: the goods' weight ``sum(weight_g x quantity)``, plus packaging of
      ``PACKAGING_PERCENT`` % of it (rounded up to a gram) and ``PACKAGING_FIXED_G`` g.
    * Box: items without dimensions add weight only; when no item has dimensions the parcel's
      dimensions stay unknown (0, 0, 0). Otherwise the box's footprint is the longest side of any
      item by the longest middle side of any item; its height is the larger of the tallest
      item's shortest side and the height that holds ``PACKING_FILL_PERCENT`` % of the goods'
      volume on that footprint (rounded up to a millimetre); ``BOX_WALL_MM`` is then added to each
      of the three dimensions.

    >>> combine([(Parcel(300, 240, 170, 30), 3)])
    Parcel(weight_g=995, length_mm=250, width_mm=180, height_mm=109)

    Raises:
        ShippingError: ``shipping_parcel`` for no items, an item that is not a Parcel, or a
            quantity that is not a positive int.
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence) or not items:
        raise ShippingError(ShippingErrorCode.PARCEL, "combine needs at least one (Parcel, quantity) item")
    goods_g = 0
    volume = 0
    longest = middle = shortest = 0
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Parcel)):
            raise ShippingError(
                ShippingErrorCode.PARCEL, f"each item must be (Parcel, quantity), got {item!r}"
            )
        parcel, quantity = item
        quantity = _positive_int(quantity, "quantity")
        goods_g += parcel.weight_g * quantity
        if parcel.has_dimensions:
            a, b, c = parcel.sides_mm
            volume += parcel.volume_mm3 * quantity
            longest, middle, shortest = max(longest, a), max(middle, b), max(shortest, c)
    weight = goods_g + -(-goods_g * PACKAGING_PERCENT // 100) + PACKAGING_FIXED_G
    if volume == 0:
        return Parcel(weight)
    height = max(shortest, -(-volume * PACKING_FILL_PERCENT // (100 * longest * middle)))
    return Parcel(weight, longest + BOX_WALL_MM, middle + BOX_WALL_MM, height + BOX_WALL_MM)


__all__ = [
    "PACKAGING_FIXED_G",
    "PACKAGING_PERCENT",
    "SERVICE_EXPRESS",
    "SERVICE_POSTAL_ECONOMY",
    "SERVICE_TRACKED_STANDARD",
    "TRANSPORT_MODES",
    "ZONES",
    "Parcel",
    "RateOption",
    "ShippingError",
    "ShippingErrorCode",
    "combine",
    "origins",
    "rates",
    "table_version",
    "zone",
]

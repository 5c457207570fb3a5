"""Shipping: the embedded carrier's zone tables, chargeable weight, service limits and packing.

Worked examples are computed by hand from ``marketplace/crossborder/data/shipping_rates.json``
(EUR cents) and, for JPY, the embedded ECB rate of 2026-10-06 (1 EUR = 178.15 JPY).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core import clock
from marketplace.core.money import Money
from marketplace.crossborder.markets import DESTINATIONS, EU_MEMBERS
from marketplace.crossborder.shipping import (
    TRANSPORT_MODES,
    ZONES,
    Parcel,
    RateOption,
    ShippingError,
    combine,
    origins,
    rates,
    table_version,
    zone,
)

SERVICES = ("postal_economy", "tracked_standard", "express")
VENDOR_COUNTRIES = (
    "CN",
    "JP",
    "KR",
    "IN",
    "DE",
    "FR",
    "IT",
    "GB",
    "US",
    "MX",
    "BR",
    "TR",
    "PT",
    "ES",
    "LK",
    "CZ",
    "PL",
)
TODAY = date(2026, 11, 25)
# one route per zone, from the table's zone matrix
ROUTE_BY_ZONE = {
    "domestic": ("DE", "DE"),
    "regional": ("DE", "FR"),
    "near": ("DE", "GB"),
    "far": ("DE", "US"),
    "remote": ("BR", "JP"),
}


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)):
        yield


def by_service(options: list[RateOption]) -> dict[str, RateOption]:
    return {option.service: option for option in options}


def raw_table() -> dict:
    return json.loads(
        resources.files("marketplace.crossborder").joinpath("data", "shipping_rates.json").read_text("utf-8")
    )


# -- the data file ------------------------------------------------------------------------------


def test_data_file_is_versioned_dated_sourced_and_says_it_is_a_model():
    raw = raw_table()
    assert raw["version"] == table_version() == "2026.2"
    assert date.fromisoformat(raw["effective_from"]) <= TODAY and raw["effective_to"] is None
    assert raw["source"] and all(service["source"] for service in raw["services"])
    assert "not any carrier's tariff" in raw["notice"]
    assert raw["currency"] == "EUR"
    assert [service["code"] for service in raw["services"]] == list(SERVICES)


def test_regions_cover_every_vendor_country_and_destination_and_eu_is_the_27():
    raw = raw_table()
    assert sorted(raw["regions"]["EU"]) == sorted(EU_MEMBERS)
    placed = [country for countries in raw["regions"].values() for country in countries]
    assert len(placed) == len(set(placed))
    assert set(DESTINATIONS) <= set(placed)
    assert set(VENDOR_COUNTRIES) | set(EU_MEMBERS) == set(origins())


def test_zone_matrix_is_symmetric_and_never_domestic():
    matrix = raw_table()["zone_matrix"]
    for a, row in matrix.items():
        for b, name in row.items():
            assert name == matrix[b][a]
            assert name in ZONES[1:]
            assert (name == "regional") == (a == b)


def test_zones_of_some_routes():
    assert zone("DE", "DE") == "domestic"
    assert zone("DE", "AT") == "regional"
    assert zone("GB", "FR") == "near"
    assert zone("US", "CA") == "regional"
    assert zone("CN", "JP") == "regional"
    assert zone("JP", "AU") == "near"
    assert zone("IN", "AE") == "near"
    assert zone("CN", "DE") == "far"
    assert zone("BR", "DE") == "remote"


# -- every route --------------------------------------------------------------------------------


def test_every_origin_and_destination_prices_all_three_services_for_500_g():
    parcel = Parcel(500)
    for origin in origins():
        for destination in DESTINATIONS:
            options = rates(origin, destination, parcel)
            assert [o.service for o in options] == list(SERVICES), (origin, destination)
            assert all(o.price.currency == "EUR" and o.price.minor > 0 for o in options)
            assert all(o.chargeable_weight_g == 500 for o in options)
            assert all(
                o.zone == ("domestic" if origin == destination else zone(origin, destination))
                for o in options
            )
            assert all(1 <= o.min_days <= o.max_days for o in options)


def test_services_say_their_transport_mode_and_tracking():
    options = by_service(rates("DE", "CA", Parcel(500)))
    assert {o.transport_mode for o in options.values()} <= set(TRANSPORT_MODES)
    assert options["postal_economy"].transport_mode == "postal"
    assert options["tracked_standard"].transport_mode == "postal"
    assert options["express"].transport_mode == "courier"
    assert not options["postal_economy"].tracked
    assert options["tracked_standard"].tracked and options["express"].tracked
    assert options["express"].name == "Express courier"


def test_options_are_cheapest_first():
    for origin, destination in ROUTE_BY_ZONE.values():
        for parcel in (Parcel(100), Parcel(1800, 300, 200, 100), Parcel(7000, 500, 400, 300)):
            prices = [o.price.minor for o in rates(origin, destination, parcel)]
            assert prices == sorted(prices)


# -- worked examples (by hand from the data file) ------------------------------------------------


def test_500_g_within_the_eu():
    # given a 500 g parcel of unknown size from Germany to France (zone "regional")
    options = by_service(rates("DE", "FR", Parcel(500)))
    # then each service charges its 500 g break
    assert options["postal_economy"].price == Money(640, "EUR")
    assert options["tracked_standard"].price == Money(1140, "EUR")
    assert options["express"].price == Money(3990, "EUR")
    assert (options["postal_economy"].min_days, options["postal_economy"].max_days) == (4, 10)
    assert (options["express"].min_days, options["express"].max_days) == (1, 3)


def test_domestic_1_kg():
    options = by_service(rates("DE", "DE", Parcel(1000)))
    assert {s: o.price.minor for s, o in options.items()} == {
        "postal_economy": 430,
        "tracked_standard": 590,
        "express": 1790,
    }
    assert {o.zone for o in options.values()} == {"domestic"}


def test_a_weight_just_over_a_break_pays_the_next_one():
    options = by_service(rates("CN", "US", Parcel(251)))  # far
    assert options["postal_economy"].price == Money(960, "EUR")
    assert options["postal_economy"].chargeable_weight_g == 500


def test_heavy_box_to_the_us_uses_dimensional_weight_and_steps_over_2_kg():
    # given 3.2 kg in a 400 x 300 x 200 mm box from Germany to the US (zone "far")
    parcel = Parcel(3200, 400, 300, 200)
    options = by_service(rates("DE", "US", parcel))
    # then postal economy cannot carry it (over 2 kg)
    assert set(options) == {"tracked_standard", "express"}
    # dimensional weight: 400 x 300 x 200 / 5000 = 4800 g > 3200 g actual
    # tracked: 2 kg break 3890 + ceil(2800 / 1000) = 3 steps x 740 = 6110, chargeable 5000 g
    assert options["tracked_standard"].price == Money(6110, "EUR")
    assert options["tracked_standard"].chargeable_weight_g == 5000
    # express: 2 kg break 11490 + ceil(2800 / 500) = 6 steps x 990 = 17430, chargeable 5000 g
    assert options["express"].price == Money(17430, "EUR")
    assert options["express"].chargeable_weight_g == 5000


def test_light_big_box_pays_dimensional_weight_and_cannot_go_postal():
    # given a 300 g pillow in a 600 x 400 x 300 mm box from China to Japan (zone "regional")
    pillow = Parcel(300, 600, 400, 300)
    options = by_service(rates("CN", "JP", pillow))
    # then postal economy is not offered: 600 + 400 + 300 = 1300 mm > 900 mm
    assert "postal_economy" not in options
    # and the others charge its dimensional weight: 600 x 400 x 300 / 5000 = 14400 g
    assert options["express"].chargeable_weight_g == 14500  # 0.5 kg steps
    assert options["express"].price == Money(5790 + 25 * 390, "EUR")  # 155.40
    assert options["tracked_standard"].chargeable_weight_g == 15000  # 1 kg steps
    assert options["tracked_standard"].price == Money(1690 + 13 * 190, "EUR")  # 41.60


def test_a_small_box_fits_postal_and_pays_actual_weight():
    # 300 + 200 + 100 = 600 mm <= 900: postal carries it; its dimensional weight (1200 g) does not apply
    options = by_service(rates("CN", "JP", Parcel(300, 300, 200, 100)))
    assert options["postal_economy"].chargeable_weight_g == 500
    assert options["postal_economy"].price == Money(640, "EUR")
    assert options["express"].chargeable_weight_g == 2000  # 1200 g dimensional -> 2 kg break
    assert options["express"].price == Money(5790, "EUR")


def test_postal_longest_side_limit():
    options = by_service(rates("DE", "FR", Parcel(200, 610, 100, 50)))  # sum 760 but longest 610 > 600
    assert "postal_economy" not in options


def test_prices_in_jpy_have_no_decimals_and_keep_their_conversion():
    # given the pillow priced in yen: 41.60 EUR and 155.40 EUR at 178.15 JPY per EUR
    options = by_service(rates("CN", "JP", Parcel(300, 600, 400, 300), currency="JPY"))
    # then 41.60 x 178.15 = 7411.04 -> 7411; 155.40 x 178.15 = 27684.51 -> 27685 (half up, 0 decimals)
    assert options["tracked_standard"].price == Money(7411, "JPY")
    assert options["express"].price == Money(27685, "JPY")
    conversion = options["express"].conversion
    assert conversion is not None
    assert conversion.original == Money(15540, "EUR")
    assert conversion.rate == Decimal("178.15")
    assert conversion.source == "ECB reference rates 2026-10-06 (embedded)"


@given(
    st.sampled_from(["USD", "GBP", "JPY", "KRW", "KWD", "INR", "CHF"]),
    st.integers(min_value=1, max_value=30000),
)
def test_converted_price_is_the_eur_price_times_the_rate_rounded_once_half_up(currency, grams):
    with clock.frozen(datetime(2026, 11, 25, tzinfo=UTC)):
        if currency == "KWD":  # not in the ECB snapshot: no rate
            with pytest.raises(LookupError):
                rates("DE", "US", Parcel(grams), currency=currency)
            return
        for option in rates("DE", "US", Parcel(grams), currency=currency):
            assert option.conversion is not None
            exact = option.conversion.original.to_decimal() * option.conversion.rate
            places = Decimal(1).scaleb(-option.price.exponent)
            assert option.price.to_decimal() == exact.quantize(places, rounding=ROUND_HALF_UP)


# -- monotonic and zone order ---------------------------------------------------------------------

WEIGHTS = [
    1,
    100,
    249,
    250,
    251,
    499,
    500,
    501,
    999,
    1000,
    1001,
    1999,
    2000,
    2001,
    2499,
    2500,
    2501,
    2999,
    3000,
    3001,
    4500,
    7777,
    10000,
    15001,
    29999,
    30000,
]


@pytest.mark.parametrize("zone_name", ZONES)
def test_more_weight_never_costs_less_within_a_service_and_zone(zone_name):
    origin, destination = ROUTE_BY_ZONE[zone_name]
    last: dict[str, int] = {}
    for grams in WEIGHTS:
        for option in rates(origin, destination, Parcel(grams)):
            assert option.zone == zone_name
            assert option.price.minor >= last.get(option.service, 0), (option.service, grams)
            assert option.chargeable_weight_g >= grams
            last[option.service] = option.price.minor
    assert set(last) == set(SERVICES)


@given(st.integers(min_value=1, max_value=29999), st.integers(min_value=1, max_value=1000))
def test_monotonic_for_any_two_weights(grams, extra):
    with clock.frozen(datetime(2026, 11, 25, tzinfo=UTC)):
        heavier = min(grams + extra, 30000)
        light = by_service(rates("JP", "BR", Parcel(grams)))
        heavy = by_service(rates("JP", "BR", Parcel(heavier)))
        for service, option in heavy.items():
            assert option.price >= light[service].price


@pytest.mark.parametrize("grams", [250, 1000, 2000])
def test_domestic_is_cheapest_and_each_zone_dearer_than_the_one_before(grams):
    prices = {z: by_service(rates(*ROUTE_BY_ZONE[z], Parcel(grams))) for z in ZONES}
    for service in SERVICES:
        row = [prices[z][service].price.minor for z in ZONES]
        assert row == sorted(row) and len(set(row)) == len(row), (service, row)
    assert prices["domestic"]["express"].price < prices["far"]["express"].price
    assert prices["domestic"]["postal_economy"].max_days < prices["far"]["postal_economy"].max_days


def test_postal_is_the_cheapest_and_slowest_and_express_the_fastest():
    for origin, destination in ROUTE_BY_ZONE.values():
        options = by_service(rates(origin, destination, Parcel(1500)))
        assert options["postal_economy"].price < options["tracked_standard"].price < options["express"].price
        assert options["express"].max_days <= options["tracked_standard"].max_days
        assert options["tracked_standard"].max_days <= options["postal_economy"].max_days


# -- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weight_g": 0},
        {"weight_g": -5},
        {"weight_g": True},
        {"weight_g": 500.0},
        {"weight_g": Decimal(500)},
        {"weight_g": "500"},
        {"weight_g": 500, "length_mm": -1, "width_mm": 10, "height_mm": 10},
        {"weight_g": 500, "length_mm": 100.5, "width_mm": 10, "height_mm": 10},
        {"weight_g": 500, "length_mm": True, "width_mm": 10, "height_mm": 10},
        {"weight_g": 500, "length_mm": 100},  # some dimensions only
        {"weight_g": 500, "length_mm": 100, "width_mm": 100, "height_mm": 0},
    ],
)
def test_bad_parcels_are_refused_with_a_code(kwargs):
    with pytest.raises(ShippingError) as err:
        Parcel(**kwargs)
    assert err.value.code == "shipping_parcel"
    assert isinstance(err.value, ValueError)


def test_rates_needs_a_parcel():
    with pytest.raises(ShippingError) as err:
        rates("DE", "FR", 500)  # type: ignore[arg-type]
    assert err.value.code == "shipping_parcel"


@pytest.mark.parametrize(
    ("origin", "destination"),
    [("XX", "FR"), ("de", "FR"), ("CH", "FR"), ("DE", "HK"), ("DE", "fr"), ("DE", None), (None, "FR")],
)
def test_unknown_countries_are_refused(origin, destination):
    with pytest.raises(ShippingError) as err:
        rates(origin, destination, Parcel(500))
    assert err.value.code == "shipping_unknown_country"


def test_too_heavy_for_every_service():
    with pytest.raises(ShippingError) as err:
        rates("DE", "FR", Parcel(30001))
    assert err.value.code == "shipping_no_service"


def test_too_long_for_every_service():
    with pytest.raises(ShippingError) as err:
        rates("DE", "FR", Parcel(1000, 1300, 100, 100))
    assert err.value.code == "shipping_no_service"


def test_no_table_in_force_before_its_first_day_and_open_ended_after():
    with pytest.raises(ShippingError) as err:
        rates("DE", "FR", Parcel(500), on=date(2026, 6, 30))
    assert err.value.code == "shipping_no_service"
    assert rates("DE", "FR", Parcel(500), on=date(2026, 7, 1))  # the first day prices
    assert rates("DE", "FR", Parcel(500), on=date(2030, 1, 1))  # in force until a newer table replaces it


# -- combine ------------------------------------------------------------------------------------


def test_combine_adds_weights_times_quantity_plus_packaging():
    # 2 x 400 g + 1 x 150 g = 950 g goods; packaging ceil(5 % of 950) = 48 g + 50 g
    parcel = combine([(Parcel(400), 2), (Parcel(150), 1)])
    assert parcel == Parcel(950 + 48 + 50)
    assert not parcel.has_dimensions


def test_combine_builds_a_box_from_the_volumes():
    # 3 books of 240 x 170 x 30 mm: footprint 240 x 170, height max(30, ceil(1.10 x 3 x 1,224,000 / 40,800)) = 99,
    # plus 10 mm on each side
    parcel = combine([(Parcel(300, 240, 170, 30), 3)])
    assert parcel == Parcel(995, 250, 180, 109)


def test_combine_keeps_the_tallest_item_and_ignores_sizeless_items_for_the_box():
    # a flat 600 x 400 x 10 print and a 100 mm cube: footprint 600 x 400, height at least the cube's 100 mm
    parcel = combine([(Parcel(200, 10, 600, 400), 1), (Parcel(500, 100, 100, 100), 1), (Parcel(50), 4)])
    assert parcel.sides_mm == (610, 410, 110)
    assert parcel.weight_g == 900 + 45 + 50


def test_a_combined_parcel_prices():
    parcel = combine([(Parcel(300, 240, 170, 30), 3)])  # 995 g, 250 + 180 + 109 = 539 mm
    options = by_service(rates("PT", "DE", parcel))
    assert options["postal_economy"].chargeable_weight_g == 1000
    assert options["postal_economy"].price == Money(860, "EUR")


@pytest.mark.parametrize(
    "items",
    [
        [],
        [(Parcel(100), 0)],
        [(Parcel(100), -1)],
        [(Parcel(100), True)],
        [(Parcel(100), 1.0)],
        [(100, 1)],
        [Parcel(100)],
        "parcel",
    ],
)
def test_combine_refuses_bad_items(items):
    with pytest.raises(ShippingError) as err:
        combine(items)
    assert err.value.code == "shipping_parcel"

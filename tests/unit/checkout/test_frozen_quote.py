"""The frozen checkout quote reads version 1 rows (``[minor, currency]`` lists, no version) and round-trips v2."""

from decimal import Decimal

from marketplace.checkout.frozen import VERSION, FrozenQuote, money_from_json, money_to_json
from marketplace.core.money import Money

V1 = {
    "currency": "EUR", "incoterm": "DDP", "ship_to": "DE", "region": None,
    "lines": [{"variant_id": 7, "sku": "MUG-1", "name": "Mug", "quantity": 2, "vendor_id": 3, "hs_code": "691200",
               "origin_country": "PT", "unit_price": [1250, "EUR"], "vendor_unit_price": [1250, "EUR"],
               "fx_rate": "1", "fx_source": "same currency", "fx_as_of": None}],
    "parcels": [{"vendor_id": 3, "vendor": "Casa", "service": "tracked", "regime": "EU_INTERNAL_MARKET",
                 "shipping": [590, "EUR"], "duty": [0, "EUR"], "taxes": [0, "EUR"], "fees": [0, "EUR"],
                 "total": [3090, "EUR"], "on_delivery": [0, "EUR"],
                 "lines": [{"sku": "MUG-1", "duty": [0, "EUR"], "tax": [0, "EUR"]}]}],
    "totals": {"goods": [2500, "EUR"], "shipping": [590, "EUR"], "duty": [0, "EUR"], "taxes": [0, "EUR"],
               "fees": [0, "EUR"], "total": [3090, "EUR"], "payable_now": [3090, "EUR"],
               "payable_on_delivery": [0, "EUR"]},
    "choices": {"3": "tracked"}, "lang": "de", "intent_id": "pi_1", "intent_amount": [3090, "EUR"],
}


def test_a_version_1_row_loads_as_money():
    frozen = FrozenQuote.from_json(V1)
    assert frozen.totals.payable_now == Money(3090, "EUR")
    assert frozen.lines[0].unit_price == Money(1250, "EUR") and frozen.lines[0].fx_rate == Decimal(1)
    assert frozen.parcels[0].shipping == Money(590, "EUR") and frozen.parcels[0].incoterm == "DDP"
    assert frozen.wanted() == {7: 2} and frozen.goods_of(3) == Money(2500, "EUR")
    assert frozen.market.country == "DE" and frozen.market.currency == "EUR"


def test_version_2_round_trips_and_says_its_version():
    frozen = FrozenQuote.from_json(V1)
    data = frozen.to_json()
    assert data["version"] == VERSION == 2 and data["totals"]["payable_now"] == {"minor": 3090, "currency": "EUR"}
    assert FrozenQuote.from_json(data) == frozen


def test_a_v1_parcel_without_on_delivery_is_ddp():
    old = {**V1, "parcels": [{k: v for k, v in V1["parcels"][0].items() if k != "on_delivery"}]}
    assert FrozenQuote.from_json(old).parcels[0].on_delivery == Money(0, "EUR")


def test_amounts_read_both_forms():
    assert money_from_json([5, "JPY"]) == money_from_json(money_to_json(Money(5, "JPY"))) == Money(5, "JPY")
    assert FrozenQuote.from_json(V1).lines[0].fx_as_of is None

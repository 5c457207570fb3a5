"""The product page's one-unit receipt and delivery options (catalog/landed.py), and recently-viewed validation."""

from __future__ import annotations

from datetime import date

from marketplace.catalog.display import UnitFacts
from marketplace.catalog.landed import delivery_options, unit_receipt
from marketplace.catalog.recommendations import MAX_VIEWED, clean_viewed_ids
from marketplace.core.money import Money, sum_money

DAY = date(2026, 11, 25)
TEA_BOWL = UnitFacts(variant_id=101, price=Money(4800, "JPY"), hs_code="691200", origin_country="JP", weight_g=400,
                     vendor_country="JP", description="Hagi tea bowl")
DIMS = (120, 120, 80)


def test_delivery_options_name_the_cheapest_and_the_fastest():
    options = delivery_options(TEA_BOWL, DIMS, "EUR", "DE", DAY)
    assert options.cheapest == min(options.options, key=lambda o: o.price.minor)
    assert options.fastest.max_days == min(o.max_days for o in options.options)
    assert all(o.price.currency == "EUR" for o in options.options)


def test_a_ddp_receipt_is_collected_at_checkout_and_adds_up():
    receipt = unit_receipt(TEA_BOWL, DIMS, "EUR", "DE", DAY)
    keys = [line.key for line in receipt.lines]
    assert keys[:4] == ["goods", "shipping", "duty", "tax"]
    assert receipt.collected == "checkout" and receipt.incoterm == "DDP"
    assert receipt.total == sum_money((line.amount for line in receipt.lines), "EUR")
    assert all(line.explanation["text"] for line in receipt.lines)
    assert dict(receipt.lines[3].label_params) == {"tax": "VAT"}


def test_a_dap_receipt_is_paid_to_the_carrier_on_delivery():
    receipt = unit_receipt(TEA_BOWL, DIMS, "USD", "US", DAY)
    assert receipt.collected == "delivery" and receipt.incoterm == "DAP"
    assert "fees" in [line.key for line in receipt.lines]
    assert receipt.collected_text["id"] == "collect.delivery"


def test_a_prohibited_item_gets_no_receipt_but_the_reason():
    honey = UnitFacts(variant_id=7, price=Money(1200, "EUR"), hs_code="040900", origin_country="FR", weight_g=500,
                      vendor_country="FR", description="Honey")
    receipt = unit_receipt(honey, (0, 0, 0), "NZD", "NZ", DAY)
    assert not receipt.lines and "New Zealand" in receipt.restricted


def test_recently_viewed_ids_from_the_browser_are_validated():
    assert clean_viewed_ids([3, "4", True, 3, -1, 5.0, 7, None]) == [3, 7]
    assert clean_viewed_ids("[1,2]") == [] and clean_viewed_ids(None) == [] and clean_viewed_ids({"a": 1}) == []
    assert clean_viewed_ids(list(range(1, 100))) == list(range(1, MAX_VIEWED + 1))
    assert clean_viewed_ids([2**70]) == []

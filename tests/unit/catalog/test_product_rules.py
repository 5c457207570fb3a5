"""The product page's rules for variants (catalog/product_rules.py): low stock, default variant, quantities."""

from __future__ import annotations

from marketplace.catalog.product_rules import (
    LOW_STOCK_THRESHOLD,
    QUANTITY_CHOICES_CAP,
    default_variant,
    is_low_stock,
    quantity_choices,
)


def test_a_few_units_left_is_low_stock_but_none_left_is_not():
    assert [is_low_stock(n) for n in (0, 1, LOW_STOCK_THRESHOLD, LOW_STOCK_THRESHOLD + 1)] == [
        False, True, True, False]


def test_the_page_opens_on_the_first_variant_in_stock():
    assert default_variant([0, 0, 3, 7]) == 2
    assert default_variant([4, 0]) == 0


def test_with_nothing_in_stock_or_no_variants_the_first_is_selected():
    assert default_variant([0, 0]) == 0
    assert default_variant([]) == 0


def test_quantities_go_up_to_the_stock_capped_at_ten():
    assert quantity_choices(3) == [1, 2, 3]
    assert quantity_choices(250) == list(range(1, QUANTITY_CHOICES_CAP + 1)) and QUANTITY_CHOICES_CAP == 10


def test_a_sold_out_variant_still_offers_one():
    assert quantity_choices(0) == [1]

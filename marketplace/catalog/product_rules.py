"""What the product page decides about a product's variants: pure rules, no database, no Reflex.

Contract:
- ``is_low_stock(stock)``: a variant still in stock with at most ``LOW_STOCK_THRESHOLD`` (5) units left; the
  page then says "Only a few left".
- ``default_variant(stocks)``: the index of the variant selected when the page opens, the first one in stock,
  else the first one (0, also for no variants at all).
- ``quantity_choices(stock)``: the quantities the page offers for a variant, 1 up to its stock capped at
  ``QUANTITY_CHOICES_CAP`` (10); always at least ``[1]`` (a sold-out variant still shows a quantity). The cart
  re-checks stock and its own maximum on the server.
"""

from __future__ import annotations

from collections.abc import Sequence

LOW_STOCK_THRESHOLD = 5
QUANTITY_CHOICES_CAP = 10


def is_low_stock(stock: int) -> bool:
    return 0 < stock <= LOW_STOCK_THRESHOLD


def default_variant(stocks: Sequence[int]) -> int:
    return next((i for i, stock in enumerate(stocks) if stock > 0), 0)


def quantity_choices(stock: int) -> list[int]:
    return list(range(1, max(1, min(stock, QUANTITY_CHOICES_CAP)) + 1))

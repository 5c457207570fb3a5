"""Recommendations for the product and home pages: read-only, cached, never on the critical path.

Contract (every function takes a Session first and returns :class:`~marketplace.catalog.views.ProductCard` lists
of listed products only -- active, approved vendor -- in ``lang``):
- ``often_bought_together(session, product_id, lang)``: products that were in the same order group as this one
  (order_lines -> vendor_orders -> order_groups), most shared order groups first; canceled vendor orders and the
  product itself do not count.
- ``similar_items(session, product_id, lang)``: the same category, not the same product, nearest in price first
  (prices compared in EUR through ``catalog.pricing.localise``; ties: better rated, then id).
- ``recently_viewed(session, raw_ids, lang, exclude=None)``: the ids a browser kept (client data: validated
  here by :func:`clean_viewed_ids` -- ints only, no bools, at most ``MAX_VIEWED``, duplicates dropped, order
  kept), unlisted ids silently skipped.
- ``bestsellers(session, ship_to, lang)``: units sold to ``ship_to`` (order_groups.ship_to_country) over the
  last ``BESTSELLER_DAYS`` days, most first; when nothing sold there, the best rated products (rating, reviews).
  Returns ``(cards, from_sales)`` so the page can say which it is.
Results are cached in-process for ``TTL_S`` seconds per (database, function, arguments) in a bounded cache;
``cache_clear()`` forgets them. Callers run these in a worker thread (``state.loading.run_service``).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.catalog import queries
from marketplace.catalog.pricing import localise
from marketplace.catalog.views import ProductCard
from marketplace.core import clock
from marketplace.crossborder import fx
from marketplace.models import OrderGroup, OrderLine, Product, Variant, Vendor, VendorOrder

MAX_VIEWED = 12
BESTSELLER_DAYS = 90
TTL_S = 300.0
CACHE_SIZE = 512
_CANCELED = "canceled"  # orders.status.OrderStatus.CANCELED (catalog may not import orders)
T = TypeVar("T")

_cache: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def _cached(session: Session, name: str, key: tuple, compute: Callable[[], T]) -> T:
    full_key = (str(session.get_bind().url), name, *key)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(full_key)
        if hit is not None and hit[0] > now:
            _cache.move_to_end(full_key)
            return hit[1]
    value = compute()
    with _lock:
        _cache[full_key] = (now + TTL_S, value)
        _cache.move_to_end(full_key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def cache_clear() -> None:
    with _lock:
        _cache.clear()


def _listed_cards(session: Session, ids: list[int], lang: str, limit: int) -> list[ProductCard]:
    """Cards of the listed products among ``ids``, in that order."""
    if not ids:
        return []
    rows = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                        .where(Product.id.in_(ids), *queries._listed())).all()
    by_id = {p.id: (p, v) for p, v in rows}
    return queries._cards(session, [by_id[i] for i in ids if i in by_id], lang)[:limit]


def often_bought_together(session: Session, product_id: int, lang: str, limit: int = 6) -> list[ProductCard]:
    def compute() -> list[ProductCard]:
        groups = (select(VendorOrder.group_id)
                  .join(OrderLine, OrderLine.vendor_order_id == VendorOrder.id)
                  .join(Variant, Variant.id == OrderLine.variant_id)
                  .where(Variant.product_id == product_id, VendorOrder.status != _CANCELED))
        shared = func.count(func.distinct(VendorOrder.group_id))
        rows = session.exec(
            select(Variant.product_id, shared)
            .join(OrderLine, OrderLine.variant_id == Variant.id)
            .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
            .where(VendorOrder.group_id.in_(groups), VendorOrder.status != _CANCELED,
                   Variant.product_id != product_id)
            .group_by(Variant.product_id).order_by(shared.desc(), Variant.product_id).limit(limit * 3)).all()
        return _listed_cards(session, [pid for pid, _ in rows], lang, limit)

    return _cached(session, "together", (product_id, lang, limit), compute)


def _eur_minor(card: ProductCard) -> int | None:
    try:
        return localise(card.price, "EUR").minor
    except (fx.RatesNotAvailable, ValueError):
        return None


def similar_items(session: Session, product_id: int, lang: str, limit: int = 8) -> list[ProductCard]:
    def compute() -> list[ProductCard]:
        row = session.exec(select(Product.category_id).where(Product.id == product_id)).first()
        if row is None:
            return []
        rows = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                            .where(Product.category_id == row, Product.id != product_id, *queries._listed())
                            .order_by(Product.rating_x10.desc(), Product.id).limit(200)).all()
        candidates = queries._cards(session, rows, lang)
        own = queries._cards(session, session.exec(
            select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
            .where(Product.id == product_id)).all(), lang)
        anchor = _eur_minor(own[0]) if own else None
        if anchor is None:
            return candidates[:limit]
        far = 1 << 62

        def distance(card: ProductCard) -> tuple[int, int, int]:
            price = _eur_minor(card)
            return (abs(price - anchor) if price is not None else far, -card.rating_x10, card.id)

        return sorted(candidates, key=distance)[:limit]

    return _cached(session, "similar", (product_id, lang, limit), compute)


def clean_viewed_ids(raw: object) -> list[int]:
    """Validated recently-viewed ids from the browser: ints (not bools) >= 1, unique, at most MAX_VIEWED.

    >>> clean_viewed_ids([3, "4", True, 3, -1, 5.0, 7])
    [3, 7]
    """
    if not isinstance(raw, (list, tuple)):
        return []
    ids: list[int] = []
    for value in raw[: MAX_VIEWED * 4]:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 2**53 and value not in ids:
            ids.append(value)
        if len(ids) == MAX_VIEWED:
            break
    return ids


def recently_viewed(session: Session, raw_ids: object, lang: str, exclude: int | None = None,
                    limit: int = MAX_VIEWED) -> list[ProductCard]:
    ids = [i for i in clean_viewed_ids(raw_ids) if i != exclude]
    return _listed_cards(session, ids, lang, limit)  # the browser's own list: not worth caching


def bestsellers(session: Session, ship_to: str, lang: str, limit: int = 10) -> tuple[list[ProductCard], bool]:
    def compute() -> tuple[list[ProductCard], bool]:
        since = clock.now() - timedelta(days=BESTSELLER_DAYS)
        units = func.sum(OrderLine.quantity)
        rows = session.exec(
            select(Variant.product_id, units)
            .join(OrderLine, OrderLine.variant_id == Variant.id)
            .join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
            .join(OrderGroup, OrderGroup.id == VendorOrder.group_id)
            .where(OrderGroup.ship_to_country == ship_to, OrderGroup.created_at >= since,
                   VendorOrder.status != _CANCELED)
            .group_by(Variant.product_id).order_by(units.desc(), Variant.product_id).limit(limit * 3)).all()
        sold = _listed_cards(session, [pid for pid, _ in rows], lang, limit)
        if sold:
            return sold, True
        rated = session.exec(select(Product, Vendor).join(Vendor, Vendor.id == Product.vendor_id)
                             .where(*queries._listed())
                             .order_by(Product.rating_x10.desc(), Product.review_count.desc(), Product.id)
                             .limit(limit)).all()
        return queries._cards(session, rated, lang), False

    return _cached(session, "bestsellers", (ship_to, lang, limit), compute)

"""Builders for the product page's reads: approved (or not) reviews and placed orders with lines."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.models import OrderGroup, OrderLine, Product, Review, User, Variant, VendorOrder
from tests import factories

_seq = itertools.count(1)


def review(session: Session, product: Product, rating: int, *, author: User | None = None, status: str = "approved",
           title: str = "", body: str = "Lovely.", at: datetime | None = None) -> Review:
    row = Review(product_id=product.id, user_id=(author or factories.user(session)).id, rating=rating,
                 title=title or f"{rating} stars", body=body, status=status, created_at=at or clock.now())
    session.add(row)
    session.flush()
    return row


def order(session: Session, products: list[tuple[Product, int]], *, ship_to: str = "DE", status: str = "placed",
          at: datetime | None = None) -> OrderGroup:
    """One order group with one vendor order per vendor and a line per (product, quantity), first variant each."""
    n = next(_seq)
    when = at or clock.now() - timedelta(days=1)
    group = OrderGroup(number=f"MP-T{n:06d}", email=f"buyer{n}@example.com", ship_to_country=ship_to,
                       goods_currency="EUR", shipping_currency="EUR", duty_currency="EUR", tax_currency="EUR",
                       fees_currency="EUR", total_currency="EUR", created_at=when)
    session.add(group)
    session.flush()
    vendor_orders: dict[int, VendorOrder] = {}
    for product, quantity in products:
        if product.vendor_id not in vendor_orders:
            vo = VendorOrder(group_id=group.id, vendor_id=product.vendor_id, number=f"{group.number}-{len(vendor_orders) + 1}",
                             status=status, goods_currency="EUR", shipping_currency="EUR", duty_currency="EUR",
                             tax_currency="EUR", total_currency="EUR", created_at=when)
            session.add(vo)
            session.flush()
            vendor_orders[product.vendor_id] = vo
        variant = session.exec(select(Variant).where(Variant.product_id == product.id)
                               .order_by(Variant.position)).first()
        session.add(OrderLine(vendor_order_id=vendor_orders[product.vendor_id].id, variant_id=variant.id,
                              product_name=product.name, sku=variant.sku, quantity=quantity, hs_code=variant.hs_code,
                              origin_country=variant.origin_country, vendor_unit_price_minor=variant.price_minor,
                              vendor_unit_price_currency=variant.price_currency, unit_price_minor=variant.price_minor,
                              unit_price_currency=variant.price_currency, duty_currency="EUR", tax_currency="EUR"))
    session.flush()
    return group

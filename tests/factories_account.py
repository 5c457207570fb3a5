"""Builders for the account area: placed orders (group, vendor orders, lines), shipments and callers.

Orders are written as checkout stores them (frozen amounts in the shopper's currency) so the account
services can be tested without running a payment; the e2e test places a real one through checkout.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from sqlmodel import Session, select

from marketplace.accounts.service import Caller
from marketplace.core import clock
from marketplace.models import (
    OrderGroup,
    OrderLine,
    Product,
    Role,
    Shipment,
    User,
    Variant,
    Vendor,
    VendorMember,
    VendorOrder,
)

_seq = itertools.count(1)


def caller(session: Session, user: User) -> Caller:
    """The Caller the session layer would resolve for ``user``."""
    member = session.exec(select(VendorMember).where(VendorMember.user_id == user.id)).first()
    return Caller(user_id=user.id, role=Role(user.role), display_name=user.display_name, email=user.email,
                  vendor_id=member.vendor_id if member else None, vendor_role=member.role if member else None,
                  staff_role=user.staff_role if user.role == Role.STAFF else None)


def order(session: Session, shopper: User, parcels: list[tuple[Vendor, list[tuple[Product, int]]]], *,
          status: str = "placed", currency: str = "EUR", unit_minor: int = 2500, shipping_minor: int = 900,
          duty_minor: int = 0, tax_minor: int = 0, created_at: datetime | None = None) -> OrderGroup:
    """An order group of ``shopper`` with one vendor order per ``(vendor, [(product, quantity)])``."""
    n = next(_seq)
    when = created_at or clock.now()
    group = OrderGroup(number=f"MRD-T{n:05d}", user_id=shopper.id, email=shopper.email, ship_to_country="DE",
                       fx_source="test", created_at=when,
                       **{f"{k}_currency": currency for k in ("goods", "shipping", "duty", "tax", "fees", "total")})
    session.add(group)
    session.flush()
    totals = {"goods": 0, "shipping": 0, "duty": 0, "tax": 0}
    for i, (vendor, items) in enumerate(parcels):
        goods = sum(unit_minor * qty for _, qty in items)
        vo = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"MRD-T{n:05d}-{i + 1}", status=status,
                         payment_status="paid", created_at=when,
                         goods_minor=goods, shipping_minor=shipping_minor, duty_minor=duty_minor, tax_minor=tax_minor,
                         total_minor=goods + shipping_minor + duty_minor + tax_minor,
                         **{f"{k}_currency": currency for k in ("goods", "shipping", "duty", "tax", "total")})
        session.add(vo)
        session.flush()
        for product, qty in items:
            variant = session.exec(select(Variant).where(Variant.product_id == product.id)).first()
            session.add(OrderLine(vendor_order_id=vo.id, variant_id=variant.id, product_name=product.name,
                                  variant_label="S0", sku=variant.sku, quantity=qty, hs_code=variant.hs_code,
                                  origin_country=variant.origin_country, vendor_unit_price_minor=variant.price_minor,
                                  vendor_unit_price_currency=variant.price_currency, unit_price_minor=unit_minor,
                                  unit_price_currency=currency, duty_currency=currency, tax_currency=currency))
        totals["goods"] += goods
        totals["shipping"] += shipping_minor
        totals["duty"] += duty_minor
        totals["tax"] += tax_minor
    for key, value in totals.items():
        setattr(group, f"{key}_minor", value)
    group.total_minor = sum(totals.values())
    session.add(group)
    session.flush()
    return group


def vendor_orders(session: Session, group: OrderGroup) -> list[VendorOrder]:
    return list(session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id).order_by(VendorOrder.id)))


def lines(session: Session, group: OrderGroup) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).join(VendorOrder, VendorOrder.id == OrderLine.vendor_order_id)
                             .where(VendorOrder.group_id == group.id).order_by(OrderLine.id)))


def shipment(session: Session, vendor_order: VendorOrder, *, tracking: str = "JP123456789", status: str = "in_transit",
             shipped_at: datetime | None = None) -> Shipment:
    row = Shipment(vendor_order_id=vendor_order.id, carrier="Japan Post", service="EMS", tracking_number=tracking,
                   status=status, cost_minor=1500, cost_currency="JPY", shipped_at=shipped_at or clock.now())
    session.add(row)
    session.flush()
    return row

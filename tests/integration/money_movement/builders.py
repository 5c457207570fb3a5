"""Order fixtures built straight from the models: a paid order group with one vendor order."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from marketplace.models import Category, OrderGroup, OrderLine, Payment, Variant, Vendor, VendorOrder
from tests import factories

_seq = itertools.count(1)


@dataclass
class Line:
    vendor_unit_minor: int  # JPY
    quantity: int
    unit_minor: int  # EUR, what the shopper paid per unit
    duty_minor: int = 0
    tax_minor: int = 0


def paid_vendor_order(session: Session, vendor: Vendor, category: Category, lines: list[Line],
                      shipping_minor: int = 999) -> VendorOrder:
    """A paid vendor order of ``vendor`` (JPY) to a shopper paying EUR, with one captured payment."""
    n = next(_seq)
    product = factories.product(session, vendor, category)
    variant_id = session.exec(select(Variant.id).where(Variant.product_id == product.id)).first()
    goods = sum(x.unit_minor * x.quantity for x in lines)
    duty = sum(x.duty_minor for x in lines)
    tax = sum(x.tax_minor for x in lines)
    total = goods + duty + tax + shipping_minor
    money = {f"{k}_currency": "EUR" for k in ("goods", "shipping", "duty", "tax", "total")}
    group = OrderGroup(number=f"MG-{n:06d}-{vendor.id}", email="shopper@example.com", ship_to_country="DE",
                       goods_minor=goods, shipping_minor=shipping_minor, duty_minor=duty, tax_minor=tax,
                       fees_minor=0, fees_currency="EUR", total_minor=total, status="processing", **money)
    session.add(group)
    session.flush()
    order = VendorOrder(group_id=group.id, vendor_id=vendor.id, number=f"MV-{n:06d}-{vendor.id}",
                        payment_status="paid", goods_minor=goods, shipping_minor=shipping_minor, duty_minor=duty,
                        tax_minor=tax, total_minor=total, **money)
    session.add(order)
    session.flush()
    for i, x in enumerate(lines):
        session.add(OrderLine(vendor_order_id=order.id, variant_id=variant_id, product_name=f"Thing {i}",
                              sku=f"SKU-{n}-{i}", quantity=x.quantity, hs_code="691200", origin_country="JP",
                              vendor_unit_price_minor=x.vendor_unit_minor, vendor_unit_price_currency="JPY",
                              unit_price_minor=x.unit_minor, unit_price_currency="EUR", duty_minor=x.duty_minor,
                              duty_currency="EUR", tax_minor=x.tax_minor, tax_currency="EUR",
                              fx_rate=Decimal("0.00625"), fx_source="ECB test"))
    session.add(Payment(group_id=group.id, gateway="embedded", status="succeeded", amount_minor=total,
                        amount_currency="EUR", refunded_minor=0, refunded_currency="EUR",
                        idempotency_key=f"pay-{n}-{vendor.id}"))
    session.flush()
    return order


def order_lines(session: Session, order: VendorOrder) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id).order_by(OrderLine.id)))

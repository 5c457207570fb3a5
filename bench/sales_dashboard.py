"""How long a seller's sales dashboard takes to compute for a busy vendor: 10,000 vendor orders (one or two
lines each, a ledger sale entry each, some refunded or canceled) over the last 90 days, plus 40,000 product
events, added to the seeded demo catalogue for one vendor (kyoto), on SQLite and (when it answers)
PostgreSQL. Measures ``analytics.sales.sales`` over 30 and 90 days (what the page load and a live refresh
cost) and ``change_marker`` (what the live watcher pays every few seconds while nothing changes).

Prints human-readable lines; the last line is one JSON object:
{"bench": "sales_dashboard", "cores": N, "orders": 10000, "sqlite": {"<read>": {"p50_ms", "p95_ms"}}, "postgres": {...}}
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.lib.demo_catalogue import on_both_databases, percentiles  # noqa: E402
from marketplace.accounts.service import Caller  # noqa: E402
from marketplace.analytics import figures, sales  # noqa: E402
from marketplace.core import clock  # noqa: E402
from marketplace.models import (  # noqa: E402
    LedgerEntry,
    OrderGroup,
    OrderLine,
    Product,
    ProductEvent,
    Role,
    Variant,
    Vendor,
    VendorOrder,
)

ORDERS = 10_000
EVENTS = 40_000
ROUNDS = 15
COUNTRIES = ("DE", "US", "JP", "FR", "GB", "AU", "CA", "IT")


def _fill(session: Session, vendor: Vendor, variants: list[tuple[int, int, str]]) -> None:
    rng, now = random.Random(12), clock.now()
    money = {f"{k}_currency": "EUR" for k in ("goods", "shipping", "duty", "tax", "total")}
    groups, orders, lines, entries, events = [], [], [], [], []
    base = session.exec(select(OrderGroup.id).order_by(OrderGroup.id.desc())).first() or 0
    vbase = session.exec(select(VendorOrder.id).order_by(VendorOrder.id.desc())).first() or 0
    for i in range(1, ORDERS + 1):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        gid, void = base + i, vbase + i
        groups.append({"id": gid, "number": f"BG-{i:07d}", "email": "b@example.com", "ship_to_country": rng.choice(COUNTRIES),
                       "goods_minor": 1, "shipping_minor": 1, "duty_minor": 1, "tax_minor": 1, "fees_minor": 0,
                       "fees_currency": "EUR", "total_minor": 4, "fx_source": "", "status": "placed",
                       "delivery_address": {}, "phone": "", "lang": "en", "created_at": at, **money})
        roll = rng.random()
        status, paid = ("canceled", "refunded") if roll < 0.03 else ("delivered", "paid")
        orders.append({"id": void, "group_id": gid, "vendor_id": vendor.id, "number": f"BV-{i:07d}-1",
                       "status": status, "payment_status": paid, "fulfilment_status": "unfulfilled", "incoterm": "DDP",
                       "goods_minor": 1, "shipping_minor": 1, "duty_minor": 1, "tax_minor": 1, "total_minor": 4,
                       "created_at": at, **money})
        goods = 0
        for _ in range(rng.choice((1, 1, 2))):
            variant_id, price, name = rng.choice(variants)
            quantity = rng.choice((1, 1, 2, 3))
            goods += price * quantity
            lines.append({"vendor_order_id": void, "variant_id": variant_id, "product_name": name, "variant_label": "",
                          "sku": "BENCH", "quantity": quantity, "hs_code": "691200", "origin_country": "JP",
                          "vendor_unit_price_minor": price, "vendor_unit_price_currency": vendor.currency,
                          "unit_price_minor": 1, "unit_price_currency": "EUR", "duty_minor": 0, "duty_currency": "EUR",
                          "tax_minor": 0, "tax_currency": "EUR", "fx_rate": Decimal("0.006"), "fx_source": "bench"})
        entries.append({"vendor_id": vendor.id, "kind": "sale", "amount_minor": goods, "amount_currency": vendor.currency,
                        "vendor_order_id": void, "created_at": at})
        if status == "canceled" or roll < 0.08:
            entries.append({"vendor_id": vendor.id, "kind": "refund", "amount_minor": -(goods if status == "canceled"
                                                                                         else goods // 2),
                            "amount_currency": vendor.currency, "vendor_order_id": void, "created_at": at})
    product_ids = sorted({pid for pid in session.exec(select(Variant.product_id).where(
        Variant.id.in_([v[0] for v in variants])))})
    for i in range(EVENTS):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        events.append({"product_id": rng.choice(product_ids), "vendor_id": vendor.id,
                       "kind": "view" if rng.random() < 0.8 else "cart", "visitor": f"{i:032x}",
                       "window": int(at.timestamp()) // 1800, "at": at})
    for model, rows in ((OrderGroup, groups), (VendorOrder, orders), (OrderLine, lines), (LedgerEntry, entries),
                        (ProductEvent, events)):
        session.execute(insert(model.__table__), rows)
    session.commit()
    session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum / a running SQLite would have them
    session.commit()


def _measure(engine) -> dict[str, dict[str, float]]:  # noqa: ANN001
    with Session(engine) as session:
        vendor = session.exec(select(Vendor).where(Vendor.slug == "kyoto-kiln")).one()
        variants = [(v.id, v.price_minor, p.name) for v, p in session.exec(
            select(Variant, Product).join(Product, Product.id == Variant.product_id).where(Product.vendor_id == vendor.id))]
        started = time.perf_counter()
        _fill(session, vendor, variants)
        print(f"  added {ORDERS} orders and {EVENTS} events in {time.perf_counter() - started:.1f} s")
        caller = Caller(user_id=1, role=Role.SELLER, display_name="Bench", email="b@example.com", vendor_id=vendor.id)
        today = clock.now().date()
        reads = {
            "sales_30_days": lambda s: sales.sales(s, caller, figures.preset_range(30, today)),
            "sales_90_days": lambda s: sales.sales(s, caller, figures.preset_range(90, today)),
            "change_marker": lambda s: sales.change_marker(s, caller),
        }
        found = sales.sales(session, caller, figures.preset_range(90, today))
        print(f"  90 days: {found.orders} orders, {found.units} units, revenue {found.revenue}")
        result = {}
        for name, read in reads.items():
            read(session)
            samples = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                read(session)
                samples.append((time.perf_counter() - start) * 1000)
            result[name] = percentiles(samples)
            print(f"  {name:<14} p50 {result[name]['p50_ms']:8.2f} ms   p95 {result[name]['p95_ms']:8.2f} ms")
    return result


def main() -> None:
    print(f"{os.cpu_count()} cores")
    result: dict[str, object] = {"bench": "sales_dashboard", "cores": os.cpu_count(), "orders": ORDERS,
                                 "events": EVENTS, "rounds": ROUNDS}
    result.update(on_both_databases(_measure))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

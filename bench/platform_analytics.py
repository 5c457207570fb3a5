"""How long the staff analytics dashboard takes to compute over a busy platform: 20,000 vendor orders (one or two
lines each) spread over every demo vendor and the last 90 days, paid in six currencies at frozen rates (EUR-priced
lines carry their EUR rate; others were priced from the bundled ECB snapshot), 5 % refunded, duty and tax on a
third with their checkout's stored regime, ledger sale entries, and 50,000 product events, added to the seeded demo
catalogue on SQLite and (when it answers) PostgreSQL. Measures ``platform_queries.platform_figures`` over 30 and
90 days (a page load, and what the live monitor recomputes when an order arrives), ``recent_orders`` (the feed
pushed first) and ``change_marker`` (what the monitor pays every second while nothing changes).

Prints human-readable lines; the last line is one JSON object:
{"bench": "platform_analytics", "cores": N, "orders": 20000, "sqlite": {"<read>": {"p50_ms", "p95_ms"}}, "postgres": {...}}
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.lib.demo_catalogue import on_both_databases, percentiles  # noqa: E402
from marketplace.accounts.service import Caller  # noqa: E402
from marketplace.analytics import figures, platform_queries  # noqa: E402
from marketplace.core import clock  # noqa: E402
from marketplace.core.money import Money, Rounding  # noqa: E402
from marketplace.crossborder import fx  # noqa: E402
from marketplace.models import (  # noqa: E402
    CheckoutSession,
    LedgerEntry,
    OrderGroup,
    OrderLine,
    Payment,
    ProductEvent,
    Refund,
    Role,
    Variant,
    Vendor,
    VendorOrder,
)
from marketplace.models.catalog import Product  # noqa: E402

ORDERS = 20_000
EVENTS = 50_000
ROUNDS = 7
MARKETS = (("DE", "EUR"), ("FR", "EUR"), ("US", "USD"), ("JP", "JPY"), ("GB", "GBP"), ("CH", "CHF"), ("AU", "AUD"))
REGIMES = {"DE": "EU_IOSS", "FR": "EU_IOSS", "GB": "GB_LOW_VALUE", "US": "US_DE_MINIMIS", "JP": "JP_STANDARD",
           "CH": "CH_STANDARD", "AU": "AU_LVG"}


def _fill(session: Session, variants: list[tuple[int, int, str, int, str]]) -> None:
    rng, now, rates = random.Random(13), clock.now(), fx.EmbeddedEcbProvider()
    groups, orders, lines, entries, events, payments, refunds, quotes = [], [], [], [], [], [], [], []
    top = {m: session.exec(select(m.id).order_by(m.id.desc())).first() or 0 for m in (OrderGroup, VendorOrder,
                                                                                      Payment)}
    for i in range(1, ORDERS + 1):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        gid, void, pid = top[OrderGroup] + i, top[VendorOrder] + i, top[Payment] + i
        country, currency = rng.choice(MARKETS)
        money = {f"{k}_currency": currency for k in ("goods", "shipping", "duty", "tax", "total")}
        picked = [rng.choice(variants) for _ in range(rng.choice((1, 1, 2)))]
        vendor_id = picked[0][3]
        goods, shipping = 0, rng.randrange(500, 2000)
        for variant_id, price, name, _, vendor_currency in picked:
            rate = rates.rate(vendor_currency, currency).rate
            unit = Money.of(Money(price, vendor_currency).to_decimal() * rate, currency, Rounding.HALF_UP).minor
            quantity = rng.choice((1, 1, 2))
            goods += unit * quantity
            lines.append({"vendor_order_id": void, "variant_id": variant_id, "product_name": name, "variant_label": "",
                          "sku": "BENCH", "quantity": quantity, "hs_code": "691200", "origin_country": "JP",
                          "vendor_unit_price_minor": price, "vendor_unit_price_currency": vendor_currency,
                          "unit_price_minor": unit, "unit_price_currency": currency, "duty_minor": 0,
                          "duty_currency": currency, "tax_minor": 0, "tax_currency": currency, "fx_rate": rate,
                          "fx_source": fx.ECB_SOURCE if vendor_currency != currency else "same currency"})
        duty, tax = (goods // 20, goods // 5) if rng.random() < 0.33 else (0, 0)
        total = goods + shipping + duty + tax
        groups.append({"id": gid, "number": f"BP-{i:07d}", "email": "b@example.com", "ship_to_country": country,
                       "goods_minor": goods, "shipping_minor": shipping, "duty_minor": duty, "tax_minor": tax,
                       "fees_minor": 0, "fees_currency": currency, "total_minor": total, "fx_source": fx.ECB_SOURCE,
                       "status": "placed", "delivery_address": {}, "phone": "", "lang": "en", "created_at": at,
                       **money})
        refunded = rng.random() < 0.05
        orders.append({"id": void, "group_id": gid, "vendor_id": vendor_id, "number": f"BP-{i:07d}-1",
                       "status": "delivered", "payment_status": "partially_refunded" if refunded else "paid",
                       "fulfilment_status": "fulfilled", "incoterm": "DDP", "goods_minor": goods,
                       "shipping_minor": shipping, "duty_minor": duty, "tax_minor": tax, "total_minor": total,
                       "created_at": at, **money})
        payments.append({"id": pid, "group_id": gid, "gateway": "embedded", "status": "succeeded",
                         "amount_minor": total, "amount_currency": currency,
                         "refunded_minor": goods // 2 if refunded else 0, "refunded_currency": currency,
                         "created_at": at, "updated_at": at})
        if refunded:
            refunds.append({"payment_id": pid, "vendor_order_id": void, "amount_minor": goods // 2,
                            "amount_currency": currency, "lines": [], "reason": "", "status": "succeeded",
                            "idempotency_key": f"bench-{i}", "created_at": at})
        if duty or tax:
            quotes.append({"id": f"bench-{i}", "ship_to_country": country, "quote": {"parcels": [
                {"vendor_id": vendor_id, "regime": REGIMES[country]}]}, "total_minor": total,
                "total_currency": currency, "status": "placed", "order_group_id": gid, "delivery_address": {},
                "phone": "", "lang": "en", "email": "", "expires_at": at, "created_at": at})
        entries.append({"vendor_id": vendor_id, "kind": "sale", "amount_currency": picked[0][4], "created_at": at,
                        "amount_minor": sum(p[1] for p in picked), "vendor_order_id": void,
                        "available_at": at + timedelta(days=14)})
    product_ids = sorted({(pid, vid) for pid, vid in session.exec(select(Product.id, Product.vendor_id))})
    for i in range(EVENTS):
        at = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        product_id, vendor_id = rng.choice(product_ids)
        events.append({"product_id": product_id, "vendor_id": vendor_id, "kind": "view" if rng.random() < 0.8 else
                       "cart", "visitor": f"p{i:031x}", "window": int(at.timestamp()) // 1800, "at": at})
    for model, rows in ((OrderGroup, groups), (VendorOrder, orders), (OrderLine, lines), (Payment, payments),
                        (Refund, refunds), (CheckoutSession, quotes), (LedgerEntry, entries), (ProductEvent, events)):
        session.execute(insert(model.__table__), rows)
    session.commit()
    session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum / a running SQLite would have them
    session.commit()


def _measure(engine) -> dict[str, dict[str, float]]:  # noqa: ANN001
    with Session(engine) as session:
        variants = [(v.id, v.price_minor, p.name, vendor.id, vendor.currency) for v, p, vendor in session.exec(
            select(Variant, Product, Vendor).join(Product, Product.id == Variant.product_id)
            .join(Vendor, Vendor.id == Product.vendor_id))]
        started = time.perf_counter()
        _fill(session, variants)
        print(f"  added {ORDERS} orders and {EVENTS} events in {time.perf_counter() - started:.1f} s")
        caller = Caller(user_id=1, role=Role.STAFF, display_name="Bench", email="b@example.com", vendor_id=None,
                        staff_role="finance")
        today = clock.now().date()
        reads = {
            "figures_30_days": lambda s: platform_queries.platform_figures(s, caller, figures.preset_range(30, today)),
            "figures_90_days": lambda s: platform_queries.platform_figures(s, caller, figures.preset_range(90, today)),
            "recent_orders": lambda s: platform_queries.recent_orders(s, caller),
            "change_marker": lambda s: platform_queries.change_marker(s, caller),
        }
        found = platform_queries.platform_figures(session, caller, figures.preset_range(90, today))
        print(f"  90 days: {found.orders} orders converted ({found.unconverted} not), GMV {found.gmv}, "
              f"{len(found.markets)} markets, refund rate {found.refunds.value_rate_bps} bps")
        result = {}
        for name, read in reads.items():
            read(session)
            samples = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                read(session)
                samples.append((time.perf_counter() - start) * 1000)
            result[name] = percentiles(samples)
            print(f"  {name:<16} p50 {result[name]['p50_ms']:8.2f} ms   p95 {result[name]['p95_ms']:8.2f} ms")
    return result


def main() -> None:
    print(f"{os.cpu_count()} cores")
    result: dict[str, object] = {"bench": "platform_analytics", "cores": os.cpu_count(), "orders": ORDERS,
                                 "events": EVENTS, "rounds": ROUNDS}
    result.update(on_both_databases(_measure))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The staff dashboard's tables as CSV (the files ``GET /api/staff/analytics/{table}.csv`` serves). Pure.

Contract: :func:`table_csv(found, table)` -> UTF-8 text, a header row then one row per table row, in the order the
page shows them; ``table`` is one of :data:`TABLES` (anything else: ``KeyError``). Amounts are plain decimal
numbers in their currency's own minor unit (``1234.50``, ``¥`` amounts without decimals) with the currency in its
own column, so a spreadsheet sums them exactly; rates are percentages with two decimals. Every text cell goes
through ``accounts.audit_csv.safe_cell`` (a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'``), so a vendor or product name cannot run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

from marketplace.analytics.platform_figures import PlatformFigures
from marketplace.core.csv_cells import safe_cell
from marketplace.core.money import Money


def amount(money: Money | None) -> Decimal | str:
    """A number cell (never text, so never neutralised) in the currency's own minor unit; "" for none.

    >>> amount(Money(123450, "EUR")), amount(Money(-5, "JPY")), amount(None)
    (Decimal('1234.50'), Decimal('-5'), '')
    """
    if money is None:
        return ""
    return Decimal(money.minor).scaleb(-money.exponent)


def percent(bps: int | None) -> Decimal | str:
    """A percentage cell with two decimals; "" for none.

    >>> percent(1234), percent(None)
    (Decimal('12.34'), '')
    """
    return "" if bps is None else Decimal(bps).scaleb(-2).quantize(Decimal("0.01"))


def _days(f: PlatformFigures) -> Iterable[list]:
    yield ["day", "orders", "gmv", "currency"]
    for p in f.days:
        yield [p.day.isoformat(), p.orders, amount(p.gmv), f.currency]


def _markets(f: PlatformFigures) -> Iterable[list]:
    yield ["country", "orders", "gmv", "currency", "share_percent"]
    for m in f.markets:
        yield [m.country, m.orders, amount(m.gmv), f.currency, percent(m.share_bps)]


def _currencies(f: PlatformFigures) -> Iterable[list]:
    yield ["currency", "orders", "gmv_local", "gmv_platform", "platform_currency", "orders_without_frozen_rate"]
    for c in f.currencies:
        yield [c.currency, c.orders, amount(c.gmv_local), amount(c.gmv), f.currency, c.unconverted]


def _vendors(f: PlatformFigures) -> Iterable[list]:
    yield ["vendor_id", "vendor", "orders", "gmv", "currency"]
    for v in f.vendors:
        yield [v.vendor_id, v.name, v.orders, amount(v.gmv), f.currency]


def _products(f: PlatformFigures) -> Iterable[list]:
    yield ["product", "vendor", "units", "goods", "currency"]
    for p in f.products:
        yield [p.name, p.vendor_name, p.units, amount(p.goods), f.currency]


def _duties(f: PlatformFigures) -> Iterable[list]:
    yield ["country", "regime", "orders", "duty", "tax", "currency"]
    for d in f.duties:
        yield [d.country, d.regime, d.orders, amount(d.duty), amount(d.tax), f.currency]


def _payouts(f: PlatformFigures) -> Iterable[list]:
    yield ["currency", "vendors", "available", "pending"]
    for p in f.payouts:
        yield [p.currency, p.vendors, amount(p.available), amount(p.pending)]


def _funnel(f: PlatformFigures) -> Iterable[list]:
    yield ["step", "count", "rate_of_previous_percent"]
    yield ["product_views", f.funnel.views, ""]
    yield ["added_to_cart", f.funnel.carts, percent(f.funnel.cart_rate_bps)]
    yield ["orders", f.funnel.orders, percent(f.funnel.order_rate_bps)]


TABLES: dict[str, Callable[[PlatformFigures], Iterable[list]]] = {
    "days": _days, "markets": _markets, "currencies": _currencies, "vendors": _vendors, "products": _products,
    "duties": _duties, "payouts": _payouts, "funnel": _funnel}


def table_csv(found: PlatformFigures, table: str) -> str:
    rows = TABLES[table](found)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(v) if isinstance(v, str) else v for v in row])
    return out.getvalue()

"""A seller's monthly statement as CSV (the file ``GET /api/seller/statements/{month}.csv`` serves).

Contract: :func:`statement_csv(statement)` -> UTF-8 text with a header row and one row per ledger entry of the
month, oldest first, then nothing else. Columns:

- ``date``: the entry's date and time, UTC, ISO 8601 (``2026-12-02T10:15:00+00:00``);
- ``kind``: the ledger kind (``sale``, ``commission``, ``refund``, ``adjustment``, ``payout``,
  ``dispute_hold``, ``dispute_release``, ``dispute_loss``);
- ``order``: the vendor order number, empty when the entry belongs to no order;
- ``description``: the entry's memo;
- ``amount``: the signed amount in major units, a plain decimal (``-12.50``, ``3200``);
- ``currency``: the vendor's ISO 4217 code;
- ``balance``: the running balance after the entry (the month's opening balance plus every entry so far).

CSV-injection safe: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
with ``'`` so a spreadsheet shows it as text — except the two numeric columns (``amount``, ``balance``),
which we write ourselves as plain decimals and keep numeric. Pure: no database.
"""

from __future__ import annotations

import csv
import io

from marketplace.core.csv_cells import safe_cell
from marketplace.vendors.money import Statement

COLUMNS = ("date", "kind", "order", "description", "amount", "currency", "balance")
def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in statement.rows:
        entry = row.entry
        writer.writerow([safe_cell(entry.at.isoformat()), safe_cell(entry.kind), safe_cell(entry.order_number),
                         safe_cell(entry.memo), entry.amount.amount_str(), safe_cell(statement.currency),
                         row.balance.amount_str()])
    return out.getvalue()

"""The staff audit-log export as CSV (the file ``GET /api/staff/audit.csv`` serves).

Contract: :func:`audit_csv(rows, truncated)` -> UTF-8 text with a header row and one row per audit entry in the
order given (newest first). Columns:

- ``time``: UTC, ISO 8601 (``2026-12-02T10:15:00+00:00``);
- ``actor_name``, ``actor_email``: the account that acted; ``system`` in ``actor_email`` for rows no user did;
- ``action``: e.g. ``vendor.approved``;
- ``object_type``, ``object_id``: what the action touched, empty when nothing;
- ``details``: the detail JSON as ``key: value`` lines (``accounts.audit_log.detail_text``).

When the export was cut at ``accounts.audit_log.EXPORT_CAP`` rows, a last row says so in ``details``.
CSV-injection safe: every cell is text and one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is prefixed with ``'`` so a spreadsheet shows it as text (the same rule as ``catalog.csv_io`` and
``vendors.statement_csv``, which this layer may not import). Pure: no database.
"""

from __future__ import annotations

import csv
import io

from marketplace.accounts.audit_log import EXPORT_CAP, AuditRow
from marketplace.core.csv_cells import safe_cell

COLUMNS = ("time", "actor_name", "actor_email", "action", "object_type", "object_id", "details")
def audit_csv(rows: list[AuditRow], truncated: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(v) for v in (row.at.isoformat(), row.actor_name, row.actor_email, row.action,
                                                row.entity_type, row.entity_id, row.detail)])
    if truncated:
        writer.writerow(["", "", "", "", "", "", f"cut at {EXPORT_CAP} rows: narrow the filters for the rest"])
    return out.getvalue()

"""A landed-cost breakdown that reads like a receipt: goods, shipping, import duty, import taxes, fees.

Stateless: renders a list of ``present.landed.Row`` vars. A row with an explanation is a native
``<details>`` disclosure (keyboard and screen-reader friendly, no state): tapping it shows the one-sentence
explanation under the row.
"""

from __future__ import annotations

import reflex as rx


def _amount_line(row: rx.Var, with_icon: bool) -> rx.Component:
    return rx.hstack(
        rx.text(row.label, size="2"),
        rx.cond(with_icon, rx.icon("info", size=14, color="var(--accent-11)", aria_hidden="true")),
        rx.spacer(),
        rx.text(row.amount, size="2", white_space="nowrap", class_name="breakdown-amount"),
        align="center", width="100%", spacing="1",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.cond(
        row.explain != "",
        rx.el.details(
            rx.el.summary(_amount_line(row, True), class_name="breakdown-summary"),
            rx.text(row.explain, size="1", color="var(--gray-11)", class_name="breakdown-explain"),
            class_name="breakdown-row", custom_attrs={"data-key": row.key},
        ),
        rx.box(_amount_line(row, False), class_name="breakdown-row breakdown-plain",
               custom_attrs={"data-key": row.key}),
    )


def breakdown(rows: rx.Var, total_label: rx.Var | str, total: rx.Var | str, total_id: str = "") -> rx.Component:
    """The rows, then a bold total line (``total_id`` names it for tests and links)."""
    return rx.vstack(
        rx.foreach(rows, _row),
        rx.hstack(rx.text(total_label, weight="bold", size="3"), rx.spacer(),
                  rx.text(total, weight="bold", size="3", white_space="nowrap", **({"id": total_id} if total_id
                                                                                  else {})),
                  width="100%", class_name="breakdown-total"),
        spacing="0", width="100%", class_name="breakdown",
    )

"""The file drop zone the seller pages share (pictures, verification documents, CSV import): stateless.

Contract:
- ``drop_zone(upload_id, accept, max_files, icon, label, on_drop, on_refused)`` is a dashed ``rx.upload`` area
  wrapped in a ``<label>`` (so axe sees the file input named by the visible text), opening the file chooser on
  click and taking drops. ``on_drop`` is the page's upload event already bound to
  ``rx.upload_files(upload_id=...)``; ``on_refused`` (optional) receives the names of the files the browser's
  own check refused (type or count), see :func:`refused_names`. ``icon`` is a fixed icon name (see
  docs/ARCHITECTURE.md: a state-driven icon pulls the whole icon loader into every page).
- The server checks every file again; the browser's check only saves a round trip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar

from marketplace.state.locale import t


def refused_names(rejected: rx.Var) -> rx.Var:
    """The names of the files the drop zone refused (its records hold browser File objects, which would not
    survive the trip to the server as JSON)."""
    return rejected.to(ArrayVar, list[dict[str, Any]]).map(
        lambda rf: rf.to(ObjectVar, dict[str, dict[str, Any]])["file"].to(ObjectVar, dict[str, Any])["name"])


def drop_zone(upload_id: str, accept: dict[str, list[str]], max_files: int, icon: str, label: str,
              on_drop: rx.EventHandler, on_refused: Callable[[rx.Var], Any] | None = None) -> rx.Component:
    refused = {"on_drop_rejected": lambda rejected: on_refused(refused_names(rejected))} if on_refused else {}
    return rx.el.label(
        rx.upload(
            rx.vstack(rx.icon(icon, size=24, aria_hidden="true"), rx.text(t(label), size="2", weight="medium"),
                      align="center", spacing="2"),
            id=upload_id, accept=accept, max_files=max_files, multiple=max_files > 1, no_click=True,
            on_drop=on_drop, border="2px dashed var(--gray-8)", border_radius="var(--radius-3)", padding="20px",
            width="100%", cursor="pointer", **refused,
        ),
        width="100%", display="block",
    )

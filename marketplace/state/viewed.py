"""Recently viewed products, kept in the browser (localStorage ``mp_viewed``: a JSON list of product ids).

Contract: the list is client data. ``_ids()`` parses it defensively (bad JSON -> empty) and validates it with
``catalog.recommendations.clean_viewed_ids`` (ints, at most 12, unique); ``_remember(product_id)`` puts the id
first and writes the cleaned list back. Product cards for these ids are read by the page, listed products only.
"""

from __future__ import annotations

import json

import reflex as rx

from marketplace.catalog.recommendations import MAX_VIEWED, clean_viewed_ids


class ViewedState(rx.State):
    raw: str = rx.LocalStorage("[]", name="mp_viewed", sync=True)

    def _ids(self) -> list[int]:
        if not isinstance(self.raw, str) or len(self.raw) > 400:
            return []
        try:
            return clean_viewed_ids(json.loads(self.raw))
        except ValueError:
            return []

    def _remember(self, product_id: int) -> list[int]:
        """Puts ``product_id`` first; returns the ids viewed before it (newest first)."""
        before = [i for i in self._ids() if i != product_id]
        self.raw = json.dumps([product_id, *before][:MAX_VIEWED])
        return before

"""The header search box: submitting it goes to the search page with the query in the URL."""

from __future__ import annotations

import reflex as rx

from marketplace import routes


class SearchBoxState(rx.State):
    query: str = ""

    @rx.event
    def submit(self, form_data: dict):
        raw = form_data.get("q", "") if isinstance(form_data, dict) else ""
        query = raw.strip()[:200] if isinstance(raw, str) else ""
        self.query = query
        if not query:
            return None
        return rx.redirect(routes.search(query))

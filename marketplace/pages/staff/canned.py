"""The desk's canned replies (``/staff/canned-replies``): staff add, change and delete the ready-made answers
the reply box offers, one language each. Support staff and admins only: every handler resolves the caller on
the server and ``support.desk`` checks ``StaffCapability.SUPPORT`` and validates title, language and body."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import LANGUAGES, N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.support import desk

_LIMITS = {"id": 18, "title": desk.CANNED_TITLE_MAX * 2, "language": 8, "body": desk.CANNED_BODY_MAX * 2}


@dataclass(frozen=True)
class CannedRow:
    id: str = ""
    title: str = ""
    language: str = ""
    body: str = ""
    key: str = ""  # re-renders the row's form after a save


def _list(session, caller):  # noqa: ANN001, ANN202
    return desk.canned_replies(session, caller)


def _save(session, caller, canned_id, title, language, body):  # noqa: ANN001, ANN202
    return desk.save_canned(session, caller, canned_id, title=title, language=language, body=body)


def _delete(session, caller, canned_id):  # noqa: ANN001, ANN202
    return desk.delete_canned(session, caller, canned_id)


def _form(form: object) -> dict[str, str] | None:
    if not isinstance(form, dict):
        return None
    out = {}
    for key, limit in _LIMITS.items():
        value = form.get(key, "")
        if not isinstance(value, str) or len(value) > limit:
            return None
        out[key] = value
    return out


class StaffCannedState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    rows: list[CannedRow] = []
    version: int = 0

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        try:
            caller = await current_caller(self)
            found = await run_service(_list, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_CANNED)
        self.version = self.version + 1 if isinstance(self.version, int) and 0 <= self.version < 10**6 else 0
        self.rows = [CannedRow(id=str(c.id), title=c.title, language=c.language, body=c.body,
                               key=f"{c.id}-{self.version}") for c in found]
        self.allowed, self.loaded, self.denied = True, True, ""
        return None

    async def _write(self, fn, *args) -> None:  # noqa: ANN001
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        try:
            caller = await current_caller(self)
            await run_write(fn, caller, *args)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
        else:
            self.done = translate(lang, "Saved.")
        await self._reload()

    @rx.event
    async def load(self):
        self.error, self.done = "", ""
        return await self._reload()

    @rx.event
    async def save(self, form: dict):
        data = _form(form)
        if data is None:
            return
        await self._write(_save, data["id"], data["title"], data["language"], data["body"])

    @rx.event
    async def delete(self, canned_id: str):
        if not isinstance(canned_id, str) or len(canned_id) > 18:
            return
        await self._write(_delete, canned_id)


def _editor(row_id: rx.Var | str, title: rx.Var | str, language: rx.Var | str, body: rx.Var | str,
            key: rx.Var | str, prefix: rx.Var | str) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="id", value=row_id),
        rx.grid(
            rx.el.label(rx.text(t("Title"), size="2", weight="medium"),
                        rx.input(name="title", default_value=title, required=True, max_length=desk.CANNED_TITLE_MAX,
                                 size="3", width="100%"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"}),
            rx.el.label(rx.text(t("Language"), size="2", weight="medium"),
                        rx.el.select(*[rx.el.option(name, value=code) for code, name in LANGUAGES.items()],
                                     name="language", default_value=language,
                                     class_name="native-select touch-target"),
                        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"}),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        rx.el.label(rx.text(t("Text"), size="2", weight="medium"),
                    rx.text_area(name="body", default_value=body, required=True, max_length=desk.CANNED_BODY_MAX,
                                 rows="5", width="100%"),
                    style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%",
                           "margin_top": "8px"}),
        rx.flex(rx.button(t("Save"), type="submit", size="3", class_name="touch-target"),
                rx.cond(row_id != "", rx.button(t("Delete"), type="button", size="3", variant="soft",
                                                color_scheme="red", on_click=StaffCannedState.delete(row_id),
                                                class_name="touch-target")),
                gap="8px", padding_top="8px"),
        on_submit=StaffCannedState.save, reset_on_submit=row_id == "", key=key, width="100%",
        class_name="table-row canned-form", id=prefix,
    )


def staff_canned_page() -> rx.Component:
    s = StaffCannedState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.link(t("Support"), href=routes.STAFF_SUPPORT, size="2"),
            rx.heading(t("Canned replies"), as_="h1", size="7", id="canned-heading"),
            rx.text(t("Ready-made answers for the reply box, one language each. The customer's language is offered "
                      "first."), size="2", color="var(--gray-11)"),
            rx.cond(s.error != "", rx.callout(s.error, color_scheme="red", icon="triangle_alert", width="100%",
                                              high_contrast=True, role="alert", id="canned-error")),
            rx.cond(s.done != "", rx.callout(s.done, color_scheme="grass", icon="check", width="100%",
                                             high_contrast=True, role="status", id="canned-done")),
            rx.heading(t("New canned reply"), as_="h2", size="4"),
            rx.box(_editor("", "", "en", "", "new", "canned-new"), class_name="table-card", width="100%"),
            rx.heading(t("All canned replies"), as_="h2", size="4"),
            rx.vstack(rx.foreach(s.rows, lambda r: _editor(r.id, r.title, r.language, r.body, r.key,
                                                           "canned-" + r.id)),
                      spacing="0", width="100%", class_name="table-card", id="canned-list"),
            spacing="4", width="100%", align="start", max_width="880px",
        ),
    )

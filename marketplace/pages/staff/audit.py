"""Staff audit log (/staff/audit): who did what to which record and when, newest first, 50 a page, filtered by
actor (e-mail, user id or "system"), action (exact or a prefix like ``vendor.``), object (type and id) and a
date range; a CSV link carries the same filters. Cards on phones, a table on desktop. Staff and admins only: the
loader and every handler check the role on the server, and every filter (also one a client set through
``setvar``) is validated again by ``accounts.audit_log.parse_filter`` before a row is read."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.accounts import audit_log
from marketplace.core import formatting
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.i18n import N_, format_locale
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

FIELDS = ("actor", "action", "type", "id", "from", "to")  # the form's names, also the CSV link's query keys
_LIMITS = {"actor": 254, "action": 61, "type": 40, "id": 40, "from": 10, "to": 10}


def _load(session, caller, filters: dict[str, str], page: int):  # noqa: ANN001, ANN202
    flt = audit_log.parse_filter(session, caller, actor=filters["actor"], action=filters["action"],
                                 entity_type=filters["type"], entity_id=filters["id"],
                                 date_from=filters["from"], date_to=filters["to"])
    return audit_log.audit_page(session, caller, flt, page)


def _clean(form: object) -> dict[str, str] | None:
    """The six filter strings of a submitted form, or None when the form is not a dict of bounded strings."""
    if not isinstance(form, dict):
        return None
    out = {}
    for key in FIELDS:
        value = form.get(key, "")
        if not isinstance(value, str) or len(value) > _LIMITS[key]:
            return None
        out[key] = value.strip()
    return out


@dataclass(frozen=True)
class AuditView:
    id: str = ""
    when: str = ""
    actor: str = ""  # the name, or "" for a system row
    email: str = ""
    action: str = ""
    target: str = ""  # "vendor #12", "" when none
    detail: str = ""


class StaffAuditState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    actor: str = ""
    action: str = ""
    entity_type: str = ""
    entity_id: str = ""
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    has_more: bool = False
    rows: list[AuditView] = []
    export_href: str = routes.API_STAFF_AUDIT_CSV

    def _filters(self) -> dict[str, str]:
        values = (self.actor, self.action, self.entity_type, self.entity_id, self.date_from, self.date_to)
        return {key: v if isinstance(v, str) else "" for key, v in zip(FIELDS, values, strict=True)}

    async def _fill(self, filters: dict[str, str], page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await role_required(self, Role.STAFF)
            found = await run_service(_load, caller, filters, page)
        except ValidationError as exc:
            self.allowed, self.loaded, self.denied = True, True, ""
            self.error = problem_text(lang, exc)
            return None
        except DomainError as exc:
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_AUDIT)
        self.allowed, self.denied, self.error = True, "", ""
        (self.actor, self.action, self.entity_type, self.entity_id, self.date_from,
         self.date_to) = (filters[key] for key in FIELDS)
        self.page, self.has_more = found.page, found.has_more
        self.rows = [AuditView(
            id=str(r.id), when=f"{formatting.format_date(r.at, locale)} {r.at:%H:%M} UTC", actor=r.actor_name,
            email=r.actor_email, action=r.action,
            target=" #".join(x for x in (r.entity_type, r.entity_id) if x), detail=r.detail,
        ) for r in found.rows]
        self.export_href = routes.staff_audit_csv(filters)
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        return await self._fill(dict.fromkeys(FIELDS, ""), 1)

    @rx.event
    async def apply(self, form: dict):
        """The submitted filters (``{"actor", "action", "type", "id", "from", "to"}``), validated on the server."""
        filters = _clean(form)
        if filters is None:
            return None
        return await self._fill(filters, 1)

    @rx.event
    async def clear(self):
        return await self._fill(dict.fromkeys(FIELDS, ""), 1)

    @rx.event
    async def next_page(self):
        if not self.has_more:
            return None
        page = self.page + 1 if isinstance(self.page, int) and 1 <= self.page < audit_log.MAX_PAGE else 1
        return await self._fill(self._filters(), page)

    @rx.event
    async def previous_page(self):
        page = self.page - 1 if isinstance(self.page, int) and 1 < self.page <= audit_log.MAX_PAGE else 1
        return await self._fill(self._filters(), page)


def _field(label: str, name: str, value: rx.Var, placeholder: str = "", kind: str = "text") -> rx.Component:
    return rx.el.label(
        rx.text(t(label), size="2", weight="medium"),
        rx.input(name=name, type=kind, default_value=value, key=value, placeholder=placeholder, size="3",
                 id=f"audit-{name}", max_length=_LIMITS[name], width="100%"),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"},
    )


def _filters_form() -> rx.Component:
    s = StaffAuditState
    return rx.form(
        rx.grid(
            _field(N_("Actor"), "actor", s.actor, "name@example.com, 42, system"),
            _field(N_("Action"), "action", s.action, "vendor. / vendor.approved"),
            _field(N_("Object type"), "type", s.entity_type, "vendor, product"),
            _field(N_("Object id"), "id", s.entity_id),
            _field(N_("From"), "from", s.date_from, kind="date"),
            _field(N_("To"), "to", s.date_to, kind="date"),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%",
        ),
        rx.flex(
            rx.button(t("Show"), type="submit", size="3", id="audit-apply", class_name="touch-target"),
            rx.button(t("Clear filters"), type="button", size="3", variant="soft", color_scheme="gray",
                      on_click=s.clear, id="audit-clear", class_name="touch-target"),
            rx.button(rx.el.a(rx.icon("download", size=16, aria_hidden="true"), t("Download CSV"),
                              href=s.export_href, download="", id="audit-export",
                              custom_attrs={"reloadDocument": True}),  # a file, not a page route
                      as_child=True, variant="soft", size="3", class_name="touch-target"),
            gap="8px", wrap="wrap", padding_top="12px",
        ),
        on_submit=s.apply, reset_on_submit=False, width="100%", id="audit-filters",
    )


def _who(r: rx.Var) -> rx.Component:
    # a system row (no actor) says "System" once; a deleted account shows its id ("#12") as its e-mail
    return rx.cond(
        r.email == audit_log.SYSTEM, rx.text(t("System"), size="2", weight="medium"),
        rx.vstack(rx.cond(r.actor != "", rx.text(r.actor, size="2", weight="medium")),
                  rx.text(r.email, size="1", color="var(--gray-11)", class_name="audit-email"),
                  spacing="0", min_width="0"))


def _detail(r: rx.Var) -> rx.Component:
    return rx.text(r.detail, size="1", color="var(--gray-11)", white_space="pre-wrap",
                   style={"overflow_wrap": "anywhere"})


def _card(r: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.badge(r.action, variant="soft", high_contrast=True, class_name="audit-action"), rx.spacer(),
                  rx.text(r.when, size="1", color="var(--gray-11)"), width="100%", align="center", wrap="wrap"),
        _who(r),
        rx.cond(r.target != "", rx.text(r.target, size="2", class_name="audit-target")),
        rx.cond(r.detail != "", _detail(r)),
        spacing="2", width="100%", class_name="table-row audit-card",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(r.when, white_space="nowrap"), rx.table.cell(_who(r)),
        rx.table.cell(rx.code(r.action, variant="ghost"), class_name="audit-action"),
        rx.table.cell(r.target), rx.table.cell(_detail(r)),
        class_name="audit-row",
    )


def _table() -> rx.Component:
    head = [N_("Time"), N_("Actor"), N_("Action"), N_("Object"), N_("Details")]
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in head])),
        rx.table.body(rx.foreach(StaffAuditState.rows, _row)), variant="surface", size="1", width="100%"),
        width="100%", id="audit-table", display=rx.breakpoints(initial="none", md="block"))


def _pager() -> rx.Component:
    s = StaffAuditState
    return rx.flex(
        rx.button(rx.icon("chevron-left", size=16, aria_hidden="true"), t("Newer"), size="3", variant="soft",
                  disabled=s.page <= 1, on_click=s.previous_page, id="audit-previous", class_name="touch-target"),
        rx.text(t("Page"), " ", s.page, size="2", color="var(--gray-11)"),
        rx.button(t("Older"), rx.icon("chevron-right", size=16, aria_hidden="true"), size="3", variant="soft",
                  disabled=~s.has_more, on_click=s.next_page, id="audit-next", class_name="touch-target"),
        gap="12px", align="center", wrap="wrap",
    )


def staff_audit() -> rx.Component:
    s = StaffAuditState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Audit log"), as_="h1", size="7", id="audit-heading"),
            rx.text(t("Who did what to which record, and when. Newest first; times in UTC."),
                    color="var(--gray-11)", size="2"),
            _filters_form(),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert",
                                              id="audit-error", width="100%")),
            rx.cond(s.rows.length() > 0,
                    rx.fragment(
                        rx.vstack(rx.foreach(s.rows, _card), spacing="0", width="100%", class_name="table-card",
                                  id="audit-cards", display=rx.breakpoints(initial="flex", md="none")),
                        _table()),
                    rx.text(t("No entries match these filters."), size="2", id="audit-empty")),
            _pager(),
            spacing="4", width="100%", align="start",
        ),
    )

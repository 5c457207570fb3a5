"""The support desk's inbox (``/staff/support``): support threads from shoppers and sellers with status,
priority, assignee and the 24-hour first-response badge, most urgent first, filtered by mine/unassigned/all,
status and overdue; below them the return requests still waiting for someone, with their status. Cards on
phones, a table on desktop. Support staff and admins only: every handler resolves the caller on the server and
``support.desk`` checks ``StaffCapability.SUPPORT``; every filter value is checked before use."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.returns import STATUS_LABELS as RETURN_LABELS
from marketplace.present.seller_orders import format_time
from marketplace.present.support_desk import sla_colour, sla_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.support import desk
from marketplace.support.tickets import TicketPriority, TicketStatus

SHOW_LABELS = {"all": N_("All"), "mine": N_("Mine"), "unassigned": N_("Unassigned")}
STATUS_FILTERS = ("", *(s.value for s in TicketStatus))
KIND_LABELS = {"return": N_("Return"), "exchange": N_("Exchange"), "repair": N_("Repair")}
STATUS_COLOURS = {TicketStatus.OPEN: "blue", TicketStatus.WAITING: "amber", TicketStatus.SOLVED: "grass"}
PRIORITY_COLOURS = {TicketPriority.LOW: "gray", TicketPriority.NORMAL: "blue", TicketPriority.HIGH: "orange",
                    TicketPriority.URGENT: "red"}


@dataclass(frozen=True)
class DeskRow:
    id: str = ""
    subject: str = ""
    customer: str = ""
    seller: bool = False  # a seller writing about their shop
    status: str = ""
    priority: str = ""
    assignee: str = ""
    sla: str = ""  # "" when the timer has not started
    sla_colour: str = "gray"
    updated: str = ""
    href: str = ""


@dataclass(frozen=True)
class ReturnRow:
    number: str = ""
    customer: str = ""
    kind: str = ""
    status: str = ""
    updated: str = ""


def _inbox(session, caller, show, status, overdue):  # noqa: ANN001, ANN202
    return desk.inbox(session, caller, show=show, status=status, overdue=overdue)


class StaffSupportState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    show: str = "all"
    status_filter: str = ""
    overdue_only: bool = False
    rows: list[DeskRow] = []
    returns: list[ReturnRow] = []

    async def _fetch(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        show = self.show if self.show in desk.SHOWS else "all"
        status = self.status_filter if self.status_filter in STATUS_FILTERS else ""
        overdue = self.overdue_only is True
        try:
            caller = await current_caller(self)
            items = await run_service(_inbox, caller, show, status, overdue)
        except DomainError as exc:
            self.allowed, self.loaded, self.rows, self.returns = False, True, [], []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_SUPPORT)
        self.allowed, self.denied = True, ""
        self.show, self.status_filter, self.overdue_only = show, status, overdue
        self.rows = [DeskRow(
            id=str(i.id), subject=i.subject, customer=i.customer, seller=i.customer_kind == "seller",
            status=i.status, priority=i.priority, assignee=i.assignee or translate(lang, "Nobody"),
            sla=sla_text(i.sla, lang), sla_colour=sla_colour(i.sla), updated=format_time(i.updated_at, lang),
            href=routes.staff_support_thread(i.id)) for i in items if i.kind == "thread"]
        self.returns = [ReturnRow(
            number=i.number, customer=i.customer, kind=translate(lang, KIND_LABELS.get(i.return_kind, "Return")),
            status=translate(lang, RETURN_LABELS.get(i.status, i.status)), updated=format_time(i.updated_at, lang))
            for i in items if i.kind == "return"]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        return await self._fetch()

    @rx.event
    async def filter_show(self, show: str):
        if not isinstance(show, str) or show not in desk.SHOWS:
            return None
        self.show = show
        return await self._fetch()

    @rx.event
    async def filter_status(self, status: str):
        if not isinstance(status, str) or status not in STATUS_FILTERS:
            return None
        self.status_filter = status
        return await self._fetch()

    @rx.event
    async def toggle_overdue(self):
        self.overdue_only = self.overdue_only is not True
        return await self._fetch()


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(status, *[(s.value, rx.badge(t(desk.STATUS_LABELS[s]), color_scheme=STATUS_COLOURS[s],
                                                 high_contrast=True)) for s in TicketStatus],
                    rx.badge(status, high_contrast=True))


def priority_badge(priority: rx.Var) -> rx.Component:
    return rx.match(priority, *[(p.value, rx.badge(t(desk.PRIORITY_LABELS[p]), color_scheme=PRIORITY_COLOURS[p],
                                                   variant="outline", high_contrast=True)) for p in TicketPriority],
                    rx.badge(priority, variant="outline", high_contrast=True))


def sla_badge(text: rx.Var, colour: rx.Var) -> rx.Component:
    return rx.cond(text != "", rx.match(colour, *[(c, rx.badge(rx.icon("clock", size=12, aria_hidden="true"), text,
                                                                 color_scheme=c, high_contrast=True,
                                                                 class_name="sla-badge"))
                                                    for c in ("amber", "red", "grass", "orange")],
                                        rx.badge(text, high_contrast=True, class_name="sla-badge")))


def _who(r: rx.Var) -> rx.Component:
    return rx.hstack(rx.text(r.customer, size="2"),
                     rx.cond(r.seller, rx.badge(t("Seller"), variant="soft", color_scheme="violet",
                                                high_contrast=True)),
                     spacing="1", align="center", wrap="wrap")


def _card(r: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.link(r.subject, href=r.href, weight="bold", size="3", class_name="break-anywhere desk-subject"),
        _who(r),
        rx.flex(status_badge(r.status), priority_badge(r.priority), sla_badge(r.sla, r.sla_colour), gap="6px",
                wrap="wrap"),
        rx.text(t("Assigned to"), " ", r.assignee, " · ", r.updated, size="1", color="var(--gray-11)"),
        spacing="2", width="100%", class_name="table-row desk-card",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(r.subject, href=r.href, weight="medium", class_name="break-anywhere desk-subject")),
        rx.table.cell(_who(r)), rx.table.cell(status_badge(r.status)), rx.table.cell(priority_badge(r.priority)),
        rx.table.cell(r.assignee), rx.table.cell(sla_badge(r.sla, r.sla_colour)),
        rx.table.cell(r.updated, white_space="nowrap"),
        class_name="desk-row",
    )


def _table() -> rx.Component:
    head = [N_("Subject"), N_("Customer"), N_("Status"), N_("Priority"), N_("Assigned to"), N_("First response"),
            N_("Last activity")]
    return rx.box(rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in head])),
        rx.table.body(rx.foreach(StaffSupportState.rows, _row)), variant="surface", size="2", width="100%"),
        width="100%", id="desk-table", display=rx.breakpoints(initial="none", md="block"))


def _toggle(label: str, active: rx.Var, on_click, id: str) -> rx.Component:  # noqa: A002, ANN001
    return rx.button(t(label), size="2", variant=rx.cond(active, "solid", "soft"), on_click=on_click, id=id,
                     class_name="touch-target", aria_pressed=rx.cond(active, "true", "false"))


def _filters() -> rx.Component:
    s = StaffSupportState
    return rx.vstack(
        rx.flex(*[_toggle(label, s.show == key, s.filter_show(key), f"desk-show-{key}")
                  for key, label in SHOW_LABELS.items()], gap="8px", wrap="wrap", role="group",
                aria_label=t("Whose threads")),
        rx.flex(_toggle(N_("Any status"), s.status_filter == "", s.filter_status(""), "desk-status-any"),
                *[_toggle(desk.STATUS_LABELS[st], s.status_filter == st.value, s.filter_status(st.value),
                          f"desk-status-{st.value}") for st in TicketStatus],
                _toggle(N_("Overdue"), s.overdue_only, s.toggle_overdue, "desk-overdue"),
                gap="8px", wrap="wrap", role="group", aria_label=t("Status")),
        spacing="2", width="100%")


def _returns() -> rx.Component:
    return rx.vstack(
        rx.heading(t("Return requests"), as_="h2", size="4"),
        rx.cond(StaffSupportState.returns.length() > 0,
                rx.vstack(rx.foreach(StaffSupportState.returns, lambda r: rx.flex(
                    rx.text(r.number, weight="medium", size="2", class_name="break-anywhere"),
                    rx.text(r.kind, size="2"), rx.text(r.customer, size="2"),
                    rx.badge(r.status, variant="soft", high_contrast=True),
                    rx.text(r.updated, size="1", color="var(--gray-11)"),
                    gap="10px", wrap="wrap", align="center", width="100%", class_name="table-row desk-return")),
                    spacing="0", width="100%", class_name="table-card", id="desk-returns"),
                rx.text(t("No return requests waiting."), size="2", color="var(--gray-11)")),
        spacing="2", width="100%", align="start")


def staff_support_page() -> rx.Component:
    s = StaffSupportState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Support"), as_="h1", size="7", id="desk-heading"),
            rx.text(t("Every question from shoppers and sellers. We answer within 24 hours."),
                    color="var(--gray-11)", size="2"),
            _filters(),
            rx.cond(s.rows.length() > 0,
                    rx.fragment(
                        rx.vstack(rx.foreach(s.rows, _card), spacing="0", width="100%", class_name="table-card",
                                  id="desk-cards", display=rx.breakpoints(initial="flex", md="none")),
                        _table()),
                    rx.text(t("No conversations match these filters."), size="2", id="desk-empty")),
            rx.cond((s.show != "mine") & (s.status_filter == "") & ~s.overdue_only, _returns()),
            spacing="4", width="100%", align="start",
        ),
    )

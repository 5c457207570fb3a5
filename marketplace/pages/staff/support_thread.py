"""One support thread for staff (``/staff/support/[id]``): the conversation, the reply box with the canned
reply picker (the customer's language first), internal notes (staff only: never shown to the customer, never
e-mailed), assign/status/priority controls, the 24-hour first-response badge and the customer's latest orders.
Support staff and admins only: every handler resolves the caller on the server, ``support.desk`` checks
``StaffCapability.SUPPORT`` and a non-support thread or a bad id reads as "not found"; every argument is
checked for type and length before it is used."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import LANGUAGES, N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import history
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.pages.staff.support import priority_badge, sla_badge, status_badge
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.present.support_desk import sla_colour, sla_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.support import desk, messages
from marketplace.support.tickets import TicketPriority, TicketStatus

MAX_FORM_TEXT = messages.BODY_MAX * 2  # longer input is refused without passing it on


def _id_of(path: str) -> int | None:
    raw = path.removeprefix(routes.STAFF_SUPPORT + "/").strip("/")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _detail(session, caller, thread_id):  # noqa: ANN001, ANN202
    return desk.thread_detail(session, caller, thread_id)


@dataclass(frozen=True)
class Bubble:
    id: str = ""
    staff: bool = False
    name: str = ""
    body: str = ""
    when: str = ""


@dataclass(frozen=True)
class OrderLine:
    number: str = ""
    status: str = ""
    total: str = ""
    when: str = ""


@dataclass(frozen=True)
class Option:
    value: str = ""
    label: str = ""


class StaffSupportThreadState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    subject: str = ""
    customer: str = ""
    email: str = ""
    language: str = ""
    seller_shop: str = ""  # the shop, when a seller wrote
    status: str = ""
    priority: str = ""
    assignee: str = ""  # a staff user id as text, "" for nobody
    sla: str = ""
    sla_colour: str = "gray"
    messages: list[Bubble] = []
    notes: list[Bubble] = []
    orders: list[OrderLine] = []
    canned: list[Option] = []
    staff: list[Option] = []
    draft: str = ""  # the reply box
    _canned_bodies: dict[str, str] = {}

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            d = await run_service(_detail, caller, _id_of(self.router.url.path))
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            self.messages, self.notes, self.orders = [], [], []
            return login_redirect(exc, self.router.url.path)
        self.subject, self.customer, self.email = d.subject, d.customer_name, d.customer_email
        self.language = LANGUAGES.get(d.customer_language, d.customer_language)
        self.seller_shop = d.shop if d.customer_kind == "seller" else ""
        self.status, self.priority = d.status, d.priority
        self.assignee = str(d.assignee_id) if d.assignee_id else ""
        self.sla, self.sla_colour = sla_text(d.sla, lang), sla_colour(d.sla)
        self.messages = [Bubble(id=str(m.id), staff=m.from_staff, name=m.sender_name, body=m.body,
                                when=format_time(m.created_at, lang)) for m in d.messages]
        self.notes = [Bubble(id=str(n.id), staff=True, name=n.author, body=n.body,
                             when=format_time(n.created_at, lang)) for n in d.notes]
        self.orders = [OrderLine(number=o.number, status=translate(lang, history.STATUS_LABELS.get(o.status, o.status)),
                                 total=formatting.format_money(o.total, locale),
                                 when=formatting.format_date(o.created_at, locale)) for o in d.orders]
        self.canned = [Option(value=str(c.id), label=f"{c.language.upper()} · {c.title}") for c in d.canned]
        self._canned_bodies = {str(c.id): c.body for c in d.canned}
        self.staff = [Option(value=str(s.id), label=s.name) for s in d.staff]
        self.allowed, self.loaded, self.denied = True, True, ""
        return None

    async def _act(self, fn, *args, done: str = "Saved."):  # noqa: ANN001, ANN202
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        try:
            caller = await current_caller(self)
            await run_write(fn, caller, _id_of(self.router.url.path), *args)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            await self._reload()
            return False
        self.done = translate(lang, done)
        await self._reload()
        return True

    @rx.event
    async def load(self):
        self.error, self.done, self.draft = "", "", ""
        return await self._reload()

    @rx.event
    def set_draft(self, value: str):
        self.draft = value if isinstance(value, str) and len(value) <= MAX_FORM_TEXT else ""

    @rx.event
    def use_canned(self, canned_id: str):
        """Put a canned reply's text into the reply box (the caller's desk loaded it; nothing is sent)."""
        if isinstance(canned_id, str) and self.allowed and canned_id in self._canned_bodies:
            self.draft = self._canned_bodies[canned_id]

    @rx.event
    async def send_reply(self, form: dict):
        body = form.get("body") if isinstance(form, dict) else None
        if not isinstance(body, str) or len(body) > MAX_FORM_TEXT:
            body = ""
        if await self._act(_reply, body, done=N_("Sent. The customer gets it by e-mail in their language.")):
            self.draft = ""

    @rx.event
    async def add_note(self, form: dict):
        body = form.get("note") if isinstance(form, dict) else None
        if not isinstance(body, str) or len(body) > MAX_FORM_TEXT:
            body = ""
        await self._act(_note, body, done=N_("Note saved. Only staff can see it."))

    @rx.event
    async def set_assignee(self, value: str):
        if not isinstance(value, str) or len(value) > 18:
            return
        await self._act(_assign, "" if value == "none" else value)

    @rx.event
    async def set_status(self, value: str):
        if not isinstance(value, str) or len(value) > 16:
            return
        await self._act(_status, value)

    @rx.event
    async def set_priority(self, value: str):
        if not isinstance(value, str) or len(value) > 16:
            return
        await self._act(_priority, value)


def _reply(session, caller, thread_id, body):  # noqa: ANN001, ANN202
    return desk.reply(session, caller, thread_id, body)


def _note(session, caller, thread_id, body):  # noqa: ANN001, ANN202
    return desk.add_note(session, caller, thread_id, body)


def _assign(session, caller, thread_id, assignee):  # noqa: ANN001, ANN202
    return desk.assign(session, caller, thread_id, assignee)


def _status(session, caller, thread_id, status):  # noqa: ANN001, ANN202
    return desk.set_status(session, caller, thread_id, status)


def _priority(session, caller, thread_id, priority):  # noqa: ANN001, ANN202
    return desk.set_priority(session, caller, thread_id, priority)


def _card(title: str, *children: rx.Component, id: str) -> rx.Component:  # noqa: A002
    return rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%",
                     align="start", class_name="table-card", padding="16px", id=id)


def _bubble(m: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(m.name, " · ", m.when, size="1", color="var(--gray-11)"),
        rx.text(m.body, size="2", white_space="pre-wrap", class_name="break-anywhere"),
        padding="10px 12px", border_radius="12px", max_width="92%",
        background=rx.cond(m.staff, "var(--accent-3)", "var(--gray-3)"),
        align_self=rx.cond(m.staff, "flex-end", "flex-start"), class_name="desk-message",
    )


def _select(label: str, name: str, value: rx.Var, options: list[tuple[str, str]] | rx.Var, on_change,  # noqa: ANN001
            empty: tuple[str, str] | None = None) -> rx.Component:
    if isinstance(options, list):
        items = [rx.el.option(t(text), value=v) for v, text in options]
    else:
        items = [rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value))]
    if empty:
        items.insert(0, rx.el.option(t(empty[1]), value=empty[0]))
    return rx.el.label(
        rx.text(t(label), size="2", weight="medium"),
        rx.el.select(*items, value=value, on_change=on_change, id=f"desk-{name}", name=name,
                     class_name="native-select touch-target"),
        style={"display": "flex", "flex_direction": "column", "gap": "4px", "min_width": "0"})


def _controls() -> rx.Component:
    s = StaffSupportThreadState
    return _card(
        N_("Handling"),
        rx.grid(
            _select(N_("Assigned to"), "assignee", rx.cond(s.assignee == "", "none", s.assignee), s.staff,
                    s.set_assignee, empty=("none", N_("Nobody"))),
            _select(N_("Status"), "status", s.status, [(st.value, desk.STATUS_LABELS[st]) for st in TicketStatus],
                    s.set_status),
            _select(N_("Priority"), "priority", s.priority,
                    [(p.value, desk.PRIORITY_LABELS[p]) for p in TicketPriority], s.set_priority),
            columns=rx.breakpoints(initial="1", sm="3"), spacing="3", width="100%"),
        id="desk-controls")


def _reply_box() -> rx.Component:
    s = StaffSupportThreadState
    return _card(
        N_("Reply to the customer"),
        rx.el.label(
            rx.text(t("Canned reply"), size="2", weight="medium"),
            rx.el.select(rx.el.option(t("Choose a canned reply…"), value=""),
                         rx.foreach(s.canned, lambda o: rx.el.option(o.label, value=o.value)),
                         value="", on_change=s.use_canned, id="desk-canned", class_name="native-select touch-target"),
            style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
        rx.form(
            rx.vstack(
                rx.el.label(t("Message (the customer reads it and gets it by e-mail)"), html_for="desk-reply",
                            class_name="rt-Text rt-r-size-2"),
                rx.text_area(id="desk-reply", name="body", value=s.draft, on_change=s.set_draft, required=True,
                             max_length=messages.BODY_MAX, rows="6", width="100%"),
                rx.button(rx.icon("send", size=16, aria_hidden="true"), t("Send reply"), type="submit", size="3",
                          id="desk-send", class_name="touch-target"),
                spacing="2", width="100%", align="start"),
            on_submit=s.send_reply, reset_on_submit=False, width="100%", id="desk-reply-form"),
        id="desk-reply-card")


def _notes() -> rx.Component:
    s = StaffSupportThreadState
    return _card(
        N_("Internal notes"),
        rx.text(t("Only staff see these. They are never shown to the customer or e-mailed."), size="1",
                color="var(--gray-11)"),
        rx.foreach(s.notes, lambda n: rx.box(
            rx.text(n.name, " · ", n.when, size="1", color="var(--gray-11)"),
            rx.text(n.body, size="2", white_space="pre-wrap", class_name="break-anywhere"),
            padding="8px 10px", border_left="3px solid var(--amber-9)", background="var(--amber-2)", width="100%",
            class_name="desk-note")),
        rx.form(
            rx.vstack(
                rx.el.label(t("New note"), html_for="desk-note", class_name="rt-Text rt-r-size-2"),
                rx.text_area(id="desk-note", name="note", required=True, max_length=desk.NOTE_MAX, rows="3",
                             width="100%"),
                rx.button(t("Save note"), type="submit", size="3", variant="soft", color_scheme="amber",
                          id="desk-note-save", class_name="touch-target"),
                spacing="2", width="100%", align="start"),
            on_submit=s.add_note, reset_on_submit=True, width="100%", id="desk-note-form"),
        id="desk-notes")


def _orders() -> rx.Component:
    s = StaffSupportThreadState
    return _card(
        N_("Customer"),
        rx.text(s.customer, weight="bold", size="3", class_name="break-anywhere"),
        rx.text(s.email, size="2", class_name="break-anywhere"),
        rx.text(t("Language"), ": ", s.language, size="2"),
        rx.cond(s.seller_shop != "", rx.text(t("Seller of"), " ", s.seller_shop, size="2", id="desk-shop")),
        rx.heading(t("Latest orders"), as_="h3", size="3"),
        rx.cond(s.orders.length() > 0,
                rx.vstack(rx.foreach(s.orders, lambda o: rx.vstack(
                    rx.text(o.number, weight="medium", size="2"),
                    rx.text(o.when, " · ", o.total, " · ", o.status, size="1", color="var(--gray-11)"),
                    spacing="0", width="100%", class_name="table-row desk-order")), spacing="0", width="100%"),
                rx.text(t("No orders yet."), size="2", color="var(--gray-11)")),
        id="desk-orders")


def staff_support_thread_page() -> rx.Component:
    s = StaffSupportThreadState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.link(t("All support threads"), href=routes.STAFF_SUPPORT, size="2"),
            rx.heading(s.subject, as_="h1", size="6", id="desk-thread-heading", class_name="break-anywhere"),
            rx.flex(status_badge(s.status), priority_badge(s.priority), sla_badge(s.sla, s.sla_colour),
                    gap="6px", wrap="wrap", id="desk-badges"),
            rx.cond(s.error != "", rx.callout(s.error, color_scheme="red", icon="triangle_alert", width="100%",
                                              high_contrast=True,
                                              id="desk-error", role="alert")),
            rx.cond(s.done != "", rx.callout(s.done, color_scheme="grass", icon="check", width="100%",
                                             high_contrast=True,
                                             id="desk-done", role="status")),
            rx.grid(
                rx.vstack(
                    _card(N_("Conversation"), rx.vstack(rx.foreach(s.messages, _bubble), spacing="2", width="100%"),
                          id="desk-conversation"),
                    _reply_box(), _notes(), spacing="4", width="100%", min_width="0"),
                rx.vstack(_controls(), _orders(), spacing="4", width="100%", min_width="0"),
                columns=rx.breakpoints(initial="1", lg="3fr 2fr"), spacing="4", width="100%"),
            spacing="4", width="100%", align="start",
        ),
    )

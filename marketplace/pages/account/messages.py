"""The inbox: the shopper's conversations with sellers and support, most recent first, with unread counts,
and a form to write to support or, when opened from an order (``?order=<parcel number>``), to that
order's seller. The service checks the order is the shopper's own."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import translate
from marketplace.layouts.account import account_shell
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.present.problems import problem_text
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.support import messages


@dataclass(frozen=True)
class ThreadRow:
    id: str = ""
    href: str = ""
    subject: str = ""
    counterpart: str = ""  # the seller, or support
    order: str = ""  # the parcel number it is about, "" for support
    date: str = ""
    unread: str = ""  # how many new messages, "" when none
    last: str = ""


class MessagesState(rx.State):
    threads: list[ThreadRow] = []
    loaded: bool = False
    composing: bool = False
    about_order: str = ""  # display only; ``send`` uses ``_about_order``, which the client cannot set
    _about_order: str = ""
    subject: str = ""
    body: str = ""
    error: str = ""

    @rx.event
    async def load(self):
        order = self.router.url.query_parameters.get("order", "")
        order = order[:24] if isinstance(order, str) else ""
        path = f"{routes.ACCOUNT_MESSAGES}?order={order}" if order else routes.ACCOUNT_MESSAGES
        caller, redirect = await shopper_or_login(self, path)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        rows = await run_service(messages.my_threads, caller)
        support = translate(lang, messages.SUPPORT_NAME)
        self.threads = [ThreadRow(
            id=str(r.id), href=routes.account_thread(r.id), subject=r.subject,
            counterpart=r.counterpart or support, order=r.order_number or "", date=when(r.updated_at, lang),
            unread=str(r.unread) if r.unread else "", last=r.last_message,
        ) for r in rows]
        self.about_order, self._about_order, self.error = order, order, ""
        # ?compose=support opens the form to write to Meridian support (the seller portal links here)
        self.composing = bool(order) or self.router.url.query_parameters.get("compose") == "support"
        if order:
            self.subject = translate(lang, "About my order %(number)s", number=order)
        self.loaded = True
        return None

    @rx.event
    def compose(self):
        self.composing, self.about_order, self._about_order = True, "", ""
        self.error, self.subject, self.body = "", "", ""

    @rx.event
    def close(self):
        self.composing, self.error = False, ""

    @rx.event
    async def send(self, form: dict):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_MESSAGES)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        if not isinstance(form, dict):
            return None
        self.subject = form.get("subject", "")[:400] if isinstance(form.get("subject"), str) else ""
        self.body = form.get("body", "")[:6000] if isinstance(form.get("body"), str) else ""
        try:
            thread_id = await run_write(messages.start_thread, caller, subject=form.get("subject"),
                                        body=form.get("body"), vendor_order_number=self._about_order or None)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None
        self.composing, self.subject, self.body, self.error = False, "", "", ""
        return rx.redirect(routes.account_thread(thread_id))


def _thread(r: rx.Var) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(rx.cond(r.order != "", "store", "life-buoy"), size=20, color="var(--accent-11)",
                        aria_hidden="true", flex_shrink="0"),
                rx.vstack(
                    rx.hstack(rx.text(r.counterpart, weight="bold", size="2"),
                              rx.cond(r.order != "", rx.text("· ", r.order, size="1", color="var(--gray-11)")),
                              spacing="1", align="baseline", wrap="wrap"),
                    rx.text(r.subject, size="2", weight="medium"),
                    rx.text(r.last, size="1", color="var(--gray-11)",
                            style={"overflow": "hidden", "textOverflow": "ellipsis", "whiteSpace": "nowrap",
                                   "maxWidth": "100%"}),
                    spacing="0", min_width="0", flex="1",
                ),
                rx.vstack(rx.text(r.date, size="1", color="var(--gray-11)", white_space="nowrap"),
                          rx.cond(r.unread != "",
                                  rx.badge(r.unread, " ", t("new"), variant="solid", radius="full")),
                          align="end", spacing="1"),
                align="center", spacing="3", width="100%",
            ),
            width="100%",
        ),
        href=r.href, underline="none", color="var(--gray-12)", class_name="thread-row touch-target", width="100%",
    )


def _compose() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(rx.cond(MessagesState.about_order != "", t("Message the seller"), t("Contact support")),
                           as_="h2", size="4"),
                rx.text(rx.cond(MessagesState.about_order != "",
                                t("The seller of this parcel will reply here and by e-mail."),
                                t("Our support team usually replies within a day.")),
                        size="2", color="var(--gray-11)"),
                rx.cond(MessagesState.error != "",
                        rx.callout(MessagesState.error, icon="circle-alert", color_scheme="red", role="alert",
                                   width="100%", id="message-error")),
                rx.vstack(
                    rx.el.label(t("Subject"), html_for="message-subject", class_name="field-label"),
                    rx.el.input(id="message-subject", name="subject", default_value=MessagesState.subject,
                                max_length=messages.SUBJECT_MAX, class_name="text-input", required=True,
                                key=MessagesState.about_order),
                    spacing="1", width="100%",
                ),
                rx.vstack(
                    rx.el.label(t("Message"), html_for="message-body", class_name="field-label"),
                    rx.el.textarea(id="message-body", name="body", default_value=MessagesState.body, rows=5,
                                   max_length=messages.BODY_MAX, class_name="text-input", required=True),
                    spacing="1", width="100%",
                ),
                rx.hstack(rx.button(rx.icon("send", size=16, aria_hidden="true"), t("Send"), type="submit", size="3",
                                    class_name="touch-target", id="message-send"),
                          rx.button(t("Cancel"), type="button", variant="soft", color_scheme="gray", size="3",
                                    class_name="touch-target", on_click=MessagesState.close),
                          spacing="3"),
                spacing="3", width="100%",
            ),
            on_submit=MessagesState.send, reset_on_submit=False, width="100%",
        ),
        width="100%", max_width="640px", id="compose-form",
    )


def messages_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_MESSAGES, t("Messages"), MessagesState.loaded,
        rx.cond(MessagesState.composing, _compose(),
                rx.button(rx.icon("life-buoy", size=16, aria_hidden="true"), t("Contact support"), size="3",
                          class_name="touch-target", on_click=MessagesState.compose, id="contact-support")),
        rx.cond(MessagesState.threads.length() == 0,
                rx.text(t("No messages yet. To ask a seller about an order, open the order and choose "
                          "\u201cContact the seller\u201d."), size="2", color="var(--gray-11)"),
                rx.vstack(rx.foreach(MessagesState.threads, _thread), spacing="3", width="100%", id="thread-list")),
    )



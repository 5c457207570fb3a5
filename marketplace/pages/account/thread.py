"""One conversation: messages oldest first (the shopper's own on the right) and a reply box. Opening it
marks the other side's messages read. A thread the shopper does not take part in shows the same "not found"
as one that does not exist."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.components.conversation import conversation
from marketplace.components.feedback import notice
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.account import account_shell
from marketplace.pages.account.common import shopper_or_login, when_time
from marketplace.present.problems import problem_text
from marketplace.state.loading import market, run_write
from marketplace.state.locale import t
from marketplace.support import messages


@dataclass(frozen=True)
class MessageView:
    id: str = ""
    mine: bool = False  # written by the shopper (shown on the right)
    sender: str = ""
    body: str = ""
    date: str = ""


class ThreadState(rx.State):
    thread_id: str = ""
    subject: str = ""
    counterpart: str = ""
    order: str = ""
    items: list[MessageView] = []
    error: str = ""
    reply_error: str = ""
    draft: str = ""
    loaded: bool = False

    def _id(self) -> str:
        return self.router.url.path.removeprefix("/account/messages/").strip("/")[:20]

    @rx.event
    async def load(self):
        raw = self._id()
        caller, redirect = await shopper_or_login(self, f"{routes.ACCOUNT_MESSAGES}/{raw}")
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        try:
            view = await run_write(messages.open_thread, caller, raw)  # marks the other side's messages read
        except DomainError as exc:
            self.error, self.items, self.subject, self.thread_id = problem_text(lang, exc), [], "", ""
            self.loaded = True
            return None
        self.error, self.thread_id, self.subject, self.order = "", str(view.id), view.subject, view.order_number or ""
        self.counterpart = view.counterpart or translate(lang, messages.SUPPORT_NAME)
        self.items = [MessageView(id=str(m.id), mine=m.mine, sender=m.sender_name, body=m.body,
                                  date=when_time(m.created_at, lang)) for m in view.messages]
        self.loaded = True
        return None

    @rx.event
    async def reply(self, form: dict):
        caller, redirect = await shopper_or_login(self, f"{routes.ACCOUNT_MESSAGES}/{self._id()}")
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        body = form.get("body") if isinstance(form, dict) else None
        self.draft = body[:6000] if isinstance(body, str) else ""
        try:
            await run_write(messages.reply, caller, self._id(), body)
        except DomainError as exc:
            self.reply_error = problem_text(lang, exc)
            return None
        self.reply_error, self.draft = "", ""
        return ThreadState.load


def thread_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_MESSAGES, rx.cond(ThreadState.subject != "", ThreadState.subject, t("Conversation")),
        ThreadState.loaded,
        rx.cond(
            ThreadState.error != "",
            notice("message-circle-x", ThreadState.error, t("Check the link, or find the conversation in your "
                                                            "messages."), N_("Your messages"),
                   routes.ACCOUNT_MESSAGES),
            rx.vstack(
                rx.text(t("With"), " ", ThreadState.counterpart,
                        rx.cond(ThreadState.order != "", rx.text.span(" · ", t("Order"), " ", ThreadState.order)),
                        size="2", color="var(--gray-11)", id="thread-with"),
                *conversation(ThreadState.items, ThreadState.draft, ThreadState.reply_error, ThreadState.reply,
                              max_length=messages.BODY_MAX),
                rx.link(t("All messages"), href=routes.ACCOUNT_MESSAGES, size="2"),
                spacing="4", width="100%",
            ),
        ),
    )

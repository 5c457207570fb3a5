"""One seller conversation (/seller/messages/[id]): messages oldest first (the shop's side on the right), the
linked order, and a reply box. Opening it marks the shopper's messages read for the shop. Another vendor's
thread, a support thread or a bad id shows the same "not found". Every handler re-derives the vendor from the
server-side session (``support.vendor_inbox``)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.components.conversation import conversation
from marketplace.components.feedback import notice
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.account.common import when_time
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_write
from marketplace.state.locale import t
from marketplace.support import messages, vendor_inbox


@dataclass(frozen=True)
class SellerMessageView:
    id: str = ""
    mine: bool = False  # written by the shop (shown on the right)
    sender: str = ""
    body: str = ""
    date: str = ""


def _id_of(path: str) -> str:
    return path.removeprefix(routes.SELLER_MESSAGES + "/").strip("/")[:20]


class SellerMessageState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    subject: str = ""
    shopper: str = ""
    order: str = ""
    order_href: str = ""
    items: list[SellerMessageView] = []
    reply_error: str = ""
    draft: str = ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied, self.items = False, True, problem_text(lang, exc), []
            return login_redirect(exc, self.router.url.path)
        self.allowed, self.denied = True, ""
        try:
            view = await run_write(vendor_inbox.open_vendor_thread, caller, _id_of(self.router.url.path))
        except DomainError as exc:
            self.error, self.items, self.subject, self.order, self.order_href = problem_text(lang, exc), [], "", "", ""
            self.loaded = True
            return None
        self.error, self.subject, self.shopper = "", view.subject, view.shopper
        self.order = view.order_number or ""
        self.order_href = routes.seller_order(view.order_number) if view.order_number else ""
        self.items = [SellerMessageView(id=str(m.id), mine=m.mine, sender=m.sender_name, body=m.body,
                                        date=when_time(m.created_at, lang)) for m in view.messages]
        self.loaded = True
        return None

    @rx.event
    async def reply(self, form: dict):
        """Answer the shopper; the body is validated by the service (not empty, at most BODY_MAX)."""
        lang, _, _ = await market(self)
        body = form.get("body") if isinstance(form, dict) else None
        self.draft = body[:6000] if isinstance(body, str) else ""
        try:
            caller = await role_required(self, Role.SELLER)
            await run_write(vendor_inbox.vendor_reply, caller, _id_of(self.router.url.path), body)
        except DomainError as exc:
            self.reply_error = problem_text(lang, exc)
            return login_redirect(exc, self.router.url.path)
        self.reply_error, self.draft = "", ""
        return SellerMessageState.load


def _conversation() -> rx.Component:
    s = SellerMessageState
    return rx.vstack(
        rx.link(rx.icon("arrow-left", size=16, aria_hidden="true"), t("All messages"), href=routes.SELLER_MESSAGES,
                size="2", display="inline-flex", align_items="center", gap="4px"),
        rx.heading(s.subject, as_="h1", size="6", id="seller-thread-subject"),
        rx.hstack(
            rx.text(t("With"), " ", s.shopper, size="2", color="var(--gray-11)"),
            rx.cond(s.order != "", rx.link(rx.icon("package", size=14, aria_hidden="true"), t("Order"), " ", s.order,
                                           href=s.order_href, size="2", id="seller-thread-order",
                                           display="inline-flex", align_items="center", gap="4px")),
            spacing="3", wrap="wrap", align="center",
        ),
        *conversation(s.items, s.draft, s.reply_error, SellerMessageState.reply,
                       max_length=messages.BODY_MAX, prefix="seller-", rows=4),
        spacing="4", width="100%", align="start", max_width="760px",
    )


def seller_message_page() -> rx.Component:
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerMessageState.allowed, SellerMessageState.denied,
        SellerMessageState.loaded,
        rx.cond(SellerMessageState.error != "",
                notice("message-circle-x", SellerMessageState.error,
                       t("Check the link, or find the conversation in your messages."), N_("Your messages"),
                       routes.SELLER_MESSAGES),
                _conversation()),
    )

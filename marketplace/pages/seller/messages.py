"""Seller inbox (/seller/messages): the caller's own vendor's conversations with shoppers, most recent activity
first — shopper's first name, subject, linked order, last message, time, unread marker — filtered all/unread,
with the unread total in the heading. Cards at every width (one column, capped width on desktop). The loader
and ``choose`` re-derive the vendor from the server-side session (``support.vendor_inbox``)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.account.common import when_time
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.support import vendor_inbox

SHOW_LABELS = {"all": N_("All"), "unread": N_("Unread")}


def _inbox(session, caller, show):  # noqa: ANN001, ANN202
    return vendor_inbox.vendor_threads(session, caller, show), vendor_inbox.vendor_unread_total(session, caller)


@dataclass(frozen=True)
class SellerThreadRow:
    id: str = ""
    href: str = ""
    subject: str = ""
    shopper: str = ""
    order: str = ""  # vendor order number, "" when the thread is not about an order
    order_href: str = ""
    date: str = ""
    unread: str = ""  # how many unread shopper messages, "" when none
    last: str = ""


class SellerMessagesState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    show: str = "all"
    unread_total: int = 0
    threads: list[SellerThreadRow] = []

    async def _fill(self, show: str):  # noqa: ANN202
        lang, _, _ = await market(self)
        try:
            caller = await role_required(self, Role.SELLER)
            rows, unread = await run_service(_inbox, caller, show)
        except DomainError as exc:
            self.allowed, self.loaded, self.threads = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER_MESSAGES)
        self.allowed, self.denied, self.show, self.unread_total = True, "", show, int(unread)
        self.threads = [SellerThreadRow(
            id=str(r.id), href=routes.seller_message(r.id), subject=r.subject, shopper=r.shopper,
            order=r.order_number or "", order_href=routes.seller_order(r.order_number) if r.order_number else "",
            date=when_time(r.updated_at, lang), unread=str(r.unread) if r.unread else "", last=r.last_message,
        ) for r in rows]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        show = self.router.url.query_parameters.get("show", "all")
        return await self._fill(show if show in vendor_inbox.FILTERS else "all")

    @rx.event
    async def choose(self, show: str):
        """Show all threads or only those with unread messages; anything else changes nothing."""
        if not isinstance(show, str) or show not in vendor_inbox.FILTERS:
            return None
        return await self._fill(show)


def _card(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(rx.text(r.shopper, " · ", r.subject, weight=rx.cond(r.unread != "", "bold", "medium"),
                                size="3"),
                        href=r.href, color="var(--gray-12)", underline="hover", class_name="seller-thread-link",
                        min_width="0", flex="1"),
                rx.cond(r.unread != "", rx.badge(r.unread, " ", t("new"), variant="solid", radius="full",
                                                 class_name="seller-thread-unread")),
                width="100%", align="center", spacing="2",
            ),
            rx.text(r.last, size="2", color="var(--gray-11)",
                    style={"overflow": "hidden", "textOverflow": "ellipsis", "whiteSpace": "nowrap",
                           "maxWidth": "100%"}),
            rx.hstack(
                rx.text(r.date, size="1", color="var(--gray-11)"),
                rx.cond(r.order != "", rx.link(rx.icon("package", size=14, aria_hidden="true"), t("Order"), " ",
                                               r.order, href=r.order_href, size="1",
                                               class_name="seller-thread-order", display="inline-flex",
                                               align_items="center", gap="4px")),
                spacing="3", wrap="wrap", align="center",
            ),
            spacing="1", width="100%", min_width="0",
        ),
        width="100%", class_name="seller-thread",
    )


def _filters() -> rx.Component:
    return rx.hstack(
        *[rx.button(t(label), size="2", variant=rx.cond(SellerMessagesState.show == key, "solid", "soft"),
                    color_scheme=rx.cond(SellerMessagesState.show == key, "teal", "gray"),
                    on_click=SellerMessagesState.choose(key), class_name="touch-target", id=f"show-{key}",
                    aria_pressed=rx.cond(SellerMessagesState.show == key, "true", "false"))
          for key, label in SHOW_LABELS.items()],
        spacing="2", role="group", aria_label=t("Filter messages"),
    )


def seller_messages_page() -> rx.Component:
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerMessagesState.allowed, SellerMessagesState.denied,
        SellerMessagesState.loaded,
        rx.vstack(
            rx.flex(
                rx.heading(t("Messages"), as_="h1", size="7"),
                # a seller writes to Meridian as themselves; the desk marks the thread as a seller's, about their
                # shop, and the replies are read in the account's messages
                rx.button(rx.link(rx.icon("life-buoy", size=16, aria_hidden="true"), t("Contact Meridian support"),
                                  href=routes.ACCOUNT_MESSAGES + "?compose=support", id="seller-contact-support",
                                  underline="none"),
                          as_child=True, variant="soft", size="3", class_name="touch-target"),
                justify="between", align="center", wrap="wrap", gap="12px", width="100%"),
            rx.text(rx.cond(SellerMessagesState.unread_total > 0,
                            rx.text.span(SellerMessagesState.unread_total, " ", t("unread"), weight="bold"),
                            t("No unread messages")),
                    size="2", color="var(--gray-11)", id="seller-unread-total"),
            _filters(),
            rx.cond(SellerMessagesState.threads.length() > 0,
                    rx.vstack(rx.foreach(SellerMessagesState.threads, _card), spacing="3", width="100%",
                              id="seller-threads"),
                    rx.callout(rx.cond(SellerMessagesState.show == "unread", t("No unread messages"),
                                       t("No messages yet. Shoppers can write to you from their orders.")),
                               icon="inbox", width="100%", id="seller-threads-empty")),
            spacing="4", width="100%", align="start", max_width="760px",
        ),
    )

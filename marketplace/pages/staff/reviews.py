"""Staff review moderation (/staff/reviews): shoppers' reviews waiting for approval, oldest first, each with its
stars, text, author's short name, whether it was written for a purchased item, the product and its shop; approve
it (it appears on the product page and counts in the rating at once) or reject it with a reason (its author
reads the reason). Tabs show approved and rejected reviews too. Moderators and admins only: the loader and every
handler resolve the caller on the server, and ``vendors.review_moderation`` checks the staff role."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError, ValidationError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import review_moderation as rm

TABS = ((rm.PENDING, N_("Waiting")), (rm.APPROVED, N_("Approved")), (rm.REJECTED, N_("Rejected")))


@dataclass(frozen=True)
class ReviewCard:
    id: str = ""
    stars: str = ""  # "★★★★☆"
    stars_label: str = ""  # read aloud
    title: str = ""
    body: str = ""
    author: str = ""
    verified: bool = False
    product: str = ""
    href: str = ""  # the product page
    shop: str = ""
    when: str = ""
    reason: str = ""


def _load(session, caller, status: str, page: int):  # noqa: ANN001, ANN202
    return rm.review_queue(session, caller, status, page), rm.queue_counts(session, caller)


class StaffReviewsState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    status: str = rm.PENDING
    page: int = 1
    has_more: bool = False
    count_pending: str = "0"
    count_approved: str = "0"
    count_rejected: str = "0"
    rows: list[ReviewCard] = []

    async def _fill(self, status: str, page: int):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            found, counts = await run_service(_load, caller, status, page)
        except DomainError as exc:
            if isinstance(exc, ValidationError):  # a bad tab or page: say so, keep what is shown
                self.error = problem_text(lang, exc)
                return None
            self.allowed, self.loaded, self.rows = False, True, []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_REVIEWS)
        self.allowed, self.denied = True, ""
        self.status, self.page, self.has_more = status, found.page, found.has_more
        self.count_pending, self.count_approved, self.count_rejected = (
            formatting.format_number(counts[k], locale) for k in rm.STATUSES)
        self.rows = [ReviewCard(
            id=str(r.id), stars="★" * r.rating + "☆" * (5 - r.rating),
            stars_label=translate(lang, "%(rating)s out of 5 stars", rating=r.rating), title=r.title, body=r.body,
            author=r.author, verified=r.verified, product=r.product_name, href=routes.product(r.product_slug),
            shop=r.shop, when=formatting.format_date(r.created_at.date(), locale), reason=r.reason,
        ) for r in found.rows]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        self.error, self.done = "", ""
        return await self._fill(rm.PENDING, 1)

    @rx.event
    async def show(self, status: str):
        """One tab: ``pending``, ``approved`` or ``rejected`` (anything else is refused by the service)."""
        self.error, self.done = "", ""
        if not isinstance(status, str) or len(status) > 16:
            return None
        return await self._fill(status, 1)

    @rx.event
    async def next_page(self):
        if not self.has_more or not isinstance(self.page, int) or not 1 <= self.page < rm.MAX_PAGE:
            return None
        return await self._fill(self._status(), self.page + 1)

    @rx.event
    async def previous_page(self):
        page = self.page - 1 if isinstance(self.page, int) and 1 < self.page <= rm.MAX_PAGE else 1
        return await self._fill(self._status(), page)

    def _status(self) -> str:
        return self.status if self.status in rm.STATUSES else rm.PENDING

    async def _decide(self, review_id: object, action: str, reason: str):  # noqa: ANN202
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        try:
            caller = await current_caller(self)
            await run_write(rm.moderate_review, caller, review_id, action, reason or None)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._fill(self._status(), self._page())
        self.done = translate(lang, "Approved: the review is on the product page and counts in its rating.") \
            if action == rm.ReviewAction.APPROVE else translate(lang, "Rejected: its author sees your reason.")
        return await self._fill(self._status(), self._page())  # the moderator goes on where they were

    def _page(self) -> int:
        return self.page if isinstance(self.page, int) and 1 <= self.page <= rm.MAX_PAGE else 1

    @rx.event
    async def approve(self, review_id: str):
        if not isinstance(review_id, str) or not review_id.isdigit() or len(review_id) > 12:
            return None
        return await self._decide(int(review_id), rm.ReviewAction.APPROVE, "")

    @rx.event
    async def reject(self, form: dict):
        """``{"id": "<review id>", "reason": "..."}``; the reason is required and checked by the service."""
        if not isinstance(form, dict):
            return None
        review_id, reason = form.get("id"), form.get("reason", "")
        if not isinstance(review_id, str) or not review_id.isdigit() or len(review_id) > 12:
            return None
        if not isinstance(reason, str):
            reason = ""  # refused by the service: a rejection needs a reason
        return await self._decide(int(review_id), rm.ReviewAction.REJECT, reason)


def _tabs() -> rx.Component:
    s = StaffReviewsState
    return rx.flex(*[
        rx.button(t(label), " ", rx.badge(getattr(s, f"count_{key}"), variant="solid", radius="full"),
                  on_click=s.show(key), size="3", class_name="touch-target", id=f"reviews-tab-{key}",
                  variant=rx.cond(s.status == key, "solid", "soft"), aria_pressed=rx.cond(s.status == key, "true",
                                                                                       "false"))
        for key, label in TABS], gap="8px", wrap="wrap", role="group", aria_label=t("Review status"))


def _actions(r: rx.Var) -> rx.Component:
    s = StaffReviewsState
    return rx.form(
        rx.el.input(type="hidden", name="id", value=r.id),
        rx.el.label(rx.text(t("Reason (required to reject; its author reads it)"), size="2", weight="medium"),
                    rx.text_area(name="reason", max_length=rm.MAX_REASON, rows="2", width="100%",
                                 id="reason-" + r.id.to(str), class_name="review-reason"),
                    style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
        rx.flex(
            rx.button(rx.icon("check", size=16, aria_hidden="true"), t("Approve"), type="button", size="3",
                      on_click=s.approve(r.id), class_name="touch-target review-approve"),
            rx.button(rx.icon("x", size=16, aria_hidden="true"), t("Reject"), type="submit", size="3",
                      color_scheme="red", variant="soft", class_name="touch-target review-reject"),
            gap="8px", wrap="wrap", padding_top="8px"),
        on_submit=s.reject, reset_on_submit=True, width="100%",
    )


def _card(r: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(r.stars, aria_label=r.stars_label, color="var(--amber-11)", size="4"), rx.spacer(),
                  rx.text(r.when, size="1", color="var(--gray-11)"), width="100%", align="center"),
        rx.text(r.title, weight="bold", size="3"),
        rx.cond(r.body != "", rx.text(r.body, size="2", white_space="pre-line", style={"overflow_wrap": "anywhere"})),
        rx.hstack(rx.text(r.author, size="2", weight="medium"),
                  rx.cond(r.verified, rx.badge(t("Verified purchase"), color_scheme="grass", variant="soft")),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(rx.link(r.product, href=r.href, target="_blank", underline="always"), " · ", r.shop, size="2",
                color="var(--gray-11)"),
        rx.cond(r.reason != "", rx.callout(r.reason, icon="info", color_scheme="red", size="1", width="100%")),
        rx.cond(StaffReviewsState.status == rm.PENDING, _actions(r)),
        spacing="2", width="100%", align="start", class_name="table-card review-card", padding="16px",
    )


def _pager() -> rx.Component:
    s = StaffReviewsState
    return rx.flex(
        rx.button(rx.icon("chevron-left", size=16, aria_hidden="true"), t("Previous"), size="3", variant="soft",
                  disabled=s.page <= 1, on_click=s.previous_page, class_name="touch-target"),
        rx.text(t("Page"), " ", s.page, size="2", color="var(--gray-11)"),
        rx.button(t("Next"), rx.icon("chevron-right", size=16, aria_hidden="true"), size="3", variant="soft",
                  disabled=~s.has_more, on_click=s.next_page, class_name="touch-target"),
        gap="12px", align="center", wrap="wrap",
    )


def staff_reviews() -> rx.Component:
    s = StaffReviewsState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Reviews"), as_="h1", size="7", id="reviews-heading"),
            rx.text(t("Approved reviews appear on the product page and count in its rating. "
                      "Rejected ones stay hidden; their author sees your reason."), color="var(--gray-11)", size="2"),
            _tabs(),
            rx.cond(s.error != "", rx.callout(s.error, icon="triangle-alert", color_scheme="red", role="alert",
                                              id="reviews-error", width="100%")),
            rx.cond(s.done != "", rx.callout(s.done, icon="check", color_scheme="grass", high_contrast=True, role="status",
                                             id="reviews-done", width="100%")),
            rx.cond(s.rows.length() > 0,
                    rx.grid(rx.foreach(s.rows, _card), columns=rx.breakpoints(initial="1", lg="2"), spacing="3",
                            width="100%", id="review-cards"),
                    rx.text(t("No reviews here."), size="2", id="reviews-empty")),
            _pager(),
            spacing="4", width="100%", align="start",
        ),
    )

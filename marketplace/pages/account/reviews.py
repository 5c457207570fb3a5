"""Reviews: the shopper's delivered purchases still waiting for a review (one form each: stars, title,
text) and the reviews they wrote with their moderation status. New reviews wait for staff approval."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from marketplace import routes
from marketplace.accounts import reviews
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, translate
from marketplace.layouts.account import account_shell
from marketplace.pages.account.common import shopper_or_login, when
from marketplace.present.problems import problem_text
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

STATUS_LABELS = {"pending": N_("Waiting for approval"), "approved": N_("Published"), "rejected": N_("Not published")}


def _load(session: Session, user_id: int):  # noqa: ANN202
    return reviews.reviewable(session, user_id), reviews.my_reviews(session, user_id)


@dataclass(frozen=True)
class PendingReview:
    """A delivered purchase still waiting for the shopper's review."""

    line: str = ""  # the order line's id, sent back with the form
    name: str = ""
    variant: str = ""
    order: str = ""
    date: str = ""
    href: str = ""  # the product page, "" when the product is gone


@dataclass(frozen=True)
class WrittenReview:
    name: str = ""
    rating: str = ""  # as stars: "★★★★☆"
    stars: str = ""  # the stars read aloud
    title: str = ""
    body: str = ""
    status: str = ""
    status_label: str = ""
    reason: str = ""  # why staff did not publish it
    date: str = ""


class ReviewsState(rx.State):
    pending: list[PendingReview] = []
    written: list[WrittenReview] = []
    errors: dict[str, str] = {}
    loaded: bool = False

    @rx.event
    async def load(self):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_REVIEWS)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        todo, mine = await run_service(_load, caller.user_id)
        self.pending = [PendingReview(line=str(r.order_line_id), name=r.product_name, variant=r.variant_label,
                                      order=r.order_number, date=when(r.ordered_at, lang),
                                      href=routes.product(r.product_slug) if r.product_slug else "") for r in todo]
        self.written = [WrittenReview(name=r.product_name, rating="★" * r.rating + "☆" * (5 - r.rating),
                                      stars=translate(lang, "%(rating)s out of 5 stars", rating=r.rating),
                                      title=r.title, body=r.body, status=r.status,
                                      status_label=translate(lang, STATUS_LABELS.get(r.status, r.status)),
                                      reason=r.reason, date=when(r.created_at, lang)) for r in mine]
        self.loaded = True
        return None

    @rx.event
    async def submit(self, form: dict):
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_REVIEWS)
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        if not isinstance(form, dict):
            return None
        line = form.get("line") if isinstance(form.get("line"), str) else ""
        try:
            await run_write(reviews.submit, caller.user_id, line, rating=form.get("rating"),
                            title=form.get("title"), body=form.get("body", ""), lang=lang)
        except DomainError as exc:
            self.errors = {**self.errors, line[:20]: problem_text(lang, exc)}
            return None
        self.errors = {k: v for k, v in self.errors.items() if k != line}
        return [ReviewsState.load, rx.toast.success(translate(lang, "Thank you! Your review will appear once it "
                                                                    "has been checked."), position="top-center")]


def _review_form(item: rx.Var) -> rx.Component:
    prefix = "review-" + item.line
    return rx.card(
        rx.form(
            rx.vstack(
                rx.vstack(rx.cond(item.href != "",
                                  rx.link(item.name, href=item.href, weight="bold", size="3"),
                                  rx.text(item.name, weight="bold", size="3")),
                          rx.text(item.variant, " · ", t("Order"), " ", item.order, " · ", item.date, size="1",
                                  color="var(--gray-11)"), spacing="0"),
                rx.el.input(type="hidden", name="line", value=item.line),
                rx.vstack(
                    rx.el.label(t("Your rating"), html_for=prefix + "-rating", class_name="field-label"),
                    rx.el.select(*[rx.el.option(f"{'★' * n}{'☆' * (5 - n)} ({n})", value=str(n))
                                   for n in range(5, 0, -1)],
                                 id=prefix + "-rating", name="rating", default_value="5",
                                 class_name="native-select review-rating"),
                    spacing="1", width="100%",
                ),
                rx.vstack(
                    rx.el.label(t("Title"), html_for=prefix + "-title", class_name="field-label"),
                    rx.el.input(id=prefix + "-title", name="title", max_length=reviews.TITLE_MAX, required=True,
                                class_name="text-input review-title"),
                    spacing="1", width="100%",
                ),
                rx.vstack(
                    rx.el.label(t("Your review (optional)"), html_for=prefix + "-body", class_name="field-label"),
                    rx.el.textarea(id=prefix + "-body", name="body", max_length=reviews.BODY_MAX, rows=4,
                                   class_name="text-input review-body"),
                    spacing="1", width="100%",
                ),
                rx.cond(ReviewsState.errors.contains(item.line),
                        rx.callout(ReviewsState.errors[item.line], icon="circle-alert", color_scheme="red",
                                   role="alert", width="100%")),
                rx.button(t("Send review"), type="submit", size="3", class_name="touch-target review-submit"),
                spacing="3", width="100%",
            ),
            on_submit=ReviewsState.submit, reset_on_submit=False, width="100%",
        ),
        width="100%", class_name="review-form",
    )


def _written(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(r.name, weight="bold", size="2"), rx.spacer(),
                      rx.badge(r.status_label, color_scheme=rx.match(r.status, ("approved", "grass"),
                                                                         ("rejected", "red"), "amber")),
                      width="100%", align="center", wrap="wrap"),
            rx.text(r.rating, aria_label=r.stars, color="var(--amber-11)", size="3"),
            rx.text(r.title, weight="medium", size="2"),
            rx.text(r.body, size="2", style={"whiteSpace": "pre-line"}),
            rx.cond(r.reason != "", rx.callout(
                rx.text(t("Why it was not published:"), " ", r.reason, size="2"),
                icon="info", color_scheme="red", size="1", width="100%")),
            rx.text(r.date, size="1", color="var(--gray-11)"),
            spacing="1", width="100%",
        ),
        width="100%", class_name="my-review",
    )


def reviews_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_REVIEWS, t("Your reviews"), ReviewsState.loaded,
        rx.heading(t("Waiting for your review"), as_="h2", size="4"),
        rx.cond(ReviewsState.pending.length() == 0,
                rx.text(t("Nothing to review right now. Items you bought can be reviewed once they are delivered."),
                        size="2", color="var(--gray-11)"),
                rx.grid(rx.foreach(ReviewsState.pending, _review_form), columns=rx.breakpoints(initial="1", md="2"),
                        spacing="3", width="100%")),
        rx.heading(t("Reviews you wrote"), as_="h2", size="4"),
        rx.cond(ReviewsState.written.length() == 0,
                rx.text(t("You haven't written a review yet."), size="2", color="var(--gray-11)"),
                rx.vstack(rx.foreach(ReviewsState.written, _written), spacing="3", width="100%")),
    )

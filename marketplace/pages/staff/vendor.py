"""One shop for staff (``/staff/vendors/[id]``): business profile, addresses, VAT number with its check result,
EORI/IOSS, return window, payout method (masked), documents, sample products, members and audit history; and
the moderation actions its status allows, each with a required reason (``moderation.moderate``).
Documents download through ``API_STAFF_VENDOR_DOCUMENT`` (api/staff_vendor_documents.py).
Staff and admins only: every handler resolves the caller on the server and the services check the role."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.pages.staff.home import _COLOURS, STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import moderation, staff_view

ACTION_LABELS = {
    moderation.ModerationAction.APPROVE: N_("Approve"),
    moderation.ModerationAction.REJECT: N_("Reject"),
    moderation.ModerationAction.SUSPEND: N_("Suspend"),
    moderation.ModerationAction.REINSTATE: N_("Reinstate"),
    moderation.ModerationAction.TERMINATE: N_("Terminate"),
}
MAX_FORM_REASON = moderation.MAX_REASON * 2  # longer input is refused without passing it on


def _id_of(path: str) -> int | None:
    raw = path.removeprefix(routes.STAFF_VENDORS + "/").strip("/")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _detail(session, caller, vendor_id):  # noqa: ANN001, ANN202
    return staff_view.vendor_detail(session, caller, vendor_id)


def _moderate(session, caller, vendor_id, action, reason):  # noqa: ANN001, ANN202
    return moderation.moderate(session, caller, vendor_id, action, reason)


@dataclass(frozen=True)
class Fact:
    label: str = ""
    value: str = ""


@dataclass(frozen=True)
class Line:
    title: str = ""
    detail: str = ""
    note: str = ""
    href: str = ""  # a download link, "" for none


class StaffVendorState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    name: str = ""
    status: str = ""
    status_reason: str = ""
    facts: list[Fact] = []
    documents: list[Line] = []
    products: list[Line] = []
    product_total: str = ""
    members: list[Line] = []
    history: list[Line] = []
    actions: list[str] = []

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            found = await run_service(_detail, caller, _id_of(self.router.url.path))
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, self.router.url.path)
        v = found.vendor
        none = translate(lang, "None")
        checked = (translate(lang, "Checked (%(scheme)s) on %(date)s", scheme=v.tax_id_scheme,
                             date=formatting.format_date(v.tax_id_checked_at, locale))
                   if v.tax_id_checked_at else translate(lang, "Not checked"))
        returns = (translate(lang, "Same as the business address") if v.return_same else
                   ", ".join(x for x in (v.return_name, v.return_street_address, v.return_postal_code,
                                         v.return_city, v.return_country) if x))
        self.facts = [Fact(label=translate(lang, label), value=value) for label, value in (
            (N_("Legal name"), v.legal_name),
            (N_("Address"), ", ".join(x for x in (v.street_address, v.postal_code, v.city, v.region,
                                                   formatting.country_name(v.country, locale)) if x)),
            (N_("Phone"), v.phone or none),
            (N_("VAT number"), f"{v.vat_number} · {checked}" if v.vat_number else none),
            (N_("EORI number"), v.eori_number or none),
            (N_("IOSS number"), v.ioss_number or none),
            (N_("Return window"), translate(lang, "%(days)s days", days=v.return_window_days)),
            (N_("Return address"), returns),
            (N_("Payout account"), f"{v.payout_method} {found.payout_masked}".strip() if v.payout_method else none),
            (N_("Applied"), formatting.format_date(v.submitted_at, locale) if v.submitted_at else none),
        )]
        self.documents = [Line(title=d.file_name, detail=d.content_type,
                               note=formatting.format_date(d.uploaded_at, locale),
                               href=routes.staff_vendor_document(v.id, d.id)) for d in found.documents]
        self.products = [Line(title=p.name, detail=p.status, note=p.slug) for p in found.products]
        self.product_total = formatting.format_number(found.product_count, locale)
        self.members = [Line(title=m.display_name, detail=m.email, note=m.role) for m in found.members]
        self.history = [Line(title=h.action, detail=" → ".join(x for x in (h.before, h.after) if x),
                             note=" · ".join(x for x in (format_time(h.at, lang), h.actor, h.reason) if x))
                        for h in found.history]
        self.actions = [a.value for a in found.actions]
        self.name, self.status, self.status_reason = v.display_name, v.status, v.status_reason or ""
        self.allowed, self.loaded, self.denied = True, True, ""
        return None

    @rx.event
    async def load(self):
        self.error, self.done = "", ""
        return await self._reload()

    @rx.event
    async def act(self, form: dict):
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        action = form.get("action") if isinstance(form, dict) else None
        reason = form.get("reason") if isinstance(form, dict) else None
        if not isinstance(reason, str) or len(reason) > MAX_FORM_REASON:
            reason = ""
        try:
            caller = await current_caller(self)
            await run_write(_moderate, caller, _id_of(self.router.url.path), action, reason)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        self.done = translate(lang, "Done. The shop's members are told by e-mail.")
        return await self._reload()


def _status_badge(status: rx.Var) -> rx.Component:
    # high contrast: the page background is lighter than the list's table card
    return rx.match(status, *[(st.value, rx.badge(t(label), color_scheme=_COLOURS[st], high_contrast=True, size="2"))
                              for st, label in moderation.STATUS_LABELS.items()],
                    rx.badge(status, high_contrast=True, size="2"))


def _card(title: str, *children: rx.Component, id: str) -> rx.Component:  # noqa: A002
    return rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="2", width="100%",
                     align="start", class_name="table-card", padding="16px", id=id)


def _lines(items: rx.Var, empty: str) -> rx.Component:
    return rx.cond(items.length() > 0, rx.vstack(rx.foreach(items, lambda line: rx.vstack(
        rx.cond(line.href != "",
                rx.link(line.title, href=line.href, size="2", weight="medium", is_external=True,
                        class_name="break-anywhere"),
                rx.text(line.title, size="2", weight="medium", class_name="break-anywhere")),
        rx.text(line.detail, size="1", color="var(--gray-11)", class_name="break-anywhere"),
        rx.cond(line.note != "", rx.text(line.note, size="1", color="var(--gray-11)",
                                         class_name="break-anywhere")),
        spacing="0", width="100%", class_name="table-row")), spacing="0", width="100%"),
        rx.text(t(empty), size="2", color="var(--gray-11)"))


def _action_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(t("Reason (the shop's members read it)"), html_for="moderation-reason",
                        class_name="rt-Text rt-r-size-2"),
            rx.text_area(id="moderation-reason", name="reason", required=True, max_length=moderation.MAX_REASON,
                         width="100%"),
            rx.el.label(t("Action"), html_for="moderation-action", class_name="rt-Text rt-r-size-2"),
            rx.el.select(rx.foreach(StaffVendorState.actions, lambda a: rx.el.option(
                rx.match(a, *[(act.value, t(label)) for act, label in ACTION_LABELS.items()], a), value=a)),
                name="action", id="moderation-action", class_name="native-select touch-target"),
            rx.button(t("Apply"), type="submit", size="3", id="moderation-submit", class_name="touch-target"),
            spacing="2", width="100%", align="start"),
        on_submit=StaffVendorState.act, reset_on_submit=True, width="100%", id="moderation-form")


def staff_vendor_page() -> rx.Component:
    s = StaffVendorState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.link(t("All vendors"), href=routes.STAFF, size="2"),
            rx.heading(s.name, as_="h1", size="7", id="vendor-heading", class_name="break-anywhere"),
            rx.hstack(_status_badge(s.status), rx.text(s.status_reason, size="2", color="var(--gray-11)"),
                      spacing="2", align="center", wrap="wrap"),
            rx.cond(s.error != "", rx.callout(s.error, color_scheme="red", icon="triangle_alert", width="100%",
                                              id="moderation-error", role="alert")),
            rx.cond(s.done != "", rx.callout(s.done, color_scheme="grass", icon="check", width="100%",
                                             id="moderation-done", role="status")),
            rx.cond(s.actions.length() > 0, _card(N_("Moderate"), _action_form(), id="moderate")),
            _card(N_("Business profile"), rx.foreach(s.facts, lambda f: rx.grid(
                rx.text(f.label, size="2", color="var(--gray-11)"),
                rx.text(f.value, size="2", class_name="break-anywhere"),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="1", width="100%")), id="profile"),
            _card(N_("Documents"), _lines(s.documents, N_("No documents uploaded.")), id="documents"),
            _card(N_("Products"), rx.text(s.product_total, " ", t("products"), size="2"),
                  _lines(s.products, N_("No products yet.")), id="products"),
            _card(N_("Members"), _lines(s.members, N_("No members.")), id="members"),
            _card(N_("History"), _lines(s.history, N_("Nothing recorded yet.")), id="history"),
            spacing="4", width="100%", align="start", max_width="880px",
        ),
    )

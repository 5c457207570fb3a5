"""Staff console home: every vendor with its status (pending, approved, suspended, terminated), filterable.
Only staff and admins; the role is checked on the server in every handler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import reflex as rx

from marketplace import routes
from marketplace.accounts import guards, staff_roles
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role, VendorStatus
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import moderation

# (icon, label, href, staff capability): the sidebar shows a link only when the caller's staff role holds it
STAFF_LINKS = [
    ("store", N_("Vendors"), routes.STAFF, str(StaffCapability.VENDORS)),
    ("star", N_("Reviews"), routes.STAFF_REVIEWS, str(StaffCapability.REVIEWS)),
    ("life-buoy", N_("Support"), routes.STAFF_SUPPORT, str(StaffCapability.SUPPORT)),
    ("message-square-text", N_("Canned replies"), routes.STAFF_CANNED, str(StaffCapability.SUPPORT)),
    ("receipt", N_("Orders"), routes.STAFF_ORDERS, str(StaffCapability.ORDERS)),
    ("shield-alert", N_("Disputes"), routes.STAFF_DISPUTES, str(StaffCapability.DISPUTES)),
    ("arrow-left-right", N_("Exchange rates"), routes.STAFF_FX, str(StaffCapability.FX)),
    ("percent", N_("Commission"), routes.STAFF_COMMISSION, str(StaffCapability.COMMISSION)),
    ("chart-line", N_("Analytics"), routes.STAFF_ANALYTICS, str(StaffCapability.ANALYTICS)),
    ("scroll-text", N_("Audit log"), routes.STAFF_AUDIT, str(StaffCapability.AUDIT)),
    ("users", N_("People"), routes.STAFF_PEOPLE, str(StaffCapability.STAFF_ACCOUNTS)),
]


def first_page(caller) -> str | None:  # noqa: ANN001
    """The first staff page the caller's role may open (the console's landing for roles without vendors)."""
    held = staff_roles.capabilities(caller.staff_role, admin=caller.role == Role.ADMIN)
    return next((link[2] for link in STAFF_LINKS if link[3] in held), None)
FILTERS = ("", *(s.value for s in VendorStatus))  # "": every vendor
_COLOURS = {VendorStatus.PENDING: "amber", VendorStatus.APPROVED: "grass", VendorStatus.SUSPENDED: "red",
            VendorStatus.TERMINATED: "gray"}


def _load(session, caller):  # noqa: ANN001
    return moderation.staff_vendor_list(session, caller, ""), moderation.vendor_counts(session, caller)


@dataclass(frozen=True)
class VendorRow:
    id: str = ""
    name: str = ""
    legal: str = ""
    status: str = ""
    reason: str = ""  # why staff set the status, "" when none
    place: str = ""
    products: str = ""
    commission: str = ""
    since: str = ""
    href: str = ""  # the shop's staff page


class StaffHomeState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    status_filter: str = ""
    vendors: list[VendorRow] = []
    counts: dict[str, str] = {}

    async def _fetch(self):
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await role_required(self, Role.STAFF)
            if not guards.staff_can(caller, StaffCapability.VENDORS) and first_page(caller):
                return rx.redirect(first_page(caller))
            rows, counts = await run_service(_load, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.vendors, self.counts = False, True, [], {}
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF)
        self.allowed, self.denied = True, ""
        self.counts = {"": str(len(rows))} | {s.value: str(n) for s, n in counts.items()}
        self.vendors = [VendorRow(
            id=str(r.id), name=r.display_name, legal=r.legal_name, status=r.status,
            reason=r.status_reason or "",
            place=f"{formatting.flag_emoji(r.country)} {r.city}, {formatting.country_name(r.country, locale)}",
            products=formatting.format_number(r.product_count, locale),
            commission=translate(lang, "%(rate)s commission",
                                 rate=formatting.format_percent(Decimal(r.commission_bps) / 10_000, locale))
            if r.commission_bps is not None else translate(lang, "Default commission"),
            since=formatting.format_date(date.fromisoformat(r.created_at), locale), href=routes.staff_vendor(r.id),
        ) for r in rows if not self.status_filter or r.status == self.status_filter]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        return await self._fetch()

    @rx.event
    async def filter_status(self, status: str):
        if not isinstance(status, str) or status not in FILTERS:
            return None
        self.status_filter = status
        return await self._fetch()


def _badge(status: VendorStatus) -> rx.Component:
    return rx.badge(t(moderation.STATUS_LABELS[status]), color_scheme=_COLOURS[status])


def _status_badge(status: rx.Var) -> rx.Component:
    # a status the console does not know shows as terminated
    return rx.match(status, *[(s.value, _badge(s)) for s in VendorStatus if s is not VendorStatus.TERMINATED],
                    _badge(VendorStatus.TERMINATED))


def _vendor_row(v: rx.Var) -> rx.Component:
    return rx.grid(
        rx.vstack(rx.link(v.name, href=v.href, weight="bold", size="2", class_name="vendor-name"),
                  rx.text(v.legal, size="1", color="var(--gray-11)"), spacing="0", min_width="0"),
        rx.text(v.place, size="2"),
        rx.vstack(_status_badge(v.status),
                  rx.cond(v.reason != "", rx.text(v.reason, size="1", color="var(--gray-11)")),
                  spacing="1", align="start"),
        rx.text(v.products, " ", t("products"), size="2"),
        rx.text(v.commission, size="2", color="var(--gray-11)"),
        rx.text(t("Since"), " ", v.since, size="1", color="var(--gray-11)"),
        columns=rx.breakpoints(initial="1", sm="2", lg="6"), spacing="2", width="100%", align="center",
        class_name="table-row vendor-row",
    )


def _filter_button(status: str, label: str) -> rx.Component:
    return rx.button(t(label), " (", StaffHomeState.counts[status], ")", size="2",
                     variant=rx.cond(StaffHomeState.status_filter == status, "solid", "soft"),
                     on_click=StaffHomeState.filter_status(status), class_name="touch-target")


def staff_home() -> rx.Component:
    return backoffice(
        N_("Staff console"), STAFF_LINKS, StaffHomeState.allowed, StaffHomeState.denied, StaffHomeState.loaded,
        rx.vstack(
            rx.heading(t("Vendors"), as_="h1", size="7", id="staff-heading"),
            rx.text(t("Every seller on Meridian and where they stand."), color="var(--gray-11)", size="2"),
            rx.flex(_filter_button("", N_("All")),
                    *[_filter_button(s.value, label) for s, label in moderation.STATUS_LABELS.items()],
                    gap="8px", wrap="wrap"),
            rx.vstack(rx.foreach(StaffHomeState.vendors, _vendor_row), spacing="0", width="100%",
                      class_name="table-card", id="vendor-list"),
            spacing="4", width="100%", align="start",
        ),
    )

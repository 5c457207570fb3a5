"""Staff commission rules (``/staff/commission``, finance and admins): the current and scheduled rules (and the
last ended ones), a form to add one (scope: platform default, category, seller, seller in a category; rate in
percent with two decimals; from a day, optionally until a later one) and a form to end one, each with a reason.
Orders freeze the rate that applied when they were placed, so a change here only affects orders placed after it.
Every handler resolves the caller on the server; ``orders.commission_rules`` checks
``StaffCapability.COMMISSION`` and validates every argument again."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import reflex as rx

from marketplace import routes
from marketplace.core import clock, formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import commission_rules as rules
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

SCOPE_LABELS = {
    rules.Scope.DEFAULT: N_("Platform default"),
    rules.Scope.CATEGORY: N_("Category"),
    rules.Scope.VENDOR: N_("Seller"),
    rules.Scope.VENDOR_CATEGORY: N_("Seller in a category"),
}
STATUS_LABELS = {rules.RuleStatus.CURRENT: N_("Current"), rules.RuleStatus.SCHEDULED: N_("Scheduled"),
                 rules.RuleStatus.ENDED: N_("Ended")}
_COLOURS = {rules.RuleStatus.CURRENT: "grass", rules.RuleStatus.SCHEDULED: "blue", rules.RuleStatus.ENDED: "gray"}
_FORM_MAX = {"scope": 20, "vendor": 12, "category": 12, "rate": 8, "from": 10, "to": 10, "rule": 12, "on": 10,
             "reason": rules.REASON_MAX * 2}


def _form(form: object, keys: tuple[str, ...]) -> dict[str, str] | None:
    if not isinstance(form, dict):
        return None
    out = {}
    for key in keys:
        value = form.get(key, "")
        if not isinstance(value, str) or len(value) > _FORM_MAX[key]:
            return None
        out[key] = value.strip()
    return out


@dataclass(frozen=True)
class RuleItem:
    id: str = ""
    scope: str = ""
    target: str = ""  # the seller and/or category, "" for the platform default
    rate: str = ""
    period: str = ""
    status: str = ""
    status_label: str = ""
    colour: str = "gray"
    live: bool = False


@dataclass(frozen=True)
class Option:
    value: str = ""
    label: str = ""


class StaffCommissionState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    fallback: str = ""
    today: str = ""
    rules: list[RuleItem] = []
    live_rules: list[Option] = []
    vendors: list[Option] = []
    categories: list[Option] = []

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            found = await run_service(rules.commission_overview, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_COMMISSION)

        def percent(bps: int) -> str:
            return formatting.format_percent(Decimal(bps) / 10_000, locale)

        def when(value) -> str:  # noqa: ANN001
            return formatting.format_date(value, locale)

        items = []
        for r in found.rules:
            target = " · ".join(x for x in (r.vendor_name, r.category_name) if x)
            period = (translate(lang, "%(start)s until %(end)s", start=when(r.effective_from), end=when(r.effective_to))
                      if r.effective_to else translate(lang, "from %(start)s", start=when(r.effective_from)))
            items.append(RuleItem(id=str(r.id), scope=translate(lang, SCOPE_LABELS[r.scope]), target=target,
                                  rate=percent(r.rate_bps), period=period, status=str(r.status),
                                  status_label=translate(lang, STATUS_LABELS[r.status]), colour=_COLOURS[r.status],
                                  live=r.status != rules.RuleStatus.ENDED))
        self.rules = items
        self.live_rules = [Option(value=i.id, label=f"#{i.id} {i.scope}{' · ' + i.target if i.target else ''} "
                                                    f"· {i.rate}") for i in items if i.live]
        self.vendors = [Option(value=str(v.id), label=v.name) for v in found.vendors]
        self.categories = [Option(value=str(c.id), label=c.name) for c in found.categories]
        self.fallback = translate(lang, "With no rule at all, %(rate)s applies.", rate=percent(found.fallback_bps))
        self.today = clock.now().date().isoformat()
        self.allowed, self.loaded, self.denied = True, True, ""
        return None

    @rx.event
    async def load(self):
        self.error, self.done = "", ""
        return await self._reload()

    @rx.event
    async def add_rule(self, form: dict):
        """``{"scope", "vendor", "category", "rate" (percent), "from", "to" (YYYY-MM-DD), "reason"}``."""
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        values = _form(form, ("scope", "vendor", "category", "rate", "from", "to", "reason"))
        if values is None:
            return None
        try:
            caller = await current_caller(self)
            await run_write(rules.add_rule, caller, scope=values["scope"], vendor_id=values["vendor"],
                            category_id=values["category"], rate=values["rate"], effective_from=values["from"],
                            effective_to=values["to"], reason=values["reason"])
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        self.done = translate(lang, "Rule added. Orders placed from its start use it; earlier orders keep their rate.")
        return await self._reload()

    @rx.event
    async def end_rule(self, form: dict):
        """``{"rule", "on" (YYYY-MM-DD or "" for now), "reason"}``."""
        lang, _, _ = await market(self)
        self.error, self.done = "", ""
        values = _form(form, ("rule", "on", "reason"))
        if values is None:
            return None
        try:
            caller = await current_caller(self)
            await run_write(rules.end_rule, caller, values["rule"], on=values["on"], reason=values["reason"])
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        self.done = translate(lang, "Rule ended. Orders already placed keep the rate they froze.")
        return await self._reload()


def _card(title: str, *children: rx.Component, id: str) -> rx.Component:  # noqa: A002
    return rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%",
                     align="start", class_name="table-card", padding="16px", id=id)


def _labelled(label: str, control: rx.Component, html_for: str) -> rx.Component:
    return rx.vstack(rx.el.label(t(label), html_for=html_for, class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
                     control, spacing="1", width="100%", min_width="0")


def _select(name: str, options: rx.Var, *, blank: str = "") -> rx.Component:
    return rx.el.select(
        rx.el.option(t(blank) if blank else "—", value=""),
        rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value)),
        name=name, id=f"commission-{name}", class_name="native-select touch-target", width="100%")


def _add_form() -> rx.Component:
    s = StaffCommissionState
    return rx.form(
        rx.grid(
            _labelled(N_("Applies to"), rx.el.select(
                *[rx.el.option(t(label), value=scope.value) for scope, label in SCOPE_LABELS.items()],
                name="scope", id="commission-scope", class_name="native-select touch-target", width="100%"),
                "commission-scope"),
            _labelled(N_("Seller"), _select("vendor", s.vendors, blank=N_("Any seller")), "commission-vendor"),
            _labelled(N_("Category"), _select("category", s.categories, blank=N_("Any category")),
                      "commission-category"),
            _labelled(N_("Rate (%)"), rx.input(name="rate", id="commission-rate", required=True, input_mode="decimal",
                                               max_length=6, placeholder="12.50", size="3", width="100%"),
                      "commission-rate"),
            _labelled(N_("From"), rx.input(name="from", id="commission-from", type="date", required=True,
                                           default_value=s.today, key=s.today, size="3", width="100%"),
                      "commission-from"),
            _labelled(N_("Until (optional)"), rx.input(name="to", id="commission-to", type="date", size="3",
                                                       width="100%"), "commission-to"),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%"),
        _labelled(N_("Reason"), rx.text_area(name="reason", id="commission-reason", required=True,
                                             max_length=rules.REASON_MAX, width="100%"), "commission-reason"),
        rx.button(t("Add rule"), type="submit", size="3", id="commission-add", class_name="touch-target",
                  margin_top="8px"),
        on_submit=StaffCommissionState.add_rule, reset_on_submit=True, width="100%", id="commission-add-form")


def _end_form() -> rx.Component:
    s = StaffCommissionState
    return rx.form(
        rx.grid(
            _labelled(N_("Rule"), _select("rule", s.live_rules), "commission-rule"),
            _labelled(N_("End on (empty: now)"), rx.input(name="on", id="commission-on", type="date", size="3",
                                                          width="100%"), "commission-on"),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        _labelled(N_("Reason"), rx.text_area(name="reason", id="commission-end-reason", required=True,
                                             max_length=rules.REASON_MAX, width="100%"), "commission-end-reason"),
        rx.button(t("End rule"), type="submit", size="3", variant="soft", color_scheme="red", id="commission-end",
                  class_name="touch-target", margin_top="8px"),
        on_submit=StaffCommissionState.end_rule, reset_on_submit=True, width="100%", id="commission-end-form")


def _rule_row(r: rx.Var) -> rx.Component:
    return rx.grid(
        rx.vstack(rx.hstack(rx.text("#", r.id, size="1", color="var(--gray-11)"),
                            rx.text(r.scope, size="2", weight="medium"), spacing="2", align="center"),
                  rx.cond(r.target != "", rx.text(r.target, size="2", class_name="break-anywhere")),
                  spacing="0", min_width="0"),
        rx.text(r.rate, size="4", weight="bold", class_name="commission-rate"),
        rx.vstack(rx.match(r.status, *[(st.value, rx.badge(t(label), color_scheme=_COLOURS[st], high_contrast=True))
                                       for st, label in STATUS_LABELS.items()], rx.badge(r.status_label)),
                  rx.text(r.period, size="1", color="var(--gray-11)"), spacing="1", min_width="0"),
        columns=rx.breakpoints(initial="1fr", sm="2fr 1fr 2fr"), spacing="2", width="100%", align="center",
        class_name="table-row commission-rule", custom_attrs={"data-rule": r.id})


def staff_commission_page() -> rx.Component:
    s = StaffCommissionState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Commission"), as_="h1", size="7", id="commission-heading"),
            rx.text(t("The most specific rule in force when an order is placed applies: seller in a category, "
                      "seller, category, then the platform default."), size="2", color="var(--gray-11)"),
            rx.callout(t("Orders freeze the rate that applied when they were placed: changing a rule never "
                         "changes an order already placed."), icon="info", color_scheme="blue", high_contrast=True, width="100%",
                       id="commission-frozen"),
            rx.text(s.fallback, size="2", color="var(--gray-11)"),
            rx.cond(s.error != "", rx.callout(s.error, high_contrast=True, color_scheme="red", icon="triangle_alert", width="100%",
                                              id="commission-error", role="alert")),
            rx.cond(s.done != "", rx.callout(s.done, high_contrast=True, color_scheme="grass", icon="check", width="100%",
                                             id="commission-done", role="status")),
            _card(N_("Rules"), rx.cond(s.rules.length() > 0,
                                       rx.vstack(rx.foreach(s.rules, _rule_row), spacing="0", width="100%",
                                                 id="commission-rules"),
                                       rx.text(t("No rules yet."), size="2", color="var(--gray-11)")),
                  id="commission-rules-card"),
            _card(N_("Add a rule"), _add_form(), id="commission-add-card"),
            rx.cond(s.live_rules.length() > 0, _card(N_("End a rule"), _end_form(), id="commission-end-card")),
            spacing="4", width="100%", align="start", max_width="960px",
        ),
    )

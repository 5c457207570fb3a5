"""Staff exchange rates (``/staff/fx``, finance and admins): the rates with their source and as-of date (the last
good refreshed rate and the one prices use now), "refresh now" through forex-python with a result message that
says when the source was unreachable and the last good rates were kept, staff overrides per currency pair (rate,
expiry, reason; remove with a reason), and the engine's rules version with each data file's version and date.
Every handler resolves the caller on the server; ``orders.fx_rates`` checks ``StaffCapability.FX`` and
validates every argument again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from marketplace import routes
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import fx_rates
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

_FORM_MAX = {"base": 3, "quote": 3, "rate": fx_rates.RATE_MAX_CHARS, "expires_at": 40,
             "reason": fx_rates.REASON_MAX * 2, "id": 12}
_DAILY, _BY_STAFF = N_("daily job"), N_("by staff")
_IN_FORCE, _REMOVED, _EXPIRED = N_("In force"), N_("Removed"), N_("Expired")


def _form(form: object, keys: tuple[str, ...]) -> dict[str, str] | None:
    """The form's strings, each within its length, or None for anything else (a raw client's hostile call)."""
    if not isinstance(form, dict):
        return None
    out = {}
    for key in keys:
        value = form.get(key, "")
        if not isinstance(value, str) or len(value) > _FORM_MAX[key]:
            return None
        out[key] = value
    return out


def _rate(value) -> str:  # noqa: ANN001 - a Decimal or None
    return "" if value is None else format(value.normalize(), "f")


@dataclass(frozen=True)
class RateItem:
    currency: str = ""
    stored: str = ""  # the last good refreshed rate, "" when none was stored
    stored_note: str = ""  # its source and as-of date
    in_use: str = ""
    in_use_note: str = ""
    overridden: bool = False


@dataclass(frozen=True)
class OverrideItem:
    id: str = ""
    pair: str = ""
    rate: str = ""
    until: str = ""
    reason: str = ""
    by: str = ""
    active: bool = False
    status: str = ""


@dataclass(frozen=True)
class FileItem:
    name: str = ""
    topic: str = ""
    version: str = ""
    newest: str = ""


class StaffFxState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    warning: str = ""  # a refresh that could not reach the source
    source_note: str = ""
    last_refresh: str = ""
    rules_version: str = ""
    rates: list[RateItem] = []
    overrides: list[OverrideItem] = []
    files: list[FileItem] = []
    currencies: list[str] = []

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await current_caller(self)
            found = await run_service(fx_rates.fx_overview, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            return login_redirect(exc, routes.STAFF_FX)

        def day(value) -> str:  # noqa: ANN001
            return formatting.format_date(value, locale) if value else ""

        self.source_note = translate(lang, "Prices use FX_SOURCE=%(source)s; an override in force wins over it.",
                                     source=found.fx_source)
        last = found.last_refresh
        if last is None:
            self.last_refresh = translate(lang, "No refresh yet.")
        else:
            how = _DAILY if last.trigger == "daily" else _BY_STAFF
            outcome = (translate(lang, "%(count)s rates stored", count=last.rates) if last.ok
                       else translate(lang, "source unreachable, last good rates kept"))
            self.last_refresh = translate(lang, "Last refresh: %(when)s (%(how)s), %(outcome)s.",
                                          when=format_time(last.at, lang),
                                          how=translate(lang, how),
                                          outcome=outcome)
        self.rates = [RateItem(
            currency=r.currency, stored=_rate(r.stored_per_eur),
            stored_note=" · ".join(x for x in (r.stored_source, day(r.stored_as_of)) if x),
            in_use=_rate(r.in_use), in_use_note=" · ".join(x for x in (r.in_use_source, day(r.in_use_as_of)) if x),
            overridden=r.in_use_source.startswith("staff override")) for r in found.rates]
        self.overrides = [OverrideItem(
            id=str(o.id), pair=f"1 {o.base} = {_rate(o.rate)} {o.quote}", rate=_rate(o.rate),
            until=format_time(o.expires_at, lang), reason=o.reason, by=o.set_by, active=o.in_force,
            status=translate(lang, _IN_FORCE if o.in_force else (_REMOVED if o.removed_at else _EXPIRED)))
            for o in found.overrides]
        self.files = [FileItem(name=f.name, topic=translate(lang, f.topic), version=f.version,
                               newest=formatting.format_date(date.fromisoformat(f.newest_rule), locale)
                               if f.newest_rule else "") for f in found.data_files]
        self.rules_version = found.rules_version
        self.currencies = list(found.currencies)
        self.allowed, self.loaded, self.denied = True, True, ""
        return None

    @rx.event
    async def load(self):
        self.error, self.done, self.warning = "", "", ""
        return await self._reload()

    @rx.event
    async def refresh(self):
        lang, _, _ = await market(self)
        self.error, self.done, self.warning = "", "", ""
        try:
            caller = await current_caller(self)
            result = await run_write(fx_rates.refresh_now, caller)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        locale = format_locale(lang)
        when = formatting.format_date(result.as_of, locale) if result.as_of else ""
        if result.ok:
            self.done = translate(lang, "Rates refreshed: %(count)s currencies as of %(date)s.", count=result.rates,
                                  date=when)
        elif result.as_of:
            self.warning = translate(lang, "The rates source could not be reached. The last good rates (as of "
                                           "%(date)s) are kept.", date=when)
        else:
            self.warning = translate(lang, "The rates source could not be reached. No rates were refreshed yet, "
                                           "so prices keep using the rates in use below.")
        return await self._reload()

    @rx.event
    async def add_override(self, form: dict):
        """``{"base", "quote", "rate", "expires_at" (YYYY-MM-DDTHH:MM, UTC), "reason"}``, validated again."""
        lang, _, _ = await market(self)
        self.error, self.done, self.warning = "", "", ""
        values = _form(form, ("base", "quote", "rate", "expires_at", "reason"))
        if values is None:
            return None
        try:
            caller = await current_caller(self)
            await run_write(fx_rates.set_override, caller, values["base"], values["quote"], values["rate"],
                            values["expires_at"], values["reason"])
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        fx_rates.forget_overrides()  # committed: this process re-reads at once
        self.done = translate(lang, "Override saved. Prices use it until it expires.")
        return await self._reload()

    @rx.event
    async def remove_override(self, form: dict):
        """``{"id", "reason"}``: end an override now."""
        lang, _, _ = await market(self)
        self.error, self.done, self.warning = "", "", ""
        values = _form(form, ("id", "reason"))
        if values is None:
            return None
        override_id = int(values["id"]) if values["id"].isdigit() else 0
        try:
            caller = await current_caller(self)
            await run_write(fx_rates.remove_override, caller, override_id, values["reason"])
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return await self._reload()
        fx_rates.forget_overrides()
        self.done = translate(lang, "Override removed. Prices use the source's rate again.")
        return await self._reload()


def _card(title: str, *children: rx.Component, id: str) -> rx.Component:  # noqa: A002
    return rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%",
                     align="start", class_name="table-card", padding="16px", id=id)


def _labelled(label: str, control: rx.Component, html_for: str) -> rx.Component:
    return rx.vstack(rx.el.label(t(label), html_for=html_for, class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
                     control, spacing="1", width="100%", min_width="0")


def _currency_select(name: str, default: str) -> rx.Component:
    return rx.el.select(rx.foreach(StaffFxState.currencies, lambda c: rx.el.option(c, value=c)),
                        name=name, id=f"fx-{name}", default_value=default, class_name="native-select touch-target",
                        width="100%")


def _override_form() -> rx.Component:
    return rx.form(
        rx.grid(
            _labelled(N_("From currency"), _currency_select("base", "EUR"), "fx-base"),
            _labelled(N_("To currency"), _currency_select("quote", "JPY"), "fx-quote"),
            _labelled(N_("Rate (1 unit of the first currency)"),
                      rx.input(name="rate", id="fx-rate", required=True, input_mode="decimal",
                               max_length=fx_rates.RATE_MAX_CHARS, placeholder="162.5", size="3", width="100%"),
                      "fx-rate"),
            _labelled(N_("Ends at (UTC)"),
                      rx.input(name="expires_at", id="fx-expires", type="datetime-local", required=True, size="3",
                               width="100%"), "fx-expires"),
            columns=rx.breakpoints(initial="1", sm="2", lg="4"), spacing="3", width="100%"),
        _labelled(N_("Reason"), rx.text_area(name="reason", id="fx-reason", required=True,
                                             max_length=fx_rates.REASON_MAX, width="100%"), "fx-reason"),
        rx.button(t("Set override"), type="submit", size="3", id="fx-override-submit", class_name="touch-target",
                  margin_top="8px"),
        on_submit=StaffFxState.add_override, reset_on_submit=True, width="100%", id="fx-override-form")


def _override_row(o: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text(o.pair, size="3", weight="bold", class_name="fx-override-pair"),
                  rx.badge(o.status, color_scheme=rx.cond(o.active, "amber", "gray"), high_contrast=True),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(t("Until"), " ", o.until, " · ", o.by, size="1", color="var(--gray-11)", class_name="break-anywhere"),
        rx.text(o.reason, size="2", class_name="break-anywhere"),
        rx.cond(o.active, rx.form(
            rx.el.input(type="hidden", name="id", value=o.id),
            rx.flex(
                rx.input(name="reason", required=True, max_length=fx_rates.REASON_MAX, size="2",
                         placeholder=t("Reason for removing"), aria_label=t("Reason for removing"),
                         flex="1", min_width="160px"),
                rx.button(t("Remove"), type="submit", size="2", variant="soft", color_scheme="red",
                          class_name="touch-target fx-remove"),
                gap="8px", wrap="wrap", width="100%"),
            on_submit=StaffFxState.remove_override, reset_on_submit=True, width="100%")),
        spacing="1", width="100%", align="start", class_name="table-row fx-override")


_RATE_COLUMNS = rx.breakpoints(initial="64px minmax(0, 1fr) minmax(0, 1fr)", sm="80px minmax(0, 1fr) minmax(0, 1fr)")


def _rate_header() -> rx.Component:
    return rx.grid(rx.text(t("Currency"), size="1", color="var(--gray-11)"),
                   rx.text(t("Last good rate"), size="1", color="var(--gray-11)"),
                   rx.text(t("In use now"), size="1", color="var(--gray-11)"),
                   columns=_RATE_COLUMNS, spacing="2", width="100%", padding_x="12px", id="fx-rates-header")


def _rate_row(r: rx.Var) -> rx.Component:
    return rx.grid(
        rx.text(r.currency, size="2", weight="bold"),
        rx.vstack(rx.text(rx.cond(r.stored != "", r.stored, "—"), size="2", class_name="fx-stored break-anywhere"),
                  rx.text(r.stored_note, size="1", color="var(--gray-11)", class_name="break-anywhere"),
                  spacing="0", min_width="0"),
        rx.vstack(rx.hstack(rx.text(r.in_use, size="2", weight=rx.cond(r.overridden, "bold", "regular"),
                                    class_name="fx-in-use break-anywhere"),
                            rx.cond(r.overridden, rx.badge(t("Override"), color_scheme="amber", high_contrast=True)),
                            spacing="2", align="center", wrap="wrap"),
                  rx.text(r.in_use_note, size="1", color="var(--gray-11)", class_name="break-anywhere"),
                  spacing="0", min_width="0"),
        columns=_RATE_COLUMNS, spacing="2", width="100%", align="start",
        class_name="table-row fx-rate", custom_attrs={"data-currency": r.currency})


def _file_row(f: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(f.topic, size="2", weight="medium"),
        rx.text(rx.code(f.name, variant="ghost"), size="1", class_name="break-anywhere"),
        rx.hstack(rx.text(rx.cond(f.version != "", f.version, "—"), size="1", color="var(--gray-11)"),
                  rx.cond(f.newest != "", rx.text(t("newest rule from"), " ", f.newest, size="1",
                                                  color="var(--gray-11)")),
                  spacing="2", wrap="wrap"),
        spacing="0", width="100%", class_name="table-row fx-file")


def staff_fx_page() -> rx.Component:
    s = StaffFxState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.heading(t("Exchange rates"), as_="h1", size="7", id="fx-heading"),
            rx.text(t("Rates are units per 1 EUR. Orders keep the rate they were placed with."),
                    size="2", color="var(--gray-11)"),
            rx.text(s.source_note, size="2", color="var(--gray-11)", id="fx-source"),
            rx.cond(s.error != "", rx.callout(s.error, high_contrast=True, color_scheme="red", icon="triangle_alert", width="100%",
                                              id="fx-error", role="alert")),
            rx.cond(s.warning != "", rx.callout(s.warning, high_contrast=True, color_scheme="amber", icon="triangle_alert",
                                                width="100%", id="fx-warning", role="alert")),
            rx.cond(s.done != "", rx.callout(s.done, high_contrast=True, color_scheme="grass", icon="check", width="100%",
                                             id="fx-done", role="status")),
            _card(N_("Refresh"),
                  rx.text(s.last_refresh, size="2", id="fx-last-refresh"),
                  rx.button(rx.icon("refresh-cw", size=16, aria_hidden="true"), t("Refresh now"), size="3",
                            on_click=s.refresh, id="fx-refresh", class_name="touch-target"),
                  id="fx-refresh-card"),
            _card(N_("Overrides"),
                  rx.text(t("A fixed rate for one currency pair until it ends; it also answers the opposite "
                            "direction."), size="2", color="var(--gray-11)"),
                  _override_form(),
                  rx.cond(s.overrides.length() > 0,
                          rx.vstack(rx.foreach(s.overrides, _override_row), spacing="0", width="100%",
                                    id="fx-overrides"),
                          rx.text(t("No overrides yet."), size="2", color="var(--gray-11)")),
                  id="fx-overrides-card"),
            _card(N_("Rates"), _rate_header(), rx.vstack(rx.foreach(s.rates, _rate_row), spacing="0", width="100%",
                                                          id="fx-rates"), id="fx-rates-card"),
            _card(N_("Rules and data files"),
                  rx.text(t("Rules version in force:"), " ", rx.code(s.rules_version, id="fx-rules-version"),
                          size="2"),
                  rx.vstack(rx.foreach(s.files, _file_row), spacing="0", width="100%", id="fx-files"),
                  id="fx-files-card"),
            spacing="4", width="100%", align="start", max_width="960px",
        ),
    )

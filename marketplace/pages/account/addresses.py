"""Saved addresses: the list (default first) with edit, delete and "make default", and one form to add or
edit, whose fields follow the chosen country (order, labels, required fields, postal-code examples, region
choices). Errors show on each field, and what the shopper typed stays in the form.

The rows kept for editing (``_rows``) belong to the user who loaded them (``_rows_user``): every handler
re-resolves the signed-in user first, and a tab state restored for another user (same tab, someone else
logged in) forgets them before acting. Which address is being edited is a backend var (``_editing_id``), not
something the client can set; the services check ownership again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from marketplace import routes
from marketplace.accounts import addresses
from marketplace.accounts.address_format import REGION, AddressInvalid
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import format_locale, translate
from marketplace.crossborder.markets import DESTINATIONS
from marketplace.layouts.account import account_shell
from marketplace.pages.account.common import shopper_or_login
from marketplace.present.problems import problem_text
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import LocaleState, t

_FIELD_KEYS = {"label", "country", "default", *addresses.FORM_FIELDS}


@dataclass(frozen=True)
class AddressRow:
    id: str = ""
    label: str = ""
    lines: str = ""
    phone: str = ""
    country: str = ""
    default: bool = False


@dataclass(frozen=True)
class AddressField:
    """One input of the address form for the chosen country, with what the shopper typed and its error."""

    name: str = ""
    label: str = ""
    required: bool = False
    autocomplete: str = ""
    inputmode: str = ""
    maxlength: int = 0
    hint: str = ""
    value: str = ""
    error: str = ""
    choices: bool = False  # a select (regions) rather than a text input


class AddressesState(rx.State):
    addresses: list[AddressRow] = []
    loaded: bool = False
    form_open: bool = False
    editing: bool = False  # display only: "Edit address" or "New address"
    _editing_id: str = ""
    _rows: dict[str, Any] = {}
    _rows_user: int = 0  # whose rows ``_rows`` holds
    country: str = "DE"
    label: str = "Home"
    fields: list[AddressField] = []
    regions: list[list[str]] = []
    form_error: str = ""
    version: int = 0

    async def _caller(self):  # noqa: ANN202
        caller, redirect = await shopper_or_login(self, routes.ACCOUNT_ADDRESSES)
        if caller is not None and caller.user_id != self._rows_user:  # another user's tab state: forget it
            self._rows, self._editing_id, self.addresses, self.loaded = {}, "", [], False
            self.form_open, self.editing, self.form_error = False, False, ""
            self._rows_user = caller.user_id
        return caller, redirect

    @rx.event
    async def load(self):
        caller, redirect = await self._caller()
        if caller is None:
            return redirect
        lang, _, ship_to = await market(self)
        locale = format_locale(lang)
        rows = await run_service(addresses.my_addresses, caller.user_id)
        self.addresses = [AddressRow(
            id=str(a.id), label=a.label, lines="\n".join(a.lines), phone=a.phone,
            country=f"{formatting.flag_emoji(a.country)} {formatting.country_name(a.country, locale)}",
            default=a.is_default,
        ) for a in rows]
        self._rows = {str(a.id): (a.country, a.label, a.values) for a in rows}
        if self._editing_id and self._editing_id not in self._rows:  # deleted meanwhile (another tab)
            self._editing_id, self.editing, self.form_open = "", False, False
        if not self.form_open:
            self._build(lang, ship_to, {}, {})
        self.loaded = True
        return None

    def _build(self, lang: str, country: str, values: dict[str, str], errors: dict[str, tuple],
               remount: bool = True) -> None:
        """The form's fields for ``country``. ``remount`` re-creates the inputs with ``values`` (a new or
        edited address); without it, inputs that stay keep what the shopper typed (a country change, an error)."""
        self.country = country
        specs = addresses.form_fields(country)
        self.fields = [AddressField(
            name=f.name, label=translate(lang, f.label), required=f.required,
            autocomplete=f.autocomplete, inputmode=f.input_mode, maxlength=f.max_length,
            hint=translate(lang, "For example %(example)s", example=f.example) if f.example else "",
            value=values.get(f.name, ""), error=translate(lang, *errors[f.name][:1], **errors[f.name][1])
            if f.name in errors else "", choices=bool(f.choices),
        ) for f in specs]
        region = next((f for f in specs if f.name == REGION), None)
        self.regions = [list(c) for c in region.choices] if region else []
        if remount:
            self.version += 1

    @rx.event
    async def start_add(self):
        caller, redirect = await self._caller()
        if caller is None:
            return redirect
        lang, _, ship_to = await market(self)
        self._editing_id, self.editing = "", False
        self.label, self.form_error, self.form_open = "Home" if not self.addresses else "", "", True
        self._build(lang, ship_to, {}, {})
        return None

    @rx.event
    async def start_edit(self, address_id: str):
        caller, _ = await self._caller()  # first: it forgets rows another user loaded in this tab
        row = self._rows.get(address_id) if isinstance(address_id, str) else None
        if row is None or caller is None:
            return
        lang, _, _ = await market(self)
        country, label, values = row
        self._editing_id, self.editing = address_id, True
        self.label, self.form_error, self.form_open = label, "", True
        self._build(lang, country, values, {})

    @rx.event
    def cancel(self):
        self.form_open, self.editing, self._editing_id, self.form_error = False, False, "", ""

    @rx.event
    async def choose_country(self, country: str):
        if not isinstance(country, str) or country not in DESTINATIONS:
            return
        lang, _, _ = await market(self)
        self._build(lang, country, {}, {}, remount=False)

    @rx.event
    async def save(self, form: dict):
        caller, redirect = await self._caller()
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        if not isinstance(form, dict):
            return None
        data = {k: v for k, v in form.items() if k in _FIELD_KEYS and isinstance(v, str)}
        self.label = data.get("label", "")[:80]
        try:
            await run_write(addresses.save, caller.user_id, country=self.country, data=data, label=data.get("label"),
                            address_id=self._editing_id or None, make_default=data.get("default") == "on")
        except AddressInvalid as exc:
            self.form_error = problem_text(lang, exc)
            self._build(lang, self.country, data, exc.errors, remount=False)
            return None
        except DomainError as exc:
            self.form_error = problem_text(lang, exc)
            self._build(lang, self.country, data, {}, remount=False)
            return None
        self.form_open, self.editing, self._editing_id, self.form_error = False, False, "", ""
        return [AddressesState.load, rx.toast.success(translate(lang, "Address saved."), position="top-center")]

    async def _change(self, fn, address_id: str):  # noqa: ANN001
        caller, redirect = await self._caller()
        if caller is None:
            return redirect
        lang, _, _ = await market(self)
        try:
            await run_write(fn, caller.user_id, address_id)
        except DomainError as exc:
            return rx.toast.error(problem_text(lang, exc), position="top-center")
        return AddressesState.load

    @rx.event
    async def delete(self, address_id: str):
        return await self._change(addresses.delete, address_id)

    @rx.event
    async def make_default(self, address_id: str):
        return await self._change(addresses.set_default, address_id)


def _address(a: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(a.label, weight="bold", size="3"),
                      rx.cond(a.default, rx.badge(t("Default"), color_scheme="teal")),
                      spacing="2", align="center"),
            rx.text(a.lines, size="2", style={"whiteSpace": "pre-line"}),
            rx.text(a.country, size="2", color="var(--gray-11)"),
            rx.text(a.phone, size="2", color="var(--gray-11)"),
            rx.flex(
                rx.button(rx.icon("pencil", size=16, aria_hidden="true"), t("Edit"), variant="soft", size="2",
                          class_name="touch-target", on_click=AddressesState.start_edit(a.id)),
                rx.cond(~a.default,
                        rx.button(t("Make default"), variant="soft", color_scheme="gray", size="2",
                                  class_name="touch-target", on_click=AddressesState.make_default(a.id))),
                rx.button(rx.icon("trash-2", size=16, aria_hidden="true"), t("Delete"), variant="ghost",
                          color_scheme="red", size="2", class_name="touch-target",
                          on_click=AddressesState.delete(a.id)),
                gap="8px", wrap="wrap",
            ),
            spacing="2", width="100%",
        ),
        width="100%", class_name="address-card",
    )


def _field(f: rx.Var) -> rx.Component:
    field_id = "address-" + f.name
    error_id = field_id + "-error"
    return rx.vstack(
        rx.el.label(f.label, rx.cond(f.required, " *", ""), html_for=field_id,
                    class_name="field-label"),
        rx.cond(
            f.choices,
            rx.el.select(rx.el.option("—", value=""),
                         rx.foreach(AddressesState.regions, lambda c: rx.el.option(c[1], value=c[0])),
                         id=field_id, name=f.name, default_value=f.value, class_name="native-select",
                         auto_complete=f.autocomplete, key=f.name + AddressesState.version.to_string(),
                         aria_invalid=rx.cond(f.error != "", "true", "false"),
                         style={"borderColor": rx.cond(f.error != "", "var(--red-9)", "var(--gray-7)")}),
            rx.el.input(id=field_id, name=f.name, default_value=f.value, class_name="text-input",
                        auto_complete=f.autocomplete, input_mode=f.inputmode, max_length=f.maxlength,
                        type=rx.cond(f.name == "phone", "tel", "text"),
                        key=f.name + AddressesState.version.to_string(),
                        aria_invalid=rx.cond(f.error != "", "true", "false"),
                        aria_describedby=rx.cond(f.error != "", error_id, ""),
                        style={"borderColor": rx.cond(f.error != "", "var(--red-9)", "var(--gray-7)")}),
        ),
        rx.cond(f.hint != "", rx.text(f.hint, size="1", color="var(--gray-11)")),
        rx.cond(f.error != "", rx.text(f.error, size="1", color="var(--red-11)", id=error_id,
                                          class_name="field-error")),
        spacing="1", width="100%",
    )


def _form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(rx.cond(AddressesState.editing, t("Edit address"), t("New address")), as_="h2",
                           size="4"),
                rx.cond(AddressesState.form_error != "",
                        rx.callout(AddressesState.form_error, icon="circle-alert", color_scheme="red", role="alert",
                                   width="100%", id="address-error")),
                rx.vstack(
                    rx.el.label(t("Country"), html_for="address-country", class_name="field-label"),
                    rx.el.select(rx.foreach(LocaleState.country_options, lambda o: rx.el.option(o[1], value=o[0])),
                                 id="address-country", name="country", value=AddressesState.country,
                                 on_change=AddressesState.choose_country, class_name="native-select",
                                 auto_complete="country"),
                    spacing="1", width="100%",
                ),
                rx.vstack(
                    rx.el.label(t("Name this address"), html_for="address-label", class_name="field-label"),
                    rx.el.input(id="address-label", name="label", default_value=AddressesState.label,
                                class_name="text-input", max_length=40, placeholder=t("Home, Work…"),
                                key="label" + AddressesState.version.to_string()),
                    spacing="1", width="100%",
                ),
                rx.foreach(AddressesState.fields, _field),
                rx.el.label(rx.el.input(type="checkbox", name="default", id="address-default",
                                        style={"width": "20px", "height": "20px"}),
                            t("Use as my default address"),
                            style={"display": "flex", "gap": "8px", "alignItems": "center", "minHeight": "44px"}),
                rx.hstack(
                    rx.button(t("Save address"), type="submit", size="3", class_name="touch-target",
                              id="address-save"),
                    rx.button(t("Cancel"), type="button", variant="soft", color_scheme="gray", size="3",
                              class_name="touch-target", on_click=AddressesState.cancel),
                    spacing="3", wrap="wrap",
                ),
                spacing="3", width="100%",
            ),
            on_submit=AddressesState.save, reset_on_submit=False, width="100%",
        ),
        width="100%", max_width="640px", id="address-form", data_country=AddressesState.country,
    )


def addresses_page() -> rx.Component:
    return account_shell(
        routes.ACCOUNT_ADDRESSES, t("Your addresses"), AddressesState.loaded,
        rx.cond(AddressesState.form_open, _form(),
                rx.button(rx.icon("plus", size=16, aria_hidden="true"), t("Add an address"), size="3",
                          class_name="touch-target", on_click=AddressesState.start_add, id="address-add")),
        rx.cond(AddressesState.addresses.length() == 0,
                rx.text(t("No saved addresses yet. Save one to check out faster."), size="2", color="var(--gray-11)"),
                rx.grid(rx.foreach(AddressesState.addresses, _address), columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3", width="100%", id="address-list")),
    )

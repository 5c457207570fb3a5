"""The form inputs the seller's profile, payout and application forms share: one view model per input
(label, hint, what was typed and its error) and one renderer, like the shopper's address form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import reflex as rx

from marketplace.core.i18n import translate
from marketplace.state.locale import t

Errors = Mapping[str, tuple[str, Mapping[str, object]]]


@dataclass(frozen=True)
class FormField:
    name: str = ""
    label: str = ""
    required: bool = False
    autocomplete: str = ""
    inputmode: str = "text"
    maxlength: int = 0
    hint: str = ""
    value: str = ""
    error: str = ""
    choices: bool = False  # a select (the address's regions) rather than a text input


def form_field(lang: str, name: str, label: str, *, values: Mapping[str, str], errors: Errors,
               required: bool = True, autocomplete: str = "off", inputmode: str = "text", maxlength: int = 120,
               example: str = "", hint: str = "", choices: bool = False) -> FormField:
    error = errors.get(name)
    if hint:
        hint = translate(lang, hint)
    elif example:
        hint = translate(lang, "For example %(example)s", example=example)
    return FormField(name=name, label=translate(lang, label), required=required, autocomplete=autocomplete,
                     inputmode=inputmode, maxlength=maxlength, hint=hint, value=values.get(name, ""),
                     error=translate(lang, error[0], **dict(error[1])) if error else "", choices=choices)


def render_field(f: rx.Var, regions: rx.Var, version: rx.Var, prefix: str = "profile-") -> rx.Component:
    field_id = prefix + f.name
    error_id = field_id + "-error"
    hint_id = field_id + "-hint"
    invalid = rx.cond(f.error != "", "true", "false")
    border = {"borderColor": rx.cond(f.error != "", "var(--red-9)", "var(--gray-7)")}
    return rx.vstack(
        rx.el.label(f.label, rx.cond(f.required, " *", ""), html_for=field_id, class_name="field-label"),
        rx.cond(
            f.choices,
            rx.el.select(rx.el.option("—", value=""), rx.foreach(regions, lambda c: rx.el.option(c[1], value=c[0])),
                         id=field_id, name=f.name, default_value=f.value, class_name="native-select",
                         auto_complete=f.autocomplete, key=f.name + version.to_string(), aria_invalid=invalid,
                         style=border),
            rx.el.input(id=field_id, name=f.name, default_value=f.value, class_name="text-input",
                        auto_complete=f.autocomplete, input_mode=f.inputmode, max_length=f.maxlength,
                        type=rx.cond(f.inputmode == "tel", "tel", "text"), key=f.name + version.to_string(),
                        aria_invalid=invalid,
                        aria_describedby=rx.cond(f.error != "", error_id, rx.cond(f.hint != "", hint_id, "")),
                        style=border),
        ),
        rx.cond(f.hint != "", rx.text(f.hint, size="1", color="var(--gray-11)", id=hint_id)),
        rx.cond(f.error != "", rx.text(f.error, size="1", color="var(--red-11)", id=error_id, class_name="field-error")),
        spacing="1", width="100%",
    )


def section(title: str, *children: rx.Component, **props: object) -> rx.Component:
    return rx.card(rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%"),
                   width="100%", **props)

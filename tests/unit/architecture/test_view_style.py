"""One view style (issue #10): the vars pages render are small frozen dataclasses with real bool/str fields,
not ``dict[str, str]`` rows carrying ``"1"``/``""`` flags. Maps that are not view rows are listed here by name."""

from __future__ import annotations

import re
from pathlib import Path

import reflex as rx

import marketplace.marketplace  # noqa: F401 - registers every state

ROOT = Path(__file__).resolve().parents[3]
VIEW_LAYER = ("state", "pages", "present", "components")
# these maps are lookups (a message, an error or a count by key), not rows
MAPS = {("LocaleState", "t"), ("ReviewsState", "errors"), ("StaffHomeState", "counts"),
        ("CheckoutState", "card_errors")}
DICT_ROWS = {"dict[str, str]", "list[dict[str, str]]", "list[dict]", "dict"}


def _states(cls: type[rx.State]):  # noqa: ANN202
    for sub in cls.get_substates():
        yield sub
        yield from _states(sub)


def _type_name(var_type: object) -> str:
    return str(var_type).replace("typing.", "") if not isinstance(var_type, type) else var_type.__name__


def test_no_state_holds_dict_rows():
    offenders = sorted(
        f"{state.__module__}.{state.__name__}.{name}: {_type_name(var._var_type)}"
        for state in _states(rx.State) if state.__module__.startswith("marketplace.")
        for name, var in state.base_vars.items()
        if _type_name(var._var_type) in DICT_ROWS and (state.__name__, name) not in MAPS)
    assert offenders == []


def test_no_string_flags_in_the_view_layer():
    flag = re.compile(r'"1" if |else "1"|\] (?:!=|==) ""')
    offenders = [f"{path.relative_to(ROOT)}:{n}" for folder in VIEW_LAYER
                 for path in sorted((ROOT / "marketplace" / folder).rglob("*.py"))
                 for n, line in enumerate(path.read_text().splitlines(), 1) if flag.search(line)]
    assert offenders == []

"""Vars that gate what a handler does are backend vars (``_name``): Reflex's built-in ``setvar`` (and plain
assignment from the client) reaches every non-underscore var of a state, so a guard kept there can be switched
off by any websocket client. Regression (issue #9 point 9): on main ``CheckoutState.pending`` (the
double-submit guard of pay/authenticate), ``AddressesState.editing_id`` (which address ``save`` rewrites) and
``MessagesState.about_order`` (which order ``send`` writes about) were client-settable."""

from __future__ import annotations

import inspect

import pytest

import marketplace.marketplace  # noqa: F401 - registers every state
from marketplace.pages.account.addresses import AddressesState
from marketplace.pages.account.messages import MessagesState
from marketplace.pages.staff.order import StaffOrderState
from marketplace.pages.storefront.checkout_state import CheckoutState

# (state, guard var, the handlers whose decisions it drives)
GUARDS = [
    (CheckoutState, "pending", ("pay", "authenticate")),
    (AddressesState, "editing_id", ("save", "start_edit")),
    (MessagesState, "about_order", ("send",)),
    (StaffOrderState, "busy", ("confirm_refund", "confirm_cancel")),
]


@pytest.mark.parametrize(("state", "name", "handlers"), GUARDS, ids=[f"{s.__name__}.{n}" for s, n, _ in GUARDS])
def test_guards_are_backend_vars_the_client_cannot_set(state, name, handlers):
    settable = set(state.base_vars)  # what setvar and the client can write
    for handler in handlers:
        source = inspect.getsource(state.event_handlers[handler].fn)
        assert f"self.{name} " not in source and f"self.{name})" not in source and f"self.{name}," not in source, (
            f"{state.__name__}.{handler} reads the client-settable var {name!r}")
    assert f"_{name}" not in settable
    assert name not in settable or name in ("about_order",), f"{state.__name__}.{name} is settable by the client"


def test_the_pending_flag_is_still_shown():
    assert "pending" in CheckoutState.computed_vars  # the pay button's spinner reads it; the client cannot set it

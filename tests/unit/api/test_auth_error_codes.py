"""The auth routes turn the accounts service's messages into form error codes by exact message id: every
message they map must still be one the code raises (it is in the extracted catalogue template)."""

from __future__ import annotations

from marketplace.api.auth_routes import _INVALID_EMAIL, _REGISTER_ERRORS
from marketplace.core import i18n
from marketplace.pages.storefront.auth import AUTH_ERRORS


def test_mapped_messages_exist_and_codes_are_shown_by_the_form():
    assert set(_REGISTER_ERRORS) | {_INVALID_EMAIL} <= set(i18n.msgids())
    assert set(_REGISTER_ERRORS.values()) <= set(AUTH_ERRORS)

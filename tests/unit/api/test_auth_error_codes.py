"""The auth routes turn the accounts service's error codes into form error codes: every code they map must be
one the accounts domain defines, every form code one the form page shows, and the service's refusals of a
sign-up form must land on the form code of the field they are about."""

from __future__ import annotations

import pytest

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.passwords import MAX_LENGTH, MIN_LENGTH, check_password_rules
from marketplace.accounts.service import normalise_email
from marketplace.api.auth_routes import _LOGIN_ERRORS, _REGISTER_ERRORS
from marketplace.core.errors import ValidationError
from marketplace.pages.storefront.auth import AUTH_ERRORS


def test_mapped_codes_exist_and_codes_are_shown_by_the_form():
    assert set(_REGISTER_ERRORS) | set(_LOGIN_ERRORS) <= set(AccountErrorCode)
    assert all(type(code) is AccountErrorCode for code in {*_REGISTER_ERRORS, *_LOGIN_ERRORS})
    assert set(_REGISTER_ERRORS.values()) <= set(AUTH_ERRORS)
    assert set(_LOGIN_ERRORS.values()) <= set(AUTH_ERRORS)


@pytest.mark.parametrize(("call", "value", "form_code"), [
    (normalise_email, "", "email"),
    (normalise_email, "not-an-address", "email"),
    (check_password_rules, None, "password"),
    (check_password_rules, "x" * (MIN_LENGTH - 1), "password"),
    (check_password_rules, "x" * (MAX_LENGTH + 1), "password"),
])
def test_sign_up_refusals_map_to_their_field(call, value, form_code):
    with pytest.raises(ValidationError) as caught:
        call(value)
    assert _REGISTER_ERRORS.get(caught.value.code, "invalid") == form_code
    assert caught.value.field == form_code


def test_login_shows_email_only_for_a_malformed_address():
    with pytest.raises(ValidationError) as malformed:
        normalise_email("not-an-address")
    with pytest.raises(ValidationError) as missing:
        normalise_email("")
    assert _LOGIN_ERRORS.get(malformed.value.code, "invalid") == "email"
    assert _LOGIN_ERRORS.get(missing.value.code, "invalid") == "invalid"

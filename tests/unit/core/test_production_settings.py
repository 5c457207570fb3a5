"""Production refuses unsafe settings (issue 9, defect 2): the test gateway without ALLOW_TEST_PAYMENTS=1, a
generated SECRET_KEY, an http PUBLIC_URL (cookies without Secure) and localhost origins in the allowlist.
Development (the default, ``make run``, the e2e server on http://127.0.0.1) is not affected."""

from __future__ import annotations

import pytest

from marketplace.core.settings import Settings, get_settings, production_problems, refuse_unsafe_production

_VARS = ("PUBLIC_URL", "MERIDIAN_ENV", "PAYMENTS", "ALLOW_TEST_PAYMENTS", "SECRET_KEY", "CORS_ALLOWED_ORIGINS",
         "STRIPE_JS_URL", "STRIPE_API_BASE")


@pytest.fixture
def env(monkeypatch):
    for name in _VARS:
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()

    def settings(**values: str):
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        return get_settings()

    yield settings
    get_settings.cache_clear()


_SAFE = {"PUBLIC_URL": "https://shop.example", "PAYMENTS": "stripe", "SECRET_KEY": "a-long-random-secret"}


def _named(problems: list[str], name: str) -> list[str]:
    return [p for p in problems if name in p]


def test_development_defaults_have_no_problems_and_keep_the_local_origins(env):
    settings = env()
    assert not settings.production
    assert production_problems(settings) == []
    assert "http://localhost:3000" in settings.cors_allowed_origins
    refuse_unsafe_production(settings)  # does not exit


def test_the_e2e_and_make_run_setup_on_loopback_http_is_not_production(env):
    settings = env(PUBLIC_URL="http://127.0.0.1:8123", CORS_ALLOWED_ORIGINS="http://localhost:8123")
    assert production_problems(settings) == []


def test_an_https_public_url_with_safe_settings_has_no_problems(env):
    settings = env(**_SAFE)
    assert settings.production and settings.secure_cookies
    assert production_problems(settings) == []
    assert not settings.test_payments_banner


def test_the_embedded_test_gateway_is_refused_in_production(env):
    problems = production_problems(env(**{**_SAFE, "PAYMENTS": "embedded"}))
    assert len(problems) == 1
    assert "PAYMENTS" in problems[0] and "ALLOW_TEST_PAYMENTS=1" in problems[0]


def test_no_payment_settings_at_all_is_refused_in_production(env):
    problems = production_problems(env(PUBLIC_URL="https://shop.example", SECRET_KEY="k" * 40))
    assert _named(problems, "PAYMENTS")


def test_allow_test_payments_permits_the_test_gateway_and_turns_the_banner_on(env):
    settings = env(**{**_SAFE, "PAYMENTS": "embedded", "ALLOW_TEST_PAYMENTS": "1"})
    assert production_problems(settings) == []
    assert settings.test_payments_banner


@pytest.mark.parametrize("value", ["0", "", "no"])
def test_allow_test_payments_needs_an_explicit_yes(env, value):
    settings = env(**{**_SAFE, "PAYMENTS": "embedded", "ALLOW_TEST_PAYMENTS": value})
    assert _named(production_problems(settings), "PAYMENTS")


def test_an_unset_secret_key_is_refused_in_production(env, monkeypatch):
    settings = env(**{k: v for k, v in _SAFE.items() if k != "SECRET_KEY"})
    assert settings.secret_key  # the per-install key still exists for development
    assert _named(production_problems(settings), "SECRET_KEY")


def test_meridian_env_production_over_http_is_refused_for_the_cookies(env):
    settings = env(MERIDIAN_ENV="production", PUBLIC_URL="http://shop.example", PAYMENTS="stripe",
                   SECRET_KEY="k" * 40)
    assert settings.production and not settings.secure_cookies
    problems = production_problems(settings)
    assert len(problems) == 1 and "PUBLIC_URL" in problems[0] and "Secure" in problems[0]


def test_production_does_not_add_the_localhost_defaults_to_the_allowlist(env):
    settings = env(**_SAFE)
    assert settings.cors_allowed_origins == ("https://shop.example",)


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:8000", "http://[::1]:3000",
                                    "https://app.localhost"])
def test_a_localhost_origin_in_the_allowlist_is_refused_in_production(env, origin):
    problems = production_problems(env(**_SAFE, CORS_ALLOWED_ORIGINS=f"https://admin.shop.example,{origin}"))
    assert len(problems) == 1
    assert "CORS_ALLOWED_ORIGINS" in problems[0] and origin in problems[0]


def test_refusing_exits_with_every_problem_named(env):
    settings = env(PUBLIC_URL="https://shop.example")
    with pytest.raises(SystemExit) as exited:
        refuse_unsafe_production(settings)
    assert "PAYMENTS" in str(exited.value.code) and "SECRET_KEY" in str(exited.value.code)


def test_an_unknown_meridian_env_is_an_error(env):
    with pytest.raises(ValueError, match="MERIDIAN_ENV"):
        env(MERIDIAN_ENV="prod")


@pytest.mark.parametrize("value, days", [("", 7), ("0", 0), ("14", 14), ("90", 90)])
def test_payout_hold_days_reads_whole_days(value, days):
    assert Settings.from_env({"PAYOUT_HOLD_DAYS": value}).payout_hold_days == days


@pytest.mark.parametrize("value", ["-1", "91", "7.5", "seven", "٣"])
def test_a_bad_payout_hold_is_refused_by_name(value):
    with pytest.raises(ValueError, match="PAYOUT_HOLD_DAYS"):
        Settings.from_env({"PAYOUT_HOLD_DAYS": value})

"""The JavaScript the checkout sends to the browser for Stripe.js embeds every value as JSON: a client secret,
key or URL can never end the string and run code of its own; and the settings are read from the environment."""

from __future__ import annotations

import json
import re

import pytest

from marketplace.components.stripe_card import confirm_script, mount_script
from marketplace.core.settings import get_settings

HOSTILE = "pi_1_secret_x');alert(1);('\"</script>"


def test_the_confirm_script_passes_the_secret_as_one_json_string():
    script = confirm_script(HOSTILE)
    argument = re.search(r"confirm\((.*?)\):Promise", script).group(1)
    assert json.loads(argument) == HOSTILE
    assert "alert(1);(" not in script.replace(json.dumps(HOSTILE), "")


def test_the_mount_script_passes_its_settings_as_one_json_object():
    script = mount_script("https://js.stripe.com/v3/", HOSTILE, "de")
    config = json.loads(script[script.rindex("})(") + 3:-1])
    assert config == {"jsUrl": "https://js.stripe.com/v3/", "key": HOSTILE, "locale": "de"}
    assert "/stripe_card.js" in script


@pytest.fixture
def settings_env(monkeypatch):
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_stripe_js_url_and_publishable_key_come_from_the_environment(settings_env):
    settings_env.delenv("STRIPE_JS_URL", raising=False)
    settings_env.delenv("STRIPE_PUBLISHABLE_KEY", raising=False)
    assert (get_settings().stripe_js_url, get_settings().stripe_publishable_key) == ("https://js.stripe.com/v3/", "")
    get_settings.cache_clear()
    settings_env.setenv("STRIPE_JS_URL", "http://127.0.0.1:8420/js.stripe.com/v3/")
    settings_env.setenv("STRIPE_PUBLISHABLE_KEY", "pk_test_meridian")
    assert get_settings().stripe_js_url == "http://127.0.0.1:8420/js.stripe.com/v3/"
    assert get_settings().stripe_publishable_key == "pk_test_meridian"

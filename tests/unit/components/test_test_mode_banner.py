"""A production site running the test gateway (ALLOW_TEST_PAYMENTS=1) says so on every page, translated."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import reflex as rx

from marketplace.components.test_mode import with_test_mode_banner
from marketplace.core.i18n import catalog
from marketplace.core.settings import Settings

DEV = Settings(database_url="sqlite://", redis_url=None, payments="embedded",
               fx_source="embedded", public_url="http://localhost:3000", cors_allowed_origins=(),
               upload_dir=Path("/tmp"), secret_key="k")
MSGID = "Test mode: payments on this site are not real. No card is charged and no order is shipped."


def _page() -> rx.Component:
    return rx.text("the page", id="page-body")


def test_production_with_test_payments_puts_the_banner_on_top_of_the_page():
    settings = replace(DEV, production=True, public_url="https://shop.example", allow_test_payments=True)
    rendered = str(with_test_mode_banner(_page, settings)())
    assert "test-mode-banner" in rendered and "page-body" in rendered
    assert rendered.index("test-mode-banner") < rendered.index("page-body")
    assert MSGID in rendered  # looked up in the shopper's catalogue at run time


def test_no_banner_in_development_or_with_real_payments():
    assert with_test_mode_banner(_page, DEV) is _page
    stripe = replace(DEV, production=True, public_url="https://shop.example", payments="stripe")
    assert with_test_mode_banner(_page, stripe) is _page


def test_the_banner_is_translated():
    assert catalog("de")[MSGID].startswith("Testmodus")

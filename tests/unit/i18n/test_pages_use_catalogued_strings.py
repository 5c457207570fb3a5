"""Every string a page asks ``t()`` for is in the catalogue: labels passed through helpers as variables
(``t(label)``) escape ``make i18n-extract`` unless they are marked with ``N_``, and would then stay English
in every language."""

from __future__ import annotations


def test_every_page_builds_with_catalogued_strings_only():
    import marketplace.marketplace as app_module
    from marketplace.state import locale

    locale.UNCATALOGUED.clear()
    for page in app_module.app._unevaluated_pages.values():
        page.component() if callable(page.component) else page.component
    assert not locale.UNCATALOGUED, f"mark these with N_() and run make i18n-extract: {sorted(locale.UNCATALOGUED)}"

"""The catalogue editor and CSV import in Chromium, as seller B of the demo (milano: a Milan leather workshop
pricing in EUR).

Editor (phone, then desktop): the seller opens "New product" from the overview, names a card wallet (the engine
suggests HS codes as they type), gives two variants (one without a price) and saves a draft; the page lists why it
cannot be published, and Publish is refused with the first reason; the seller accepts the first HS suggestion,
prices the second variant, sees the shown price in Germany, the US and Japan, publishes, and the product shows
in the storefront. CSV (desktop): a 1,000-row file is checked, then imported with a progress bar; a file with one
bad row imports nothing and names the row and the column. Every page passes axe, at both sizes.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Category, Product, ProductStatus, Variant, Vendor
from tests.e2e.conftest import check_page, log_in
from tests.integration.vendors.csv_files import csv_bytes, good_rows

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
MILANO = "milano@meridian.test"


def _category_id(app_server, slug: str) -> str:  # noqa: ANN001
    with Session(app_server.engine()) as session:
        return str(session.exec(select(Category.id).where(Category.slug == slug)).one())


def _variant_count(app_server, prefix: str) -> int:  # noqa: ANN001
    with Session(app_server.engine()) as session:
        return session.exec(select(func.count()).select_from(Variant).where(Variant.sku.startswith(prefix))).one()


def _fill(page: Page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.blur()  # the debounced input reports on blur at the latest


def test_a_seller_creates_a_product_with_two_variants_and_publishes_it(phone: Page, desktop: Page, app_server,
                                                                       shoot):
    tag = uuid.uuid4().hex[:6].upper()
    name = f"Leather card wallet {tag}"
    page = phone
    log_in(page, MILANO, ACCOUNTS[MILANO].password)
    page.goto("/seller")
    page.locator("#new-product").click()
    expect(page.locator("#editor-heading")).to_have_text("New product")

    _fill(page, "#product-name", name)
    expect(page.locator("#hs-suggestions .hs-use").first).to_be_visible()  # suggested while typing
    _fill(page, "#product-description", "Vegetable-tanned calf leather.\nFour card slots.")
    page.locator("#product-category").select_option(_category_id(app_server, "bags"))
    _fill(page, "#product-option1", "Colour")
    _fill(page, "#variant-sku-0", f"CW-{tag}-TAN")
    _fill(page, "#variant-value1-0", "Tan")
    _fill(page, "#variant-weight_g-0", "60")
    page.locator("#add-variant").click()
    _fill(page, "#variant-sku-1", f"CW-{tag}-BLK")
    _fill(page, "#variant-value1-1", "Black")
    _fill(page, "#variant-price-1", "49.00")
    _fill(page, "#variant-compare_at-1", "59.00")
    _fill(page, "#variant-weight_g-1", "60")
    page.locator("#save-product").click()
    page.wait_for_url("**/seller/products/*/edit")

    problems = page.locator("#publish-problems")
    expect(problems).to_contain_text(f"CW-{tag}-TAN has no price.")
    expect(problems).to_contain_text(f"CW-{tag}-TAN has no HS code.")
    page.locator("#publish-product").click()
    expect(page.locator("#editor-error")).to_contain_text("has no price")
    check_page(page, shoot, "editor-refused-phone")

    page.locator("#hs-suggestions .hs-use").first.click()  # the engine's best guess
    expect(page.locator("#hs-title")).not_to_be_empty()
    _fill(page, "#variant-price-0", "45.00")
    expect(page.locator("#price-preview")).to_contain_text("€")
    expect(page.locator("#price-preview")).to_contain_text("$")
    expect(page.locator("#price-preview")).to_contain_text("¥")
    page.locator("#publish-product").click()
    expect(page.locator("#editor-notice")).to_have_text("Published: the product is in the shop.")
    expect(page.locator("#publish-problems")).to_have_count(0)
    check_page(page, shoot, "editor-published-phone")

    with Session(app_server.engine()) as session:
        product = session.exec(select(Product).where(Product.name == name)).one()
        assert product.status == ProductStatus.ACTIVE
        skus = session.exec(select(Variant.sku, Variant.hs_code).where(Variant.product_id == product.id)
                            .order_by(Variant.position)).all()
        assert [s for s, _ in skus] == [f"CW-{tag}-TAN", f"CW-{tag}-BLK"] and all(h for _, h in skus)
        slug, product_id = product.slug, product.id
    page.goto(f"/p/{slug}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.locator("#product-description")).to_contain_text("Four card slots.")

    log_in(desktop, MILANO, ACCOUNTS[MILANO].password)
    desktop.goto(f"/seller/products/{product_id}/edit")
    expect(desktop.locator("#product-name")).to_have_value(name)
    expect(desktop.locator("#price-preview")).to_contain_text("¥")
    check_page(desktop, shoot, "editor-desktop")
    desktop.goto("/seller/products/new")
    expect(desktop.locator("#editor-heading")).to_have_text("New product")
    check_page(desktop, shoot, "editor-new-desktop")


def test_a_csv_of_1000_rows_imports_and_a_file_with_one_bad_row_imports_nothing(phone: Page, desktop: Page,
                                                                                app_server, shoot):
    prefix = f"E2E{uuid.uuid4().hex[:5].upper()}"
    page = desktop
    log_in(page, MILANO, ACCOUNTS[MILANO].password)
    page.goto("/seller")
    page.locator("#import-products").click()
    expect(page.locator("#csv-columns")).to_contain_text("compare_at_price")
    upload = page.locator(".rx-Upload input[type=file]")

    bad = good_rows(40, prefix=f"{prefix}X", category="bags")
    bad[16]["compare_at_price"] = "1.00"  # spreadsheet row 18
    upload.set_input_files({"name": "bad.csv", "mimeType": "text/csv", "buffer": csv_bytes(bad)})
    errors = page.locator("#csv-errors .csv-error")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("Row 18")
    expect(errors.first).to_contain_text("compare_at_price")
    expect(errors.first).to_contain_text("The compare-at price must be above the price.")
    expect(page.locator("#csv-import")).to_have_count(0)
    assert _variant_count(app_server, f"{prefix}X") == 0
    check_page(page, shoot, "import-refused-desktop")

    good = good_rows(1000, prefix=prefix, category="bags")
    upload.set_input_files({"name": "good.csv", "mimeType": "text/csv", "buffer": csv_bytes(good)})
    expect(page.locator("#csv-summary")).to_contain_text("1,000 rows", timeout=30_000)
    page.locator("#csv-import").click()
    expect(page.locator("#csv-done")).to_contain_text("Imported.", timeout=60_000)
    assert _variant_count(app_server, prefix) == 1000
    with Session(app_server.engine()) as session:
        milano = session.exec(select(Vendor).where(Vendor.slug == ACCOUNTS[MILANO].vendor_key)).one()
        drafts = session.exec(select(func.count()).select_from(Product).where(
            Product.vendor_id == milano.id, Product.slug.startswith(f"{prefix.lower()}-mug-"))).one()
        assert drafts == 500
    check_page(page, shoot, "import-done-desktop")

    log_in(phone, MILANO, ACCOUNTS[MILANO].password)
    phone.goto("/seller/products/import")
    expect(phone.locator("#csv-columns")).to_contain_text("handle")
    check_page(phone, shoot, "import-phone")

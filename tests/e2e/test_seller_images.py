"""Seller pictures in Chromium: seller A (kyoto) uploads two pictures on their product page, moves the second
to the front, describes it, and the storefront's product page then shows that picture first with the alt
text; an SVG is refused with its message. Checked with axe and photographed at phone and desktop size."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from marketplace.catalog.media import delete_files
from marketplace.demo.seed import DEMO_ACCOUNTS
from marketplace.models import Product, ProductImage, Vendor
from tests.e2e.conftest import assert_accessible, log_in, no_horizontal_scroll
from tests.e2e.server import ARTIFACTS

pytestmark = pytest.mark.e2e
ACCOUNTS = {a.email: a for a in DEMO_ACCOUNTS}
KYOTO = "kyoto@meridian.test"


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (900, 700), colour).save(buf, "JPEG", quality=85)
    return buf.getvalue()


@pytest.fixture
def kyoto_product(app_server) -> tuple[int, str]:
    """Kyoto's last active product (not the one the access matrix uses), without seller pictures of earlier runs."""
    engine = app_server.engine()
    with Session(engine) as session:
        kyoto = session.exec(select(Vendor).where(Vendor.slug == ACCOUNTS[KYOTO].vendor_key)).one()
        product = session.exec(select(Product).where(Product.vendor_id == kyoto.id, Product.status == "active")
                               .order_by(Product.id.desc())).first()
        for img in session.exec(select(ProductImage).where(ProductImage.product_id == product.id,
                                                           ProductImage.full_path.startswith("products/"))).all():
            session.delete(img)
            delete_files(ARTIFACTS / "e2e-uploads", [img.thumb_path, img.full_path])
        session.commit()
        return product.id, product.slug


def _pictures_count(page: Page, n: int) -> None:
    expect(page.locator("#pictures-list img")).to_have_count(n)


def test_a_seller_uploads_orders_and_describes_pictures(phone: Page, desktop: Page, kyoto_product, shoot):
    product_id, slug = kyoto_product
    page = phone
    log_in(page, KYOTO, ACCOUNTS[KYOTO].password)
    page.goto(f"/seller/products/{product_id}")
    expect(page.get_by_role("heading", name="Pictures")).to_be_visible()
    before = page.locator("#pictures-list img").count()

    upload = page.locator(".rx-Upload input[type=file]")
    upload.set_input_files([{"name": "red.jpg", "mimeType": "image/jpeg", "buffer": _jpeg((200, 30, 30))},
                            {"name": "blue.jpg", "mimeType": "image/jpeg", "buffer": _jpeg((30, 60, 200))}])
    _pictures_count(page, before + 2)
    expect(page.get_by_text("Pictures saved.")).to_be_visible()

    # the blue one (uploaded last) moves up, one place at a time, to the front
    rows = page.locator("#pictures-list .picture-row")
    blue = rows.last.locator("img").get_attribute("src")
    for place in range(before + 1, 0, -1):
        rows.nth(place).get_by_role("button", name="Move up").click()
        expect(rows.nth(place - 1).locator("img")).to_have_attribute("src", blue)
    first = rows.first
    expect(first.get_by_role("button", name="Move up")).to_be_disabled()
    first.get_by_label("Picture description (alt text)").fill("Blue glaze, seen from above")
    first.get_by_role("button", name="Save").click()
    expect(first.locator("img")).to_have_attribute("alt", "Blue glaze, seen from above")
    expect(page.locator("#seller-product-name").locator("xpath=../..").locator("img")).to_have_attribute(
        "src", blue)  # the page's header shows the new first picture too
    assert_accessible(page, "seller pictures (phone)")
    assert no_horizontal_scroll(page)
    shoot(page, "phone-pictures")

    upload.set_input_files([{"name": "logo.svg", "mimeType": "image/svg+xml",
                             "buffer": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'}])
    expect(page.locator("#pictures-error")).to_contain_text("SVG files can't be uploaded")
    _pictures_count(page, before + 2)
    shoot(page, "phone-pictures-svg-refused")

    page.goto(f"/p/{slug}")
    slide = page.locator(".gallery-slide").first
    expect(slide).to_have_attribute("alt", "Blue glaze, seen from above")
    expect(slide).to_have_attribute("src", re.compile(r"/media/products/[0-9a-f]{32}-1200\.webp$"))
    shoot(page, "phone-storefront")

    log_in(desktop, KYOTO, ACCOUNTS[KYOTO].password)
    desktop.goto(f"/seller/products/{product_id}")
    _pictures_count(desktop, before + 2)
    assert_accessible(desktop, "seller pictures (desktop)")
    shoot(desktop, "desktop-pictures")

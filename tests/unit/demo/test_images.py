"""The local product-image generator: valid WEBP at the requested size, varied, designed, and idempotent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from marketplace.demo.catalogue import SEED_VERSION, Catalogue, DemoCategory, build_catalogue
from marketplace.demo.images import (
    MOTIFS,
    ensure_images,
    image_filename,
    motif_for,
    render_product_image,
    variant_label,
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return build_catalogue()


def category(cat: Catalogue, slug: str) -> DemoCategory:
    return next(c for c in cat.categories if c.slug == slug)


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def small_catalogue(cat: Catalogue) -> Catalogue:
    """Three products from different categories, to keep the tests fast."""
    picked, seen = [], set()
    for product in cat.products:
        if product.category_slug not in seen:
            picked.append(product)
            seen.add(product.category_slug)
        if len(picked) == 3:
            break
    return Catalogue(vendors=cat.vendors, categories=cat.categories, products=tuple(picked))


def test_renders_a_webp_of_the_requested_size(cat: Catalogue) -> None:
    product = cat.products[0]
    for size in (400, 256):
        img = decode(render_product_image(product.name, category(cat, product.category_slug),
                                          variant_label(product), size, product.slug))
        assert img.format == "WEBP"
        assert img.size == (size, size)


def test_rendering_is_deterministic(cat: Catalogue) -> None:
    product = cat.products[5]
    args = (product.name, category(cat, product.category_slug), variant_label(product), 200, product.slug)
    assert render_product_image(*args) == render_product_image(*args)


def test_different_products_give_different_images(cat: Catalogue) -> None:
    a, b = cat.products[0], cat.products[1]
    assert a.category_slug == b.category_slug  # same category: only name, label and seed differ
    img_a = render_product_image(a.name, category(cat, a.category_slug), variant_label(a), 200, a.slug)
    img_b = render_product_image(b.name, category(cat, b.category_slug), variant_label(b), 200, b.slug)
    assert img_a != img_b


def test_image_is_designed_not_a_flat_grey_box(cat: Catalogue) -> None:
    product = next(p for p in cat.products if p.category_slug == "tableware")
    img = decode(render_product_image(product.name, category(cat, product.category_slug),
                                      variant_label(product), 400, product.slug)).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 18)
    assert colours is not None and len(colours) > 200
    corner = ImageStat.Stat(img.crop((0, 0, 40, 40))).mean
    centre = ImageStat.Stat(img.crop((160, 120, 240, 200))).mean
    assert sum(abs(a - b) for a, b in zip(corner, centre, strict=True)) > 40
    r, g, b = ImageStat.Stat(img).mean
    assert max(r, g, b) - min(r, g, b) > 5  # tinted, not grey
    assert max(ImageStat.Stat(img).stddev) > 20


def test_every_category_motif_exists_and_every_motif_draws() -> None:
    for cat_ in build_catalogue().categories:
        assert cat_.motif in MOTIFS
    for motif in MOTIFS:
        fake = DemoCategory("x", "X", "X", None, "#3366AA", motif)
        name = "Teddy Bear" if motif == "teddy" else "Sample Item"
        img = decode(render_product_image(name, fake, "Indigo · M", 96, f"seed-{motif}"))
        assert img.size == (96, 96)


def test_keywords_refine_the_category_motif(cat: Catalogue) -> None:
    jewellery = category(cat, "jewellery")
    assert motif_for("Automatic Diver 200 m", jewellery) == "watch"
    assert motif_for("Bauhaus Quartz Watch 38", jewellery) == "watch"
    assert motif_for("Moonstone Pendant Necklace", jewellery) == "necklace"
    assert motif_for("Hammered Silver Band", jewellery) == "ring"
    assert motif_for("Orbit 14 Ultrabook", category(cat, "electronics")) == "laptop"


def test_image_filename() -> None:
    assert image_filename("indigo-glaze-stoneware-mug", 400) == "indigo-glaze-stoneware-mug-400.webp"


@pytest.mark.parametrize("size", [0, 8, 100_000])
def test_rejects_unreasonable_sizes(cat: Catalogue, size: int) -> None:
    product = cat.products[0]
    with pytest.raises(ValueError):
        render_product_image(product.name, category(cat, product.category_slug), "", size, product.slug)


def test_max_image_pixels_is_bounded() -> None:
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS <= 64_000_000


def test_ensure_images_writes_once_then_skips(cat: Catalogue, tmp_path: Path) -> None:
    small = small_catalogue(cat)
    sizes = (64, 192)
    written = ensure_images(small, tmp_path, sizes=sizes)
    out = tmp_path / "catalogue"
    assert written == len(small.products) * len(sizes)
    assert (out / ".version").read_text(encoding="utf-8").strip() == SEED_VERSION
    for product in small.products:
        for size in sizes:
            img = decode((out / image_filename(product.slug, size)).read_bytes())
            assert img.size == (size, size)

    assert ensure_images(small, tmp_path, sizes=sizes) == 0

    (out / image_filename(small.products[0].slug, 64)).unlink()
    assert ensure_images(small, tmp_path, sizes=sizes) == 1


def test_ensure_images_redoes_everything_when_the_version_changes(cat: Catalogue, tmp_path: Path) -> None:
    small = small_catalogue(cat)
    ensure_images(small, tmp_path, sizes=(64,))
    out = tmp_path / "catalogue"
    (out / ".version").write_text("1999-01-01.1\n", encoding="utf-8")
    stale = out / image_filename("discontinued-product", 64)
    stale.write_bytes(b"old")
    assert ensure_images(small, tmp_path, sizes=(64,), workers=2) == len(small.products)
    assert not stale.exists()
    assert (out / ".version").read_text(encoding="utf-8").strip() == SEED_VERSION

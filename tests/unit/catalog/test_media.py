"""Seller picture checks (catalog/media.py): each hostile or broken file is refused with its own code and
message and nothing is written; a good JPEG comes out as upright WebP renditions without EXIF."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from marketplace.catalog import media
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import ValidationError


def _jpeg(size=(800, 600), colour=(200, 40, 40), exif=None) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGB", size, colour)
    if exif is not None:
        img.save(buf, "JPEG", quality=90, exif=exif)
    else:
        img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` (a decompression bomb's shape)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _refusal(data: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        media.prepare_image(data, name)
    return info.value


def test_a_50_megapixel_bomb_is_refused_before_decoding():
    err = _refusal(_png_declaring(10_000, 5_000), "bomb.png")
    assert err.code == CatalogErrorCode.IMAGE_TOO_MANY_PIXELS
    assert err.message == media.MSG_PIXELS


def test_a_far_larger_bomb_trips_pillows_guard_and_is_still_our_refusal():
    err = _refusal(_png_declaring(30_000, 30_000), "huge.png")
    assert err.code == CatalogErrorCode.IMAGE_TOO_MANY_PIXELS


def test_an_svg_is_refused_as_svg():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    err = _refusal(svg, "logo.svg")
    assert err.code == CatalogErrorCode.IMAGE_SVG
    assert err.message == media.MSG_SVG


def test_a_zip_named_jpg_is_refused_by_its_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.exe", b"MZ" + os.urandom(200))
    err = _refusal(buf.getvalue(), "holiday.jpg")
    assert err.code == CatalogErrorCode.IMAGE_TYPE
    assert err.message == media.MSG_TYPE


def test_an_executable_named_png_is_refused():
    assert _refusal(b"MZ\x90\x00" + b"\x00" * 500, "photo.png").code == CatalogErrorCode.IMAGE_TYPE


def test_a_9_mb_file_is_refused_for_its_size_before_anything_is_decoded():
    big = _jpeg() + os.urandom(9 * 1024 * 1024)
    err = _refusal(big, "big.jpg")
    assert err.code == CatalogErrorCode.IMAGE_TOO_LARGE
    assert err.message == media.MSG_TOO_LARGE


def test_exactly_8_mb_is_not_refused_for_size():
    data = _jpeg()
    padded = data + b"\x00" * (media.MAX_BYTES - len(data))  # trailing bytes after EOI are ignored by decoders
    assert media.prepare_image(padded, "a.jpg").kind == "JPEG"


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = _jpeg(size=(1000, 800))
    err = _refusal(data[: len(data) // 2], "cut.jpg")
    assert err.code == CatalogErrorCode.IMAGE_CORRUPT
    assert err.message == media.MSG_CORRUPT


def test_an_empty_file_and_a_non_bytes_value_are_refused():
    assert _refusal(b"", "x.jpg").code == CatalogErrorCode.IMAGE_CORRUPT
    with pytest.raises(ValidationError):
        media.prepare_image("not bytes", "x.jpg")  # type: ignore[arg-type]


def test_a_good_jpeg_with_gps_exif_comes_out_upright_webp_without_exif(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x8825] = {2: (52.0, 31.0, 12.0), 1: "N", 4: (13.0, 24.0, 0.0), 3: "E"}  # GPS
    data = _jpeg(size=(1600, 900), exif=exif.tobytes())
    assert b"Exif" in data
    prepared = media.prepare_image(data, "shoe.jpg")
    paths = media.store_image(tmp_path, prepared)
    full = Image.open(tmp_path / paths["full"])
    thumb = Image.open(tmp_path / paths["thumb"])
    assert full.format == thumb.format == "WEBP"
    assert full.size == (675, 1200)  # turned upright (portrait), longest side 1200
    assert max(thumb.size) == 400
    for img in (full, thumb):
        assert not img.getexif()
        assert "exif" not in img.info and "xmp" not in img.info and "icc_profile" not in img.info
    raw = (tmp_path / paths["full"]).read_bytes()
    assert b"EXIF" not in raw and b"Exif" not in raw


def test_a_small_png_and_webp_are_not_upscaled():
    for fmt in ("PNG", "WEBP"):
        buf = io.BytesIO()
        Image.new("RGBA", (300, 200), (0, 120, 90, 200)).save(buf, fmt)
        prepared = media.prepare_image(buf.getvalue(), f"x.{fmt.lower()}")
        assert prepared.kind == fmt
        assert Image.open(io.BytesIO(prepared.renditions["full"])).size == (300, 200)


def test_stored_names_are_random_and_under_products(tmp_path):
    prepared = media.prepare_image(_jpeg(), "../../etc/passwd.jpg")
    a, b = media.store_image(tmp_path, prepared), media.store_image(tmp_path, prepared)
    assert a["full"] != b["full"]
    assert all(p.startswith("products/") and p.endswith(".webp") and "passwd" not in p for p in a.values())
    assert not list(tmp_path.rglob("*.tmp"))


def test_refusals_write_nothing(tmp_path):
    for data in (_png_declaring(10_000, 5_000), b"<svg/>", b"PK\x03\x04rest", _jpeg()[:300]):
        with pytest.raises(ValidationError):
            media.store_image(tmp_path, media.prepare_image(data, "x.jpg"))
    assert not list(tmp_path.rglob("*"))


def test_delete_files_only_touches_the_products_folder(tmp_path):
    paths = media.store_image(tmp_path, media.prepare_image(_jpeg(), "a.jpg"))
    outside = tmp_path / "catalogue" / "keep.webp"
    outside.parent.mkdir()
    outside.write_bytes(b"x")
    media.delete_files(tmp_path, [*paths.values(), "catalogue/keep.webp", "../x"])
    assert outside.exists()
    assert not list((tmp_path / "products").iterdir())

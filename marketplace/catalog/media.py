"""Seller product pictures: check an uploaded file, re-encode it, store it under a server-made name.

Contract:
- ``prepare_image(data, claimed_name)`` takes the raw bytes and the name the browser claimed (ignored: the
  type is sniffed from the bytes, never taken from the name). It accepts JPEG, PNG and WebP of
  at most ``MAX_BYTES`` (8 MB) and ``MAX_PIXELS`` (40 megapixels). The size is checked before anything is
  decoded, the magic number before Pillow opens the file, the declared dimensions before the pixels are
  loaded, then ``verify()`` and a full decode catch truncated or corrupt files. Pillow's decompression-bomb
  guard is treated as a refusal too. Each refusal is an :class:`ImageRefused` (a ``ValidationError``) with its own
  :class:`CatalogErrorCode` (``IMAGE_TOO_LARGE``, ``IMAGE_TYPE``, ``IMAGE_TOO_MANY_PIXELS``,
  ``IMAGE_CORRUPT``).
- The accepted image is turned upright from its EXIF orientation, converted to RGB(A) and re-encoded as WebP
  at the storefront's sizes (``SIZES``: 400 px thumbnail, 1200 px full, the demo pipeline's), never upscaled,
  with no EXIF, XMP or ICC metadata carried over.
- ``store_image(directory, prepared)`` writes both renditions under ``directory/products/`` with a random
  name (128 bits), each through a temporary file renamed into place; if either write fails, nothing stays.
  It returns the two paths relative to the upload directory, as ``ProductImage`` stores them.
- ``delete_files(directory, paths)`` removes stored renditions (missing files are fine).
Nothing here touches the database or knows who the caller is: ``vendors/images.py`` does.
"""

from __future__ import annotations

import io
import os
import pathlib
import secrets
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import ValidationError
from marketplace.core.i18n import N_

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIZES = {"thumb": 400, "full": 1200}  # the demo pipeline's sizes (demo/images.py::ensure_images)
WEBP_QUALITY = 82
SUBDIR = "products"

# Pillow raises DecompressionBombError above twice this, and warns above it; we refuse at MAX_PIXELS ourselves.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_MAGIC = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}

MSG_TOO_LARGE = N_("This file is larger than 8 MB. Please upload a smaller picture.")
MSG_EMPTY = N_("This file is empty.")
MSG_TYPE = N_("Only JPEG, PNG and WebP pictures can be uploaded; this file is not one of them.")
MSG_SVG = N_("SVG files can't be uploaded. Please upload a JPEG, PNG or WebP picture.")
MSG_PIXELS = N_("This picture has more than 40 megapixels. Please upload a smaller picture.")
MSG_CORRUPT = N_("This picture is damaged or incomplete and can't be read.")


@dataclass(frozen=True)
class PreparedImage:
    """An accepted picture: its sniffed type, original size and the WebP bytes per rendition name."""

    kind: str
    width: int
    height: int
    renditions: dict[str, bytes]


def sniff(data: bytes) -> str | None:
    """``"JPEG"``, ``"PNG"`` or ``"WEBP"`` from the file's first bytes, or None."""
    for kind, magics in _MAGIC.items():
        if any(data.startswith(m) for m in magics):
            return kind
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


class ImageRefused(ValidationError):
    """An uploaded picture was refused; ``code`` says why (one of the ``IMAGE_*`` codes)."""

    default_code = CatalogErrorCode.IMAGE_TYPE


def _refuse(message: str, code: CatalogErrorCode) -> ImageRefused:
    return ImageRefused(message, code=code, field="images")


def _open_checked(data: bytes, kind: str) -> Image.Image:
    """Open, verify and fully decode ``data``; every failure becomes a refusal."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _refuse(MSG_PIXELS, CatalogErrorCode.IMAGE_TOO_MANY_PIXELS)
                probe.verify()
            img = Image.open(io.BytesIO(data), formats=[kind])
            img.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(MSG_PIXELS, CatalogErrorCode.IMAGE_TOO_MANY_PIXELS) from exc
    except UnidentifiedImageError as exc:
        raise _refuse(MSG_TYPE, CatalogErrorCode.IMAGE_TYPE) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # truncated / corrupt data
        raise _refuse(MSG_CORRUPT, CatalogErrorCode.IMAGE_CORRUPT) from exc
    return img


def _encode(img: Image.Image, size: int) -> bytes:
    copy = img.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)  # never upscales
    buf = io.BytesIO()
    copy.save(buf, "WEBP", quality=WEBP_QUALITY, method=4)  # no exif=/icc_profile=/xmp=: nothing carried over
    return buf.getvalue()


def prepare_image(data: object, claimed_name: object = "") -> PreparedImage:
    """Check ``data`` and return its WebP renditions; raise ``ValidationError`` with a specific code."""
    del claimed_name  # the browser's name says nothing trustworthy about the content
    if not isinstance(data, bytes | bytearray):
        raise _refuse(MSG_TYPE, CatalogErrorCode.IMAGE_TYPE)
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise _refuse(MSG_TOO_LARGE, CatalogErrorCode.IMAGE_TOO_LARGE)
    if not data:
        raise _refuse(MSG_EMPTY, CatalogErrorCode.IMAGE_CORRUPT)
    kind = sniff(data)
    if kind is None:
        if _looks_like_svg(data):
            raise _refuse(MSG_SVG, CatalogErrorCode.IMAGE_SVG)
        raise _refuse(MSG_TYPE, CatalogErrorCode.IMAGE_TYPE)
    img = _open_checked(data, kind)
    try:
        try:
            upright = ImageOps.exif_transpose(img)
        except Exception as exc:  # noqa: BLE001 - a malformed EXIF block is a damaged file
            raise _refuse(MSG_CORRUPT, CatalogErrorCode.IMAGE_CORRUPT) from exc
        mode = "RGBA" if "A" in upright.getbands() or upright.mode in ("P", "LA") else "RGB"
        clean = upright.convert(mode)
        clean.info.clear()
        renditions = {name: _encode(clean, size) for name, size in SIZES.items()}
        return PreparedImage(kind=kind, width=img.width, height=img.height, renditions=renditions)
    finally:
        img.close()


def _write_atomic(path: pathlib.Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def store_image(directory: pathlib.Path, prepared: PreparedImage) -> dict[str, str]:
    """Write the renditions under a fresh random name; return ``{rendition: path relative to directory}``."""
    folder = pathlib.Path(directory) / SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    stem = secrets.token_hex(16)
    written: list[pathlib.Path] = []
    paths: dict[str, str] = {}
    try:
        for name, data in prepared.renditions.items():
            target = folder / f"{stem}-{SIZES[name]}.webp"
            _write_atomic(target, data)
            written.append(target)
            paths[name] = f"{SUBDIR}/{target.name}"
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return paths


def delete_files(directory: pathlib.Path, paths: list[str]) -> None:
    """Remove stored renditions of seller pictures (only files under ``products/``)."""
    base = (pathlib.Path(directory) / SUBDIR).resolve()
    for rel in paths:
        target = (pathlib.Path(directory) / rel).resolve()
        if target.parent == base:
            target.unlink(missing_ok=True)

"""A seller's pictures of their own product: add, list, move, describe (alt text) and remove.

Contract:
- Every function takes the :class:`Caller` from the server-side session and a product id, and first checks
  that the product belongs to the caller's vendor (``portal._own_product``: another seller's product is a
  ``PermissionDenied``, audited). Changes also need a shop that may edit (approved: ``portal.listing_lock``);
  a pending, suspended or closed shop gets ``SHOP_LOCKED`` with the reason.
- ``add_images`` checks EVERY file (``catalog/media.prepare_image``) before it writes any: one refused file
  refuses the whole batch and nothing is stored. Accepted files are written under random names, then their
  ``ProductImage`` rows are appended after the existing pictures; if the database write or the caller's
  commit fails, the files just written are removed. A product holds at most ``MAX_IMAGES`` pictures.
- ``move_image`` moves one picture up (-1) or down (+1) by one place; positions stay 0..n-1.
- ``set_alt`` sets a picture's alt text (at most ``MAX_ALT`` characters, stripped; blank falls back to the
  product name in the shop).
- ``remove_image`` deletes the row, renumbers the rest and, once that is committed, removes the stored files
  (only seller uploads under ``products/``; demo catalogue files are shared and stay).
- An image id that is not one of this product's pictures is ``IMAGE_NOT_FOUND``, whoever owns it.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.service import Caller
from marketplace.catalog import media
from marketplace.core.db import after_outcome
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_
from marketplace.models import ProductImage
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.portal import _own_product, _require_open_shop

MAX_IMAGES = 10
MAX_ALT = 200


@dataclass(frozen=True)
class SellerImage:
    id: int
    position: int
    thumb_path: str
    full_path: str
    alt: str


def _images(session: Session, product_id: int) -> list[ProductImage]:
    return list(session.exec(select(ProductImage).where(ProductImage.product_id == product_id)
                             .order_by(ProductImage.position, ProductImage.id)).all())


def _view(rows: list[ProductImage]) -> list[SellerImage]:
    return [SellerImage(id=r.id, position=r.position, thumb_path=r.thumb_path, full_path=r.full_path, alt=r.alt)
            for r in rows]


def _renumber(session: Session, rows: list[ProductImage]) -> None:
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i
            session.add(row)


def _editable(session: Session, caller: Caller | None, product_id: object):  # noqa: ANN202
    caller, product = _own_product(session, caller, product_id)
    _require_open_shop(session, product.vendor_id)
    return caller, product


def _image_of(rows: list[ProductImage], image_id: object) -> ProductImage:
    if isinstance(image_id, int) and not isinstance(image_id, bool):
        for row in rows:
            if row.id == image_id:
                return row
    raise NotFound("We couldn't find that picture.", code=VendorErrorCode.IMAGE_NOT_FOUND, field="image")


def product_images(session: Session, caller: Caller | None, product_id: object) -> list[SellerImage]:
    _, product = _own_product(session, caller, product_id)
    return _view(_images(session, product.id))


def add_images(session: Session, caller: Caller | None, product_id: object, files: object,
               directory: pathlib.Path) -> list[SellerImage]:
    """``files`` is a list of ``(claimed name, bytes)``; all are checked before any is written."""
    caller, product = _editable(session, caller, product_id)
    if not isinstance(files, list) or not files or not all(
            isinstance(f, tuple) and len(f) == 2 and isinstance(f[0], str) for f in files):
        raise ValidationError("Choose at least one picture to upload.", code=VendorErrorCode.IMAGES_MISSING,
                              field="images")
    rows = _images(session, product.id)
    if len(rows) + len(files) > MAX_IMAGES:
        raise ValidationError(N_("A product can have at most %(max)s pictures."),
                              code=VendorErrorCode.TOO_MANY_IMAGES, field="images", max=MAX_IMAGES)
    prepared = [media.prepare_image(data, name) for name, data in files]  # refuses before anything is written
    stored: list[dict[str, str]] = []
    try:
        for p in prepared:
            stored.append(media.store_image(directory, p))
        for offset, paths in enumerate(stored):
            session.add(ProductImage(product_id=product.id, thumb_path=paths["thumb"], full_path=paths["full"],
                                     alt="", position=len(rows) + offset))
        audit.record(session, "product.images_added", actor_user_id=caller.user_id, entity_type="product",
                     entity_id=product.id, count=len(stored))
        session.flush()
    except BaseException:
        media.delete_files(directory, [p for paths in stored for p in paths.values()])
        raise
    written = [p for paths in stored for p in paths.values()]
    after_outcome(session, rolled_back=lambda: media.delete_files(directory, written))  # no orphans on a failed commit
    return _view(_images(session, product.id))


def move_image(session: Session, caller: Caller | None, product_id: object, image_id: object,
               step: object) -> list[SellerImage]:
    caller, product = _editable(session, caller, product_id)
    if not isinstance(step, int) or isinstance(step, bool) or step not in (-1, 1):
        raise ValidationError("Pictures move one place up or down.", code=VendorErrorCode.IMAGE_MOVE_INVALID,
                              field="step")
    rows = _images(session, product.id)
    row = _image_of(rows, image_id)
    i = rows.index(row)
    j = i + step
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
        _renumber(session, rows)
        audit.record(session, "product.image_moved", actor_user_id=caller.user_id, entity_type="product",
                     entity_id=product.id, image=row.id, position=j)
    session.flush()
    return _view(_images(session, product.id))


def set_alt(session: Session, caller: Caller | None, product_id: object, image_id: object,
            alt: object) -> list[SellerImage]:
    caller, product = _editable(session, caller, product_id)
    if not isinstance(alt, str) or len(alt.strip()) > MAX_ALT:
        raise ValidationError(N_("A picture description can be at most %(max)s characters."),
                              code=VendorErrorCode.IMAGE_ALT_TOO_LONG, field="alt", max=MAX_ALT)
    row = _image_of(_images(session, product.id), image_id)
    row.alt = " ".join(alt.split())
    session.add(row)
    session.flush()
    return _view(_images(session, product.id))


def remove_image(session: Session, caller: Caller | None, product_id: object, image_id: object,
                 directory: pathlib.Path) -> list[SellerImage]:
    caller, product = _editable(session, caller, product_id)
    rows = _images(session, product.id)
    row = _image_of(rows, image_id)
    paths = [row.thumb_path, row.full_path]
    session.delete(row)
    rows.remove(row)
    _renumber(session, rows)
    audit.record(session, "product.image_removed", actor_user_id=caller.user_id, entity_type="product",
                 entity_id=product.id, image=row.id)
    session.flush()
    # the files go only once the row's removal is committed; should the commit fail, row and files both stay
    after_outcome(session, committed=lambda: media.delete_files(directory, paths))
    return _view(_images(session, product.id))

"""What a seller does with their own catalogue: the editor (create, edit, publish, HS suggestions, the check before
publishing) and the CSV export and import. The work is done by ``catalog/editor.py`` and ``catalog/csv_io.py``;
this module decides who may do it.

Contract:
- Every function takes the :class:`Caller` resolved from the server-side session and acts only for the caller's
  own vendor (``require_vendor``). Another seller's product id raises :class:`PermissionDenied` (audited, through
  ``portal._own_product``) and changes nothing; an unknown id raises :class:`NotFound`.
- ``publish`` is refused while the shop is not approved (``portal._require_open_shop``, the same lock as listing
  and hiding). Saving and importing follow the shop-status policy (``vendors.shop_status``): drafts may be
  edited while a shop waits for approval or is suspended, never once it is closed; changing a listed product
  needs a shop that may publish (an approved one).
- Every change is audited in the same transaction: ``product.created``, ``product.edited``,
  ``product.published``, ``catalogue.imported`` (with the actor).
- ``import_csv`` writes nothing when ``dry_run`` or any row is bad (see ``catalog/csv_io.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from marketplace.accounts import audit
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.catalog import csv_io, editor
from marketplace.catalog.editor import ProductEdit, PublishReport
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import NotFound, ValidationError
from marketplace.crossborder.hs import HsSuggestion
from marketplace.models import Product, ProductStatus, Vendor
from marketplace.vendors import portal, product_moderation, shop_status
from marketplace.vendors.error_codes import VendorErrorCode
from marketplace.vendors.shop_status import ShopAction


def _vendor(session: Session, caller: Caller | None) -> tuple[Caller, Vendor]:
    caller, vendor_id = require_vendor(caller, Capability.CATALOGUE)
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find your shop.", code=VendorErrorCode.SHOP_NOT_FOUND)
    return caller, vendor


def _own(session: Session, caller: Caller | None, product_id: object) -> tuple[Caller, Vendor, Product]:
    caller, vendor = _vendor(session, caller)
    _, product = portal._own_product(session, caller, product_id)  # noqa: SLF001 - the portal's ownership check
    return caller, vendor, product


def categories(session: Session, caller: Caller | None, lang: str) -> list[tuple[int, str]]:
    _vendor(session, caller)
    return editor.editor_categories(session, lang)


def shop_currency(session: Session, caller: Caller | None) -> tuple[str, str, str]:
    """(currency, country, status) of the caller's shop."""
    _, vendor = _vendor(session, caller)
    return vendor.currency, vendor.country, vendor.status


def load_product(session: Session, caller: Caller | None, product_id: object) -> ProductEdit:
    _, vendor, product = _own(session, caller, product_id)
    return editor.load_product(session, vendor, product)


def save_product(session: Session, caller: Caller | None, product_id: object, data: object) -> int:
    """Create (``product_id`` None) or update the caller's product; returns its id."""
    if product_id is None:
        caller, vendor = _vendor(session, caller)
        product = None
    else:
        caller, vendor, product = _own(session, caller, product_id)
    shop_status.require(vendor.status, ShopAction.EDIT_DRAFTS)
    if product is not None and product.status == ProductStatus.ACTIVE:
        shop_status.require(vendor.status, ShopAction.PUBLISH)  # a listed product is a listing
    notice = product_moderation.seller_notice(session, product.id) if product is not None else None
    if notice is not None and notice.removed:
        raise ValidationError("Our staff removed this product for good; it cannot be changed or listed again.",
                              code=CatalogErrorCode.PRODUCT_REMOVED)
    before = product_moderation.customs_snapshot(session, product.id) if product is not None else None
    saved = editor.save_product(session, vendor, caller.user_id, product, data)
    product_moderation.scan_product(session, saved.product_id, before)  # keyword / restricted / customs-edit flags
    audit.record(session, "product.created" if saved.created else "product.edited", actor_user_id=caller.user_id,
                 entity_type="product", entity_id=saved.product_id, changed=list(saved.changed),
                 variants=saved.variants)
    return saved.product_id


def publish_report(session: Session, caller: Caller | None, product_id: object) -> PublishReport:
    _, _, product = _own(session, caller, product_id)
    return editor.publish_report(session, product)


def publish(session: Session, caller: Caller | None, product_id: object) -> str:
    """List the caller's product; returns its new status."""
    caller, vendor, product = _own(session, caller, product_id)
    portal._require_open_shop(session, vendor.id)  # noqa: SLF001 - the same lock as listing and hiding
    old = editor.publish(session, product)
    if old != product.status:
        audit.record(session, "product.published", actor_user_id=caller.user_id, entity_type="product",
                     entity_id=product.id, old=old, new=product.status)
    return product.status


def suggest_hs(caller: Caller | None, text: object) -> list[HsSuggestion]:
    require_vendor(caller, Capability.CATALOGUE)
    return editor.suggest_hs(text)


def export_csv(session: Session, caller: Caller | None) -> str:
    _, vendor = _vendor(session, caller)
    return csv_io.export_csv(session, vendor)


def import_csv(session: Session, caller: Caller | None, data: object, dry_run: bool = True,
               progress: Callable[[int, int], None] | None = None) -> csv_io.ImportResult:
    caller, vendor = _vendor(session, caller)
    if not dry_run:
        shop_status.require(vendor.status, ShopAction.EDIT_DRAFTS)
    result = csv_io.import_csv(session, vendor, caller.user_id, data, dry_run=dry_run, progress=progress)
    if result.written:
        audit.record(session, "catalogue.imported", actor_user_id=caller.user_id, entity_type="vendor",
                     entity_id=vendor.id, rows=result.rows, new_products=result.new_products,
                     new_variants=result.new_variants, updated_variants=result.updated_variants)
    return result

"""The seller's stock page: their variants with stock, held units and low-stock state, bulk edits, thresholds
and each variant's history.

Contract:
- Every function takes the :class:`Caller` from the server-side session, starts with
  ``require_vendor(caller, Capability.STOCK)`` and touches only that vendor's variants. A variant id that is
  not theirs (or does not exist) raises ``NotFound`` (``variant_of_other_seller``) and changes nothing; the refusal is audited.
- :func:`stock_page` lists the variants (50 a page) filtered by ``show`` (``all`` | ``low``: some left, at or
  below the threshold | ``out``: none left) and a search (product name or SKU, at most 100 characters),
  low and sold-out first; with the shop's low and sold-out counts (also on the overview: :func:`stock_alerts`).
- :func:`edit_stock` sets (``mode="set"``, 0..``MAX_STOCK``) or adds (``mode="add"``, a non-zero change,
  negative to remove) the same quantity for 1-100 selected variants, all or nothing, through
  ``catalog.stock_history.change_stock`` with reason ``manual``, the caller as actor and the seller's note as
  reference. The quantity is what is left for new checkouts: units held by open checkouts are already off it
  and stay theirs (see ``catalog.stock_history``), so an edit never oversells. Suspended and closed shops
  cannot edit (``shop_locked``).
- :func:`set_threshold` changes one variant's low-stock threshold (0..10,000); :func:`variant_history` returns
  the variant's last 50 history rows, newest first, with the actor's display name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_vendor
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.service import Caller
from marketplace.catalog.stock_history import MAX_STOCK, StockReason, change_stock, is_low, lock_variant
from marketplace.catalog.stock_history import set_threshold as set_variant_threshold
from marketplace.core.errors import NotFound, PermissionDenied, ValidationError
from marketplace.core.i18n import N_
from marketplace.models import Product, StockChange, StockReservation, User, Variant, Vendor, VendorStatus
from marketplace.vendors.error_codes import VendorErrorCode

PAGE_SIZE = 50
MAX_SELECTED = 100
HISTORY_ROWS = 50
SHOWS = ("all", "low", "out")
MODES = ("set", "add")
_LOCKED = {VendorStatus.SUSPENDED: N_("Your shop is suspended, so its stock can't be changed. Contact support to "
                                      "reinstate it."),
           VendorStatus.TERMINATED: N_("Your shop is closed, so its stock can't be changed.")}


@dataclass(frozen=True)
class StockRow:
    variant_id: int
    product_id: int
    product_name: str
    sku: str
    options: list[tuple[str, str]]
    stock: int
    held: int  # units held by open checkouts (already off ``stock``)
    threshold: int
    state: str  # ok | low | out


@dataclass(frozen=True)
class StockPage:
    rows: list[StockRow]
    total: int  # rows matching the filter and search
    page: int
    pages: int
    low: int  # the shop's variants that are low (whatever the filter)
    out: int  # the shop's sold-out variants


@dataclass(frozen=True)
class StockAlerts:
    low: int
    out: int


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    delta: int
    stock_after: int
    reason: str
    actor: str | None  # the person's display name; None for the system
    reference: str


def stock_state(stock: int, threshold: int) -> str:
    """``out`` with none left, ``low`` at or below the threshold, ``ok`` otherwise."""
    return "out" if stock <= 0 else "low" if is_low(stock, threshold) else "ok"


def stock_page(session: Session, caller: Caller | None, show: object = "all", query: object = "",
               page: object = 1) -> StockPage:
    _, vendor_id = require_vendor(caller, Capability.STOCK)
    if show not in SHOWS:
        raise ValidationError(N_("Unknown filter."), code=VendorErrorCode.STOCK_FILTER_INVALID, field="show")
    if not isinstance(query, str) or len(query) > 100:
        raise ValidationError(N_("Search text is too long."), code=VendorErrorCode.SELLER_SEARCH_TOO_LONG,
                              field="query")
    if isinstance(page, bool) or not isinstance(page, int) or not 1 <= page <= 10_000:
        page = 1
    base = select(Variant, Product.name).join(Product, Product.id == Variant.product_id).where(
        Product.vendor_id == vendor_id)
    if show == "low":
        base = base.where(Variant.stock > 0, Variant.stock <= Variant.low_stock_threshold)
    elif show == "out":
        base = base.where(Variant.stock <= 0)
    text = query.strip().lower()
    if text:
        like = f"%{text}%"
        base = base.where(or_(func.lower(Product.name).like(like), func.lower(Variant.sku).like(like)))
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    urgency = (Variant.stock > Variant.low_stock_threshold)  # False (low or out) sorts first
    found = session.exec(base.order_by(urgency, Variant.stock > 0, Product.name, col(Variant.position), Variant.id)
                         .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    held = _held(session, [variant.id for variant, _ in found])
    rows = [StockRow(variant_id=variant.id, product_id=variant.product_id, product_name=name, sku=variant.sku,
                     options=[(str(pair[0]), str(pair[1])) for pair in variant.options or [] if len(pair) == 2],
                     stock=variant.stock, held=held.get(variant.id, 0), threshold=variant.low_stock_threshold,
                     state=stock_state(variant.stock, variant.low_stock_threshold))
            for variant, name in found]
    alerts = _alerts(session, vendor_id)
    return StockPage(rows=rows, total=int(total), page=page, pages=pages, low=alerts.low, out=alerts.out)


def stock_alerts(session: Session, caller: Caller | None) -> StockAlerts:
    """How many of the caller's variants are low and sold out (the overview's stock card)."""
    _, vendor_id = require_vendor(caller, Capability.STOCK)
    return _alerts(session, vendor_id)


def edit_stock(session: Session, caller: Caller | None, variant_ids: object, mode: object, quantity: object,
               note: object = "") -> int:
    """Set or add ``quantity`` for every selected variant; returns how many changed (a set to the level a
    variant already has changes nothing). All or nothing: one refused variant leaves every one as it was."""
    caller, vendor_id = require_vendor(caller, Capability.STOCK)
    ids = _selection(variant_ids)
    if mode not in MODES:
        raise ValidationError(N_("Choose whether to set or add."), code=VendorErrorCode.STOCK_MODE_INVALID,
                              field="mode")
    _require_open_shop(session, vendor_id)
    _own_variants(session, caller, vendor_id, ids)
    changed = 0
    for variant_id in sorted(ids):  # ascending id: the same lock order as stock holds
        kwargs = {"new_stock": quantity} if mode == "set" else {"delta": quantity}
        row = change_stock(session, variant_id, reason=StockReason.MANUAL, actor_user_id=caller.user_id,
                           reference=note, **kwargs)  # type: ignore[arg-type]
        changed += row is not None
    return changed


def set_threshold(session: Session, caller: Caller | None, variant_id: object, threshold: object) -> int:
    """Set one of the caller's variants' low-stock threshold; returns it."""
    caller, vendor_id = require_vendor(caller, Capability.STOCK)
    ids = _selection([variant_id])
    _require_open_shop(session, vendor_id)
    _own_variants(session, caller, vendor_id, ids)
    return set_variant_threshold(session, ids[0], threshold).low_stock_threshold


def variant_history(session: Session, caller: Caller | None, variant_id: object) -> list[HistoryRow]:
    caller, vendor_id = require_vendor(caller, Capability.STOCK)
    ids = _selection([variant_id])
    _own_variants(session, caller, vendor_id, ids, lock=False)
    found = session.exec(select(StockChange, User.display_name)
                         .join(User, User.id == StockChange.actor_user_id, isouter=True)
                         .where(StockChange.variant_id == ids[0])
                         .order_by(col(StockChange.at).desc(), col(StockChange.id).desc()).limit(HISTORY_ROWS)).all()
    return [HistoryRow(at=row.at, delta=row.delta, stock_after=row.stock_after, reason=row.reason,
                       actor=name if row.actor_user_id is not None else None, reference=row.reference)
            for row, name in found]


def _selection(value: object) -> list[int]:
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= MAX_SELECTED:
        raise ValidationError(N_("Select from 1 to %(max)s variants."), code=VendorErrorCode.STOCK_SELECTION_INVALID,
                              field="variants", max=MAX_SELECTED)
    ids: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 2**53:
            raise NotFound(N_("We couldn't find that variant."), code=VendorErrorCode.VARIANT_OF_OTHER_SELLER)
        if item not in ids:
            ids.append(item)
    return ids


def _own_variants(session: Session, caller: Caller, vendor_id: int, ids: list[int], *, lock: bool = True) -> None:
    owners = dict(session.exec(select(Variant.id, Product.vendor_id).join(Product, Product.id == Variant.product_id)
                               .where(col(Variant.id).in_(ids))).all())
    foreign = [i for i in ids if owners.get(i) != vendor_id]
    if foreign:
        if any(i in owners for i in foreign):  # someone else's variant: worth a line in the audit log
            audit.record(session, "seller.denied", actor_user_id=caller.user_id, entity_type="variant",
                         entity_id=foreign[0])
            session.commit()  # the refusal is audited even though we raise
        raise NotFound(N_("We couldn't find that variant."), code=VendorErrorCode.VARIANT_OF_OTHER_SELLER)
    if lock:
        for variant_id in sorted(ids):
            lock_variant(session, variant_id)


def _require_open_shop(session: Session, vendor_id: int) -> None:
    vendor = session.get(Vendor, vendor_id)
    status = vendor.status if vendor else VendorStatus.TERMINATED
    if status in _LOCKED:
        raise PermissionDenied(_LOCKED[status], code=VendorErrorCode.SHOP_LOCKED)


def _held(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    return {variant_id: int(units) for variant_id, units in session.exec(
        select(StockReservation.variant_id, func.sum(StockReservation.quantity))
        .where(col(StockReservation.variant_id).in_(ids), StockReservation.status == "held")
        .group_by(StockReservation.variant_id)).all()}


def _alerts(session: Session, vendor_id: int) -> StockAlerts:
    base = select(func.count()).select_from(Variant).join(Product, Product.id == Variant.product_id).where(
        Product.vendor_id == vendor_id)
    low = session.exec(base.where(Variant.stock > 0, Variant.stock <= Variant.low_stock_threshold)).one()
    out = session.exec(base.where(Variant.stock <= 0)).one()
    return StockAlerts(low=int(low), out=int(out))


__all__ = ["HISTORY_ROWS", "MAX_SELECTED", "MAX_STOCK", "MODES", "PAGE_SIZE", "SHOWS", "HistoryRow", "StockAlerts",
           "StockPage", "StockRow", "edit_stock", "set_threshold", "stock_alerts", "stock_page", "stock_state",
           "variant_history"]

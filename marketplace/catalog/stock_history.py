"""Every change of a variant's stock that a seller should see, with its history row and the low-stock alert.

Contract:
- :func:`change_stock(session, variant_id, *, new_stock=None, delta=None, reason, actor_user_id, reference)`
  is the one way to change ``variants.stock`` outside stock holds: a seller's edit (``manual``), the first
  stock of a new variant (``initial``), a CSV import (``import``), units coming back from a canceled order
  (``cancellation``) or a returned parcel (``return``), a unit sent out as an exchange (``exchange``). Give
  exactly one of ``new_stock`` (the level to set, 0..``MAX_STOCK``) or ``delta`` (a non-zero change whose
  result stays in 0..``MAX_STOCK``). It writes one :class:`~marketplace.models.StockChange` (delta, stock
  after, reason, actor or ``None`` for the system, reference up to 120 characters) and returns it. Setting
  the level it already has writes nothing and returns ``None``. Bad input raises ``ValidationError`` /
  ``NotFound`` (codes in ``catalog.error_codes``) and changes nothing.
- Stock holds (``orders.stock``): ``variants.stock`` is what is left for NEW checkouts. Units held by a
  running checkout were taken off when it was held, and a hold is never cut short by a change here: a seller
  who sets 0 while 2 units are held leaves those 2 checkouts able to pay (their units were already theirs),
  and no new checkout can take anything. A decrease can never take more than is left (``stock_negative``),
  so a change here never oversells. Holds moving units do not write history; a hold that becomes an order is
  written by :func:`record_sale` (delta = the units sold, stock after = what is left), a hold given back writes
  nothing (nothing was sold).
- Concurrency: the variant row is locked before it is read (PostgreSQL ``SELECT ... FOR UPDATE``; on SQLite the
  caller's ``immediate_scope`` — ``BEGIN IMMEDIATE`` — already serialises writers), and the new level is
  written in that transaction, so two edits and a checkout never lose an update.
- Low stock: each variant has ``low_stock_threshold`` (default 5). When a sale leaves it at or below the
  threshold (0 included), every active member of its vendor is e-mailed once (outbox ``email``, in their
  language) and ``low_stock_alerted`` is set; any change that lifts the stock above the threshold clears it,
  so the next fall alerts again. Manual and import changes never e-mail (the seller made them).
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session, select

from marketplace import routes
from marketplace.catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.i18n import N_, translate
from marketplace.core.settings import get_settings
from marketplace.models import Product, StockChange, User, Variant, VendorMember
from marketplace.outbox.worker import enqueue

MAX_STOCK = 1_000_000
MAX_THRESHOLD = 10_000
MAX_REFERENCE = 120
_WHOLE = N_("Enter a whole number from %(low)s to %(high)s.")


class StockReason(StrEnum):
    """Values of ``StockChange.reason``."""

    SALE = "sale"  # a paid order took units (written by record_sale)
    RETURN = "return"  # a returned parcel's units came back
    CANCELLATION = "cancellation"  # a canceled order's units came back
    EXCHANGE = "exchange"  # a unit was sent to a shopper in exchange for a returned one
    MANUAL = "manual"  # the seller set or changed the level on the stock page
    IMPORT = "import"  # a CSV import set the level
    INITIAL = "initial"  # the first stock of a new variant


def change_stock(session: Session, variant_id: int, *, new_stock: int | None = None, delta: int | None = None,
                 reason: str, actor_user_id: int | None, reference: str = "") -> StockChange | None:
    """Set or change the variant's stock in the caller's transaction and write its history row.

    Raises:
        ValidationError: neither or both of ``new_stock``/``delta``, not whole numbers, out of range, a decrease
            below 0 (``stock_negative``), an unknown reason, a reference over 120 characters.
        NotFound: no such variant.
    """
    reason = _reason(reason)
    reference = _reference(reference)
    if (new_stock is None) == (delta is None):
        raise ValidationError(N_("Give either the new stock or the change."), code=CatalogErrorCode.STOCK_QUANTITY_INVALID)
    if new_stock is not None:
        target_or_delta = _whole(new_stock, 0, MAX_STOCK, "stock")
    else:
        target_or_delta = _whole(delta, -MAX_STOCK, MAX_STOCK, "delta")
        if target_or_delta == 0:
            raise ValidationError(N_("Enter a change other than 0."), code=CatalogErrorCode.STOCK_QUANTITY_INVALID,
                                  field="delta")
    variant = lock_variant(session, variant_id)
    before = variant.stock
    after = target_or_delta if new_stock is not None else before + target_or_delta
    if after < 0:
        raise ValidationError(N_("Only %(stock)s left of %(sku)s: the stock cannot go below 0."),
                              code=CatalogErrorCode.STOCK_NEGATIVE, field="delta", stock=before, sku=variant.sku)
    if after > MAX_STOCK:
        raise ValidationError(N_("Stock can be at most %(max)s."), code=CatalogErrorCode.STOCK_QUANTITY_INVALID,
                              field="stock", max=MAX_STOCK)
    if after == before:
        return None
    variant.stock = after
    session.add(variant)
    row = StockChange(variant_id=variant.id, delta=after - before, stock_after=after, reason=reason,
                      actor_user_id=actor_user_id, reference=reference)
    session.add(row)
    _check_alert(session, variant, reason)
    session.flush()
    return row


def record_sale(session: Session, variant_id: int | None, quantity: int, reference: str) -> StockChange | None:
    """A paid order's line: its units left the stock when the checkout held them (``orders.stock``); write the
    ``sale`` row (delta ``-quantity``, stock after = what is left now) and e-mail the low-stock alert if due.
    A line whose variant was deleted (``None``) writes nothing."""
    if variant_id is None:
        return None
    quantity = _whole(quantity, 1, MAX_STOCK, "quantity")
    variant = lock_variant(session, variant_id)
    row = StockChange(variant_id=variant.id, delta=-quantity, stock_after=variant.stock, reason=StockReason.SALE,
                      actor_user_id=None, reference=_reference(reference))
    session.add(row)
    _check_alert(session, variant, StockReason.SALE)
    session.flush()
    return row


def set_threshold(session: Session, variant_id: int, threshold: object) -> Variant:
    """Set the variant's low-stock threshold (0..``MAX_THRESHOLD``). Clears the alert flag when the stock is
    now above it, so the next fall alerts again."""
    value = _whole(threshold, 0, MAX_THRESHOLD, "threshold")
    variant = lock_variant(session, variant_id)
    variant.low_stock_threshold = value
    if variant.stock > value:
        variant.low_stock_alerted = False
    session.add(variant)
    session.flush()
    return variant


def is_low(stock: int, threshold: int) -> bool:
    """A variant is low on stock when it has some left but no more than its threshold."""
    return 0 < stock <= threshold


def lock_variant(session: Session, variant_id: object) -> Variant:
    """The variant row, locked for this transaction and read fresh from the database."""
    if isinstance(variant_id, bool) or not isinstance(variant_id, int) or variant_id <= 0:
        raise NotFound(N_("This variant was not found."), code=CatalogErrorCode.VARIANT_NOT_FOUND)
    variant = session.exec(select(Variant).where(Variant.id == variant_id).with_for_update()
                           .execution_options(populate_existing=True)).first()
    if variant is None:
        raise NotFound(N_("This variant was not found."), code=CatalogErrorCode.VARIANT_NOT_FOUND)
    return variant


def _check_alert(session: Session, variant: Variant, reason: str) -> None:
    if variant.stock > variant.low_stock_threshold:
        variant.low_stock_alerted = False
        session.add(variant)
    elif reason == StockReason.SALE and not variant.low_stock_alerted:
        variant.low_stock_alerted = True
        session.add(variant)
        _alert(session, variant)


def _alert(session: Session, variant: Variant) -> int:
    product = session.get(Product, variant.product_id)
    if product is None:
        return 0
    members = session.exec(select(User).join(VendorMember, VendorMember.user_id == User.id)
                           .where(VendorMember.vendor_id == product.vendor_id, User.is_active)
                           .order_by(User.id)).all()
    link = f"{get_settings().public_url}{routes.seller_stock('low')}"
    for user in members:
        lang = user.language or "en"
        if variant.stock == 0:
            line = translate(lang, N_("%(name)s (%(sku)s) is sold out."), name=product.name, sku=variant.sku)
        else:
            line = translate(lang, N_("Only %(stock)s left of %(name)s (%(sku)s): at or below your low-stock "
                                      "level of %(threshold)s."), stock=variant.stock, name=product.name,
                             sku=variant.sku, threshold=variant.low_stock_threshold)
        body = "\n\n".join((line, translate(lang, N_("Restock it on your stock page:")) + "\n" + link))
        enqueue(session, "email", {"to": user.email, "lang": lang, "body": body,
                                   "subject": translate(lang, N_("Low stock: %(sku)s"), sku=variant.sku)})
    return len(members)


def _reason(value: object) -> StockReason:
    try:
        return StockReason(value)
    except ValueError:
        raise ValidationError(N_("Choose why the stock changes."), code=CatalogErrorCode.STOCK_REASON_INVALID,
                              field="reason") from None


def _reference(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(N_("The note must be text."), code=CatalogErrorCode.STOCK_NOTE_TOO_LONG, field="note")
    value = " ".join(value.split())
    if len(value) > MAX_REFERENCE:
        raise ValidationError(N_("The note can be at most %(max)s characters."), code=CatalogErrorCode.STOCK_NOTE_TOO_LONG,
                              field="note", max=MAX_REFERENCE)
    return value


def _whole(value: object, low: int, high: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        if field == "threshold":
            raise ValidationError(_WHOLE, code=CatalogErrorCode.THRESHOLD_INVALID, field=field, low=low, high=high)
        raise ValidationError(_WHOLE, code=CatalogErrorCode.STOCK_QUANTITY_INVALID, field=field, low=low, high=high)
    return value


__all__ = ["MAX_REFERENCE", "MAX_STOCK", "MAX_THRESHOLD", "StockReason", "change_stock", "is_low", "lock_variant",
           "record_sale", "set_threshold"]

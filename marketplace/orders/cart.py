"""The shopping cart: guest carts (a random token the browser keeps) and signed-in carts (by user).

Contract:
- A cart is found by ``CartOwner``: the signed-in user id when there is one, else the guest token. Only
  the token's SHA-256 is stored. A guest token is created on the first add and returned to the caller.
- ``add`` checks the variant is listed, the quantity is a whole number from 1 to 99, and the total in the
  cart does not exceed stock. Invalid input raises :class:`ValidationError` and changes nothing.
- ``merge_guest_into_user`` moves a guest cart's lines into the user's cart at login (quantities add up,
  capped at stock) and deletes the guest cart.
- ``save_for_later`` moves a line out of the cart (kept in ``saved`` below it, not counted, not checked out);
  ``move_to_cart`` brings it back (checked against stock). Adding an item that was saved brings it back too.
- Prices are read from the database every time; the cart stores no prices.
- ``add`` records an add-to-cart product event (``catalog/events.py``: one insert in a savepoint, keyed by the
  cart, never failing the add) for the sellers' sales figures.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from marketplace.accounts.service import token_hash
from marketplace.catalog import events
from marketplace.catalog.queries import thumbnails, translated_names, variant_label
from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.money import Money
from marketplace.models import (
    Cart,
    CartLine,
    Product,
    ProductStatus,
    Variant,
    Vendor,
    VendorStatus,
)
from marketplace.orders.error_codes import OrderErrorCode

MAX_QUANTITY = 99
GUEST_COOKIE = "mp_guest_cart"  # the HttpOnly cookie holding a guest's cart token (issued by api/cart_cookie.py)


@dataclass(frozen=True)
class CartOwner:
    user_id: int | None = None
    guest_token: str | None = None


@dataclass(frozen=True)
class CartLineView:
    line_id: int
    variant_id: int
    product_slug: str
    product_name: str
    variant_label: str
    quantity: int
    unit_price: Money  # seller's currency
    stock: int
    vendor_id: int
    vendor_name: str
    vendor_country: str
    image_path: str | None


@dataclass(frozen=True)
class CartView:
    lines: tuple[CartLineView, ...]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def new_guest_token() -> str:
    return secrets.token_urlsafe(24)


def _valid_token(token: object) -> str | None:
    if isinstance(token, str) and 20 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum():
        return token
    return None


def valid_guest_token(token: object) -> str | None:
    """The token when it has a guest token's shape (it may still name no cart), else None."""
    return _valid_token(token)


def find_cart(session: Session, owner: CartOwner) -> Cart | None:
    if owner.user_id is not None:
        return session.exec(select(Cart).where(Cart.user_id == owner.user_id)).first()
    token = _valid_token(owner.guest_token)
    if token is None:
        return None
    return session.exec(select(Cart).where(Cart.token_hash == token_hash(token))).first()


def _check_quantity(quantity: object) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError("Choose a quantity from 1 to %(max)s.", code=OrderErrorCode.QUANTITY_INVALID, field="quantity",
                              max=MAX_QUANTITY)
    return quantity


def _listed_variant(session: Session, variant_id: object) -> Variant:
    if isinstance(variant_id, bool) or not isinstance(variant_id, int) or variant_id < 1:
        raise NotFound("This item is no longer available.", code=OrderErrorCode.ITEM_UNAVAILABLE)
    row = session.exec(
        select(Variant).join(Product, Product.id == Variant.product_id).join(Vendor, Vendor.id == Product.vendor_id)
        .where(Variant.id == variant_id, Product.status == ProductStatus.ACTIVE,
               Vendor.status == VendorStatus.APPROVED)).first()
    if row is None:
        raise NotFound("This item is no longer available.", code=OrderErrorCode.ITEM_UNAVAILABLE)
    return row


def add(session: Session, owner: CartOwner, variant_id: object, quantity: object = 1) -> tuple[CartOwner, int]:
    """Add to the cart; returns the owner (with a new guest token if one was made) and the new item count."""
    quantity = _check_quantity(quantity)
    variant = _listed_variant(session, variant_id)
    cart = find_cart(session, owner)
    if cart is None:
        if owner.user_id is not None:
            cart = Cart(user_id=owner.user_id)
        else:
            owner = CartOwner(guest_token=_valid_token(owner.guest_token) or new_guest_token())
            cart = Cart(token_hash=token_hash(owner.guest_token))
        session.add(cart)
        session.flush()
    line = session.exec(select(CartLine).where(CartLine.cart_id == cart.id,
                                               CartLine.variant_id == variant.id)).first()
    wanted = quantity + (line.quantity if line else 0)
    if variant.stock <= 0:
        raise ValidationError("Sorry, this item is sold out.", code=OrderErrorCode.SOLD_OUT)
    if wanted > variant.stock or wanted > MAX_QUANTITY:
        raise ValidationError("Only %(stock)s left in stock.", code=OrderErrorCode.OUT_OF_STOCK, field="quantity",
                              stock=min(variant.stock, MAX_QUANTITY))
    if line is None:
        session.add(CartLine(cart_id=cart.id, variant_id=variant.id, quantity=quantity))
    else:
        line.quantity, line.saved_for_later = wanted, False
        session.add(line)
    cart.updated_at = clock.now()
    session.add(cart)
    session.flush()
    events.record(session, variant.product_id, events.EventKind.CART, f"cart:{cart.id}")  # never raises
    return owner, count(session, owner)


def count(session: Session, owner: CartOwner) -> int:
    cart = find_cart(session, owner)
    if cart is None:
        return 0
    return int(session.exec(select(func.coalesce(func.sum(CartLine.quantity), 0))
                            .where(CartLine.cart_id == cart.id, CartLine.saved_for_later.is_(False))).one())


def _own_line(session: Session, owner: CartOwner, line_id: object) -> CartLine:
    cart = find_cart(session, owner)
    if cart is None or isinstance(line_id, bool) or not isinstance(line_id, int):
        raise NotFound("That item is not in your cart.", code=OrderErrorCode.CART_LINE_NOT_FOUND)
    line = session.get(CartLine, line_id)
    if line is None or line.cart_id != cart.id:
        raise NotFound("That item is not in your cart.", code=OrderErrorCode.CART_LINE_NOT_FOUND)
    return line


def set_quantity(session: Session, owner: CartOwner, line_id: object, quantity: object) -> None:
    quantity = _check_quantity(quantity)
    line = _own_line(session, owner, line_id)
    variant = session.get(Variant, line.variant_id)
    if variant is None or quantity > variant.stock:
        raise ValidationError("Only %(stock)s left in stock.", code=OrderErrorCode.OUT_OF_STOCK, field="quantity",
                              stock=variant.stock if variant else 0)
    line.quantity = quantity
    session.add(line)


def remove(session: Session, owner: CartOwner, line_id: object) -> None:
    session.delete(_own_line(session, owner, line_id))


def save_for_later(session: Session, owner: CartOwner, line_id: object) -> None:
    """Move a line out of the cart into the saved list (it keeps its quantity)."""
    line = _own_line(session, owner, line_id)
    line.saved_for_later = True
    session.add(line)


def move_to_cart(session: Session, owner: CartOwner, line_id: object) -> None:
    """Bring a saved line back into the cart, if the item is still listed and in stock."""
    line = _own_line(session, owner, line_id)
    variant = _listed_variant(session, line.variant_id)
    if variant.stock <= 0:
        raise ValidationError("Sorry, this item is sold out.", code=OrderErrorCode.SOLD_OUT)
    line.quantity = min(line.quantity, variant.stock, MAX_QUANTITY)
    line.saved_for_later = False
    session.add(line)


def active_lines(session: Session, cart: Cart, *order_by) -> list[tuple[CartLine, Variant, Product, Vendor]]:  # noqa: ANN002
    """The cart's lines (not saved for later) with their variant, product and vendor, in ``order_by``."""
    return list(session.exec(
        select(CartLine, Variant, Product, Vendor)
        .join(Variant, Variant.id == CartLine.variant_id).join(Product, Product.id == Variant.product_id)
        .join(Vendor, Vendor.id == Product.vendor_id)
        .where(CartLine.cart_id == cart.id, CartLine.saved_for_later.is_(False))
        .order_by(*order_by)).all())


def view(session: Session, owner: CartOwner, lang: str, *, saved: bool = False) -> CartView:
    """The cart's lines grouped by vendor (or, with ``saved=True``, the lines saved for later)."""
    cart = find_cart(session, owner)
    if cart is None:
        return CartView(lines=())
    if saved:
        rows = list(session.exec(
            select(CartLine, Variant, Product, Vendor)
            .join(Variant, Variant.id == CartLine.variant_id).join(Product, Product.id == Variant.product_id)
            .join(Vendor, Vendor.id == Product.vendor_id)
            .where(CartLine.cart_id == cart.id, CartLine.saved_for_later.is_(True))
            .order_by(CartLine.added_at, CartLine.id)).all())
    else:
        rows = active_lines(session, cart, Vendor.display_name, CartLine.added_at, CartLine.id)
    ids = [p.id for _, _, p, _ in rows]
    names = translated_names(session, ids, lang)
    images = thumbnails(session, ids)
    return CartView(lines=tuple(
        CartLineView(line_id=line.id, variant_id=variant.id, product_slug=product.slug,
                     product_name=names.get(product.id, (product.name,))[0],
                     variant_label=variant_label(variant, lang), quantity=line.quantity,
                     unit_price=Money(variant.price_minor, variant.price_currency), stock=variant.stock,
                     vendor_id=vendor.id, vendor_name=vendor.display_name, vendor_country=vendor.country,
                     image_path=images.get(product.id))
        for line, variant, product, vendor in rows))


def merge_guest_into_user(session: Session, guest_token: object, user_id: int) -> int:
    """Move a guest cart into the user's cart; returns how many lines moved."""
    guest = find_cart(session, CartOwner(guest_token=_valid_token(guest_token)))
    if guest is None:
        return 0
    target = find_cart(session, CartOwner(user_id=user_id))
    if target is None:
        guest.user_id, guest.token_hash = user_id, None
        session.add(guest)
        return len(session.exec(select(CartLine.id).where(CartLine.cart_id == guest.id)).all())
    moved = 0
    for line in session.exec(select(CartLine).where(CartLine.cart_id == guest.id)).all():
        variant = session.get(Variant, line.variant_id)
        existing = session.exec(select(CartLine).where(CartLine.cart_id == target.id,
                                                       CartLine.variant_id == line.variant_id)).first()
        cap = min(MAX_QUANTITY, variant.stock if variant else 0)
        if existing:
            existing.quantity = max(1, min(existing.quantity + line.quantity, cap or existing.quantity))
            existing.saved_for_later = existing.saved_for_later and line.saved_for_later
            session.add(existing)
            session.delete(line)
        else:
            line.cart_id = target.id
            session.add(line)
        moved += 1
    session.flush()
    session.delete(guest)
    return moved

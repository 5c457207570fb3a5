"""The cart, shared by every page: the header count and the add-to-cart action.

Contract: the cart belongs to the signed-in user (from the server-side session) or, for guests, to the
random token in the ``mp_cart`` cookie (validated by the service; it only ever names a guest cart).
The shopper's shipping choice per seller is kept in the ``mp_shipping`` cookie and passed to checkout.
Handlers validate their arguments; errors come back as translated messages, never as exceptions.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from marketplace.core.db import immediate_scope, session_scope
from marketplace.core.errors import DomainError
from marketplace.core.i18n import translate
from marketplace.orders import cart as carts
from marketplace.state.auth import current_caller
from marketplace.state.landed import format_choices, parse_choices
from marketplace.state.locale import LocaleState

CART_COOKIE = "mp_cart"
SHIPPING_COOKIE = "mp_shipping"  # the shopper's shipping service per seller: "<vendor id>:<service>,..."
SIXTY_DAYS = 60 * 24 * 3600


def _add(owner: carts.CartOwner, variant_id: int, quantity: int) -> tuple[carts.CartOwner, int]:
    with immediate_scope() as session:  # check-then-write: SQLite takes the write lock at BEGIN
        return carts.add(session, owner, variant_id, quantity)


def _count(owner: carts.CartOwner) -> int:
    with session_scope() as session:
        return carts.count(session, owner)


class CartState(rx.State):
    count: int = 0
    guest_token: str = rx.Cookie("", name=CART_COOKIE, max_age=SIXTY_DAYS, same_site="lax", path="/")
    shipping_choices: str = rx.Cookie("", name=SHIPPING_COOKIE, max_age=SIXTY_DAYS, same_site="lax", path="/")
    message: str = ""
    error: str = ""

    def _choices(self) -> dict[int, str]:
        """The shipping choices (validated; a preference only, never a right: pricing re-checks each)."""
        return parse_choices(self.shipping_choices)

    def _choose(self, vendor_id: object, service: object, offered: dict[str, list[str]]) -> bool:
        """Keep ``service`` as the shipping choice for ``vendor_id`` when that seller's parcel offers it
        (``offered``: vendor id -> services, as the page priced them); False, changing nothing, otherwise."""
        if not (isinstance(vendor_id, str) and isinstance(service, str)) or service not in offered.get(vendor_id, []):
            return False
        choices = self._choices()
        choices[int(vendor_id)] = service
        self.shipping_choices = format_choices(choices)
        return True

    async def _owner(self) -> carts.CartOwner:
        caller = await current_caller(self)
        if caller is not None:
            return carts.CartOwner(user_id=caller.user_id)
        return carts.CartOwner(guest_token=self.guest_token or None)

    @rx.event
    async def refresh_count(self):
        self.count = await asyncio.to_thread(_count, await self._owner())

    @rx.event
    async def add_to_cart(self, variant_id: int, quantity: int = 1):
        locale = await self.get_state(LocaleState)
        self.message, self.error = "", ""
        try:
            owner, self.count = await asyncio.to_thread(_add, await self._owner(), variant_id, quantity)
        except DomainError as exc:
            self.error = translate(locale.lang, exc.message, **exc.params)
            return rx.toast.error(self.error, position="top-center")
        if owner.guest_token and owner.guest_token != self.guest_token:
            self.guest_token = owner.guest_token
        self.message = translate(locale.lang, "Added to your cart.")
        return rx.toast.success(self.message, position="top-center")

    @rx.var
    def count_label(self) -> str:
        return str(self.count) if self.count < 100 else "99+"

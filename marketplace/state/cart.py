"""The cart, shared by every page: the header count and the add-to-cart action.

Contract: the cart belongs to the signed-in user (from the server-side session) or, for guests, to the
random token in the HttpOnly ``mp_guest_cart`` cookie, which the server issues (``api/cart_cookie.py``) and
the handlers read from the websocket handshake's Cookie header, like the session cookie: page scripts never
see it. Should a browser refuse the cookie, the token of the cart made in this tab is kept in a backend var.
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
from marketplace.present.landed import format_choices, parse_choices
from marketplace.present.problems import problem_text
from marketplace.state.auth import cookie_value, current_caller
from marketplace.state.locale import LocaleState

CART_COOKIE = carts.GUEST_COOKIE
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
    _guest_token: str = ""  # only when the browser sent no cart cookie (see the module contract)
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

    def _guest(self) -> str | None:
        """This tab's guest-cart token: the HttpOnly cookie of the socket's handshake, else the tab's own."""
        return (carts.valid_guest_token(cookie_value(self.router.headers.cookie, CART_COOKIE))
                or self._guest_token or None)

    async def _owner(self) -> carts.CartOwner:
        caller = await current_caller(self)
        if caller is not None:
            return carts.CartOwner(user_id=caller.user_id)
        return carts.CartOwner(guest_token=self._guest())

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
            self.error = problem_text(locale.lang, exc)
            return rx.toast.error(self.error, position="top-center")
        if owner.guest_token and owner.guest_token != self._guest():
            self._guest_token = owner.guest_token
        self.message = translate(locale.lang, "Added to your cart.")
        return rx.toast.success(self.message, position="top-center")

    @rx.var
    def count_label(self) -> str:
        return str(self.count) if self.count < 100 else "99+"

"""The heart on a product page: whether the signed-in shopper saved this product, and the toggle.

Contract: the product is the one of the page's own URL (``/p/<slug>``), resolved on the server; the
shopper comes from the server-side session on every call. A guest tapping the heart is sent to the login
page, which brings them back to the product. ``saved`` is display-only; the toggle re-reads the truth.
"""

from __future__ import annotations

from urllib.parse import unquote

import reflex as rx
from sqlmodel import Session

from marketplace import routes
from marketplace.accounts import wishlist
from marketplace.core.errors import DomainError
from marketplace.core.i18n import translate
from marketplace.present.problems import problem_text
from marketplace.state.auth import current_caller
from marketplace.state.loading import market, run_service, run_write


def _slug(path: str) -> str:
    return unquote(path.removeprefix("/p/").strip("/"))


def _is_saved(session: Session, user_id: int, slug: str) -> bool:
    return wishlist.contains(session, user_id, wishlist.product_id_for_slug(session, slug))


def _toggle(session: Session, user_id: int, slug: str) -> bool:
    product_id = wishlist.product_id_for_slug(session, slug)
    if wishlist.contains(session, user_id, product_id):
        wishlist.remove(session, user_id, product_id)
        return False
    wishlist.add(session, user_id, product_id)
    return True


class WishlistState(rx.State):
    saved: bool = False
    busy: bool = False

    @rx.event
    async def load_product(self):
        """Page loader for the product page: is this product on the shopper's wishlist?"""
        caller = await current_caller(self)
        self.saved = False
        if caller is None:
            return
        try:
            self.saved = await run_service(_is_saved, caller.user_id, _slug(self.router.url.path))
        except DomainError:
            self.saved = False

    @rx.event
    async def toggle(self):
        path = self.router.url.path
        caller = await current_caller(self)
        if caller is None:
            return rx.redirect(routes.login(path if path.startswith("/p/") else routes.ACCOUNT_WISHLIST))
        lang, _, _ = await market(self)
        self.busy = True
        try:
            self.saved = await run_write(_toggle, caller.user_id, _slug(path))
        except DomainError as exc:
            return rx.toast.error(problem_text(lang, exc), position="top-center")
        finally:
            self.busy = False
        message = "Saved to your wishlist." if self.saved else "Removed from your wishlist."
        return rx.toast.success(translate(lang, message), position="top-center")

"""Recording product events (a product page view, an add-to-cart) for the sellers' sales figures.

Contract:
- :func:`record(session, product_id, kind, session_key)` adds at most one ``product_events`` row: the
  product's vendor is read in the same statement (a scalar subquery), so it is one ``INSERT``, and a repeat
  of the same (product, kind, visitor) within the same half hour (:data:`WINDOW_S`) does nothing (``ON
  CONFLICT DO NOTHING`` on the unique window key), so one visitor's reloads count once.
- ``visitor`` is :func:`visitor_key(session_key)`: an HMAC-SHA256 of the caller's per-session key under the
  app's ``SECRET_KEY``, cut to 32 hex characters. Nothing reversible is stored: no IP address, no user id, no
  cookie value.
- Recording never breaks the caller: the insert runs in a savepoint; a database error (a lock timeout, a
  product deleted meanwhile) rolls back only the savepoint, is logged, and :func:`record` returns ``False``.
  An unknown kind, a bad id or an empty key records nothing and returns ``False`` too.
- Called from the storefront's product page (views) and ``orders/cart.py::add`` (add-to-carts); read by
  ``marketplace/analytics/``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from marketplace.core import clock
from marketplace.core.settings import get_settings
from marketplace.models import Product, ProductEvent

log = logging.getLogger(__name__)

WINDOW_S = 1800  # repeat events by one visitor within the same half hour count once


class EventKind(StrEnum):
    """What a shopper did with a product."""

    VIEW = "view"  # opened the product page
    CART = "cart"  # added one of its variants to the cart


def visitor_key(session_key: str) -> str:
    """An anonymous, stable key for one browsing session: keyed hash, 32 hex characters."""
    digest = hmac.new(get_settings().secret_key.encode(), session_key.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def record(session: Session, product_id: object, kind: object, session_key: object) -> bool:
    """Record one event (see the module contract); True when a row was written."""
    if (isinstance(product_id, bool) or not isinstance(product_id, int) or product_id < 1
            or kind not in set(EventKind) or not isinstance(session_key, str) or not session_key):
        return False
    now = clock.now()
    values = {
        "product_id": product_id, "kind": str(kind), "visitor": visitor_key(session_key[:200]),
        "window": int(now.timestamp()) // WINDOW_S, "at": now,
        "vendor_id": select(Product.vendor_id).where(Product.id == product_id).scalar_subquery(),
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = ProductEvent.__table__
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(table.c.id)
    try:
        with session.begin_nested():
            return session.execute(statement).first() is not None
    except SQLAlchemyError:
        log.warning("product event not recorded (product %s, %s)", product_id, kind, exc_info=True)
        return False

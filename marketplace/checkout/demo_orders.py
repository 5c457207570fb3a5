"""A few paid demo orders waiting for their sellers, placed through the real checkout (embedded gateway).

Contract: :func:`place_demo_orders(engine, shopper_email, vendor_slugs)` has the shopper (an existing user)
buy, for each vendor slug in turn, one unit of that vendor's first listed single-variant product in stock
(by id, so the choice is the same on every fresh seed), shipped to :data:`DEMO_ADDRESS` in Germany and paid
with Stripe's test card through :func:`checkout.place.place`. Stock, the ledger (the vendor's sale and the
commission), payment rows and the confirmation e-mail are written exactly as for any order. The orders stay
``placed`` and ``paid``: the sellers see them under "To accept". Returns the order numbers. The
``python -m marketplace seed`` command calls it right after the catalogue seed (``--no-orders`` skips it).
The command places them only with ``PAYMENTS=embedded``: the app's embedded gateway then finds these charges
through their ``Payment`` rows (``payments.embedded_recovery``), so the running app can refund them.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts.address_format import PostalAddress
from marketplace.checkout import service as checkout
from marketplace.checkout.place import place
from marketplace.checkout.pricing import Market
from marketplace.models import Product, ProductStatus, User, Variant, Vendor
from marketplace.orders import cart as carts
from marketplace.payments.embedded import EmbeddedGateway
from marketplace.payments.gateway import CardDetails

DEMO_ADDRESS = PostalAddress(country="DE", name="Lena Hoffmann", street_address="Lindenstraße 12", city="Berlin",
                             postal_code="10969", phone="+4930123456")
TEST_CARD = CardDetails("4242424242424242", 12, 2030, "123")


def _variant_of(session: Session, vendor_slug: str) -> int | None:
    return session.exec(select(func.min(Variant.id)).join(Product, Product.id == Variant.product_id)
                        .join(Vendor, Vendor.id == Product.vendor_id)
                        .where(Vendor.slug == vendor_slug, Product.status == ProductStatus.ACTIVE, Variant.stock > 2)
                        ).first()


def place_demo_orders(engine: Engine, shopper_email: str, vendor_slugs: list[str] | tuple[str, ...]) -> list[str]:
    gateway, numbers = EmbeddedGateway(), []
    for slug in vendor_slugs:
        with Session(engine) as session:
            user = session.exec(select(User).where(User.email == shopper_email)).one()
            variant_id = _variant_of(session, slug)
            if variant_id is None:
                continue
            owner = carts.CartOwner(user_id=user.id)
            carts.add(session, owner, variant_id, 1)
            row, _ = checkout.start(session, owner, Market("DE", "EUR"), user_id=user.id, email=user.email,
                                    address=DEMO_ADDRESS, lang=user.language)
            session.commit()
            checkout_id, user_id = row.id, user.id
        placement = place(engine, checkout_id, owner, TEST_CARD, gateway=gateway, user_id=user_id)
        numbers.append(placement.order_number)
    return numbers


__all__ = ["DEMO_ADDRESS", "place_demo_orders"]

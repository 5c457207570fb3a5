"""Every SQLModel table, one module per domain. Importing this package registers all tables on
``SQLModel.metadata`` (Alembic's target); it creates nothing in any database."""

from sqlalchemy import MetaData
from sqlmodel import SQLModel

# Constraint names Alembic can find again on every backend (SQLite batch mode needs named constraints).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from marketplace.models._types import money_of  # noqa: E402
from marketplace.models.accounts import (  # noqa: E402
    AccountToken,
    Address,
    AuthSession,
    LoginAttempt,
    Role,
    User,
)
from marketplace.models.analytics import ProductEvent  # noqa: E402
from marketplace.models.audit import AuditLog  # noqa: E402
from marketplace.models.catalog import (  # noqa: E402
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductStatus,
    ProductTranslation,
    Variant,
)
from marketplace.models.content import Message, MessageThread, Review  # noqa: E402
from marketplace.models.fx import FxOverride, FxRate, FxRefresh  # noqa: E402
from marketplace.models.ledger import CommissionLine, CommissionRule, LedgerEntry, Payout, Refund  # noqa: E402
from marketplace.models.limits import RateHit  # noqa: E402
from marketplace.models.orders import (  # noqa: E402
    Cart,
    CartLine,
    CheckoutSession,
    OrderEvent,
    OrderGroup,
    OrderLine,
    StockReservation,
    VendorOrder,
)
from marketplace.models.outbox import MailboxMessage, OutboxMessage, WebhookEvent  # noqa: E402
from marketplace.models.payments import Dispute, Payment  # noqa: E402
from marketplace.models.product_moderation import ModerationKeyword, ProductFlag  # noqa: E402
from marketplace.models.returns import ReturnLine, ReturnRequest  # noqa: E402
from marketplace.models.shipping import Shipment, ShipmentEvent  # noqa: E402
from marketplace.models.stock import StockChange  # noqa: E402
from marketplace.models.support_desk import CannedReply, SupportNote, SupportTicket  # noqa: E402
from marketplace.models.vendor_documents import VendorDocument  # noqa: E402
from marketplace.models.vendor_team import VendorInvitation  # noqa: E402
from marketplace.models.vendors import Vendor, VendorMember, VendorStatus, VendorTranslation  # noqa: E402
from marketplace.models.wishlist import WishlistItem  # noqa: E402

metadata: MetaData = SQLModel.metadata

__all__ = [
    "money_of",
    "AccountToken", "Address", "AuditLog", "CheckoutSession", "Dispute", "CommissionLine", "CommissionRule", "FxOverride", "FxRate", "FxRefresh", "LedgerEntry",
    "MailboxMessage", "OutboxMessage", "Payout", "Refund", "StockChange", "StockReservation", "WebhookEvent", "AuthSession", "Cart", "CartLine", "Category", "CategoryTranslation", "LoginAttempt",
    "Message", "MessageThread", "ShipmentEvent", "OrderEvent", "OrderGroup", "OrderLine", "Payment", "Product", "ProductImage",
    "ProductEvent", "ProductStatus", "ProductTranslation", "RateHit", "ReturnLine", "ReturnRequest", "Review", "Role", "Shipment", "User", "Variant",
    "Vendor", "VendorDocument", "VendorInvitation", "VendorMember", "VendorOrder", "VendorStatus", "VendorTranslation",
    "WishlistItem", "metadata",
    "CannedReply", "SupportNote", "SupportTicket",
    "ModerationKeyword", "ProductFlag",
]

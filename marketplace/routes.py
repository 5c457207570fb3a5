"""Every route of the app, as constants and builders. Pages and links use these, never literal paths."""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = "/"
SEARCH = "/search"
CATEGORY = "/c/[slug]"
PRODUCT = "/p/[slug]"
CART = "/cart"
CHECKOUT = "/checkout"
CHECKOUT_DONE = "/checkout/done/[number]"
LOGIN = "/login"
REGISTER = "/register"
ACCOUNT = "/account"
ACCOUNT_ORDER = "/account/orders/[number]"
ACCOUNT_ORDERS = "/account/orders"
ACCOUNT_WISHLIST = "/account/wishlist"
ACCOUNT_ADDRESSES = "/account/addresses"
ACCOUNT_REVIEWS = "/account/reviews"
ACCOUNT_MESSAGES = "/account/messages"
ACCOUNT_THREAD = "/account/messages/[id]"
TRACK = "/track/[token]"  # a parcel's public tracking page (signed token: orders/tracking_links.py)
SELLER = "/seller"
SELLER_PRODUCT = "/seller/products/[id]"
SELLER_PRODUCT_NEW = "/seller/products/new"  # the catalogue editor, a new product (pages/seller/product_editor.py)
SELLER_PRODUCT_EDIT = "/seller/products/[id]/edit"  # the catalogue editor, one of the seller's products
SELLER_PRODUCT_IMPORT = "/seller/products/import"  # CSV import (pages/seller/product_import.py)
SELLER_ORDERS = "/seller/orders"
SELLER_ORDER = "/seller/orders/[number]"
SELLER_MONEY = "/seller/money"
SELLER_TEAM = "/seller/team"
SELLER_JOIN = "/seller/join/[token]"  # the link of a team invitation e-mail
SELLER_SALES = "/seller/sales"  # the seller's live sales figures
STAFF = "/staff"
STAFF_AUDIT = "/staff/audit"  # the audit log viewer (staff and admins)
STAFF_REVIEWS = "/staff/reviews"  # review moderation (moderators and admins)
STAFF_PEOPLE = "/staff/people"  # staff accounts and roles, locking user accounts (admins)
STAFF_ANALYTICS = "/staff/analytics"  # platform figures and the live sales monitor (finance and admins)
STAFF_FX = "/staff/fx"  # exchange rates, refresh now, overrides, data-file versions (finance and admins)
STAFF_COMMISSION = "/staff/commission"  # commission rules: current, scheduled, add, end (finance and admins)
STAFF_VENDORS = "/staff/vendors"  # prefix of a shop's staff page; the list itself is STAFF
STAFF_VENDOR = "/staff/vendors/[id]"  # one shop for staff: profile, documents, history, moderation
STAFF_SUPPORT = "/staff/support"  # the support desk's inbox (support staff and admins)
STAFF_SUPPORT_THREAD = "/staff/support/[id]"  # one support thread: conversation, notes, controls, orders
STAFF_CANNED = "/staff/canned-replies"  # the desk's canned replies (per language)
STAFF_ORDERS = "/staff/orders"  # order search for staff (support, finance, admin)
STAFF_ORDER = "/staff/orders/[number]"  # one order group for staff: receipt, payment, parcels, timeline, refunds
STAFF_DISPUTES = "/staff/disputes"  # payment-provider disputes (finance, admin)

# backend HTTP routes (same origin in production's single-port mode)
API_LOGIN = "/api/auth/login"
API_REGISTER = "/api/auth/register"
API_LOGOUT = "/api/auth/logout"
API_UNLOCK = "/api/auth/unlock"  # GET ?token=: the one-time link of the login-throttle e-mail
API_VERIFY = "/api/auth/verify"  # GET ?token=: the one-time link that finishes a sign-up
API_HEALTH = "/api/health"
API_WEBHOOK_EASYPOST = "/api/webhooks/easypost"  # POST: EasyPost tracker events, HMAC-signed (api/webhooks.py)
API_SELLER_DOCUMENT = "/api/seller/orders/{number}/documents/{kind}"  # label | customs | invoice PDF
API_STAFF_ANALYTICS_CSV = "/api/staff/analytics/{table}.csv"  # GET ?preset= or ?from=&to=: one dashboard table
API_STAFF_AUDIT_CSV = "/api/staff/audit.csv"  # GET ?actor=&action=&type=&id=&from=&to=: the filtered audit log
API_SELLER_STATEMENT = "/api/seller/statements/{month}.csv"  # the seller's own monthly statement, month YYYY-MM
API_SELLER_PRODUCTS_CSV = "/api/seller/products.csv"  # the seller's own products and variants (catalog/csv_io.py)
API_SELLER_PRODUCTS_EXAMPLE = "/api/seller/products-example.csv"  # the documented example file for the import
API_STAFF_VENDOR_DOCUMENT = "/api/staff/vendors/{vendor}/documents/{document}"  # a shop's verification file
SHARE_PRODUCT = "/share/p/{slug}"  # link previews: HTML with Open Graph tags, then on to the product


def category(slug: str, page: int = 1) -> str:
    path = f"/c/{quote(slug)}"
    return path if page == 1 else f"{path}?{urlencode({'page': page})}"


def product(slug: str) -> str:
    return f"/p/{quote(slug)}"


def share_product(slug: str) -> str:
    return f"/share/p/{quote(slug)}"


def search(query: str) -> str:
    return f"{SEARCH}?{urlencode({'q': query})}"


def checkout_done(number: str) -> str:
    return f"/checkout/done/{quote(number)}"


def with_query(path: str, query_string: str) -> str:
    """A listing's path with its (already encoded) filter, sort and page query string, if any."""
    return f"{path}?{query_string}" if query_string else path


def staff_vendor(vendor_id: int) -> str:
    return f"{STAFF_VENDORS}/{int(vendor_id)}"


def staff_support_thread(thread_id: int) -> str:
    return f"{STAFF_SUPPORT}/{int(thread_id)}"
def staff_order(number: str) -> str:
    return f"{STAFF_ORDERS}/{quote(number, safe='')}"


def staff_vendor_document(vendor_id: int, document_id: int) -> str:
    return API_STAFF_VENDOR_DOCUMENT.format(vendor=int(vendor_id), document=int(document_id))


def seller_product(product_id: int) -> str:
    return f"/seller/products/{product_id}"


def seller_product_edit(product_id: int) -> str:
    return f"/seller/products/{int(product_id)}/edit"


def seller_order(number: str) -> str:
    return f"/seller/orders/{quote(number)}"


def seller_orders(step: str = "all") -> str:
    return SELLER_ORDERS if step == "all" else f"{SELLER_ORDERS}?{urlencode({'step': step})}"


def seller_join(token: str) -> str:
    return SELLER_JOIN.replace("[token]", quote(token, safe=""))


def seller_document(number: str, kind: str) -> str:
    return f"/api/seller/orders/{quote(number)}/documents/{quote(kind)}"


def staff_audit_csv(filters: dict[str, str]) -> str:
    """The audit-log CSV link carrying the non-empty filters (keys: actor, action, type, id, from, to)."""
    query = urlencode({key: value for key, value in filters.items() if value})
    return f"{API_STAFF_AUDIT_CSV}?{query}" if query else API_STAFF_AUDIT_CSV


def staff_analytics_csv(table: str, start: str, end: str) -> str:
    """One analytics table as CSV over the inclusive ``start``–``end`` range (``YYYY-MM-DD``)."""
    return f"{API_STAFF_ANALYTICS_CSV.format(table=quote(table, safe=''))}?{urlencode({'from': start, 'to': end})}"


def seller_statement(month: str) -> str:
    return f"/api/seller/statements/{quote(month)}.csv"


def account_order(number: str) -> str:
    return f"/account/orders/{quote(number)}"


def account_thread(thread_id: int) -> str:
    return f"/account/messages/{int(thread_id)}"


def track(token: str) -> str:
    return f"/track/{quote(token, safe='')}"


def login(next_path: str | None = None) -> str:
    return LOGIN if not next_path else f"{LOGIN}?{urlencode({'next': next_path})}"


def safe_next(value: object, default: str = HOME) -> str:
    """A local path to go to after login; anything else (other hosts, schemes, '//') becomes ``default``."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if len(value) > 300 or any(ord(ch) < 32 for ch in value):
        return default
    return value


# returns, exchanges and repairs (orders/returns*.py)
ACCOUNT_ORDER_RETURN = "/account/orders/[number]/return"  # [number]: the seller's part of the order (vendor order)
SELLER_RETURNS = "/seller/returns"
SELLER_RETURN = "/seller/returns/[number]"
API_RETURN_DOCUMENT = "/api/returns/{number}/documents/{kind}"  # kind: label | customs | outbound


def account_order_return(vendor_order_number: str) -> str:
    return f"/account/orders/{quote(vendor_order_number)}/return"


def seller_return(number: str) -> str:
    return f"/seller/returns/{quote(number)}"


def return_document(number: str, kind: str) -> str:
    return f"/api/returns/{quote(number)}/documents/{quote(kind)}"


# the seller's messages inbox (support/vendor_inbox.py)
SELLER_MESSAGES = "/seller/messages"
SELLER_MESSAGE = "/seller/messages/[id]"


def seller_messages(show: str = "all") -> str:
    return SELLER_MESSAGES if show == "all" else f"{SELLER_MESSAGES}?{urlencode({'show': show})}"


def seller_message(thread_id: int) -> str:
    return f"/seller/messages/{int(thread_id)}"


# selling on Meridian: the public page, applying for a shop, and the seller's own profile (vendors/onboarding.py)
SELL = "/sell"
SELL_APPLY = "/sell/apply"
SELLER_PROFILE = "/seller/profile"
SELLER_STRIPE_RETURN = "/seller/profile/stripe"  # Stripe Connect onboarding comes back here (PAYMENTS=stripe)


def register(next_path: str | None = None) -> str:
    return REGISTER if not next_path else f"{REGISTER}?{urlencode({'next': next_path})}"


# the seller's stock page (vendors/stock_portal.py, catalog/stock_history.py)
SELLER_STOCK = "/seller/stock"


def seller_stock(show: str = "all") -> str:
    return SELLER_STOCK if show == "all" else f"{SELLER_STOCK}?{urlencode({'show': show})}"


# bulk print of several of the seller's orders (orders/bulk_print.py): one PDF of labels or customs documents
API_SELLER_BULK_PRINT = "/api/seller/print/{kind}.pdf"  # kind: label | customs; ?numbers=<n1>,<n2>,...


def seller_bulk_print(kind: str, numbers: list[str]) -> str:
    return f"/api/seller/print/{quote(kind)}.pdf?{urlencode({'numbers': ','.join(numbers)})}"

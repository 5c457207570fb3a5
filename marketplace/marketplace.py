"""The Reflex app: theme, stylesheet, page registration and the backend HTTP routes. Nothing else.

Every page is registered through ``_page`` so it gets the shared load chain (market, session, cart count)
before its own loaders, and so a market change can re-run the page's loaders.
"""

from __future__ import annotations

import reflex as rx
from reflex import constants
from reflex.utils import prerequisites
from starlette.applications import Starlette

from marketplace import routes
from marketplace.api.auth_routes import _FRESH_TAB_HTML
from marketplace.api.auth_routes import ROUTES as API_ROUTES
from marketplace.api.cart_cookie import CartCookieMiddleware
from marketplace.api.media import media_mount
from marketplace.api.return_documents import ROUTES as RETURN_DOCUMENT_ROUTES
from marketplace.api.security import SecurityHeaders
from marketplace.api.seller_bulk_print import ROUTES as SELLER_BULK_PRINT_ROUTES
from marketplace.api.seller_documents import ROUTES as SELLER_DOCUMENT_ROUTES
from marketplace.api.seller_products_csv import ROUTES as SELLER_PRODUCTS_CSV_ROUTES
from marketplace.api.seller_statements import ROUTES as SELLER_STATEMENT_ROUTES
from marketplace.api.share import ROUTES as SHARE_ROUTES
from marketplace.api.staff_analytics import ROUTES as STAFF_ANALYTICS_ROUTES
from marketplace.api.staff_audit import ROUTES as STAFF_AUDIT_ROUTES
from marketplace.api.staff_vendor_documents import ROUTES as STAFF_VENDOR_DOCUMENT_ROUTES
from marketplace.api.upload_limit import UploadSizeLimit
from marketplace.api.webhooks import ROUTES as WEBHOOK_ROUTES
from marketplace.components.test_mode import with_test_mode_banner
from marketplace.core.settings import refuse_unsafe_production
from marketplace.orders import fx_rates
from marketplace.pages.account.addresses import AddressesState, addresses_page
from marketplace.pages.account.messages import MessagesState, messages_page
from marketplace.pages.account.order import OrderState, order_page
from marketplace.pages.account.order_return import OrderReturnState, order_return_page
from marketplace.pages.account.orders import OrdersState, orders_page
from marketplace.pages.account.overview import AccountState, account_page
from marketplace.pages.account.reviews import ReviewsState, reviews_page
from marketplace.pages.account.thread import ThreadState, thread_page
from marketplace.pages.account.wishlist import WishlistPageState, wishlist_page
from marketplace.pages.seller.home import SellerHomeState, seller_home
from marketplace.pages.seller.join import SellerJoinState, seller_join_page
from marketplace.pages.seller.message import SellerMessageState, seller_message_page
from marketplace.pages.seller.messages import SellerMessagesState, seller_messages_page
from marketplace.pages.seller.money import SellerMoneyState, seller_money_page
from marketplace.pages.seller.order import SellerOrderState, seller_order_page
from marketplace.pages.seller.orders import SellerOrdersState, seller_orders_page
from marketplace.pages.seller.product import SellerProductState, seller_product_page
from marketplace.pages.seller.product_editor import product_editor_page
from marketplace.pages.seller.product_editor_state import ProductEditorState
from marketplace.pages.seller.product_import import ProductImportState, product_import_page
from marketplace.pages.seller.product_pictures import SellerPicturesState
from marketplace.pages.seller.profile import SellerProfileState, apply_page, seller_profile_page
from marketplace.pages.seller.profile_documents import SellerDocumentsState
from marketplace.pages.seller.profile_payout import SellerPayoutState
from marketplace.pages.seller.profile_status import ProfileStatusState
from marketplace.pages.seller.return_detail import SellerReturnState, seller_return_page
from marketplace.pages.seller.returns import SellerReturnsState, seller_returns_page
from marketplace.pages.seller.sales import SellerSalesState, seller_sales_page
from marketplace.pages.seller.status_banner import ShopStatusState
from marketplace.pages.seller.stock import SellerStockState, seller_stock_page
from marketplace.pages.seller.stripe_return import StripeReturnState, stripe_return_page
from marketplace.pages.seller.team import SellerTeamState, seller_team_page
from marketplace.pages.staff.analytics import StaffAnalyticsState, staff_analytics_page
from marketplace.pages.staff.audit import StaffAuditState, staff_audit
from marketplace.pages.staff.canned import StaffCannedState, staff_canned_page
from marketplace.pages.staff.commission import StaffCommissionState, staff_commission_page
from marketplace.pages.staff.disputes import StaffDisputesState, staff_disputes_page
from marketplace.pages.staff.fx import StaffFxState, staff_fx_page
from marketplace.pages.staff.home import StaffHomeState, staff_home
from marketplace.pages.staff.order import StaffOrderState, staff_order_page
from marketplace.pages.staff.orders import StaffOrdersState, staff_orders_page
from marketplace.pages.staff.people import StaffPeopleState, staff_people
from marketplace.pages.staff.reviews import StaffReviewsState, staff_reviews
from marketplace.pages.staff.support import StaffSupportState, staff_support_page
from marketplace.pages.staff.support_thread import StaffSupportThreadState, staff_support_thread_page
from marketplace.pages.staff.vendor import StaffVendorState, staff_vendor_page
from marketplace.pages.storefront.auth import AuthPageState, login_page, register_page
from marketplace.pages.storefront.cart import CartPageState, cart_page
from marketplace.pages.storefront.category import CategoryState, category_page
from marketplace.pages.storefront.checkout import checkout_page
from marketplace.pages.storefront.checkout_done import CheckoutDoneState, checkout_done_page
from marketplace.pages.storefront.checkout_state import CheckoutState
from marketplace.pages.storefront.home import HomeState, home
from marketplace.pages.storefront.product import ProductState, product_page
from marketplace.pages.storefront.search import SearchPageState, search_page
from marketplace.pages.storefront.sell import SellPageState, sell_page
from marketplace.pages.storefront.track import TrackState, track_page
from marketplace.state.auth import SessionState
from marketplace.state.cart import CartState
from marketplace.state.locale import PAGE_RELOADERS, LocaleState
from marketplace.state.wishlist import WishlistState

refuse_unsafe_production()  # importing the app with unsafe production settings exits 1 (see core/settings.py)
fx_rates.install()  # staff FX overrides apply to every price this process converts (orders/fx_rates.py)


def _built_pages_dir():  # noqa: ANN202 - where single-port mode serves the prerendered pages from
    return prerequisites.get_web_dir() / constants.Dirs.STATIC


def _security_headers(asgi_app):  # noqa: ANN001, ANN202 - wraps everything: pages, /api, /media, /share
    return SecurityHeaders(asgi_app, static_dir=_built_pages_dir, extra_html=[_FRESH_TAB_HTML])


app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="theme-color", content="#0d9488"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
    api_transformer=[Starlette(routes=[*API_ROUTES, *WEBHOOK_ROUTES, *SHARE_ROUTES, *SELLER_DOCUMENT_ROUTES,
                                       *RETURN_DOCUMENT_ROUTES, *SELLER_STATEMENT_ROUTES, *SELLER_BULK_PRINT_ROUTES,
                                       *SELLER_PRODUCTS_CSV_ROUTES, *STAFF_AUDIT_ROUTES, *STAFF_ANALYTICS_ROUTES,
                                       *STAFF_VENDOR_DOCUMENT_ROUTES,
                                       media_mount()]),
                     _security_headers, CartCookieMiddleware, UploadSizeLimit],
    # On phones sonner spans the top edge, over the header's cart button for as long as a toast shows (and
    # hovering pauses it): below the header and search bar, "Added to your cart" never hides the cart.
    toaster=rx.toast.provider(position="top-center", close_button=True,
                              custom_attrs={"mobileOffset": {"top": "132px", "left": "16px", "right": "16px"}}),
)


def _apply_fx_overrides() -> None:
    """At each backend worker's start: staff FX overrides apply to every price it converts (orders/fx_rates.py).
    Not at import, so tools and tests that import the app never read the database for rates."""
    fx_rates.install()


app.register_lifespan_task(_apply_fx_overrides)

_COMMON = [LocaleState.init_locale, SessionState.refresh, CartState.refresh_count]
# signed-in and per-shopper areas: never listed in the sitemap
SITEMAP_EXCLUDED = (routes.ACCOUNT, routes.SELLER, routes.STAFF, routes.CART, routes.CHECKOUT, routes.TRACK,
                    routes.SELL_APPLY)


def _in_sitemap(route: str) -> bool:
    return not any(route == prefix or route.startswith(f"{prefix}/") for prefix in SITEMAP_EXCLUDED)


def _page(route: str, component, title: str | rx.Var, loaders: list, description: str = "") -> None:  # noqa: ANN001
    """``title``: a page name ("Log in" becomes "Log in · Meridian"), or a state var holding the whole title."""
    PAGE_RELOADERS[route] = loaders
    if not isinstance(title, rx.Var):
        title = f"{title} · Meridian" if title else "Meridian"
    public = _in_sitemap(route)  # the rest (account, seller, staff, checkout, tracking links) is kept out of search
    app.add_page(with_test_mode_banner(component), route=route, title=title,
                 context=None if public else {"sitemap": None},
                 meta=[] if public else [{"name": "robots", "content": "noindex"}],
                 description=description or "Independent makers from around the world, with import duties "
                                            "and taxes shown before you pay.",
                 on_load=[*_COMMON, *loaders])


_page(routes.HOME, home, "", [HomeState.load])
_page(routes.CATEGORY, category_page, "Shop", [CategoryState.load])
_page(routes.PRODUCT, product_page, ProductState.page_title, [ProductState.load, WishlistState.load_product])
_page(routes.SEARCH, search_page, "Search", [SearchPageState.load])
_page(routes.CART, cart_page, "Your cart", [CartPageState.load])
_page(routes.CHECKOUT, checkout_page, "Checkout", [CheckoutState.load])
_page(routes.CHECKOUT_DONE, checkout_done_page, "Order placed", [CheckoutDoneState.load])
_page(routes.LOGIN, login_page, "Log in", [AuthPageState.load])
_page(routes.REGISTER, register_page, "Create your account", [AuthPageState.load])
_page(routes.ACCOUNT, account_page, "Your account", [AccountState.load])
_page(routes.ACCOUNT_ORDERS, orders_page, "Your orders", [OrdersState.load])
_page(routes.ACCOUNT_ORDER, order_page, "Order", [OrderState.load])
_page(routes.ACCOUNT_WISHLIST, wishlist_page, "Your wishlist", [WishlistPageState.load])
_page(routes.ACCOUNT_ADDRESSES, addresses_page, "Your addresses", [AddressesState.load])
_page(routes.ACCOUNT_REVIEWS, reviews_page, "Your reviews", [ReviewsState.load])
_page(routes.ACCOUNT_MESSAGES, messages_page, "Messages", [MessagesState.load])
_page(routes.ACCOUNT_THREAD, thread_page, "Conversation", [ThreadState.load])
_page(routes.SELLER, seller_home, "Seller portal", [SellerHomeState.load, ShopStatusState.load])
_page(routes.SELLER_PRODUCT, seller_product_page, "Seller portal", [SellerProductState.load,
                                                                   SellerPicturesState.load])
_page(routes.SELLER_PRODUCT_NEW, product_editor_page, "New product", [ProductEditorState.load])
_page(routes.SELLER_PRODUCT_EDIT, product_editor_page, "Edit product", [ProductEditorState.load])
_page(routes.SELLER_PRODUCT_IMPORT, product_import_page, "Import products", [ProductImportState.load])
_page(routes.SELLER_ORDERS, seller_orders_page, "Orders", [SellerOrdersState.load])
_page(routes.SELLER_ORDER, seller_order_page, "Order", [SellerOrderState.load])
_page(routes.SELLER_MONEY, seller_money_page, "Money", [SellerMoneyState.load])
_page(routes.SELLER_TEAM, seller_team_page, "Team", [SellerTeamState.load])
_page(routes.SELLER_JOIN, seller_join_page, "Team invitation", [SellerJoinState.load])
_page(routes.SELLER_STOCK, seller_stock_page, "Stock", [SellerStockState.load])
_page(routes.SELLER_SALES, seller_sales_page, "Sales", [SellerSalesState.load])
_page(routes.ACCOUNT_ORDER_RETURN, order_return_page, "Return or exchange", [OrderReturnState.load])
_page(routes.SELLER_RETURNS, seller_returns_page, "Returns", [SellerReturnsState.load])
_page(routes.SELLER_RETURN, seller_return_page, "Returns", [SellerReturnState.load])
_page(routes.SELLER_MESSAGES, seller_messages_page, "Messages", [SellerMessagesState.load])
_page(routes.SELLER_MESSAGE, seller_message_page, "Conversation", [SellerMessageState.load])
_page(routes.SELL, sell_page, "Sell on Meridian", [SellPageState.load])
_page(routes.SELL_APPLY, apply_page, "Apply to sell", [SellerProfileState.load])
_page(routes.SELLER_PROFILE, seller_profile_page, "Business profile", [SellerProfileState.load, ProfileStatusState.load,
                                                                       SellerPayoutState.load, SellerDocumentsState.load])
_page(routes.SELLER_STRIPE_RETURN, stripe_return_page, "Payouts with Stripe", [StripeReturnState.load])
_page(routes.STAFF, staff_home, "Staff console", [StaffHomeState.load])
_page(routes.STAFF_AUDIT, staff_audit, "Audit log", [StaffAuditState.load])
_page(routes.STAFF_REVIEWS, staff_reviews, "Reviews", [StaffReviewsState.load])
_page(routes.STAFF_PEOPLE, staff_people, "People", [StaffPeopleState.load])
_page(routes.STAFF_ANALYTICS, staff_analytics_page, "Analytics", [StaffAnalyticsState.load])
_page(routes.STAFF_FX, staff_fx_page, "Exchange rates", [StaffFxState.load])
_page(routes.STAFF_COMMISSION, staff_commission_page, "Commission", [StaffCommissionState.load])
_page(routes.STAFF_VENDOR, staff_vendor_page, "Vendor", [StaffVendorState.load])
_page(routes.STAFF_SUPPORT, staff_support_page, "Support", [StaffSupportState.load])
_page(routes.STAFF_SUPPORT_THREAD, staff_support_thread_page, "Support thread", [StaffSupportThreadState.load])
_page(routes.STAFF_CANNED, staff_canned_page, "Canned replies", [StaffCannedState.load])
_page(routes.STAFF_ORDERS, staff_orders_page, "Orders", [StaffOrdersState.load])
_page(routes.STAFF_ORDER, staff_order_page, "Order", [StaffOrderState.load])
_page(routes.STAFF_DISPUTES, staff_disputes_page, "Disputes", [StaffDisputesState.load])
_page(routes.TRACK, track_page, "Track your parcel", [TrackState.load])

"""Seller portal home: the seller's own shop at a glance and their own products only, each with a
hide/list switch. Every handler re-derives the vendor from the server-side session. A member whose role has no
catalogue (a packer) is sent to the orders."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.accounts import seller_roles
from marketplace.accounts.seller_roles import Capability
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS, parse_id
from marketplace.pages.seller.status_banner import status_banner
from marketplace.present.cards import format_hs, image_url
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.vendors import portal as vendors
from marketplace.vendors import stock_portal


def _load(session, caller):  # noqa: ANN001
    return (vendors.seller_dashboard(session, caller), vendors.seller_products(session, caller),
            stock_portal.stock_alerts(session, caller))


@dataclass(frozen=True)
class ShopSummary:
    name: str = ""
    status: str = ""
    place: str = ""
    currency: str = ""
    active: str = ""
    hidden: str = ""
    units: str = ""
    sold_out: str = ""
    lock: str = ""  # why listings are locked (a suspended shop), "" when they are not
    stock_alert: str = ""  # "3 variants are low on stock, 1 is sold out." ("" when none)


@dataclass(frozen=True)
class SellerProductRow:
    id: str = ""
    name: str = ""
    href: str = ""
    edit_href: str = ""
    status: str = ""
    listed: bool = False
    variants: str = ""
    stock: str = ""
    price: str = ""
    hs_code: str = ""
    origin: str = ""
    image: str = ""


class SellerHomeState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    shop: ShopSummary = ShopSummary()
    products: list[SellerProductRow] = []
    notice: str = ""

    @rx.event
    async def load(self):
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        try:
            caller = await role_required(self, Role.SELLER)
            if caller.vendor_id is not None and not seller_roles.can(caller.vendor_role, Capability.CATALOGUE):
                return rx.redirect(routes.SELLER_ORDERS)  # a packer's portal starts at the orders
            dashboard, rows, alerts = await run_service(_load, caller)
        except DomainError as exc:
            self.allowed, self.loaded, self.products, self.shop = False, True, [], ShopSummary()
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, routes.SELLER)
        self.allowed, self.denied = True, ""
        self.shop = ShopSummary(
            name=dashboard.vendor_name, status=dashboard.vendor_status,
            place=f"{formatting.flag_emoji(dashboard.country)} {formatting.country_name(dashboard.country, locale)}",
            currency=dashboard.currency,
            active=formatting.format_number(dashboard.active_products, locale),
            hidden=formatting.format_number(dashboard.hidden_products, locale),
            units=formatting.format_number(dashboard.units_in_stock, locale),
            sold_out=formatting.format_number(dashboard.sold_out_variants, locale),
            lock=translate(lang, lock) if (lock := vendors.listing_lock(dashboard.vendor_status)) else "",
            stock_alert=translate(lang, N_("Low on stock: %(low)s variants. Sold out: %(out)s."),
                                  low=formatting.format_number(alerts.low, locale),
                                  out=formatting.format_number(alerts.out, locale))
            if alerts.low or alerts.out else "",
        )
        self.products = [SellerProductRow(
            id=str(r.id), name=r.name, href=routes.seller_product(r.id), edit_href=routes.seller_product_edit(r.id),
            status=r.status,
            listed=r.status == "active",
            variants=str(r.variant_count), stock=formatting.format_number(r.stock, locale),
            price=formatting.format_money(r.price_from, locale),
            hs_code=format_hs(r.hs_code), origin=f"{formatting.flag_emoji(r.origin_country)} {r.origin_country}",
            image=image_url(r.image_path),
        ) for r in rows]
        self.loaded = True
        return None

    @rx.event
    async def set_visibility(self, product_id: str, visible: bool):
        """Hide or re-list one of the caller's own products; refused for anyone else's."""
        lang, _, _ = await market(self)
        product_id = parse_id(product_id)
        try:
            caller = await role_required(self, Role.SELLER)
            await run_write(vendors.set_listing_visibility, caller, product_id, visible)
        except DomainError as exc:
            self.notice = problem_text(lang, exc)
            return rx.toast.error(self.notice, position="top-center")
        self.notice = ""
        return SellerHomeState.load


def _stat(label: str, value: rx.Var) -> rx.Component:
    return rx.card(rx.vstack(rx.text(t(label), size="1", color="var(--gray-11)"),
                             rx.text(value, size="6", weight="bold"), spacing="1"), width="100%")


def _status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("active", rx.badge(t("Listed"), color_scheme="grass")),
        ("hidden", rx.badge(t("Hidden"), color_scheme="gray")),
        ("blocked", rx.badge(t("Blocked by staff"), color_scheme="red")),
        rx.badge(t("Draft"), color_scheme="amber"),
    )


def _product_row(p: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.image(src=p.image, alt="", width="56px", height="56px", border_radius="var(--radius-3)",
                 flex_shrink="0", object_fit="cover"),
        rx.vstack(
            rx.link(p.name, href=p.href, weight="medium", size="2", color="var(--gray-12)",
                    class_name="seller-product-name"),
            rx.hstack(_status_badge(p.status),
                      rx.text(t("Variants"), ": ", p.variants, " · ", t("Stock"), ": ", p.stock,
                              size="1", color="var(--gray-11)"),
                      spacing="2", align="center", wrap="wrap"),
            rx.text(t("HS"), " ", p.hs_code, " · ", p.origin, size="1", color="var(--gray-11)"),
            spacing="1", flex="1", min_width="0", align="start",
        ),
        rx.vstack(
            rx.text(p.price, size="2", weight="bold", white_space="nowrap"),
            rx.link(t("Edit"), href=p.edit_href, size="2", class_name="seller-product-edit"),
            rx.cond(p.status != "blocked",
                    rx.button(rx.cond(p.listed, t("Hide"), t("List")), size="1", variant="soft",
                              class_name="touch-target", disabled=SellerHomeState.shop.lock != "",
                              on_click=SellerHomeState.set_visibility(p.id, ~p.listed))),
            spacing="2", align="end",
        ),
        spacing="3", align="center", width="100%", class_name="table-row",
    )


def seller_home() -> rx.Component:
    shop = SellerHomeState.shop
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerHomeState.allowed, SellerHomeState.denied, SellerHomeState.loaded,
        rx.vstack(
            rx.heading(shop.name, as_="h1", size="7", id="seller-shop-name"),
            rx.hstack(rx.text(shop.place, size="2", color="var(--gray-11)"),
                      rx.text("·", color="var(--gray-9)"),
                      rx.text(t("Prices in"), " ", shop.currency, size="2", color="var(--gray-11)"),
                      spacing="2", wrap="wrap"),
            status_banner(),  # what the shop's status allows and, while pending, what is missing
            rx.cond(shop.stock_alert != "",
                    rx.callout(rx.hstack(rx.text(shop.stock_alert),
                                         rx.link(t("See stock"), href=routes.seller_stock("low"), weight="medium"),
                                         spacing="2", wrap="wrap"),
                               icon="package-minus", color_scheme="amber", width="100%", id="stock-alert")),
            rx.grid(_stat(N_("Listed products"), shop.active), _stat(N_("Hidden products"), shop.hidden),
                    _stat(N_("Units in stock"), shop.units), _stat(N_("Sold-out variants"), shop.sold_out),
                    columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%"),
            rx.flex(
                rx.heading(t("Your products"), as_="h2", size="5"),
                rx.flex(
                    rx.button(rx.link(rx.icon("plus", size=16, aria_hidden="true"), t("New product"),
                                      href=routes.SELLER_PRODUCT_NEW, id="new-product", underline="none"),
                              as_child=True, size="3", class_name="touch-target"),
                    rx.button(rx.link(rx.icon("file-up", size=16, aria_hidden="true"), t("Import or export (CSV)"),
                                      href=routes.SELLER_PRODUCT_IMPORT, id="import-products", underline="none"),
                              as_child=True, size="3", variant="soft", class_name="touch-target"),
                    spacing="2", wrap="wrap",
                ),
                spacing="3", wrap="wrap", justify="between", align="center", width="100%", margin_top="12px",
            ),
            rx.cond(SellerHomeState.products.length() > 0,
                    rx.vstack(rx.foreach(SellerHomeState.products, _product_row), spacing="0", width="100%",
                              class_name="table-card", id="seller-products"),
                    rx.text(t("No products yet. Create your first one, or import a CSV file of products and "
                              "variants. A product stays a draft until it has a price, an HS code, a country of "
                              "origin and a weight, and you publish it."),
                            size="2", color="var(--gray-11)", id="seller-products-empty")),
            spacing="4", width="100%", align="start",
        ),
    )

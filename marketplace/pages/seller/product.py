"""Seller product page (/seller/products/[id]): one of the seller's own products with its cross-border
data, stock and pictures (the "Pictures" section: pages/seller/product_pictures.py). The route argument is
re-checked for ownership on every load: another seller's product id shows a refusal and loads nothing."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from marketplace import routes
from marketplace.catalog import queries
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale
from marketplace.layouts.backoffice import backoffice
from marketplace.models import Role
from marketplace.pages.seller.common import SELLER_LINKS, parse_id
from marketplace.pages.seller.product_pictures import SellerPicturesState, pictures_section
from marketplace.present.cards import format_hs, image_url
from marketplace.present.problems import problem_text
from marketplace.state.auth import login_redirect, role_required
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.vendors import portal as vendors


def _load(session, caller, product_id, lang):  # noqa: ANN001
    row = vendors.seller_product(session, caller, product_id)  # ownership check first
    variants = queries.seller_variants(session, row.id, lang)
    return row, variants


@dataclass(frozen=True)
class SellerProductView:
    id: str = ""
    name: str = ""
    status: str = ""
    listed: bool = False
    image: str = ""
    storefront: str = ""  # the product's page in the shop
    edit: str = ""  # the catalogue editor for it


@dataclass(frozen=True)
class SellerVariantRow:
    sku: str = ""
    label: str = ""
    price: str = ""
    stock: str = ""
    weight: str = ""
    hs_code: str = ""
    origin: str = ""


class SellerProductState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    product: SellerProductView = SellerProductView()
    variants: list[SellerVariantRow] = []

    @rx.event
    async def load(self):
        self.loaded = False
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        product_id = parse_id(self.router.url.path.removeprefix("/seller/products/").strip("/"))
        try:
            caller = await role_required(self, Role.SELLER)
            row, variants = await run_service(_load, caller, product_id or 0, lang)
        except DomainError as exc:
            self.allowed, self.loaded, self.product, self.variants = False, True, SellerProductView(), []
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, self.router.url.path)
        self.allowed, self.denied = True, ""
        self.product = SellerProductView(id=str(row.id), name=row.name, status=row.status,
                                         listed=row.status == "active", image=image_url(row.image_path),
                                         storefront=routes.product(row.slug),
                                         edit=routes.seller_product_edit(row.id))
        self.variants = [SellerVariantRow(
            sku=v.sku, label=v.label or "—", price=formatting.format_money(v.price, locale),
            stock=formatting.format_number(v.stock, locale),
            weight=formatting.format_weight_g(v.weight_g, locale),
            hs_code=format_hs(v.hs_code), origin=f"{formatting.flag_emoji(v.origin_country)} {v.origin_country}",
        ) for v in variants]
        self.loaded = True
        return None


def _variant(v: rx.Var) -> rx.Component:
    return rx.grid(
        rx.vstack(rx.text(v.label, weight="medium", size="2"), rx.code(v.sku, size="1"), spacing="1"),
        rx.text(v.price, size="2", weight="bold"),
        rx.text(t("Stock"), ": ", v.stock, size="2"),
        rx.text(v.weight, size="2", color="var(--gray-11)"),
        rx.text(t("HS"), " ", v.hs_code, " · ", v.origin, size="2", color="var(--gray-11)"),
        columns=rx.breakpoints(initial="2", md="5"), spacing="2", width="100%", class_name="table-row",
        align="center",
    )


def seller_product_page() -> rx.Component:
    p = SellerProductState.product
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerProductState.allowed, SellerProductState.denied,
        SellerProductState.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("All products"), spacing="1", align="center"),
                    href=routes.SELLER, size="2"),
            rx.hstack(
                rx.image(src=rx.cond(SellerPicturesState.pictures.length() > 0,  # follows the Pictures section
                                     SellerPicturesState.pictures[0].thumb, p.image), alt=p.name, width="96px", height="96px",
                         border_radius="var(--radius-3)", object_fit="cover"),
                rx.vstack(rx.heading(p.name, as_="h1", size="6", id="seller-product-name"),
                          rx.hstack(rx.link(t("Edit product"), href=p.edit, size="2", id="edit-product"),
                                    rx.cond(p.listed, rx.link(t("View in shop"), href=p.storefront, size="2")),
                                    spacing="3", wrap="wrap"),
                          spacing="2"),
                spacing="4", align="center",
            ),
            rx.heading(t("Variants"), as_="h2", size="4"),
            rx.vstack(rx.foreach(SellerProductState.variants, _variant), spacing="0", width="100%",
                      class_name="table-card"),
            pictures_section(),
            spacing="4", width="100%", align="start",
        ),
    )

"""Product page: swipeable gallery, variant picker, price in the shopper's currency, stock state,
add to cart (a sticky bar on phones), seller card and product facts (origin, weight, HS code)."""

from __future__ import annotations

from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.catalog import queries
from marketplace.components.breadcrumbs import breadcrumbs
from marketplace.components.feedback import notice
from marketplace.components.wishlist_button import wishlist_button
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.storefront import storefront
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t
from marketplace.state.present import format_hs, image_url, price_text, rating_text


class ProductState(rx.State):
    name: str = ""
    description: str = ""
    category_name: str = ""
    category_href: str = ""
    vendor: dict[str, str] = {}
    rating: str = ""
    reviews: str = ""
    images: list[dict[str, str]] = []
    variants: list[dict[str, str]] = []
    option_names: str = ""
    selected: int = 0
    quantity: int = 1
    error: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded = False
        lang, currency, _ = await market(self)
        locale = format_locale(lang)
        slug = unquote(self.router.url.path.removeprefix("/p/").strip("/"))
        try:
            detail = await run_service(queries.product_detail, slug, lang)
        except DomainError as exc:
            self.error, self.name = translate(lang, exc.message, **exc.params), ""
            self.loaded = True
            return
        self.error = ""
        self.name, self.description = detail.name, detail.description
        self.category_name, self.category_href = detail.category.name, routes.category(detail.category.slug)
        self.rating = rating_text(detail.rating_x10)
        self.reviews = formatting.format_number(detail.review_count, locale)
        self.vendor = {
            "name": detail.vendor_name,
            "place": f"{formatting.flag_emoji(detail.vendor_country)} {detail.vendor_city}, "
                     f"{formatting.country_name(detail.vendor_country, locale)}",
            "response": str(detail.vendor_response_hours),
            "initial": detail.vendor_name[:1],
        }
        self.images = [{"thumb": image_url(th), "full": image_url(full), "alt": alt}
                       for th, full, alt in detail.images]
        self.variants = [{
            "id": str(v.id), "label": v.label or detail.name, "sku": v.sku,
            "price": price_text(v.price, currency, lang),
            "compare_at": price_text(v.compare_at, currency, lang) if v.compare_at else "",
            "stock": str(v.stock), "in_stock": "1" if v.stock > 0 else "",
            "low_stock": "1" if 0 < v.stock <= 5 else "",
            "weight": formatting.format_weight_g(v.weight_g, locale),
            "dimensions": " × ".join(str(d // 10 if d >= 10 else d) for d in v.dimensions_mm) + " cm",
            "hs_code": format_hs(v.hs_code),
            "origin": f"{formatting.flag_emoji(v.origin_country)} {formatting.country_name(v.origin_country, locale)}",
        } for v in detail.variants]
        self.option_names = detail.variants[0].option_names if detail.variants else ""
        in_stock = [i for i, v in enumerate(detail.variants) if v.stock > 0]
        self.selected = in_stock[0] if in_stock else 0
        self.quantity = 1
        self.loaded = True

    @rx.event
    def select_variant(self, index: int):
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(self.variants):
            self.selected = index
            self.quantity = 1

    @rx.event
    def set_quantity(self, value: str):
        if isinstance(value, str) and value.isdigit() and 1 <= int(value) <= 99:
            self.quantity = int(value)

    @rx.var
    def current(self) -> dict[str, str]:
        if not self.variants:
            return {"id": "0", "label": "", "price": "", "compare_at": "", "in_stock": "", "low_stock": "",
                    "stock": "0", "weight": "", "dimensions": "", "hs_code": "", "origin": "", "sku": ""}
        return self.variants[min(self.selected, len(self.variants) - 1)]

    @rx.var
    def quantity_options(self) -> list[str]:
        stock = int(self.current.get("stock", "0") or 0)
        return [str(n) for n in range(1, max(1, min(stock, 10)) + 1)]

    @rx.event
    def add(self):
        """Adds the selected variant; the cart re-checks listing and stock on the server."""
        if not self.variants:
            return None
        return CartState.add_to_cart(int(self.current["id"]), self.quantity)


def gallery() -> rx.Component:
    return rx.box(
        rx.box(
            rx.foreach(ProductState.images, lambda img: rx.image(
                src=img["full"], alt=img["alt"], width="100%", height="auto", class_name="gallery-slide",
                style={"aspectRatio": "1 / 1"})),
            class_name="gallery-track", aria_label=t("Product images"), role="region", tab_index=0,
        ),
        width="100%",
    )


def variant_picker() -> rx.Component:
    return rx.cond(
        ProductState.variants.length() > 1,
        rx.el.fieldset(
            rx.el.legend(ProductState.option_names, class_name="field-label"),
            rx.flex(
                rx.foreach(ProductState.variants, lambda v, i: rx.button(
                    v["label"],
                    variant=rx.cond(ProductState.selected == i, "solid", "outline"),
                    color_scheme=rx.cond(ProductState.selected == i, "teal", "gray"),
                    on_click=ProductState.select_variant(i), size="2", class_name="touch-target variant-chip",
                    aria_pressed=rx.cond(ProductState.selected == i, "true", "false"),
                    style={"opacity": rx.cond(v["in_stock"] != "", "1", "0.55")},
                )),
                gap="8px", wrap="wrap",
            ),
            class_name="plain-fieldset",
        ),
    )


def buy_box() -> rx.Component:
    current = ProductState.current
    return rx.vstack(
        rx.hstack(
            rx.text(current["price"], size="7", weight="bold", id="product-price"),
            rx.cond(current["compare_at"] != "",
                    rx.text(current["compare_at"], size="3", color="var(--gray-11)",
                            style={"textDecoration": "line-through"})),
            align="baseline", spacing="3", wrap="wrap",
        ),
        rx.cond(current["in_stock"] != "",
                rx.cond(current["low_stock"] != "",
                        rx.text(t("Only a few left"), " (", current["stock"], ")", color="var(--amber-11)",
                                size="2", weight="medium"),
                        rx.hstack(rx.icon("circle-check", size=16, color="var(--grass-11)", aria_hidden="true"),
                                  rx.text(t("In stock"), color="var(--grass-11)", size="2", weight="medium"),
                                  spacing="1", align="center")),
                rx.text(t("Sold out"), color="var(--red-11)", size="2", weight="medium")),
        variant_picker(),
        rx.hstack(
            rx.vstack(
                rx.el.label(t("Quantity"), html_for="quantity", class_name="field-label"),
                rx.el.select(rx.foreach(ProductState.quantity_options, lambda q: rx.el.option(q, value=q)),
                             id="quantity", value=ProductState.quantity.to_string(),
                             on_change=ProductState.set_quantity, class_name="native-select quantity-select"),
                spacing="1",
            ),
            rx.button(rx.icon("shopping-bag", size=18, aria_hidden="true"), t("Add to cart"),
                      size="4", on_click=ProductState.add, disabled=current["in_stock"] == "",
                      flex="1", id="add-to-cart", class_name="touch-target", loading=~ProductState.loaded),
            wishlist_button(),
            align="end", spacing="3", width="100%", class_name="buy-row",
        ),
        spacing="4", width="100%", align="start",
    )


def sticky_bar() -> rx.Component:
    current = ProductState.current
    return rx.box(
        rx.hstack(
            rx.vstack(rx.text(current["price"], weight="bold", size="4"),
                      rx.text(current["label"], size="1", color="var(--gray-11)",
                              style={"whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis",
                                     "maxWidth": "45vw"}),
                      spacing="0"),
            rx.button(t("Add to cart"), size="3", on_click=ProductState.add, id="sticky-add-to-cart",
                      disabled=current["in_stock"] == "", class_name="touch-target"),
            justify="between", align="center", width="100%",
        ),
        class_name="sticky-buy-bar", display=["block", "block", "none"],
    )


def seller_card() -> rx.Component:
    v = ProductState.vendor
    return rx.card(
        rx.hstack(
            rx.avatar(fallback=v["initial"], size="4", radius="full", color_scheme="teal"),
            rx.vstack(
                rx.text(t("Sold by"), size="1", color="var(--gray-11)"),
                rx.text(v["name"], weight="bold", size="3"),
                rx.text(v["place"], size="2", color="var(--gray-11)"),
                rx.text(t("Usually replies within"), " ", v["response"], " h", size="1", color="var(--gray-11)"),
                spacing="0",
            ),
            spacing="3", align="center",
        ),
        width="100%",
    )


def facts() -> rx.Component:
    current = ProductState.current

    def row(label: str, value: rx.Var) -> rx.Component:
        return rx.hstack(rx.text(t(label), size="2", color="var(--gray-11)"),
                         rx.text(value, size="2", weight="medium", text_align="right"),
                         justify="between", width="100%", class_name="fact-row")

    return rx.vstack(
        rx.heading(t("Product details"), as_="h2", size="4"),
        row(N_("Made in"), current["origin"]),
        row(N_("Weight"), current["weight"]),
        row(N_("Size (L × W × H)"), current["dimensions"]),
        row(N_("HS code"), current["hs_code"]),
        row(N_("SKU"), current["sku"]),
        spacing="2", width="100%",
    )


def product_page() -> rx.Component:
    return storefront(
        rx.cond(
            ProductState.error != "",
            notice("package-x", ProductState.error, t("It may have sold out for good or been taken down.")),
            rx.vstack(
                breadcrumbs((ProductState.category_name, ProductState.category_href)),
                rx.grid(
                    gallery(),
                    rx.vstack(
                        rx.heading(ProductState.name, as_="h1", size=rx.breakpoints(initial="6", md="7"),
                                   id="product-name"),
                        rx.cond(ProductState.rating != "",
                                rx.hstack(rx.icon("star", size=16, color="var(--amber-9)", fill="var(--amber-9)",
                                                  aria_hidden="true"),
                                          rx.text(ProductState.rating, weight="medium", size="2"),
                                          rx.text("(", ProductState.reviews, " ", t("reviews"), ")", size="2",
                                                  color="var(--gray-11)"),
                                          spacing="1", align="center")),
                        buy_box(),
                        seller_card(),
                        spacing="4", width="100%", align="start",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="6", width="100%",
                ),
                rx.grid(
                    rx.vstack(rx.heading(t("About this item"), as_="h2", size="4"),
                              rx.text(ProductState.description, size="3", color="var(--gray-12)",
                                      style={"whiteSpace": "pre-line", "lineHeight": "1.6"}),
                              spacing="2", align="start"),
                    facts(),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="6", width="100%", margin_top="12px",
                ),
                sticky_bar(),
                spacing="4", width="100%", align="start", padding_bottom=["72px", "72px", "0"],
            ),
        ),
    )

"""Cart: one parcel per seller with its lines, a shipping choice and its landed cost (goods, shipping, import
duty, import taxes, fees), quantity changes, remove, save for later (listed below, movable back), and a
running total for the shopper's ship-to country with who collects the import charges (DDP / DAP).

Prices come from ``checkout.pricing.price_checkout``, the same calculation checkout freezes, so the total
here is the total there. The shipping choice per seller lives in the ``mp_shipping`` cookie
(``CartState``). On phones a bar at the bottom shows the total and the checkout button.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from marketplace import routes
from marketplace.checkout.pricing import CheckoutPrice, Market, fetch_cart, price_checkout
from marketplace.components.feedback import notice
from marketplace.components.landed_breakdown import breakdown
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale
from marketplace.core.text import is_digits
from marketplace.layouts.storefront import storefront
from marketplace.orders import cart as carts
from marketplace.present.cards import image_url, price_text
from marketplace.present.landed import (
    ParcelView,
    TotalsView,
    parcel_view,
    problem_texts,
    totals_view,
)
from marketplace.present.problems import problem_text
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t


@dataclass
class LineView:
    id: str = ""
    name: str = ""
    variant: str = ""
    href: str = ""
    image: str = ""
    quantity: str = ""
    unit: str = ""
    total: str = ""
    at_max: bool = False
    at_min: bool = True


@dataclass
class CartParcel:
    parcel: ParcelView = field(default_factory=ParcelView)
    lines: list[LineView] = field(default_factory=list)


def _snapshot(session, owner: carts.CartOwner, lang: str, market_: Market,  # noqa: ANN001
              choices: dict[int, str]) -> tuple[carts.CartView, carts.CartView, CheckoutPrice]:
    view = carts.view(session, owner, lang)
    saved = carts.view(session, owner, lang, saved=True)
    return view, saved, price_checkout(fetch_cart(session, owner), market_, choices)


class CartPageState(rx.State):
    parcels: list[CartParcel] = []
    saved: list[LineView] = []
    totals: TotalsView = TotalsView()
    subtotal: str = ""
    problems: list[str] = []
    error: str = ""
    loaded: bool = False
    _quantities: dict[str, int] = {}
    _options: dict[str, list[str]] = {}

    async def _cart(self) -> CartState:
        return await self.get_state(CartState)

    @rx.event
    async def load(self):
        lang, currency, ship_to = await market(self)
        locale = format_locale(lang)
        cart_state = await self._cart()
        view, saved, price = await run_service(_snapshot, await cart_state._owner(), lang,
                                               Market(ship_to, currency), cart_state._choices())
        shown = {line.line_id: line for line in view.lines}
        parcels = []
        for parcel in price.parcels:
            lines = []
            for priced in parcel.lines:
                line = shown.get(priced.item.line_id)
                if line is None:
                    continue
                lines.append(LineView(
                    id=str(line.line_id), name=line.product_name, variant=line.variant_label,
                    href=routes.product(line.product_slug), image=image_url(line.image_path),
                    quantity=str(line.quantity), unit=formatting.format_money(priced.unit_price, locale),
                    total=formatting.format_money(priced.total, locale),
                    at_max=line.quantity >= min(line.stock, carts.MAX_QUANTITY), at_min=line.quantity <= 1))
            parcels.append(CartParcel(parcel=parcel_view(parcel, lang), lines=lines))
        self.parcels = parcels
        self._quantities = {line.id: int(line.quantity) for p in parcels for line in p.lines}
        self._options = {p.parcel.vendor_id: [o.value for o in p.parcel.options] for p in parcels}
        self.saved = [LineView(id=str(line.line_id), name=line.product_name, variant=line.variant_label,
                               href=routes.product(line.product_slug), image=image_url(line.image_path),
                               quantity=str(line.quantity), unit=price_text(line.unit_price, currency, lang))
                      for line in saved.lines]
        self.totals = totals_view(price, lang)
        self.subtotal = formatting.format_money(price.goods, locale)
        self.problems = problem_texts(price, lang)
        self.loaded = True

    @rx.event
    async def step_quantity(self, line_id: str, step: int):
        if not isinstance(line_id, str) or isinstance(step, bool) or step not in (-1, 1):
            return None
        current = self._quantities.get(line_id)
        if current is None or current + step < 1:
            return None
        return await self._mutate(carts.set_quantity, int(line_id), current + step)

    @rx.event
    async def remove(self, line_id: str):
        if not (isinstance(line_id, str) and is_digits(line_id) and len(line_id) < 12):
            return None
        return await self._mutate(carts.remove, int(line_id))

    @rx.event
    async def save_for_later(self, line_id: str):
        if not (isinstance(line_id, str) and is_digits(line_id) and len(line_id) < 12):
            return None
        return await self._mutate(carts.save_for_later, int(line_id))

    @rx.event
    async def move_to_cart(self, line_id: str):
        if not (isinstance(line_id, str) and is_digits(line_id) and len(line_id) < 12):
            return None
        return await self._mutate(carts.move_to_cart, int(line_id))

    @rx.event
    async def choose_shipping(self, vendor_id: str, service: str):
        """Keep the shopper's shipping service for one seller (only a service that seller's parcel offers)."""
        cart_state = await self._cart()
        return CartPageState.load if cart_state._choose(vendor_id, service, self._options) else None

    async def _mutate(self, fn, *args):  # noqa: ANN001
        lang, _, _ = await market(self)
        cart_state = await self._cart()
        try:
            await run_write(fn, await cart_state._owner(), *args)
            self.error = ""
        except DomainError as exc:
            self.error = problem_text(lang, exc)
        return [CartPageState.load, CartState.refresh_count]


def _line(line: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.link(rx.image(src=line.image, alt=line.name, width="88px", height="88px",
                         border_radius="var(--radius-3)", object_fit="cover"), href=line.href, flex_shrink="0"),
        rx.vstack(
            rx.link(line.name, href=line.href, weight="medium", size="2", color="var(--gray-12)",
                    class_name="cart-line-name"),
            rx.text(line.variant, size="1", color="var(--gray-11)"),
            rx.text(line.unit, size="1", color="var(--gray-11)"),
            rx.hstack(
                rx.icon_button(rx.icon("minus", size=16), variant="soft", color_scheme="gray", size="2",
                               aria_label=t("One less"), class_name="touch-target", disabled=line.at_min,
                               on_click=CartPageState.step_quantity(line.id, -1)),
                rx.text(line.quantity, size="2", weight="bold", min_width="24px", text_align="center",
                        aria_live="polite", class_name="line-qty"),
                rx.icon_button(rx.icon("plus", size=16), variant="soft", color_scheme="gray", size="2",
                               aria_label=t("One more"), class_name="touch-target", disabled=line.at_max,
                               on_click=CartPageState.step_quantity(line.id, 1)),
                spacing="2", align="center",
            ),
            rx.hstack(
                rx.button(rx.icon("bookmark", size=16, aria_hidden="true"), t("Save for later"), variant="ghost",
                          size="2", class_name="touch-target save-for-later",
                          on_click=CartPageState.save_for_later(line.id)),
                rx.button(rx.icon("trash-2", size=16, aria_hidden="true"), t("Remove"), variant="ghost",
                          color_scheme="gray", size="2", class_name="touch-target remove-line",
                          on_click=CartPageState.remove(line.id)),
                spacing="3", align="center", wrap="wrap",
            ),
            spacing="1", align="start", flex="1", min_width="0",
        ),
        rx.text(line.total, weight="bold", size="2", white_space="nowrap"),
        align="start", spacing="3", width="100%", class_name="cart-line",
    )


def _shipping_select(parcel: rx.Var) -> rx.Component:
    select_id = "ship-" + parcel.vendor_id
    return rx.vstack(
        rx.el.label(t("Shipping"), html_for=select_id, class_name="field-label"),
        rx.el.select(
            rx.foreach(parcel.options, lambda o: rx.el.option(o.label, value=o.value)),
            id=select_id, value=parcel.chosen, class_name="native-select shipping-select",
            on_change=lambda value: CartPageState.choose_shipping(parcel.vendor_id, value),
        ),
        spacing="1", width="100%",
    )


def parcel_card(item: rx.Var) -> rx.Component:
    parcel = item.parcel
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("package", size=18, color="var(--accent-11)", aria_hidden="true"),
                rx.vstack(rx.heading(t("Parcel from"), " ", parcel.vendor, as_="h2", size="3"),
                          rx.text(parcel.place, size="1", color="var(--gray-11)"), spacing="0"),
                align="center", width="100%", class_name="parcel-header",
            ),
            rx.vstack(rx.foreach(item.lines, _line), spacing="2", width="100%"),
            rx.cond(parcel.options.length() > 0, _shipping_select(parcel)),
            breakdown(parcel.rows, t("Parcel total"), parcel.total),
            rx.text(parcel.collect, size="1", color="var(--gray-11)"),
            spacing="3", width="100%",
        ),
        width="100%", class_name="parcel-card",
    )


def _saved_line(line: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.link(rx.image(src=line.image, alt=line.name, width="64px", height="64px",
                         border_radius="var(--radius-3)", object_fit="cover"), href=line.href, flex_shrink="0"),
        rx.vstack(
            rx.link(line.name, href=line.href, weight="medium", size="2", color="var(--gray-12)"),
            rx.text(line.variant, " · ", line.unit, " · ", t("Quantity"), " ", line.quantity, size="1",
                    color="var(--gray-11)"),
            rx.hstack(
                rx.button(rx.icon("shopping-cart", size=16, aria_hidden="true"), t("Move to cart"), variant="soft",
                          size="2", class_name="touch-target move-to-cart",
                          on_click=CartPageState.move_to_cart(line.id)),
                rx.button(t("Remove"), variant="ghost", color_scheme="gray", size="2", class_name="touch-target",
                          on_click=CartPageState.remove(line.id)),
                spacing="3", wrap="wrap",
            ),
            spacing="1", align="start", flex="1", min_width="0",
        ),
        align="start", spacing="3", width="100%", class_name="saved-line",
    )


def _checkout_button(element_id: str) -> rx.Component:
    """The way to checkout; while a line is sold out or a parcel cannot ship, a disabled button instead."""
    return rx.cond(
        CartPageState.problems.length() > 0,
        rx.button(t("Checkout"), size="3", width="100%", class_name="touch-target", disabled=True, id=element_id),
        rx.link(rx.button(t("Checkout"), size="3", width="100%", class_name="touch-target"),
                href=routes.CHECKOUT, id=element_id, width="100%"),
    )


def _summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Summary"), as_="h2", size="4"),
            rx.hstack(rx.text(t("Items"), size="2"), rx.spacer(),
                      rx.text(CartPageState.subtotal, size="2", weight="bold", id="cart-subtotal"), width="100%",
                      class_name="visually-hidden"),
            breakdown(CartPageState.totals.rows, t("Total"), CartPageState.totals.total, "cart-total"),
            rx.cond(CartPageState.totals.on_delivery != "",
                    rx.hstack(rx.text(t("Pay now"), size="2", weight="medium"), rx.spacer(),
                              rx.text(CartPageState.totals.pay_now, size="2", weight="bold", id="cart-pay-now"),
                              width="100%")),
            rx.text(CartPageState.totals.note, size="1", color="var(--gray-11)", id="cart-incoterm-note"),
            _checkout_button("cart-checkout"),
            spacing="3", width="100%",
        ),
        width="100%", class_name="cart-summary",
    )


def _bottom_bar() -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.vstack(rx.text(t("Total"), size="1", color="var(--gray-11)"),
                      rx.text(CartPageState.totals.total, size="4", weight="bold", id="cart-bar-total"),
                      spacing="0"),
            rx.box(_checkout_button("cart-bar-checkout"), flex="1", max_width="220px"),
            align="center", justify="between", width="100%", spacing="4",
        ),
        class_name="sticky-buy-bar cart-bottom-bar", display=["block", "block", "none"],
    )


def _saved_section() -> rx.Component:
    return rx.cond(
        CartPageState.saved.length() > 0,
        rx.vstack(
            rx.heading(t("Saved for later"), as_="h2", size="5"),
            rx.vstack(rx.foreach(CartPageState.saved, _saved_line), spacing="3", width="100%", id="saved-lines"),
            spacing="3", width="100%", margin_top="28px",
        ),
    )


def cart_page() -> rx.Component:
    return storefront(
        rx.heading(t("Your cart"), as_="h1", size="7", margin_bottom="12px"),
        rx.cond(CartPageState.error != "", rx.callout(CartPageState.error, icon="triangle-alert", color_scheme="red",
                                                      margin_bottom="12px", role="alert")),
        rx.cond(
            CartPageState.loaded & (CartPageState.parcels.length() == 0),
            notice("shopping-bag", t("Your cart is empty"),
                   t("Find something you love from makers around the world."), N_("Start shopping")),
            rx.fragment(
                rx.foreach(CartPageState.problems, lambda p: rx.callout(p, icon="circle-alert", color_scheme="amber",
                                                                        margin_bottom="12px", role="status")),
                rx.grid(
                    rx.vstack(rx.foreach(CartPageState.parcels, parcel_card), spacing="4", width="100%",
                              id="cart-lines"),
                    _summary(),
                    spacing="5", width="100%",
                    style={"gridTemplateColumns": rx.breakpoints(initial="minmax(0, 1fr)",
                                                                 md="minmax(0, 3fr) minmax(0, 1.4fr)")},
                ),
                _bottom_bar(),
            ),
        ),
        _saved_section(),
        rx.box(height="88px", display=["block", "block", "none"]),  # room for the bottom bar on phones
    )

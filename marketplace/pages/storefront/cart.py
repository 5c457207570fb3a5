"""Cart: lines grouped by seller (one parcel each), quantity changes, remove, and the running goods total
in the shopper's currency. Shipping, duties and taxes are added by checkout (its own issue)."""

from __future__ import annotations

import reflex as rx

from marketplace import routes
from marketplace.catalog.pricing import localise
from marketplace.components.feedback import notice
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import sum_money
from marketplace.layouts.storefront import storefront
from marketplace.orders import cart as carts
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t
from marketplace.state.present import image_url


class CartPageState(rx.State):
    lines: list[dict[str, str]] = []
    subtotal: str = ""
    parcels: int = 0
    error: str = ""
    loaded: bool = False

    async def _owner(self) -> carts.CartOwner:
        cart_state = await self.get_state(CartState)
        return await cart_state._owner()

    @rx.event
    async def load(self):
        lang, currency, _ = await market(self)
        locale = format_locale(lang)
        view = await run_service(carts.view, await self._owner(), lang)
        units = [localise(line.unit_price, currency) for line in view.lines]  # converted once per line
        lines, totals, seen = [], [], {}
        vendor_totals: dict[int, list] = {}
        for line, unit in zip(view.lines, units, strict=True):
            vendor_totals.setdefault(line.vendor_id, []).append(unit * line.quantity)
        for line, unit in zip(view.lines, units, strict=True):
            total = unit * line.quantity
            totals.append(total)
            first = line.vendor_id not in seen
            seen[line.vendor_id] = True
            lines.append({
                "id": str(line.line_id), "name": line.product_name, "variant": line.variant_label,
                "href": routes.product(line.product_slug), "image": image_url(line.image_path),
                "quantity": str(line.quantity), "unit": formatting.format_money(unit, locale),
                "total": formatting.format_money(total, locale),
                "at_max": "1" if line.quantity >= min(line.stock, carts.MAX_QUANTITY) else "",
                "group_start": "1" if first else "",
                "vendor": line.vendor_name,
                "vendor_place": f"{formatting.flag_emoji(line.vendor_country)} "
                                f"{formatting.country_name(line.vendor_country, locale)}",
                "vendor_total": formatting.format_money(sum_money(vendor_totals[line.vendor_id], currency), locale),
            })
        self.lines = lines
        self.parcels = len(seen)
        self.subtotal = formatting.format_money(sum_money(totals, currency), locale)
        self.loaded = True

    @rx.event
    async def step_quantity(self, line_id: str, step: int):
        if not (isinstance(line_id, str) and step in (-1, 1) and not isinstance(step, bool)):
            return None
        current = next((int(line["quantity"]) for line in self.lines if line["id"] == line_id), None)
        if current is None or current + step < 1:
            return None
        return await self._mutate(carts.set_quantity, int(line_id), current + step)

    @rx.event
    async def remove(self, line_id: str):
        if not (isinstance(line_id, str) and line_id.isdigit()):
            return None
        return await self._mutate(carts.remove, int(line_id))

    async def _mutate(self, fn, *args):  # noqa: ANN001
        lang, _, _ = await market(self)
        try:
            await run_write(fn, await self._owner(), *args)
            self.error = ""
        except DomainError as exc:
            self.error = translate(lang, exc.message, **exc.params)
        return [CartPageState.load, CartState.refresh_count]


def _line(line: rx.Var) -> rx.Component:
    return rx.fragment(
        rx.cond(line["group_start"] != "",
                rx.hstack(
                    rx.icon("package", size=18, color="var(--accent-11)", aria_hidden="true"),
                    rx.vstack(rx.text(t("Parcel from"), " ", line["vendor"], weight="bold", size="2"),
                              rx.text(line["vendor_place"], size="1", color="var(--gray-11)"), spacing="0"),
                    rx.spacer(),
                    rx.text(line["vendor_total"], size="2", weight="medium"),
                    align="center", width="100%", class_name="parcel-header",
                )),
        rx.hstack(
            rx.link(rx.image(src=line["image"], alt=line["name"], width="88px", height="88px",
                             border_radius="var(--radius-3)", object_fit="cover"), href=line["href"],
                    flex_shrink="0"),
            rx.vstack(
                rx.link(line["name"], href=line["href"], weight="medium", size="2", color="var(--gray-12)",
                        class_name="cart-line-name"),
                rx.text(line["variant"], size="1", color="var(--gray-11)"),
                rx.text(line["unit"], size="1", color="var(--gray-11)"),
                rx.hstack(
                    rx.icon_button(rx.icon("minus", size=16), variant="soft", color_scheme="gray", size="2",
                                   aria_label=t("One less"), class_name="touch-target",
                                   disabled=line["quantity"] == "1",
                                   on_click=CartPageState.step_quantity(line["id"], -1)),
                    rx.text(line["quantity"], size="2", weight="bold", min_width="24px", text_align="center",
                            aria_live="polite", class_name="line-qty"),
                    rx.icon_button(rx.icon("plus", size=16), variant="soft", color_scheme="gray", size="2",
                                   aria_label=t("One more"), class_name="touch-target",
                                   disabled=line["at_max"] != "",
                                   on_click=CartPageState.step_quantity(line["id"], 1)),
                    rx.button(rx.icon("trash-2", size=16, aria_hidden="true"), t("Remove"), variant="ghost",
                              color_scheme="gray", size="2", class_name="touch-target",
                              on_click=CartPageState.remove(line["id"])),
                    spacing="3", align="center",
                ),
                spacing="1", align="start", flex="1", min_width="0",
            ),
            rx.text(line["total"], weight="bold", size="2", white_space="nowrap"),
            align="start", spacing="3", width="100%", class_name="cart-line",
        ),
    )


def cart_page() -> rx.Component:
    return storefront(
        rx.heading(t("Your cart"), as_="h1", size="7", margin_bottom="12px"),
        rx.cond(CartPageState.error != "", rx.callout(CartPageState.error, icon="triangle-alert", color_scheme="red",
                                                      margin_bottom="12px", role="alert")),
        rx.cond(
            CartPageState.loaded & (CartPageState.lines.length() == 0),
            notice("shopping-bag", t("Your cart is empty"),
                   t("Find something you love from makers around the world."), N_("Start shopping")),
            rx.grid(
                rx.vstack(rx.foreach(CartPageState.lines, _line), spacing="3", width="100%", id="cart-lines"),
                rx.card(
                    rx.vstack(
                        rx.heading(t("Summary"), as_="h2", size="4"),
                        rx.hstack(rx.text(t("Items"), size="2"), rx.spacer(),
                                  rx.text(CartPageState.subtotal, size="2", weight="bold", id="cart-subtotal"),
                                  width="100%"),
                        rx.hstack(rx.text(t("Parcels"), size="2"), rx.spacer(),
                                  rx.text(CartPageState.parcels, size="2"), width="100%"),
                        rx.text(t("Each seller ships their own parcel. Shipping, import duties and taxes are "
                                  "calculated at checkout for your country."), size="1", color="var(--gray-11)"),
                        spacing="3", width="100%",
                    ),
                    width="100%", class_name="cart-summary",
                ),
                columns=rx.breakpoints(initial="1", md="3fr 1.2fr"), spacing="5", width="100%",
                style={"gridTemplateColumns": rx.breakpoints(initial="1fr", md="3fr 1.2fr")},
            ),
        ),
    )

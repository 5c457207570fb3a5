"""Order confirmation (``/checkout/done/[number]``): one order per seller with its frozen landed-cost
breakdown, the amount charged, the delivery address and what happens next.

Only the buyer sees it: ``load`` resolves the caller from the session cookie and the cart cookie on the
server and asks ``checkout.confirmation`` (signed-in user id, or the cart whose checkout placed it);
anyone else gets the same "not found" as for an unknown number. The delivery address and the full e-mail
address show only to the signed-in buyer or in the tab that paid (``CheckoutState._paid_orders``, a backend
var of this tab); another tab with the same cart cookie sees the order and a note instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.accounts.address_format import PostalAddress
from marketplace.checkout.confirmation import confirmation
from marketplace.components.feedback import notice
from marketplace.components.landed_breakdown import breakdown
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.storefront import storefront
from marketplace.orders.cart import CartOwner
from marketplace.pages.storefront.checkout_state import CheckoutState
from marketplace.present.landed import LineView, Row
from marketplace.state.auth import current_caller
from marketplace.state.cart import CartState
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


@dataclass(frozen=True)
class DoneOrder:
    number: str = ""
    vendor: str = ""
    place: str = ""
    rows: list[Row] = field(default_factory=list)
    total: str = ""
    collect: str = ""
    lines: list[LineView] = field(default_factory=list)


class CheckoutDoneState(rx.State):
    found: bool = False
    loaded: bool = False
    number: str = ""
    orders: list[DoneOrder] = []
    totals: list[Row] = []
    total: str = ""
    charged: str = ""
    card: str = ""
    email: str = ""
    address: list[str] = []
    address_hidden: bool = False
    delivery_note: str = ""

    @rx.event
    async def load(self):
        self.loaded, self.found = False, False
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        number = unquote(self.router.url.path.removeprefix("/checkout/done/").strip("/"))[:40]
        caller = await current_caller(self)
        cart_state = await self.get_state(CartState)
        owner = CartOwner(user_id=caller.user_id) if caller else CartOwner(guest_token=cart_state._guest())
        paid_here = number in (await self.get_state(CheckoutState))._paid_orders
        try:
            seen = await run_service(confirmation, number, owner, paid_here=paid_here)
        except DomainError:  # not found, or not this buyer's: show nothing of an earlier confirmation
            self.reset()
            self.loaded = True
            return

        def money(value) -> str:  # noqa: ANN001
            return formatting.format_money(value, locale)

        def rows(o) -> list[Row]:  # noqa: ANN001
            later = o.incoterm == "DAP" if hasattr(o, "incoterm") else False
            return [Row("goods", translate(lang, N_("Items")), money(o.goods), ""),
                    Row("shipping", translate(lang, N_("Shipping")), money(o.shipping), ""),
                    Row("duty", translate(lang, N_("Import duty (estimate)") if later else N_("Import duty")),
                        money(o.duty), ""),
                    Row("taxes", translate(lang, N_("Import taxes (estimate)") if later else N_("Import taxes")),
                        money(o.taxes), ""),
                    Row("fees", translate(lang, N_("Fees")), money(o.fees), "")]

        self.number, self.email, self.card = seen.number, seen.email, seen.card
        self.orders = [DoneOrder(
            number=o.number, vendor=o.vendor_name,
            place=f"{formatting.flag_emoji(o.vendor_country)} {formatting.country_name(o.vendor_country, locale)}",
            rows=rows(o), total=money(o.total),
            collect=translate(lang, N_("Import charges are an estimate, paid to the carrier on delivery.")
                              if o.incoterm == "DAP" else
                              N_("Import charges are collected now: nothing more to pay on delivery.")),
            lines=[LineView(line.name, str(line.quantity), money(line.total)) for line in o.lines])
            for o in seen.orders]
        self.totals = rows(seen)
        self.total, self.charged = money(seen.total), money(seen.charged)
        on_delivery = seen.total - seen.charged
        self.delivery_note = translate(lang, N_("About %(amount)s in import charges is paid to the carrier on "
                                                "delivery."), amount=money(on_delivery)) if on_delivery.minor else ""
        address = seen.delivery_address
        self.address = ([*PostalAddress(**address).lines(), formatting.country_name(address["country"], locale)]
                        if address.get("country") else [])
        self.address_hidden = seen.private_hidden
        self.found, self.loaded = True, True


def _order(order: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.icon("package", size=18, color="var(--accent-11)", aria_hidden="true"),
                      rx.vstack(rx.heading(t("Order"), " ", order.number, as_="h2", size="4"),
                                rx.text(t("Parcel from"), " ", order.vendor, " · ", order.place, size="2",
                                        color="var(--gray-11)"), spacing="0"),
                      align="center"),
            rx.foreach(order.lines, lambda line: rx.hstack(
                rx.text(line.name, size="2"), rx.text("× ", line.quantity, size="2", color="var(--gray-11)"),
                rx.spacer(), rx.text(line.total, size="2", white_space="nowrap"), width="100%")),
            breakdown(order.rows, t("Order total"), order.total),
            rx.text(order.collect, size="1", color="var(--gray-11)"),
            spacing="3", width="100%",
        ),
        width="100%", class_name="done-order",
    )


def _found() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("circle-check", size=32, color="var(--green-10)", aria_hidden="true"),
                  rx.heading(t("Thank you! Your order is placed."), as_="h1", size="6"), align="center"),
        rx.text(t("Order number"), " ", rx.text.strong(CheckoutDoneState.number, id="done-number"), ". ",
                t("A confirmation is on its way to"), " ", CheckoutDoneState.email, ".", size="2"),
        rx.grid(
            rx.vstack(rx.foreach(CheckoutDoneState.orders, _order), spacing="4", width="100%", id="done-orders"),
            rx.vstack(
                rx.card(rx.vstack(
                    rx.heading(t("Payment"), as_="h2", size="4"),
                    breakdown(CheckoutDoneState.totals, t("Total"), CheckoutDoneState.total),
                    rx.hstack(rx.text(t("Charged to your card"), size="2", weight="medium"), rx.spacer(),
                              rx.text(CheckoutDoneState.charged, size="3", weight="bold", id="done-charged"),
                              width="100%"),
                    rx.text(CheckoutDoneState.card, size="1", color="var(--gray-11)"),
                    rx.cond(CheckoutDoneState.delivery_note != "",
                            rx.text(CheckoutDoneState.delivery_note, size="1", color="var(--gray-11)")),
                    spacing="3", width="100%"), width="100%"),
                rx.card(rx.vstack(
                    rx.heading(t("Delivery address"), as_="h2", size="4"),
                    rx.foreach(CheckoutDoneState.address, lambda line: rx.text(line, size="2")),
                    rx.cond(CheckoutDoneState.address_hidden,
                            rx.text(t("For your privacy the address shows only in the tab that paid and in your "
                                      "confirmation e-mail."), size="2", color="var(--gray-11)",
                                    id="done-address-hidden")),
                    spacing="1", width="100%", id="done-address"), width="100%"),
                rx.card(rx.vstack(
                    rx.heading(t("What happens next"), as_="h2", size="4"),
                    rx.el.ol(
                        rx.el.li(t("Each seller packs and ships their own parcel.")),
                        rx.el.li(t("We e-mail you the tracking number of each parcel when it ships.")),
                        rx.el.li(t("Customs paperwork travels with every parcel from abroad.")),
                        class_name="next-steps"),
                    rx.link(t("Continue shopping"), href=routes.HOME, underline="always", size="2"),
                    spacing="2", width="100%"), width="100%"),
                spacing="4", width="100%",
            ),
            spacing="5", width="100%",
            style={"gridTemplateColumns": rx.breakpoints(initial="minmax(0, 1fr)",
                                                         md="minmax(0, 3fr) minmax(0, 2fr)")},
        ),
        spacing="4", width="100%",
    )


def checkout_done_page() -> rx.Component:
    return storefront(
        rx.cond(
            ~CheckoutDoneState.loaded,
            rx.vstack(rx.skeleton(height="40px", width="60%"), rx.skeleton(height="280px", width="100%"),
                      spacing="3", width="100%"),
            rx.cond(CheckoutDoneState.found, _found(),
                    rx.box(notice("search-x", t("We couldn't find that order."),
                                  t("If you placed it in another browser, open the link in your e-mail there.")),
                           id="done-not-found")),
        ),
    )

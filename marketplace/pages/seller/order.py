"""Seller order page (/seller/orders/[number]): one vendor order with its lines, ship-to and ship-from
addresses, the shopper's service and incoterm, the event history, and the actions its state allows: accept,
reject with a reason (refunded in full), pack (prefilled), rates, buy the label, download the label and
customs documents, hand over, approve or decline the shopper's cancellation request.

The route's number is re-checked on every load and every action: the caller must be a seller of the order's
vendor or staff (``orders.seller_orders``; everyone else sees "not found"). Every handler derives the caller
from the server-side session, validates its arguments, calls the domain, shows its errors with
``problem_text`` and reloads the page's data afterwards."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import reflex as rx
from sqlmodel import select

from marketplace import routes
from marketplace.accounts import guards, seller_roles
from marketplace.accounts.seller_roles import Capability
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import formatting
from marketplace.core.db import get_engine, session_scope
from marketplace.core.errors import DomainError
from marketplace.core.files import FileStore
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.settings import get_settings
from marketplace.core.text import is_digits
from marketplace.integrations.carriers import carrier_for
from marketplace.integrations.payment_gateways import gateway_for
from marketplace.layouts.backoffice import backoffice
from marketplace.models import OrderEvent
from marketplace.orders import fulfilment, fulfilment_cancel, labels, seller_orders
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.orders.fulfilment_package import Package
from marketplace.pages.seller.common import SELLER_LINKS
from marketplace.payments.gateway import GatewayError
from marketplace.present.problems import problem_text, problem_texts
from marketplace.present.seller_orders import (
    STATUS_COLORS,
    event_line,
    format_time,
    service_label,
    status_label,
)
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service, run_write
from marketplace.state.locale import t

PACKAGE_FIELDS = ("length_mm", "width_mm", "height_mm", "weight_g")
MAX_REASON = 500
REJECTED = "rejected: "  # how fulfilment.reject starts the cancel event's reason
REFUND_OWED = N_("The order is canceled, but the payment provider did not confirm the refund yet. "
                 "Press the button again in a moment to retry it.")


def _number_of(path: str) -> str:
    return path.removeprefix(routes.SELLER_ORDERS + "/").strip("/")


# -------------------------------------------------------------------------------- services run by the handlers

def _accept(session, caller, number):  # noqa: ANN001, ANN202
    return fulfilment.accept(session, caller, seller_orders.order_id_for(session, caller, number))


def _pack(session, caller, number, package):  # noqa: ANN001, ANN202
    return fulfilment.pack(session, caller, seller_orders.order_id_for(session, caller, number), package)


def _rates(session, caller, number):  # noqa: ANN001, ANN202
    return labels.label_rates(session, caller, seller_orders.order_id_for(session, caller, number),
                              carrier_for(get_settings()))


def _buy(session, caller, number):  # noqa: ANN001, ANN202
    return labels.buy_label(session, caller, seller_orders.order_id_for(session, caller, number),
                            carrier_for(get_settings()), FileStore())


def _hand_over(session, caller, number):  # noqa: ANN001, ANN202
    order_id = seller_orders.order_id_for(session, caller, number)
    shipment = fulfilment.current_shipment(session, order_id)
    return fulfilment.hand_over(session, caller, shipment.id if shipment is not None else 0)


def _decline(session, caller, number, reason):  # noqa: ANN001, ANN202
    return fulfilment_cancel.decline_cancel(session, caller, seller_orders.order_id_for(session, caller, number),
                                            reason)


def _order_id(session, caller, number):  # noqa: ANN001, ANN202
    return seller_orders.order_id_for(session, caller, number)


def _how_canceled(engine, order_id: int) -> tuple[str, str | None]:  # noqa: ANN001
    """("reject", the seller's reason) when the seller rejected the order, else ("approve", None)."""
    with session_scope(engine) as session:
        reason = session.exec(select(OrderEvent.reason).where(
            OrderEvent.vendor_order_id == order_id, OrderEvent.kind == "status", OrderEvent.to_status == "canceled")
        ).first() or ""
    return ("reject", reason.removeprefix(REJECTED)) if reason.startswith(REJECTED) else ("approve", None)


def _refund_action(action: str, caller, number: str, reason: str | None):  # noqa: ANN001, ANN202
    """Reject or approve a cancellation: these take the engine (the gateway is called between transactions)."""
    engine, gateway = get_engine(), gateway_for(get_settings().payments)
    with session_scope(engine) as session:
        order_id = seller_orders.order_id_for(session, caller, number)
    if action == "retry":  # a canceled order whose refund is still owed: the same move again retries it
        action, reason = _how_canceled(engine, order_id)
    if action == "reject":
        return fulfilment.reject(engine, caller, order_id, reason, gateway=gateway)
    return fulfilment_cancel.approve_cancel(engine, caller, order_id, gateway=gateway,
                                            carrier=carrier_for(get_settings()))


# -------------------------------------------------------------------------------- view models

@dataclass(frozen=True)
class LineView:
    name: str = ""
    sku: str = ""
    quantity: str = ""
    price: str = ""
    hs_code: str = ""
    origin: str = ""


@dataclass(frozen=True)
class EventView:
    what: str = ""
    who: str = ""
    when: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RateView:
    name: str = ""
    price: str = ""
    days: str = ""
    chosen: bool = False


@dataclass(frozen=True)
class PackageView:
    """The pack form's prefilled values."""

    length_mm: str = ""
    width_mm: str = ""
    height_mm: str = ""
    weight_g: str = ""


@dataclass(frozen=True)
class DocumentView:
    label: str = ""
    href: str = ""
    kind: str = ""


@dataclass(frozen=True)
class OrderView:
    number: str = ""
    date: str = ""
    status: str = ""
    status_key: str = ""
    status_color: str = "gray"
    payment: str = ""
    fulfilment: str = ""
    incoterm: str = ""
    incoterm_note: str = ""
    service: str = ""
    goods: str = ""
    ship_to: str = ""  # envelope lines joined with newlines
    ship_to_country: str = ""
    ship_from: str = ""
    parcel_status: str = ""
    parcel_key: str = ""  # "" (not packed), label_pending, label_created, in_transit, ...
    carrier: str = ""
    tracking: str = ""
    package: str = ""
    cancel_reason: str = ""
    can_accept: bool = False
    can_pack: bool = False
    refund_owed: bool = False  # canceled, but the shopper's money has not all gone back yet


_DOC_LABELS = {"label": N_("Shipping label"), "customs": N_("Customs form (CN22/CN23)"),
               "invoice": N_("Commercial invoice")}


def _view(lang: str, order: seller_orders.SellerOrder) -> OrderView:
    locale = format_locale(lang)
    parcel = order.parcel
    country = order.ship_to.country
    placed_paid = order.status == "placed" and order.payment_status == "paid"
    processing = order.status == "processing"
    return OrderView(
        number=order.number, date=format_time(order.placed_at, lang), status=status_label(lang, order.status),
        status_key=order.status, status_color=STATUS_COLORS.get(order.status, "gray"),
        payment=status_label(lang, order.payment_status), fulfilment=status_label(lang, order.fulfilment_status),
        incoterm=order.incoterm,
        incoterm_note=translate(lang, N_("Duties and taxes paid by the customer at checkout (DDP).")
                                if order.incoterm == "DDP" else
                                N_("Duties and taxes paid by the customer on delivery (DAP).")),
        service=service_label(lang, order.service) if order.service else "—", goods=formatting.format_money(order.goods, locale),
        ship_to="\n".join(order.ship_to.lines()),
        ship_to_country=f"{formatting.flag_emoji(country)} {formatting.country_name(country, locale)}",
        ship_from="\n".join((*order.ship_from.lines(),
                              formatting.country_name(order.ship_from.country, locale) if order.ship_from.country
                              else "")).strip(),
        parcel_status=status_label(lang, parcel.status) if parcel else "",
        parcel_key=parcel.status if parcel else "",
        carrier=parcel_carrier(lang, parcel.carrier, parcel.service) if parcel and parcel.carrier else "",
        tracking=parcel.tracking_number if parcel else "",
        package=(f"{parcel.package.length_mm} × {parcel.package.width_mm} × {parcel.package.height_mm} mm · "
                 f"{formatting.format_weight_g(parcel.package.weight_g, locale)}") if parcel else "",
        cancel_reason=order.cancel_reason or "",
        can_accept=placed_paid,
        can_pack=processing and (parcel is None or parcel.status == "label_pending"),
        refund_owed=order.status == "canceled" and order.payment_status in ("paid", "partially_refunded"),
    )


class SellerOrderState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    order: OrderView = OrderView()
    lines: list[LineView] = []
    events: list[EventView] = []
    documents: list[DocumentView] = []
    rates: list[RateView] = []
    package: PackageView = PackageView()
    problems: list[str] = []  # the fixable problems that block the label
    error: str = ""
    may_refund: bool = False  # the caller may decide refunds (display only: the services check the role again)
    _chosen: str = ""  # the shopper's service code (backend only)

    def _number(self) -> str:
        return _number_of(self.router.url.path)

    async def _reload(self):  # noqa: ANN202
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        number = self._number()
        try:
            caller = await current_caller(self)
            found = await run_service(seller_orders.seller_order, caller, number)
        except DomainError as exc:
            self.allowed, self.loaded, self.order, self.lines, self.events = False, True, OrderView(), [], []
            self.documents, self.rates, self.package = [], [], PackageView()
            self.denied = problem_text(lang, exc)
            return login_redirect(exc, self.router.url.path)
        self.allowed, self.denied = True, ""
        self.may_refund = guards.staff_can(caller, StaffCapability.REFUNDS) or seller_roles.can(caller.vendor_role, Capability.REFUNDS)
        self.order, self._chosen = _view(lang, found), found.service
        self.lines = [LineView(name=f"{line.name} · {line.variant}" if line.variant else line.name, sku=line.sku,
                               quantity=formatting.format_number(line.quantity, locale),
                               price=formatting.format_money(line.unit_price, locale), hs_code=line.hs_code or "—",
                               origin=f"{formatting.flag_emoji(line.origin)} {line.origin}" if line.origin else "—")
                      for line in found.lines]
        self.events = [EventView(what=event_line(lang, event), who=event.actor or translate(lang, N_("System")),
                                 when=format_time(event.at, lang), reason=event.reason)
                       for event in reversed(found.events)]
        docs = found.parcel.documents if found.parcel and found.parcel.status != "voided" else ()
        self.documents = [DocumentView(label=translate(lang, _DOC_LABELS[kind]), kind=kind,
                                       href=routes.seller_document(found.number, kind)) for kind in docs]
        proposal = found.parcel.package if found.parcel and found.parcel.status == "label_pending" \
            else found.proposed_package
        self.package = PackageView(**{name: str(getattr(proposal, name)) for name in PACKAGE_FIELDS})
        if not (found.parcel and found.parcel.status == "label_pending"):
            self.rates = []
        self.loaded = True
        return None

    async def _act(self, fn, *args, write: bool = True):  # noqa: ANN001, ANN202
        """Run one action for the caller of this event; errors become the page's message; then reload."""
        lang, _, _ = await market(self)
        self.error, self.problems = "", []
        try:
            caller = await current_caller(self)
            result = await (run_write if write else run_service)(fn, caller, self._number(), *args)
        except labels.LabelDataIncomplete as exc:
            self.error, self.problems = problem_text(lang, exc), problem_texts(lang, exc.problems)
            return None, await self._reload()
        except DomainError as exc:
            self.error = problem_text(lang, exc)
            return None, await self._reload()
        return result, await self._reload()

    @rx.event
    async def load(self):
        self.error, self.problems, self.rates = "", [], []
        return await self._reload()

    @rx.event
    async def accept(self):
        _, follow = await self._act(_accept)
        return follow

    @rx.event
    async def reject(self, form: dict):
        reason = form.get("reason") if isinstance(form, dict) else None
        if not isinstance(reason, str) or len(reason) > MAX_REASON * 2:
            reason = ""
        return await self._refund("reject", reason)

    @rx.event
    async def approve_cancel(self):
        return await self._refund("approve", None)

    @rx.event
    async def retry_refund(self):
        """Retry the refund of a canceled order whose gateway call failed (nothing happens when none is owed)."""
        return await self._refund("retry", None)

    async def _refund(self, action: str, reason: str | None):  # noqa: ANN202
        lang, _, _ = await market(self)
        self.error, self.problems = "", []
        try:
            caller = await current_caller(self)
            await asyncio.to_thread(_refund_action, action, caller, self._number(), reason)
        except DomainError as exc:
            self.error = problem_text(lang, exc)
        except GatewayError:  # the order is canceled; the same button retries its refund (orders.fulfilment_cancel)
            self.error = translate(lang, REFUND_OWED)
        return await self._reload()

    @rx.event
    async def decline_cancel(self, form: dict):
        reason = form.get("reason") if isinstance(form, dict) else None
        if not isinstance(reason, str) or len(reason) > MAX_REASON * 2:
            reason = ""
        _, follow = await self._act(_decline, reason)
        return follow

    @rx.event
    async def pack(self, form: dict):
        values = [form.get(name) if isinstance(form, dict) else None for name in PACKAGE_FIELDS]
        numbers = [int(v) if isinstance(v, str) and is_digits(v.strip()) and len(v.strip()) <= 6 else 0
                   for v in values]
        _, follow = await self._act(_pack, Package(*numbers))
        return follow

    @rx.event
    async def load_rates(self):
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        found, follow = await self._act(_rates, write=False)
        if found is not None:
            self.rates = [RateView(name=translate(lang, rate.name) if rate.name else service_label(lang, rate.service),
                                   price=formatting.format_money(rate.price, locale),
                                   days=translate(lang, N_("%(min)s–%(max)s days"), min=rate.min_days,
                                                  max=rate.max_days),
                                   chosen=rate.service == self._chosen) for rate in found]
        return follow

    @rx.event
    async def buy_label(self):
        _, follow = await self._act(_buy)
        return follow

    @rx.event
    async def hand_over(self):
        _, follow = await self._act(_hand_over)
        return follow


# -------------------------------------------------------------------------------- the page

def _owner_decides() -> rx.Component:
    """In place of refund decisions for a role that may not take them (a packer)."""
    return rx.text(t("An owner or manager of the shop decides this."), size="2", color="var(--gray-11)",
                   class_name="owner-decides")


def _section(title: str, *children: rx.Component, **props) -> rx.Component:  # noqa: ANN003
    return rx.card(rx.vstack(rx.heading(t(title), as_="h2", size="4"), *children, spacing="3", width="100%"),
                   width="100%", **props)


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.vstack(rx.text(t(label), size="1", color="var(--gray-11)"), rx.text(value, size="2"), spacing="0")


def _line(line: rx.Var) -> rx.Component:
    return rx.grid(
        rx.vstack(rx.text(line.name, weight="medium", size="2"), rx.code(line.sku, size="1"), spacing="1"),
        rx.text(line.quantity, " × ", line.price, size="2", white_space="nowrap"),
        rx.text(t("HS"), " ", line.hs_code, size="2", color="var(--gray-11)"),
        rx.text(t("Origin"), " ", line.origin, size="2", color="var(--gray-11)"),
        columns=rx.breakpoints(initial="2", md="4"), spacing="2", width="100%", class_name="table-row",
        align="center",
    )


def _event(event: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.box(width="8px", height="8px", border_radius="50%", background="var(--accent-9)", margin_top="6px",
               flex_shrink="0"),
        rx.vstack(
            rx.text(event.what, size="2", weight="medium"),
            rx.text(event.when, " · ", event.who, size="1", color="var(--gray-11)"),
            rx.cond(event.reason != "", rx.text(event.reason, size="1", color="var(--gray-11)")),
            spacing="0",
        ),
        spacing="3", align="start", width="100%",
    )


def _address(label: str, text: rx.Var, extra: rx.Component | None = None) -> rx.Component:
    return rx.vstack(rx.text(t(label), size="1", weight="bold", color="var(--gray-11)"),
                     rx.text(text, size="2", white_space="pre-line"), *([extra] if extra else []),
                     spacing="1", align="start")


def _number_field(name: str, label: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"pack-{name}", class_name="rt-Text rt-r-size-1"),
        rx.input(id=f"pack-{name}", name=name, default_value=getattr(SellerOrderState.package, name), input_mode="numeric",
                 pattern="[0-9]*", required=True, size="3", width="100%"),
        spacing="1", width="100%",
    )


def _pack_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(_number_field("length_mm", N_("Length (mm)")), _number_field("width_mm", N_("Width (mm)")),
                    _number_field("height_mm", N_("Height (mm)")), _number_field("weight_g", N_("Weight (g)")),
                    columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%"),
            rx.button(rx.icon("package", size=16, aria_hidden="true"), t("Save the parcel"), type="submit",
                      size="3", id="pack-submit"),
            spacing="3", width="100%", align="start",
        ),
        on_submit=SellerOrderState.pack, reset_on_submit=False, width="100%", key=SellerOrderState.order.parcel_key,
    )


def _reason_form(handler, button: str, hint: str, form_id: str, color: str) -> rx.Component:  # noqa: ANN001
    return rx.form(
        rx.vstack(
            rx.el.label(t(hint), html_for=f"{form_id}-reason", class_name="rt-Text rt-r-size-2"),
            rx.text_area(id=f"{form_id}-reason", name="reason", required=True, max_length=MAX_REASON, width="100%"),
            rx.button(t(button), type="submit", color_scheme=color, variant="soft", id=f"{form_id}-submit"),
            spacing="2", width="100%", align="start",
        ),
        on_submit=handler, width="100%", id=form_id,
    )


def _actions() -> rx.Component:
    o = SellerOrderState.order
    return rx.vstack(
        rx.cond(SellerOrderState.error != "",
                rx.callout(rx.vstack(rx.text(SellerOrderState.error, weight="medium"),
                                     rx.cond(SellerOrderState.problems.length() > 0,
                                             rx.el.ul(rx.foreach(SellerOrderState.problems,
                                                                 lambda p: rx.el.li(p)),
                                                      style={"margin": 0, "padding_left": "1.2em"})),
                                     spacing="1"),
                           icon="triangle-alert", color_scheme="red", width="100%", id="order-error", role="alert")),
        rx.cond(o.cancel_reason != "", _section(
            N_("The customer asked to cancel"),
            rx.text(o.cancel_reason, size="2", id="cancel-reason"),
            rx.cond(SellerOrderState.may_refund, rx.fragment(
                rx.button(t("Approve and refund in full"), on_click=SellerOrderState.approve_cancel, size="3",
                          id="approve-cancel"),
                _reason_form(SellerOrderState.decline_cancel, N_("Decline the request"),
                             N_("Why can't the order be canceled? The customer is told."), "decline", "gray"),
            ), _owner_decides()),
            id="cancel-request")),
        rx.cond(o.refund_owed, _section(
            N_("Refund owed"),
            rx.text(t(REFUND_OWED), size="2", color="var(--gray-11)"),
            rx.cond(SellerOrderState.may_refund,
                    rx.button(t("Retry the refund"), on_click=SellerOrderState.retry_refund, size="3",
                              id="retry-refund"), _owner_decides()),
            id="refund-owed")),
        rx.cond(o.can_accept, _section(
            N_("New order"),
            rx.text(rx.cond(SellerOrderState.may_refund,
                            t("Accept to start preparing the parcel, or reject it: the customer is refunded in full."),
                            t("Accept to start preparing the parcel.")),
                    size="2", color="var(--gray-11)", id="new-order-help"),
            rx.button(rx.icon("check", size=16, aria_hidden="true"), t("Accept order"),
                      on_click=SellerOrderState.accept, size="3", id="accept-order"),
            rx.cond(SellerOrderState.may_refund, rx.el.details(
                rx.el.summary(t("Reject the order…"), style={"cursor": "pointer"}),
                _reason_form(SellerOrderState.reject, N_("Reject and refund in full"),
                             N_("Reason for the customer"), "reject", "red"),
            )),
            id="new-order")),
        rx.cond(o.can_pack, _section(
            N_("Pack the parcel"),
            rx.text(t("Outside dimensions and weight of the packed parcel, as the carrier will measure it."),
                    size="2", color="var(--gray-11)"),
            _pack_form(), id="pack")),
        rx.cond(o.parcel_key == "label_pending", _section(
            N_("Shipping label"),
            _address(N_("Ships from"), o.ship_from,
                     rx.text(t("Your shop's address; staff can correct it."), size="1", color="var(--gray-11)")),
            rx.text(t("The customer chose"), ": ", o.service, size="2"),
            rx.hstack(
                rx.button(t("Show rates"), variant="soft", on_click=SellerOrderState.load_rates, size="3",
                          id="show-rates"),
                rx.button(rx.icon("tag", size=16, aria_hidden="true"), t("Buy label"),
                          on_click=SellerOrderState.buy_label, size="3", id="buy-label"),
                spacing="2", wrap="wrap"),
            rx.cond(SellerOrderState.rates.length() > 0, rx.vstack(rx.foreach(SellerOrderState.rates, lambda r: rx.hstack(
                rx.text(r.name, size="2", weight=rx.cond(r.chosen, "bold", "regular")),
                rx.cond(r.chosen, rx.badge(t("Customer's choice"), variant="soft")),
                rx.spacer(), rx.text(r.days, size="1", color="var(--gray-11)"),
                rx.text(r.price, size="2", white_space="nowrap"), width="100%", align="center",
                class_name="table-row")), spacing="0", width="100%", class_name="table-card", id="rates")),
            id="label")),
        rx.cond(o.parcel_key == "label_created", _section(
            N_("Hand over"),
            rx.text(t("Print the label and the customs documents, attach them to the parcel and hand it to the "
                      "carrier. The customer gets the tracking number by e-mail."), size="2", color="var(--gray-11)"),
            rx.button(rx.icon("truck", size=16, aria_hidden="true"), t("Mark as handed over"),
                      on_click=SellerOrderState.hand_over, size="3", id="hand-over"),
            id="handover")),
        spacing="4", width="100%",
    )


def _parcel() -> rx.Component:
    o = SellerOrderState.order
    return rx.cond(o.parcel_key != "", _section(
        N_("Parcel"),
        rx.hstack(rx.badge(o.parcel_status, variant="soft", high_contrast=True), rx.text(o.package, size="2"), spacing="2", wrap="wrap"),
        rx.cond(o.tracking != "", rx.text(o.carrier, " · ", t("Tracking number"), ": ",
                                          rx.code(o.tracking, id="tracking-number"), size="2")),
        rx.cond(SellerOrderState.documents.length() > 0, rx.hstack(rx.foreach(
            SellerOrderState.documents, lambda d: rx.button(
                rx.el.a(rx.icon("download", size=16, aria_hidden="true"), d.label, href=d.href, download="",
                        id="doc-" + d.kind, custom_attrs={"reloadDocument": True}),  # a file, not a page route
                as_child=True, variant="soft", size="3")), spacing="2", wrap="wrap", id="documents")),
        id="parcel"))


def seller_order_page() -> rx.Component:
    o = SellerOrderState.order
    return backoffice(
        N_("Seller portal"), SELLER_LINKS, SellerOrderState.allowed, SellerOrderState.denied, SellerOrderState.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("All orders"), spacing="1", align="center"),
                    href=routes.SELLER_ORDERS, size="2"),
            rx.hstack(rx.heading(t("Order"), " ", o.number, as_="h1", size="6", id="seller-order-number"),
                      rx.badge(o.status, color_scheme=o.status_color, size="2", high_contrast=True, id="order-status"),
                      spacing="3", align="center", wrap="wrap"),
            rx.text(o.date, " · ", o.payment, " · ", o.fulfilment, size="2", color="var(--gray-11)"),
            rx.grid(
                rx.vstack(_actions(), _parcel(),
                          _section(N_("Items"), rx.vstack(rx.foreach(SellerOrderState.lines, _line), spacing="0",
                                                          width="100%", class_name="table-card"),
                                   rx.hstack(rx.text(t("Goods total"), size="2"), rx.spacer(),
                                             rx.text(o.goods, size="2", weight="bold"), width="100%")),
                          spacing="4", width="100%"),
                rx.vstack(
                    _section(N_("Shipping"),
                             _address(N_("Ship to"), o.ship_to, rx.text(o.ship_to_country, size="2")),
                             _fact(N_("Service the customer chose"), o.service),
                             _fact(N_("Incoterm"), o.incoterm), rx.text(o.incoterm_note, size="1",
                                                                        color="var(--gray-11)")),
                    _section(N_("History"), rx.vstack(rx.foreach(SellerOrderState.events, _event), spacing="3",
                                                      width="100%", id="history")),
                    spacing="4", width="100%"),
                grid_template_columns=rx.breakpoints(initial="minmax(0, 1fr)", md="minmax(0, 2fr) minmax(0, 1fr)"),
                spacing="4", width="100%", class_name="seller-order-grid",
            ),
            spacing="4", width="100%", align="start",
        ),
    )

"""One order for staff (/staff/orders/[number]): the shopper and market, the frozen landed-cost receipt per vendor
order (goods, shipping, duty, import tax, regime, DDP/DAP, FX rate and source), every line with what was
refunded, payments, refunds with their ledger entries, parcels with tracking, disputes, and one timeline.

Actions, shown only to roles that hold them (display only: the services re-check on every call):
- Refund (``REFUNDS``: finance, admin): per line, a dialog to choose units and whether to add the shipping share
  and a required reason; "Review" shows the planned amounts (goods, duty, tax, shipping, total) from
  ``staff_orders.refund_preview``; "Confirm" pays exactly that request through ``staff_orders.refund_line``
  with a key made when the plan was shown, so a double click or a retry refunds once.
- Cancel (``CANCELLATIONS``: support, admin): per vendor order not yet shipped, with a required reason; it
  refunds the whole vendor order (``staff_orders.cancel_order``).
What a dialog acts on lives in backend-only vars set from the last server-side load; the client only names a
line or a vendor order shown on the page, and that name is checked against them."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.accounts.guards import staff_can
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core import formatting
from marketplace.core.db import get_engine
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.core.money import Money
from marketplace.core.settings import get_settings
from marketplace.integrations.carriers import carrier_for
from marketplace.integrations.payment_gateways import gateway_for
from marketplace.layouts.backoffice import backoffice
from marketplace.orders import fulfilment_cancel, history, staff_orders
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.pages.staff.home import STAFF_LINKS
from marketplace.pages.staff.orders import payment_label, status_label
from marketplace.present.problems import problem_text
from marketplace.present.seller_orders import format_time
from marketplace.state.auth import current_caller, login_redirect
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t

MAX_FORM_REASON = 1000  # longer input is refused without passing it on
KIND_LABELS = {"status": N_("Status"), "payment": N_("Payment"), "fulfilment": N_("Fulfilment"),
               "cancel": N_("Cancellation"), "shipment": N_("Parcel"), "refund": N_("Refund"),
               "return": N_("Return"), "dispute": N_("Dispute")}


def _number_of(path: str) -> str:
    return unquote(path.removeprefix(routes.STAFF_ORDERS + "/").strip("/"))[:40]


def _refund(caller, order_id: int, line_id: int, quantity: int, shipping: bool, reason: str, key: str):  # noqa: ANN001, ANN202, PLR0913
    return staff_orders.refund_line(get_engine(), caller, order_id, line_id, quantity, include_shipping=shipping,
                                    reason=reason, idempotency_key=key, gateway=gateway_for(get_settings().payments))


def _cancel(caller, order_id: int, reason: str):  # noqa: ANN001, ANN202
    settings = get_settings()
    return staff_orders.cancel_order(get_engine(), caller, order_id, reason, gateway=gateway_for(settings.payments),
                                     carrier=carrier_for(settings))


def _rate(line: staff_orders.StaffLine) -> str:
    """The line's frozen rate for reading (6 significant digits; the order keeps the exact one)."""
    return f"1 {line.vendor_unit_price.currency} = {Decimal(line.fx_rate):.6g} {line.unit_price.currency}"


@dataclass(frozen=True)
class Fact:
    label: str = ""
    value: str = ""


@dataclass(frozen=True)
class LineRow:
    key: str = ""  # "<vendor order id>:<line id>", what the refund dialog names
    name: str = ""
    detail: str = ""  # SKU, HS code, origin, FX
    amounts: str = ""  # quantity × price, duty, tax
    refunded: str = ""  # "1 of 2 refunded", "" when none
    refundable: bool = False


@dataclass(frozen=True)
class ParcelRow:
    carrier: str = ""
    tracking: str = ""
    status: str = ""
    events: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VendorOrderRow:
    id: str = ""
    number: str = ""
    vendor: str = ""
    statuses: str = ""
    terms: str = ""  # DDP/DAP · regime
    receipt: list[Fact] = field(default_factory=list)
    lines: list[LineRow] = field(default_factory=list)
    parcels: list[ParcelRow] = field(default_factory=list)
    cancelable: bool = False
    cancel_note: str = ""  # the shopper's request or the outcome


@dataclass(frozen=True)
class Entry:
    title: str = ""
    detail: str = ""
    note: str = ""


class StaffOrderState(rx.State):
    allowed: bool = False
    loaded: bool = False
    denied: str = ""
    error: str = ""
    done: str = ""
    number: str = ""
    facts: list[Fact] = []
    receipt: list[Fact] = []
    vendor_orders: list[VendorOrderRow] = []
    payments: list[Entry] = []
    refunds: list[Entry] = []
    disputes: list[Entry] = []
    timeline: list[Entry] = []
    can_refund: bool = False
    can_cancel: bool = False
    # the refund dialog
    refund_open: bool = False
    refund_title: str = ""
    refund_max: int = 1
    refund_error: str = ""
    plan: list[Fact] = []  # the reviewed amounts, shown before confirming
    _busy: bool = False  # a refund or cancellation is being paid (backend-only: the client cannot reset it)
    # the cancel dialog
    cancel_open: bool = False
    cancel_title: str = ""
    cancel_error: str = ""
    _lines: dict[str, tuple[int, int, int, str]] = {}  # key -> (vendor order id, line id, units left, title)
    _cancelable: dict[str, str] = {}  # vendor order id -> number
    _pending: dict[str, object] = {}  # the reviewed refund request and its idempotency key
    _cancel_id: int = 0

    @rx.var
    def busy(self) -> bool:
        return self._busy

    async def _reload(self):  # noqa: ANN202, PLR0915
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        money = lambda m: formatting.format_money(m, locale)  # noqa: E731
        try:
            caller = await current_caller(self)
            found = await run_service(staff_orders.order_detail, caller, _number_of(self.router.url.path))
        except DomainError as exc:
            self.allowed, self.loaded, self.denied = False, True, problem_text(lang, exc)
            self.vendor_orders, self._lines, self._cancelable = [], {}, {}
            return login_redirect(exc, self.router.url.path)
        self.can_refund = staff_can(caller, StaffCapability.REFUNDS)
        self.can_cancel = staff_can(caller, StaffCapability.CANCELLATIONS)
        self.number = found.number
        fx = found.fx_source + (f" · {formatting.format_date(found.fx_as_of, locale)}" if found.fx_as_of else "")
        self.facts = [Fact(label=translate(lang, label), value=value) for label, value in (
            (N_("Placed"), format_time(found.created_at, lang)),
            (N_("Shopper"), found.email),
            (N_("Language"), found.lang),
            (N_("Ships to"), f"{formatting.flag_emoji(found.ship_to_country)} "
                             f"{formatting.country_name(found.ship_to_country, locale)}"),
            (N_("Exchange rate source"), fx or translate(lang, "None")),
        )]
        self.receipt = [Fact(label=translate(lang, label), value=money(value)) for label, value in (
            (N_("Goods"), found.goods), (N_("Shipping"), found.shipping), (N_("Import duty"), found.duty),
            (N_("Import tax"), found.tax), (N_("Fees"), found.fees), (N_("Total"), found.total))]
        lines: dict[str, tuple[int, int, int, str]] = {}
        rows = []
        for vo in found.vendor_orders:
            line_rows = []
            for line in vo.lines:
                key = f"{vo.id}:{line.id}"
                left = line.quantity - line.refunded_quantity
                title = f"{line.product_name} ({vo.number})"
                if left > 0:
                    lines[key] = (vo.id, line.id, left, title)
                line_rows.append(LineRow(
                    key=key, name=" · ".join(x for x in (line.product_name, line.variant_label) if x),
                    detail=" · ".join(x for x in (
                        f"SKU {line.sku}", f"HS {line.hs_code}", translate(lang, "origin %(country)s",
                                                                          country=line.origin_country),
                        translate(lang, "rate %(rate)s (%(source)s)", rate=_rate(line), source=line.fx_source)) if x),
                    amounts=" · ".join((f"{line.quantity} × {money(line.unit_price)}",
                                        translate(lang, "duty %(amount)s", amount=money(line.duty)),
                                        translate(lang, "tax %(amount)s", amount=money(line.tax)))),
                    refunded=translate(lang, "%(done)s of %(all)s refunded", done=line.refunded_quantity,
                                       all=line.quantity) if line.refunded_quantity else "",
                    refundable=left > 0))
            terms = [translate(lang, "Duties paid at checkout (DDP)") if vo.incoterm == "DDP"
                     else translate(lang, "Duties paid on delivery (DAP)")]
            if vo.regime:
                terms.append(translate(lang, "regime %(regime)s", regime=vo.regime))
            note = ""
            if vo.cancel.state == "requested":
                note = translate(lang, "The shopper asked to cancel: %(reason)s", reason=vo.cancel.reason)
            rows.append(VendorOrderRow(
                id=str(vo.id), number=vo.number,
                vendor=f"{vo.vendor_name} · {formatting.flag_emoji(vo.vendor_country)} "
                       f"{formatting.country_name(vo.vendor_country, locale)}",
                statuses=" · ".join((status_label(lang, vo.status), payment_label(lang, vo.payment_status),
                                     translate(lang, history.FULFILMENT_LABELS.get(vo.fulfilment_status,
                                                                                    vo.fulfilment_status)))),
                terms=" · ".join(terms),
                receipt=[Fact(label=translate(lang, label), value=money(value)) for label, value in (
                    (N_("Goods"), vo.goods), (N_("Shipping"), vo.shipping), (N_("Import duty"), vo.duty),
                    (N_("Import tax"), vo.tax), (N_("Total"), vo.total), (N_("Refunded"), vo.refunded))],
                lines=line_rows,
                parcels=[ParcelRow(
                    carrier=parcel_carrier(lang, s.carrier, s.service), tracking=s.tracking_number or "",
                    status=translate(lang, history.SHIPMENT_LABELS.get(s.status, s.status)),
                    events=[f"{format_time(e.at, lang)} · {e.description or e.code}"
                            + (f" · {e.location}" if e.location else "") for e in s.events])
                    for s in vo.shipments],
                cancelable=vo.cancelable, cancel_note=note))
        self.vendor_orders = rows
        self._lines = lines
        self._cancelable = {str(vo.id): vo.number for vo in found.vendor_orders if vo.cancelable}
        self.payments = [Entry(
            title=f"{p.gateway} · {payment_label(lang, p.status) if p.status in history.PAYMENT_LABELS else p.status}",
            detail=" · ".join(x for x in (translate(lang, "charged %(amount)s", amount=money(p.amount)),
                                          translate(lang, "refunded %(amount)s", amount=money(p.refunded)), p.card)
                              if x),
            note=" · ".join(x for x in (p.external_id, format_time(p.created_at, lang)) if x)) for p in found.payments]
        self.refunds = [Entry(
            title=f"{money(r.amount)} · {r.vendor_order_number} · {r.status}",
            detail=" · ".join((translate(lang, "goods %(amount)s", amount=money(r.goods)),
                               translate(lang, "duty %(amount)s", amount=money(r.duty)),
                               translate(lang, "tax %(amount)s", amount=money(r.tax)),
                               translate(lang, "shipping %(amount)s", amount=money(r.shipping)))),
            note=" · ".join(x for x in (format_time(r.created_at, lang), r.reason,
                                        *(f"{translate(lang, 'ledger')} {e.kind} {money(e.amount)}" for e in r.ledger))
                            if x)) for r in found.refunds]
        self.disputes = [Entry(title=f"{money(d.amount)} · {d.status}", detail=f"{d.external_id} · {d.reason}",
                               note=format_time(d.opened_at, lang)) for d in found.disputes]
        self.timeline = [Entry(
            title=f"{translate(lang, KIND_LABELS.get(e.kind, e.kind))} · {e.change}",
            detail=" · ".join(x for x in (e.vendor_order_number, e.reason) if x),
            note=" · ".join(x for x in (format_time(e.at, lang), e.actor) if x)) for e in found.timeline]
        self.allowed, self.denied, self.loaded = True, "", True
        return None

    @rx.event
    async def load(self):
        self.error, self.done, self.refund_open, self.cancel_open, self.plan = "", "", False, False, []
        self._pending = {}
        return await self._reload()

    # ------------------------------------------------------------------------------------------- refund

    @rx.event
    async def open_refund(self, key: str):
        """Open the refund dialog for a line shown on the page (``"<vendor order id>:<line id>"``)."""
        lang, _, _ = await market(self)
        caller = await current_caller(self)
        if not isinstance(key, str) or key not in self._lines or not staff_can(caller, StaffCapability.REFUNDS):
            return None
        _, _, left, title = self._lines[key]
        self.refund_title, self.refund_max = title, left
        self.refund_error, self.plan, self._pending = "", [], {"key": key}
        self.refund_open = True
        return None

    @rx.event
    async def review_refund(self, form: dict):
        """Plan the refund of the dialog's line (``{"quantity", "shipping", "reason"}``) and show the amounts."""
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        key = self._pending.get("key") if isinstance(self._pending, dict) else None
        if not isinstance(form, dict) or key not in self._lines:
            return None
        raw, reason = form.get("quantity", ""), form.get("reason", "")
        quantity = int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) <= 6 else 0
        shipping = form.get("shipping") in ("on", "true", True)
        if not isinstance(reason, str) or len(reason) > MAX_FORM_REASON:
            return None
        try:
            text = fulfilment_cancel.clean_reason(reason)
            caller = await current_caller(self)
            order_id, line_id, _, _ = self._lines[key]
            plan = await run_service(staff_orders.refund_preview, caller, order_id, line_id, quantity, shipping)
        except DomainError as exc:
            self.refund_error, self.plan = problem_text(lang, exc), []
            return None
        money = lambda m: formatting.format_money(m, locale)  # noqa: E731
        part = plan.lines[0]
        self.plan = [Fact(label=translate(lang, label), value=money(value)) for label, value in (
            (N_("Goods"), part.goods), (N_("Import duty"), part.duty), (N_("Import tax"), part.tax),
            (N_("Shipping"), plan.shipping), (N_("Refund total"), plan.total))]
        self._pending = {"key": key, "order": order_id, "line": line_id, "quantity": quantity, "shipping": shipping,
                         "reason": text, "ref": f"staff-{secrets.token_hex(16)}"}
        self.refund_error = ""
        return None

    @rx.event
    async def confirm_refund(self):
        """Pay the reviewed refund; the key made at review time makes a second click a no-op."""
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        p = self._pending if isinstance(self._pending, dict) else {}
        if "ref" not in p or self._busy:
            return
        self._busy = True
        yield
        try:
            caller = await current_caller(self)
            refund = await asyncio.to_thread(_refund, caller, p["order"], p["line"], p["quantity"], p["shipping"],
                                             p["reason"], p["ref"])
        except DomainError as exc:
            self.refund_error, self._busy = problem_text(lang, exc), False
            return
        amount = formatting.format_money(Money(refund.amount_minor, refund.amount_currency), locale)
        self._busy, self.refund_open, self.plan, self._pending = False, False, [], {}
        await self._reload()
        self.done = translate(lang, "Refunded %(amount)s to the shopper's card.", amount=amount)
        yield rx.toast.success(self.done)

    @rx.event
    def refund_open_change(self, open_: bool):
        """The dialog closes; it only opens through ``open_refund``."""
        if open_ is False:
            self.refund_open, self.plan, self._pending, self.refund_error = False, [], {}, ""

    # ------------------------------------------------------------------------------------------- cancel

    @rx.event
    async def open_cancel(self, vendor_order_id: str):
        """Open the cancel dialog for a vendor order shown on the page that has not shipped."""
        caller = await current_caller(self)
        if (not isinstance(vendor_order_id, str) or vendor_order_id not in self._cancelable
                or not staff_can(caller, StaffCapability.CANCELLATIONS)):
            return None
        self._cancel_id = int(vendor_order_id)
        self.cancel_title, self.cancel_error, self.cancel_open = self._cancelable[vendor_order_id], "", True
        return None

    @rx.event
    async def confirm_cancel(self, form: dict):
        """Cancel the dialog's vendor order with ``{"reason"}``; the service refunds it in full."""
        lang, _, _ = await market(self)
        reason = form.get("reason", "") if isinstance(form, dict) else None
        if not isinstance(reason, str) or len(reason) > MAX_FORM_REASON or not self._cancel_id or self._busy:
            return
        self._busy = True
        yield
        try:
            caller = await current_caller(self)
            order_id = self._cancel_id
            await asyncio.to_thread(_cancel, caller, order_id, reason)
        except DomainError as exc:
            self.cancel_error, self._busy = problem_text(lang, exc), False
            return
        self._busy, self.cancel_open, self._cancel_id = False, False, 0
        await self._reload()
        self.done = translate(lang, "Order %(number)s canceled; the shopper is refunded in full.",
                              number=self.cancel_title)
        yield rx.toast.success(self.done)

    @rx.event
    def cancel_open_change(self, open_: bool):
        """The dialog closes; it only opens through ``open_cancel``."""
        if open_ is False:
            self.cancel_open, self._cancel_id, self.cancel_error = False, 0, ""


# ------------------------------------------------------------------------------------------------- view


def _facts(items: rx.Var, id_: str = "") -> rx.Component:
    return rx.vstack(rx.foreach(items, lambda f: rx.hstack(
        rx.text(f.label, size="2", color="var(--gray-11)"), rx.spacer(),
        rx.text(f.value, size="2", weight="medium", text_align="right", style={"overflow_wrap": "anywhere"}),
        width="100%", class_name="fact-row", align="start")), spacing="1", width="100%", id=id_)


def _entries(items: rx.Var, title: str, empty: str, id_: str) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t(title), as_="h2", size="4"),
        rx.cond(items.length() > 0,
                rx.vstack(rx.foreach(items, lambda e: rx.vstack(
                    rx.text(e.title, size="2", weight="medium"),
                    rx.cond(e.detail != "", rx.text(e.detail, size="2")),
                    rx.cond(e.note != "", rx.text(e.note, size="1", color="var(--gray-11)",
                                                  style={"overflow_wrap": "anywhere"})),
                    spacing="0", width="100%", class_name="table-row")), spacing="0", width="100%",
                    class_name="table-card"),
                rx.text(t(empty), size="2", color="var(--gray-11)")),
        spacing="3", width="100%"), width="100%", id=id_)


def _line(line: rx.Var) -> rx.Component:
    s = StaffOrderState
    return rx.flex(
        rx.vstack(
            rx.text(line.name, size="2", weight="medium"),
            rx.text(line.amounts, size="2"),
            rx.text(line.detail, size="1", color="var(--gray-11)", style={"overflow_wrap": "anywhere"}),
            rx.cond(line.refunded != "", rx.badge(line.refunded, color_scheme="amber", variant="soft",
                                                  class_name="line-refunded")),
            spacing="1", min_width="0", flex="1",
        ),
        rx.cond(s.can_refund & line.refundable,
                rx.button(rx.icon("undo-2", size=16, aria_hidden="true"), t("Refund"), size="3", variant="soft",
                          on_click=s.open_refund(line.key), class_name="touch-target refund-line",
                          custom_attrs={"data-line": line.key})),
        gap="12px", width="100%", align="start", wrap="wrap", class_name="table-row staff-line",
    )


def _parcel(p: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(p.status, " · ", p.carrier, " · ", t("Tracking number"), ": ", p.tracking, size="2",
                weight="medium"),
        rx.foreach(p.events, lambda e: rx.text(e, size="1", color="var(--gray-11)")),
        spacing="1", width="100%", class_name="table-row",
    )


def _vendor_order(vo: rx.Var) -> rx.Component:
    s = StaffOrderState
    return rx.card(rx.vstack(
        rx.flex(
            rx.vstack(rx.heading(vo.number, as_="h2", size="4"), rx.text(vo.vendor, size="2"), spacing="0"),
            rx.spacer(),
            rx.cond(s.can_cancel & vo.cancelable,
                    rx.button(rx.icon("circle-x", size=16, aria_hidden="true"), t("Cancel order"), size="3",
                              color_scheme="red", variant="soft", on_click=s.open_cancel(vo.id),
                              class_name="touch-target cancel-order")),
            width="100%", gap="8px", wrap="wrap", align="start",
        ),
        rx.text(vo.statuses, size="2", class_name="vendor-order-status"),
        rx.text(vo.terms, size="2", color="var(--gray-11)"),
        rx.cond(vo.cancel_note != "", rx.callout(vo.cancel_note, icon="info", size="1", width="100%")),
        rx.heading(t("Landed cost, as charged"), as_="h3", size="3"),
        _facts(vo.receipt),
        rx.heading(t("Lines"), as_="h3", size="3"),
        rx.vstack(rx.foreach(vo.lines, _line), spacing="0", width="100%", class_name="table-card"),
        rx.cond(vo.parcels.length() > 0, rx.fragment(
            rx.heading(t("Parcels"), as_="h3", size="3"),
            rx.vstack(rx.foreach(vo.parcels, _parcel), spacing="0", width="100%", class_name="table-card"))),
        spacing="3", width="100%"), width="100%", class_name="staff-vendor-order")


def _refund_dialog() -> rx.Component:
    s = StaffOrderState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Refund a line")),
            rx.dialog.description(s.refund_title, size="2", color="var(--gray-11)"),
            rx.form(
                rx.vstack(
                    rx.el.label(rx.text(t("Units to refund"), size="2", weight="medium"),
                                rx.input(name="quantity", type="number", min=1, max=s.refund_max, default_value="1",
                                         size="3", id="refund-quantity", input_mode="numeric", width="100%"),
                                style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
                    rx.el.label(rx.checkbox(name="shipping", id="refund-shipping", size="3",
                                            aria_label=t("Also refund the shipping for these units")),
                                rx.text(t("Also refund the shipping for these units"), size="2"),
                                style={"display": "flex", "gap": "8px", "align_items": "center"}),
                    rx.text(t("Import duty and tax on these units are refunded with the goods."), size="1",
                            color="var(--gray-11)"),
                    rx.el.label(rx.text(t("Reason (required)"), size="2", weight="medium"),
                                rx.text_area(name="reason", id="refund-reason", max_length=500, rows="3",
                                             width="100%"),
                                style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
                    rx.button(t("Review refund"), type="submit", size="3", variant="soft", id="refund-review",
                              class_name="touch-target"),
                    spacing="3", width="100%",
                ),
                on_submit=s.review_refund, reset_on_submit=False, width="100%",
            ),
            rx.cond(s.refund_error != "", rx.callout(s.refund_error, icon="triangle-alert", color_scheme="red",
                                                     role="alert", id="refund-error", width="100%",
                                                     margin_top="12px")),
            rx.cond(s.plan.length() > 0, rx.vstack(
                rx.heading(t("The shopper gets back"), as_="h3", size="3"),
                _facts(s.plan, "refund-plan"),
                rx.button(t("Confirm refund"), on_click=s.confirm_refund, size="3", loading=s.busy,
                          disabled=s.busy, id="refund-confirm", class_name="touch-target"),
                spacing="2", width="100%", margin_top="12px")),
            rx.flex(rx.dialog.close(rx.button(t("Close"), variant="soft", color_scheme="gray", size="3")),
                    justify="end", margin_top="16px"),
            max_width="520px", id="refund-dialog",
        ),
        open=s.refund_open, on_open_change=s.refund_open_change,
    )


def _cancel_dialog() -> rx.Component:
    s = StaffOrderState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Cancel this order")),
            rx.dialog.description(
                s.cancel_title, " · ",
                t("The order is canceled and everything not yet refunded goes back to the shopper's card."),
                size="2", color="var(--gray-11)"),
            rx.form(
                rx.vstack(
                    rx.el.label(rx.text(t("Reason (required)"), size="2", weight="medium"),
                                rx.text_area(name="reason", id="cancel-reason", max_length=500, rows="3",
                                             width="100%"),
                                style={"display": "flex", "flex_direction": "column", "gap": "4px", "width": "100%"}),
                    rx.cond(s.cancel_error != "", rx.callout(s.cancel_error, icon="triangle-alert",
                                                             color_scheme="red", role="alert", id="cancel-error",
                                                             width="100%")),
                    rx.flex(rx.dialog.close(rx.button(t("Keep the order"), type="button", variant="soft",
                                                      color_scheme="gray", size="3")),
                            rx.button(t("Cancel and refund"), type="submit", color_scheme="red", high_contrast=True, size="3",
                                      loading=s.busy, disabled=s.busy, id="cancel-confirm"),
                            gap="8px", justify="end", wrap="wrap"),
                    spacing="3", width="100%",
                ),
                on_submit=s.confirm_cancel, reset_on_submit=False, width="100%",
            ),
            max_width="520px", id="cancel-dialog",
        ),
        open=s.cancel_open, on_open_change=s.cancel_open_change,
    )


def staff_order_page() -> rx.Component:
    s = StaffOrderState
    return backoffice(
        N_("Staff console"), STAFF_LINKS, s.allowed, s.denied, s.loaded,
        rx.vstack(
            rx.link(rx.hstack(rx.icon("chevron-left", size=16, aria_hidden="true"), rx.text(t("Orders")), spacing="1",
                              align="center"), href=routes.STAFF_ORDERS, size="2"),
            rx.heading(t("Order"), " ", s.number, as_="h1", size="7", id="order-heading"),
            rx.cond(s.done != "", rx.callout(s.done, icon="circle-check", color_scheme="grass", high_contrast=True,
                                             id="order-done", width="100%")),
            rx.grid(
                rx.card(rx.vstack(rx.heading(t("Shopper and market"), as_="h2", size="4"), _facts(s.facts),
                                  spacing="3", width="100%"), width="100%"),
                rx.card(rx.vstack(rx.heading(t("Receipt"), as_="h2", size="4"), _facts(s.receipt, "order-receipt"),
                                  spacing="3", width="100%"), width="100%"),
                columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
            ),
            rx.foreach(s.vendor_orders, _vendor_order),
            rx.grid(
                _entries(s.payments, N_("Payments"), N_("No payment recorded."), "order-payments"),
                _entries(s.refunds, N_("Refunds"), N_("No refunds yet."), "order-refunds"),
                _entries(s.disputes, N_("Disputes"), N_("No disputes."), "order-disputes"),
                columns=rx.breakpoints(initial="1", lg="3"), spacing="4", width="100%",
            ),
            _entries(s.timeline, N_("Timeline"), N_("Nothing recorded yet."), "order-timeline"),
            _refund_dialog(),
            _cancel_dialog(),
            spacing="4", width="100%", align="start",
        ),
    )

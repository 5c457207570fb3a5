"""Orders for platform staff: search, the whole order, partial refunds per line, cancellations, disputes.

Contract (every function takes the :class:`Caller` resolved from the server-side session and checks it first):
- :func:`parse_filter` validates a search (order or vendor-order number prefix, shopper e-mail part, vendor name
  part or id, destination country, vendor-order status, ``YYYY-MM-DD`` date range, inclusive); anything
  malformed is :class:`ValidationError` ``order_search_invalid`` with ``field`` naming the filter.
  :func:`search_orders` returns one page (``PAGE_SIZE`` order groups, newest first) and whether more follow.
  Both need ``StaffCapability.ORDERS`` (support, finance, admin).
- :func:`order_detail` (``ORDERS``) is the shopper's read model (``orders.history.detail_of``: every vendor
  order, lines, parcels with tracking, cancellation state, refunds) plus what staff need: the shopper's e-mail,
  the frozen landed-cost receipt per vendor order (goods, shipping, duty, import tax, the import regime from the
  frozen checkout quote, DDP/DAP, each line's FX rate and source), the payments (gateway, status, amount,
  refunded, card), every refund with its ledger entries, return requests, disputes, and one timeline of order
  events, refunds, returns and disputes (oldest first). An unknown number is ``order_not_found``.
- Partial refunds (``REFUNDS``: finance, admin): :func:`refund_preview` plans a refund of ``quantity`` units of
  one line (optionally with the shipping share) through ``payments.refunds.plan_refund`` without writing;
  :func:`refund_line` pays it through ``orders.refunds.refund_order_lines`` with the caller's idempotency key
  (``staff-`` + 8-72 letters, digits or dashes: a double click or a retry refunds once) and a required reason
  (1-500 characters), then audits ``order.refund`` once per refund (actor, reason, before/after payment
  status, amount). Duty and import tax always follow the goods: the planner gives back each line's duty and tax
  in proportion to the units refunded (a DAP order's were never charged, so none), so "goods + its duty" is a
  line refund; shipping is optional (its share of the refunded units, or the rest on a full refund).
- Cancellations (``CANCELLATIONS``: support, admin — finance does not cancel): :func:`cancel_order` cancels a
  vendor order that has not shipped (``placed`` or ``processing``) with a required reason through
  ``orders.fulfilment_cancel.cancel_and_refund``: the whole vendor order is refunded automatically (every unit
  not yet refunded, the shopper e-mailed), which is why support may cancel without holding ``REFUNDS``. An
  open shopper request is marked approved. Audited ``order.cancel`` (before/after status). Calling it again on
  a canceled order only retries a refund still owed.
- Disputes (``DISPUTES``: finance, admin): :func:`dispute_list` pages the payment provider's disputes, newest
  first, filtered ``open`` (the ledger holds the vendors' share), ``closed`` (won, lost, withdrawn) or all,
  each with its order number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.accounts import audit
from marketplace.accounts.guards import require_staff
from marketplace.accounts.service import Caller
from marketplace.accounts.staff_roles import StaffCapability
from marketplace.core.db import immediate_scope
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.money import Money
from marketplace.models import (
    AuditLog,
    CheckoutSession,
    Dispute,
    LedgerEntry,
    OrderEvent,
    OrderGroup,
    OrderLine,
    Payment,
    Refund,
    ReturnRequest,
    User,
    Vendor,
    VendorOrder,
    money_of,
)
from marketplace.orders import fulfilment_cancel, history, order_mail, refunds, status
from marketplace.orders.carriers import Carrier
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.status import OrderStatus
from marketplace.payments import refunds as refund_math
from marketplace.payments.gateway import PaymentGateway

PAGE_SIZE = 25
MAX_PAGE = 400
STATUSES = tuple(s.value for s in OrderStatus)
DISPUTE_FILTERS = ("", "open", "closed")
_KEY = re.compile(r"staff-[A-Za-z0-9-]{8,72}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_LIMITS = {"number": 24, "email": 254, "vendor": 120, "country": 2, "status": 20, "date_from": 10, "date_to": 10}


def _refuse(field: str) -> ValidationError:
    return ValidationError("Check this search field.", code=OrderErrorCode.SEARCH_INVALID, field=field)


@dataclass(frozen=True)
class OrderFilter:
    number: str = ""
    email: str = ""
    vendor: str = ""
    country: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        raise _refuse(field) from None


def parse_filter(caller: Caller | None, **values: object) -> OrderFilter:
    """A validated search from raw strings (``number``, ``email``, ``vendor``, ``country``, ``status``,
    ``date_from``, ``date_to``; a missing one is empty); see the module contract."""
    require_staff(caller, StaffCapability.ORDERS)
    clean: dict[str, str] = {}
    for key, limit in _LIMITS.items():
        value = values.get(key, "")
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise _refuse(key)
        clean[key] = value.strip()
    if set(values) - set(_LIMITS):
        raise _refuse(next(iter(set(values) - set(_LIMITS))))
    country = clean["country"].upper()
    if country and not _COUNTRY.fullmatch(country):
        raise _refuse("country")
    if clean["status"] and clean["status"] not in STATUSES:
        raise _refuse("status")
    start, end = _date(clean["date_from"], "date_from"), _date(clean["date_to"], "date_to")
    if clean["date_from"] and start is None:
        raise _refuse("date_from")
    if clean["date_to"] and end is None:
        raise _refuse("date_to")
    if start and end and start > end:
        raise _refuse("date_to")
    return OrderFilter(number=clean["number"].upper(), email=clean["email"].lower(), vendor=clean["vendor"],
                       country=country, status=clean["status"], date_from=start, date_to=end)


@dataclass(frozen=True)
class OrderRow:
    number: str
    created_at: datetime
    email: str
    ship_to_country: str
    total: Money
    vendors: tuple[str, ...]
    statuses: tuple[str, ...]  # each vendor order's status, in vendor-order order
    payment_statuses: tuple[str, ...]


@dataclass(frozen=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    page: int
    has_more: bool


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def search_orders(session: Session, caller: Caller | None, flt: OrderFilter, page: object = 1) -> OrderPage:
    """One page of order groups matching ``flt``, newest first; see the module contract."""
    require_staff(caller, StaffCapability.ORDERS)
    if not isinstance(flt, OrderFilter):
        raise _refuse("filter")
    page = page if isinstance(page, int) and not isinstance(page, bool) and 1 <= page <= MAX_PAGE else 1
    query = select(OrderGroup)
    if flt.number:
        by_vendor_order = select(VendorOrder.group_id).where(VendorOrder.number.startswith(flt.number))
        query = query.where(or_(OrderGroup.number.startswith(flt.number), OrderGroup.id.in_(by_vendor_order)))
    if flt.email:
        query = query.where(func.lower(OrderGroup.email).contains(flt.email, autoescape=True))
    if flt.country:
        query = query.where(OrderGroup.ship_to_country == flt.country)
    if flt.date_from:
        query = query.where(OrderGroup.created_at >= _start(flt.date_from))
    if flt.date_to:
        query = query.where(OrderGroup.created_at < _start(flt.date_to + timedelta(days=1)))
    if flt.vendor or flt.status:
        inner = select(VendorOrder.group_id).join(Vendor, Vendor.id == VendorOrder.vendor_id)
        if flt.vendor.isdigit():
            inner = inner.where(Vendor.id == int(flt.vendor[:12]))
        elif flt.vendor:
            inner = inner.where(func.lower(Vendor.display_name).contains(flt.vendor.lower(), autoescape=True))
        if flt.status:
            inner = inner.where(VendorOrder.status == flt.status)
        query = query.where(OrderGroup.id.in_(inner))
    groups = list(session.exec(query.order_by(OrderGroup.created_at.desc(), OrderGroup.id.desc())
                               .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    has_more = len(groups) > PAGE_SIZE
    groups = groups[:PAGE_SIZE]
    parts: dict[int, list[tuple[VendorOrder, str]]] = {}
    if groups:
        for order, name in session.exec(select(VendorOrder, Vendor.display_name)
                                        .join(Vendor, Vendor.id == VendorOrder.vendor_id)
                                        .where(VendorOrder.group_id.in_([g.id for g in groups]))
                                        .order_by(VendorOrder.id)):
            parts.setdefault(order.group_id, []).append((order, name))
    rows = tuple(OrderRow(
        number=g.number, created_at=g.created_at, email=g.email, ship_to_country=g.ship_to_country,
        total=money_of(g, "total"), vendors=tuple(name for _, name in parts.get(g.id, [])),
        statuses=tuple(o.status for o, _ in parts.get(g.id, [])),
        payment_statuses=tuple(o.payment_status for o, _ in parts.get(g.id, []))) for g in groups)
    return OrderPage(rows=rows, page=page, has_more=has_more)


# ------------------------------------------------------------------------------------------------- detail


@dataclass(frozen=True)
class StaffLine:
    id: int
    product_name: str
    variant_label: str
    sku: str
    hs_code: str
    origin_country: str
    quantity: int
    refunded_quantity: int
    unit_price: Money
    duty: Money  # the whole line's, as charged (zero on a DAP order: paid to the carrier)
    tax: Money
    fx_rate: str  # vendor currency -> shopper currency, as frozen on the line
    fx_source: str
    vendor_unit_price: Money


@dataclass(frozen=True)
class StaffVendorOrder:
    id: int
    number: str
    vendor_name: str
    vendor_country: str
    status: str
    payment_status: str
    fulfilment_status: str
    incoterm: str  # DDP | DAP
    regime: str  # the import regime the quote applied ("" when the quote is gone)
    goods: Money
    shipping: Money
    duty: Money
    tax: Money
    total: Money
    refunded: Money
    cancelable: bool  # not shipped yet (placed or processing)
    lines: tuple[StaffLine, ...]
    shipments: tuple[history.ShipmentView, ...]
    cancel: history.CancelView


@dataclass(frozen=True)
class PaymentView:
    id: int
    gateway: str
    external_id: str
    status: str
    amount: Money
    refunded: Money
    card: str  # "visa •••• 4242", "" when unknown
    created_at: datetime


@dataclass(frozen=True)
class LedgerView:
    kind: str
    amount: Money  # vendor currency, signed as booked
    memo: str


@dataclass(frozen=True)
class RefundRow:
    id: int
    vendor_order_number: str
    amount: Money
    status: str
    reason: str
    created_at: datetime
    goods: Money
    duty: Money
    tax: Money
    shipping: Money
    ledger: tuple[LedgerView, ...]


@dataclass(frozen=True)
class DisputeRow:
    id: int
    external_id: str
    order_number: str
    amount: Money
    reason: str
    status: str  # the provider's status
    state: str  # held | released | lost (what the ledger did)
    opened_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # status | payment | fulfilment | cancel | shipment | refund | return | dispute
    vendor_order_number: str
    change: str  # "placed → processing", an amount, a status
    reason: str
    actor: str  # the actor's e-mail, "" for the system


@dataclass(frozen=True)
class StaffOrderDetail:
    number: str
    created_at: datetime
    email: str
    lang: str
    ship_to_country: str
    goods: Money
    shipping: Money
    duty: Money
    tax: Money
    fees: Money
    total: Money
    fx_source: str
    fx_as_of: date | None
    vendor_orders: tuple[StaffVendorOrder, ...]
    payments: tuple[PaymentView, ...]
    refunds: tuple[RefundRow, ...]
    disputes: tuple[DisputeRow, ...]
    timeline: tuple[TimelineEntry, ...]


def _group(session: Session, number: object) -> OrderGroup:
    group = None
    if isinstance(number, str) and 1 <= len(number) <= 20:
        group = session.exec(select(OrderGroup).where(OrderGroup.number == number.strip().upper())).first()
    if group is None:
        raise NotFound("We couldn't find that order.", code=OrderErrorCode.ORDER_NOT_FOUND)
    return group


def _regimes(session: Session, group_id: int) -> dict[int, str]:
    """Vendor id -> the import regime the frozen checkout quote applied."""
    row = session.exec(select(CheckoutSession).where(CheckoutSession.order_group_id == group_id)).first()
    parcels = (row.quote or {}).get("parcels", []) if row is not None else []
    return {p["vendor_id"]: p.get("regime") or "" for p in parcels if isinstance(p, dict) and "vendor_id" in p}


def _sum_item(refund: Refund, key: str) -> Money:
    return Money(sum(int(item.get(key, 0)) for item in refund.lines if item.get("order_line_id")),
                 refund.amount_currency)


def order_detail(session: Session, caller: Caller | None, number: object) -> StaffOrderDetail:
    """Everything about one order for staff; see the module contract."""
    require_staff(caller, StaffCapability.ORDERS)
    group = _group(session, number)
    base = history.detail_of(session, group)
    orders = {o.id: o for o in session.exec(select(VendorOrder).where(VendorOrder.group_id == group.id))}
    numbers = {o.id: o.number for o in orders.values()}
    regimes = _regimes(session, group.id)
    rows = list(session.exec(select(OrderLine).where(OrderLine.vendor_order_id.in_(list(orders) or [0]))
                             .order_by(OrderLine.id)))
    refund_rows = list(session.exec(select(Refund).where(Refund.vendor_order_id.in_(list(orders) or [0]))
                                    .order_by(Refund.id)))
    done: dict[int, int] = {}
    refunded: dict[int, Money] = {}
    for refund in refund_rows:
        if refund.status == "failed":
            continue
        for item in refund.lines:
            if item.get("order_line_id"):
                done[item["order_line_id"]] = done.get(item["order_line_id"], 0) + int(item.get("quantity", 0))
        if refund.status == "succeeded":
            amount = money_of(refund, "amount")
            refunded[refund.vendor_order_id] = refunded.get(refund.vendor_order_id, Money.zero(amount.currency)) + amount
    vendor_orders = []
    for view in base.vendor_orders:
        order = orders[view.id]
        charged = order.incoterm != "DAP"
        lines = tuple(StaffLine(
            id=r.id, product_name=r.product_name, variant_label=r.variant_label, sku=r.sku, hs_code=r.hs_code,
            origin_country=r.origin_country, quantity=r.quantity, refunded_quantity=done.get(r.id, 0),
            unit_price=money_of(r, "unit_price"),
            duty=Money(r.duty_minor if charged else 0, r.duty_currency or r.unit_price_currency),
            tax=Money(r.tax_minor if charged else 0, r.tax_currency or r.unit_price_currency),
            fx_rate=str(r.fx_rate), fx_source=r.fx_source, vendor_unit_price=money_of(r, "vendor_unit_price"))
            for r in rows if r.vendor_order_id == order.id)
        vendor_orders.append(StaffVendorOrder(
            id=order.id, number=order.number, vendor_name=view.vendor_name, vendor_country=view.vendor_country,
            status=order.status, payment_status=order.payment_status, fulfilment_status=order.fulfilment_status,
            incoterm=order.incoterm, regime=regimes.get(order.vendor_id, ""), goods=view.goods,
            shipping=view.shipping, duty=view.duty, tax=view.tax, total=view.total,
            refunded=refunded.get(order.id, Money.zero(view.total.currency)),
            cancelable=order.status in fulfilment_cancel.CANCELABLE, lines=lines, shipments=view.shipments,
            cancel=view.cancel))
    payments = list(session.exec(select(Payment).where(Payment.group_id == group.id).order_by(Payment.id)))
    ledger: dict[int, list[LedgerView]] = {}
    if refund_rows:
        for entry in session.exec(select(LedgerEntry).where(LedgerEntry.refund_id.in_([r.id for r in refund_rows]))
                                  .order_by(LedgerEntry.id)):
            ledger.setdefault(entry.refund_id, []).append(
                LedgerView(kind=entry.kind, amount=money_of(entry, "amount"), memo=entry.memo or ""))
    refund_views = tuple(RefundRow(
        id=r.id, vendor_order_number=numbers[r.vendor_order_id], amount=money_of(r, "amount"), status=r.status,
        reason=r.reason, created_at=r.created_at, goods=_sum_item(r, "goods_minor"), duty=_sum_item(r, "duty_minor"),
        tax=_sum_item(r, "tax_minor"),
        shipping=Money(sum(int(i.get("shipping_minor", i.get("unassigned_shipping_minor", 0))) for i in r.lines),
                       r.amount_currency),
        ledger=tuple(ledger.get(r.id, ()))) for r in refund_rows)
    disputes = _disputes_of(session, [p.id for p in payments], {p.id: group.number for p in payments})
    returns = list(session.exec(select(ReturnRequest).where(ReturnRequest.vendor_order_id.in_(list(orders) or [0]))))
    events = list(session.exec(select(OrderEvent).where(OrderEvent.vendor_order_id.in_(list(orders) or [0]))))
    actors = {u.id: u.email for u in session.exec(select(User).where(
        User.id.in_({e.actor_user_id for e in events if e.actor_user_id} or {0})))}
    timeline = [TimelineEntry(at=e.at, kind=e.kind, vendor_order_number=numbers[e.vendor_order_id],
                              change=" → ".join(x for x in (e.from_status, e.to_status) if x), reason=e.reason or "",
                              actor=actors.get(e.actor_user_id, "")) for e in events]
    timeline += [TimelineEntry(at=r.created_at, kind="refund", vendor_order_number=r.vendor_order_number,
                               change=f"{r.amount.amount_str()} {r.amount.currency} · {r.status}", reason=r.reason,
                               actor="") for r in refund_views]
    timeline += [TimelineEntry(at=r.created_at, kind="return", vendor_order_number=numbers[r.vendor_order_id],
                               change=f"{r.number} · {r.kind} · {r.status}", reason=r.decline_reason or "", actor="")
                 for r in returns]
    timeline += [TimelineEntry(at=d.opened_at, kind="dispute", vendor_order_number="",
                               change=f"{d.amount.amount_str()} {d.amount.currency} · {d.status}", reason=d.reason,
                               actor="") for d in disputes]
    return StaffOrderDetail(
        number=group.number, created_at=group.created_at, email=group.email, lang=group.lang,
        ship_to_country=group.ship_to_country, goods=base.goods, shipping=base.shipping, duty=base.duty,
        tax=base.tax, fees=base.fees, total=base.total, fx_source=group.fx_source, fx_as_of=group.fx_as_of,
        vendor_orders=tuple(vendor_orders),
        payments=tuple(PaymentView(
            id=p.id, gateway=p.gateway, external_id=p.external_id or "", status=p.status,
            amount=money_of(p, "amount"), refunded=Money(p.refunded_minor, p.amount_currency),
            card=f"{p.card_brand} •••• {p.card_last4}" if p.card_last4 else "", created_at=p.created_at)
            for p in payments),
        refunds=refund_views, disputes=tuple(disputes),
        timeline=tuple(sorted(timeline, key=lambda e: e.at)))


# ------------------------------------------------------------------------------------------------ refunds


def _line_order(session: Session, vendor_order_id: object, line_id: object) -> tuple[int, int]:
    ok = all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v < 2**62 for v in (vendor_order_id, line_id))
    line = session.get(OrderLine, line_id) if ok else None
    if line is None or line.vendor_order_id != vendor_order_id:
        raise NotFound("That line is not part of this order.", code=OrderErrorCode.ORDER_NOT_FOUND,
                       field="order_line_id")
    return vendor_order_id, line_id  # type: ignore[return-value]


def _quantity(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
        raise ValidationError("Choose how many units to refund: a whole number of at least 1.",
                              code=OrderErrorCode.QUANTITY_INVALID, field="quantity")
    return value


def refund_preview(session: Session, caller: Caller | None, vendor_order_id: object, line_id: object,
                   quantity: object, include_shipping: object = False) -> refund_math.RefundPlan:
    """The amounts a refund of ``quantity`` units of one line would give back; writes nothing."""
    require_staff(caller, StaffCapability.REFUNDS)
    order_id, line = _line_order(session, vendor_order_id, line_id)
    return refund_math.plan_refund(refund_math.load_refund_context(session, order_id), [(line, _quantity(quantity))],
                                   include_shipping is True)


def refund_line(engine: Engine, caller: Caller | None, vendor_order_id: object, line_id: object,
                quantity: object, *, include_shipping: object, reason: object, idempotency_key: object,
                gateway: PaymentGateway) -> Refund:
    """Refund ``quantity`` units of one line (goods with their duty and tax, optionally shipping); audited once
    per refund; a retry with the same key returns the same refund."""
    actor = require_staff(caller, StaffCapability.REFUNDS)
    text = fulfilment_cancel.clean_reason(reason)
    if not isinstance(idempotency_key, str) or not _KEY.fullmatch(idempotency_key):
        raise ValidationError("This refund request has no valid reference.",
                              code=OrderErrorCode.REFUND_REFERENCE_INVALID)
    with immediate_scope(engine) as session:
        order_id, line = _line_order(session, vendor_order_id, line_id)
        before = session.get(VendorOrder, order_id).payment_status
    refund = refunds.refund_order_lines(engine, order_id, [(line, _quantity(quantity))], gateway=gateway,
                                        idempotency_key=idempotency_key, include_shipping=include_shipping is True,
                                        reason=text, actor_user_id=actor.user_id)
    with immediate_scope(engine) as session:
        seen = session.exec(select(AuditLog.id).where(AuditLog.action == "order.refund",
                                                      AuditLog.entity_type == "refund",
                                                      AuditLog.entity_id == str(refund.id))).first()
        if seen is None and refund.status == "succeeded":
            order = session.get(VendorOrder, order_id)
            audit.record(session, "order.refund", actor_user_id=actor.user_id, entity_type="refund",
                         entity_id=refund.id, reason=text, order=order.number, order_line_id=line,
                         quantity=quantity, amount=f"{refund.amount_minor} {refund.amount_currency}",
                         include_shipping=include_shipping is True, before=before, after=order.payment_status)
    return refund


# ----------------------------------------------------------------------------------------- cancellations


def cancel_order(engine: Engine, caller: Caller | None, vendor_order_id: object, reason: object, *,
                 gateway: PaymentGateway, carrier: Carrier | None = None) -> VendorOrder:
    """Cancel a vendor order that has not shipped and refund it in full; see the module contract."""
    require_staff(caller, StaffCapability.CANCELLATIONS)
    text = fulfilment_cancel.clean_reason(reason)

    def check(session: Session, order: VendorOrder, actor: Caller) -> str:
        if order.status not in fulfilment_cancel.CANCELABLE:
            raise status.TransitionError("status", order.status, OrderStatus.CANCELED)
        fulfilment_cancel.approve_open_request(session, order, actor.user_id)
        audit.record(session, "order.cancel", actor_user_id=actor.user_id, entity_type="vendor_order",
                     entity_id=order.id, reason=text, order=order.number, before=order.status,
                     after=OrderStatus.CANCELED.value)
        return f"canceled by staff: {text}"[:500]

    return fulfilment_cancel.cancel_and_refund(engine, caller, vendor_order_id, gateway=gateway, check=check,
                                               mail=order_mail.canceled, carrier=carrier,
                                               staff_capability=StaffCapability.CANCELLATIONS)


# -------------------------------------------------------------------------------------------- disputes


def _disputes_of(session: Session, payment_ids: list[int], numbers: dict[int, str]) -> list[DisputeRow]:
    rows = session.exec(select(Dispute).where(Dispute.payment_id.in_(payment_ids or [0])).order_by(Dispute.id))
    return [_dispute_row(d, numbers.get(d.payment_id, "")) for d in rows]


def _dispute_row(d: Dispute, number: str) -> DisputeRow:
    return DisputeRow(id=d.id, external_id=d.external_id, order_number=number, amount=money_of(d, "amount"),
                      reason=d.reason, status=d.status, state=d.state, opened_at=d.opened_at, closed_at=d.closed_at)


@dataclass(frozen=True)
class DisputePage:
    rows: tuple[DisputeRow, ...]
    page: int
    has_more: bool


def dispute_list(session: Session, caller: Caller | None, which: object = "", page: object = 1) -> DisputePage:
    """The provider's disputes, newest first: ``open``, ``closed`` or all (``""``); see the module contract."""
    require_staff(caller, StaffCapability.DISPUTES)
    if which not in DISPUTE_FILTERS:
        raise ValidationError("Choose open, closed or all disputes.", code=OrderErrorCode.SEARCH_INVALID,
                              field="state")
    page = page if isinstance(page, int) and not isinstance(page, bool) and 1 <= page <= MAX_PAGE else 1
    query = select(Dispute, OrderGroup.number).join(Payment, Payment.id == Dispute.payment_id).join(
        OrderGroup, OrderGroup.id == Payment.group_id)
    if which == "open":
        query = query.where(Dispute.state == "held")
    elif which == "closed":
        query = query.where(Dispute.state != "held")
    found = list(session.exec(query.order_by(Dispute.opened_at.desc(), Dispute.id.desc())
                              .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return DisputePage(rows=tuple(_dispute_row(d, number) for d, number in found[:PAGE_SIZE]), page=page,
                       has_more=len(found) > PAGE_SIZE)

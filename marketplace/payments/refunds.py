"""Refunds by line and quantity: fetch, then calculate (pure), then apply in one transaction.

Contract:
    * :func:`load_refund_context` reads a vendor order, its lines, frozen commission and earlier refunds
      into a :class:`VendorOrderView`. :func:`plan_refund` is pure: it never touches the database.
    * A refund of ``q`` units of a line gives back, in the shopper's currency (the currency charged):
        - goods: the frozen unit price × q;
        - duty and tax: the line's share for the units refunded so far, minus what earlier refunds gave
          back. The share of ``r`` units out of ``Q`` is ``amount.allocate([r, Q - r])[0]`` (half-up on
          the exact share), so refunding every unit, in any number of steps, gives back exactly the
          line's duty and tax — no minor unit created or lost;
        - shipping: when the refund makes the whole vendor order refunded, everything not yet refunded;
          otherwise, with ``include_shipping``, the shipping share of every unit refunded so far
          (shipping split over the lines by their goods value, then over units as above) minus the
          shipping already refunded; otherwise none.
      A request that refunds more units than remain unrefunded, an unknown line, or a non-positive
      quantity is refused (:class:`ValidationError`); a plan never exceeds the amount paid minus the
      amount already refunded.
    * Vendor side, in the vendor's currency: the ``refund`` ledger entry is the vendor's frozen unit price
      × q. That is the shopper's goods refund converted back with the line's frozen ``fx_rate`` *without*
      a second rounding: the shopper's unit price was rounded once (half-up) from the vendor price at
      placement, so undoing it from the frozen vendor price is exact and a full refund reverses the
      ``sale`` entry to the minor unit. Duty, tax and shipping never reach the vendor's ledger (the sale
      entry holds goods only), so their refunds do not either.
    * The commission reversal (a positive ``commission`` entry) is proportional to the refunded units:
      the line's frozen commission share for the units refunded so far (same allocation as duty) minus
      what earlier refunds reversed; a full refund reverses exactly the frozen commission.
    * :func:`apply_refund` writes the :class:`Refund` (status ``pending``: the gateway call and the
      order's payment status belong to the payment gateway and order modules), its ledger entries, and is
      idempotent on ``idempotency_key``: a retry returns the refund already written. Inside the write it
      re-plans from freshly locked rows and refuses a plan that has gone stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session, select

from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.money import Money, sum_money
from marketplace.models import CommissionLine, LedgerEntry, OrderLine, Payment, Refund, VendorOrder
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.ledger import EntryKind, lock_vendor_order, order_available_at


@dataclass(frozen=True, slots=True)
class LineView:
    """One order line as a refund needs it (frozen amounts; ``commission`` in vendor currency)."""

    id: int
    quantity: int
    unit_price: Money  # shopper currency
    duty: Money  # whole line, shopper currency
    tax: Money  # whole line, shopper currency
    vendor_unit_price: Money  # vendor currency
    commission: Money  # whole line, vendor currency
    fx_rate: Decimal = Decimal(1)

    @property
    def goods(self) -> Money:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class RefundedLine:
    """What earlier refunds already gave back on one line."""

    quantity: int = 0
    duty_minor: int = 0
    tax_minor: int = 0
    commission_minor: int = 0  # commission reversed so far (vendor currency, positive)


@dataclass(frozen=True, slots=True)
class VendorOrderView:
    id: int
    vendor_id: int
    group_id: int
    currency: str  # the shopper's currency
    vendor_currency: str
    shipping: Money
    total: Money
    lines: tuple[LineView, ...]
    refunded: Mapping[int, RefundedLine] = field(default_factory=dict)
    refunded_shipping: Money | None = None
    refunded_total: Money | None = None


@dataclass(frozen=True, slots=True)
class RefundLinePlan:
    order_line_id: int
    quantity: int
    goods: Money
    duty: Money
    tax: Money
    shipping: Money
    vendor_goods: Money  # vendor currency, debited from the vendor
    commission_reversal: Money  # vendor currency, credited back to the vendor

    @property
    def total(self) -> Money:
        return self.goods + self.duty + self.tax + self.shipping


@dataclass(frozen=True, slots=True)
class RefundPlan:
    vendor_order_id: int
    vendor_id: int
    lines: tuple[RefundLinePlan, ...]
    shipping: Money  # shopper currency (also spread over ``lines``)
    total: Money  # shopper currency: what goes back to the shopper
    vendor_refund: Money  # vendor currency, positive: the ``refund`` entry is its negative
    commission_reversal: Money  # vendor currency, positive
    full: bool  # the whole vendor order is refunded after this one
    request: tuple[tuple[int, int], ...]
    include_shipping: bool


def _cumulative_share(amount: Money, units: int, of: int) -> Money:
    """The share of ``amount`` for ``units`` of ``of`` units (half-up; all units = all of it)."""
    if units >= of:
        return amount
    if units <= 0 or not amount:
        return Money.zero(amount.currency)
    return amount.allocate([units, of - units])[0]


def _shipping_per_line(order: VendorOrderView) -> list[Money]:
    weights = [line.goods.minor for line in order.lines]
    if sum(weights) <= 0:
        weights = [line.quantity for line in order.lines]
    return order.shipping.allocate(weights)


def plan_refund(
    vendor_order: VendorOrderView, lines: Iterable[tuple[int, int]], include_shipping: bool = False
) -> RefundPlan:
    """Plan a refund of ``lines`` (``(order_line_id, quantity)`` pairs); pure.

    Raises:
        ValidationError: nothing to refund, an unknown or repeated line, a non-positive quantity, more
            units than remain unrefunded, or a plan above what was paid minus what was refunded.
    """
    order = vendor_order
    request = tuple(lines)
    by_id = {line.id: line for line in order.lines}
    asked: dict[int, int] = {}
    for line_id, quantity in request:
        if line_id not in by_id:
            raise ValidationError("That line is not part of this order.", code=PaymentErrorCode.REFUND_LINE_NOT_IN_ORDER,
                                  order_line_id=line_id)
        if line_id in asked:
            raise ValidationError("Each line can be refunded once per request.", code=PaymentErrorCode.REFUND_LINE_REPEATED,
                                  order_line_id=line_id)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            raise ValidationError("Choose how many units to refund: a whole number of at least 1.",
                                  code=PaymentErrorCode.REFUND_QUANTITY_INVALID, field="quantity", order_line_id=line_id,
                                  quantity=quantity)
        done = order.refunded.get(line_id, RefundedLine()).quantity
        if done + quantity > by_id[line_id].quantity:
            raise ValidationError("Only %(remaining)s units of this line can still be refunded.",
                                  code=PaymentErrorCode.REFUND_QUANTITY_EXCEEDED, field="quantity", order_line_id=line_id,
                                  remaining=by_id[line_id].quantity - done, quantity=quantity)
        asked[line_id] = quantity
    if not asked and not include_shipping:
        raise ValidationError("There is nothing left to refund.", code=PaymentErrorCode.NOTHING_TO_REFUND)

    cur, vcur = order.currency, order.vendor_currency
    refunded_shipping = order.refunded_shipping or Money.zero(cur)
    after = {line.id: order.refunded.get(line.id, RefundedLine()).quantity + asked.get(line.id, 0)
             for line in order.lines}
    full = all(after[line.id] >= line.quantity for line in order.lines)

    # shipping for this refund, then spread over the refunded lines for the record
    ship_parts = _shipping_per_line(order)
    if full:
        shipping = order.shipping - refunded_shipping
    elif include_shipping:
        due = sum_money((_cumulative_share(part, after[line.id], line.quantity)
                         for part, line in zip(ship_parts, order.lines, strict=True)), cur)
        shipping = due - refunded_shipping
        if shipping.minor < 0:
            shipping = Money.zero(cur)
    else:
        shipping = Money.zero(cur)

    planned: list[RefundLinePlan] = []
    for line in order.lines:
        quantity = asked.get(line.id, 0)
        if not quantity:
            continue
        before = order.refunded.get(line.id, RefundedLine())
        now_units = before.quantity + quantity
        duty = _cumulative_share(line.duty, now_units, line.quantity) - Money(before.duty_minor, cur)
        tax = _cumulative_share(line.tax, now_units, line.quantity) - Money(before.tax_minor, cur)
        reversal = (_cumulative_share(line.commission, now_units, line.quantity)
                    - Money(before.commission_minor, vcur))
        planned.append(RefundLinePlan(
            order_line_id=line.id, quantity=quantity, goods=line.unit_price * quantity, duty=duty, tax=tax,
            shipping=Money.zero(cur), vendor_goods=line.vendor_unit_price * quantity,
            commission_reversal=reversal,
        ))
    if planned and shipping:
        weights = [p.goods.minor or 1 for p in planned]
        planned = [
            RefundLinePlan(p.order_line_id, p.quantity, p.goods, p.duty, p.tax, part, p.vendor_goods,
                           p.commission_reversal)
            for p, part in zip(planned, shipping.allocate(weights), strict=True)
        ]
    goods_duty_tax = sum_money((p.goods + p.duty + p.tax for p in planned), cur)
    total_refund = goods_duty_tax + shipping
    if not total_refund and not asked:  # returned units of a free item still count as refunded (amount 0)
        raise ValidationError("There is nothing left to refund.", code=PaymentErrorCode.NOTHING_TO_REFUND)
    remaining = order.total - (order.refunded_total or Money.zero(cur))
    if total_refund > remaining:
        raise ValidationError("The refund (%(asked)s) is more than what remains paid (%(remaining)s).",
                              code=PaymentErrorCode.REFUND_EXCEEDS_PAID, remaining=remaining.amount_str(),
                              asked=total_refund.amount_str())
    return RefundPlan(
        vendor_order_id=order.id,
        vendor_id=order.vendor_id,
        lines=tuple(planned),
        shipping=shipping,
        total=total_refund,
        vendor_refund=sum_money((p.vendor_goods for p in planned), vcur),
        commission_reversal=sum_money((p.commission_reversal for p in planned), vcur),
        full=full,
        request=tuple(sorted(asked.items())),
        include_shipping=include_shipping,
    )


# -- fetch ----------------------------------------------------------------------------------------------


def _refunds_of(session: Session, vendor_order_id: int) -> list[Refund]:
    return list(session.exec(
        select(Refund).where(Refund.vendor_order_id == vendor_order_id, Refund.status != "failed")
    ))


def load_refund_context(session: Session, vendor_order_id: int) -> VendorOrderView:
    """Fetch everything :func:`plan_refund` needs for one vendor order.

    Raises:
        NotFound: no such vendor order.
    """
    order = session.get(VendorOrder, vendor_order_id)
    if order is None:
        raise NotFound("This order does not exist.", code=PaymentErrorCode.VENDOR_ORDER_NOT_FOUND, vendor_order_id=vendor_order_id)
    rows = list(session.exec(select(OrderLine).where(OrderLine.vendor_order_id == order.id).order_by(OrderLine.id)))
    if not rows:
        raise ValidationError("This order has no lines to refund.", code=PaymentErrorCode.NO_ORDER_LINES, vendor_order_id=order.id)
    vcur = rows[0].vendor_unit_price_currency
    # DAP: duty and import tax were paid by the shopper to the carrier on delivery, not to us; we refund
    # only what we charged (goods and shipping). DDP orders (and forced point-of-sale collection) were charged.
    charged_import = order.incoterm != "DAP"
    commission = {c.order_line_id: c.amount_minor for c in session.exec(
        select(CommissionLine).where(CommissionLine.vendor_order_id == order.id))}
    lines = tuple(
        LineView(
            id=row.id, quantity=row.quantity,
            unit_price=Money(row.unit_price_minor, row.unit_price_currency),
            duty=Money(row.duty_minor if charged_import else 0, row.duty_currency or row.unit_price_currency),
            tax=Money(row.tax_minor if charged_import else 0, row.tax_currency or row.unit_price_currency),
            vendor_unit_price=Money(row.vendor_unit_price_minor, row.vendor_unit_price_currency),
            commission=Money(commission.get(row.id, 0), vcur),
            fx_rate=row.fx_rate,
        )
        for row in rows
    )
    cur = order.total_currency
    refunded: dict[int, RefundedLine] = {}
    refunded_total = Money.zero(cur)
    refunded_shipping = Money.zero(cur)
    for refund in _refunds_of(session, order.id):
        amount = Money(refund.amount_minor, refund.amount_currency)
        refunded_total += amount
        for item in refund.lines:
            if not item.get("order_line_id"):  # a shipping-only refund
                refunded_shipping += Money(item.get("unassigned_shipping_minor", 0), cur)
                continue
            previous = refunded.get(item["order_line_id"], RefundedLine())
            refunded[item["order_line_id"]] = RefundedLine(
                quantity=previous.quantity + item["quantity"],
                duty_minor=previous.duty_minor + item["duty_minor"],
                tax_minor=previous.tax_minor + item["tax_minor"],
                commission_minor=previous.commission_minor + item["commission_reversal_minor"],
            )
            refunded_shipping += Money(item["shipping_minor"], cur)
    return VendorOrderView(
        id=order.id, vendor_id=order.vendor_id, group_id=order.group_id, currency=cur, vendor_currency=vcur,
        shipping=Money(order.shipping_minor, order.shipping_currency or cur),
        total=Money(order.total_minor if charged_import
                    else order.goods_minor + order.shipping_minor, cur), lines=lines, refunded=refunded,
        refunded_shipping=refunded_shipping, refunded_total=refunded_total,
    )


def _line_json(p: RefundLinePlan) -> dict[str, int]:
    return {
        "order_line_id": p.order_line_id, "quantity": p.quantity, "goods_minor": p.goods.minor,
        "duty_minor": p.duty.minor, "tax_minor": p.tax.minor, "shipping_minor": p.shipping.minor,
        "vendor_goods_minor": p.vendor_goods.minor, "commission_reversal_minor": p.commission_reversal.minor,
    }


def _payment_for(session: Session, group_id: int, currency: str) -> Payment:
    payments = list(session.exec(
        select(Payment).where(Payment.group_id == group_id, Payment.amount_currency == currency,
                              Payment.status.not_in(["failed", "canceled", "pending"]))  # type: ignore[attr-defined]
        .order_by(Payment.id.desc())  # type: ignore[union-attr]
    ))
    if not payments:
        raise ValidationError("There is no payment to refund for this order.", code=PaymentErrorCode.NO_PAYMENT_TO_REFUND,
                              group_id=group_id)
    return payments[0]


def apply_refund(session: Session, plan: RefundPlan, idempotency_key: str, reason: str = "") -> Refund:
    """Write the refund and its ledger entries; a retry with the same key returns the refund written.

    Raises:
        ValidationError: an empty or over-long key, a key used for another vendor order, a stale plan
            (another refund changed the order since it was planned), or no captured payment.
    """
    if not idempotency_key or len(idempotency_key) > 80:
        raise ValidationError("This refund request has no valid reference.", code=PaymentErrorCode.REFUND_REFERENCE_INVALID)
    existing = session.exec(select(Refund).where(Refund.idempotency_key == idempotency_key)).first()
    if existing is not None:
        if existing.vendor_order_id != plan.vendor_order_id:
            raise ValidationError("That refund reference was already used for a different refund.",
                                  code=PaymentErrorCode.REFUND_REFERENCE_REUSED)
        return existing
    order = lock_vendor_order(session, plan.vendor_order_id)
    # a concurrent retry may have committed while we waited for the lock
    existing = session.exec(select(Refund).where(Refund.idempotency_key == idempotency_key)).first()
    if existing is not None:
        return existing
    fresh = plan_refund(load_refund_context(session, order.id), plan.request, plan.include_shipping)
    if fresh != plan:
        raise ValidationError("The order changed while the refund was prepared; please review it again.",
                              code=PaymentErrorCode.ORDER_CHANGED, vendor_order_id=order.id)
    payment = _payment_for(session, order.group_id, plan.total.currency)
    lines_json: list[dict[str, int]] = [_line_json(p) for p in plan.lines]
    if not plan.lines:  # a shipping-only refund
        lines_json = [{"order_line_id": 0, "quantity": 0, "unassigned_shipping_minor": plan.shipping.minor}]
    refund = Refund(payment_id=payment.id, vendor_order_id=order.id, amount_minor=plan.total.minor,
                    amount_currency=plan.total.currency, lines=lines_json, reason=reason[:300],
                    idempotency_key=idempotency_key)
    session.add(refund)
    session.flush()
    available_at = order_available_at(session, order.id)
    if plan.vendor_refund:
        session.add(LedgerEntry(vendor_id=order.vendor_id, kind=EntryKind.REFUND,
                                amount_minor=-plan.vendor_refund.minor, amount_currency=plan.vendor_refund.currency,
                                vendor_order_id=order.id, refund_id=refund.id, available_at=available_at,
                                memo=f"refund {order.number}"))
    if plan.commission_reversal:
        session.add(LedgerEntry(vendor_id=order.vendor_id, kind=EntryKind.COMMISSION,
                                amount_minor=plan.commission_reversal.minor,
                                amount_currency=plan.commission_reversal.currency, vendor_order_id=order.id,
                                refund_id=refund.id, available_at=available_at,
                                memo=f"commission reversal {order.number}"))
    session.flush()
    return refund


def refund_lines(session: Session, vendor_order_id: int, lines: Sequence[tuple[int, int]],
                 idempotency_key: str, include_shipping: bool = False, reason: str = "") -> Refund:
    """Fetch, plan and apply in one call (for callers that do not show the plan first)."""
    existing = session.exec(select(Refund).where(Refund.idempotency_key == idempotency_key)).first()
    if existing is not None and existing.vendor_order_id == vendor_order_id:
        return existing
    plan = plan_refund(load_refund_context(session, vendor_order_id), lines, include_shipping)
    return apply_refund(session, plan, idempotency_key, reason)

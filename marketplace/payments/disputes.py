"""Money that moves outside the app: Stripe disputes and refunds made in Stripe's dashboard.

Contract (the worker calls :func:`process_charge_event` for every ``charge.*`` Stripe event; it finds the
:class:`Payment` by ``external_id == <the object's payment_intent>`` and answers a short outcome string).
``payments`` sits below ``orders`` in the layers, so the order side of a refund (the vendor order's payment
status) is the caller's: it passes ``on_refund`` (``orders.refunds.record_outside_refund``), run in the same
transaction for each vendor order the refund reached:

* **Disputes** (``charge.dispute.created | updated | closed | funds_withdrawn | funds_reinstated``; the
  object is a Dispute). Every event carries the whole dispute, so each one is handled the same way: the
  dispute's Stripe ``status`` decides the target state (:func:`state_for`): ``held`` while open
  (inquiries ``warning_*`` and appeals included: money may still be taken), ``released`` when ``won``,
  ``warning_closed`` or ``prevented``, ``lost`` when ``lost``. A status this module does not know counts as
  open (holding is the safe side). State only moves forward: ``held -> released | lost``; a closed dispute
  never changes again, so duplicates and out-of-order deliveries (``closed`` before ``created``) are
  harmless.
* **How a hold works in the ledger.** The disputed amount (shopper currency) is split over the payment's
  vendor orders by what remains paid on each (paid minus refunded, as ``payments.refunds`` counts it).
  Each vendor's share is its *net* for that order (sale, refunds, commission and its reversals, in the
  vendor's currency) × its part of the disputed amount ÷ what remains paid on the order, rounded once
  (``Money.allocate``, nearest). On opening, one ``dispute_hold`` entry (negative, that share) per vendor
  order, in the order's bucket (``available_at`` of its sale, like refunds): money not yet available never
  becomes payable while held; money already available stops being available; money already paid out
  becomes debt (``ledger.balances``' debt rule), recovered from the vendor's next earnings. So a payout
  run, which pays exactly ``available``, never includes disputed money. Closing writes, per hold, a
  ``dispute_release`` (positive, the same amount): when lost, also a ``dispute_loss`` (negative, the same
  amount, but at most what the vendor still earns on the order then: a refund made while the dispute was
  open already took its part), so the vendor's balance stays reduced for good and the ledger says why.
  A dispute first seen already closed writes only the ``dispute_loss`` (lost) or nothing (won). The
  platform bears the rest of a lost dispute (shipping, duty, tax, its commission share, Stripe's fee).
  A lost dispute is not a refund: ``Payment.refunded_minor`` and the order's payment status stay.
* **Refunds made outside the app** (``charge.refunded``; the object is a Charge). ``amount_refunded`` is
  Stripe's running total for the charge. What the app has already recorded is the sum of the payment's
  :class:`Refund` rows that did not fail, *including* refunds the app wrote but whose gateway call has not
  returned yet (``orders.refunds`` writes the row before calling Stripe, so Stripe's ``charge.refunded`` for an
  app refund always finds it). Only the difference is new: it is recorded once, split over the vendor
  orders by what remains paid, as one succeeded :class:`Refund` per vendor order (no lines,
  ``idempotency_key`` ``stripe-<charge>-<running total>-<vendor order>``), with the vendor's ``refund``
  entry and ``commission`` reversal in proportion to what remained of each (so refunding the rest reverses
  the order's sale and commission exactly), ``Payment.refunded_minor`` raised by it and ``on_refund``
  called with the vendor order and whether it is now refunded in full (it advances the payment status to
  ``partially_refunded`` or ``refunded``). A repeated or older event finds no
  difference and records nothing.
* Limits: a refund the app wrote whose Stripe call then failed for good stays counted as recorded (a
  pending ``Refund``); a refund Stripe later reports as failed is not given back; a dashboard refund has
  no lines, so a later line refund in the app is bounded only by what remains paid. Events for a payment
  that is not in the database (another integration's charge, or one not written yet) are ignored; so is
  a malformed object (nothing is stored; the outcome says ``ignored: …``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from marketplace.core import clock
from marketplace.core.db import immediate_scope
from marketplace.core.money import Money, sum_money
from marketplace.models import Dispute, LedgerEntry, Payment, Refund, VendorOrder
from marketplace.payments.gateway import GatewayError, from_provider_amount
from marketplace.payments.ledger import EntryKind, lock_vendor_order, order_available_at
from marketplace.payments.refunds import load_refund_context

DISPUTE_EVENTS = frozenset({
    "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
    "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
})
REFUND_EVENT = "charge.refunded"

OnRefund = Callable[[Session, VendorOrder, bool], None]  # (session, vendor order, refunded in full)


class DisputeState(StrEnum):
    """What the ledger did about a dispute (the ``state`` column)."""

    HELD = "held"  # open: the vendors' share is held out of their balances
    RELEASED = "released"  # closed in the merchant's favour: the hold was given back
    LOST = "lost"  # closed against the merchant: the vendors' share was taken for good


_RELEASED = frozenset({"won", "warning_closed", "prevented"})
_LOST = frozenset({"lost"})


def state_for(stripe_status: str) -> DisputeState:
    """The ledger state a Stripe dispute status calls for; an unknown status is treated as open.

    >>> state_for("needs_response"), state_for("won"), state_for("lost"), state_for("something_new")
    (<DisputeState.HELD: 'held'>, <DisputeState.RELEASED: 'released'>, <DisputeState.LOST: 'lost'>, <DisputeState.HELD: 'held'>)
    """
    if stripe_status in _LOST:
        return DisputeState.LOST
    if stripe_status in _RELEASED:
        return DisputeState.RELEASED
    return DisputeState.HELD


# -- pure maths -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderMoney:
    """One vendor order of a payment, as the hold and refund maths need it."""

    vendor_order_id: int
    vendor_id: int
    number: str
    remaining: Money  # shopper currency: what remains paid on the order (paid minus refunded)
    goods: Money  # vendor currency: sale plus refund entries (the goods the vendor still earns)
    commission: Money  # vendor currency, positive: commission the platform still keeps on the order

    @property
    def net(self) -> Money:
        """What the vendor still earns on the order."""
        return self.goods - self.commission


def split_over_orders(amount: Money, orders: Sequence[OrderMoney]) -> list[Money]:
    """``amount`` split over ``orders`` by what remains paid on each (largest remainder; exact sum).

    The amount is capped at the total remaining: no order ever gets more than remains paid on it.

    >>> o = lambda i, r: OrderMoney(i, i, "", Money(r, "EUR"), Money(0, "JPY"), Money(0, "JPY"))
    >>> [m.minor for m in split_over_orders(Money(100, "EUR"), [o(1, 300), o(2, 100)])]
    [75, 25]
    >>> [m.minor for m in split_over_orders(Money(999, "EUR"), [o(1, 300), o(2, 100)])]
    [300, 100]
    """
    weights = [max(o.remaining.minor, 0) for o in orders]
    if not weights or sum(weights) == 0 or amount.minor <= 0:
        return [Money.zero(amount.currency) for _ in orders]
    capped = min(amount, Money(sum(weights), amount.currency))
    return capped.allocate(weights)


def proportion(value: Money, part: Money, whole: Money) -> Money:
    """``value × part ÷ whole`` rounded to the nearest minor unit; all of it when ``part >= whole``.

    >>> proportion(Money(9600, "JPY"), Money(1000, "EUR"), Money(3000, "EUR"))
    Money(minor=3200, currency='JPY')
    >>> proportion(Money(8640, "JPY"), Money(5000, "EUR"), Money(5000, "EUR"))
    Money(minor=8640, currency='JPY')
    """
    if part.minor <= 0 or whole.minor <= 0 or value.minor == 0:
        return Money.zero(value.currency)
    if part >= whole:
        return value
    return value.allocate([part.minor, whole.minor - part.minor])[0]


def holds_for(amount: Money, orders: Sequence[OrderMoney]) -> list[Money]:
    """The vendor's share to hold per order (vendor currency, ≥ 0) for a dispute of ``amount``."""
    shares = split_over_orders(amount, orders)
    return [proportion(o.net, share, o.remaining) if o.net.minor > 0 else Money.zero(o.net.currency)
            for o, share in zip(orders, shares, strict=True)]


@dataclass(frozen=True, slots=True)
class OutsideRefund:
    """The ledger side of a refund made outside the app, for one vendor order."""

    order: OrderMoney
    amount: Money  # shopper currency: the order's part of the refund
    vendor_refund: Money  # vendor currency, positive: the ``refund`` entry is its negative
    commission_reversal: Money  # vendor currency, positive

    @property
    def full(self) -> bool:
        return self.amount >= self.order.remaining


def plan_outside_refund(amount: Money, orders: Sequence[OrderMoney]) -> list[OutsideRefund]:
    """Split a refund of ``amount`` over ``orders``; orders that get nothing are left out. Pure."""
    plans = []
    for order, share in zip(orders, split_over_orders(amount, orders), strict=True):
        if share.minor <= 0:
            continue
        goods = order.goods if order.goods.minor > 0 else Money.zero(order.goods.currency)
        commission = order.commission if order.commission.minor > 0 else Money.zero(order.commission.currency)
        plans.append(OutsideRefund(order, share, proportion(goods, share, order.remaining),
                                   proportion(commission, share, order.remaining)))
    return plans


# -- reading events ---------------------------------------------------------------------------------------


class Malformed(ValueError):
    """The event's object lacks a field this module needs, or has it in the wrong type."""


def _text(obj: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = obj.get(key)
    if isinstance(value, dict):  # an expanded object
        value = value.get("id")
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > 100:
        raise Malformed(f"{key} must be a non-empty string")
    return value


def _count(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Malformed(f"{key} must be a non-negative integer")
    return value


def _money(obj: dict[str, Any], key: str) -> Money:
    currency = _text(obj, "currency")
    try:
        return from_provider_amount(_count(obj, key), currency)
    except (GatewayError, ValueError, KeyError) as exc:
        raise Malformed(f"{key}: {exc}") from None


def _when(obj: dict[str, Any]) -> datetime:
    created = obj.get("created")
    if isinstance(created, int) and not isinstance(created, bool) and created > 0:
        return datetime.fromtimestamp(created, UTC)
    return clock.now()


# -- fetch ------------------------------------------------------------------------------------------------


def _locked_payment(session: Session, intent_id: str) -> Payment | None:
    return session.exec(select(Payment).where(Payment.external_id == intent_id).with_for_update()).first()


def _sums(session: Session, vendor_order_id: int) -> dict[str, int]:
    rows = session.exec(
        select(LedgerEntry.kind, func.sum(LedgerEntry.amount_minor))
        .where(LedgerEntry.vendor_order_id == vendor_order_id).group_by(LedgerEntry.kind)
    )
    return {kind: int(total or 0) for kind, total in rows}


def orders_of(session: Session, payment: Payment) -> list[OrderMoney]:
    """The payment's vendor orders that reached the ledger (a ``sale``), locked, in id order."""
    ids = session.exec(
        select(VendorOrder.id).where(VendorOrder.group_id == payment.group_id,
                                     VendorOrder.total_currency == payment.amount_currency)
        .order_by(VendorOrder.id)
    ).all()
    result = []
    for vendor_order_id in ids:
        order = lock_vendor_order(session, vendor_order_id)
        sums = _sums(session, order.id)
        if EntryKind.SALE not in sums:
            continue
        context = load_refund_context(session, order.id)
        vcur = context.vendor_currency
        refunded = context.refunded_total or Money.zero(context.currency)
        result.append(OrderMoney(
            vendor_order_id=order.id, vendor_id=order.vendor_id, number=order.number,
            remaining=context.total - refunded,
            goods=Money(sums[EntryKind.SALE] + sums.get(EntryKind.REFUND, 0), vcur),
            commission=Money(-sums.get(EntryKind.COMMISSION, 0), vcur),
        ))
    return result


# -- disputes ---------------------------------------------------------------------------------------------


def _entry(session: Session, order: OrderMoney, kind: EntryKind, amount: Money, dispute: Dispute) -> None:
    session.add(LedgerEntry(vendor_id=order.vendor_id, kind=kind, amount_minor=amount.minor,
                            amount_currency=amount.currency, vendor_order_id=order.vendor_order_id,
                            dispute_id=dispute.id, available_at=order_available_at(session, order.vendor_order_id),
                            memo=f"{kind.value.replace('_', ' ')} {order.number} ({dispute.external_id})"))


def _held(session: Session, dispute: Dispute) -> list[LedgerEntry]:
    return list(session.exec(select(LedgerEntry).where(LedgerEntry.dispute_id == dispute.id,
                                                       LedgerEntry.kind == EntryKind.DISPUTE_HOLD)
                             .order_by(LedgerEntry.id)))


def _close(session: Session, payment: Payment, dispute: Dispute, target: DisputeState, now: datetime) -> None:
    """Give every hold of ``dispute`` back (``dispute_release``); when lost, take it again for good, but
    never more than the vendor still earns on the order (a refund since the hold already took part of it)."""
    holds = _held(session, dispute)
    net = {o.vendor_order_id: o.net.minor for o in orders_of(session, payment)} if target == DisputeState.LOST else {}
    for hold in holds:
        kinds = [(EntryKind.DISPUTE_RELEASE, -hold.amount_minor)]
        loss = min(-hold.amount_minor, max(net.get(hold.vendor_order_id, 0), 0))
        if target == DisputeState.LOST and loss:
            kinds.append((EntryKind.DISPUTE_LOSS, -loss))
        for kind, minor in kinds:
            session.add(LedgerEntry(vendor_id=hold.vendor_id, kind=kind, amount_minor=minor,
                                    amount_currency=hold.amount_currency, vendor_order_id=hold.vendor_order_id,
                                    dispute_id=dispute.id, available_at=hold.available_at,
                                    memo=f"{kind.value.replace('_', ' ')} ({dispute.external_id})"))
    dispute.state, dispute.closed_at = target, now


def apply_dispute(session: Session, payment: Payment, obj: dict[str, Any]) -> str:
    """Bring the ledger in line with one Dispute object (module docstring); the caller commits."""
    dispute_id = _text(obj, "id")
    stripe_status = _text(obj, "status")
    target = state_for(stripe_status)
    now = clock.now()
    dispute = session.exec(select(Dispute).where(Dispute.external_id == dispute_id)).first()
    if dispute is None:
        amount = _money(obj, "amount")
        dispute = Dispute(payment_id=payment.id, external_id=dispute_id, charge_id=_text(obj, "charge", required=False),
                          amount_minor=amount.minor, amount_currency=amount.currency,
                          reason=str(obj.get("reason") or "")[:40], status=stripe_status[:32], state=DisputeState.HELD,
                          opened_at=_when(obj), updated_at=now)
        session.add(dispute)
        session.flush()
        orders = orders_of(session, payment)
        if amount.currency != payment.amount_currency:  # cannot be apportioned: hold everything remaining
            amount = sum_money((o.remaining for o in orders), payment.amount_currency)
        if target != DisputeState.RELEASED:
            kind = EntryKind.DISPUTE_HOLD if target == DisputeState.HELD else EntryKind.DISPUTE_LOSS
            for order, share in zip(orders, holds_for(amount, orders), strict=True):
                if share.minor:
                    _entry(session, order, kind, -share, dispute)
        if target != DisputeState.HELD:
            dispute.state, dispute.closed_at = target, now
        session.add(dispute)
        session.flush()
        return f"dispute {target.value}"
    if dispute.state != DisputeState.HELD:
        return "dispute already closed"
    dispute.status, dispute.updated_at = stripe_status[:32], now
    if target != DisputeState.HELD:
        _close(session, payment, dispute, target, now)
    session.add(dispute)
    session.flush()
    return f"dispute {target.value}" if target != DisputeState.HELD else "dispute still held"


# -- refunds made outside the app -------------------------------------------------------------------------


def recorded_refunds(session: Session, payment: Payment) -> Money:
    """What the app has recorded as refunded on ``payment``: its refunds that did not fail."""
    total = session.exec(
        select(func.coalesce(func.sum(Refund.amount_minor), 0))
        .where(Refund.payment_id == payment.id, Refund.status != "failed")
    ).one()
    return Money(int(total), payment.amount_currency)


def _latest_refund_id(obj: dict[str, Any], known: set[str]) -> str | None:
    """The newest refund id in the charge's ``refunds`` list that the app does not know (when Stripe sent
    the list: API versions since 2022-11-15 leave it out unless expanded)."""
    data = (obj.get("refunds") or {}).get("data") if isinstance(obj.get("refunds"), dict) else None
    ids = [r.get("id") for r in data or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
    fresh = [i for i in ids if i not in known and len(i) <= 100]
    return fresh[0] if fresh else None  # Stripe lists the newest first


def apply_outside_refund(session: Session, payment: Payment, obj: dict[str, Any], on_refund: OnRefund) -> str:
    """Record what a Charge's ``amount_refunded`` adds to the refunds already recorded; the caller commits."""
    charge_id = _text(obj, "id")
    refunded = _money(obj, "amount_refunded")
    if refunded.currency != payment.amount_currency:
        raise Malformed("the charge's currency is not the payment's")
    new = refunded - recorded_refunds(session, payment)
    if new.minor <= 0:
        return "refund already recorded"
    orders = orders_of(session, payment)
    plans = plan_outside_refund(new, orders)
    if not plans:
        return "refund has no order to reach"
    known = set(session.exec(select(Refund.external_id).where(Refund.payment_id == payment.id,
                                                              Refund.external_id.is_not(None))).all())  # type: ignore[union-attr]
    external_id = _latest_refund_id(obj, known) or charge_id
    for plan in plans:
        order = plan.order
        refund = Refund(payment_id=payment.id, vendor_order_id=order.vendor_order_id, amount_minor=plan.amount.minor,
                        amount_currency=plan.amount.currency, lines=[], status="succeeded", external_id=external_id,
                        reason="Refunded outside the app (Stripe dashboard)",
                        idempotency_key=f"stripe-{charge_id}-{refunded.minor}-{order.vendor_order_id}")
        session.add(refund)
        session.flush()
        available_at = order_available_at(session, order.vendor_order_id)
        for kind, amount, memo in ((EntryKind.REFUND, -plan.vendor_refund, "refund"),
                                   (EntryKind.COMMISSION, plan.commission_reversal, "commission reversal")):
            if amount.minor:
                session.add(LedgerEntry(vendor_id=order.vendor_id, kind=kind, amount_minor=amount.minor,
                                        amount_currency=amount.currency, vendor_order_id=order.vendor_order_id,
                                        refund_id=refund.id, available_at=available_at,
                                        memo=f"{memo} {order.number} (outside the app, {external_id})"))
        on_refund(session, session.get(VendorOrder, order.vendor_order_id), plan.full)
    payment.refunded_minor += sum(p.amount.minor for p in plans)
    payment.updated_at = clock.now()
    session.add(payment)
    session.flush()
    return "refund recorded"


# -- entry point ------------------------------------------------------------------------------------------


def process_charge_event(engine: Engine, event: dict[str, Any], *, on_refund: OnRefund) -> str:
    """Handle one ``charge.*`` Stripe event (module docstring); returns what happened, in a few words."""
    kind = event.get("type", "")
    if kind not in DISPUTE_EVENTS and kind != REFUND_EVENT:
        return "ignored"
    obj = (event.get("data") or {}).get("object")
    if not isinstance(obj, dict):
        return "ignored: malformed"
    try:
        intent_id = _text(obj, "payment_intent")
        with immediate_scope(engine) as session:
            payment = _locked_payment(session, intent_id)
            if payment is None:
                return "ignored: unknown payment"
            if kind == REFUND_EVENT:
                return apply_outside_refund(session, payment, obj, on_refund)
            return apply_dispute(session, payment, obj)
    except Malformed:
        return "ignored: malformed"

"""Commission: which rate applies to a sale, and the commission frozen on each order line at placement.

Contract:
    * :func:`choose_rate` is pure: given the candidate rules, the vendor's own override and the product's
      category chain (the category first, then its parent, up to the root), it returns the most specific
      rate. Precedence, most specific first:

      1. a :class:`CommissionRule` for this vendor *and* the category or its nearest ancestor;
      2. a :class:`CommissionRule` for this vendor with no category;
      3. the vendor's own ``Vendor.commission_bps`` override (set by staff on the vendor record);
      4. a rule for the category or its nearest ancestor (no vendor);
      5. the platform default rule (no vendor, no category);
      6. :data:`DEFAULT_RATE_BPS` (12 %) when no rule exists at all.

      Among rules of equal specificity, the one that took effect last wins (then the highest id). A rule
      applies on ``on`` when ``effective_from <= on < effective_to`` (no ``effective_to``: open-ended).
    * :func:`rate_for` fetches the candidates from the database, then calls :func:`choose_rate`.
    * :func:`freeze_commission` writes one :class:`CommissionLine` per order line, once (a second call
      returns the lines already frozen). Commission is charged **on the goods the vendor sold only**:
      ``vendor_unit_price × quantity`` in the vendor's own currency, times ``rate_bps / 10000``, rounded
      once per line half-up to the currency's minor unit. Shipping, duty, import tax and fees are never
      commissioned (they are passed through to carriers and customs, not earned by the vendor).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from sqlmodel import Session, or_, select

from marketplace.core import clock
from marketplace.core.errors import NotFound, ValidationError
from marketplace.core.money import Money, Rounding
from marketplace.models import (
    Category,
    CommissionLine,
    CommissionRule,
    OrderLine,
    Product,
    Variant,
    Vendor,
    VendorOrder,
)
from marketplace.payments.error_codes import PaymentErrorCode

DEFAULT_RATE_BPS = 1200
"""12 %: used only when the platform has no default rule at all."""

BPS = Decimal(10_000)
COMMISSION_ROUNDING = Rounding.HALF_UP
"""Commission per line is rounded once, half-up, to the vendor currency's minor unit."""


class CommissionSource(StrEnum):
    """Where a rate came from (most specific first)."""

    VENDOR_CATEGORY_RULE = "vendor_category_rule"  # a rule for this vendor in this category (or an ancestor)
    VENDOR_RULE = "vendor_rule"  # a rule for this vendor, any category
    VENDOR_OVERRIDE = "vendor_override"  # Vendor.commission_bps
    CATEGORY_RULE = "category_rule"  # a rule for the category or its nearest ancestor
    PLATFORM_RULE = "platform_rule"  # the platform default rule (no vendor, no category)
    MODULE_DEFAULT = "module_default"  # DEFAULT_RATE_BPS, no rule exists


class CommissionRate(NamedTuple):
    """``(rate_bps, rule_id, source)``; unpacks like a tuple."""

    rate_bps: int
    rule_id: int | None
    source: CommissionSource


@dataclass(frozen=True, slots=True)
class RuleView:
    """The parts of a :class:`CommissionRule` the precedence needs."""

    id: int
    rate_bps: int
    vendor_id: int | None
    category_id: int | None
    effective_from: datetime
    effective_to: datetime | None = None

    def applies_on(self, on: datetime) -> bool:
        on = clock.as_utc(on)
        if clock.as_utc(self.effective_from) > on:
            return False
        return self.effective_to is None or clock.as_utc(self.effective_to) > on


def _latest(rules: Iterable[RuleView]) -> RuleView | None:
    rules = list(rules)
    if not rules:
        return None
    return max(rules, key=lambda r: (clock.as_utc(r.effective_from), r.id))


def _nearest_category(rules: Sequence[RuleView], chain: Sequence[int]) -> RuleView | None:
    for category_id in chain:
        found = _latest(r for r in rules if r.category_id == category_id)
        if found is not None:
            return found
    return None


def choose_rate(
    rules: Iterable[RuleView],
    *,
    vendor_id: int,
    vendor_override_bps: int | None,
    category_chain: Sequence[int],
    on: datetime,
) -> CommissionRate:
    """The most specific commission rate (see the module docstring for the precedence).

    Args:
        rules: candidate rules (any vendor, any category; those not in force on ``on`` are ignored).
        vendor_id: the selling vendor.
        vendor_override_bps: ``Vendor.commission_bps`` (None: no override).
        category_chain: the product's category id, then its parent's, up to the root.
        on: the moment the rate is wanted for (the order's placement).
    """
    live = [r for r in rules if r.applies_on(on)]
    mine = [r for r in live if r.vendor_id == vendor_id]
    found = _nearest_category([r for r in mine if r.category_id is not None], category_chain)
    if found is not None:
        return CommissionRate(found.rate_bps, found.id, CommissionSource.VENDOR_CATEGORY_RULE)
    found = _latest(r for r in mine if r.category_id is None)
    if found is not None:
        return CommissionRate(found.rate_bps, found.id, CommissionSource.VENDOR_RULE)
    if vendor_override_bps is not None:
        return CommissionRate(vendor_override_bps, None, CommissionSource.VENDOR_OVERRIDE)
    platform = [r for r in live if r.vendor_id is None]
    found = _nearest_category([r for r in platform if r.category_id is not None], category_chain)
    if found is not None:
        return CommissionRate(found.rate_bps, found.id, CommissionSource.CATEGORY_RULE)
    found = _latest(r for r in platform if r.category_id is None)
    if found is not None:
        return CommissionRate(found.rate_bps, found.id, CommissionSource.PLATFORM_RULE)
    return CommissionRate(DEFAULT_RATE_BPS, None, CommissionSource.MODULE_DEFAULT)


def commission_on(goods: Money, rate_bps: int) -> Money:
    """``goods × rate_bps / 10000``, rounded half-up to the currency's minor unit.

    >>> commission_on(Money(3333, "EUR"), 1250)
    Money(minor=417, currency='EUR')
    """
    if isinstance(rate_bps, bool) or not isinstance(rate_bps, int) or not 0 <= rate_bps <= 10_000:
        raise ValueError(f"rate_bps must be an int between 0 and 10000, got {rate_bps!r}")
    return goods.multiply(Decimal(rate_bps) / BPS, COMMISSION_ROUNDING)


# -- fetch --------------------------------------------------------------------------------------------


def category_chain(session: Session, category_id: int | None) -> list[int]:
    """``[category_id, parent, grandparent, …]`` (cycle-safe); empty for no category."""
    chain: list[int] = []
    current = category_id
    while current is not None and current not in chain:
        chain.append(current)
        current = session.exec(select(Category.parent_id).where(Category.id == current)).first()
    return chain


def _candidate_rules(session: Session, vendor_id: int, chain: Sequence[int]) -> list[RuleView]:
    query = select(CommissionRule).where(
        or_(CommissionRule.vendor_id == vendor_id, CommissionRule.vendor_id.is_(None)),  # type: ignore[union-attr]
        or_(CommissionRule.category_id.is_(None), CommissionRule.category_id.in_(list(chain) or [-1])),  # type: ignore[union-attr]
    )
    return [
        RuleView(r.id, r.rate_bps, r.vendor_id, r.category_id, r.effective_from, r.effective_to)
        for r in session.exec(query)
    ]


def rate_for(session: Session, vendor_id: int, category_id: int | None, on: datetime) -> CommissionRate:
    """The commission rate for a vendor's product in ``category_id`` on ``on``.

    Raises:
        NotFound: the vendor does not exist.
    """
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound("We couldn't find that seller.", code=PaymentErrorCode.SELLER_NOT_FOUND, vendor_id=vendor_id)
    chain = category_chain(session, category_id)
    return choose_rate(
        _candidate_rules(session, vendor_id, chain),
        vendor_id=vendor_id,
        vendor_override_bps=vendor.commission_bps,
        category_chain=chain,
        on=on,
    )


def _line_category(session: Session, line: OrderLine) -> int | None:
    if line.variant_id is None:
        return None
    query = select(Product.category_id).join(Variant, Variant.product_id == Product.id).where(
        Variant.id == line.variant_id
    )
    return session.exec(query).first()


def freeze_commission(session: Session, vendor_order: VendorOrder) -> list[CommissionLine]:
    """Freeze the commission of every line of ``vendor_order`` (once; a second call returns the same lines).

    Each line's commission is on its goods only (vendor unit price × quantity, vendor currency), at the
    rate in force when the vendor order was created. A line whose variant was deleted since gets the
    vendor's or the platform's rate (no category).
    """
    existing = list(
        session.exec(
            select(CommissionLine)
            .where(CommissionLine.vendor_order_id == vendor_order.id)
            .order_by(CommissionLine.order_line_id)
        )
    )
    if existing:
        return existing
    lines = list(
        session.exec(select(OrderLine).where(OrderLine.vendor_order_id == vendor_order.id).order_by(OrderLine.id))
    )
    if not lines:
        raise ValidationError("This order has no lines to charge commission on.", code=PaymentErrorCode.NO_ORDER_LINES,
                              vendor_order_id=vendor_order.id)
    frozen: list[CommissionLine] = []
    for line in lines:
        rate = rate_for(session, vendor_order.vendor_id, _line_category(session, line), vendor_order.created_at)
        goods = Money(line.vendor_unit_price_minor, line.vendor_unit_price_currency) * line.quantity
        amount = commission_on(goods, rate.rate_bps)
        row = CommissionLine(
            vendor_order_id=vendor_order.id,
            order_line_id=line.id,
            rule_id=rate.rule_id,
            rate_bps=rate.rate_bps,
            amount_minor=amount.minor,
            amount_currency=amount.currency,
        )
        session.add(row)
        frozen.append(row)
    session.flush()
    return frozen

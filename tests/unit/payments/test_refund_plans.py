"""Refund plans: pure arithmetic over a loaded vendor order (given / when / then)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.payments.refunds import LineView, RefundedLine, VendorOrderView, plan_refund


def eur(minor: int) -> Money:
    return Money(minor, "EUR")


def jpy(minor: int) -> Money:
    return Money(minor, "JPY")


def order(lines, shipping=eur(999), refunded=None, refunded_shipping=None, refunded_total=None):
    lines = tuple(lines)
    total = shipping
    for line in lines:
        total = total + line.goods + line.duty + line.tax
    return VendorOrderView(id=1, vendor_id=1, group_id=1, currency="EUR", vendor_currency="JPY",
                           shipping=shipping, total=total, lines=lines, refunded=refunded or {},
                           refunded_shipping=refunded_shipping, refunded_total=refunded_total)


# a Japanese seller: 3 mugs at 20.00 EUR (¥3,200 each), 1 teapot at 55.55 EUR (¥8,900)
MUGS = LineView(id=11, quantity=3, unit_price=eur(2000), duty=eur(100), tax=eur(1301),
                vendor_unit_price=jpy(3200), commission=jpy(1152), fx_rate=Decimal("0.00625"))
TEAPOT = LineView(id=12, quantity=1, unit_price=eur(5555), duty=eur(0), tax=eur(1111),
                  vendor_unit_price=jpy(8900), commission=jpy(1068), fx_rate=Decimal("0.00624"))


def test_partial_refund_gives_back_goods_and_the_units_share_of_duty_and_tax_but_no_shipping():
    plan = plan_refund(order([MUGS, TEAPOT]), [(11, 1)], include_shipping=False)
    (line,) = plan.lines
    assert line.goods == eur(2000)
    assert line.duty == eur(33)  # 100 / 3 = 33.33
    assert line.tax == eur(434)  # 1301 / 3 = 433.67 -> 434 (half-up)
    assert plan.shipping == eur(0)
    assert plan.total == eur(2000 + 33 + 434)
    assert plan.vendor_refund == jpy(3200)
    assert plan.commission_reversal == jpy(384)  # 1152 / 3
    assert not plan.full


def test_include_shipping_adds_the_refunded_units_share_of_shipping():
    plan = plan_refund(order([MUGS, TEAPOT]), [(11, 1)], include_shipping=True)
    # shipping 9.99 split by goods value 6000 : 5555 -> 5187 : 4812 ... then one mug of three
    assert plan.shipping == eur(173)
    assert plan.total == eur(2000 + 33 + 434 + 173)
    assert plan.lines[0].shipping == eur(173)


def test_full_refund_in_one_go_returns_exactly_what_was_paid_and_reverses_all_commission():
    o = order([MUGS, TEAPOT])
    plan = plan_refund(o, [(11, 3), (12, 1)])
    assert plan.full
    assert plan.total == o.total
    assert plan.shipping == eur(999)
    assert plan.vendor_refund == jpy(3 * 3200 + 8900)
    assert plan.commission_reversal == jpy(1152 + 1068)


def refunded_after(o, plans):
    """The RefundedLine map and totals after applying ``plans`` (what load_refund_context would read)."""
    refunded = dict(o.refunded)
    shipping = o.refunded_shipping or eur(0)
    total = o.refunded_total or eur(0)
    for plan in plans:
        for p in plan.lines:
            before = refunded.get(p.order_line_id, RefundedLine())
            refunded[p.order_line_id] = RefundedLine(
                before.quantity + p.quantity, before.duty_minor + p.duty.minor, before.tax_minor + p.tax.minor,
                before.commission_minor + p.commission_reversal.minor)
        shipping = shipping + plan.shipping
        total = total + plan.total
    return order(o.lines, o.shipping, refunded, shipping, total)


def test_refunding_unit_by_unit_adds_up_to_the_whole_to_the_minor_unit():
    o = order([MUGS, TEAPOT])
    plans = []
    for request in ([(11, 1)], [(11, 1)], [(12, 1)], [(11, 1)]):
        plans.append(plan_refund(o, request, include_shipping=False))
        o = refunded_after(order([MUGS, TEAPOT]), plans)
    assert plans[-1].full
    assert sum(p.total.minor for p in plans) == order([MUGS, TEAPOT]).total.minor
    assert sum(p.commission_reversal.minor for p in plans) == 1152 + 1068
    assert sum(p.vendor_refund.minor for p in plans) == 3 * 3200 + 8900
    assert [p.shipping.minor for p in plans] == [0, 0, 0, 999]  # the last one closes the order


def test_more_units_than_remain_are_refused():
    o = refunded_after(order([MUGS, TEAPOT]), [plan_refund(order([MUGS, TEAPOT]), [(11, 2)])])
    with pytest.raises(ValidationError) as err:
        plan_refund(o, [(11, 2)])
    assert err.value.message == "Only %(remaining)s units of this line can still be refunded."
    assert err.value.params["remaining"] == 1


@pytest.mark.parametrize(("request_lines", "message"), [
    ([(99, 1)], "That line is not part of this order."),
    ([(11, 0)], "Choose how many units to refund: a whole number of at least 1."),
    ([(11, -1)], "Choose how many units to refund: a whole number of at least 1."),
    ([(11, 1), (11, 1)], "Each line can be refunded once per request."),
    ([(11, 4)], "Only %(remaining)s units of this line can still be refunded."),
    ([], "There is nothing left to refund."),
])
def test_bad_requests_are_refused(request_lines, message):
    with pytest.raises(ValidationError) as err:
        plan_refund(order([MUGS, TEAPOT]), request_lines)
    assert err.value.message == message


def test_a_plan_above_what_remains_paid_is_refused():
    # the books say almost everything was already refunded (e.g. a goodwill refund outside lines)
    o = order([MUGS, TEAPOT])
    o = order(o.lines, o.shipping, refunded_total=o.total - eur(100))
    with pytest.raises(ValidationError) as err:
        plan_refund(o, [(11, 1)])
    assert err.value.message == "The refund (%(asked)s) is more than what remains paid (%(remaining)s)."


@given(
    quantities=st.lists(st.integers(1, 7), min_size=1, max_size=4),
    prices=st.lists(st.integers(0, 100_000), min_size=4, max_size=4),
    duties=st.lists(st.integers(0, 5_000), min_size=4, max_size=4),
    taxes=st.lists(st.integers(0, 9_999), min_size=4, max_size=4),
    shipping=st.integers(0, 10_000),
    seed=st.randoms(use_true_random=False),
    with_shipping=st.booleans(),
)
def test_any_sequence_of_partial_refunds_sums_exactly_to_the_order(quantities, prices, duties, taxes, shipping,
                                                                   seed, with_shipping):
    lines = [LineView(id=i + 1, quantity=q, unit_price=eur(prices[i]), duty=eur(duties[i]), tax=eur(taxes[i]),
                      vendor_unit_price=jpy(prices[i] * 3), commission=jpy(prices[i] * q * 3 // 10))
             for i, q in enumerate(quantities)]
    base = order(lines, shipping=eur(shipping))
    remaining = {line.id: line.quantity for line in lines}
    plans, current = [], base
    while any(remaining.values()):
        line_id = seed.choice([k for k, v in remaining.items() if v])
        qty = seed.randint(1, remaining[line_id])
        try:
            plan = plan_refund(current, [(line_id, qty)], include_shipping=with_shipping)
        except ValidationError as err:  # only a zero-value refund (free goods, nothing else) is refused
            assert err.message == "There is nothing left to refund."
            plan = None
        remaining[line_id] -= qty
        if plan is not None:
            assert plan.total.minor >= 0 and plan.shipping.minor >= 0
            assert all(p.duty.minor >= 0 and p.tax.minor >= 0 and p.commission_reversal.minor >= 0
                       for p in plan.lines)
            plans.append(plan)
            current = refunded_after(base, plans)
        else:  # record the units as refunded with zero amounts
            before = current.refunded.get(line_id, RefundedLine())
            refunded = {**current.refunded, line_id: RefundedLine(before.quantity + qty, before.duty_minor,
                                                                  before.tax_minor, before.commission_minor)}
            current = order(base.lines, base.shipping, refunded, current.refunded_shipping,
                            current.refunded_total)
    assert sum(p.total.minor for p in plans) == base.total.minor
    assert sum(p.commission_reversal.minor for p in plans) == sum(line.commission.minor for line in lines)

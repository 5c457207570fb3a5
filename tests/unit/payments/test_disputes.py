"""The pure parts of disputes and outside refunds: which Stripe status holds, releases or loses, and how an
amount is split over vendor orders and turned into each vendor's share, to the minor unit."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.money import Money
from marketplace.payments import disputes
from marketplace.payments.disputes import (
    DisputeState,
    OrderMoney,
    holds_for,
    plan_outside_refund,
    proportion,
    split_over_orders,
    state_for,
)


def _order(i: int, remaining: int, goods: int = 9600, commission: int = 960) -> OrderMoney:
    return OrderMoney(i, 100 + i, f"MV-{i}", Money(remaining, "EUR"), Money(goods, "JPY"), Money(commission, "JPY"))


def test_the_module_examples_hold():
    assert doctest.testmod(disputes).failed == 0


@pytest.mark.parametrize("status, state", [
    ("warning_needs_response", DisputeState.HELD), ("warning_under_review", DisputeState.HELD),
    ("needs_response", DisputeState.HELD), ("under_review", DisputeState.HELD),
    ("appeal_needs_response", DisputeState.HELD), ("appeal_under_review", DisputeState.HELD),
    ("won", DisputeState.RELEASED), ("warning_closed", DisputeState.RELEASED), ("prevented", DisputeState.RELEASED),
    ("lost", DisputeState.LOST), ("a_status_stripe_adds_later", DisputeState.HELD), ("", DisputeState.HELD),
])
def test_every_stripe_status_has_a_ledger_state_and_unknown_ones_hold(status, state):
    assert state_for(status) is state


def test_a_full_dispute_holds_the_vendors_whole_net_on_each_order():
    orders = [_order(1, 6000), _order(2, 2000, goods=5000, commission=500)]
    assert holds_for(Money(8000, "EUR"), orders) == [Money(8640, "JPY"), Money(4500, "JPY")]


def test_a_partial_dispute_is_split_by_what_remains_paid_then_in_proportion():
    orders = [_order(1, 6000), _order(2, 2000, goods=5000, commission=500)]
    # 2000 EUR of 8000: 1500 on the first order (a quarter of it), 500 on the second (a quarter)
    assert holds_for(Money(2000, "EUR"), orders) == [Money(2160, "JPY"), Money(1125, "JPY")]


def test_nothing_is_held_from_a_vendor_who_no_longer_earns_anything_on_the_order():
    assert holds_for(Money(1000, "EUR"), [_order(1, 1000, goods=0, commission=0)]) == [Money(0, "JPY")]
    assert holds_for(Money(1000, "EUR"), [_order(1, 1000, goods=100, commission=200)]) == [Money(0, "JPY")]


def test_a_dispute_larger_than_what_remains_paid_holds_no_more_than_the_net():
    assert holds_for(Money(99_999, "EUR"), [_order(1, 5000)]) == [Money(8640, "JPY")]


def test_split_is_exact_and_never_gives_an_order_more_than_remains_on_it():
    parts = split_over_orders(Money(1001, "EUR"), [_order(1, 1), _order(2, 1), _order(3, 0), _order(4, 1)])
    assert [p.minor for p in parts] == [1, 1, 0, 1]
    parts = split_over_orders(Money(100, "EUR"), [_order(1, 100), _order(2, 200)])
    assert sum(p.minor for p in parts) == 100 and [p.minor for p in parts] == [33, 67]


def test_zero_amounts_and_orders_with_nothing_left_get_nothing():
    assert split_over_orders(Money(0, "EUR"), [_order(1, 100)]) == [Money(0, "EUR")]
    assert split_over_orders(Money(50, "EUR"), [_order(1, 0)]) == [Money(0, "EUR")]
    assert split_over_orders(Money(50, "EUR"), []) == []
    assert proportion(Money(100, "JPY"), Money(0, "EUR"), Money(10, "EUR")) == Money(0, "JPY")
    assert proportion(Money(100, "JPY"), Money(5, "EUR"), Money(0, "EUR")) == Money(0, "JPY")


def test_an_outside_refund_reverses_goods_and_commission_in_proportion_and_all_of_them_when_full():
    orders = [_order(1, 6000), _order(2, 2000, goods=5000, commission=500)]
    partial = plan_outside_refund(Money(2000, "EUR"), orders)
    assert [(p.amount, p.vendor_refund, p.commission_reversal, p.full) for p in partial] == [
        (Money(1500, "EUR"), Money(2400, "JPY"), Money(240, "JPY"), False),
        (Money(500, "EUR"), Money(1250, "JPY"), Money(125, "JPY"), False),
    ]
    full = plan_outside_refund(Money(8000, "EUR"), orders)
    assert [(p.vendor_refund, p.commission_reversal, p.full) for p in full] == [
        (Money(9600, "JPY"), Money(960, "JPY"), True), (Money(5000, "JPY"), Money(500, "JPY"), True)]


def test_orders_that_get_no_part_of_an_outside_refund_are_left_out():
    assert [p.order.vendor_order_id for p in plan_outside_refund(Money(1, "EUR"), [_order(1, 0), _order(2, 5)])] == [2]


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=5), st.integers(0, 10**10),
       st.integers(0, 10**8), st.integers(0, 10**7))
def test_holds_never_exceed_the_net_and_refunds_in_steps_reverse_exactly_the_goods(remainings, amount, goods, fee):
    orders = [_order(i, r, goods, fee) for i, r in enumerate(remainings)]
    for order, hold in zip(orders, holds_for(Money(amount, "EUR"), orders), strict=True):
        assert 0 <= hold.minor <= max(order.net.minor, 0)
    # refund one order's remaining amount in two steps: the vendor's goods and commission come back exactly
    order = orders[0]
    first = plan_outside_refund(Money(order.remaining.minor // 2, "EUR"), [order])
    reversed_goods = sum(p.vendor_refund.minor for p in first)
    reversed_fee = sum(p.commission_reversal.minor for p in first)
    after = OrderMoney(order.vendor_order_id, order.vendor_id, order.number,
                       order.remaining - sum((p.amount for p in first), Money(0, "EUR")),
                       order.goods - Money(reversed_goods, "JPY"), order.commission - Money(reversed_fee, "JPY"))
    second = plan_outside_refund(after.remaining, [after])
    if order.remaining.minor:
        assert reversed_goods + sum(p.vendor_refund.minor for p in second) == goods
        assert reversed_fee + sum(p.commission_reversal.minor for p in second) == fee

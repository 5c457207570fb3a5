"""Commission precedence: the most specific rule wins (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.core.money import Money
from marketplace.payments.commission import (
    DEFAULT_RATE_BPS,
    CommissionSource,
    RuleView,
    choose_rate,
    commission_on,
)

ON = datetime(2025, 6, 1, tzinfo=UTC)
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
VENDOR, OTHER_VENDOR = 7, 8
SHOES, CLOTHING, ROOT = 30, 20, 10  # shoes ⊂ clothing ⊂ root
CHAIN = [SHOES, CLOTHING, ROOT]

PLATFORM = RuleView(1, 1000, None, None, LONG_AGO)
ROOT_RULE = RuleView(2, 900, None, ROOT, LONG_AGO)
CLOTHING_RULE = RuleView(3, 800, None, CLOTHING, LONG_AGO)
VENDOR_RULE = RuleView(4, 700, VENDOR, None, LONG_AGO)
VENDOR_CLOTHING = RuleView(5, 600, VENDOR, CLOTHING, LONG_AGO)
OTHER_VENDOR_RULE = RuleView(6, 100, OTHER_VENDOR, None, LONG_AGO)


def rate(rules, override=None, chain=CHAIN, on=ON):
    return choose_rate(rules, vendor_id=VENDOR, vendor_override_bps=override, category_chain=chain, on=on)


def test_no_rule_at_all_gives_the_module_default():
    assert rate([]) == (DEFAULT_RATE_BPS, None, CommissionSource.MODULE_DEFAULT)


def test_platform_default_rule_beats_module_default():
    assert rate([PLATFORM]) == (1000, 1, CommissionSource.PLATFORM_RULE)


def test_nearest_ancestor_category_rule_wins_over_farther_ones_and_platform():
    assert rate([PLATFORM, ROOT_RULE, CLOTHING_RULE]) == (800, 3, CommissionSource.CATEGORY_RULE)
    assert rate([PLATFORM, ROOT_RULE]) == (900, 2, CommissionSource.CATEGORY_RULE)


def test_vendor_override_beats_category_rules():
    assert rate([PLATFORM, CLOTHING_RULE], override=1500) == (1500, None, CommissionSource.VENDOR_OVERRIDE)


def test_a_zero_override_is_an_override():
    assert rate([PLATFORM], override=0) == (0, None, CommissionSource.VENDOR_OVERRIDE)


def test_vendor_rule_beats_vendor_override_and_vendor_category_rule_beats_all():
    rules = [PLATFORM, CLOTHING_RULE, VENDOR_RULE]
    assert rate(rules, override=1500) == (700, 4, CommissionSource.VENDOR_RULE)
    assert rate([*rules, VENDOR_CLOTHING], override=1500) == (600, 5, CommissionSource.VENDOR_CATEGORY_RULE)


def test_another_vendors_rule_never_applies():
    assert rate([PLATFORM, OTHER_VENDOR_RULE]) == (1000, 1, CommissionSource.PLATFORM_RULE)


def test_rules_outside_their_dates_are_ignored_and_the_latest_wins():
    expired = RuleView(9, 500, None, None, LONG_AGO, effective_to=datetime(2025, 1, 1, tzinfo=UTC))
    future = RuleView(10, 400, None, None, datetime(2026, 1, 1, tzinfo=UTC))
    newer = RuleView(11, 1100, None, None, datetime(2024, 1, 1, tzinfo=UTC))
    assert rate([PLATFORM, expired, future, newer]) == (1100, 11, CommissionSource.PLATFORM_RULE)
    assert rate([expired]) == (DEFAULT_RATE_BPS, None, CommissionSource.MODULE_DEFAULT)


def test_product_without_category_skips_category_rules():
    assert rate([PLATFORM, CLOTHING_RULE], chain=[]) == (1000, 1, CommissionSource.PLATFORM_RULE)


@pytest.mark.parametrize(("goods", "bps", "expected"), [
    (Money(10000, "EUR"), 1200, Money(1200, "EUR")),
    (Money(3333, "EUR"), 1250, Money(417, "EUR")),  # 416.625 -> 417 half-up
    (Money(2990, "JPY"), 1050, Money(314, "JPY")),  # 313.95 -> 314
    (Money(1, "KWD"), 5000, Money(1, "KWD")),  # 0.5 -> 1 half-up
    (Money(999, "EUR"), 0, Money(0, "EUR")),
])
def test_commission_is_rounded_half_up_in_the_vendor_currency(goods, bps, expected):
    assert commission_on(goods, bps) == expected


@pytest.mark.parametrize("bad", [-1, 10001, 12.5, True])
def test_commission_rate_out_of_range_is_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        commission_on(Money(100, "EUR"), bad)

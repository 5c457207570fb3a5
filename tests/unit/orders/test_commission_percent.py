"""orders.commission_rules.parse_percent: a percentage with at most two decimals, 0 to 50, to basis points."""

from __future__ import annotations

import pytest

from marketplace.core.errors import ValidationError
from marketplace.orders.commission_rules import parse_percent
from marketplace.payments.error_codes import PaymentErrorCode


@pytest.mark.parametrize(("text", "bps"), [("0", 0), ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("7,25", 725),
                                           ("50", 5000), (" 9.99 % ", 999), ("0.01", 1)])
def test_percentages_become_basis_points(text, bps):
    assert parse_percent(text) == bps


@pytest.mark.parametrize("text", ["50.01", "-1", "12.345", "", "abc", "1e2", "NaN", "Infinity", "123456789",
                                  12, 12.5, None])
def test_anything_else_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        parse_percent(text)
    assert refused.value.code == PaymentErrorCode.COMMISSION_RATE_INVALID

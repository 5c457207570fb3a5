"""The pure rules of a return request: which lines and units may be asked for, what the refund says about
shipping (the EU withdrawal right) and about import duty and VAT (DDP refunded, DAP reclaimed)."""

from __future__ import annotations

import pytest

from marketplace.core.errors import ValidationError
from marketplace.core.money import Money
from marketplace.orders.error_codes import ReturnErrorCode
from marketplace.orders.returns_money import duty_note, withdrawal_applies
from marketplace.orders.returns_request import RequestedLine, check_lines
from marketplace.orders.returns_status import OPEN, can_move

REMAINING = {10: 2, 11: 1}


def _code(lines) -> str:
    with pytest.raises(ValidationError) as refused:
        check_lines(lines, REMAINING)
    return refused.value.problem.code


def test_chosen_lines_skip_zero_units_and_keep_the_reason_and_note():
    chosen = check_lines([{"order_line_id": 10, "quantity": 2, "reason": "damaged", "note": " cracked "},
                          {"order_line_id": 11, "quantity": 0, "reason": ""}], REMAINING)
    assert chosen == [RequestedLine(10, 2, "damaged", "cracked")]


@pytest.mark.parametrize(("lines", "code"), [
    ([], ReturnErrorCode.NOTHING_CHOSEN),
    ([{"order_line_id": 11, "quantity": 0, "reason": "damaged"}], ReturnErrorCode.NOTHING_CHOSEN),
    ([{"order_line_id": 10, "quantity": 3, "reason": "damaged"}], ReturnErrorCode.QUANTITY_EXCEEDED),
    ([{"order_line_id": 99, "quantity": 1, "reason": "damaged"}], ReturnErrorCode.LINE_INVALID),
    ([{"order_line_id": 10, "quantity": 1, "reason": "damaged"}] * 2, ReturnErrorCode.LINE_INVALID),
    ([{"order_line_id": 10, "quantity": True, "reason": "damaged"}], ReturnErrorCode.LINE_INVALID),
    ([{"order_line_id": 10, "quantity": -1, "reason": "damaged"}], ReturnErrorCode.LINE_INVALID),
    ([{"order_line_id": 10, "quantity": 1, "reason": "because"}], ReturnErrorCode.REASON_REQUIRED),
    ([{"order_line_id": 10, "quantity": 1, "reason": "damaged", "note": "x" * 501}], ReturnErrorCode.REASON_REQUIRED),
    ("10:1", ReturnErrorCode.LINE_INVALID),
])
def test_malformed_or_excessive_requests_are_refused(lines, code):
    assert _code(lines) == code


def test_the_eu_withdrawal_right_follows_the_delivery_country():
    assert withdrawal_applies("DE") and withdrawal_applies("fr")
    assert not withdrawal_applies("US") and not withdrawal_applies("GB") and not withdrawal_applies("")


def test_the_duty_note_follows_the_incoterm_and_what_was_charged():
    assert duty_note("DDP", Money(1570, "EUR"), "EU_IOSS", "DE").kind == "ddp_refunded"
    assert duty_note("DAP", Money(405, "USD"), None, "US").kind == "dap_reclaim"
    assert duty_note("DDP", Money(0, "EUR"), None, "FR").kind == "none"


def test_moves_go_forward_and_open_statuses_are_the_unfinished_ones():
    assert can_move("requested", "approved") and can_move("received", "refunded")
    assert not can_move("declined", "approved") and not can_move("refunded", "received")
    assert not can_move("requested", "received")
    assert {"requested", "approved", "in_transit", "received"} == OPEN

"""The desk's first-response timer: 24 hours from the customer's first message to the first staff reply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from marketplace.support.sla import TARGET, SlaState, duration_parts, first_response

ASKED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_nothing_from_the_customer_starts_no_timer():
    sla = first_response(None, None, ASKED)
    assert (sla.state, sla.seconds, sla.deadline) == (SlaState.NONE, 0, None)


def test_an_unanswered_thread_shows_the_time_left_until_24_hours():
    sla = first_response(ASKED, None, ASKED + timedelta(hours=20, minutes=30))
    assert (sla.state, sla.seconds, sla.deadline) == (SlaState.DUE, 3 * 3600 + 1800, ASKED + TARGET)
    assert not sla.overdue


def test_exactly_at_the_deadline_it_is_still_due_and_a_second_later_overdue():
    assert first_response(ASKED, None, ASKED + TARGET).state is SlaState.DUE
    late = first_response(ASKED, None, ASKED + TARGET + timedelta(seconds=1))
    assert (late.state, late.seconds, late.overdue) == (SlaState.OVERDUE, 1, True)


def test_an_answer_within_24_hours_meets_the_target_and_stops_the_clock():
    sla = first_response(ASKED, ASKED + timedelta(hours=2), ASKED + timedelta(days=5))
    assert (sla.state, sla.seconds) == (SlaState.MET, 7200)


def test_an_answer_after_24_hours_is_late_however_long_ago():
    sla = first_response(ASKED, ASKED + timedelta(hours=30), ASKED + timedelta(days=5))
    assert (sla.state, sla.seconds, sla.overdue) == (SlaState.LATE, 30 * 3600, False)


def test_a_staff_message_before_the_customer_wrote_does_not_stop_the_clock():
    sla = first_response(ASKED, ASKED - timedelta(hours=1), ASKED + timedelta(hours=1))
    assert (sla.state, sla.seconds) == (SlaState.DUE, 23 * 3600)


@pytest.mark.parametrize(("seconds", "parts"), [(0, (0, 0, 0)), (59, (0, 0, 0)), (3600, (0, 1, 0)),
                                                 (93_780, (1, 2, 3)), (-5, (0, 0, 0))])
def test_durations_split_into_days_hours_minutes(seconds, parts):
    assert duration_parts(seconds) == parts

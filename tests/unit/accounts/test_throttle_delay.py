"""The throttle's delay curve and how the wait reads to a person."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.accounts.throttle import MAX_DELAY, delay_after, seconds
from marketplace.core.formatting import format_wait


@pytest.mark.parametrize("failures, expected", [(0, 0), (4, 0), (5, 1), (6, 2), (9, 16), (14, 512), (15, 900),
                                                (10_000, 900)])
def test_delays_double_after_the_free_attempts_and_stop_at_fifteen_minutes(failures, expected):
    assert delay_after(failures, 5) == timedelta(seconds=expected)
    assert delay_after(failures, 5) <= MAX_DELAY


def test_the_wait_is_rounded_up_to_whole_seconds():
    assert seconds(timedelta(milliseconds=1)) == 1 and seconds(timedelta(seconds=1.2)) == 2


@pytest.mark.parametrize("wait, lang, text", [(1, "en", "1 second"), (59, "de", "59 Sekunden"), (61, "en", "2 minutes"),
                                              (900, "de", "15 Minuten"), (0, "en", "1 second")])
def test_the_wait_reads_naturally(wait, lang, text):
    assert format_wait(wait, lang) == text

"""The desk's timer badge in words, in the reader's language."""

from __future__ import annotations

from marketplace.present.support_desk import sla_colour, sla_text
from marketplace.support.sla import Sla, SlaState


def test_the_badge_says_time_left_overdue_or_how_fast_it_was_answered():
    assert sla_text(Sla(SlaState.DUE, 5 * 3600 + 12 * 60, None), "en") == "5 h 12 min left to answer"
    assert sla_text(Sla(SlaState.OVERDUE, 26 * 3600, None), "en") == "Overdue by 1 d 2 h"
    assert sla_text(Sla(SlaState.MET, 35 * 60, None), "en") == "Answered in 35 min"
    assert sla_text(Sla(SlaState.NONE, 0, None), "en") == ""
    assert (sla_colour(Sla(SlaState.OVERDUE, 1, None)), sla_colour(Sla(SlaState.MET, 1, None))) == ("red", "grass")


def test_the_badge_speaks_german_to_a_german_reader():
    assert sla_text(Sla(SlaState.OVERDUE, 2 * 3600, None), "de") == "Seit 2 Std. 0 Min. überfällig"

"""Pure pieces of the seller's money page and statement: the month filter, CSV-injection safety, the month list
and the commission percentage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace.core.csv_cells import safe_cell
from marketplace.core.errors import ValidationError
from marketplace.present.seller_money import month_choices, percent
from marketplace.vendors.money import month_bounds


def test_a_month_spans_to_the_first_of_the_next_one_across_the_year_end():
    assert month_bounds("2026-12") == (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert month_bounds("2027-02")[1] == datetime(2027, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize("month", ["2026-00", "2026-13", "26-12", "2026-1", "2026/12", "1999-12", " 2026-12", 202612,
                                   None, "2026-12\n"])
def test_anything_but_yyyy_mm_is_refused(month):
    with pytest.raises(ValidationError) as refused:
        month_bounds(month)
    assert refused.value.field == "month"


@pytest.mark.parametrize(("text", "shown"), [("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-5", "'-5"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("sale MRD-1", "sale MRD-1"),
                                             ("", "")])
def test_cells_that_a_spreadsheet_would_run_are_quoted(text, shown):
    assert safe_cell(text) == shown


def test_month_list_is_all_then_the_last_twelve_newest_first_in_the_language():
    choices = month_choices("de", datetime(2026, 1, 15, tzinfo=UTC))
    assert choices[0] == ("", "Alle Monate")
    assert [key for key, _ in choices[1:4]] == ["2026-01", "2025-12", "2025-11"]
    assert choices[1][1] == "Januar 2026" and len(choices) == 13


def test_commission_shows_as_a_percentage():
    assert percent(850, "en") == "8.5%" and percent(1200, "de") == "12\xa0%"

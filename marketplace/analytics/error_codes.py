"""Error codes the analytics domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class AnalyticsErrorCode(StrEnum):
    RANGE_INVALID = "range_invalid"  # a preset outside the list, or a date that is not YYYY-MM-DD
    RANGE_REVERSED = "range_reversed"  # the "from" date lies after the "to" date
    RANGE_TOO_LONG = "range_too_long"  # more days than figures.MAX_DAYS in one range
    RANGE_OUT_OF_BOUNDS = "range_out_of_bounds"  # a date before figures.EARLIEST or after tomorrow

"""The support desk's first-response timer (pure: no database, no clock of its own).

Contract:
- The clock starts at the customer's first message and stops at the first staff reply after it; the target is
  :data:`TARGET` (24 hours: the "24-hour customer service" promise).
- :func:`first_response` returns an :class:`Sla`: ``state`` is
    * ``none``: no customer message yet (nothing to answer);
    * ``due``: not answered, the deadline not passed; ``seconds`` = time left;
    * ``overdue``: not answered, the deadline passed; ``seconds`` = time past the deadline;
    * ``met``: answered within the target; ``seconds`` = time taken;
    * ``late``: answered after the target; ``seconds`` = time taken.
  ``deadline`` is the first customer message + target (None for ``none``). Seconds are whole, never negative.
- A staff reply before the customer's first message (it cannot start the clock) is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

TARGET = timedelta(hours=24)


class SlaState(StrEnum):
    NONE = "none"  # nothing from the customer yet
    DUE = "due"  # waiting for the first staff reply, within the target
    OVERDUE = "overdue"  # waiting for the first staff reply, past the target
    MET = "met"  # first reply within the target
    LATE = "late"  # first reply after the target


@dataclass(frozen=True)
class Sla:
    state: SlaState
    seconds: int
    deadline: datetime | None

    @property
    def overdue(self) -> bool:
        return self.state is SlaState.OVERDUE


def first_response(first_customer_at: datetime | None, first_staff_at: datetime | None, now: datetime,
                   target: timedelta = TARGET) -> Sla:
    """Where the first-response timer of one thread stands at ``now``; see the module contract."""
    if first_customer_at is None:
        return Sla(SlaState.NONE, 0, None)
    deadline = first_customer_at + target
    if first_staff_at is not None and first_staff_at >= first_customer_at:
        taken = int((first_staff_at - first_customer_at).total_seconds())
        return Sla(SlaState.MET if first_staff_at <= deadline else SlaState.LATE, taken, deadline)
    if now <= deadline:
        return Sla(SlaState.DUE, int((deadline - now).total_seconds()), deadline)
    return Sla(SlaState.OVERDUE, int((now - deadline).total_seconds()), deadline)


def duration_parts(seconds: int) -> tuple[int, int, int]:
    """(days, hours, minutes) of a non-negative number of seconds, minutes rounded down.

    >>> duration_parts(93_780)
    (1, 2, 3)
    """
    minutes = max(0, int(seconds)) // 60
    return minutes // 1440, minutes % 1440 // 60, minutes % 60

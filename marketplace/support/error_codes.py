"""Error codes the support domain raises (see ``marketplace.core.errors`` for the pattern)."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class SupportErrorCode(StrEnum):
    THREAD_NOT_FOUND = "thread_not_found"
    THREAD_ORDER_NOT_FOUND = "thread_order_not_found"
    TICKET_STATUS = "ticket_status"  # a desk status that is not open, waiting or solved
    TICKET_PRIORITY = "ticket_priority"  # a priority that is not low, normal, high or urgent
    ASSIGNEE_NOT_SUPPORT = "assignee_not_support"  # the chosen assignee is not a staff member who does support
    CANNED_NOT_FOUND = "canned_not_found"  # no canned reply with that id
    CANNED_LANGUAGE = "canned_language"  # a canned reply's language that Meridian does not ship
    DESK_FILTER = "desk_filter"  # an inbox filter value the desk does not know

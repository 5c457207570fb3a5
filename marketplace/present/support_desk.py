"""Words for the support desk's first-response timer (pure: no Reflex, no database).

``sla_text`` says where a thread's timer stands in the reader's language ("4 h 10 min left", "Overdue by 2 h",
"Answered in 35 min", "Answered late, after 1 d 3 h", "" when the customer has not written);
``sla_colour`` is the badge colour for it."""

from __future__ import annotations

from marketplace.core.i18n import translate
from marketplace.support.sla import Sla, SlaState, duration_parts

_COLOURS = {SlaState.DUE: "amber", SlaState.OVERDUE: "red", SlaState.MET: "grass", SlaState.LATE: "orange",
            SlaState.NONE: "gray"}


def duration_text(seconds: int, lang: str) -> str:
    days, hours, minutes = duration_parts(seconds)
    if days:
        return translate(lang, "%(days)s d %(hours)s h", days=days, hours=hours)
    if hours:
        return translate(lang, "%(hours)s h %(minutes)s min", hours=hours, minutes=minutes)
    return translate(lang, "%(minutes)s min", minutes=minutes)


def sla_text(sla: Sla, lang: str) -> str:
    if sla.state is SlaState.NONE:
        return ""
    span = duration_text(sla.seconds, lang)
    return {
        SlaState.DUE: lambda: translate(lang, "%(time)s left to answer", time=span),
        SlaState.OVERDUE: lambda: translate(lang, "Overdue by %(time)s", time=span),
        SlaState.MET: lambda: translate(lang, "Answered in %(time)s", time=span),
        SlaState.LATE: lambda: translate(lang, "Answered late, after %(time)s", time=span),
    }[sla.state]()


def sla_colour(sla: Sla) -> str:
    return _COLOURS[sla.state]

"""A parcel's tracking as the shopper reads it: steps newest first, each in the reader's language and local time.

Contract:
- **Whose time zone.** Times are shown in the main time zone of the parcel's **destination country**
  (:func:`main_zone`: the country's only zone, or its most populous one for countries with several — the US
  on New York time, Australia on Sydney's, Brazil on São Paulo's; UTC for a country we do not know), with
  the zone's abbreviation after each time ("Dec 2, 2026, 10:05 AM CET"). The browser's own zone is not
  used: the page is prerendered and a client-sent zone would be one more value to trust; the destination is
  where the shopper waits for the parcel.
- :func:`event_text` is the carrier's description translated when it is one of our message ids (the
  embedded carrier's texts are), else the carrier's own words; an empty description becomes the code's
  label (``CODE_LABELS``).
- :func:`timeline` turns events (newest first, as ``orders.tracking_view.events_of`` gives them) into
  :class:`StepView` rows. On a DAP parcel (``on_delivery`` not zero) the newest customs step
  (``customs`` / ``held_at_customs``) carries the note of what is due at the door and how to pay it; nothing
  is said before the parcel reaches customs.
- Pure: no database, no Reflex.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

import babel.dates
from babel.core import get_global

from marketplace.core import clock
from marketplace.core.formatting import format_money
from marketplace.core.i18n import N_, catalog, format_locale, translate
from marketplace.core.money import Money
from marketplace.orders.fulfilment_tracking import TrackingCode
from marketplace.orders.tracking_view import TrackingEventView

MAIN_ZONES: dict[str, str] = {  # countries with several zones: the one most of their people live in
    "US": "America/New_York", "CA": "America/Toronto", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City", "RU": "Europe/Moscow", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "CN": "Asia/Shanghai", "NZ": "Pacific/Auckland", "CY": "Asia/Nicosia", "DE": "Europe/Berlin",
    "ID": "Asia/Jakarta", "KZ": "Asia/Almaty", "AR": "America/Argentina/Buenos_Aires", "CL": "America/Santiago",
}

CODE_LABELS: dict[str, str] = {
    TrackingCode.ACCEPTED: N_("Parcel accepted by the carrier"),
    TrackingCode.IN_TRANSIT: N_("In transit"),
    TrackingCode.EXPORT: N_("Export cleared; left the country of origin"),
    TrackingCode.CUSTOMS: N_("At customs in the destination country"),
    TrackingCode.HELD_AT_CUSTOMS: N_("Held at customs"),
    TrackingCode.OUT_FOR_DELIVERY: N_("Out for delivery"),
    TrackingCode.DELIVERED: N_("Delivered"),
    TrackingCode.EXCEPTION: N_("Delivery problem"),
}
CUSTOMS_CODES = frozenset({TrackingCode.CUSTOMS, TrackingCode.HELD_AT_CUSTOMS})
CUSTOMS_NOTE = N_("Import duties and taxes due on delivery: %(amount)s. The carrier asks you to pay them before "
                  "handing over the parcel: online through the link in the carrier's notice, or at the door.")


@dataclass(frozen=True)
class StepView:
    """One row of a parcel's timeline."""

    title: str = ""
    location: str = ""
    when: str = ""
    tone: str = "done"  # latest | done | problem | delivered: the dot's colour
    note: str = ""  # the DAP charges due, on the newest customs step


def main_zone(country: str) -> tzinfo:
    """The destination's main time zone (see the module contract).

    >>> str(main_zone("US")), str(main_zone("JP")), str(main_zone("XX"))
    ('America/New_York', 'Asia/Tokyo', 'UTC')
    """
    code = country.upper() if isinstance(country, str) else ""
    name = MAIN_ZONES.get(code) or next(iter(get_global("territory_zones").get(code, ())), None)
    try:
        return ZoneInfo(name) if name else UTC
    except (ValueError, OSError):  # pragma: no cover - a zone the installed tz database lacks
        return UTC


def local_time(at: datetime, zone: tzinfo, lang: str) -> str:
    """``at`` in ``zone``: the locale's medium date, short time and the zone's abbreviation.

    >>> local_time(datetime(2026, 12, 2, 9, 5, tzinfo=UTC), ZoneInfo("Europe/Berlin"), "de")
    '02.12.2026, 10:05 CET'
    """
    local = clock.as_utc(at).astimezone(zone)
    locale = format_locale(lang)
    day = babel.dates.format_date(local, "medium", locale=locale)
    time = babel.dates.format_time(local, "short", tzinfo=zone, locale=locale)
    return f"{day}, {time} {local.tzname() or ''}".strip()


def event_text(lang: str, code: str, description: str) -> str:
    """What happened, in ``lang`` where we know the words (see the module contract)."""
    text = description.strip()
    if not text:
        return translate(lang, CODE_LABELS.get(code, N_("In transit")))
    return translate(lang, text) if text in catalog(lang) else text


def timeline(lang: str, events: Sequence[TrackingEventView], country: str,
             on_delivery: Money | None = None) -> list[StepView]:
    """The parcel's steps, newest first (see the module contract)."""
    zone = main_zone(country)
    due = on_delivery if on_delivery is not None and on_delivery.minor > 0 else None
    noted = False
    steps: list[StepView] = []
    for i, event in enumerate(events):
        note = ""
        if due is not None and not noted and event.code in CUSTOMS_CODES:
            note = translate(lang, CUSTOMS_NOTE, amount=format_money(due, format_locale(lang)))
            noted = True
        tone = ("delivered" if event.code == TrackingCode.DELIVERED
                else "problem" if event.code in (TrackingCode.HELD_AT_CUSTOMS, TrackingCode.EXCEPTION)
                else "latest" if i == 0 else "done")
        steps.append(StepView(title=event_text(lang, event.code, event.description), location=event.location,
                              when=local_time(event.at, zone, lang), tone=tone, note=note))
    return steps


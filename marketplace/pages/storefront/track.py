"""The public tracking page of one parcel (``/track/[token]``), for guests and anyone the shopper shares it with.

The token is the signed link of ``orders/tracking_links.py`` (the shipped e-mail carries it); ``load`` asks
``orders.tracking_view.public_parcel``, which checks the signature before reading anything. The page shows only
what is safe for whoever holds the link: the seller's name, carrier, service, tracking number, status, the
destination country (never a name or street) and the timeline in the destination's main time zone, with the
DAP charges due at the door once the parcel reaches customs. A forged, truncated or unknown token shows one
"link not valid" page, the same in every case, and keeps nothing an earlier load of this tab showed.
"""

from __future__ import annotations

from urllib.parse import unquote

import reflex as rx

from marketplace import routes
from marketplace.components.feedback import notice
from marketplace.components.tracking_timeline import tracking_timeline
from marketplace.core import formatting
from marketplace.core.errors import DomainError
from marketplace.core.i18n import N_, format_locale, translate
from marketplace.layouts.storefront import storefront
from marketplace.orders import history, tracking_view
from marketplace.orders.carrier_names import parcel_carrier
from marketplace.present.tracking import StepView, timeline
from marketplace.state.loading import market, run_service
from marketplace.state.locale import t


class TrackState(rx.State):
    loaded: bool = False
    found: bool = False
    vendor: str = ""
    origin: str = ""
    carrier: str = ""
    tracking: str = ""
    status: str = ""
    destination: str = ""
    steps: list[StepView] = []

    @rx.event
    async def load(self):
        self.reset()
        lang, _, _ = await market(self)
        locale = format_locale(lang)
        token = unquote(self.router.url.path.removeprefix("/track/").strip("/"))[:80]
        try:
            parcel = await run_service(tracking_view.public_parcel, token)
        except DomainError:
            self.loaded = True
            return
        label = history.SHIPMENT_LABELS.get(parcel.status)
        self.vendor = parcel.vendor_name
        self.origin = f"{formatting.flag_emoji(parcel.vendor_country)} " \
                      f"{formatting.country_name(parcel.vendor_country, locale)}"
        self.carrier = parcel_carrier(lang, parcel.carrier, parcel.service)
        self.tracking = parcel.tracking_number
        self.status = translate(lang, label) if label else parcel.status.replace("_", " ").capitalize()
        self.destination = f"{formatting.flag_emoji(parcel.ship_to_country)} " \
                           f"{formatting.country_name(parcel.ship_to_country, locale)}"
        self.steps = timeline(lang, parcel.events, parcel.ship_to_country,
                              parcel.on_delivery if parcel.incoterm == "DAP" else None)
        self.found, self.loaded = True, True


def _fact(label: str, value: rx.Var, class_name: str) -> rx.Component:
    return rx.vstack(rx.text(t(label), size="1", color="var(--gray-11)"),
                     rx.text(value, size="2", weight="medium", class_name=class_name), spacing="0", min_width="0")


def _found() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("truck", size=28, color="var(--accent-10)", aria_hidden="true"),
                  rx.vstack(rx.heading(t("Track your parcel"), as_="h1", size="6"),
                            rx.text(t("From"), " ", TrackState.vendor, " · ", TrackState.origin, size="2",
                                    color="var(--gray-11)"), spacing="0"),
                  align="center", spacing="3"),
        rx.card(
            rx.vstack(
                rx.grid(_fact(N_("Status"), TrackState.status, "track-status"),
                        _fact(N_("Ships to"), TrackState.destination, "track-destination"),
                        _fact(N_("Carrier"), TrackState.carrier, "track-carrier"),
                        _fact(N_("Tracking number"), TrackState.tracking, "tracking-number"),
                        columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%"),
                rx.separator(size="4"),
                rx.cond(TrackState.steps.length() > 0,
                        tracking_timeline(TrackState.steps, t("Tracking") + " " + TrackState.tracking),
                        rx.text(t("No scans from the carrier yet."), size="2", color="var(--gray-11)")),
                spacing="4", width="100%",
            ),
            width="100%", id="track-card",
        ),
        rx.text(t("Times are shown in the destination's local time."), size="1", color="var(--gray-11)"),
        spacing="4", width="100%", max_width="720px", margin_x="auto",
    )


def track_page() -> rx.Component:
    return storefront(
        rx.cond(
            ~TrackState.loaded,
            rx.vstack(rx.skeleton(height="40px", width="60%"), rx.skeleton(height="320px", width="100%"),
                      spacing="3", width="100%", max_width="720px", margin_x="auto"),
            rx.cond(TrackState.found, _found(),
                    rx.box(notice("link-2-off", t("This tracking link is not valid."),
                                  t("Open the link from your shipping e-mail again, and check that it was copied "
                                    "in full. Signed in? Your orders show every parcel."),
                                  N_("Your orders"), routes.ACCOUNT_ORDERS),
                           id="track-invalid")),
        ),
    )

"""A parcel's tracking as a vertical stepper, newest step on top (``present.tracking.StepView`` rows).

Stateless: renders the list var it is given. The newest step has the accent dot, a customs hold or delivery
problem an amber one, delivery a green one; a step's note (DAP charges due at the door) shows as a callout
under it. Styles are inline so the component carries its own look.
"""

from __future__ import annotations

import reflex as rx

_DOT = {"position": "absolute", "left": "-8px", "top": "3px", "width": "14px", "height": "14px",
        "borderRadius": "50%", "border": "2px solid var(--color-panel-solid)"}
_STEP = {"position": "relative", "marginLeft": "7px", "paddingLeft": "20px", "paddingBottom": "16px",
         "borderLeft": "2px solid var(--gray-5)", "&:last-child": {"borderLeftColor": "transparent",
                                                                    "paddingBottom": "0"}}


def _step(step: rx.Var) -> rx.Component:
    colour = rx.match(step.tone, ("latest", "var(--accent-9)"), ("problem", "var(--amber-9)"),
                      ("delivered", "var(--green-9)"), "var(--gray-7)")
    return rx.el.li(
        rx.box(style={**_DOT, "background": colour}, aria_hidden="true"),
        rx.vstack(
            rx.text(step.title, size="2", weight=rx.cond(step.tone == "done", "regular", "medium")),
            rx.text(step.when, rx.cond(step.location != "", " · " + step.location.to(str), ""), size="1",
                    color="var(--gray-11)"),
            rx.cond(step.note != "",
                    rx.callout(step.note, icon="landmark", color_scheme="amber", size="1", width="100%",
                               class_name="customs-note")),
            spacing="1", width="100%", min_width="0",
        ),
        style=_STEP, class_name="tracking-step",
    )


def tracking_timeline(steps: rx.Var, label: rx.Var | str) -> rx.Component:
    """The steps as an ordered list; ``label`` names it for screen readers ("Tracking of parcel …")."""
    return rx.el.ol(rx.foreach(steps, _step), aria_label=label, class_name="tracking-timeline",
                    style={"listStyle": "none", "padding": "4px 0 0", "margin": "0", "width": "100%"})

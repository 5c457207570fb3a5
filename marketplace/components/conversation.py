"""A conversation between a shopper and a shop, as both sides see it: the messages as bubbles (the reader's own
on the right) and the reply form under them.

Contract: :func:`conversation(items, draft, reply_error, on_submit, max_length=, prefix=, rows=)` renders
``items`` (each with ``sender``, ``date``, ``body`` and ``mine``) as a log, then a textarea ``body`` capped at
``max_length`` (the support service's ``BODY_MAX``) that is cleared when a message is added, the reply error if any, and "Send reply".
Element ids are ``{prefix}thread-messages``, ``{prefix}reply-body``, ``{prefix}reply-error`` and
``{prefix}reply-send``. Used by the shopper's thread page and the seller's inbox thread.
"""

from __future__ import annotations

import reflex as rx

from marketplace.state.locale import t


def message_bubble(m: rx.Var) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.text(m.sender, " · ", m.date, size="1", color="var(--gray-11)"),
            rx.text(m.body, size="2", style={"whiteSpace": "pre-line", "overflowWrap": "anywhere"}),
            spacing="1",
        ),
        padding="10px 14px", border_radius="var(--radius-4)", max_width="85%",
        background=rx.cond(m.mine, "var(--accent-3)", "var(--gray-3)"),
        align_self=rx.cond(m.mine, "flex-end", "flex-start"), class_name="message-bubble",
    )


def conversation(items: rx.Var, draft: rx.Var, reply_error: rx.Var, on_submit, *, max_length: int,  # noqa: ANN001
                 prefix: str = "", rows: int = 3) -> list[rx.Component]:
    return [
        rx.flex(rx.foreach(items, message_bubble), direction="column", gap="8px", width="100%",
                id=f"{prefix}thread-messages", role="log", aria_label=t("Messages")),
        rx.form(
            rx.vstack(
                rx.el.label(t("Your reply"), html_for=f"{prefix}reply-body", class_name="field-label"),
                rx.el.textarea(id=f"{prefix}reply-body", name="body", default_value=draft, rows=rows,
                               max_length=max_length, class_name="text-input", required=True,
                               key=items.length().to_string()),
                rx.cond(reply_error != "",
                        rx.callout(reply_error, icon="circle-alert", color_scheme="red", role="alert",
                                   width="100%", id=f"{prefix}reply-error")),
                rx.button(rx.icon("send", size=16, aria_hidden="true"), t("Send reply"), type="submit", size="3",
                          class_name="touch-target", id=f"{prefix}reply-send"),
                spacing="2", width="100%",
            ),
            on_submit=on_submit, reset_on_submit=False, width="100%",
        ),
    ]

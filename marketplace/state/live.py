"""Whether a browser tab is still connected, for background events that poll while a page is open.

Reflex does not cancel a background event when its tab closes (its docs: check the client token against
the app's socket mapping and stop). :func:`tab_connected` asks the app's token manager, which with the Redis
state manager knows sockets held by every backend worker (``is_token_connected``), so a watcher started on
one worker stops when the tab is gone, wherever its socket was."""

from __future__ import annotations

import logging

import reflex as rx
from reflex_base.registry import RegistrationContext

log = logging.getLogger(__name__)


async def tab_connected(state: rx.State) -> bool:
    """True while the tab that started ``state``'s event has a live websocket on any worker."""
    token = state.router.session.client_token
    try:
        namespace = RegistrationContext.get().app.event_namespace
    except Exception:  # noqa: BLE001 - no app (a unit test): treat as gone, so nothing loops forever
        return False
    if namespace is None or not token:
        return False
    manager = getattr(namespace, "_token_manager", None)
    if manager is not None and hasattr(manager, "is_token_connected"):
        return await manager.is_token_connected(token)
    return token in namespace.token_to_sid

"""``tab_connected``: a background watcher asks the app's token manager (Redis-aware) whether its tab is still
there, and treats "no app" or "no token" as gone, so a loop never outlives its tab."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from marketplace.state import live


def _state(token: str) -> SimpleNamespace:
    return SimpleNamespace(router=SimpleNamespace(session=SimpleNamespace(client_token=token)))


class _Manager:
    def __init__(self, connected: set[str]) -> None:
        self.connected = connected

    async def is_token_connected(self, token: str) -> bool:
        return token in self.connected


def _app(manager: _Manager) -> SimpleNamespace:
    return SimpleNamespace(app=SimpleNamespace(event_namespace=SimpleNamespace(_token_manager=manager)))


def test_a_tab_is_connected_while_the_token_manager_knows_its_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    manager = _Manager({"tab-1"})
    monkeypatch.setattr(live.RegistrationContext, "get", classmethod(lambda cls: _app(manager)))
    assert asyncio.run(live.tab_connected(_state("tab-1")))
    manager.connected.clear()  # the tab closed (on any worker, with Redis)
    assert not asyncio.run(live.tab_connected(_state("tab-1")))
    assert not asyncio.run(live.tab_connected(_state("")))


def test_without_an_app_a_tab_counts_as_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_app(cls):  # noqa: ANN001, ANN202
        raise LookupError("no registration context")

    monkeypatch.setattr(live.RegistrationContext, "get", classmethod(no_app))
    assert not asyncio.run(live.tab_connected(_state("tab-1")))

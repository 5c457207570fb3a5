"""ASGI middleware adding the security headers (``marketplace/core/security_headers.py``) to every HTTP response.

Contract:
- Wraps the whole backend (``rx.App(api_transformer=[..., security_headers_middleware])``): in single-port
  production mode that covers the prerendered pages Reflex mounts from ``.web/build/client``, ``/api/*``,
  ``/media``, ``/share`` and Reflex's own routes. WebSocket scopes (``/_event``) pass through untouched.
- A header a route already set (e.g. ``/media``'s nosniff) is kept, not duplicated.
- The CSP allows the inline scripts of the build by hash: the build's HTML files are scanned once, and again
  when ``index.html`` changes (a rebuild), plus the inline scripts of pages the API itself serves
  (``extra_html``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marketplace.core.security_headers import inline_script_hashes, security_headers
from marketplace.core.settings import Settings, get_settings


def build_script_hashes(static_dir: Path) -> frozenset[str]:
    """Hash sources of every inline script in the built HTML files under ``static_dir`` (none if not built)."""
    hashes: set[str] = set()
    if static_dir.is_dir():
        for html in static_dir.rglob("*.html"):
            hashes |= inline_script_hashes(html.read_text(encoding="utf-8", errors="replace"))
    return frozenset(hashes)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, static_dir: Callable[[], Path] | None = None,
                 extra_html: Iterable[str] = (), settings: Callable[[], Settings] = get_settings) -> None:
        self.app = app
        self._static_dir = static_dir
        self._extra = frozenset().union(*(inline_script_hashes(html) for html in extra_html))
        self._settings = settings
        self._cache: tuple[object, list[tuple[bytes, bytes]], list[tuple[bytes, bytes]]] | None = None

    def _headers(self, https: bool) -> list[tuple[bytes, bytes]]:
        directory = self._static_dir() if self._static_dir else None
        marker = None
        if directory is not None:
            index = directory / "index.html"
            marker = (str(directory), index.stat().st_mtime_ns if index.exists() else None)
        if self._cache is None or self._cache[0] != marker:
            hashes = self._extra | (build_script_hashes(directory) if directory is not None else frozenset())
            settings = self._settings()
            plain, secure = (
                [(k.encode(), v.encode()) for k, v in security_headers(settings, https=flag, script_hashes=hashes)]
                for flag in (False, True))
            self._cache = (marker, plain, secure)
        return self._cache[2] if https else self._cache[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https" or self._settings().public_url.startswith("https://")
        extra = self._headers(https)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

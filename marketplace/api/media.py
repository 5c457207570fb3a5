"""``/media/<path>``: files from the upload directory (demo catalogue images now, seller uploads later),
served by the backend with nosniff and a day of caching. Reflex mounts its own ``/_upload`` only when an
upload component exists, so the app mounts this explicitly."""

from __future__ import annotations

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from marketplace.core.settings import get_settings

MEDIA_PREFIX = "/media"


class _MediaFiles(StaticFiles):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"public, max-age=86400")]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


def media_mount() -> Mount:
    return Mount(MEDIA_PREFIX, app=_MediaFiles(directory=get_settings().upload_dir, check_dir=False), name="media")

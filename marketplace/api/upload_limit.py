"""A ceiling on the size of one upload request (Reflex's ``/_upload`` route), as an ASGI middleware.

Contract (``UploadSizeLimit``, wrapped around the whole app):
- A ``POST`` to the upload route whose ``Content-Length`` is above ``MAX_UPLOAD_REQUEST_BYTES`` is answered
  ``413 Payload Too Large`` before a byte of its body is read; a request without a length (chunked) is
  counted as it streams: once it passes the ceiling the 413 is sent, the app behind is told the client
  left (``http.disconnect``) and whatever it answers is dropped, so it never spools more than that to disk.
- The ceiling fits the largest legitimate request: ``MAX_IMAGES`` pictures of at most 8 MB each in one drop,
  plus the multipart overhead. Each file's own limits (size, type, pixels) are still checked by the service
  that receives it (``catalog.media``); this only stops a client from filling the disk or the memory.
- Every other path passes through untouched.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATH = "/_upload"
MAX_UPLOAD_REQUEST_BYTES = 10 * 8 * 1024 * 1024 + 1024 * 1024  # ten 8 MB pictures plus multipart overhead
_BODY = b"This upload is too large. Send at most ten files of 8 MB each."


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class UploadSizeLimit:
    def __init__(self, app: ASGIApp, limit: int = MAX_UPLOAD_REQUEST_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").rstrip("/").endswith(UPLOAD_PATH):
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await _refuse(send)
            return
        seen = 0
        refused = False

        async def counted_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True  # answer now; the app behind sees the client leave and its reply is dropped
                    await _refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise


async def _refuse(send: Send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(_BODY)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": _BODY})

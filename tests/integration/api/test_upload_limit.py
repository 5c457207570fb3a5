"""One upload request is capped before its body is spooled (the note left at stop 19: ``/_upload`` had no
ceiling): a declared or streamed body above the limit gets 413, and the app behind never sees it."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from marketplace.api.upload_limit import MAX_UPLOAD_REQUEST_BYTES, UploadSizeLimit

LIMIT = 1000
received: list[int] = []


async def upload(request: Request) -> PlainTextResponse:
    body = await request.body()
    received.append(len(body))
    return PlainTextResponse(f"got {len(body)}")


def _client(limit: int = LIMIT) -> TestClient:
    received.clear()
    app = Starlette(routes=[Route("/_upload", upload, methods=["POST"]), Route("/other", upload, methods=["POST"])])
    return TestClient(UploadSizeLimit(app, limit=limit))


def test_a_request_within_the_limit_reaches_the_upload_route():
    response = _client().post("/_upload", content=b"x" * LIMIT)
    assert response.status_code == 200 and received == [LIMIT]


def test_a_declared_length_above_the_limit_is_refused_before_the_body_is_read():
    response = _client().post("/_upload", content=b"x" * (LIMIT + 1))
    assert response.status_code == 413
    assert "too large" in response.text
    assert received == []


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit():
    def chunks():
        for _ in range(5):
            yield b"y" * 400

    response = _client().post("/_upload", content=chunks())  # no Content-Length: streamed
    assert response.status_code == 413
    assert received == []


def test_other_paths_are_not_limited():
    response = _client().post("/other", content=b"z" * (LIMIT * 3))
    assert response.status_code == 200 and received == [LIMIT * 3]


def test_the_ceiling_fits_ten_full_size_pictures():
    assert MAX_UPLOAD_REQUEST_BYTES > 10 * 8 * 1024 * 1024

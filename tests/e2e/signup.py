"""Accounts for browser tests, made the way a person makes them: sign up through the form's HTTP route, open
the link of the sign-up e-mail (read from the outbox), log in; each returns the ``mp_session`` cookie value."""

from __future__ import annotations

import httpx
from sqlmodel import Session, select

from marketplace.models import OutboxMessage
from tests.e2e.conftest import client_address


def login(base: str, email: str, password: str) -> str:
    response = httpx.post(f"{base}/api/auth/login", data={"email": email, "password": password},
                          headers={"origin": base, "x-forwarded-for": client_address()}, follow_redirects=False)
    token = response.cookies.get("mp_session")
    assert response.status_code == 303 and token, f"logging in {email} failed: {response.status_code}"
    return token


def register(app_server, name: str, email: str, password: str) -> str:  # noqa: ANN001
    """Sign up through the form, open the link of the sign-up e-mail (read from the outbox), then log in."""
    base = app_server.base
    response = httpx.post(f"{base}/api/auth/register", data={"name": name, "email": email, "password": password},
                          headers={"origin": base, "x-forwarded-for": client_address()}, follow_redirects=False)
    assert response.status_code == 303 and "notice=check-inbox" in response.headers["location"], response.headers
    with Session(app_server.engine()) as session:
        bodies = [m.payload["body"] for m in session.exec(select(OutboxMessage)).all() if m.payload.get("to") == email]
    token = bodies[-1].split("/api/auth/verify?token=")[1].split()[0]
    verified = httpx.get(f"{base}/api/auth/verify", params={"token": token}, follow_redirects=False)
    assert "notice=verified" in verified.headers["location"], f"signing up {email} failed: {verified.headers}"
    return login(base, email, password)

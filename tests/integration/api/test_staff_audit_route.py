"""GET /api/staff/audit.csv, on SQLite and PostgreSQL: staff and admins download the filtered audit log as a
CSV attachment (documented columns, newest first, formula-looking cells defused); a bad filter is a 400 with its
message; shoppers, sellers and nobody signed in get the same plain 404 and no row."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from marketplace import routes
from marketplace.accounts import service as accounts
from marketplace.accounts.audit_csv import COLUMNS
from marketplace.api import staff_audit
from marketplace.core.settings import get_settings
from marketplace.models import AuditLog, Role
from tests import factories
from tests.factories import PASSWORD

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
CANARY = "audit-canary-7f3a"


@pytest.fixture
def api(db_url, db_engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    tokens = {}
    with Session(db_engine) as session:
        vendor = factories.vendor(session)
        users = {"staff": factories.user(session, Role.STAFF), "admin": factories.user(session, Role.ADMIN),
                 "shopper": factories.user(session), "seller": factories.user(session, Role.SELLER, vendor=vendor)}
        session.add_all([
            AuditLog(at=T0, actor_user_id=users["staff"].id, action="vendor.approved", entity_type="vendor",
                     entity_id=str(vendor.id), detail={"reason": CANARY}),
            AuditLog(at=T0 + timedelta(hours=1), actor_user_id=users["staff"].id, action="vendor.suspended",
                     entity_type="vendor", entity_id=str(vendor.id), detail={"reason": "=HYPERLINK(\"x\")"}),
            AuditLog(at=T0 + timedelta(hours=2), action="auth.denied", detail={"path": "/staff"}),
        ])
        users["seller"].display_name = '=HYPERLINK("http://evil")'
        session.add(AuditLog(at=T0 - timedelta(days=1), actor_user_id=users["seller"].id, action="team.renamed",
                             entity_type="vendor", entity_id="-1+2", detail={"@SUM(A1)": "x"}))
        for who, user in users.items():
            tokens[who], _ = accounts.login(session, email=user.email, password=PASSWORD, ip="127.0.0.1")
        session.commit()
        staff_email = users["staff"].email
    with TestClient(Starlette(routes=staff_audit.ROUTES)) as client:
        yield client, tokens, staff_email
    get_settings.cache_clear()


def _get(client, token=None, **filters):
    client.cookies.clear()
    if token:
        client.cookies.set("mp_session", token)
    return client.get(routes.staff_audit_csv(filters))


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_download_every_entry_newest_first(api, who):
    client, tokens, staff_email = api
    response = _get(client, tokens[who])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="audit-log.csv"'
    assert response.headers["cache-control"] == "no-store"
    assert response.text.splitlines()[0] == ",".join(COLUMNS)
    rows = [r for r in _rows(response) if r["action"] != "auth.login"]  # the fixture's log-ins are audited too
    assert [(r["action"], r["actor_email"]) for r in rows] == [
        ("auth.denied", "system"), ("vendor.suspended", staff_email), ("vendor.approved", staff_email),
        ("team.renamed", rows[3]["actor_email"])]
    assert rows[3]["actor_email"].endswith("@example.com")
    assert rows[1]["details"] == 'reason: =HYPERLINK("x")'  # starts with "r": a spreadsheet shows it as text
    assert rows[0]["time"] == (T0 + timedelta(hours=2)).isoformat()


def test_formula_cells_are_neutralised(api):
    client, tokens, _ = api
    row = _rows(_get(client, tokens["staff"], action="team.renamed"))[0]
    assert row["actor_name"] == "'=HYPERLINK(\"http://evil\")"  # a spreadsheet shows it as text, never runs it
    assert row["object_id"] == "'-1+2"
    assert row["details"] == "'@SUM(A1): x"
    assert row["action"] == "team.renamed" and row["object_type"] == "vendor"


def test_the_filters_apply(api):
    client, tokens, staff_email = api
    rows = _rows(_get(client, tokens["staff"], actor=staff_email, action="vendor.", **{"from": "2026-11-20",
                                                                                       "to": "2026-11-20"}))
    assert [r["action"] for r in rows] == ["vendor.suspended", "vendor.approved"]
    assert rows[1]["details"] == f"reason: {CANARY}"


def test_a_bad_filter_is_a_400_for_staff(api):
    client, tokens, _ = api
    response = _get(client, tokens["staff"], **{"from": "2026-11-21", "to": "2026-11-20"})
    assert response.status_code == 400
    assert "start date is after the end date" in response.text


@pytest.mark.parametrize("who", ["shopper", "seller", None])
def test_everyone_else_gets_404(api, who):
    client, tokens, _ = api
    for filters in ({}, {"actor": "nobody@example.com"}, {"from": "bad"}):
        response = _get(client, tokens[who] if who else None, **filters)
        assert response.status_code == 404
        assert response.text == "Not found" and CANARY not in response.text
        assert response.headers["cache-control"] == "no-store"

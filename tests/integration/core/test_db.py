"""Units of work: a failed write leaves nothing behind; SQLite connections carry the agreed pragmas."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from marketplace.core.db import immediate_scope, session_scope
from marketplace.models import Category


@pytest.mark.parametrize("scope", [session_scope, immediate_scope])
def test_commit_on_success_and_rollback_on_error(db_engine, scope):
    with scope(db_engine) as session:
        session.add(Category(slug="kept", name="Kept"))
    with pytest.raises(RuntimeError), scope(db_engine) as session:
        session.add(Category(slug="lost", name="Lost"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(db_engine) as session:
        assert session.exec(select(Category.slug)).all() == ["kept"]


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(sqlite_url):
    from marketplace.core.db import engine_for

    with engine_for(sqlite_url).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1

"""Backup and restore on SQLite and PostgreSQL: what was backed up comes back; a missing, corrupt or foreign
file is refused with a plain message and the database is left exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlmodel import select

from marketplace.core.backup import BackupError, backup, restore
from marketplace.core.db import session_scope
from marketplace.models import MailboxMessage
from tests.conftest import ROOT, migrate


@pytest.fixture(autouse=True)
def _pg_tools(request):
    if "db_engine" in request.fixturenames and request.node.callspec.params.get("db_url") == "postgres":
        missing = [tool for tool in ("pg_dump", "pg_restore", "psql") if shutil.which(tool) is None]
        if missing:
            pytest.skip(f"PostgreSQL client tools not installed: {', '.join(missing)}")


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _add(engine, *subjects: str) -> None:
    with session_scope(engine) as s:
        for subject in subjects:
            s.add(MailboxMessage(to="a@example.com", subject=subject, body="hello"))


def _subjects(engine) -> list[str]:
    with session_scope(engine) as s:
        return sorted(m.subject for m in s.exec(select(MailboxMessage)))


def test_restore_brings_back_what_was_backed_up(db_engine, tmp_path):
    _add(db_engine, "kept-1", "kept-2")
    path = backup(_url(db_engine), tmp_path)
    assert path.parent == tmp_path and path.name.startswith("marketplace-") and path.stat().st_size > 0

    _add(db_engine, "after-backup")
    with session_scope(db_engine) as s:
        s.exec(text("DELETE FROM mailbox WHERE subject = 'kept-1'"))
    assert _subjects(db_engine) == ["after-backup", "kept-2"]

    saved = restore(_url(db_engine), path, save_to=tmp_path / "before")
    assert _subjects(db_engine) == ["kept-1", "kept-2"]
    # the database as it was just before the restore is kept, and is itself restorable
    assert saved is not None and saved.parent == tmp_path / "before" and "before-restore" in saved.name
    restore(_url(db_engine), saved, save_to=None)
    assert _subjects(db_engine) == ["after-backup", "kept-2"]


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(db_engine, tmp_path):
    first, second = backup(_url(db_engine), tmp_path), backup(_url(db_engine), tmp_path)
    assert first != second and first.exists() and second.exists()


def test_backup_sees_committed_data_only_while_the_app_writes(sqlite_url, tmp_path):
    migrate(sqlite_url)
    live = sqlite_url.removeprefix("sqlite:///")
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("INSERT INTO mailbox (\"to\", subject, body, lang, created_at) "
                   "VALUES ('a@example.com', 'committed', 'b', 'en', CURRENT_TIMESTAMP)")
    writer.execute("BEGIN IMMEDIATE")  # the app is mid-transaction, holding the write lock
    writer.execute("INSERT INTO mailbox (\"to\", subject, body, lang, created_at) "
                   "VALUES ('a@example.com', 'in-flight', 'b', 'en', CURRENT_TIMESTAMP)")
    try:
        path = backup(sqlite_url, tmp_path / "copy.sqlite3")
    finally:
        writer.execute("COMMIT")
        writer.close()
    copy = sqlite3.connect(path)
    assert [r[0] for r in copy.execute("SELECT subject FROM mailbox")] == ["committed"]
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()


def _corrupt_copy(good, tmp_path):
    data = good.read_bytes()
    bad = tmp_path / f"cut{good.suffix}"
    bad.write_bytes(data[: len(data) // 2])
    return bad


@pytest.mark.parametrize("case", ["missing", "empty", "text", "truncated", "other-kind", "not-meridian"])
def test_a_bad_backup_is_refused_and_the_database_is_unchanged(db_engine, tmp_path, case):
    _add(db_engine, "current")
    good = backup(_url(db_engine), tmp_path)
    sqlite_db = db_engine.dialect.name == "sqlite"
    if case == "missing":
        source, message = tmp_path / "nope.sqlite3", "no backup file at"
    elif case == "empty":
        source, message = tmp_path / "empty.bak", "wrong file header"
        source.write_bytes(b"")
    elif case == "text":
        source, message = tmp_path / "notes.txt", "wrong file header"
        source.write_text("SELECT 1; -- not a backup\n")
    elif case == "truncated":
        source, message = _corrupt_copy(good, tmp_path), "corrupt"
    elif case == "other-kind":
        source = tmp_path / ("dump.pgdump" if sqlite_db else "copy.sqlite3")
        if sqlite_db:
            source.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 64)
            message = "is a PostgreSQL dump, but DATABASE_URL is a SQLite database"
        else:
            sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.commit()
            message = "is a SQLite backup, but DATABASE_URL is a PostgreSQL database"
    else:  # a whole, valid file of the right kind that is not a Meridian database
        if sqlite_db:
            source = tmp_path / "other.sqlite3"
            conn = sqlite3.connect(source)
            conn.execute("CREATE TABLE mailbox (x)")
            conn.commit()
            conn.close()
        else:
            with session_scope(db_engine) as s:
                s.exec(text("ALTER TABLE alembic_version RENAME TO not_alembic"))
            source = backup(_url(db_engine), tmp_path / "other.pgdump")
            with session_scope(db_engine) as s:
                s.exec(text("ALTER TABLE not_alembic RENAME TO alembic_version"))
        message = "is not a Meridian database"
    with pytest.raises(BackupError, match=message.replace("(", r"\(")):
        restore(_url(db_engine), source, save_to=tmp_path / "before")
    assert _subjects(db_engine) == ["current"]
    assert not (tmp_path / "before").exists()  # refused before anything was done


def _cli(args: list[str], url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "marketplace", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_backup_and_restore_commands(db_engine, tmp_path):
    _add(db_engine, "before")
    done = _cli(["backup", "--to", str(tmp_path)], _url(db_engine))
    assert done.returncode == 0, done.stderr
    written = next(tmp_path.glob("marketplace-*"))
    assert f"backup written: {written}" in done.stdout
    _add(db_engine, "after")

    refused = _cli(["restore", str(tmp_path / "missing.sqlite3")], _url(db_engine))
    assert refused.returncode == 1 and "error: no backup file at" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _subjects(db_engine) == ["after", "before"]
    assert _cli(["restore"], _url(db_engine)).returncode == 2  # usage: PATH is required

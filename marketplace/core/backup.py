"""Backups of the one database, chosen by its URL: SQLite through the online backup API, PostgreSQL
through ``pg_dump`` (custom format) and ``pg_restore`` + ``psql``.

Contract:
- :func:`backup` writes a consistent copy while the app keeps running and returns its path. Without
  ``to`` it is ``backups/marketplace-<UTC time>.sqlite3`` (or ``.pgdump``) under the project root; a ``to``
  that is a directory gets that name inside it. The copy is written beside its final name and renamed into
  place only when complete (and, for SQLite, when ``PRAGMA integrity_check`` says ``ok``), so a backup file
  that exists is whole.
- :func:`restore` replaces the database's content with a backup's. It first checks the file (exists, is the
  right kind for this database, is not corrupt, holds a migrated Meridian schema) and raises
  :class:`BackupError` with a plain message otherwise, changing nothing. The swap is one transaction: on
  SQLite the file is restored into a temporary database, checked, then copied onto the live database with
  one backup-API step (other connections see the old or the new content, never a mix); on PostgreSQL the
  schema is dropped and the dump loaded inside one ``psql --single-transaction``, so any failure rolls back
  to the database as it was. Before the swap the current database is saved as
  ``<backups>/…-before-restore-<time>…`` so a restore can itself be undone.
- Imports nothing of Meridian beyond ``core``; no Reflex.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from marketplace.core.db import normalise_url
from marketplace.core.settings import PROJECT_ROOT

BACKUP_DIR = PROJECT_ROOT / "backups"
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore was refused or failed; the message says why (the database is unchanged)."""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _kind(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {name!r}")
    return name


def _target(to: Path | None, kind: str, label: str = "") -> Path:
    suffix = ".sqlite3" if kind == "sqlite" else ".pgdump"
    if to is not None and not Path(to).is_dir():
        return Path(to)
    folder = BACKUP_DIR if to is None else Path(to)
    stem = f"marketplace{label}-{_stamp()}"
    target, n = folder / f"{stem}{suffix}", 1
    while target.exists():  # two backups in one second
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def backup(url: str, to: Path | None = None) -> Path:
    """Write a consistent copy of the database at ``url``; return the file written."""
    url = normalise_url(url)
    kind = _kind(url)
    target = _target(to, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if kind == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
        else:
            _pg_dump(url, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(url: str, source: Path, *, save_to: Path | None = BACKUP_DIR) -> Path | None:
    """Replace the database at ``url`` with the backup ``source``.

    Returns the copy of the database as it was just before (written into the directory ``save_to``;
    ``None`` skips it, or there was no database yet).
    """
    url = normalise_url(url)
    kind = _kind(url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if kind == "sqlite":
        _check_sqlite_backup(source)
    else:
        _check_pg_backup(source)
    saved = None
    if save_to is not None and _exists(url, kind):
        Path(save_to).mkdir(parents=True, exist_ok=True)
        saved = backup(url, _target(Path(save_to), kind, "-before-restore"))
    if kind == "sqlite":
        _sqlite_restore(source, _sqlite_path(url))
    else:
        _pg_restore(url, source)
    return saved


# --- SQLite -------------------------------------------------------------------------------------------


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _exists(url: str, kind: str) -> bool:
    return _sqlite_path(url).exists() if kind == "sqlite" else True


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"no SQLite database at {source}")
    src = sqlite3.connect(source, timeout=5)
    dst = sqlite3.connect(target)
    try:
        src.execute("PRAGMA busy_timeout=5000")
        src.backup(dst)  # one step: a consistent snapshot even while the app writes (WAL)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        _integrity(dst, target)
    finally:
        dst.close()
        src.close()


def _integrity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is corrupt ({exc})") from exc
    if not result or result[0] != "ok":
        raise BackupError(f"{path} is corrupt (integrity check: {result[0] if result else 'no answer'})")


def _check_sqlite_backup(source: Path) -> None:
    with source.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(PGDUMP_MAGIC):
        raise BackupError(f"{source} is a PostgreSQL dump, but DATABASE_URL is a SQLite database")
    if head != SQLITE_MAGIC:
        raise BackupError(f"{source} is not a SQLite backup (wrong file header)")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _integrity(conn, source)
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not a Meridian database (no migration version: {exc})") from exc
        if not version:
            raise BackupError(f"{source} is not a Meridian database (no migration version)")
    finally:
        conn.close()


def _sqlite_restore(source: Path, live: Path) -> None:
    live.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=live.parent, prefix=".restore-") as tmp:
        staged = Path(tmp) / "staged.db"
        shutil.copyfile(source, staged)
        check = sqlite3.connect(staged)
        try:
            _integrity(check, source)
            dst = sqlite3.connect(live, timeout=5)
            try:
                dst.execute("PRAGMA busy_timeout=5000")
                # One step = one write transaction on the live database: readers see the old or the new
                # content; if the step fails, SQLite rolls the live database back.
                check.backup(dst)
            except sqlite3.Error as exc:
                raise BackupError(f"restore failed, the database is unchanged ({exc})") from exc
            finally:
                dst.close()
        finally:
            check.close()


# --- PostgreSQL ---------------------------------------------------------------------------------------


def _pg_args(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password (which goes into PGPASSWORD, not the process list)."""
    parsed = make_url(url)
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"`{name}` is not installed (PostgreSQL client tools are needed for this database)")
    return path


def _run(args: list[str], env: dict[str, str], *, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, input=stdin, capture_output=True, timeout=3600)  # noqa: S603


def _pg_dump(url: str, target: Path) -> None:
    dsn, env = _pg_args(url)
    done = _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}",
                 f"--dbname={dsn}"], env)
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.decode(errors='replace').strip()}")


def _check_pg_backup(source: Path) -> None:
    with source.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        raise BackupError(f"{source} is a SQLite backup, but DATABASE_URL is a PostgreSQL database")
    if not head.startswith(PGDUMP_MAGIC):
        raise BackupError(f"{source} is not a PostgreSQL dump (wrong file header)")
    done = _run([_tool("pg_restore"), "--list", str(source)], dict(os.environ))
    if done.returncode != 0:
        raise BackupError(f"{source} is corrupt ({done.stderr.decode(errors='replace').strip()})")
    if b"TABLE DATA public alembic_version" not in done.stdout:
        raise BackupError(f"{source} is not a Meridian database (no migration version)")
    # The table of contents can be whole while the data behind it is cut: render the SQL once to be sure.
    rendered = _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)],
                    dict(os.environ))
    if rendered.returncode != 0:
        raise BackupError(f"{source} is corrupt ({rendered.stderr.decode(errors='replace').strip()})")


def _pg_restore(url: str, source: Path) -> None:
    dsn, env = _pg_args(url)
    rendered = _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)], env)
    if rendered.returncode != 0:
        raise BackupError(f"{source} is corrupt ({rendered.stderr.decode(errors='replace').strip()})")
    script = b"DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n" + rendered.stdout
    done = _run([_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                 f"--dbname={dsn}", "--file=-"], env, stdin=script)
    if done.returncode != 0:
        raise BackupError("restore failed, the database is unchanged "
                          f"({done.stderr.decode(errors='replace').strip()})")

"""Database engine and sessions (SQLModel over SQLAlchemy), for services, CLI and tests.

Contract:
- ``get_engine()`` returns one engine per database URL for the process. SQLite connections get WAL,
  ``busy_timeout=5000`` and ``foreign_keys=ON``; PostgreSQL uses psycopg 3.
- ``session_scope()`` yields a Session that commits on success and rolls back on any error, so a failed
  write leaves nothing half-saved.
- ``immediate_scope()`` is for check-then-update writes: ``BEGIN IMMEDIATE`` on SQLite (the write lock is
  taken up front), an ordinary transaction on PostgreSQL, where callers lock rows with ``FOR UPDATE``.
- ``after_outcome(session, committed=..., rolled_back=...)`` ties a side effect outside the database (files)
  to the transaction's fate: ``committed()`` runs once it commits, ``rolled_back()`` once it rolls back,
  whichever comes first, and only once (a savepoint rolling back is not the transaction's outcome).
- Nothing here creates tables: the schema comes from Alembic migrations (``make migrate``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from marketplace.core.settings import PROJECT_ROOT, get_settings


def normalise_url(url: str) -> str:
    """Relative SQLite paths are relative to the project root; ``postgresql://`` means psycopg 3."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        relative = url.removeprefix("sqlite:///")
        if relative and relative != ":memory:":
            path = PROJECT_ROOT / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{path}"
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API connection
    # Let SQLAlchemy issue BEGIN itself (so BEGIN IMMEDIATE is possible), see the SQLAlchemy docs on
    # "Serializable isolation / Savepoints / Transactional DDL" for pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn) -> None:  # noqa: ANN001
    mode = conn.info.pop("begin_mode", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


@cache
def engine_for(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    return engine


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


@contextmanager
def _unit_of_work(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, _unit_of_work(session):
        yield session


@contextmanager
def immediate_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Like :func:`session_scope`, but on SQLite the transaction takes the write lock at BEGIN."""
    engine = engine or get_engine()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.info["begin_mode"] = "IMMEDIATE"  # read by the 'begin' listener
        with Session(bind=connection, expire_on_commit=False) as session, _unit_of_work(session):
            yield session


def after_outcome(session: Session, *, committed: Callable[[], None] | None = None,
                  rolled_back: Callable[[], None] | None = None) -> None:
    """Run ``committed`` after the session's transaction commits, or ``rolled_back`` after it rolls back."""
    done = False

    def on_commit(_session: Session) -> None:
        nonlocal done
        if not done:
            done = True
            if committed:
                committed()

    def on_rollback(_session: Session, previous) -> None:  # noqa: ANN001 - SQLAlchemy SessionTransaction
        nonlocal done
        if not done and not previous.nested:
            done = True
            if rolled_back:
                rolled_back()

    event.listen(session, "after_commit", on_commit)
    event.listen(session, "after_soft_rollback", on_rollback)

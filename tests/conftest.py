"""Shared fixtures: a migrated throwaway database per backend (SQLite always, PostgreSQL when it answers).

``db_engine`` (and ``db_url``, the same database's URL) is parametrised over both backends; a PostgreSQL case
is skipped with a printed reason when 127.0.0.1:5432 does not answer. Each test gets a fresh database at the
head revision: a temp SQLite file, or a new PostgreSQL database created for the test and dropped afterwards.

Speed: the migrations run once per test process (each pytest-xdist worker is one), into a template built by a
real ``alembic upgrade head`` from empty; a test's database is a copy of it (SQLite: the file is copied with
SQLite's backup API; PostgreSQL: ``CREATE DATABASE .. TEMPLATE``). tests/integration/core/test_migrations.py
checks that upgrade builds exactly the models' schema and that downgrade empties it. ``migrate(url)`` makes the
same copy for a SQLite file that does not exist yet, and runs Alembic for anything else. ``sqlite_url`` and
``pg_url`` stay empty databases. PostgreSQL names carry the xdist worker id (``mp_test_gw0_...``); every
template and test database is dropped after its test or session.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from marketplace.core.db import engine_for, normalise_url

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_BASE_URL = PG_ADMIN_URL.rsplit("/", 1)[0]
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# Property tests check what holds, not how fast examples are drawn: on a shared 2-core machine under load a
# draw can take longer than Hypothesis's default budget, which is no failure of the code under test.
settings.register_profile("meridian", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("meridian")

PG_UP = port_open("127.0.0.1", 5432)
REDIS_UP = port_open("127.0.0.1", 6379)
PG_SKIP = "PostgreSQL not reachable on 127.0.0.1:5432"
REDIS_SKIP = "Redis not reachable on 127.0.0.1:6379"


def alembic_upgrade(url: str) -> None:
    """``alembic upgrade head`` on ``url`` (the real migrations, every time)."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.cmd_opts = type("Opts", (), {"x": [f"url={url}"]})()
    command.upgrade(config, "head")


_sqlite_template: list[Path] = []  # built once per process


def sqlite_template() -> Path:
    """A SQLite file at the head revision, built once per process by ``alembic upgrade head`` from empty."""
    if not _sqlite_template:
        folder = Path(tempfile.mkdtemp(prefix=f"mp_tmpl_{WORKER}_"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.db"
        url = f"sqlite:///{path}"
        alembic_upgrade(url)
        engine_for(url).dispose()
        _sqlite_template.append(path)
    return _sqlite_template[0]


def _sqlite_path(url: str) -> Path | None:
    url = normalise_url(url)
    if not url.startswith("sqlite:///") or url.endswith(":memory:") or "?" in url:
        return None
    return Path(url.removeprefix("sqlite:///"))


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the head revision. A SQLite file that does not exist yet (or is empty)
    becomes a copy of this process's migrated template; anything else runs ``alembic upgrade head``."""
    path = _sqlite_path(url)
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(sqlite_template())) as source, closing(sqlite3.connect(path)) as copy:
            source.backup(copy)
        return
    alembic_upgrade(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database (the file does not exist yet)."""
    return f"sqlite:///{tmp_path / 'test.db'}"


def _pg_name(prefix: str) -> str:
    return f"{prefix}_{WORKER}_{uuid.uuid4().hex[:12]}"


@contextmanager
def throwaway_pg_database(prefix: str = "mp_test", template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database for the block (empty, or a copy of ``template``), dropped afterwards (tests and
    benchmarks)."""
    name = _pg_name(prefix)
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    try:
        yield f"{PG_BASE_URL}/{name}"
    finally:
        engine_for.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """An empty PostgreSQL database, dropped after the test."""
    if not PG_UP:
        pytest.skip(PG_SKIP)
    with throwaway_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """The name of a PostgreSQL database at the head revision, migrated once per test process (xdist worker)
    and dropped at its end; nothing stays connected to it, so ``CREATE DATABASE .. TEMPLATE`` can copy it."""
    if not PG_UP:
        pytest.skip(PG_SKIP)
    with throwaway_pg_database("mp_tmpl") as url:
        alembic_upgrade(url)
        engine_for(url).dispose()
        engine_for.cache_clear()
        yield url.rsplit("/", 1)[1]


@pytest.fixture
def migrated_pg_url(pg_template: str) -> Iterator[str]:
    """A PostgreSQL database at the head revision (a copy of ``pg_template``), dropped after the test."""
    with throwaway_pg_database(template=pg_template) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of this test's database at the head revision, on each backend (the one ``db_engine`` uses)."""
    if request.param == "postgres":
        return request.getfixturevalue("migrated_pg_url")
    url = request.getfixturevalue("sqlite_url")
    migrate(url)
    return url


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = engine_for(db_url)
    yield engine
    engine.dispose()
    engine_for.cache_clear()


def run_async(coroutine):  # noqa: ANN001, ANN201
    """``asyncio.run`` in a thread of its own: Playwright's sync API (a session fixture of the browser tests)
    keeps an event loop running in the main thread, where ``asyncio.run`` refuses to start another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

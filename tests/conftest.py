"""Shared fixtures: a migrated throwaway database per backend (SQLite always, PostgreSQL when it answers).

``db_engine`` is parametrised over both backends; a PostgreSQL case is skipped with a printed reason when
127.0.0.1:5432 does not answer. Each test gets a fresh database: a temp SQLite file, or a new PostgreSQL
database created for the test and dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from marketplace.core.db import engine_for

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


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


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.cmd_opts = type("Opts", (), {"x": [f"url={url}"]})()
    command.upgrade(config, "head")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@contextmanager
def throwaway_pg_database(prefix: str = "mp_test") -> Iterator[str]:
    """A new, empty PostgreSQL database for the block, dropped afterwards (tests and benchmarks)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        engine_for.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not PG_UP:
        pytest.skip(PG_SKIP)
    with throwaway_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    migrate(db_url)
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

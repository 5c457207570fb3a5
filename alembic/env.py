"""Alembic environment: target metadata is every Meridian table; the URL comes from DATABASE_URL
(or ``-x url=...``). SQLite runs in batch mode so ALTERs work there too. The full-text search index
(FTS5 / tsvector, kept by triggers) is not a model: ``include_in_schema_comparison`` leaves it out of
autogenerate."""

from alembic import context
from sqlmodel import SQLModel

import marketplace.models  # noqa: F401 - registers every table
from marketplace.catalog.search_index import include_in_schema_comparison
from marketplace.core.db import engine_for
from marketplace.core.settings import get_settings

target_metadata = SQLModel.metadata


def _url() -> str:
    return context.get_x_argument(as_dictionary=True).get("url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, compare_type=True,
                      include_name=include_in_schema_comparison)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = engine_for(_url())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                          include_name=include_in_schema_comparison)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

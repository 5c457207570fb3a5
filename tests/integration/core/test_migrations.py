"""The Alembic migrations build exactly the schema the models declare, and downgrade cleanly.

The full-text search index (an FTS5 virtual table with its shadow tables on SQLite, a tsvector table on
PostgreSQL, and its version row) has no SQLModel model: it is left out of the comparison by the same
``include_name`` hook Alembic's env.py uses, and checked by tests/integration/catalog/test_search_index.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import marketplace.models as models
from marketplace.catalog.search_index import include_in_schema_comparison
from tests.conftest import ROOT


def _config():
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    return config


def test_upgrade_matches_the_models_and_downgrade_empties(db_engine, db_url):
    with db_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                          "include_name": include_in_schema_comparison})
        assert compare_metadata(context, models.metadata) == []
    from alembic import command

    config = _config()
    config.cmd_opts = type("Opts", (), {"x": [f"url={db_url}"]})()
    command.downgrade(config, "base")
    assert set(inspect(db_engine).get_table_names()) <= {"alembic_version"}

"""search index: full-text documents per product and language, kept by triggers

SQLite: an FTS5 virtual table; PostgreSQL: a tsvector table with a GIN index. Both are filled here for
existing rows and kept current by triggers on products and product_translations (see
marketplace/catalog/search_index.py for the statements and the contract).

Note for later migrations: SQLite batch mode re-creates a table to alter it, which drops its triggers. A
migration that batch-alters ``products`` or ``product_translations`` must run the trigger statements of
``search_index.ddl("sqlite")`` again afterwards.

Revision ID: 0003_search_index
Revises: 0002_checkout_ledger
Create Date: 2026-11-25 23:00:00
"""
from collections.abc import Sequence

from alembic import op
from marketplace.catalog import search_index

revision: str = '0003_search_index'
down_revision: str | None = '0002_checkout_ledger'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in search_index.ddl(dialect) + search_index.backfill(dialect):
        op.execute(statement)


def downgrade() -> None:
    for statement in search_index.drop_ddl(op.get_bind().dialect.name):
        op.execute(statement)

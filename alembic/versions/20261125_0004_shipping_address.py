"""shipping address, phone and shopper language on checkouts and order groups

Revision ID: 0004_delivery_address
Revises: 0003_search_index
Create Date: 2026-11-25 23:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '0004_delivery_address'
down_revision: str | None = '0003_search_index'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('checkout_sessions', 'order_groups')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('delivery_address', sa.JSON(), nullable=False, server_default='{}'))
            batch_op.add_column(sa.Column('phone', sa.String(length=32), nullable=False, server_default=''))
            batch_op.add_column(sa.Column('lang', sa.String(length=8), nullable=False, server_default='en'))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('lang')
            batch_op.drop_column('phone')
            batch_op.drop_column('delivery_address')

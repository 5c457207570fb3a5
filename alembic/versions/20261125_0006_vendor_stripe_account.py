"""vendor stripe connect account

Revision ID: 0006_vendor_connect
Revises: 0005_account_extras
Create Date: 2026-11-25 23:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '0006_vendor_connect'
down_revision: str | None = '0005_account_extras'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stripe_account_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_column('stripe_account_id')

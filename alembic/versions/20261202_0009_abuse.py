"""abuse limits: shared rate-limit counters, who holds stock (cart and client address)

Revision ID: 20261202_0009_abuse
Revises: 0006_vendor_connect
Create Date: 2026-12-02 03:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0009_abuse'
down_revision: str | None = '0006_vendor_connect'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'rate_hits',
        sa.Column('bucket', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('window_start', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('expires', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('bucket', 'key', 'window_start', name=op.f('pk_rate_hits')),
    )
    with op.batch_alter_table('rate_hits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_hits_expires'), ['expires'], unique=False)
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cart_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('client', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_reservations_cart_id'), ['cart_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_reservations_client'), ['client'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_reservations_client'))
        batch_op.drop_index(batch_op.f('ix_stock_reservations_cart_id'))
        batch_op.drop_column('client')
        batch_op.drop_column('cart_id')
    with op.batch_alter_table('rate_hits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_hits_expires'))
    op.drop_table('rate_hits')

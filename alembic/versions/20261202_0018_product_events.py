"""product_events: product page views and add-to-carts for the sellers' sales figures

Revision ID: 20261202_0018_product_events
Revises: 20261202_0017_stock_history
Create Date: 2026-12-02 14:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0018_product_events'
down_revision: str | None = '20261202_0017_stock_history'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('product_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('visitor', sa.String(length=32), nullable=False),
    sa.Column('window', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_events_product_id_products'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_product_events_vendor_id_vendors'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_events')),
    sa.UniqueConstraint('product_id', 'kind', 'visitor', 'window', name='uq_product_events_once_per_window'),
    )
    with op.batch_alter_table('product_events', schema=None) as batch_op:
        batch_op.create_index('ix_product_events_vendor_at', ['vendor_id', 'at', 'kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('product_events', schema=None) as batch_op:
        batch_op.drop_index('ix_product_events_vendor_at')
    op.drop_table('product_events')

"""stock history: stock_changes (every change of a variant's stock, with reason, actor and reference) and a
low-stock threshold per variant with its alert flag

Revision ID: 20261202_0017_stock_history
Revises: 20261202_0019_vendor_team
Create Date: 2026-12-02 14:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0017_stock_history'
down_revision: str | None = '20261202_0019_vendor_team'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stock_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('stock_after', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_stock_changes_actor_user_id_users')),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_stock_changes_variant_id_variants'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_changes'))
    )
    with op.batch_alter_table('stock_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_changes_variant_id'), ['variant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_changes_at'), ['at'], unique=False)
    with op.batch_alter_table('variants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('low_stock_threshold', sa.Integer(), nullable=False, server_default='5'))
        batch_op.add_column(sa.Column('low_stock_alerted', sa.Boolean(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('variants', schema=None) as batch_op:
        batch_op.drop_column('low_stock_alerted')
        batch_op.drop_column('low_stock_threshold')
    with op.batch_alter_table('stock_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_changes_at'))
        batch_op.drop_index(batch_op.f('ix_stock_changes_variant_id'))
    op.drop_table('stock_changes')

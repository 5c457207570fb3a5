"""fx_rates, fx_refreshes, fx_overrides: the last good exchange rates, refresh attempts and staff overrides

Revision ID: 20261202_0025_fx_commission
Revises: 20261202_0024_support_desk
Create Date: 2026-12-02 18:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0025_fx_commission'
down_revision: str | None = '20261202_0024_support_desk'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'fx_rates',
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('per_eur', sa.String(length=40), nullable=False),
        sa.Column('source', sa.String(length=120), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('currency', name=op.f('pk_fx_rates')),
    )
    op.create_table(
        'fx_refreshes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('trigger', sa.String(length=8), nullable=False),
        sa.Column('daily_key', sa.String(length=10), nullable=True),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.Column('source', sa.String(length=120), nullable=False),
        sa.Column('rates', sa.Integer(), nullable=False),
        sa.Column('message', sa.String(length=300), nullable=False),
        sa.Column('actor_user_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_fx_refreshes_actor_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_refreshes')),
        sa.UniqueConstraint('daily_key', name='uq_fx_refreshes_daily_key'),
    )
    op.create_index(op.f('ix_fx_refreshes_at'), 'fx_refreshes', ['at'], unique=False)
    op.create_table(
        'fx_overrides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('base', sa.String(length=3), nullable=False),
        sa.Column('quote', sa.String(length=3), nullable=False),
        sa.Column('rate', sa.String(length=40), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reason', sa.String(length=300), nullable=False),
        sa.Column('set_by_user_id', sa.Integer(), nullable=True),
        sa.Column('set_by', sa.String(length=254), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('removed_by_user_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['set_by_user_id'], ['users.id'], name=op.f('fk_fx_overrides_set_by_user_id_users')),
        sa.ForeignKeyConstraint(['removed_by_user_id'], ['users.id'],
                                name=op.f('fk_fx_overrides_removed_by_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_overrides')),
    )
    op.create_index(op.f('ix_fx_overrides_created_at'), 'fx_overrides', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_fx_overrides_created_at'), table_name='fx_overrides')
    op.drop_table('fx_overrides')
    op.drop_index(op.f('ix_fx_refreshes_at'), table_name='fx_refreshes')
    op.drop_table('fx_refreshes')
    op.drop_table('fx_rates')

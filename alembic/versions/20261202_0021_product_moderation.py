"""Product moderation: product_flags (reports, keyword and restricted-goods findings, customs-relevant edits) and
moderation_keywords (staff-managed, seeded with a few phrases).

Revision ID: 20261202_0021_product_moderation
Revises: 20261202_0025_fx_commission
Create Date: 2026-12-02 19:00:00
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from marketplace.catalog.moderation_rules import DEFAULT_KEYWORDS

revision: str = '20261202_0021_product_moderation'
down_revision: str | None = '20261202_0025_fx_commission'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'product_flags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('reporter_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('resolution', sa.String(length=12), nullable=False),
        sa.Column('staff_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reporter_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_product_flags_product_id', 'product_flags', ['product_id'])
    op.create_index('ix_product_flags_source', 'product_flags', ['source'])
    op.create_index('ix_product_flags_reporter_id', 'product_flags', ['reporter_id'])
    keywords = op.create_table(
        'moderation_keywords',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('phrase', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_moderation_keywords_phrase', 'moderation_keywords', ['phrase'], unique=True)
    now = datetime.now(UTC)
    op.bulk_insert(keywords, [{'phrase': phrase, 'created_at': now} for phrase in DEFAULT_KEYWORDS])


def downgrade() -> None:
    op.drop_index('ix_moderation_keywords_phrase', table_name='moderation_keywords')
    op.drop_table('moderation_keywords')
    op.drop_index('ix_product_flags_reporter_id', table_name='product_flags')
    op.drop_index('ix_product_flags_source', table_name='product_flags')
    op.drop_index('ix_product_flags_product_id', table_name='product_flags')
    op.drop_table('product_flags')

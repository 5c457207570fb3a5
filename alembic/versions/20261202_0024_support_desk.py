"""The support desk: support_tickets (status, priority, assignee per support thread), support_notes (internal,
staff only) and canned_replies (per language, seeded with the defaults in en and de).

Revision ID: 20261202_0024_support_desk
Revises: 20261202_0022_review_moderation
Create Date: 2026-12-02 18:00:00
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa

from alembic import op
from marketplace.support.canned_defaults import DEFAULTS

revision: str = '20261202_0024_support_desk'
down_revision: str | None = '20261202_0022_review_moderation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'support_tickets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('thread_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('priority', sa.String(length=8), nullable=False),
        sa.Column('assignee_id', sa.Integer(), nullable=True),
        sa.Column('customer_kind', sa.String(length=8), nullable=False),
        sa.Column('vendor_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['thread_id'], ['message_threads.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['assignee_id'], ['users.id']),
        sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_support_tickets_thread_id', 'support_tickets', ['thread_id'], unique=True)
    op.create_index('ix_support_tickets_status', 'support_tickets', ['status'])
    op.create_index('ix_support_tickets_assignee_id', 'support_tickets', ['assignee_id'])
    op.create_table(
        'support_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('thread_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['thread_id'], ['message_threads.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_support_notes_thread_id', 'support_notes', ['thread_id'])
    canned = op.create_table(
        'canned_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_canned_replies_language', 'canned_replies', ['language'])
    now = datetime.now(UTC)
    op.bulk_insert(canned, [{'title': title, 'language': lang, 'body': body, 'created_at': now, 'updated_at': now}
                            for title, lang, body in DEFAULTS])


def downgrade() -> None:
    op.drop_table('canned_replies')
    op.drop_table('support_notes')
    op.drop_table('support_tickets')

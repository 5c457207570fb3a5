"""reviews.status_reason, reviews.moderated_at: staff approve or reject shoppers' reviews with a reason

Revision ID: 20261202_0022_review_moderation
Revises: 20261202_0020_staff_roles
Create Date: 2026-12-02 18:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0022_review_moderation'
down_revision: str | None = '20261202_0020_staff_roles'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_reason', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('moderated_at')
        batch_op.drop_column('status_reason')

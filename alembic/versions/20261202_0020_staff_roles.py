"""users.staff_role: a staff member's role (moderator, support, finance; accounts.staff_roles)

Existing staff accounts become moderators: before this revision every staff member moderated vendors.

Revision ID: 20261202_0020_staff_roles
Revises: 20261202_0018_product_events
Create Date: 2026-12-02 17:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0020_staff_roles'
down_revision: str | None = '20261202_0018_product_events'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_role', sa.String(length=16), nullable=True))
    op.execute("UPDATE users SET staff_role = 'moderator' WHERE role = 'staff'")


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('staff_role')

"""vendor team: e-mailed invitations to join a vendor with a role (owner, manager, packer)

Revision ID: 20261202_0019_vendor_team
Revises: 20261202_0015_vendor_onboarding
Create Date: 2026-12-02 14:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0019_vendor_team'
down_revision: str | None = '20261202_0015_vendor_onboarding'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('vendor_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_user_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_user_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_invitations_vendor_id_vendors'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_user_id'], ['users.id'],
                            name=op.f('fk_vendor_invitations_invited_by_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['accepted_user_id'], ['users.id'],
                            name=op.f('fk_vendor_invitations_accepted_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_vendor_invitations_token_hash'))
    )
    with op.batch_alter_table('vendor_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_invitations_vendor_id'), ['vendor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_invitations_email'), ['email'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vendor_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_invitations_email'))
        batch_op.drop_index(batch_op.f('ix_vendor_invitations_vendor_id'))
    op.drop_table('vendor_invitations')

"""vendor onboarding: IOSS number, tax id check, return address, payout account, Stripe onboarding account,
submitted_at; vendor_documents (verification files kept in the private document store)

Revision ID: 20261202_0015_vendor_onboarding
Revises: 20261202_0014_returns
Create Date: 2026-12-02 14:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0015_vendor_onboarding'
down_revision: str | None = '20261202_0014_returns'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = (('ioss_number', 12), ('tax_id_scheme', 16), ('return_name', 120), ('return_street_address', 300),
         ('return_postal_code', 20), ('return_city', 120), ('return_region', 120), ('return_country', 2),
         ('payout_method', 16), ('payout_holder', 120), ('payout_account', 34), ('payout_routing', 20),
         ('payout_bic', 11))


def upgrade() -> None:
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        for name, length in _TEXT:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tax_id_checked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('return_same', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('stripe_onboarding_account', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('vendor_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=120), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('storage_name', sa.String(length=200), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_documents_vendor_id_vendors'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_vendor_documents_uploaded_by_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_documents'))
    )
    with op.batch_alter_table('vendor_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_documents_vendor_id'), ['vendor_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vendor_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_documents_vendor_id'))
    op.drop_table('vendor_documents')
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_column('submitted_at')
        batch_op.drop_column('stripe_onboarding_account')
        batch_op.drop_column('return_same')
        batch_op.drop_column('tax_id_checked_at')
        for name, _ in reversed(_TEXT):
            batch_op.drop_column(name)

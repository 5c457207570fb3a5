"""disputes: Stripe disputes on payments, and ledger entries that name the dispute they hold or reverse

Revision ID: 20261202_0010_disputes
Revises: 20261202_0009_abuse
Create Date: 2026-12-02 03:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261202_0010_disputes'
down_revision: str | None = '20261202_0009_abuse'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('disputes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=100), nullable=False),
    sa.Column('charge_id', sa.String(length=100), nullable=True),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('amount_currency', sa.String(length=3), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_disputes_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disputes')),
    sa.UniqueConstraint('external_id', name=op.f('uq_disputes_external_id'))
    )
    with op.batch_alter_table('disputes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disputes_payment_id'), ['payment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disputes_state'), ['state'], unique=False)

    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dispute_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_ledger_entries_dispute_id'), ['dispute_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entries_dispute_id_disputes'), 'disputes',
                                    ['dispute_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ledger_entries_dispute_id_disputes'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_ledger_entries_dispute_id'))
        batch_op.drop_column('dispute_id')

    with op.batch_alter_table('disputes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disputes_state'))
        batch_op.drop_index(batch_op.f('ix_disputes_payment_id'))

    op.drop_table('disputes')

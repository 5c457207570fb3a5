"""returns: return requests (return, exchange, repair) and their lines

Revision ID: 20261202_0014_returns
Revises: 20261202_0013_vendor_address
Create Date: 2026-12-02 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0014_returns'
down_revision: str | None = '20261202_0013_vendor_address'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('return_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('vendor_order_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decline_reason', sa.String(length=500), nullable=True),
    sa.Column('carrier', sa.String(length=40), nullable=False),
    sa.Column('tracking_number', sa.String(length=60), nullable=True),
    sa.Column('label_path', sa.String(length=300), nullable=True),
    sa.Column('customs_path', sa.String(length=300), nullable=True),
    sa.Column('outbound_tracking', sa.String(length=60), nullable=True),
    sa.Column('outbound_label_path', sa.String(length=300), nullable=True),
    sa.Column('refund_id', sa.Integer(), nullable=True),
    sa.Column('refund_minor', sa.BigInteger(), nullable=True),
    sa.Column('refund_currency', sa.String(length=3), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_return_requests_refund_id_refunds')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_return_requests_user_id_users')),
    sa.ForeignKeyConstraint(['vendor_order_id'], ['vendor_orders.id'],
                            name=op.f('fk_return_requests_vendor_order_id_vendor_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_requests'))
    )
    with op.batch_alter_table('return_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_requests_number'), ['number'], unique=True)
        batch_op.create_index(batch_op.f('ix_return_requests_vendor_order_id'), ['vendor_order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_requests_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_requests_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_requests_tracking_number'), ['tracking_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_requests_created_at'), ['created_at'], unique=False)
    op.create_table('return_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_return_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'],
                            name=op.f('fk_return_lines_order_line_id_order_lines')),
    sa.ForeignKeyConstraint(['return_id'], ['return_requests.id'],
                            name=op.f('fk_return_lines_return_id_return_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_lines'))
    )
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_lines_return_id'), ['return_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_lines_order_line_id'), ['order_line_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_lines_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_return_lines_return_id'))
    op.drop_table('return_lines')
    with op.batch_alter_table('return_requests', schema=None) as batch_op:
        for name in ('created_at', 'tracking_number', 'status', 'user_id', 'vendor_order_id', 'number'):
            batch_op.drop_index(batch_op.f(f'ix_return_requests_{name}'))
    op.drop_table('return_requests')

"""fulfilment: a packed parcel's dimensions and label time on shipments, and the carrier's tracking events

Revision ID: 20261202_0012_fulfilment
Revises: 20261202_0011_auth
Create Date: 2026-12-02 08:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0012_fulfilment'
down_revision: str | None = '20261202_0011_auth'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('length_mm', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('width_mm', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('height_mm', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('label_purchased_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('shipment_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('location', sa.String(length=120), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_shipment_events_shipment_id_shipments'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_events')),
    sa.UniqueConstraint('shipment_id', 'code', 'at', name='uq_shipment_events_shipment_code_at')
    )
    with op.batch_alter_table('shipment_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_events_shipment_id'), ['shipment_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('shipment_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipment_events_shipment_id'))
    op.drop_table('shipment_events')
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_column('label_purchased_at')
        batch_op.drop_column('height_mm')
        batch_op.drop_column('width_mm')
        batch_op.drop_column('length_mm')

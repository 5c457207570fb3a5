"""vendor address: where parcels leave from (street, postal code, region, phone), EORI and VAT numbers, return window

Revision ID: 20261202_0013_vendor_address
Revises: 20261202_0012_fulfilment
Create Date: 2026-12-02 10:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = '20261202_0013_vendor_address'
down_revision: str | None = '20261202_0012_fulfilment'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = (('street_address', 300), ('postal_code', 20), ('region', 120), ('phone', 40), ('eori_number', 20),
         ('vat_number', 20))


def upgrade() -> None:
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        for name, length in _TEXT:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('return_window_days', sa.Integer(), nullable=False, server_default='14'))


def downgrade() -> None:
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_column('return_window_days')
        for name, _ in reversed(_TEXT):
            batch_op.drop_column(name)

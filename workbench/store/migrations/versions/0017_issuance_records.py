"""every unit transaction records the serial range it moved, so an issuance and a retirement can be described as
they happened after their blocks were split by later transfers

Revision ID: 0017_issuance_records
Revises: 0017_references
Create Date: 2026-11-30 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0017_issuance_records'
down_revision = '0017_references'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit_transaction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last', sa.Integer(), nullable=True))
    # Units always leave a block from its front and the block keeps the rest, so a block's last serial never changes
    # and the range a transaction moved was the last `quantity` serials of the block it names.
    op.execute("UPDATE unit_transaction SET "
               "last = (SELECT b.last FROM unit_block b WHERE b.id = unit_transaction.block_id), "
               "first = (SELECT b.last FROM unit_block b WHERE b.id = unit_transaction.block_id) - quantity + 1")


def downgrade() -> None:
    with op.batch_alter_table('unit_transaction', schema=None) as batch_op:
        batch_op.drop_column('last')
        batch_op.drop_column('first')

"""a user's reference edition records who confirmed it, when, and against which published source

Revision ID: 0018_reference_confirmation
Revises: 0017_meter_calibrations
Create Date: 2026-11-30 22:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_reference_confirmation'
down_revision = '0017_meter_calibrations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reference_override', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed_by', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_source', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reference_override', schema=None) as batch_op:
        batch_op.drop_column('confirmed_source')
        batch_op.drop_column('confirmed_at')
        batch_op.drop_column('confirmed_by')

"""meter readings keep one index: the unique (meter, start) one already serves look-ups by meter

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-23 13:20:00
"""
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_meter_reading_meter_id', table_name='meter_reading')


def downgrade() -> None:
    op.create_index('ix_meter_reading_meter_id', 'meter_reading', ['meter_id'], unique=False)

"""meters and readings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:33:08.057631
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('accuracy_class', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('calibrated_on', sa.Date(), nullable=True),
    sa.Column('calibration_error', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('location', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_meter_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter')),
    sa.UniqueConstraint('project_id', 'serial', name=op.f('uq_meter_project_id'))
    )
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meter_project_id'), ['project_id'], unique=False)

    op.create_table('meter_reading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meter_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('wh', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['meter_id'], ['meter.id'], name=op.f('fk_meter_reading_meter_id_meter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter_reading')),
    sa.UniqueConstraint('meter_id', 'start', name=op.f('uq_meter_reading_meter_id'))
    )
    with op.batch_alter_table('meter_reading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meter_reading_meter_id'), ['meter_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meter_reading', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meter_reading_meter_id'))

    op.drop_table('meter_reading')
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meter_project_id'))

    op.drop_table('meter')

"""calibration records per meter (CCER-01-002-V01 §7.3.4), S accuracy classes, fuel meters

Revision ID: 0017_meter_calibrations
Revises: 0017_integrity
Create Date: 2026-11-30 22:00:00
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0017_meter_calibrations'
down_revision = '0017_integrity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meter_calibration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meter_id', sa.Integer(), nullable=False),
    sa.Column('calibrated_on', sa.Date(), nullable=False),
    sa.Column('error_percent', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meter_id'], ['meter.id'], name=op.f('fk_meter_calibration_meter_id_meter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter_calibration')),
    sa.UniqueConstraint('meter_id', 'calibrated_on', name=op.f('uq_meter_calibration_meter_id'))
    )
    with op.batch_alter_table('meter_calibration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meter_calibration_meter_id'), ['meter_id'], unique=False)
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accuracy_special', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('fuel', sa.String(length=32), nullable=True))
    # the one calibration a meter held becomes its first record; pass/fail from its error against the class
    bind = op.get_bind()
    meter = sa.table('meter', sa.column('id', sa.Integer), sa.column('accuracy_class', sa.String),
                     sa.column('calibrated_on', sa.Date), sa.column('calibration_error', sa.String))
    calibration = sa.table('meter_calibration', sa.column('meter_id', sa.Integer), sa.column('calibrated_on', sa.Date),
                           sa.column('error_percent', sa.String), sa.column('passed', sa.Boolean), sa.column('reference', sa.Text))
    from decimal import Decimal
    rows = bind.execute(sa.select(meter).where(meter.c.calibrated_on.is_not(None), meter.c.calibration_error.is_not(None))).all()
    for row in rows:
        passed = abs(Decimal(row.calibration_error)) <= Decimal(row.accuracy_class)
        bind.execute(calibration.insert().values(meter_id=row.id, calibrated_on=row.calibrated_on, error_percent=row.calibration_error,
                                                 passed=passed, reference="recorded before calibration records (0017)"))


def downgrade() -> None:
    with op.batch_alter_table('meter', schema=None) as batch_op:
        batch_op.drop_column('fuel')
        batch_op.drop_column('accuracy_special')
    with op.batch_alter_table('meter_calibration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meter_calibration_meter_id'))
    op.drop_table('meter_calibration')

"""accounting periods and vintage results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:56:10.546607
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accounting_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_accounting_period_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounting_period')),
    sa.UniqueConstraint('project_id', 'number', name=op.f('uq_accounting_period_project_id'))
    )
    with op.batch_alter_table('accounting_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accounting_period_project_id'), ['project_id'], unique=False)

    op.create_table('vintage_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('vintage', sa.Integer(), nullable=False),
    sa.Column('baseline', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('project_emissions', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('leakage', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('reductions', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('credited', sa.Integer(), nullable=False),
    sa.Column('ex_ante_estimate', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('deviation_note', sa.Text(), nullable=False),
    sa.Column('calculation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['accounting_period.id'], name=op.f('fk_vintage_result_period_id_accounting_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vintage_result')),
    sa.UniqueConstraint('period_id', 'vintage', name=op.f('uq_vintage_result_period_id'))
    )
    with op.batch_alter_table('vintage_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vintage_result_period_id'), ['period_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vintage_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vintage_result_period_id'))

    op.drop_table('vintage_result')
    with op.batch_alter_table('accounting_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounting_period_project_id'))

    op.drop_table('accounting_period')

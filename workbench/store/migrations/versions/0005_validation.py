"""vvbs engagements findings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 04:35:51.439690
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vvb',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('scopes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vvb'))
    )
    op.create_table('engagement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vvb_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('team', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('report_status', sa.String(length=8), nullable=False),
    sa.Column('final_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['period_id'], ['accounting_period.id'], name=op.f('fk_engagement_period_id_accounting_period')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_engagement_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vvb_id'], ['vvb.id'], name=op.f('fk_engagement_vvb_id_vvb')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagement'))
    )
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_vvb_id'), ['vvb_id'], unique=False)

    op.create_table('finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=3), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'], name=op.f('fk_finding_engagement_id_engagement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding'))
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_engagement_id'), ['engagement_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_engagement_id'))

    op.drop_table('finding')
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_vvb_id'))
        batch_op.drop_index(batch_op.f('ix_engagement_project_id'))

    op.drop_table('engagement')
    op.drop_table('vvb')

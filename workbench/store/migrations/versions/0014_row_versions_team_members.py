"""row versions for optimistic locking, team members

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-23 09:19:33.249307
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

VERSIONED = ('accounting_period', 'engagement', 'finding', 'import_mapping', 'party', 'project', 'project_parameter',
             'risk', 'site', 'unit_block')


def upgrade() -> None:
    op.create_table('team_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=63), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('full_name', sa.Text(), nullable=False),
    sa.Column('added_by', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_member')),
    sa.UniqueConstraint('login', name=op.f('uq_team_member_login'))
    )
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
    op.drop_table('team_member')

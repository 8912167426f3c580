"""project parameters

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 04:31:54.770889
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('project_parameter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_parameter_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_parameter')),
    sa.UniqueConstraint('project_id', 'key', name=op.f('uq_project_parameter_project_id'))
    )
    with op.batch_alter_table('project_parameter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_parameter_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('project_parameter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_parameter_project_id'))

    op.drop_table('project_parameter')

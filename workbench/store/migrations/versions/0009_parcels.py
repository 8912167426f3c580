"""parcels

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 05:15:53.406110
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('parcel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('geometry_wkt', sa.Text(), nullable=False),
    sa.Column('area_m2', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_parcel_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel')),
    sa.UniqueConstraint('project_id', 'name', name=op.f('uq_parcel_project_id'))
    )
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcel_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcel_project_id'))

    op.drop_table('parcel')

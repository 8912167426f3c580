"""site visit sample

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 05:28:39.328597
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sample_seed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sampled_sites', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.drop_column('sampled_sites')
        batch_op.drop_column('sample_seed')


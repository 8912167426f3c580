"""a project records its project start (项目开始日期), which the afforestation rules follow instead of construction

Revision ID: 0018_project_start
Revises: 0017_issuance_records
Create Date: 2026-12-01 00:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_project_start'
down_revision = '0018_parameter_split'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('project_start', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_column('project_start')

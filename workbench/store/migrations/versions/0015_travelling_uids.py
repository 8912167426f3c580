"""row identities that travel in project packages

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-23 09:05:00
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

TRAVELLING = ('allocation', 'engagement', 'evidence_file', 'finding', 'joint_decision', 'party', 'stage_event',
              'unit_block', 'unit_transaction')


def upgrade() -> None:
    bind = op.get_bind()
    for table in TRAVELLING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('uid', sa.String(length=32), nullable=True))
        t = sa.table(table, sa.column('id', sa.Integer), sa.column('uid', sa.String))
        for (row_id,) in bind.execute(sa.select(t.c.id)).all():
            bind.execute(t.update().where(t.c.id == row_id).values(uid=uuid.uuid4().hex))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('uid', existing_type=sa.String(length=32), nullable=False)


def downgrade() -> None:
    for table in reversed(TRAVELLING):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('uid')

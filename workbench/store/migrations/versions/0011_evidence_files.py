"""evidence files

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 07:11:40.246529
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('attached_to', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.Column('added_by', sa.Text(), nullable=False),
    sa.Column('retain_until', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_evidence_file_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_file'))
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_sha256'), ['sha256'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_file_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_project_id'))

    op.drop_table('evidence_file')

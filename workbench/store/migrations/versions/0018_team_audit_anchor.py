"""team mode: the audit chain's head anchored by the owners' key, in a table only owners may write

Revision ID: 0018_team_audit_anchor
Revises: 0017_issuance_records
Create Date: 2026-12-01 01:00:00

A workspace file keeps its anchor in a sidecar file and leaves the table empty. On a team database the members'
grants are applied again after every migration (``team_db.grant_members``), which gives non-owners only SELECT on
``audit_anchor``.
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_team_audit_anchor'
down_revision = '0018_project_start'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_anchor',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('workspace', sa.String(length=32), nullable=False),
                    sa.Column('last_id', sa.Integer(), nullable=False),
                    sa.Column('last_hash', sa.String(length=64), nullable=False),
                    sa.Column('signed_by', sa.Text(), nullable=False),
                    sa.Column('signed_at', sa.String(length=32), nullable=False),
                    sa.Column('key', sa.String(length=16), nullable=False),
                    sa.Column('mac', sa.String(length=64), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_anchor')))


def downgrade() -> None:
    op.drop_table('audit_anchor')

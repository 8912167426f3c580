"""write lock row; on a team database, non-owners may only add audit entries

Revision ID: 0017_integrity
Revises: 0016
Create Date: 2026-11-30 22:00:00

``write_lock`` holds one row that every action locks first on PostgreSQL (``SELECT … FOR UPDATE`` needs UPDATE on
it, so a reviewer cannot take it). On a team database the grants consultants and reviewers held on ``audit_entry``
beyond SELECT and INSERT are revoked (only an owner runs migrations there; ``team_db.grant`` keeps it so).
"""
import sqlalchemy as sa
from alembic import op


revision = '0017_integrity'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('write_lock', sa.Column('id', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_write_lock')))
    op.execute("INSERT INTO write_lock (id) VALUES (1)")
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        quote = bind.dialect.identifier_preparer.quote
        for (login,) in bind.execute(sa.text("SELECT login FROM team_member WHERE role <> 'owner'")):
            bind.execute(sa.text(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM {quote(login)}"))


def downgrade() -> None:
    op.drop_table('write_lock')

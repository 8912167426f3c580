"""audit hash chain

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 04:57:41.359214
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _hash(prev: str, at, actor, action, project_id, reason, payload) -> str:
    """Frozen copy of workbench.services.support.records.entry_hash as of this revision: chains the entries written before."""
    import hashlib
    import json
    from datetime import datetime

    if isinstance(at, str):  # raw SQL hands back SQLite's text; the program hashes the datetime's str()
        at = datetime.fromisoformat(at)

    canonical = json.dumps([prev, str(at), actor, action, project_id, reason, payload], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=False, server_default=""))
    bind = op.get_bind()
    prev = ""
    rows = bind.execute(sa.text("SELECT id, at, actor, action, project_id, reason, payload FROM audit_entry ORDER BY id")).all()
    for row in rows:
        digest = _hash(prev, row.at, row.actor, row.action, row.project_id, row.reason, row.payload)
        bind.execute(sa.text("UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE id = :i"), {"p": prev, "h": digest, "i": row.id})
        prev = digest



def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')


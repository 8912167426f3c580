"""project inputs in their own tables: declarations, evidence references and PDD texts leave project_parameter

Until 0017 one table held them all, told apart by the key's prefix: ``decl.KEY`` (yes/no), ``evidence.CONDITION``
(where an applicability condition is shown) and ``text.SECTION.LANG`` (the PDD's prose); a stage change's reference
was a text column of ``stage_event``. Each moves to its own table with typed columns: ``project_declaration``
(answer: a boolean), ``evidence_reference`` (for a condition or a stage change — exactly one), ``pdd_text``
(section, language, body). A value that does not fit its new type (a declaration answered neither yes nor no, a text
in a language other than en/zh) stays in ``project_parameter`` as it was, so nothing is lost.

Revision ID: 0018_parameter_split
Revises: 0017_issuance_records
Create Date: 2026-12-01 00:40:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from workbench.domain.project_inputs import split_parameter


revision = '0018_parameter_split'
down_revision = '0017_issuance_records'
branch_labels = None
depends_on = None

PARAMETER = sa.table('project_parameter', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer), sa.column('key', sa.String),
                     sa.column('value', sa.Text), sa.column('source', sa.Text), sa.column('updated_at', sa.DateTime),
                     sa.column('version', sa.Integer))


def _input(name: str, *columns: sa.sql.ColumnClause) -> sa.TableClause:
    return sa.table(name, sa.column('id', sa.Integer), sa.column('project_id', sa.Integer), sa.column('source', sa.Text),
                    sa.column('updated_at', sa.DateTime), sa.column('version', sa.Integer), *columns)


DECLARATION = _input('project_declaration', sa.column('key', sa.String), sa.column('answer', sa.Boolean))
REFERENCE = _input('evidence_reference', sa.column('condition', sa.String), sa.column('stage_event_id', sa.Integer),
                     sa.column('reference', sa.Text))
PDD_TEXT = _input('pdd_text', sa.column('section', sa.String), sa.column('lang', sa.String), sa.column('body', sa.Text))
STAGE_EVENT = sa.table('stage_event', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer), sa.column('at', sa.DateTime),
                       sa.column('evidence', sa.Text))


def _tables() -> None:
    def common(name: str, *columns: sa.Column, constraints: tuple = ()) -> None:
        op.create_table(
            name,
            sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('project_id', sa.Integer(), nullable=False),
            *columns,
            sa.Column('source', sa.Text(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False),
            sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f(f'fk_{name}_project_id_project'), ondelete='CASCADE'),
            sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
            *constraints,
        )
        op.create_index(op.f(f'ix_{name}_project_id'), name, ['project_id'], unique=False)

    common('project_declaration', sa.Column('key', sa.String(length=64), nullable=False), sa.Column('answer', sa.Boolean(), nullable=False),
           constraints=(sa.UniqueConstraint('project_id', 'key', name=op.f('uq_project_declaration_project_id')),))
    common('evidence_reference', sa.Column('condition', sa.String(length=64), nullable=True),
           sa.Column('stage_event_id', sa.Integer(), nullable=True), sa.Column('reference', sa.Text(), nullable=False),
           constraints=(sa.CheckConstraint('(condition IS NULL) != (stage_event_id IS NULL)', name=op.f('ck_evidence_reference_one_subject')),
                        sa.ForeignKeyConstraint(['stage_event_id'], ['stage_event.id'], name=op.f('fk_evidence_reference_stage_event_id_stage_event'),
                                                ondelete='CASCADE'),
                        sa.UniqueConstraint('project_id', 'condition', 'stage_event_id', name=op.f('uq_evidence_reference_project_id'))))
    op.create_index('ix_evidence_reference_one_per_condition', 'evidence_reference', ['project_id', 'condition'], unique=True,
                    sqlite_where=sa.text('condition IS NOT NULL'), postgresql_where=sa.text('condition IS NOT NULL'))
    op.create_index('ix_evidence_reference_one_per_stage_event', 'evidence_reference', ['stage_event_id'], unique=True,
                    sqlite_where=sa.text('stage_event_id IS NOT NULL'), postgresql_where=sa.text('stage_event_id IS NOT NULL'))
    common('pdd_text', sa.Column('section', sa.String(length=64), nullable=False), sa.Column('lang', sa.String(length=8), nullable=False),
           sa.Column('body', sa.Text(), nullable=False),
           constraints=(sa.UniqueConstraint('project_id', 'section', 'lang', name=op.f('uq_pdd_text_project_id')),))


def upgrade() -> None:
    bind = op.get_bind()
    _tables()
    tables = {'project_declaration': DECLARATION, 'evidence_reference': REFERENCE, 'pdd_text': PDD_TEXT}
    moved: dict[str, list[dict]] = {name: [] for name in tables}
    gone = []
    for row in bind.execute(sa.select(PARAMETER).order_by(PARAMETER.c.id)).mappings():
        target = split_parameter(row['key'], row['value'] or "")
        if target is None:
            continue
        name, columns = target
        moved[name].append({"project_id": row['project_id'], "source": row['source'] or "", "updated_at": row['updated_at'],
                            "version": 1, **columns})
        gone.append(row['id'])
    for event in bind.execute(sa.select(STAGE_EVENT).where(STAGE_EVENT.c.evidence != "").order_by(STAGE_EVENT.c.id)).mappings():
        moved['evidence_reference'].append({"project_id": event['project_id'], "condition": None, "stage_event_id": event['id'],
                                            "reference": event['evidence'], "source": "stage change", "updated_at": event['at'],
                                            "version": 1})
    for name, rows in moved.items():
        if rows:
            bind.execute(tables[name].insert(), rows)
    for start in range(0, len(gone), 500):
        bind.execute(PARAMETER.delete().where(PARAMETER.c.id.in_(gone[start:start + 500])))
    with op.batch_alter_table('stage_event', schema=None) as batch_op:
        batch_op.drop_column('evidence')


def downgrade() -> None:
    """Back into one table keyed by prefix, and the stage change's reference into its column again."""
    bind = op.get_bind()
    with op.batch_alter_table('stage_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.Text(), nullable=False, server_default=''))
    rows = []
    for r in bind.execute(sa.select(DECLARATION)).mappings():
        rows.append({"key": f"decl.{r['key']}", "value": "yes" if r['answer'] else "no", **_kept(r)})
    for r in bind.execute(sa.select(PDD_TEXT)).mappings():
        rows.append({"key": f"text.{r['section']}.{r['lang']}", "value": r['body'], **_kept(r)})
    for r in bind.execute(sa.select(REFERENCE)).mappings():
        if r['condition'] is not None:
            rows.append({"key": f"evidence.{r['condition']}", "value": r['reference'], **_kept(r)})
        else:
            bind.execute(STAGE_EVENT.update().where(STAGE_EVENT.c.id == r['stage_event_id']).values(evidence=r['reference']))
    if rows:
        bind.execute(PARAMETER.insert(), rows)
    for name in ('pdd_text', 'evidence_reference', 'project_declaration'):
        op.drop_table(name)


def _kept(row) -> dict:
    return {"project_id": row['project_id'], "source": row['source'], "updated_at": row['updated_at'], "version": 1}

"""records reference records: a project's agreement and an evidence file's target become foreign keys

A project's agreement name is matched to the recorded agreements (exact, else the only one equal after NFKC,
case-folding and removing spaces); a name that matches none is kept in ``agreement_unmatched`` and shown as a task.
An evidence file's ``attached_to`` text becomes one of five keys (project, finding, engagement, period, archived
document) with a check that exactly one is set; text that names nothing is kept in ``unmatched_target`` and the
file stays on its project, shown as a task. Accounts keep their rows; transfers now need an existing account.

Revision ID: 0017_references
Revises: 0017_integrity, 0018_reference_confirmation
Create Date: 2026-11-30 21:50:00
"""
from alembic import op
import sqlalchemy as sa

from workbench.domain.references import ArchivedDocument, find_by_name, place_old_evidence


revision = '0017_references'
down_revision = ('0017_integrity', '0018_reference_confirmation')  # also joins the two lines main holds into one head
branch_labels = None
depends_on = None

TARGETS = ("for_project_id", "for_finding_id", "for_engagement_id", "for_period_id", "for_document_id")
ONE_TARGET = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in TARGETS) + " = 1"
KEYS = (("for_project_id", "project", "CASCADE"), ("for_finding_id", "finding", None), ("for_engagement_id", "engagement", None),
        ("for_period_id", "accounting_period", None), ("for_document_id", "evidence_file", None))


def _agreements(bind) -> None:
    project = sa.table('project', sa.column('id', sa.Integer), sa.column('agreement', sa.Text), sa.column('agreement_id', sa.Integer),
                       sa.column('agreement_unmatched', sa.Text))
    agreement = sa.table('agreement', sa.column('id', sa.Integer), sa.column('name', sa.Text))
    names = dict(bind.execute(sa.select(agreement.c.id, agreement.c.name)).all())
    for row_id, text in bind.execute(sa.select(project.c.id, project.c.agreement)).all():
        found = find_by_name(text or "", names)
        unmatched = "" if found is not None else (text or "").strip()
        bind.execute(project.update().where(project.c.id == row_id).values(agreement_id=found, agreement_unmatched=unmatched))


def _evidence(bind) -> None:
    evidence = sa.table('evidence_file', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer), sa.column('kind', sa.String),
                        sa.column('attached_to', sa.Text), *(sa.column(c, sa.Integer) for c in TARGETS),
                        sa.column('unmatched_target', sa.Text), sa.column('document_kind', sa.String), sa.column('document_ref', sa.Text))
    engagement = sa.table('engagement', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer))
    finding = sa.table('finding', sa.column('id', sa.Integer), sa.column('engagement_id', sa.Integer))
    period = sa.table('accounting_period', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer), sa.column('number', sa.Integer))
    rows = bind.execute(sa.select(evidence.c.id, evidence.c.project_id, evidence.c.kind, evidence.c.attached_to).order_by(evidence.c.id)).all()
    documents: dict[int, list[ArchivedDocument]] = {}
    placed = {}
    for row in rows:  # archived documents first: evidence may point to them
        if row.kind == "document":
            placed[row.id] = place_old_evidence(row.attached_to, "document", row.project_id, (), (), {}, ())
            documents.setdefault(row.project_id, []).append(ArchivedDocument(row.id, placed[row.id].document_kind, placed[row.id].document_ref))
    for row in rows:
        if row.kind == "document":
            continue
        pid = row.project_id
        engagements = [e for (e,) in bind.execute(sa.select(engagement.c.id).where(engagement.c.project_id == pid))]
        findings = [f for (f,) in bind.execute(sa.select(finding.c.id).where(finding.c.engagement_id.in_(engagements or [-1])))]
        periods = dict(bind.execute(sa.select(period.c.number, period.c.id).where(period.c.project_id == pid)).all())
        placed[row.id] = place_old_evidence(row.attached_to, row.kind, pid, findings, engagements, periods, documents.get(pid, ()))
    for row_id, placement in placed.items():
        bind.execute(evidence.update().where(evidence.c.id == row_id).values(**placement.columns()))


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agreement_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agreement_unmatched', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_project_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_project_agreement_id_agreement'), 'agreement', ['agreement_id'], ['id'])
    _agreements(bind)
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_column('agreement')

    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        for column, _table, _ondelete in KEYS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('unmatched_target', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('document_kind', sa.String(length=32), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('document_ref', sa.Text(), nullable=False, server_default=''))
    _evidence(bind)
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        for column, table, ondelete in KEYS:
            batch_op.create_index(batch_op.f(f'ix_evidence_file_{column}'), [column], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_evidence_file_{column}_{table}'), table, [column], ['id'], ondelete=ondelete)
        batch_op.create_check_constraint(op.f('ck_evidence_file_one_target'), sa.text(ONE_TARGET))
        batch_op.drop_column('attached_to')


def downgrade() -> None:
    """Back to text: each key written as the 0016 text again (unmatched text restored as it was)."""
    bind = op.get_bind()
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attached_to', sa.Text(), nullable=False, server_default=''))
    bind.execute(sa.text(
        "UPDATE evidence_file SET attached_to = CASE"
        " WHEN unmatched_target != '' THEN unmatched_target"
        " WHEN kind = 'document' THEN TRIM('document ' || document_kind || ' ' || document_ref)"
        " WHEN for_finding_id IS NOT NULL THEN 'finding ' || for_finding_id"
        " WHEN for_engagement_id IS NOT NULL THEN 'engagement ' || for_engagement_id"
        " WHEN for_period_id IS NOT NULL THEN 'period ' || (SELECT number FROM accounting_period p WHERE p.id = for_period_id)"
        " WHEN for_document_id IS NOT NULL THEN (SELECT TRIM('document ' || d.document_kind || ' ' || d.document_ref)"
        " FROM evidence_file d WHERE d.id = evidence_file.for_document_id)"
        " ELSE '' END"))
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_evidence_file_one_target'), type_='check')
        for column, table, _ondelete in reversed(KEYS):
            batch_op.drop_constraint(batch_op.f(f'fk_evidence_file_{column}_{table}'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_evidence_file_{column}'))
        for column in ('document_ref', 'document_kind', 'unmatched_target', *reversed(TARGETS)):
            batch_op.drop_column(column)

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agreement', sa.Text(), nullable=False, server_default=''))
    bind.execute(sa.text("UPDATE project SET agreement = COALESCE((SELECT name FROM agreement a WHERE a.id = project.agreement_id),"
                         " agreement_unmatched)"))
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_agreement_id_agreement'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_project_agreement_id'))
        batch_op.drop_column('agreement_unmatched')
        batch_op.drop_column('agreement_id')

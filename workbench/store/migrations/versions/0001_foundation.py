"""foundation: projects, parties, sites, stage events, audit, reference overrides

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 03:48:45.499472
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_project_id'), ['project_id'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('title_zh', sa.Text(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('host_country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('methodology_id', sa.String(length=40), nullable=False),
    sa.Column('methodology_version', sa.String(length=16), nullable=False),
    sa.Column('agreement', sa.Text(), nullable=False),
    sa.Column('construction_start', sa.Date(), nullable=True),
    sa.Column('operation_start', sa.Date(), nullable=True),
    sa.Column('lifetime_years', sa.Integer(), nullable=True),
    sa.Column('crediting_start', sa.Date(), nullable=True),
    sa.Column('crediting_end', sa.Date(), nullable=True),
    sa.Column('registry_account', sa.String(length=80), nullable=False),
    sa.Column('stage', sa.String(length=32), nullable=False),
    sa.Column('stage_since', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('code', name=op.f('uq_project_code'))
    )
    op.create_table('reference_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('columns', sa.Text(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_override'))
    )
    with op.batch_alter_table('reference_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_override_table_name'), ['table_name'], unique=False)

    op.create_table('party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('nationality', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('participation_form', sa.String(length=32), nullable=True),
    sa.Column('contact', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_party_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party'))
    )
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_project_id'), ['project_id'], unique=False)

    op.create_table('site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('latitude', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('longitude', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('area_ha', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('distance_to_shore_km', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('water_depth_m', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_site_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site')),
    sa.UniqueConstraint('project_id', 'name', name=op.f('uq_site_project_id'))
    )
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_project_id'), ['project_id'], unique=False)

    op.create_table('stage_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('target', sa.String(length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_stage_event_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_event'))
    )
    with op.batch_alter_table('stage_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_event_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stage_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_event_project_id'))

    op.drop_table('stage_event')
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_project_id'))

    op.drop_table('site')
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_project_id'))

    op.drop_table('party')
    with op.batch_alter_table('reference_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_override_table_name'))

    op.drop_table('reference_override')
    op.drop_table('project')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_project_id'))

    op.drop_table('audit_entry')

"""forest inventories, fuel deliveries, import mappings, parcel strata

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 08:18:23.789533
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fuel_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('fuel', sa.String(length=32), nullable=False),
    sa.Column('quantity', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('error_percent', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('reference', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_fuel_delivery_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fuel_delivery')),
    sa.UniqueConstraint('project_id', 'delivered_on', 'fuel', 'reference', name=op.f('uq_fuel_delivery_project_id'))
    )
    with op.batch_alter_table('fuel_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fuel_delivery_project_id'), ['project_id'], unique=False)

    op.create_table('import_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_import_mapping_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_mapping')),
    sa.UniqueConstraint('project_id', 'kind', name=op.f('uq_import_mapping_project_id'))
    )
    with op.batch_alter_table('import_mapping', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_mapping_project_id'), ['project_id'], unique=False)

    op.create_table('sample_plot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('stratum', sa.Text(), nullable=False),
    sa.Column('area_m2', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('latitude', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('longitude', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_sample_plot_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sample_plot')),
    sa.UniqueConstraint('project_id', 'code', 'measured_on', name=op.f('uq_sample_plot_project_id'))
    )
    with op.batch_alter_table('sample_plot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sample_plot_project_id'), ['project_id'], unique=False)

    op.create_table('tree_measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plot_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.Column('species', sa.Text(), nullable=False),
    sa.Column('dbh_cm', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('height_m', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.ForeignKeyConstraint(['plot_id'], ['sample_plot.id'], name=op.f('fk_tree_measurement_plot_id_sample_plot'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tree_measurement')),
    sa.UniqueConstraint('plot_id', 'tag', name=op.f('uq_tree_measurement_plot_id'))
    )
    with op.batch_alter_table('tree_measurement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tree_measurement_plot_id'), ['plot_id'], unique=False)

    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stratum', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.drop_column('stratum')

    with op.batch_alter_table('tree_measurement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tree_measurement_plot_id'))

    op.drop_table('tree_measurement')
    with op.batch_alter_table('sample_plot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sample_plot_project_id'))

    op.drop_table('sample_plot')
    with op.batch_alter_table('import_mapping', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_mapping_project_id'))

    op.drop_table('import_mapping')
    with op.batch_alter_table('fuel_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fuel_delivery_project_id'))

    op.drop_table('fuel_delivery')

"""joint decisions and article 6 per country

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 07:17:34.920201
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('joint_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_joint_decision_agreement_id_agreement')),
    sa.ForeignKeyConstraint(['period_id'], ['accounting_period.id'], name=op.f('fk_joint_decision_period_id_accounting_period')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_joint_decision_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_decision'))
    )
    with op.batch_alter_table('joint_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_decision_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_decision_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('issuance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_issuance_decision_id_joint_decision'), 'joint_decision', ['decision_id'], ['id'])

    with op.batch_alter_table('unit_block', schema=None) as batch_op:
        batch_op.add_column(sa.Column('article6', sa.Text(), nullable=False, server_default='{}'))  # no block was authorised before
        batch_op.drop_column('authorised')
        batch_op.drop_column('adjustment')



def downgrade() -> None:
    with op.batch_alter_table('unit_block', schema=None) as batch_op:
        batch_op.add_column(sa.Column('adjustment', sa.VARCHAR(length=16), nullable=False, server_default='none'))
        batch_op.add_column(sa.Column('authorised', sa.BOOLEAN(), nullable=False, server_default='0'))
        batch_op.drop_column('article6')

    with op.batch_alter_table('issuance', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_issuance_decision_id_joint_decision'), type_='foreignkey')
        batch_op.drop_column('decision_id')

    with op.batch_alter_table('joint_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_decision_project_id'))
        batch_op.drop_index(batch_op.f('ix_joint_decision_agreement_id'))

    op.drop_table('joint_decision')

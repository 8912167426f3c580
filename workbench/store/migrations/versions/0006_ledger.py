"""ledger

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 04:38:24.874783
"""
from alembic import op
import sqlalchemy as sa
import workbench.store.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('host_country', sa.String(length=2), nullable=False),
    sa.Column('joint_body', sa.Text(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement')),
    sa.UniqueConstraint('name', name=op.f('uq_agreement_name'))
    )
    op.create_table('allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('china_share', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('host_share', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('third_party_share', workbench.store.types.ExactDecimal(length=64), nullable=False),
    sa.Column('third_party_registry', sa.String(length=8), nullable=False),
    sa.Column('decision_ref', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_allocation_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_allocation_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation'))
    )
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocation_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.Text(), nullable=False),
    sa.Column('registry', sa.String(length=2), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_account_party_id_party'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account'))
    )
    op.create_table('issuance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('decision_on', sa.Date(), nullable=False),
    sa.Column('decision_ref', sa.Text(), nullable=False),
    sa.Column('allocation_id', sa.Integer(), nullable=True),
    sa.Column('allocation_applied', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['allocation_id'], ['allocation.id'], name=op.f('fk_issuance_allocation_id_allocation')),
    sa.ForeignKeyConstraint(['period_id'], ['accounting_period.id'], name=op.f('fk_issuance_period_id_accounting_period')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_issuance_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuance')),
    sa.UniqueConstraint('period_id', name=op.f('uq_issuance_period_id'))
    )
    with op.batch_alter_table('issuance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issuance_project_id'), ['project_id'], unique=False)

    op.create_table('unit_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuance_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('vintage', sa.Integer(), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('registry', sa.String(length=2), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('third_party', sa.Boolean(), nullable=False),
    sa.Column('use', sa.String(length=16), nullable=False),
    sa.Column('authorised', sa.Boolean(), nullable=False),
    sa.Column('adjustment', sa.String(length=16), nullable=False),
    sa.Column('pledged', sa.Boolean(), nullable=False),
    sa.Column('frozen', sa.Boolean(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_unit_block_account_id_account')),
    sa.ForeignKeyConstraint(['issuance_id'], ['issuance.id'], name=op.f('fk_unit_block_issuance_id_issuance'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['unit_block.id'], name=op.f('fk_unit_block_parent_id_unit_block')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_unit_block_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_block'))
    )
    with op.batch_alter_table('unit_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_block_issuance_id'), ['issuance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_block_project_id'), ['project_id'], unique=False)

    op.create_table('unit_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('from_account_id', sa.Integer(), nullable=True),
    sa.Column('to_account_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('beneficiary', sa.Text(), nullable=False),
    sa.Column('compliance_year', sa.Integer(), nullable=True),
    sa.Column('price', workbench.store.types.ExactDecimal(length=64), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['unit_block.id'], name=op.f('fk_unit_transaction_block_id_unit_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_account_id'], ['account.id'], name=op.f('fk_unit_transaction_from_account_id_account')),
    sa.ForeignKeyConstraint(['to_account_id'], ['account.id'], name=op.f('fk_unit_transaction_to_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_transaction'))
    )
    with op.batch_alter_table('unit_transaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_transaction_block_id'), ['block_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('unit_transaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_transaction_block_id'))

    op.drop_table('unit_transaction')
    with op.batch_alter_table('unit_block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_block_project_id'))
        batch_op.drop_index(batch_op.f('ix_unit_block_issuance_id'))

    op.drop_table('unit_block')
    with op.batch_alter_table('issuance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issuance_project_id'))

    op.drop_table('issuance')
    op.drop_table('account')
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocation_agreement_id'))

    op.drop_table('allocation')
    op.drop_table('agreement')

"""people, bodies, terms, memberships, electoral units, users, settings, change log

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 13:15:45.115581
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities.base


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('created_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('login', name=op.f('uq_app_user_login'))
    )
    op.create_table('body',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.Enum('congress', 'presidium', 'council', 'party_group', 'association', name='bodykind', native_enum=False, length=19), nullable=False),
    sa.Column('association', sa.Enum('blind', 'deaf', 'physical', 'intellectual', 'psychosocial', name='association', native_enum=False, length=20), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body')),
    sa.UniqueConstraint('code', name=op.f('uq_body_code'))
    )
    op.create_table('electoral_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_electoral_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_electoral_unit_name'))
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('gender', sa.Enum('男', '女', name='gender', native_enum=False, length=11), nullable=False),
    sa.Column('ethnicity', sa.String(length=32), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('pinyin_full', sa.String(length=512), nullable=False),
    sa.Column('pinyin_initials', sa.String(length=256), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('id_number', name=op.f('uq_person_id_number'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_name', ['name'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_login', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_change_log_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'current', 'past', name='termstatus', native_enum=False, length=15), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_term_body_id_body')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_term')),
    sa.UniqueConstraint('body_id', 'ordinal', name=op.f('uq_term_body_id_ordinal'))
    )
    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Enum('代表', '主席', '副主席', '委员', '理事长', '副理事长', '理事', '秘书长', '党组书记', '党组成员', '协会主席', '协会副主席', name='position', native_enum=False, length=23), nullable=False),
    sa.Column('employment', sa.Enum('专职', '兼职', '挂职', name='employment', native_enum=False, length=14), nullable=True),
    sa.Column('delegate_type', sa.Enum('正式', '特邀', name='delegatetype', native_enum=False, length=14), nullable=True),
    sa.Column('status', sa.Enum('candidate', 'reserve', 'elected', 'ended', name='membershipstatus', native_enum=False, length=17), nullable=False),
    sa.Column('start_reason', sa.Enum('当选', '增补', '补选', name='startreason', native_enum=False, length=14), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('start_basis', sa.String(length=200), nullable=True),
    sa.Column('end_reason', sa.Enum('届满', '辞职', '免职', '罢免', '调离', '去世', name='endreason', native_enum=False, length=14), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_basis', sa.String(length=200), nullable=True),
    sa.Column('electoral_unit_id', sa.Integer(), nullable=True),
    sa.Column('work_unit_and_post', sa.String(length=200), nullable=True),
    sa.Column('political_status', sa.String(length=32), nullable=True),
    sa.Column('cert_number', sa.String(length=20), nullable=True),
    sa.Column('disability_category', sa.Enum('视力', '听力', '言语', '肢体', '智力', '精神', '多重', name='disabilitycategory', native_enum=False, length=14), nullable=True),
    sa.Column('disability_grade', sa.Integer(), nullable=True),
    sa.Column('multi_components', sa.JSON(), nullable=True),
    sa.Column('is_relative', sa.Boolean(), nullable=False),
    sa.Column('relative_categories', sa.JSON(), nullable=True),
    sa.Column('urban_rural', sa.Enum('城镇', '农村', name='urbanrural', native_enum=False, length=14), nullable=True),
    sa.Column('is_role_model', sa.Boolean(), nullable=False),
    sa.Column('is_frontline', sa.Boolean(), nullable=False),
    sa.Column('is_org_representative', sa.Boolean(), nullable=False),
    sa.Column('is_volunteer', sa.Boolean(), nullable=False),
    sa.Column('remarks', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.entities.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['electoral_unit_id'], ['electoral_unit.id'], name=op.f('fk_membership_electoral_unit_id_electoral_unit')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person')),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'], name=op.f('fk_membership_term_id_term')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index('ix_membership_person_id', ['person_id'], unique=False)
        batch_op.create_index('ix_membership_term_id', ['term_id'], unique=False)

    op.create_table('seat_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('electoral_unit_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['electoral_unit_id'], ['electoral_unit.id'], name=op.f('fk_seat_allocation_electoral_unit_id_electoral_unit')),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'], name=op.f('fk_seat_allocation_term_id_term')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seat_allocation')),
    sa.UniqueConstraint('electoral_unit_id', 'term_id', name=op.f('uq_seat_allocation_electoral_unit_id_term_id'))
    )



def downgrade() -> None:
    # Forward-only: a database is restored from the backup taken before the upgrade.
    raise NotImplementedError("downgrades are not supported; restore the pre-upgrade backup")

"""The organisation registers: townships, villages and communities with their population,
cadres, Warm Homes, contact points and field visits, grass-roots organisations and officers

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

New tables only (issue 17); nothing existing changes, so the upgrade is plain CREATE TABLEs on
both backends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities.base

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "township",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("街道", "乡镇", name="townshipkind", native_enum=False, length=14),
            nullable=False,
        ),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_township")),
        sa.UniqueConstraint("name", name=op.f("uq_township_name")),
    )
    op.create_table(
        "cadre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("post", sa.String(length=64), nullable=False),
        sa.Column("leadership", sa.Boolean(), nullable=False),
        sa.Column(
            "employment",
            sa.Enum("专职", "兼职", "挂职", name="employment", native_enum=False, length=14),
            nullable=False,
        ),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column(
            "disability_category",
            sa.Enum(
                "视力",
                "听力",
                "言语",
                "肢体",
                "智力",
                "精神",
                "多重",
                name="disabilitycategory",
                native_enum=False,
                length=14,
            ),
            nullable=True,
        ),
        sa.Column("home_unit", sa.String(length=128), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_cadre_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
    )
    op.create_index("ix_cadre_name", "cadre", ["name"], unique=False)
    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("township_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("村", "社区", name="placekind", native_enum=False, length=14),
            nullable=False,
        ),
        sa.Column("low_income", sa.Boolean(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["township_id"], ["township.id"], name=op.f("fk_place_township_id_township")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place")),
        sa.UniqueConstraint("township_id", "name", name=op.f("uq_place_township_id_name")),
    )
    op.create_table(
        "field_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=128), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_field_visit_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name=op.f("fk_field_visit_place_id_place")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_visit")),
    )
    op.create_index(
        "ix_field_visit_person_id_visited_on",
        "field_visit",
        ["person_id", "visited_on"],
        unique=False,
    )
    op.create_table(
        "grassroots_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "街乡镇残联",
                "社区残协",
                "村残协",
                name="organisationkind",
                native_enum=False,
                length=23,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("township_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name=op.f("fk_grassroots_organisation_place_id_place")
        ),
        sa.ForeignKeyConstraint(
            ["township_id"],
            ["township.id"],
            name=op.f("fk_grassroots_organisation_township_id_township"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grassroots_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_grassroots_organisation_name")),
    )
    op.create_table(
        "place_population",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("disabled_residents", sa.Integer(), nullable=True),
        sa.Column("residents", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name=op.f("fk_place_population_place_id_place")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_population")),
        sa.UniqueConstraint("place_id", "year", name=op.f("uq_place_population_place_id_year")),
    )
    op.create_table(
        "warm_home",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("township_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("model", sa.Boolean(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["place.id"], name=op.f("fk_warm_home_place_id_place")
        ),
        sa.ForeignKeyConstraint(
            ["township_id"], ["township.id"], name=op.f("fk_warm_home_township_id_township")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warm_home")),
        sa.UniqueConstraint("name", name=op.f("uq_warm_home_name")),
    )
    op.create_table(
        "contact_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("warm_home_id", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["place.id"], name=op.f("fk_contact_point_community_id_place")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_contact_point_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["place.id"], name=op.f("fk_contact_point_village_id_place")
        ),
        sa.ForeignKeyConstraint(
            ["warm_home_id"], ["warm_home.id"], name=op.f("fk_contact_point_warm_home_id_warm_home")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_point")),
    )
    op.create_index("ix_contact_point_person_id", "contact_point", ["person_id"], unique=False)
    op.create_table(
        "organisation_officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "主席",
                "副主席",
                "理事长",
                "专职委员",
                "兼职委员",
                name="officerrole",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("relative", sa.Boolean(), nullable=False),
        sa.Column(
            "committee_post",
            sa.Enum("主任", "副主任", name="committeepost", native_enum=False, length=17),
            nullable=True,
        ),
        sa.Column("selection", sa.String(length=64), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["grassroots_organisation.id"],
            name=op.f("fk_organisation_officer_organisation_id_grassroots_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_organisation_officer_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_officer")),
    )
    op.create_index(
        "ix_organisation_officer_organisation_id",
        "organisation_officer",
        ["organisation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_organisation_officer_organisation_id", table_name="organisation_officer")
    op.drop_table("organisation_officer")
    op.drop_index("ix_contact_point_person_id", table_name="contact_point")
    op.drop_table("contact_point")
    op.drop_table("warm_home")
    op.drop_table("place_population")
    op.drop_table("grassroots_organisation")
    op.drop_index("ix_field_visit_person_id_visited_on", table_name="field_visit")
    op.drop_table("field_visit")
    op.drop_table("place")
    op.drop_index("ix_cadre_name", table_name="cadre")
    op.drop_table("cadre")
    op.drop_table("township")

"""附件 of a motion: each file kept whole with its name, size and SHA-256

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

Stored like the 三重一大 attachments (0007 decision_attachment), so a shared database and a
backup carry the files; the content column is read only when a file is opened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.entities.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "motion_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", models.entities.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["motion_id"], ["motion.id"], name=op.f("fk_motion_attachment_motion_id_motion")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion_attachment")),
    )
    op.create_index(
        "ix_motion_attachment_motion_id", "motion_attachment", ["motion_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_motion_attachment_motion_id", table_name="motion_attachment")
    op.drop_table("motion_attachment")

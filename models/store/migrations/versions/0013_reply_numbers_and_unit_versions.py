"""A reply's 发文字号 unique in its term by the database; handling units carry a version

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04

发文字号: a number names one letter of the term. A joint letter's rows (`joint_reply_id` set) carry
the lead's number, and a re-reply after 不满意 may keep the number of the motion's earlier letter
(`repeats_number`); every other reply row's number is unique in the term — a partial unique
index over the term and the number. The term is copied onto the reply from its motion (a
motion never changes term) without a foreign key: SQLite can add a NOT NULL column only with a
default, and a REFERENCES column only without one. Rows already stored
that repeat an earlier number of the term are marked as repeats, so the index can be built on any
database; from now on only the service marks them.

承办单位: version, created/updated at and by, as on every record several clerks edit, so a second
clerk renaming, moving or stopping a unit is refused as stale instead of overwriting.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import models.entities.base

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEX = "uq_motion_reply_term_number"
NUMBERED = "joint_reply_id IS NULL AND document_number IS NOT NULL AND NOT repeats_number"


def upgrade() -> None:
    # Plain ADD COLUMNs, never a batch rebuild: SQLite (foreign_keys=ON) cannot drop a table that
    # assignments, feedback and accounts point at, so both tables keep their rows where they are.
    postgres = op.get_bind().dialect.name == "postgresql"
    op.add_column(
        "motion_reply", sa.Column("term_id", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column(
        "motion_reply",
        sa.Column("repeats_number", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.execute(
        "UPDATE motion_reply SET term_id = "
        "(SELECT motion.term_id FROM motion WHERE motion.id = motion_reply.motion_id)"
    )
    op.execute(
        "UPDATE motion_reply SET repeats_number = "
        + ("true" if postgres else "1")
        + " WHERE joint_reply_id IS NULL AND document_number IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM motion_reply AS earlier WHERE earlier.term_id = motion_reply.term_id"
        " AND earlier.document_number = motion_reply.document_number"
        " AND earlier.joint_reply_id IS NULL AND earlier.id < motion_reply.id)"
    )
    if postgres:  # every row now names its term; a row written without one is refused
        op.alter_column("motion_reply", "term_id", server_default=None)
    op.create_index(
        INDEX,
        "motion_reply",
        ["term_id", "document_number"],
        unique=True,
        sqlite_where=sa.text(NUMBERED),
        postgresql_where=sa.text(NUMBERED),
    )

    # Existing units count as created now, by nobody in particular (updated_by "").
    now = datetime.now(UTC)
    stamp = now.isoformat(sep=" ") if postgres else now.replace(tzinfo=None).isoformat(sep=" ")
    op.add_column(
        "handling_unit", sa.Column("version", sa.Integer(), server_default="1", nullable=False)
    )
    for column in ("created_at", "updated_at"):
        op.add_column(
            "handling_unit",
            sa.Column(
                column,
                models.entities.base.UtcDateTime(timezone=True),
                server_default=stamp,
                nullable=False,
            ),
        )
        if postgres:
            op.alter_column("handling_unit", column, server_default=None)
    op.add_column(
        "handling_unit",
        sa.Column("updated_by", sa.String(length=64), server_default="", nullable=False),
    )


def downgrade() -> None:
    for column in ("updated_by", "updated_at", "created_at", "version"):
        op.drop_column("handling_unit", column)
    op.drop_index(INDEX, table_name="motion_reply")
    op.drop_column("motion_reply", "repeats_number")
    op.drop_column("motion_reply", "term_id")

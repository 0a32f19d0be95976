"""Accounts (role, password, lock-out, unit) on app_user; the change log's hash chain

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

Clerks recorded before accounts keep acting as administrators while sign-in is not required;
they have no password, so none of them can sign in once it is. Every change-log row written
before this revision is sealed here, in id order, so `yishi audit verify` checks the whole log.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

import models.entities.base
from models.store.audit_chain import GENESIS, chain_hash

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, never a batch rebuild: SQLite (foreign_keys=ON) cannot drop app_user,
    # which the change log and every versioned record's history point at.
    op.add_column(
        "app_user", sa.Column("role", sa.String(length=16), server_default="admin", nullable=False)
    )
    op.add_column(
        "app_user", sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    op.add_column("app_user", sa.Column("password_hash", sa.String(length=255), nullable=True))
    op.add_column(
        "app_user",
        sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "app_user",
        sa.Column("failed_sign_ins", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "app_user",
        sa.Column("locked_until", models.entities.base.UtcDateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "app_user", sa.Column("version", sa.Integer(), server_default="1", nullable=False)
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column's reference inline (a NULL default is all it asks), not as a
        # constraint of its own.
        op.execute(
            "ALTER TABLE app_user ADD COLUMN unit_id INTEGER "
            "CONSTRAINT fk_app_user_unit_id_handling_unit REFERENCES handling_unit (id)"
        )
    else:
        op.add_column("app_user", sa.Column("unit_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_app_user_unit_id_handling_unit"),
            "app_user",
            "handling_unit",
            ["unit_id"],
            ["id"],
        )
    op.add_column("change_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("change_log", sa.Column("entry_hash", sa.String(length=64), nullable=True))
    _seal_existing_entries()


def _seal_existing_entries() -> None:
    connection = op.get_bind()
    log = sa.table(
        "change_log",
        sa.column("id", sa.Integer()),
        sa.column("at", models.entities.base.UtcDateTime(timezone=True)),
        sa.column("user_login", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("before", sa.JSON()),
        sa.column("after", sa.JSON()),
        sa.column("note", sa.Text()),
        sa.column("prev_hash", sa.String()),
        sa.column("entry_hash", sa.String()),
    )
    prev = GENESIS
    updates = []
    for row in connection.execute(sa.select(log).order_by(log.c.id)).mappings():
        entry = dict(row)
        for key in ("before", "after"):  # SQLite may hand back the JSON text as it was stored
            if isinstance(entry[key], str):
                entry[key] = json.loads(entry[key])
        digest = chain_hash(prev, entry)
        updates.append({"row_id": row["id"], "prev": prev, "digest": digest})
        prev = digest
    if updates:
        connection.execute(
            log.update()
            .where(log.c.id == sa.bindparam("row_id"))
            .values(prev_hash=sa.bindparam("prev"), entry_hash=sa.bindparam("digest")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("entry_hash")
        batch.drop_column("prev_hash")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(batch.f("fk_app_user_unit_id_handling_unit"), type_="foreignkey")
        for column in (
            "version",
            "unit_id",
            "locked_until",
            "failed_sign_ins",
            "must_change_password",
            "password_hash",
            "active",
            "role",
        ):
            batch.drop_column(column)

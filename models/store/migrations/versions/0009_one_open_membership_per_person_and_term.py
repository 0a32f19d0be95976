"""One open membership per person and term: a partial unique index behind the check

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

`add_membership` checked, then inserted; two clerks adding the same person to the same term at
the same moment (PostgreSQL, READ COMMITTED) both passed the check and both inserted. The index
`uq_membership_open` on (person_id, term_id) WHERE status != 'ended' makes the database refuse
the second insert; the command turns that refusal into a message naming the other clerk.

A database written before this revision may already hold such duplicates. They are not refused
(the clerk could not fix them without the program): for each person and term the earliest open
membership is kept and every later one is ended, its `end_basis` saying why and which one was
kept, and a change-log row written for each, so `yishi check` counts the person once and the
history still shows what was there.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEX = "uq_membership_open"
OPEN = "status != 'ended'"
WHO = "升级0009"

membership = sa.table(
    "membership",
    sa.column("id", sa.Integer()),
    sa.column("person_id", sa.Integer()),
    sa.column("term_id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("end_basis", sa.String()),
    sa.column("version", sa.Integer()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("updated_by", sa.String()),
)
change_log = sa.table(
    "change_log",
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user_id", sa.Integer()),
    sa.column("user_login", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("note", sa.Text()),
)


def end_duplicates(connection: sa.Connection) -> list[tuple[int, int]]:
    """End every open membership but the earliest of its person and term; (ended, kept) ids."""
    rows = connection.execute(
        sa.select(membership.c.id, membership.c.person_id, membership.c.term_id)
        .where(membership.c.status != "ended")
        .order_by(membership.c.person_id, membership.c.term_id, membership.c.id)
    ).all()
    kept: dict[tuple[int, int], int] = {}
    ended: list[tuple[int, int]] = []
    for row_id, person_id, term_id in rows:
        first = kept.setdefault((person_id, term_id), row_id)
        if first != row_id:
            ended.append((row_id, first))
    now = datetime.now(UTC)
    for row_id, first in ended:
        note = f"重复任职：与任职 #{first} 为同一人同一届，升级时结束本条，保留 #{first}"
        connection.execute(
            membership.update()
            .where(membership.c.id == row_id)
            .values(
                status="ended",
                end_basis=note,
                version=membership.c.version + 1,
                updated_at=now,
                updated_by=WHO,
            )
        )
        connection.execute(
            change_log.insert().values(
                at=now,
                user_id=None,
                user_login=WHO,
                action="update",
                entity="membership",
                entity_id=str(row_id),
                before=None,
                after={"status": "ended", "end_basis": note},
                note=note,
            )
        )
    return ended


def upgrade() -> None:
    end_duplicates(op.get_bind())
    op.create_index(
        INDEX,
        "membership",
        ["person_id", "term_id"],
        unique=True,
        sqlite_where=sa.text(OPEN),
        postgresql_where=sa.text(OPEN),
    )


def downgrade() -> None:
    # Forward-only: a database is restored from the backup taken before the upgrade.
    raise NotImplementedError("downgrades are not supported; restore the pre-upgrade backup")

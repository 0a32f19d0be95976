"""Motion and decision states and the handling role become enums: every stored value is checked

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

The columns `motion.state`, `motion_state_change.from_state/to_state`, `assignment.role`,
`major_decision.state` and `decision_state_change.from_state/to_state` are now mapped as enums
(`MotionState`, `HandlingRole`, `DecisionState`) stored as the same strings, in VARCHARs of the
same width: autogenerate finds no column to change, and no table is rebuilt (rebuilding `motion`
in SQLite's batch mode would orphan its assignments, replies and state changes under
`foreign_keys=ON`). What the enums add is that a value outside them can no longer be read; so
this revision refuses, with the offending rows named, a database holding such a value, before
the app would fail on it later. Every existing row is kept as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The enums' values as of this revision, written out: a migration must not change meaning when
# the domain's enums grow later.
MOTION_STATES = (
    "draft",
    "submitted",
    "under_review",
    "revising",
    "accepted",
    "merged",
    "assigned",
    "unit_returned",
    "received",
    "handling",
    "replied",
    "rehandling",
    "rejected",
    "withdrawn",
    "closed",
)
HANDLING_ROLES = ("主办", "协办")
DECISION_STATES = (
    "draft",
    "ready",
    "decided",
    "deferred",
    "implementing",
    "done",
    "emergency",
    "reported",
)

COLUMNS = (
    ("motion", "state", MOTION_STATES),
    ("motion_state_change", "from_state", MOTION_STATES),
    ("motion_state_change", "to_state", MOTION_STATES),
    ("assignment", "role", HANDLING_ROLES),
    ("major_decision", "state", DECISION_STATES),
    ("decision_state_change", "from_state", DECISION_STATES),
    ("decision_state_change", "to_state", DECISION_STATES),
)


def upgrade() -> None:
    connection = op.get_bind()
    for table, column, allowed in COLUMNS:
        t = sa.table(table, sa.column("id", sa.Integer()), sa.column(column, sa.String()))
        found = connection.execute(
            sa.select(t.c.id, t.c[column])
            .where(t.c[column].is_not(None), t.c[column].not_in(allowed))
            .order_by(t.c.id)
            .limit(5)
        ).all()
        if found:
            shown = "，".join(f"#{row_id}「{value}」" for row_id, value in found)
            raise RuntimeError(f"{table}.{column} 中有无法识别的取值：{shown}；请先更正后再升级。")


def downgrade() -> None:
    # Forward-only: a database is restored from the backup taken before the upgrade.
    raise NotImplementedError("downgrades are not supported; restore the pre-upgrade backup")

"""seed the federation's bodies and the party group's standing term

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 13:20:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not change when the vocabulary module does.
BODIES = [
    ("congress", "congress", None, "代表大会"),
    ("presidium", "presidium", None, "主席团"),
    ("council", "council", None, "执行理事会"),
    ("party_group", "party_group", None, "党组"),
    ("association.blind", "association", "blind", "盲人协会"),
    ("association.deaf", "association", "deaf", "聋人协会"),
    ("association.physical", "association", "physical", "肢残人协会"),
    ("association.intellectual", "association", "intellectual", "智力残疾人及亲友协会"),
    ("association.psychosocial", "association", "psychosocial", "精神残疾人及亲友协会"),
]


def upgrade() -> None:
    body = sa.table(
        "body",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("kind", sa.String),
        sa.column("association", sa.String),
        sa.column("name", sa.String),
    )
    op.bulk_insert(
        body,
        [
            {"id": i, "code": code, "kind": kind, "association": assoc, "name": name}
            for i, (code, kind, assoc, name) in enumerate(BODIES, start=1)
        ],
    )
    term = sa.table(
        "term",
        sa.column("body_id", sa.Integer),
        sa.column("ordinal", sa.Integer),
        sa.column("status", sa.String),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
        sa.column("updated_by", sa.String),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        term,
        [
            {"body_id": 4, "ordinal": None, "status": "current", "version": 1,
             "created_at": now, "updated_at": now, "updated_by": ""}
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        # Explicit ids leave the sequence behind; move it past them.
        op.execute("SELECT setval(pg_get_serial_sequence('body', 'id'), (SELECT max(id) FROM body))")


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported; restore the pre-upgrade backup")

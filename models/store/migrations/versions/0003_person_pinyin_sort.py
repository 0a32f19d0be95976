"""person.pinyin_sort: the first pinyin reading with syllables apart, for sorting by name

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 14:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.domain.search_keys import sort_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pinyin_sort", sa.String(length=512), nullable=False, server_default="")
        )
    person = sa.table("person", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("pinyin_sort", sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(person.c.id, person.c.name)).all()
    if rows:
        bind.execute(
            person.update().where(person.c.id == sa.bindparam("pid")),
            [{"pid": pid, "pinyin_sort": sort_key(name)} for pid, name in rows],
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("pinyin_sort", server_default=None)
        batch_op.create_index("ix_person_pinyin_sort", ["pinyin_sort"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported; restore the pre-upgrade backup")

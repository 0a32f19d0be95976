"""协办单位意见: each co-unit's opinion (text, date, who gave it) on its assignment

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

A 协办 unit gives its opinion to the lead unit within a month of 交办 (DOMAIN §4). It is entered
when it arrives, before the reply, so it lives on the co-unit's assignment, not on the reply.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assignment") as batch:
        batch.add_column(sa.Column("opinion_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("opinion_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("opinion_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assignment") as batch:
        batch.drop_column("opinion_by")
        batch.drop_column("opinion_on")
        batch.drop_column("opinion_text")

"""Alembic environment: always run on a connection handed over by models.store.migrate."""

from __future__ import annotations

from alembic import context

import models.entities  # noqa: F401  (registers every table on the metadata)
from models.entities.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through models.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

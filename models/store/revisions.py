"""The schema's revisions, without Alembic or SQLAlchemy: the first roster reads it too."""

from __future__ import annotations

# The migrations, oldest first (a new migration adds its number here). A test checks this against
# Alembic's own graph; reading it here keeps Alembic (~0.4 s to import) off every start-up that
# needs no migration, and SQLAlchemy off the first roster (people/first_roster.py).
REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
)

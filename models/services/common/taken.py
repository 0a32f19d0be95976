"""A unique index refused an insert another clerk's commit made a duplicate of.

On PostgreSQL (READ COMMITTED) two clerks can both pass a command's "is it free?" check; the
second insert then fails on the unique index with an IntegrityError. SQLite's writers take the
lock before they read (BEGIN IMMEDIATE), so there the check itself refuses the second clerk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from models.domain.errors import DomainError

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


def is_unique_violation(exc: IntegrityError) -> bool:
    """A unique index or primary key, not a foreign key or NOT NULL, refused the write."""
    if getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(exc.orig)


def names_index(exc: IntegrityError, *marks: str) -> bool:
    """The refused index is one of `marks`: PostgreSQL names it, SQLite lists its columns."""
    text = str(exc.orig)
    return is_unique_violation(exc) and any(mark in text for mark in marks)


@contextmanager
def refusing_taken_record(what: str) -> Iterator[None]:
    """Around a unit of work: a duplicate made by another clerk's save a moment ago is refused
    with `record_taken` (`what`: 选举单位“大峪街道”) instead of a traceback; nothing is written."""
    try:
        yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        raise DomainError("record_taken", what=what) from exc

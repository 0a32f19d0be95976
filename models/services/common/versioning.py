"""Refusing stale saves: the clerk is told who changed the record, and when."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.entities.base import Versioned
from models.store.unit_of_work import Database


def stale_error(record: Versioned) -> DomainError:
    return DomainError(
        "stale_record",
        changed_by=record.updated_by or "其他用户",
        # The federation's clock, not the server's: a shared database may run on UTC.
        changed_at=record.updated_at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M"),
        version=record.version,
    )


def ensure_version(record: Versioned, expected_version: int | None) -> None:
    """The version the clerk's form was loaded with must still be the stored one."""
    if expected_version is not None and record.version != expected_version:
        raise stale_error(record)


@contextmanager
def refusing_stale(db: Database, entity: type[Versioned], record_id: int) -> Iterator[None]:
    """Turn a concurrent update caught at flush (version_id_col) into the same clear refusal."""
    try:
        yield
    except StaleDataError as exc:
        with db.session_factory() as session:
            fresh = session.get(entity, record_id)
        if isinstance(fresh, Versioned):
            raise stale_error(fresh) from exc
        raise

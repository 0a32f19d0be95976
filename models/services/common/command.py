"""The preamble every edit of a versioned record shares, written once.

unit of work → refuse a stale save → load → check the version the form was loaded with → (the
command acts and builds its row) → commit. A command that raises commits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm.interfaces import ORMOption

from models.domain.errors import DomainError
from models.entities.base import Versioned
from models.services.common.versioning import ensure_version, refusing_stale
from models.store.unit_of_work import Database, UnitOfWork

E = TypeVar("E", bound=Versioned)


@contextmanager
def editing(
    db: Database,
    user: str,
    entity: type[E],
    record_id: int,
    expected_version: int | None,
    *,
    missing: Callable[[int], DomainError],
    options: Sequence[ORMOption] = (),
) -> Iterator[tuple[UnitOfWork, E]]:
    """Yield the unit of work and the record (loaded with `options`, e.g. what its row shows);
    commit when the block ends without an error."""
    with db.unit_of_work(user) as uow, refusing_stale(db, entity, record_id):
        record = uow.session.get(entity, record_id, options=options)
        if record is None:
            raise missing(record_id)
        ensure_version(record, expected_version)
        yield uow, record
        uow.session.flush()
        uow.commit()

"""One change-log entry for a file of personal data written out of the database (a paper
printed, a list exported): which file and what it holds, never the personal data itself."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

from models.store.unit_of_work import Database


def record_file_written(
    db: Database,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: object,
    path: Path,
    note: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Log `action` (print, export) of `path` by `user` in a unit of work of its own, opened
    only once the file is written: the database's writer lock is held for a moment, not for
    the whole writing of a long paper."""
    with db.unit_of_work(user) as uow:
        uow.log(
            action=action,
            entity=entity,
            entity_id=entity_id,
            note=note,
            after={"file": Path(path).name, **(details or {})},
        )
        uow.commit()


def request_details(request: Any) -> dict[str, Any]:
    """A paper request's fields that name what was printed (ids, term, year), without defaults."""
    fields = ("paper", "meeting_id", "body", "term", "year", "motion_id", "decision_id")
    found = {name: getattr(request, name, None) for name in fields}
    found |= {flag: True for flag in ("public", "blank") if getattr(request, flag, False)}
    return {
        key: value.value if isinstance(value, Enum) else value
        for key, value in found.items()
        if value is not None
    }

"""The rosters feature's reads: a slate or roster file previewed against its term."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain.vocabulary import Association, BodyKind
from models.services.rosters import _intake
from models.services.rosters.contracts import SheetPreview
from models.store.unit_of_work import Database

if TYPE_CHECKING:
    from models.importing.slate_reader import SlateSheet


def preview_roster(
    db: Database,
    *,
    path: Path,
    kind: BodyKind,
    association: Association | None = None,
    term_id: int,
) -> SheetPreview:
    """A roster read and checked against the term, the registry and its units; nothing written."""
    from models.importing.roster_reader import read_roster  # calamine: only here

    def read(known: Sequence[str] | None) -> SlateSheet:
        return read_roster(path, kind=kind, association=association, known_units=known).sheet

    return _preview(db, read, kind, term_id)


def preview_slate_import(db: Database, *, path: Path, kind: BodyKind, term_id: int) -> SheetPreview:
    """A slate read and checked against the term, the registry and its units; nothing written."""
    from models.importing.slate_reader import read_slate  # calamine: only here

    def read(known: Sequence[str] | None) -> SlateSheet:
        return read_slate(path, body=kind.value, known_units=known)

    return _preview(db, read, kind, term_id)


def _preview(
    db: Database,
    read: Callable[[Sequence[str] | None], SlateSheet],
    kind: BodyKind,
    term_id: int,
) -> SheetPreview:
    units = _intake.term_units(db, kind, term_id)
    with db.session_factory() as session:
        sheet = read(units)
        missing = _intake.unknown_units(sheet) if units is not None else ()
        with_units = read([*units, *missing]) if units is not None and missing else None

        def previewed(found: SlateSheet, also: SheetPreview | None) -> SheetPreview:
            people = _intake.registered(session, found.records)
            return SheetPreview(found, _intake.conflicts_of(found.records, people), missing, also)

        return previewed(sheet, None if with_units is None else previewed(with_units, None))

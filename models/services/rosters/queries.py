"""The rosters feature's reads: a slate or roster file previewed against its term."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.domain.vocabulary import Association, BodyKind
from models.services.rosters import _intake
from models.services.rosters.contracts import SheetPreview
from models.services.slates.queries import file_limits_in_force
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
    isolated: bool = False,
) -> SheetPreview:
    """A roster read and checked against the term, the registry and its units; nothing written.

    `isolated` (the window) reads the file in a child process, so a file that exhausts memory
    or crashes the reader ends the child, not the caller.
    """
    from models.importing.guard import using_limits
    from models.importing.isolated import read_isolated
    from models.importing.roster_reader import read_roster  # calamine: only here

    limits = file_limits_in_force(db)

    def read(known: Sequence[str] | None) -> SlateSheet:
        options: dict[str, Any] = {"kind": kind, "association": association, "known_units": known}
        if isolated:
            return read_isolated(read_roster, path, limits=limits, **options).sheet
        with using_limits(limits):
            return read_roster(path, **options).sheet

    return _preview(db, read, kind, term_id)


def preview_slate_import(
    db: Database, *, path: Path, kind: BodyKind, term_id: int, isolated: bool = False
) -> SheetPreview:
    """A slate read and checked against the term, the registry and its units; nothing written.

    `isolated`: read in a child process, as `preview_roster`.
    """
    from models.importing.guard import using_limits
    from models.importing.isolated import read_isolated
    from models.importing.slate_reader import read_slate  # calamine: only here

    limits = file_limits_in_force(db)

    def read(known: Sequence[str] | None) -> SlateSheet:
        if isolated:
            return read_isolated(
                read_slate, path, limits=limits, body=kind.value, known_units=known
            )
        with using_limits(limits):
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

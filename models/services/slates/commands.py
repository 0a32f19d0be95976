"""The slates feature's user action: import a checked spreadsheet into a term."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from models.domain.errors import DomainError, Level
from models.domain.slate import SlateRecord
from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus
from models.entities import Membership, Person, Term
from models.services.people.terms import find_term
from models.services.rosters import _intake
from models.services.slates.contracts import ImportOutcome
from models.store.unit_of_work import Database


def import_slate(
    db: Database,
    *,
    user: str,
    path: Path,
    kind: BodyKind,
    term: int | None,
    valid_only: bool = False,
    reserve: bool = False,
    update_people: bool = False,
    rows_from_file: Collection[int] = (),
    create_units: bool = False,
) -> ImportOutcome:
    """All-or-nothing unless `valid_only`; then the rejected rows go to a file beside the input.

    A registered person whom the file describes otherwise keeps the registry's facts unless the
    clerk takes the file's: for everyone (`update_people`) or for some sheet rows
    (`rows_from_file`). Units the term lacks are row errors unless `create_units`: then they are
    created, with 0 seats in the term, in this import's transaction.
    """
    # The spreadsheet libraries load here, when a clerk imports, never at start-up.
    from models.importing.rejected import write_rejected
    from models.importing.slate_reader import SlateSheet, read_slate

    if kind not in (BodyKind.CONGRESS, BodyKind.PRESIDIUM):
        raise DomainError("bad_arguments", detail="只能导入代表大会或主席团的名单")
    with db.session_factory() as session:
        term_id = find_term(session, kind, None, term, default=TermStatus.DRAFT).id
        units = _intake.term_units(session, term_id) if kind is BodyKind.CONGRESS else None

    def read(known: Sequence[str] | None) -> SlateSheet:
        return read_slate(path, body=kind.value, known_units=known)

    sheet, missing = _intake.read_against_units(read, lambda s: s, units, create_units=create_units)
    has_errors = any(p.level is Level.ERROR for p in sheet.problems)
    if has_errors and not valid_only:
        with db.session_factory() as session:
            registered = _intake.registered(session, sheet.records)
            conflicts = _intake.conflicts_of(sheet.records, registered)
        return ImportOutcome(sheet, 0, 0, 0, None, conflicts, unknown_units=missing)
    rejected = write_rejected(sheet, path) if has_errors else None
    with db.unit_of_work(user) as uow:
        session = uow.session
        target = session.get(Term, term_id)
        assert target is not None  # found just above; terms are never deleted
        created = _intake.add_units(session, target, missing) if create_units else ()
        status = (
            MembershipStatus.RESERVE
            if reserve
            else (
                MembershipStatus.CANDIDATE
                if target.status is TermStatus.DRAFT
                else MembershipStatus.ELECTED
            )
        )
        position = Position.DELEGATE if kind is BodyKind.CONGRESS else Position.MEMBER
        people, added, updated, conflicts, taken = _intake.take_people(
            session, sheet.records, rows_from_file=None if update_people else rows_from_file
        )
        unit_ids = _intake.unit_ids(session)
        for record, person in zip(sheet.records, people, strict=True):
            _upsert_membership(session, person, target, record, status, position, unit_ids)
        uow.commit()
    return ImportOutcome(
        sheet,
        len(sheet.records),
        added,
        updated,
        rejected,
        conflicts,
        taken,
        created,
        () if create_units else missing,
    )


def _upsert_membership(
    session: Session,
    person: Person,
    term: Term,
    record: SlateRecord,
    status: MembershipStatus,
    position: Position,
    unit_ids: dict[str, int],
) -> None:
    membership = _intake.open_membership(session, person, term)
    if membership is None:
        membership = Membership(person=person, term=term, position=position)
        session.add(membership)
    membership.status = status
    _intake.fill_membership(membership, record, unit_ids)

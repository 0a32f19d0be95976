"""The rosters feature's user action: import the sitting members of a term from a spreadsheet."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models.domain.errors import Level
from models.domain.vocabulary import Association, BodyKind, MembershipStatus, StartReason
from models.entities import Membership, Person, Term
from models.services.rosters import _intake
from models.services.rosters._terms import roster_term
from models.services.slates.contracts import ImportOutcome
from models.store.unit_of_work import Database

if TYPE_CHECKING:
    from models.importing.roster_reader import RosterMember, RosterSheet


def import_roster(
    db: Database,
    *,
    user: str,
    path: Path,
    kind: BodyKind,
    association: Association | None = None,
    term: int | None = None,
    valid_only: bool = False,
    update_people: bool = False,
    rows_from_file: Collection[int] = (),
    create_units: bool = False,
) -> ImportOutcome:
    """The file's people as members 在任 (当选) since the term's start, in a term 筹备中 or 现任.

    All-or-nothing unless `valid_only`; people are matched by ID number, and one the file
    describes otherwise keeps the registry's facts unless the clerk takes the file's (everyone:
    `update_people`; some sheet rows: `rows_from_file`). A congress's units the term lacks are
    row errors unless `create_units`: then they are created, 0 seats, in this transaction.
    """
    # The spreadsheet libraries load here, when a clerk imports, never at start-up.
    from models.importing.rejected import write_rejected
    from models.importing.roster_reader import read_roster

    with db.session_factory() as session:
        term_id = roster_term(session, kind, association, term).id
        units = _intake.term_units(session, term_id) if kind is BodyKind.CONGRESS else None

    def read(known: Sequence[str] | None) -> RosterSheet:
        return read_roster(path, kind=kind, association=association, known_units=known)

    roster, missing = _intake.read_against_units(
        read, lambda r: r.sheet, units, create_units=create_units
    )
    sheet = roster.sheet
    records = [member.record for member in roster.members]
    if any(p.level is Level.ERROR for p in sheet.problems) and not valid_only:
        with db.session_factory() as session:
            conflicts = _intake.conflicts_of(records, _intake.registered(session, records))
        return ImportOutcome(sheet, 0, 0, 0, None, conflicts, unknown_units=missing)
    rejected = write_rejected(sheet, path) if sheet.excluded_rows else None
    with db.unit_of_work(user) as uow:
        session = uow.session
        target = session.get(Term, term_id)
        assert target is not None  # found just above; terms are never deleted
        created = _intake.add_units(session, target, missing) if create_units else ()
        people, added, updated, conflicts, taken = _intake.take_people(
            session, records, rows_from_file=None if update_people else rows_from_file
        )
        unit_ids = _intake.unit_ids(session)
        for member, person in zip(roster.members, people, strict=True):
            _seat(session, person, target, member, unit_ids)
        uow.commit()
    return ImportOutcome(
        sheet,
        len(records),
        added,
        updated,
        rejected,
        conflicts,
        taken,
        created,
        () if create_units else missing,
    )


def _seat(
    session: Session, person: Person, term: Term, member: RosterMember, unit_ids: dict[str, int]
) -> None:
    """The person's membership in the term, 在任; a member already seated keeps the start
    recorded (someone co-opted mid-term stays 增补 on a re-import)."""
    membership = _intake.open_membership(session, person, term)
    if membership is None:
        membership = Membership(person=person, term=term, position=member.position)
        session.add(membership)
    if membership.status is not MembershipStatus.ELECTED:
        membership.status = MembershipStatus.ELECTED
        membership.start_reason = StartReason.ELECTED
        membership.start_date = term.start_date
    membership.position = member.position
    membership.employment = member.employment
    _intake.fill_membership(membership, member.record, unit_ids)

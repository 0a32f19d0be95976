"""The rosters feature's user action: import the sitting members of a term from a spreadsheet."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models.domain.vocabulary import Association, BodyKind, MembershipStatus, StartReason
from models.entities import Membership, Person, Term
from models.services.common.access import guarded
from models.services.rosters import _intake
from models.services.rosters._terms import roster_term
from models.services.slates.contracts import ImportOutcome
from models.services.slates.queries import file_limits_in_force
from models.store.unit_of_work import Database

if TYPE_CHECKING:
    from models.importing.roster_reader import RosterSheet


@guarded("rosters.import")
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
    from models.importing.roster_reader import read_roster

    with db.session_factory() as session:
        term_id = roster_term(session, kind, association, term).id

    def read(known: Sequence[str] | None) -> RosterSheet:
        return read_roster(path, kind=kind, association=association, known_units=known)

    roster, missing = _intake.read_against_units(
        read,
        lambda r: r.sheet,
        _intake.term_units(db, kind, term_id),
        create_units=create_units,
        limits=file_limits_in_force(db),
    )

    def seat(
        session: Session, target: Term, person: Person, index: int, unit_ids: Mapping[str, int]
    ) -> None:
        """在任 in the term; a member already seated keeps the start recorded (someone
        co-opted mid-term stays 增补 on a re-import)."""
        member = roster.members[index]
        membership = _intake.open_membership(session, person, target)
        if membership is None:
            membership = Membership(person=person, term=target, position=member.position)
            session.add(membership)
        if membership.status is not MembershipStatus.ELECTED:
            membership.status = MembershipStatus.ELECTED
            membership.start_reason = StartReason.ELECTED
            membership.start_date = target.start_date
        membership.position = member.position
        membership.employment = member.employment
        _intake.fill_membership(membership, member.record, unit_ids)

    return _intake.import_sheet(
        db,
        user=user,
        path=path,
        sheet=roster.sheet,
        records=[member.record for member in roster.members],
        term_id=term_id,
        missing=missing,
        valid_only=valid_only,
        create_units=create_units,
        update_people=update_people,
        rows_from_file=rows_from_file,
        seat=seat,
    )

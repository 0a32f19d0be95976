"""The slates feature's user action: import a checked spreadsheet into a term."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus
from models.entities import Membership, Person, Term
from models.services.common.access import guarded
from models.services.people.terms import find_term
from models.services.rosters import _intake
from models.services.slates.contracts import ImportOutcome
from models.services.slates.queries import file_limits_in_force
from models.store.unit_of_work import Database


@guarded("slates.import")
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
    from models.importing.slate_reader import SlateSheet, read_slate

    if kind not in (BodyKind.CONGRESS, BodyKind.PRESIDIUM):
        raise DomainError("bad_arguments", detail="只能导入代表大会或主席团的名单")
    with db.session_factory() as session:
        term_id = find_term(session, kind, None, term, default=TermStatus.DRAFT).id

    def read(known: Sequence[str] | None) -> SlateSheet:
        return read_slate(path, body=kind.value, known_units=known)

    sheet, missing = _intake.read_against_units(
        read,
        lambda s: s,
        _intake.term_units(db, kind, term_id),
        create_units=create_units,
        limits=file_limits_in_force(db),
    )
    position = Position.DELEGATE if kind is BodyKind.CONGRESS else Position.MEMBER

    def seat(
        session: Session, target: Term, person: Person, index: int, unit_ids: Mapping[str, int]
    ) -> None:
        if reserve:
            status = MembershipStatus.RESERVE
        elif target.status is TermStatus.DRAFT:
            status = MembershipStatus.CANDIDATE
        else:
            status = MembershipStatus.ELECTED
        membership = _intake.open_membership(session, person, target)
        if membership is None:
            membership = Membership(person=person, term=target, position=position)
            session.add(membership)
        membership.status = status
        _intake.fill_membership(membership, sheet.records[index], unit_ids)

    return _intake.import_sheet(
        db,
        user=user,
        path=path,
        sheet=sheet,
        records=sheet.records,
        term_id=term_id,
        missing=missing,
        valid_only=valid_only,
        create_units=create_units,
        update_people=update_people,
        rows_from_file=rows_from_file,
        seat=seat,
    )

"""The slates feature's user action: import a checked spreadsheet into a term."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError, Level
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.slate import SlateRecord
from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus, UrbanRural
from models.entities import ElectoralUnit, Membership, Person, Term
from models.services.people.terms import find_term
from models.services.slates.contracts import ImportOutcome
from models.services.slates.queries import units_of_term
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
) -> ImportOutcome:
    """All-or-nothing unless `valid_only`; then the rejected rows go to a file beside the input."""
    # The spreadsheet libraries load here, when a clerk imports, never at start-up.
    from models.importing.rejected import write_rejected
    from models.importing.slate_reader import read_slate

    if kind not in (BodyKind.CONGRESS, BodyKind.PRESIDIUM):
        raise DomainError("bad_arguments", detail="只能导入代表大会或主席团的名单")
    with db.session_factory() as session:
        term_id = find_term(session, kind, None, term, default=TermStatus.DRAFT).id
    units = units_of_term(db, term_id=term_id) if kind is BodyKind.CONGRESS else None
    sheet = read_slate(path, body=kind.value, known_units=units)
    has_errors = any(p.level is Level.ERROR for p in sheet.problems)
    if has_errors and not valid_only:
        return ImportOutcome(sheet, 0, 0, 0, None)
    rejected = write_rejected(sheet, path) if has_errors else None
    added = updated = 0
    with db.unit_of_work(user) as uow:
        session = uow.session
        target = session.get(Term, term_id)
        assert target is not None  # found just above; terms are never deleted
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
        unit_ids = dict(session.execute(select(ElectoralUnit.name, ElectoralUnit.id)).all())
        for record in sheet.records:
            person, is_new = _upsert_person(session, record)
            added += is_new
            updated += not is_new and session.is_modified(person)
            _upsert_membership(session, person, target, record, status, position, unit_ids)
        uow.commit()
    return ImportOutcome(sheet, len(sheet.records), added, updated, rejected)


def _upsert_person(session: Session, record: SlateRecord) -> tuple[Person, bool]:
    """Same ID, same person: identity facts are updated, never duplicated."""
    person = session.scalar(select(Person).where(Person.id_number == record.id_number))
    is_new = person is None
    if person is None:
        person = Person(id_number=record.id_number)
        session.add(person)
    # A record is a row without errors, and a blank or invalid 性别 is an error.
    assert record.gender is not None
    person.name = record.name
    person.gender = record.gender
    if record.ethnicity:
        person.ethnicity = record.ethnicity
    if record.birth_date:
        person.birth_date = record.birth_date
    if record.phone:
        person.phone = record.phone
    full, initials = pinyin_keys(record.name)
    if person.pinyin_full != full:
        person.pinyin_full, person.pinyin_initials = full, initials
        person.pinyin_sort = sort_key(record.name)
    return person, is_new


def _upsert_membership(
    session: Session,
    person: Person,
    term: Term,
    record: SlateRecord,
    status: MembershipStatus,
    position: Position,
    unit_ids: dict[str, int],
) -> None:
    membership = None
    if person.id is not None:
        membership = session.scalar(
            select(Membership).where(
                Membership.person_id == person.id,
                Membership.term_id == term.id,
                Membership.status != MembershipStatus.ENDED,
            )
        )
    if membership is None:
        membership = Membership(person=person, term=term, position=position)
        session.add(membership)
    membership.status = status
    membership.delegate_type = record.delegate_type if term.body.kind is BodyKind.CONGRESS else None
    membership.electoral_unit_id = unit_ids.get(record.electoral_unit or "")
    membership.work_unit_and_post = record.work_unit_and_post
    membership.political_status = record.political_status
    membership.cert_number = record.cert_number
    membership.disability_category = record.category
    membership.disability_grade = record.grade
    membership.multi_components = [c.value for c in record.multi_components] or None
    membership.is_relative = record.is_relative_of_disabled
    membership.relative_categories = [c.value for c in record.relative_categories] or None
    membership.urban_rural = (
        None
        if record.is_rural is None
        else (UrbanRural.RURAL if record.is_rural else UrbanRural.URBAN)
    )
    membership.is_role_model = record.is_role_model
    membership.is_frontline = record.is_frontline
    membership.is_org_representative = record.is_org_representative
    membership.is_volunteer = record.is_volunteer
    membership.remarks = dict(record.remarks) or None

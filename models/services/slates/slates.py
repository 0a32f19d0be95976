"""Slates in the database: check a term's composition, and import a checked spreadsheet into a term."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.composition import SlateReport, check_slate
from models.domain.errors import DomainError, Level
from models.domain.rules import Rules, load_rules
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.slate import RowProblem, SlateRecord
from models.domain.vocabulary import (
    BodyKind,
    DelegateType,
    DisabilityCategory,
    MembershipStatus,
    Position,
    TermStatus,
    UrbanRural,
)
from models.entities import ElectoralUnit, Membership, Person, Term
from models.importing.rejected import write_rejected
from models.importing.slate_reader import SlateSheet, read_slate
from models.services.common.settings import RULES_CONTENT, RULES_ID, get_setting
from models.services.people.terms import find_term
from models.services.slates.electoral import units_of_term
from models.store.unit_of_work import Database

SLATE_BODIES = (BodyKind.CONGRESS, BodyKind.PRESIDIUM, BodyKind.EXECUTIVE_COUNCIL)
# Who stands on a slate: reserves are a separate pool, ended memberships are history.
ON_SLATE = (MembershipStatus.CANDIDATE, MembershipStatus.ELECTED)


def rules_in_force(db: Database) -> Rules:
    """The rules file recorded in this database, so every clerk checks alike."""
    content = get_setting(db, RULES_CONTENT)
    if content is None:
        raise DomainError("rules_invalid", key="rules", detail="数据库中没有记录规则文件")
    return load_rules(content, rules_id=get_setting(db, RULES_ID) or "database")


def record_of(membership: Membership) -> SlateRecord:
    """A membership's snapshot facts as the composition rules read them."""
    person = membership.person
    return SlateRecord(
        row=membership.id,
        key=membership.id,
        name=person.name,
        gender=person.gender,
        id_number=person.id_number,
        electoral_unit=membership.electoral_unit.name if membership.electoral_unit else None,
        delegate_type=membership.delegate_type or DelegateType.REGULAR,
        cert_number=membership.cert_number,
        category=membership.disability_category,
        grade=membership.disability_grade,
        multi_components=tuple(DisabilityCategory(c) for c in membership.multi_components or ()),
        is_relative=membership.is_relative,
        relative_categories=tuple(
            DisabilityCategory(c) for c in membership.relative_categories or ()
        ),
        is_rural=None
        if membership.urban_rural is None
        else membership.urban_rural is UrbanRural.RURAL,
        is_role_model=membership.is_role_model,
        is_frontline=membership.is_frontline,
        is_org_representative=membership.is_org_representative,
        is_volunteer=membership.is_volunteer,
        ethnicity=person.ethnicity,
        birth_date=person.birth_date,
        work_unit_and_post=membership.work_unit_and_post,
        political_status=membership.political_status,
        phone=person.phone,
        remarks=membership.remarks or {},
    )


def _records(
    session: Session, term_id: int, statuses: tuple[MembershipStatus, ...]
) -> list[SlateRecord]:
    memberships = session.scalars(
        select(Membership)
        .where(Membership.term_id == term_id, Membership.status.in_(statuses))
        .options(selectinload(Membership.person), selectinload(Membership.electoral_unit))
        .order_by(Membership.id)
    ).all()
    return [record_of(m) for m in memberships]


@dataclass(frozen=True)
class TermSlate:
    """A term's slate with what its check needs: reserves, the previous term, the delegates."""

    term_id: int
    term_ordinal: int | None
    term_status: TermStatus
    body: BodyKind
    people: tuple[SlateRecord, ...]
    reserves: tuple[SlateRecord, ...]
    previous: tuple[SlateRecord, ...] | None
    delegate_ids: frozenset[str] | None


def load_term_slate(
    db: Database, *, kind: BodyKind, ordinal: int | None, default: TermStatus = TermStatus.DRAFT
) -> TermSlate:
    if kind not in SLATE_BODIES:
        raise DomainError("bad_arguments", detail="只能检查代表大会、主席团或执行理事会的名单")
    with db.session_factory() as session:
        term = _slate_term(session, kind, ordinal, default)
        people = _records(session, term.id, ON_SLATE)
        reserves = _records(session, term.id, (MembershipStatus.RESERVE,))
        previous = None
        if term.ordinal is not None:
            earlier = session.scalar(
                select(Term).where(Term.body_id == term.body_id, Term.ordinal == term.ordinal - 1)
            )
            if earlier is not None:
                # The previous term as it was constituted, leavers included.
                previous = _records(session, earlier.id, (*ON_SLATE, MembershipStatus.ENDED))
        delegate_ids = None
        if kind is BodyKind.PRESIDIUM and term.ordinal is not None:
            congress = session.scalar(
                select(Term)
                .join(Term.body)
                .where(Term.ordinal == term.ordinal, Term.body.has(code="congress"))
            )
            if congress is not None:
                delegate_ids = frozenset(
                    r.id_number for r in _records(session, congress.id, ON_SLATE) if r.id_number
                )
        return TermSlate(
            term_id=term.id,
            term_ordinal=term.ordinal,
            term_status=term.status,
            body=kind,
            people=tuple(people),
            reserves=tuple(reserves),
            previous=tuple(previous) if previous is not None else None,
            delegate_ids=delegate_ids,
        )


def _slate_term(session: Session, kind: BodyKind, ordinal: int | None, default: TermStatus) -> Term:
    """By ordinal; else the draft term being prepared, else the current one (a council between
    congresses has no draft)."""
    try:
        return find_term(session, kind, None, ordinal, default=default)
    except DomainError as error:
        if ordinal is not None or error.code != "no_draft_term":
            raise
        return find_term(session, kind, None, None, default=TermStatus.CURRENT)


def check_term(
    db: Database, *, kind: BodyKind, ordinal: int | None, rules: Rules | None = None
) -> tuple[TermSlate, SlateReport]:
    slate = load_term_slate(db, kind=kind, ordinal=ordinal)
    report = check_slate(
        slate.people,
        rules or rules_in_force(db),
        kind.value,
        previous=slate.previous,
        delegates_ids=slate.delegate_ids,
    )
    return slate, report


@dataclass(frozen=True)
class ImportOutcome:
    sheet: SlateSheet
    imported: int
    added_people: int
    updated_people: int
    rejected_file: Path | None

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.sheet.problems if p.level is Level.ERROR)


def import_slate(
    db: Database,
    *,
    user: str,
    path: Path,
    kind: BodyKind,
    ordinal: int | None,
    valid_only: bool = False,
    reserve: bool = False,
) -> ImportOutcome:
    """All-or-nothing unless `valid_only`; then the rejected rows go to a file beside the input."""
    if kind not in (BodyKind.CONGRESS, BodyKind.PRESIDIUM):
        raise DomainError("bad_arguments", detail="只能导入代表大会或主席团的名单")
    with db.session_factory() as session:
        term_id = find_term(session, kind, None, ordinal, default=TermStatus.DRAFT).id
    units = units_of_term(db, term_id=term_id) if kind is BodyKind.CONGRESS else None
    sheet = read_slate(path, body=kind.value, known_units=units)
    has_errors = any(p.level is Level.ERROR for p in sheet.problems)
    if has_errors and not valid_only:
        return ImportOutcome(sheet, 0, 0, 0, None)
    rejected = write_rejected(sheet, path) if has_errors else None
    added = updated = 0
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = session.get(Term, term_id)
        status = (
            MembershipStatus.RESERVE
            if reserve
            else (
                MembershipStatus.CANDIDATE
                if term.status is TermStatus.DRAFT
                else MembershipStatus.ELECTED
            )
        )
        position = Position.DELEGATE if kind is BodyKind.CONGRESS else Position.MEMBER
        unit_ids = dict(session.execute(select(ElectoralUnit.name, ElectoralUnit.id)).all())
        for record in sheet.records:
            person, is_new = _upsert_person(session, record)
            added += is_new
            updated += not is_new and session.is_modified(person)
            _upsert_membership(session, person, term, record, status, position, unit_ids)
        uow.commit()
    return ImportOutcome(sheet, len(sheet.records), added, updated, rejected)


def _upsert_person(session: Session, record: SlateRecord) -> tuple[Person, bool]:
    """Same ID, same person: identity facts are updated, never duplicated."""
    person = session.scalar(select(Person).where(Person.id_number == record.id_number))
    is_new = person is None
    if person is None:
        person = Person(id_number=record.id_number)
        session.add(person)
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

"""Registering and editing people, finding them by name, pinyin or ID digits, revealing an ID."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError, Level, Problem
from models.domain.identity import (
    birth_date_of,
    gender_of,
    id_number_problem,
    normalise_identifier,
)
from models.domain.search_keys import normalise_query, pinyin_keys, sort_key
from models.domain.vocabulary import Association, BodyKind, Gender
from models.entities import Body, Membership, Person, Term
from models.services.common.text import fitted
from models.services.common.versioning import ensure_version, refusing_stale
from models.services.people.rows import PersonRow
from models.store.unit_of_work import Database

_ID_DIGITS = re.compile(r"[0-9]+[xX]?|[xX]")


@dataclass(frozen=True)
class PersonDraft:
    """What a clerk typed for a person's identity, before validation."""

    name: str
    gender: str
    id_number: str
    ethnicity: str | None = None
    birth_date: date | None = None
    phone: str | None = None


@dataclass(frozen=True)
class ValidPerson:
    name: str
    gender: Gender
    id_number: str
    ethnicity: str | None
    birth_date: date | None
    phone: str | None
    warnings: tuple[Problem, ...]


def validate_person(draft: PersonDraft, *, today: date | None = None) -> ValidPerson:
    """Raise DomainError naming the field for the first error; return warnings beside the values."""
    today = today or date.today()
    name = fitted(draft.name, Person.name, field="name", label="姓名")
    if not name:
        raise DomainError("name_blank", field="name")
    try:
        gender = Gender(draft.gender.strip())
    except ValueError:
        raise DomainError("gender_invalid", field="gender") from None
    id_number = normalise_identifier(draft.id_number)
    if not id_number:
        raise DomainError("missing_required", field="id_number", label="身份证号")
    problem = id_number_problem(id_number, today=today)
    if problem is not None:
        raise DomainError(problem.code, field="id_number", **problem.params)
    warnings = []
    if gender_of(id_number) is not gender:
        warnings.append(Problem("gender_id_mismatch", Level.WARNING))
    if draft.birth_date is not None and draft.birth_date != birth_date_of(id_number):
        warnings.append(Problem("birthdate_id_mismatch", Level.WARNING))
    return ValidPerson(
        name=name,
        gender=gender,
        id_number=id_number,
        ethnicity=fitted(draft.ethnicity, Person.ethnicity, field="ethnicity", label="民族"),
        birth_date=draft.birth_date or birth_date_of(id_number),
        phone=fitted(draft.phone, Person.phone, field="phone", label="联系电话"),
        warnings=tuple(warnings),
    )


def _refuse_duplicate(session: Session, id_number: str, except_id: int | None = None) -> None:
    holder = session.scalar(select(Person).where(Person.id_number == id_number))
    if holder is not None and holder.id != except_id:
        raise DomainError("dup_id", field="id_number", id_number=id_number, name=holder.name)


def _apply(person: Person, valid: ValidPerson) -> None:
    person.name = valid.name
    person.gender = valid.gender
    person.id_number = valid.id_number
    person.ethnicity = valid.ethnicity
    person.birth_date = valid.birth_date
    person.phone = valid.phone
    person.pinyin_full, person.pinyin_initials = pinyin_keys(valid.name)
    person.pinyin_sort = sort_key(valid.name)


def add_person(db: Database, *, user: str, draft: PersonDraft) -> PersonRow:
    valid = validate_person(draft)
    with db.unit_of_work(user) as uow:
        _refuse_duplicate(uow.session, valid.id_number)
        person = Person()
        _apply(person, valid)
        uow.session.add(person)
        uow.session.flush()
        row = PersonRow.of(person, memberships=())
        uow.commit()
    return row


def update_person(
    db: Database, *, user: str, person_id: int, expected_version: int | None, draft: PersonDraft
) -> PersonRow:
    """A blank ID number keeps the stored one: the form shows it masked and need not retype it."""
    with db.unit_of_work(user) as uow, refusing_stale(db, Person, person_id):
        person = _get_person(uow.session, person_id)
        ensure_version(person, expected_version)
        if not draft.id_number.strip():
            draft = replace(draft, id_number=person.id_number)
        valid = validate_person(draft)
        _refuse_duplicate(uow.session, valid.id_number, except_id=person_id)
        _apply(person, valid)
        uow.session.flush()
        row = PersonRow.of(person)
        uow.commit()
    return row


def _get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", person_id=person_id)
    return person


def get_person(db: Database, *, person_id: int) -> PersonRow:
    with db.session_factory() as session:
        return PersonRow.of(_get_person(session, person_id))


def reveal_id_number(db: Database, *, user: str, person_id: int) -> str:
    """The whole ID number; the request itself goes to the change log."""
    with db.unit_of_work(user) as uow:
        person = _get_person(uow.session, person_id)
        uow.log(action="reveal", entity="person", entity_id=person.id, note="查看完整身份证号")
        id_number = person.id_number
        uow.commit()
    return id_number


def search_condition(query: str):  # type: ignore[no-untyped-def]
    """Name, full pinyin, pinyin initials (zs finds 张三), or the ID number's last digits."""
    text = normalise_query(query)
    conditions = [Person.name.contains(query.strip(), autoescape=True)]
    if text.isascii() and text.isalpha():
        conditions += [
            Person.pinyin_full.contains(text, autoescape=True),
            Person.pinyin_initials.contains(text, autoescape=True),
        ]
    if _ID_DIGITS.fullmatch(text):
        conditions.append(Person.id_number.endswith(text.upper(), autoescape=True))
    return or_(*conditions)


@dataclass(frozen=True)
class PeopleFilter:
    body: BodyKind | None = None
    association: Association | None = None
    term_id: int | None = None
    search: str | None = None


def _people_query(where: PeopleFilter) -> Select[tuple[Person]]:
    query = select(Person).order_by(Person.pinyin_sort, Person.id)
    if where.term_id is not None:
        query = query.where(Person.memberships.any(Membership.term_id == where.term_id))
    elif where.body is not None:
        bodies = Body.kind == where.body
        if where.association is not None:
            bodies &= Body.association == where.association
        query = query.where(Person.memberships.any(Membership.term.has(Term.body.has(bodies))))
    if where.search and where.search.strip():
        query = query.where(search_condition(where.search))
    return query


def list_people(
    db: Database, *, user: str, where: PeopleFilter, reveal: bool = False
) -> list[PersonRow]:
    """People matching the filter, with all their memberships; a reveal is logged per person."""
    if not reveal:
        with db.session_factory() as session:
            return _load_rows(session, where, reveal=False)
    with db.unit_of_work(user) as uow:
        rows = _load_rows(uow.session, where, reveal=True)
        for row in rows:
            uow.log(
                action="reveal",
                entity="person",
                entity_id=row.id,
                note="查看完整身份证号（人员列表）",
            )
        uow.commit()
    return rows


def _load_rows(session: Session, where: PeopleFilter, *, reveal: bool) -> list[PersonRow]:
    load = selectinload(Person.memberships).options(
        selectinload(Membership.term).selectinload(Term.body),
        selectinload(Membership.electoral_unit),
    )
    people = session.scalars(_people_query(where).options(load)).all()
    return [PersonRow.of(p, reveal=reveal) for p in people]

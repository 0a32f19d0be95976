"""The people feature's reads: people, terms and rosters, as plain rows."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.domain.errors import DomainError
from models.domain.search_keys import normalise_query
from models.domain.vocabulary import (
    Association,
    BodyKind,
    MembershipStatus,
    term_display_name,
)
from models.entities import Body, ElectoralUnit, Membership, Person, Term
from models.services.common.access import check_allowed, guarded
from models.services.people._roster_rows import member_entry, person_fields
from models.services.people._rows import load_person, membership_detail, person_row, term_row
from models.services.people.contracts import (
    MembershipDetail,
    PeopleFilter,
    PersonRow,
    RosterEntry,
    TermRow,
)
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

_ID_DIGITS = re.compile(r"[0-9]+[xX]?|[xX]")


def list_terms(
    db: Database, *, kind: BodyKind, association: Association | None = None
) -> list[TermRow]:
    with db.session_factory() as session:
        body = get_body(session, kind, association)
        terms = session.scalars(
            select(Term).where(Term.body_id == body.id).order_by(Term.ordinal)
        ).all()
        return [term_row(t) for t in terms]


def get_person(db: Database, *, person_id: int) -> PersonRow:
    with db.session_factory() as session:
        return person_row(load_person(session, person_id))


def get_membership(db: Database, *, membership_id: int) -> MembershipDetail:
    """One membership's per-term facts, as the 编辑本届信息 form shows them."""
    with db.session_factory() as session:
        membership = session.get(
            Membership,
            membership_id,
            options=[
                joinedload(Membership.term).joinedload(Term.body),
                joinedload(Membership.person),
                joinedload(Membership.electoral_unit),
            ],
        )
        if membership is None:
            raise DomainError("membership_not_found", membership_id=membership_id)
        return membership_detail(membership)


def search_condition(query: str) -> ColumnElement[bool]:
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


def _people_query(where: PeopleFilter) -> Select[Person]:
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


@guarded("people.read")
def list_people(
    db: Database, *, user: str, where: PeopleFilter, reveal: bool = False
) -> list[PersonRow]:
    """People matching the filter, with all their memberships; a reveal is logged per person."""
    if not reveal:
        with db.session_factory() as session:
            return _load_rows(session, where, reveal=False)
    with db.unit_of_work(user) as uow:
        check_allowed(uow.session, user, "people.reveal_id")  # whole ID numbers: a right of its own
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
    return [person_row(p, reveal=reveal) for p in people]


_PERSON_COLUMNS = (
    Person.id.label("person_id"),
    Person.version.label("person_version"),
    Person.name,
    Person.gender,
    Person.id_number,
    Person.birth_date,
    Person.phone,
    Person.pinyin_full,
    Person.pinyin_initials,
    Person.pinyin_sort,
)


def _person_fields(r: Any) -> dict[str, Any]:
    return person_fields(
        person_id=r.person_id,
        person_version=r.person_version,
        name=r.name,
        gender=r.gender.value,
        id_number=r.id_number,
        birth_date=r.birth_date,
        phone=r.phone,
        pinyin_full=r.pinyin_full,
        pinyin_initials=r.pinyin_initials,
        pinyin_sort=r.pinyin_sort,
    )


def members_of_term(db: Database, *, term_id: int) -> list[RosterEntry]:
    """Everyone who holds or held a membership of the term, ended ones included."""
    query = (
        select(
            *_PERSON_COLUMNS,
            Membership.id.label("membership_id"),
            Membership.version.label("membership_version"),
            Membership.position,
            Membership.status,
            Membership.employment,
            Membership.delegate_type,
            ElectoralUnit.name.label("unit"),
            Membership.disability_category,
            Membership.multi_components,
            Membership.relative_categories,
            Membership.start_date,
            Membership.end_date,
            Membership.end_reason,
        )
        .join(Membership, Membership.person_id == Person.id)
        .outerjoin(ElectoralUnit, ElectoralUnit.id == Membership.electoral_unit_id)
        .where(Membership.term_id == term_id)
        .order_by(Membership.status == MembershipStatus.ENDED, Membership.id)
    )
    with db.session_factory() as session:
        rows = session.execute(query).all()
    return [
        member_entry(
            _person_fields(r),
            membership_id=r.membership_id,
            membership_version=r.membership_version,
            position=r.position.value,
            status=r.status,
            employment=r.employment.value if r.employment else None,
            delegate_type=r.delegate_type.value if r.delegate_type else None,
            unit=r.unit,
            disability_category=r.disability_category,
            multi_components=r.multi_components,
            relative_categories=r.relative_categories,
            start_date=r.start_date,
            end_date=r.end_date,
            end_reason=r.end_reason.value if r.end_reason else None,
        )
        for r in rows
    ]


def registry(db: Database) -> list[RosterEntry]:
    """Every person, with their present roles in one line (人员库)."""
    people = select(*_PERSON_COLUMNS).order_by(Person.pinyin_sort, Person.id)
    roles_query = (
        select(Membership.person_id, Body.name, Term.ordinal, Membership.position)
        .join(Term, Term.id == Membership.term_id)
        .join(Body, Body.id == Term.body_id)
        .where(Membership.status != MembershipStatus.ENDED)
        .order_by(Membership.person_id, Body.id, Term.ordinal)
    )
    with db.session_factory() as session:
        rows = session.execute(people).all()
        roles: dict[int, list[str]] = defaultdict(list)
        for person_id, body, term, position in session.execute(roles_query):
            term_name = "" if term is None else term_display_name(term)
            label = position.value if position.value.startswith(body) else f"{body}{position.value}"
            roles[person_id].append(f"{term_name}{label}")
    return [
        RosterEntry(**_person_fields(r), roles="；".join(roles.get(r.person_id, ()))) for r in rows
    ]

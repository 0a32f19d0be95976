"""Rosters for the window: light rows from column queries, and instant search over them.

A roster is loaded once per body and term (or once for the whole registry) and searched in
memory on every keystroke, so a search never misses rows and never waits for the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from models.domain.identity import mask_identifier
from models.domain.search_keys import normalise_query
from models.domain.vocabulary import (
    DisabilityCategory,
    MembershipStatus,
    term_display_name,
)
from models.entities import Body, ElectoralUnit, Membership, Person, Term
from models.store.unit_of_work import Database

# How many trailing ID characters a roster keeps for search ("the ID's last digits").
ID_TAIL = 6
_ID_QUERY = re.compile(r"[0-9]+x?|x")


@dataclass(frozen=True, slots=True)
class RosterEntry:
    person_id: int
    person_version: int
    name: str
    gender: str
    id_number: str  # masked
    birth_date: date | None
    phone: str | None
    # The membership this line shows; None on the registry, which lists people.
    membership_id: int | None = None
    membership_version: int | None = None
    position: str = ""
    status: MembershipStatus | None = None
    employment: str = ""
    delegate_type: str = ""
    electoral_unit: str = ""
    category: str = ""
    start_date: date | None = None
    end_date: date | None = None
    end_reason: str = ""
    roles: str = ""
    # name, full pinyin and initials in one lower-case string, and the ID's last characters.
    haystack: str = ""
    id_tail: str = ""
    # The first pinyin reading: names sort the way a clerk looks them up.
    sort_name: str = ""


def _category_text(
    category: DisabilityCategory | None, multi: list[str] | None, relatives: list[str] | None
) -> str:
    if category is DisabilityCategory.MULTIPLE and multi:
        return f"多重（{'、'.join(multi)}）"
    if category is not None:
        return category.value
    if relatives:
        return f"亲友（{'、'.join(relatives)}）"
    return ""


def _haystack(name: str, full: str, initials: str) -> str:
    return f"{name}\x1f{full}\x1f{initials}".lower()


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
    return {
        "person_id": r.person_id,
        "person_version": r.person_version,
        "name": r.name,
        "gender": r.gender.value,
        "id_number": mask_identifier(r.id_number) or "",
        "birth_date": r.birth_date,
        "phone": r.phone,
        "haystack": _haystack(r.name, r.pinyin_full, r.pinyin_initials),
        "id_tail": r.id_number[-ID_TAIL:],
        "sort_name": r.pinyin_sort,
    }


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
        RosterEntry(
            **_person_fields(r),
            membership_id=r.membership_id,
            membership_version=r.membership_version,
            position=r.position.value,
            status=r.status,
            employment=r.employment.value if r.employment else "",
            delegate_type=r.delegate_type.value if r.delegate_type else "",
            electoral_unit=r.unit or "",
            category=_category_text(
                r.disability_category, r.multi_components, r.relative_categories
            ),
            start_date=r.start_date,
            end_date=r.end_date,
            end_reason=r.end_reason.value if r.end_reason else "",
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
        for person_id, body, ordinal, position in session.execute(roles_query):
            term = "" if ordinal is None else term_display_name(ordinal)
            label = position.value if position.value.startswith(body) else f"{body}{position.value}"
            roles[person_id].append(f"{term}{label}")
    return [
        RosterEntry(**_person_fields(r), roles="；".join(roles.get(r.person_id, ()))) for r in rows
    ]


def search_entries(entries: Sequence[RosterEntry], query: str) -> list[RosterEntry]:
    """Name, full pinyin, pinyin initials (zs finds 张三) or the ID's last digits."""
    text = normalise_query(query)
    if not text:
        return list(entries)
    if _ID_QUERY.fullmatch(text) and len(text) <= ID_TAIL:
        tail = text.upper()
        return [e for e in entries if text in e.haystack or e.id_tail.endswith(tail)]
    return [e for e in entries if text in e.haystack]


def person_ids(entries: Iterable[RosterEntry]) -> set[int]:
    return {e.person_id for e in entries}

"""Two clerks, one record: the database's unique indexes catch what a check-then-insert cannot.

A command checks (is the person already in the term? is the ID number registered?) and then
inserts; on PostgreSQL two clerks can both pass the check at the same moment. The indexes
(`uq_membership_open`, `person.id_number`) make the second insert fail with an IntegrityError;
`refusing_taken` turns that into the refusal the check would have given, naming who was first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from models.domain.errors import DomainError
from models.domain.vocabulary import MembershipStatus, body_display_name, term_display_name
from models.entities import Membership, Person, Term, User
from models.services.common.taken import is_unique_violation, names_index
from models.services.people._validation import duplicate_id
from models.store.unit_of_work import Database

# How each backend names the index in its message: PostgreSQL by name, SQLite by its columns.
OPEN_MEMBERSHIP = ("uq_membership_open", "membership.person_id, membership.term_id")
ID_NUMBER = ("uq_person_id_number", "person.id_number")
UNIT_NAME = ("uq_electoral_unit_name", "electoral_unit.name")


@contextmanager
def refusing_taken(
    db: Database,
    *,
    term_id: int | None = None,
    person_ids: Callable[[], Collection[int]] = frozenset,
    id_numbers: Callable[[], Collection[str]] = frozenset,
) -> Iterator[None]:
    """Around a unit of work: an insert another clerk's commit made a duplicate is refused with
    `membership_taken` (the person, the clerk who was first, the body and term) or `dup_id`;
    any other duplicate (a unit's name, a seat allocation) with `record_taken`. `person_ids`
    and `id_numbers` say, when asked after the failure, what the command wrote."""
    try:
        yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        error = None
        if term_id is not None and names_index(exc, *OPEN_MEMBERSHIP):
            error = membership_taken(db, term_id, person_ids())
        elif names_index(exc, *ID_NUMBER):
            error = id_number_taken(db, id_numbers())
        if error is None:
            what = "新建的选举单位" if names_index(exc, *UNIT_NAME) else "同一条记录"
            error = DomainError("record_taken", what=what)
        raise error from exc


def membership_taken(db: Database, term_id: int, person_ids: Collection[int]) -> DomainError | None:
    """The refusal for the open membership another clerk has just added, if one is there."""
    with db.session_factory() as session:
        taken = session.scalars(
            select(Membership)
            .where(
                Membership.term_id == term_id,
                Membership.person_id.in_(person_ids),
                Membership.status != MembershipStatus.ENDED,
            )
            .options(
                joinedload(Membership.person), joinedload(Membership.term).joinedload(Term.body)
            )
            .order_by(Membership.created_at.desc(), Membership.id.desc())
            .limit(1)
        ).first()
        if taken is None:
            return None
        login = taken.updated_by
        shown = (
            session.scalar(select(User.display_name).where(User.login == login)) if login else None
        )
        return DomainError(
            "membership_taken",
            field="person",
            name=taken.person.name,
            who=shown or login or "其他用户",
            body=body_display_name(taken.term.body.kind, taken.term.body.association),
            term=term_display_name(taken.term.ordinal),
        )


def id_number_taken(db: Database, id_numbers: Collection[str]) -> DomainError | None:
    """The `dup_id` refusal for an ID number another clerk has just registered, if one is."""
    with db.session_factory() as session:
        holder = session.execute(
            select(Person.id_number, Person.name).where(Person.id_number.in_(id_numbers)).limit(1)
        ).first()
    return duplicate_id(holder[0], holder[1]) if holder is not None else None

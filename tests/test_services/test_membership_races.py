"""Two clerks, one person, one term: the database keeps one open membership, the loser is told.

The command checks who is seated and then inserts; on PostgreSQL two clerks can both pass the
check. The index `uq_membership_open` (migration 0009) refuses the second insert, and the command
answers with `membership_taken`, naming the clerk who was first.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus
from models.entities import Membership, Person
from models.services.people import commands as people_commands
from models.services.people._taken import refusing_taken
from models.services.people.commands import add_membership, add_people, add_person
from models.services.people.contracts import MembershipDraft
from models.services.terms.commands import open_term
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from ._support import ZHANG_SAN_ID, count, draft, valid_id

CANDIDATE = MembershipDraft(position="代表", status="candidate")
RUNS = 10


def _open_seats(db: Database, person_id: int, term_id: int) -> int:
    with db.session_factory() as session:
        return session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(
                Membership.person_id == person_id,
                Membership.term_id == term_id,
                Membership.status != MembershipStatus.ENDED,
            )
        )


def test_the_index_refuses_a_second_open_membership_and_names_the_first_clerk(db):
    """What the loser of a race meets, on both backends: the insert that passed the check
    (here written directly, as a racing clerk's would be) is refused by the index."""
    person = add_person(db, user="setup", draft=draft())
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    add_membership(db, user="alice", person_id=person.id, term_id=term.id, draft=CANDIDATE)
    before = count(db, Membership)

    with (
        pytest.raises(DomainError) as refused,
        refusing_taken(db, term_id=term.id, person_ids=lambda: [person.id]),
        db.unit_of_work("bob") as uow,
    ):
        uow.session.add(
            Membership(
                person_id=person.id,
                term_id=term.id,
                position=Position.DELEGATE,
                status=MembershipStatus.CANDIDATE,
            )
        )
        uow.session.flush()
        uow.commit()

    assert refused.value.code == "membership_taken"
    text = message(refused.value.code, refused.value.params)
    assert "张三" in text and "alice" in text and "第八届" in text
    assert count(db, Membership) == before
    assert _open_seats(db, person.id, term.id) == 1


def test_an_ended_membership_leaves_room_for_a_new_one(db):
    """The index is partial: history (ended rows) does not block a new seat in the same term."""
    person = add_person(db, user="setup", draft=draft())
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    first = add_membership(db, user="alice", person_id=person.id, term_id=term.id, draft=CANDIDATE)
    with db.unit_of_work("setup") as uow:
        uow.session.get(Membership, first.id).status = MembershipStatus.ENDED
        uow.commit()
    add_membership(db, user="bob", person_id=person.id, term_id=term.id, draft=CANDIDATE)
    assert _open_seats(db, person.id, term.id) == 1


def test_a_racing_id_number_is_refused_as_the_check_refuses_it(db):
    add_person(db, user="alice", draft=draft(name="张三"))
    with (
        pytest.raises(DomainError) as refused,
        refusing_taken(db, id_numbers=lambda: [ZHANG_SAN_ID]),
        db.unit_of_work("bob") as uow,
    ):
        racing = Person()
        racing.name, racing.gender, racing.id_number = "李四", "男", ZHANG_SAN_ID
        uow.session.add(racing)
        uow.session.flush()
    assert refused.value.code == "dup_id"
    assert "张三" in message(refused.value.code, refused.value.params)
    assert count(db, Person) == 1


def test_another_integrity_error_is_not_disguised(db):
    with (
        pytest.raises(IntegrityError),
        refusing_taken(db, term_id=1, person_ids=lambda: [1]),
        db.unit_of_work("bob") as uow,
    ):
        uow.session.add(Membership(person_id=10**6, term_id=10**6, position=Position.DELEGATE))
        uow.session.flush()


def test_on_sqlite_the_second_clerk_waits_and_is_refused_by_the_check(fresh):
    """SQLite's writers take the lock first (BEGIN IMMEDIATE): the loser sees the row."""
    db = fresh.database("sqlite")
    person = add_person(db, user="setup", draft=draft())
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    outcomes = _race(db, person.id, term.id)
    assert sorted(type(o).__name__ for o in outcomes.values()) == ["DomainError", "MembershipRow"]
    assert _open_seats(db, person.id, term.id) == 1
    db.engine.dispose()


def _race(db: Database, person_id: int, term_id: int) -> dict[str, object]:
    """Two clerks add the person at once; each one's return value or refusal, by login."""
    start = threading.Barrier(2, timeout=20)
    outcomes: dict[str, object] = {}

    def clerk(login: str) -> None:
        start.wait()
        try:
            outcomes[login] = add_membership(
                db, user=login, person_id=person_id, term_id=term_id, draft=CANDIDATE
            )
        except DomainError as exc:
            outcomes[login] = exc

    threads = [threading.Thread(target=clerk, args=(login,)) for login in ("alice", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert set(outcomes) == {"alice", "bob"}
    return outcomes


def test_two_clerks_racing_on_postgresql_never_make_a_duplicate(
    fresh, postgres_available, monkeypatch
):
    """Both clerks pass the check before either inserts (held at a barrier between the two),
    ten times: one membership each time, and the loser is told who was first."""
    engine = create_database_engine(fresh.url("postgresql"))
    migrate.upgrade(engine)
    db = Database(engine)
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    people = add_people(
        db,
        user="setup",
        drafts=[
            draft(name=f"张{n}", id_number=valid_id(sequence=f"{n:02d}1")) for n in range(RUNS)
        ],
    )
    checked = threading.Barrier(2, timeout=20)
    after_check = people_commands.units_by_name

    def both_checked(session):  # type: ignore[no-untyped-def]
        checked.wait()  # the seated check is done in both transactions
        return after_check(session)

    monkeypatch.setattr(people_commands, "units_by_name", both_checked)
    for person in people:
        outcomes = _race(db, person.id, term.id)
        refused = [o for o in outcomes.values() if isinstance(o, DomainError)]
        assert len(refused) == 1, outcomes
        winner = next(login for login, o in outcomes.items() if not isinstance(o, DomainError))
        assert refused[0].code == "membership_taken"
        assert refused[0].params["who"] == winner
        assert person.name in message(refused[0].code, refused[0].params)
        assert _open_seats(db, person.id, term.id) == 1
    engine.dispose()

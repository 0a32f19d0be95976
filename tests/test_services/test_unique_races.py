"""Every check-then-insert, raced on PostgreSQL: the loser gets a message, never a traceback.

Each test holds another clerk's insert open (not yet committed) in a second connection; the
command's check cannot see it (READ COMMITTED), so the command inserts too and waits on the
unique index; once the other clerk commits, the command must refuse with its message and leave
nothing of its own behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus
from models.entities import ElectoralUnit, Membership, Person, Setting
from models.services.common.federation_data import put_setting
from models.services.common.settings import record_rules, rules_copy
from models.services.electoral.commands import add_electoral_unit
from models.services.people.commands import add_membership, add_person
from models.services.people.contracts import MembershipDraft
from models.services.rosters.commands import import_roster
from models.services.terms.commands import open_term
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from ._support import ZHANG_SAN_ID, draft


@pytest.fixture
def pg(fresh, postgres_available) -> Iterator[Database]:
    engine = create_database_engine(fresh.url("postgresql"))
    migrate.upgrade(engine)
    yield Database(engine)
    engine.dispose()


def behind_open_insert(
    db: Database, insert: Callable[[Session], None], command: Callable[[], object]
) -> object:
    """Run `command` while another clerk's `insert` is flushed but not committed; commit it once
    the command waits on it; the command's value or the exception it raised."""
    with db.engine.connect() as other:
        holder = other.execute(text("SELECT pg_backend_pid()")).scalar_one()
        other.commit()
        transaction = other.begin()
        with Session(bind=other) as session:
            insert(session)
            session.flush()
            outcome: list[object] = []

            def run() -> None:
                try:
                    outcome.append(command())
                except Exception as exc:
                    outcome.append(exc)

            worker = threading.Thread(target=run)
            worker.start()
            _wait_until_blocked(db, holder)
            transaction.commit()
            worker.join(30)
    assert outcome, "the command did not finish"
    return outcome[0]


def _wait_until_blocked(db: Database, holder: int) -> None:
    deadline = time.monotonic() + 20
    with db.engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE :h = ANY(pg_blocking_pids(pid))"),
                {"h": holder},
            ).scalar_one()
            if waiting:
                return
            watcher.rollback()
            time.sleep(0.05)
    raise AssertionError("the command never waited on the other clerk's insert")


def _count(db: Database, entity: type) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(entity))


def _refused(outcome: object, code: str) -> str:
    assert isinstance(outcome, DomainError), outcome
    assert outcome.code == code, outcome
    return message(outcome.code, outcome.params)


def alice_seats(
    person_id: int, term_id: int, position: Position, status: MembershipStatus
) -> Callable[[Session], None]:
    """Another clerk, alice, adding the person to the term."""

    def insert(session: Session) -> None:
        session.add(
            Membership(
                person_id=person_id,
                term_id=term_id,
                position=position,
                status=status,
                updated_by="alice",
            )
        )

    return insert


def test_add_membership_loses_to_alice_and_names_her(pg):
    person = add_person(pg, user="setup", draft=draft())
    term = open_term(pg, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)

    outcome = behind_open_insert(
        pg,
        alice_seats(person.id, term.id, Position.DELEGATE, MembershipStatus.CANDIDATE),
        lambda: add_membership(
            pg,
            user="bob",
            person_id=person.id,
            term_id=term.id,
            draft=MembershipDraft(position="代表", status="candidate"),
        ),
    )
    assert "alice" in _refused(outcome, "membership_taken")
    assert _count(pg, Membership) == 1


def _roster(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "身份证号", "职务"])
    sheet.append(["张三", "男", ZHANG_SAN_ID, "主席"])
    book.save(path)
    return path


def test_a_roster_import_racing_for_the_same_seat_is_refused(pg, tmp_path):
    person = add_person(pg, user="setup", draft=draft())
    term = open_term(pg, user="setup", kind=BodyKind.PRESIDIUM, term=7, status=TermStatus.CURRENT)

    outcome = behind_open_insert(
        pg,
        alice_seats(person.id, term.id, Position.CHAIR, MembershipStatus.ELECTED),
        lambda: import_roster(
            pg, user="bob", path=_roster(tmp_path / "主席团.xlsx"), kind=BodyKind.PRESIDIUM
        ),
    )
    assert "张三" in _refused(outcome, "membership_taken")
    assert _count(pg, Membership) == 1


def test_a_roster_import_racing_to_register_the_same_id_number_is_refused(pg, tmp_path):
    open_term(pg, user="setup", kind=BodyKind.PRESIDIUM, term=7, status=TermStatus.CURRENT)

    def alice(session: Session) -> None:
        session.add(Person(name="张三", gender="男", id_number=ZHANG_SAN_ID, updated_by="alice"))

    outcome = behind_open_insert(
        pg,
        alice,
        lambda: import_roster(
            pg, user="bob", path=_roster(tmp_path / "主席团.xlsx"), kind=BodyKind.PRESIDIUM
        ),
    )
    _refused(outcome, "dup_id")
    assert (_count(pg, Person), _count(pg, Membership)) == (1, 0)


def test_an_electoral_unit_racing_for_its_name_is_refused(pg):
    def alice(session: Session) -> None:
        session.add(ElectoralUnit(name="大峪街道", kind="街道", sort_order=1))

    outcome = behind_open_insert(
        pg, alice, lambda: add_electoral_unit(pg, user="bob", name="大峪街道")
    )
    assert "大峪街道" in _refused(outcome, "unit_name_taken")
    assert _count(pg, ElectoralUnit) == 1


def test_a_setting_stored_twice_at_once_is_refused_and_the_rules_recorded_once(pg):
    def alice(session: Session) -> None:
        session.add(Setting(key="federation.name", value="甲", updated_by="alice"))

    outcome = behind_open_insert(
        pg, alice, lambda: put_setting(pg, user="bob", key="federation.name", value="乙")
    )
    assert "federation.name" in _refused(outcome, "record_taken")

    def first_window(session: Session) -> None:
        session.add(Setting(key="rules.id", value="alice-rules", updated_by="alice"))
        session.add(Setting(key="rules.content", value="# alice", updated_by="alice"))

    recorded = behind_open_insert(
        pg,
        first_window,
        lambda: record_rules(pg, user="bob", rules_id="bob-rules", content="# bob"),
    )
    assert recorded is False
    assert rules_copy(pg) == ("# alice", "alice-rules")

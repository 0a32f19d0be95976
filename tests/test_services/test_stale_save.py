"""Stale saves are refused, naming who changed the record and when (DESIGN §2 version column)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import text

import models.services.common.command as command_preamble
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import ChangeLog, Membership, Person
from models.services.common.versioning import refusing_stale
from models.services.people.commands import (
    add_membership,
    add_person,
    end_membership,
    update_person,
)
from models.services.people.contracts import MembershipDraft
from models.services.people.queries import get_person
from models.services.terms.commands import open_term
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database, open_database

from ._support import count, draft


def _local_minute(moment) -> str:
    return moment.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M")


def _assert_names_the_change(error: DomainError, *, login: str, updated_at) -> None:
    assert error.code == "stale_record"
    assert error.params["changed_by"] == login
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", error.params["changed_at"])
    assert error.params["changed_at"] == _local_minute(updated_at)
    text = message(error.code, error.params)
    assert login in text
    assert error.params["changed_at"] in text


def test_update_with_an_old_version_is_refused_naming_the_other_clerk(db):
    loaded = add_person(db, user="a", draft=draft())  # clerk a's form holds version 1
    update_person(
        db, user="b", person_id=loaded.id, expected_version=1, draft=draft(phone="13900000000")
    )
    current = get_person(db, person_id=loaded.id)
    logged = count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        update_person(
            db,
            user="a",
            person_id=loaded.id,
            expected_version=loaded.version,
            draft=draft(name="张叁"),
        )
    _assert_names_the_change(caught.value, login="b", updated_at=current.updated_at)
    assert caught.value.params["version"] == 2
    after = get_person(db, person_id=loaded.id)
    assert (after.name, after.phone, after.version, after.updated_by) == (
        "张三",
        "13900000000",
        2,
        "b",
    )
    assert count(db, ChangeLog) == logged


def test_update_with_the_current_version_goes_through(db):
    row = add_person(db, user="a", draft=draft())
    row = update_person(db, user="b", person_id=row.id, expected_version=1, draft=draft(phone="1"))
    row = update_person(db, user="a", person_id=row.id, expected_version=2, draft=draft(phone="2"))
    assert (row.version, row.phone, row.updated_by) == (3, "2", "a")


def test_ending_a_membership_from_an_old_form_is_refused_naming_the_other_clerk(db):
    person = add_person(db, user="setup", draft=draft())
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    loaded = add_membership(
        db,
        user="setup",
        person_id=person.id,
        term_id=term.id,
        draft=MembershipDraft(position="代表", status="candidate"),
    )
    end_membership(
        db,
        user="b",
        membership_id=loaded.id,
        expected_version=loaded.version,
        end_date=date(2027, 3, 1),
        reason="辞职",
    )
    with db.session_factory() as session:
        ended_at = session.get(Membership, loaded.id).updated_at
    with pytest.raises(DomainError) as caught:
        end_membership(
            db,
            user="a",
            membership_id=loaded.id,
            expected_version=loaded.version,
            end_date=date(2027, 5, 1),
            reason="去世",
        )
    _assert_names_the_change(caught.value, login="b", updated_at=ended_at)
    with db.session_factory() as session:
        stored = session.get(Membership, loaded.id)
        assert (stored.end_reason.value, stored.end_date, stored.version) == (
            "辞职",
            date(2027, 3, 1),
            2,
        )


# On PostgreSQL two clerks' units of work really interleave; SQLite serialises writers instead
# (test_sqlite_serialises_writers_and_tells_the_waiting_clerk).


def test_a_concurrent_update_caught_at_flush_is_refused_naming_the_other_clerk(
    fresh, postgres_available
):
    db = fresh.database("postgresql")
    pid = add_person(db, user="a", draft=draft()).id  # clerk a exists: A's unit only reads
    with db.unit_of_work("a") as uow:
        person = uow.session.get(Person, pid)
        assert person.version == 1
        update_person(
            db, user="b", person_id=pid, expected_version=None, draft=draft(phone="13900000000")
        )
        with pytest.raises(DomainError) as caught, refusing_stale(db, Person, pid):
            person.name = "张叁"
            uow.session.flush()
    stored = get_person(db, person_id=pid)
    _assert_names_the_change(caught.value, login="b", updated_at=stored.updated_at)
    assert (stored.name, stored.phone, stored.version) == ("张三", "13900000000", 2)


def test_update_person_turns_a_flush_time_conflict_into_the_refusal(
    fresh, postgres_available, monkeypatch
):
    """The service's own guard: another clerk commits between its load and its flush."""
    db = fresh.database("postgresql")
    pid = add_person(db, user="a", draft=draft()).id
    real_ensure = command_preamble.ensure_version

    def interleave(record, expected):
        real_ensure(record, expected)
        # b commits on its own connection while a's unit of work has loaded version 1.
        monkeypatch.setattr(command_preamble, "ensure_version", real_ensure)
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE person SET version = 2, updated_by = 'b', phone = '1' WHERE id = :id"),
                {"id": pid},
            )

    monkeypatch.setattr(command_preamble, "ensure_version", interleave)
    with pytest.raises(DomainError) as caught:
        update_person(db, user="a", person_id=pid, expected_version=1, draft=draft(name="张叁"))
    assert caught.value.code == "stale_record"
    assert caught.value.params["changed_by"] == "b"
    assert get_person(db, person_id=pid).name == "张三"


def test_sqlite_serialises_writers_and_tells_the_waiting_clerk(fresh):
    """On SQLite a unit of work holds the write lock: the other clerk waits, then is told."""
    url = fresh.url("sqlite")
    a = open_database(url)
    pid = add_person(a, user="a", draft=draft()).id
    b = Database(create_database_engine(url, busy_timeout_ms=200))
    with a.unit_of_work("a") as uow:
        uow.session.get(Person, pid).name = "张叁"
        uow.session.flush()
        with pytest.raises(DomainError) as busy:
            update_person(b, user="b", person_id=pid, expected_version=1, draft=draft(phone="1"))
        assert busy.value.code == "database_busy"
        uow.commit()
    # b saves again what it typed over version 1: now refused, naming a.
    with pytest.raises(DomainError) as stale:
        update_person(b, user="b", person_id=pid, expected_version=1, draft=draft(phone="1"))
    assert stale.value.code == "stale_record"
    assert stale.value.params["changed_by"] == "a"
    stored = get_person(a, person_id=pid)
    assert (stored.name, stored.phone, stored.version) == ("张叁", None, 2)
    a.engine.dispose()
    b.engine.dispose()

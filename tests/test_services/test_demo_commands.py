"""The commands the demo needed: electoral units with seats, clearing a federation, a setting,
and the database's clock and single transaction the demo runs its commands in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import Person
from models.services.common.federation_data import (
    clear_federation,
    holds_federation_data,
    put_setting,
)
from models.services.common.settings import get_setting
from models.services.electoral.commands import add_electoral_unit
from models.services.people.commands import add_person
from models.services.slates.queries import seats_of_term, units_of_term
from models.services.terms.commands import open_term

from ._support import count, draft, last_log_id, log_since

DAY = datetime(2021, 6, 18, 1, 30, tzinfo=UTC)


def _congress(db, term: int = 7) -> int:
    return open_term(
        db, user="setup", kind=BodyKind.CONGRESS, term=term, status=TermStatus.CURRENT
    ).id


def test_units_are_added_in_order_with_their_seats(db):
    seventh = _congress(db)
    add_electoral_unit(db, user="clerk", name="大峪街道", kind="街道", seats=[(seventh, 27)])
    add_electoral_unit(db, user="clerk", name=" 王平镇 ", kind="镇", seats=[(seventh, 11)])
    assert units_of_term(db, term_id=seventh) == ["大峪街道", "王平镇"]
    assert seats_of_term(db, term_id=seventh) == [("大峪街道", 27), ("王平镇", 11)]


def test_a_unit_name_is_given_once(db):
    add_electoral_unit(db, user="clerk", name="大峪街道", kind="街道")
    with pytest.raises(DomainError) as twice:
        add_electoral_unit(db, user="clerk", name="大峪街道", kind="街道")
    with pytest.raises(DomainError) as blank:
        add_electoral_unit(db, user="clerk", name=" ", kind="街道")
    assert (twice.value.code, twice.value.field) == ("value_invalid", "name")
    assert (blank.value.code, blank.value.field) == ("missing_required", "name")


def test_clearing_a_federation_leaves_one_log_row_and_the_party_group(db):
    assert not holds_federation_data(db)
    add_person(db, user="clerk", draft=draft())
    add_electoral_unit(db, user="clerk", name="大峪街道", kind="街道", seats=[(_congress(db), 5)])
    put_setting(db, user="clerk", key="demo.built", value="2026-12-04")
    assert holds_federation_data(db)
    since = last_log_id(db)
    counts = clear_federation(db, user="clerk", note="清空", settings=["demo.built"])
    assert not holds_federation_data(db)
    assert count(db, Person) == 0
    assert get_setting(db, "demo.built") is None
    assert (counts["person"], counts["term"], counts["seat_allocation"]) == (1, 1, 1)
    (purge,) = log_since(db, since)
    assert (purge.action, purge.entity, purge.note) == ("purge", "database", "清空")


def test_a_setting_is_added_then_replaced(db):
    put_setting(db, user="clerk", key="demo.built", value="one")
    put_setting(db, user="clerk", key="demo.built", value="two")
    assert get_setting(db, "demo.built") == "two"


def test_a_database_with_a_clock_stamps_its_time(db):
    since = last_log_id(db)
    add_person(db.with_clock(lambda: DAY), user="clerk", draft=draft())
    rows = log_since(db, since)
    assert rows and {row.at.astimezone(UTC) for row in rows} == {DAY}
    later = last_log_id(db)
    add_person(
        db, user="clerk", draft=draft(name="李四", gender="女", id_number="110109198503150022")
    )
    assert all(row.at.astimezone(UTC) > DAY for row in log_since(db, later))


def test_one_transaction_keeps_all_or_nothing(fresh, backend):
    db = fresh.database(backend)
    with pytest.raises(RuntimeError), db.one_transaction() as one:
        add_person(one, user="clerk", draft=draft())
        assert count(one, Person) == 1
        raise RuntimeError("the demo failed half-way")
    assert count(db, Person) == 0
    with db.one_transaction() as one:
        add_person(one, user="clerk", draft=draft())
    assert count(db, Person) == 1


def test_one_transaction_on_a_connection_bound_database_is_that_database(db):
    with db.one_transaction() as one:
        assert one is db

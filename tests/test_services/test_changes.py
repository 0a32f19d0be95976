"""What a command changed is decided by the core: the tables it wrote, and only once committed."""

from __future__ import annotations

import pytest

from models.domain.errors import DomainError
from models.services.common.changes import Changes, RecordKind
from models.services.common.context import AppContext
from models.services.people.commands import add_person, update_person
from models.store.unit_of_work import Database
from tests.test_services._support import LI_SI_ID, draft


def test_a_command_reports_the_kind_and_id_it_wrote(db: Database) -> None:
    ctx = AppContext(db, "clerk")
    outcome = ctx.command(lambda d, user: add_person(d, user=user, draft=draft()))
    assert outcome.changes.kinds == {RecordKind.PEOPLE}
    assert outcome.changes.ids_of(RecordKind.PEOPLE) == {outcome.value.id}
    assert outcome.changes.people and not outcome.changes.meetings


def test_a_refused_command_reports_nothing_and_the_next_one_only_its_own(db: Database) -> None:
    ctx = AppContext(db, "clerk")
    first = ctx.command(lambda d, user: add_person(d, user=user, draft=draft()))
    with pytest.raises(DomainError):
        ctx.command(lambda d, user: add_person(d, user=user, draft=draft()))  # same ID number
    second = ctx.command(
        lambda d, user: update_person(
            d,
            user=user,
            person_id=first.value.id,
            expected_version=first.value.version,
            draft=draft(name="张三丰"),
        )
    )
    assert second.changes.ids_of(RecordKind.PEOPLE) == {first.value.id}
    third = ctx.command(
        lambda d, user: add_person(d, user=user, draft=draft("李四", "女", LI_SI_ID))
    )
    assert third.changes.ids_of(RecordKind.PEOPLE) == {third.value.id}


def test_tables_a_screen_never_shows_are_no_change() -> None:
    assert not Changes.of_tables([("change_log", "1"), ("app_user", "2")])
    changes = Changes.of_tables([("motion_reply", "7"), ("motion", "3")])
    assert changes.kinds == {RecordKind.MOTIONS} and changes.ids_of(RecordKind.MOTIONS) == {3}

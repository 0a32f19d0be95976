"""A leader finalises minutes through the core as their own login: the leader's grants cover
定稿 (the minutes and the meeting's stamps) and nothing else of a meeting."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from conftest import FreshDatabases
from pg_accounts import REFUSED, add_accounts, assert_chain_valid, drop_logins, refused
from sqlalchemy import text
from test_services.test_meetings_setup import build_federation, marked

from models.domain.meeting_vocabulary import MinutesStatus
from models.domain.roles import Role
from models.domain.vocabulary import BodyKind
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.minutes import finalise_minutes, write_minutes
from models.services.meetings.commands.planning import plan_meeting, set_meeting_status
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft, MinutesSection
from models.services.meetings.queries import get_meeting, prefill_attendance
from models.store.engine import create_database_engine
from models.store.pg_grants import set_up_grants
from models.store.pg_roles import account_url
from models.store.unit_of_work import Database


def _held_meeting_with_minutes(db: Database) -> int:
    """A held party-group meeting, its attendance and a draft of every section."""
    build_federation(db)
    row = plan_meeting(
        db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(date(2026, 1, 15))
    )
    set_agenda(
        db,
        user="clerk",
        meeting_id=row.id,
        expected_version=None,
        items=[AgendaItemDraft(kind="三重一大事项", title="机关中层干部任免")],
    )
    lines = marked(prefill_attendance(db, meeting_id=row.id))
    record_attendance(db, user="clerk", meeting_id=row.id, expected_version=None, lines=lines)
    items = get_meeting(db, meeting_id=row.id).agenda
    sections = [MinutesSection(items[0].id, "听取了干部考察情况汇报。", "同意任免。")]
    write_minutes(db, user="clerk", meeting_id=row.id, expected_version=None, sections=sections)
    set_meeting_status(db, user="clerk", meeting_id=row.id, expected_version=None, status="held")
    return row.id


@pytest.fixture(scope="module")
def leader(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, Database, str, int]]:
    """(the owner's database, the leader's, the leader's login, the meeting)."""
    databases = FreshDatabases(tmp_path_factory.mktemp("pg-grants-meetings"))
    logins: dict[Role, str] = {}
    try:
        db = databases.database("postgresql")
        meeting_id = _held_meeting_with_minutes(db)
        set_up_grants(db.engine)
        logins = add_accounts(db, None, uuid.uuid4().hex[:8])
        url = db.engine.url.render_as_string(hide_password=False)
        engine = create_database_engine(account_url(url, logins[Role.LEADER], "pw"))
        databases.engines.append(engine)
        yield db, Database(engine), logins[Role.LEADER], meeting_id
    finally:
        databases.close()
        if logins:
            drop_logins(logins)


def test_a_leader_finalises_minutes_and_changes_nothing_else(
    leader: tuple[Database, Database, str, int],
) -> None:
    owner, as_leader, login, meeting_id = leader
    finalise_minutes(as_leader, user=login, meeting_id=meeting_id, expected_version=None)
    detail = get_meeting(owner, meeting_id=meeting_id)
    assert detail.minutes.status is MinutesStatus.FINAL
    with as_leader.engine.connect() as connection:
        assert refused(connection, "UPDATE agenda_item SET title = title") == REFUSED
        assert refused(connection, "UPDATE meeting SET meeting_date = meeting_date") == REFUSED
        assert refused(connection, "DELETE FROM attendance") == REFUSED
        stamped = connection.execute(
            text("SELECT updated_by FROM meeting WHERE id = :m"), {"m": meeting_id}
        )
        assert stamped.scalar_one() == login
    assert_chain_valid(owner)

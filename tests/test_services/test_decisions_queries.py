"""The reads the 三重一大 windows start from: which meetings may take a matter or hear an emergency
report, the discussion form's roster with the rules in force, and a stored file read back."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.decision_rules import DecisionRules
from models.domain.errors import DomainError
from models.domain.major_decision import ItemPresence
from models.domain.vocabulary import BodyKind
from models.services.decisions.queries import (
    agenda_meetings,
    attachment_content,
    decision_rules,
    discussion_workbench,
    report_meetings,
)
from models.services.meetings.commands.planning import set_meeting_status
from models.services.meetings.queries import get_meeting

from ._decisions import COUNCIL, new_matter, plan, ready_matter
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _mark(db, meeting_id: int, status: str) -> None:
    version = get_meeting(db, meeting_id=meeting_id).meeting.version
    set_meeting_status(
        db, user="clerk", meeting_id=meeting_id, expected_version=version, status=status
    )


def test_a_matter_goes_only_on_a_later_planned_meeting_of_its_body(db, fed):
    earlier = plan(db, day=date(2026, 3, 1))
    same_day = plan(db, day=date(2026, 3, 5))
    later = plan(db, day=date(2026, 3, 10))
    held = plan(db, day=date(2026, 3, 12))
    _mark(db, held, "held")
    cancelled = plan(db, day=date(2026, 3, 14))
    _mark(db, cancelled, "cancelled")
    plan(db, BodyKind.PARTY_GROUP, day=date(2026, 3, 20))

    choices = agenda_meetings(db, body=BodyKind.EXECUTIVE_COUNCIL, after=date(2026, 3, 5))
    assert [c.id for c in choices] == [later]
    assert choices[0].meeting_date == date(2026, 3, 10)
    assert choices[0].title == get_meeting(db, meeting_id=later).meeting.title
    assert {earlier, same_day}.isdisjoint(c.id for c in choices)


def test_an_emergency_is_reported_to_a_held_or_planned_meeting_on_or_after_its_day(db, fed):
    plan(db, day=date(2026, 7, 1))
    same_day = plan(db, day=date(2026, 7, 20))
    held = plan(db, day=date(2026, 7, 25))
    _mark(db, held, "held")
    cancelled = plan(db, day=date(2026, 7, 26))
    _mark(db, cancelled, "cancelled")
    council = BodyKind.EXECUTIVE_COUNCIL

    since = report_meetings(db, body=council, since=date(2026, 7, 20))
    assert [c.id for c in since] == [same_day, held]
    assert len(report_meetings(db, body=council, since=None)) == 3
    assert report_meetings(db, body=BodyKind.PARTY_GROUP, since=None) == []


def test_the_discussion_workbench_holds_the_roster_and_the_rules(db, fed):
    decision_id = ready_matter(db)
    bench = discussion_workbench(db, decision_id=decision_id)
    assert sorted(line.name for line in bench.roster.lines) == sorted(COUNCIL)
    assert all(line.presence is ItemPresence.PRESENT for line in bench.roster.lines)
    assert bench.roster.leader_id == fed.id("甲理事长")
    assert bench.rules == decision_rules(db) == DecisionRules()


def test_a_matter_not_on_an_agenda_has_no_discussion_to_record(db, fed):
    with pytest.raises(DomainError) as caught:
        discussion_workbench(db, decision_id=new_matter(db))
    assert caught.value.code == "decision_not_on_agenda"


def test_an_unknown_attachment_is_refused(db, fed):
    with pytest.raises(DomainError) as caught:
        attachment_content(db, attachment_id=999_999)
    assert caught.value.code == "decision_attachment_not_found"

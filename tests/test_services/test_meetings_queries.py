"""The reads the meeting windows make: the listing, the workbench, who may host, the quorum rule."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.quorum import QuorumRule
from models.domain.vocabulary import BodyKind
from models.services.common.settings import record_rules
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.planning import plan_meeting
from models.services.meetings.contracts import MeetingDraft
from models.services.meetings.queries import (
    get_meeting,
    hosts,
    list_meetings,
    meeting_workbench,
    prefill_attendance,
    quorum_rule,
)

from .test_meetings_setup import Federation, build_federation, marked


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _plan(db, body: BodyKind, day: date) -> int:
    return plan_meeting(db, user="clerk", body=body, draft=MeetingDraft(day)).id


def test_hosts_are_the_terms_serving_members_as_name_and_post(db, fed):
    council = hosts(db, term_id=fed.council_term)
    assert council[:3] == (
        (fed.id("甲理事长"), "甲理事长（理事长）"),
        (fed.id("乙副理事长"), "乙副理事长（副理事长）"),
        (fed.id("丙理事"), "丙理事（理事）"),
    )
    assert fed.id("庚理事") not in dict(council), "a member who left hosts no more"
    assert fed.id("辛理事") in dict(council)


def test_the_quorum_rule_is_the_default_until_rules_are_recorded(db, fed):
    default = quorum_rule(db, body=BodyKind.EXECUTIVE_COUNCIL)
    assert isinstance(default, QuorumRule)
    record_rules(
        db,
        user="setup",
        rules_id="test",
        content='[meetings.quorum_by_body]\ncouncil = { op = ">=", fraction = "1/2" }\n',
    )
    assert quorum_rule(db, body=BodyKind.EXECUTIVE_COUNCIL) != default
    assert quorum_rule(db, body=BodyKind.PRESIDIUM) == default


def test_the_listing_is_of_one_term_or_of_every_year_for_the_party_group(db, fed):
    spring = _plan(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    autumn = _plan(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 9, 11))
    party = [_plan(db, BodyKind.PARTY_GROUP, date(y, 1, 15)) for y in (2025, 2026)]
    council = list_meetings(db, body=BodyKind.EXECUTIVE_COUNCIL, term=7)
    assert [(m.id, m.number, m.term) for m in council] == [(spring, 1, 7), (autumn, 2, 7)]
    assert [(m.id, m.number) for m in list_meetings(db, body=BodyKind.PARTY_GROUP)] == [
        (party[0], 1),
        (party[1], 1),
    ]
    with pytest.raises(DomainError):
        list_meetings(db, body=BodyKind.EXECUTIVE_COUNCIL, term=8)


def test_the_workbench_proposes_a_grid_until_attendance_is_recorded(db, fed):
    meeting = _plan(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    bench = meeting_workbench(db, meeting_id=meeting, term_id=fed.council_term)
    assert bench.detail == get_meeting(db, meeting_id=meeting)
    assert bench.proposal == prefill_attendance(db, meeting_id=meeting)
    assert bench.proposal and bench.detail.attendance == ()
    assert bench.rule == quorum_rule(db, body=BodyKind.EXECUTIVE_COUNCIL)
    assert bench.hosts == hosts(db, term_id=fed.council_term)
    record_attendance(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=bench.detail.meeting.version,
        lines=marked(bench.proposal),
    )
    recorded = meeting_workbench(db, meeting_id=meeting, term_id=fed.council_term)
    assert recorded.proposal == ()
    assert len(recorded.detail.attendance) == len(bench.proposal)

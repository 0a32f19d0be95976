"""The demo's 三重一大 matters: every state, the cadre appointment by the 党组 with its 任前公示, a
recusal, a dissent with 保留意见, a deferral, a matter blocked by a missing step, a large sum,
a waived step, attached files and follow-ups — all entered through the services."""

from __future__ import annotations

import hashlib

import pytest

from models.domain.major_decision import DecisionResult, DecisionState
from models.domain.meeting_vocabulary import MeetingStatus
from models.domain.vocabulary import BodyKind
from models.services.decisions.contracts import DecisionDetail
from models.services.decisions.queries import attachment_content, get_decision, list_decisions
from models.services.meetings.queries import get_meeting


@pytest.fixture(scope="module")
def _details() -> dict[str, list[DecisionDetail]]:
    """Every decision's record, read once per backend: the tests only read them."""
    return {}


@pytest.fixture
def demo(backend, demo_db, demo_summary, _details):
    """The session's demo (tests/conftest.py) with what the build said and every decision's record."""
    if backend not in _details:
        _details[backend] = [
            get_decision(demo_db, decision_id=r.id) for r in list_decisions(demo_db)
        ]
    return demo_db, demo_summary, _details[backend]


def _one(
    details: list[DecisionDetail], state: DecisionState, result: DecisionResult | None = None
) -> DecisionDetail:
    found = [
        d for d in details if d.row.state is state and (result is None or d.row.result is result)
    ]
    assert len(found) == 1, state
    return found[0]


def test_every_state_and_both_results(demo):
    _, summary, details = demo
    assert summary.decisions == len(details) == 9
    assert {d.row.state for d in details} == set(DecisionState)
    assert {d.row.year for d in details} == {2026}
    assert _one(details, DecisionState.DECIDED, DecisionResult.PASSED)
    failed = [d for d in details if d.row.result is DecisionResult.FAILED]
    assert len(failed) == 1 and failed[0].row.state_name == "未通过"


def test_cadre_appointment_by_the_party_group_with_publicity_after(demo):
    _, _, details = demo
    cadre = _one(details, DecisionState.DONE)
    assert (cadre.row.category.value, cadre.row.body) == ("重要干部任免", BodyKind.PARTY_GROUP)
    discussion = cadre.discussions[0]
    assert discussion.meeting == "2026年第4次党组会议"
    publicity = next(s for s in cadre.steps if s.kind == "任前公示")
    assert publicity.done_on is not None and publicity.done_on > discussion.meeting_date
    assert cadre.follow_ups and all(f.done_on for f in cadre.follow_ups)
    assert cadre.completed_on is not None
    assert discussion.positions[-1].name == discussion.leader  # 党组书记 speaks last


def test_large_sum_with_a_recusal_a_waived_step_files_and_follow_ups(demo):
    db, _, details = demo
    funds = _one(details, DecisionState.IMPLEMENTING)
    assert funds.row.category.value == "大额度资金使用" and funds.row.amount_yuan == 1_860_000
    discussion = funds.discussions[0]
    assert discussion.attendance == "应到15人，回避1人，按14人计，实到13人"
    recusal = next(p for p in discussion.participants if p.presence == "回避")
    assert "配偶" in recusal.recusal_reason
    assert recusal.person_id not in {p.person_id for p in discussion.positions}
    waived = next(s for s in funds.steps if s.not_applicable)
    assert waived.kind == "社会稳定风险评估" and waived.na_reason
    assert waived.na_accepted_by == discussion.leader
    done = [s for s in funds.steps if s.done_on is not None]
    assert done and all(s.participants and s.summary for s in done)
    files = [a for s in funds.steps for a in s.attachments]
    assert {a.filename for a in files} == {"专家论证意见.txt", "法律意见书.txt"}
    for a in files:
        stored = attachment_content(db, attachment_id=a.id)
        assert stored.filename == a.filename
        assert hashlib.sha256(stored.content).hexdigest() == a.sha256
    assert [f.done_on is not None for f in funds.follow_ups] == [True, False]


def test_a_dissent_with_reserved_opinion_and_a_failed_vote(demo):
    _, _, details = demo
    policy = _one(details, DecisionState.DECIDED, DecisionResult.PASSED)
    dissent = [p for p in policy.discussions[0].positions if p.stance == "不同意"]
    assert len(dissent) == 1
    assert dissent[0].reserved_opinion and "建议首年100人" in dissent[0].remarks
    assert policy.row.warnings == ("前期调查研究",)  # recommended, not a gate
    failed = next(d for d in details if d.row.result is DecisionResult.FAILED)
    discussion = failed.discussions[0]
    assert discussion.agree * 2 <= discussion.members - discussion.recused
    assert discussion.disagree and discussion.defer


def test_deferred_blocked_and_waiting(demo):
    db, _, details = demo
    deferred = _one(details, DecisionState.DEFERRED)
    assert deferred.discussions[0].result is DecisionResult.DEFERRED
    assert deferred.discussions[0].note and deferred.discussions[0].positions == ()
    blocked = _one(details, DecisionState.DRAFT)
    assert blocked.row.missing_steps == ("法律顾问审查", "社会稳定风险评估")
    ready = _one(details, DecisionState.READY)
    meeting = get_meeting(db, meeting_id=ready.agenda_meeting_id)
    assert meeting.meeting.status is MeetingStatus.PLANNED
    assert ready.placed_on_agenda_on < meeting.meeting.meeting_date
    assert ready.row.title in [i.title for i in meeting.agenda]


def test_emergencies_one_reported_to_the_next_meeting(demo):
    _, _, details = demo
    reported = _one(details, DecisionState.REPORTED)
    open_ = _one(details, DecisionState.EMERGENCY)
    assert reported.emergency_by and reported.emergency_reason and open_.emergency_on
    assert reported.row.meeting == "第七届执行理事会第十三次会议"
    assert reported.row.meeting_date > reported.emergency_on
    assert open_.row.meeting is None


def test_the_meetings_they_were_discussed_at_are_held_with_final_minutes(demo):
    db, _, details = demo
    meetings = {d.meeting_id for x in details for d in x.discussions}
    assert len(meetings) == 2
    for meeting_id in meetings:
        meeting = get_meeting(db, meeting_id=meeting_id)
        assert meeting.meeting.status is MeetingStatus.HELD
        assert meeting.minutes is not None and meeting.minutes.status.value == "final"
        assert all(i.summary and i.decision for i in meeting.agenda)

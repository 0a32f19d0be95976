"""The discussion of a 三重一大 matter through the services: the agenda in advance, quorum after
recusal, 末位表态, the pass threshold, 暂缓表决 and 复议 — nothing half-written on a refusal."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.major_decision import DecisionResult, DecisionState
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.entities import DecisionDiscussion
from models.services.decisions.commands.discussion import (
    record_discussion,
    reopen_decision,
)
from models.services.decisions.contracts import (
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)
from models.services.decisions.queries import (
    discussion_roster,
    get_decision,
)
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.contracts import AgendaItemDraft
from models.services.meetings.queries import get_meeting

from ._decisions import (
    COUNCIL,
    PLACED,
    discuss,
    new_matter,
    on_agenda,
    plan,
    ready_matter,
    refused,
    steps_done,
    version_of,
)
from ._support import count
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def test_the_agenda_must_be_set_in_advance_at_the_deciding_body(db, fed):
    decision_id = new_matter(db)
    steps_done(db, decision_id)
    same_day = plan(db, day=PLACED)
    assert refused(db, on_agenda, db, decision_id, same_day).code == "decision_not_in_advance"
    party = plan(db, BodyKind.PARTY_GROUP)
    error = refused(db, on_agenda, db, decision_id, party)
    assert error.code == "decision_meeting_body"


def test_an_item_a_decision_stands_on_stays_on_the_agenda(db, fed):
    decision_id = ready_matter(db)
    meeting_id = get_decision(db, decision_id=decision_id).agenda_meeting_id
    meeting = get_meeting(db, meeting_id=meeting_id).meeting
    with pytest.raises(DomainError) as caught:
        set_agenda(
            db,
            user="clerk",
            meeting_id=meeting_id,
            expected_version=meeting.version,
            items=[AgendaItemDraft(kind="其他", title="其他事项")],
        )
    assert caught.value.code == "agenda_item_has_decision"


# --- the discussion -----------------------------------------------------------------------------


def test_roster_proposes_members_leader_and_host(db, fed):
    decision_id = ready_matter(db)
    roster = discussion_roster(db, decision_id=decision_id)
    assert sorted(line.name for line in roster.lines) == sorted(COUNCIL)
    assert roster.leader_id == fed.id("甲理事长")


def test_passed_with_recusal_counts_and_words(db, fed):
    decision_id = ready_matter(db)
    detail = discuss(
        db,
        fed,
        decision_id,
        present=("甲理事长", "乙副理事长", "丙理事", "丁理事"),
        recused=("戊理事",),
        stances={"丁理事": "不同意"},
    )
    assert detail.row.state is DecisionState.DECIDED
    assert detail.row.result is DecisionResult.PASSED  # 3 of 5: more than half
    discussion = detail.discussions[0]
    assert discussion.attendance == "应到6人，回避1人，按5人计，实到4人"
    assert (discussion.agree, discussion.disagree, discussion.defer) == (3, 1, 0)
    recusal = next(p for p in discussion.participants if p.presence == "回避")
    assert (recusal.name, recusal.recusal_reason) == ("戊理事", "本人近亲属任职于供货单位")
    assert [p.name for p in discussion.positions][-1] == "甲理事长"
    assert detail.row.state_name == "通过"


def test_quorum_exactly_at_two_thirds_and_just_below(db, fed):
    decision_id = ready_matter(db)
    # 6 members: 4 present is exactly 2/3; 3 is below.
    error = refused(db, discuss, db, fed, decision_id, present=("甲理事长", "乙副理事长", "丙理事"))
    assert error.code == "decision_quorum_not_met"
    assert "应到6人，实到3人" in message(error.code, error.params)
    assert count(db, DecisionDiscussion) == 0
    detail = discuss(db, fed, decision_id, present=("甲理事长", "乙副理事长", "丙理事", "丁理事"))
    assert detail.row.result is DecisionResult.PASSED


def test_exactly_half_of_expected_agreeing_fails(db, fed):
    decision_id = ready_matter(db)
    detail = discuss(
        db,
        fed,
        decision_id,
        present=COUNCIL,
        stances={"乙副理事长": "不同意", "丙理事": "缓议", "丁理事": "不同意"},
    )
    assert detail.row.result is DecisionResult.FAILED  # 3 of 6 is only half
    assert (detail.discussions[0].agree, detail.discussions[0].defer) == (3, 1)


def test_the_leader_speaks_last_else_the_presiding_member(db, fed):
    decision_id = ready_matter(db)
    error = refused(
        db,
        discuss,
        db,
        fed,
        decision_id,
        present=("甲理事长", "乙副理事长", "丙理事", "丁理事"),
        order=("甲理事长", "乙副理事长", "丙理事", "丁理事"),
    )
    assert "最后一位表态的应是甲理事长" in message(error.code, error.params)
    # The leader recused: the presiding member (乙, who chairs this item) speaks last.
    detail = record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        draft=DiscussionDraft(
            participants=[ParticipantDraft(fed.id("甲理事长"), "回避", "本人为该项目负责人")]
            + [
                ParticipantDraft(fed.id(n), "出席")
                for n in ("乙副理事长", "丙理事", "丁理事", "戊理事")
            ],
            positions=[
                PositionDraft(fed.id(n), "同意")
                for n in ("丙理事", "丁理事", "戊理事", "乙副理事长")
            ],
            leader_id=fed.id("甲理事长"),
            presiding_id=fed.id("乙副理事长"),
        ),
    )
    assert detail.row.result is DecisionResult.PASSED


def test_no_proxy_positions(db, fed):
    decision_id = ready_matter(db)
    error = refused(
        db,
        discuss,
        db,
        fed,
        decision_id,
        present=("甲理事长", "乙副理事长", "丙理事", "丁理事"),
        order=("乙副理事长", "丙理事", "丁理事", "戊理事", "甲理事长"),
    )
    assert error.code == "decision_position_not_present"
    assert "不得委托表决" in message(error.code, error.params)


def test_recusal_needs_a_reason(db, fed):
    decision_id = ready_matter(db)
    error = refused(
        db,
        record_discussion,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        draft=DiscussionDraft(
            participants=[ParticipantDraft(fed.id("戊理事"), "回避", " ")], positions=[]
        ),
    )
    assert error.code == "decision_recusal_reason"


def test_deferral_then_a_later_agenda_then_a_decision(db, fed):
    decision_id = ready_matter(db)
    detail = discuss(
        db, fed, decision_id, present=("甲理事长", "乙副理事长"), order=(), deferred=True
    )
    assert detail.row.state is DecisionState.DEFERRED
    assert detail.discussions[0].result is DecisionResult.DEFERRED
    assert detail.agenda_meeting_id is None
    on_agenda(db, decision_id, plan(db, day=date(2026, 4, 10)))
    detail = discuss(db, fed, decision_id, present=COUNCIL)
    assert [d.round for d in detail.discussions] == [1, 2]
    assert detail.row.result is DecisionResult.PASSED


def test_reopening_needs_more_than_half_of_the_members(db, fed):
    decision_id = ready_matter(db)
    discuss(db, fed, decision_id, present=COUNCIL, stances={"乙副理事长": "不同意"})

    def reopen(agree: int):
        return reopen_decision(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=version_of(db, decision_id),
            requested_by="乙副理事长",
            requested_on=date(2026, 3, 20),
            agree=agree,
            reason="供货价格有新情况",
        )

    detail = reopen(3)  # 3 of 6 is not more than half: recorded, nothing moves
    assert detail.row.state is DecisionState.DECIDED and not detail.reopenings[0].passed
    detail = reopen(4)
    assert detail.row.state is DecisionState.READY and detail.row.result is None
    assert detail.agenda_meeting_id is None
    on_agenda(db, decision_id, plan(db, day=date(2026, 4, 10)))
    detail = discuss(db, fed, decision_id, present=COUNCIL)
    assert len(detail.discussions) == 2 and len(detail.reopenings) == 2


# --- after the decision -----------------------------------------------------------------------

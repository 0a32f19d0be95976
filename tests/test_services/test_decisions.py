"""三重一大 through the services on both databases: registering, the step gates and attachments,
the agenda in advance, the discussion (quorum after recusal, 末位表态, pass threshold, 暂缓表决),
复议, follow-ups to 已完成, the emergency path, and nothing half-written on a refusal."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.major_decision import DecisionResult, DecisionState
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.entities import (
    ChangeLog,
    DecisionAttachment,
    DecisionDiscussion,
    DecisionStateChange,
)
from models.services.decisions.decisions import (
    DecisionDraft,
    create_decision,
    get_decision,
    list_decisions,
    record_emergency,
    report_emergency,
    update_decision,
)
from models.services.decisions.follow_up import add_follow_up, complete_decision, update_follow_up
from models.services.decisions.meeting import (
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
    discussion_roster,
    put_on_agenda,
    record_discussion,
    reopen_decision,
)
from models.services.decisions.steps import (
    add_attachment,
    attachment_content,
    mark_step_not_applicable,
    record_step,
)
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.planning import plan_meeting
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft
from models.services.meetings.queries import get_meeting

from ._support import count
from .test_meetings_setup import Federation, build_federation

PLACED = date(2026, 3, 1)
MEETING_DAY = date(2026, 3, 10)
MATTER_GATES = ("残疾人及相关利益方参与", "专家论证", "法律顾问审查", "社会稳定风险评估")
CADRE_GATES = ("动议", "民主推荐", "考察", "酝酿")


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _meeting(db, body: BodyKind = BodyKind.EXECUTIVE_COUNCIL, day: date = MEETING_DAY) -> int:
    return plan_meeting(db, user="clerk", body=body, draft=MeetingDraft(day)).id


def _version(db, decision_id: int) -> int:
    return get_decision(db, decision_id=decision_id).version


def _new(db, category="大额度资金使用", body="council", amount=150_000, title="康复中心设备采购"):
    return create_decision(
        db,
        user="clerk",
        draft=DecisionDraft(
            title=title, category=category, body=body, year=2026, amount_yuan=amount
        ),
    ).id


def _steps_done(db, decision_id: int, kinds=MATTER_GATES) -> None:
    for kind in kinds:
        record_step(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=_version(db, decision_id),
            kind=kind,
            done_on=date(2026, 2, 1),
            participants="办公室",
            summary=f"{kind}已完成",
        )


def _on_agenda(db, decision_id: int, meeting_id: int | None = None) -> int:
    meeting_id = meeting_id or _meeting(db)
    put_on_agenda(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        meeting_id=meeting_id,
        placed_on=PLACED,
    )
    return meeting_id


def _ready(db, **kw) -> int:
    decision_id = _new(db, **kw)
    _steps_done(db, decision_id)
    _on_agenda(db, decision_id)
    return decision_id


def _discuss(db, fed, decision_id, *, present, recused=(), order=None, stances=None, **extra):
    participants = [ParticipantDraft(fed.id(n), "出席") for n in present]
    participants += [
        ParticipantDraft(fed.id(n), "回避", "本人近亲属任职于供货单位") for n in recused
    ]
    order = order or [n for n in present if n != "甲理事长"] + (
        ["甲理事长"] if "甲理事长" in present else []
    )
    stances = stances or {}
    positions = [PositionDraft(fed.id(n), stances.get(n, "同意")) for n in order]
    return record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        draft=DiscussionDraft(
            participants=participants,
            positions=positions,
            leader_id=fed.id("甲理事长"),
            presiding_id=fed.id("甲理事长"),
            **extra,
        ),
    )


def _refused(db, call, *args, **kwargs) -> DomainError:
    before = (count(db, ChangeLog), count(db, DecisionStateChange))
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (count(db, ChangeLog), count(db, DecisionStateChange)) == before
    return caught.value


COUNCIL = ("甲理事长", "乙副理事长", "丙理事", "丁理事", "戊理事", "辛理事")  # 6 in 2026


# --- registering ----------------------------------------------------------------------------


def test_cadre_appointments_are_refused_for_the_council(db, fed):
    error = _refused(db, _new, db, category="重要干部任免", body="council", amount=None)
    assert error.code == "decision_body_not_allowed"
    assert "只能由党组决定" in message(error.code, error.params)


def test_large_funds_need_an_amount_at_the_threshold(db, fed):
    assert _refused(db, _new, db, amount=None).code == "decision_amount_required"
    assert _refused(db, _new, db, amount=99_999).field == "amount_yuan"
    decision = get_decision(db, decision_id=_new(db, amount=100_000))
    assert decision.row.state is DecisionState.DRAFT
    assert decision.row.missing_steps == MATTER_GATES
    assert decision.row.warnings == ("前期调查研究",)
    assert [h.action for h in decision.history] == ["登记事项"]


def test_update_and_stale_edit(db, fed):
    decision_id = _new(db)
    old = _version(db, decision_id)
    update_decision(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=old,
        draft=DecisionDraft("康复中心设备采购（二期）", "大额度资金使用", "council", 2026, 200_000),
    )
    error = _refused(
        db,
        update_decision,
        db,
        user="other",
        decision_id=decision_id,
        expected_version=old,
        draft=DecisionDraft("别的名称", "大额度资金使用", "council", 2026, 200_000),
    )
    assert error.code == "stale_record"
    assert get_decision(db, decision_id=decision_id).row.title == "康复中心设备采购（二期）"


# --- steps and the agenda --------------------------------------------------------------------


def test_the_agenda_waits_for_every_gate_step(db, fed):
    decision_id = _new(db)
    _steps_done(db, decision_id, MATTER_GATES[:3])
    meeting_id = _meeting(db)
    error = _refused(db, _on_agenda, db, decision_id, meeting_id)
    assert error.code == "decision_steps_missing"
    assert "社会稳定风险评估" in message(error.code, error.params)
    assert get_meeting(db, meeting_id=meeting_id).agenda == ()
    mark_step_not_applicable(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        kind="社会稳定风险评估",
        reason="设备采购不涉及群众切身利益",
        accepted_by="甲理事长",
    )
    _on_agenda(db, decision_id, meeting_id)
    detail = get_decision(db, decision_id=decision_id)
    assert detail.row.state is DecisionState.READY
    assert detail.agenda_meeting_id == meeting_id
    step = next(s for s in detail.steps if s.kind == "社会稳定风险评估")
    assert step.not_applicable and step.na_accepted_by == "甲理事长"
    agenda = get_meeting(db, meeting_id=meeting_id).agenda
    assert [(a.kind.value, a.title) for a in agenda] == [("三重一大事项", "康复中心设备采购")]


def test_not_applicable_needs_reason_and_who_accepted(db, fed):
    decision_id = _new(db)
    error = _refused(
        db,
        mark_step_not_applicable,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        kind="专家论证",
        reason="  ",
        accepted_by="甲理事长",
    )
    assert (error.code, error.field) == ("decision_step_na_reason", "reason")


def test_unknown_and_after_steps_are_refused(db, fed):
    decision_id = _new(db, category="重要干部任免", body="party_group", amount=None)
    for kind, code in (
        ("专家论证", "decision_step_unknown"),
        ("任前公示", "decision_step_after_early"),
        ("集体讨论决定", "decision_step_discussion"),
    ):
        error = _refused(
            db,
            record_step,
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=_version(db, decision_id),
            kind=kind,
            done_on=PLACED,
            participants=None,
            summary="x",
        )
        assert error.code == code


def test_attachments_keep_name_and_hash_and_are_never_replaced(db, fed):
    decision_id = _new(db)
    _steps_done(db, decision_id, ("专家论证",))
    first, second = "专家意见：同意。".encode(), b"%PDF-1.4 second opinion"

    def attach(name: str, content: bytes):
        return add_attachment(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=_version(db, decision_id),
            kind="专家论证",
            filename=name,
            content=content,
        )

    attach("专家意见.txt", first)
    detail = attach("专家意见.txt", second)  # same name, other content: kept beside the first
    step = next(s for s in detail.steps if s.kind == "专家论证")
    assert [(a.filename, a.sha256) for a in step.attachments] == [
        ("专家意见.txt", hashlib.sha256(first).hexdigest()),
        ("专家意见.txt", hashlib.sha256(second).hexdigest()),
    ]
    assert attachment_content(db, attachment_id=step.attachments[0].id) == ("专家意见.txt", first)
    error = _refused(db, attach, "副本.txt", first)
    assert error.code == "decision_attachment_same"
    assert count(db, DecisionAttachment) == 2


def test_the_agenda_must_be_set_in_advance_at_the_deciding_body(db, fed):
    decision_id = _new(db)
    _steps_done(db, decision_id)
    same_day = _meeting(db, day=PLACED)
    assert _refused(db, _on_agenda, db, decision_id, same_day).code == "decision_not_in_advance"
    party = _meeting(db, BodyKind.PARTY_GROUP)
    error = _refused(db, _on_agenda, db, decision_id, party)
    assert error.code == "decision_meeting_body"


def test_an_item_a_decision_stands_on_stays_on_the_agenda(db, fed):
    decision_id = _ready(db)
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
    decision_id = _ready(db)
    roster = discussion_roster(db, decision_id=decision_id)
    assert sorted(line.name for line in roster.lines) == sorted(COUNCIL)
    assert roster.leader_id == fed.id("甲理事长")


def test_passed_with_recusal_counts_and_words(db, fed):
    decision_id = _ready(db)
    detail = _discuss(
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
    decision_id = _ready(db)
    # 6 members: 4 present is exactly 2/3; 3 is below.
    error = _refused(
        db, _discuss, db, fed, decision_id, present=("甲理事长", "乙副理事长", "丙理事")
    )
    assert error.code == "decision_quorum_not_met"
    assert "应到6人，实到3人" in message(error.code, error.params)
    assert count(db, DecisionDiscussion) == 0
    detail = _discuss(db, fed, decision_id, present=("甲理事长", "乙副理事长", "丙理事", "丁理事"))
    assert detail.row.result is DecisionResult.PASSED


def test_exactly_half_of_expected_agreeing_fails(db, fed):
    decision_id = _ready(db)
    detail = _discuss(
        db,
        fed,
        decision_id,
        present=COUNCIL,
        stances={"乙副理事长": "不同意", "丙理事": "缓议", "丁理事": "不同意"},
    )
    assert detail.row.result is DecisionResult.FAILED  # 3 of 6 is only half
    assert (detail.discussions[0].agree, detail.discussions[0].defer) == (3, 1)


def test_the_leader_speaks_last_else_the_presiding_member(db, fed):
    decision_id = _ready(db)
    error = _refused(
        db,
        _discuss,
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
        expected_version=_version(db, decision_id),
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
    decision_id = _ready(db)
    error = _refused(
        db,
        _discuss,
        db,
        fed,
        decision_id,
        present=("甲理事长", "乙副理事长", "丙理事", "丁理事"),
        order=("乙副理事长", "丙理事", "丁理事", "戊理事", "甲理事长"),
    )
    assert error.code == "decision_position_not_present"
    assert "不得委托表决" in message(error.code, error.params)


def test_recusal_needs_a_reason(db, fed):
    decision_id = _ready(db)
    error = _refused(
        db,
        record_discussion,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        draft=DiscussionDraft(
            participants=[ParticipantDraft(fed.id("戊理事"), "回避", " ")], positions=[]
        ),
    )
    assert error.code == "decision_recusal_reason"


def test_deferral_then_a_later_agenda_then_a_decision(db, fed):
    decision_id = _ready(db)
    detail = _discuss(
        db, fed, decision_id, present=("甲理事长", "乙副理事长"), order=(), deferred=True
    )
    assert detail.row.state is DecisionState.DEFERRED
    assert detail.discussions[0].result is DecisionResult.DEFERRED
    assert detail.agenda_meeting_id is None
    _on_agenda(db, decision_id, _meeting(db, day=date(2026, 4, 10)))
    detail = _discuss(db, fed, decision_id, present=COUNCIL)
    assert [d.round for d in detail.discussions] == [1, 2]
    assert detail.row.result is DecisionResult.PASSED


def test_reopening_needs_more_than_half_of_the_members(db, fed):
    decision_id = _ready(db)
    _discuss(db, fed, decision_id, present=COUNCIL, stances={"乙副理事长": "不同意"})

    def reopen(agree: int):
        return reopen_decision(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=_version(db, decision_id),
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
    _on_agenda(db, decision_id, _meeting(db, day=date(2026, 4, 10)))
    detail = _discuss(db, fed, decision_id, present=COUNCIL)
    assert len(detail.discussions) == 2 and len(detail.reopenings) == 2


# --- after the decision -----------------------------------------------------------------------


def test_cadre_appointment_to_done_needs_publicity_and_follow_ups(db, fed):
    decision_id = _new(
        db, category="重要干部任免", body="party_group", amount=None, title="任命办公室主任"
    )
    _steps_done(db, decision_id, CADRE_GATES)
    _on_agenda(db, decision_id, _meeting(db, BodyKind.PARTY_GROUP))
    detail = record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        draft=DiscussionDraft(
            participants=[
                ParticipantDraft(fed.id(n), "出席")
                for n in ("甲理事长", "乙副理事长", "党组成员丑")
            ],
            positions=[
                PositionDraft(fed.id(n), "同意") for n in ("乙副理事长", "党组成员丑", "甲理事长")
            ],
            leader_id=fed.id("甲理事长"),
            presiding_id=fed.id("甲理事长"),
        ),
    )
    assert detail.row.missing_steps == ("任前公示",)
    detail = add_follow_up(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        task="办理任职手续",
        owner="组织人事科",
        due_on=date(2026, 4, 30),
    )
    assert detail.row.state is DecisionState.IMPLEMENTING

    def complete():
        return complete_decision(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=_version(db, decision_id),
            completed_on=date(2026, 5, 1),
        )

    assert _refused(db, complete).code == "decision_after_steps_missing"
    _steps_done(db, decision_id, ("任前公示",))
    assert _refused(db, complete).code == "decision_follow_ups_open"
    update_follow_up(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        follow_up_id=detail.follow_ups[0].id,
        progress="已办结",
        done_on=date(2026, 4, 20),
    )
    detail = complete()
    assert detail.row.state is DecisionState.DONE
    assert [h.action for h in detail.history] == [
        "登记事项",
        "列入议程",
        "集体讨论决定",
        "开始执行",
        "执行完成",
    ]


def test_a_failed_decision_is_not_carried_out(db, fed):
    decision_id = _ready(db)
    _discuss(db, fed, decision_id, present=COUNCIL, stances={n: "不同意" for n in COUNCIL[:4]})
    error = _refused(
        db,
        add_follow_up,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=_version(db, decision_id),
        task="采购",
        owner="办公室",
        due_on=None,
    )
    assert error.code == "decision_not_passed"


def test_emergency_decision_reported_to_the_next_meeting(db, fed):
    detail = record_emergency(
        db,
        user="clerk",
        draft=DecisionDraft("汛期紧急转移安置残疾人", "重大决策", "council", 2026, None),
        decided_by="甲理事长",
        decided_on=date(2026, 7, 20),
        reason="暴雨红色预警，须当日转移",
    )
    assert detail.row.state is DecisionState.EMERGENCY
    assert detail.row.missing_steps == () and detail.row.warnings == ()
    early = _meeting(db, day=date(2026, 7, 1))
    error = _refused(
        db,
        report_emergency,
        db,
        user="clerk",
        decision_id=detail.id,
        expected_version=detail.version,
        meeting_id=early,
    )
    assert error.code == "decision_emergency_report_early"
    detail = report_emergency(
        db,
        user="clerk",
        decision_id=detail.id,
        expected_version=detail.version,
        meeting_id=_meeting(db, day=date(2026, 7, 28)),
    )
    assert detail.row.state is DecisionState.REPORTED


def test_register_lists_by_year_with_missing_steps(db, fed):
    ready = _ready(db)
    draft = _new(db, title="无障碍改造项目", category="重大项目安排", amount=None)
    create_decision(
        db,
        user="clerk",
        draft=DecisionDraft("往年事项", "重大决策", "council", 2025, None),
    )
    rows = list_decisions(db, year=2026)
    assert [r.id for r in rows] == [ready, draft]
    assert rows[0].meeting is not None and rows[0].missing_steps == ()
    assert rows[1].missing_steps == MATTER_GATES
    assert len(list_decisions(db)) == 3

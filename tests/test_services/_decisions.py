"""Helpers of the 三重一大 service tests: a federation, matters registered, steps done, put on
an agenda, discussed — and a refusal that must leave nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind
from models.entities import ChangeLog, DecisionStateChange
from models.services.decisions.commands.discussion import put_on_agenda, record_discussion
from models.services.decisions.commands.matters import create_decision
from models.services.decisions.commands.steps import record_step
from models.services.decisions.contracts import (
    DecisionDraft,
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)
from models.services.decisions.queries import get_decision
from models.services.meetings.commands.planning import plan_meeting
from models.services.meetings.contracts import MeetingDraft

from ._support import count
from .test_meetings_setup import Federation

PLACED = date(2026, 3, 1)
MEETING_DAY = date(2026, 3, 10)
MATTER_GATES = ("残疾人及相关利益方参与", "专家论证", "法律顾问审查", "社会稳定风险评估")
CADRE_GATES = ("动议", "民主推荐", "考察", "酝酿")


def plan(db, body: BodyKind = BodyKind.EXECUTIVE_COUNCIL, day: date = MEETING_DAY) -> int:
    return plan_meeting(db, user="clerk", body=body, draft=MeetingDraft(day)).id


def version_of(db, decision_id: int) -> int:
    return get_decision(db, decision_id=decision_id).version


def new_matter(
    db, category="大额度资金使用", body="council", amount=150_000, title="康复中心设备采购"
):
    return create_decision(
        db,
        user="clerk",
        draft=DecisionDraft(
            title=title, category=category, body=body, year=2026, amount_yuan=amount
        ),
    ).id


def steps_done(db, decision_id: int, kinds=MATTER_GATES) -> None:
    for kind in kinds:
        record_step(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=version_of(db, decision_id),
            kind=kind,
            done_on=date(2026, 2, 1),
            participants="办公室",
            summary=f"{kind}已完成",
        )


def on_agenda(db, decision_id: int, meeting_id: int | None = None) -> int:
    meeting_id = meeting_id or plan(db)
    put_on_agenda(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        meeting_id=meeting_id,
        placed_on=PLACED,
    )
    return meeting_id


def ready_matter(db, **kw) -> int:
    decision_id = new_matter(db, **kw)
    steps_done(db, decision_id)
    on_agenda(db, decision_id)
    return decision_id


def discuss(
    db, fed: Federation, decision_id, *, present, recused=(), order=None, stances=None, **extra
):
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
        expected_version=version_of(db, decision_id),
        draft=DiscussionDraft(
            participants=participants,
            positions=positions,
            leader_id=fed.id("甲理事长"),
            presiding_id=fed.id("甲理事长"),
            **extra,
        ),
    )


def refused(db, call, *args, **kwargs) -> DomainError:
    before = (count(db, ChangeLog), count(db, DecisionStateChange))
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (count(db, ChangeLog), count(db, DecisionStateChange)) == before
    return caught.value


COUNCIL = ("甲理事长", "乙副理事长", "丙理事", "丁理事", "戊理事", "辛理事")  # 6 in 2026

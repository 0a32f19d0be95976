"""After a 三重一大 decision, through the services: follow-ups and after-steps until 已完成, and a
failed decision that is not carried out."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.major_decision import DecisionState
from models.domain.vocabulary import BodyKind
from models.services.decisions.commands.discussion import (
    record_discussion,
)
from models.services.decisions.commands.follow_up import (
    add_follow_up,
    complete_decision,
    update_follow_up,
)
from models.services.decisions.contracts import (
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)

from ._decisions import (
    CADRE_GATES,
    COUNCIL,
    discuss,
    new_matter,
    on_agenda,
    plan,
    ready_matter,
    refused,
    steps_done,
    version_of,
)
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def test_cadre_appointment_to_done_needs_publicity_and_follow_ups(db, fed):
    decision_id = new_matter(
        db, category="重要干部任免", body="party_group", amount=None, title="任命办公室主任"
    )
    steps_done(db, decision_id, CADRE_GATES)
    on_agenda(db, decision_id, plan(db, BodyKind.PARTY_GROUP))
    detail = record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
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
        expected_version=version_of(db, decision_id),
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
            expected_version=version_of(db, decision_id),
            completed_on=date(2026, 5, 1),
        )

    assert refused(db, complete).code == "decision_after_steps_missing"
    steps_done(db, decision_id, ("任前公示",))
    assert refused(db, complete).code == "decision_follow_ups_open"
    update_follow_up(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
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
    decision_id = ready_matter(db)
    discuss(db, fed, decision_id, present=COUNCIL, stances={n: "不同意" for n in COUNCIL[:4]})
    error = refused(
        db,
        add_follow_up,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        task="采购",
        owner="办公室",
        due_on=None,
    )
    assert error.code == "decision_not_passed"

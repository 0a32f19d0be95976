"""The procedure steps of a 三重一大 matter through the services: the agenda waits for every gate,
不适用 needs a reason and who accepted it, unknown and after-steps are refused, files are kept."""

from __future__ import annotations

import hashlib

import pytest

from models.domain.major_decision import DecisionState
from models.domain.messages import message
from models.entities import DecisionAttachment
from models.services.decisions.commands.steps import (
    add_attachment,
    mark_step_not_applicable,
    record_step,
)
from models.services.decisions.contracts import AttachmentFile
from models.services.decisions.queries import (
    attachment_content,
    get_decision,
)
from models.services.meetings.queries import get_meeting

from ._decisions import (
    MATTER_GATES,
    PLACED,
    new_matter,
    on_agenda,
    plan,
    refused,
    steps_done,
    version_of,
)
from ._support import count
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def test_the_agenda_waits_for_every_gate_step(db, fed):
    decision_id = new_matter(db)
    steps_done(db, decision_id, MATTER_GATES[:3])
    meeting_id = plan(db)
    error = refused(db, on_agenda, db, decision_id, meeting_id)
    assert error.code == "decision_steps_missing"
    assert "社会稳定风险评估" in message(error.code, error.params)
    assert get_meeting(db, meeting_id=meeting_id).agenda == ()
    mark_step_not_applicable(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        kind="社会稳定风险评估",
        reason="设备采购不涉及群众切身利益",
        accepted_by="甲理事长",
    )
    on_agenda(db, decision_id, meeting_id)
    detail = get_decision(db, decision_id=decision_id)
    assert detail.row.state is DecisionState.READY
    assert detail.agenda_meeting_id == meeting_id
    step = next(s for s in detail.steps if s.kind == "社会稳定风险评估")
    assert step.not_applicable and step.na_accepted_by == "甲理事长"
    agenda = get_meeting(db, meeting_id=meeting_id).agenda
    assert [(a.kind.value, a.title) for a in agenda] == [("三重一大事项", "康复中心设备采购")]


def test_not_applicable_needs_reason_and_who_accepted(db, fed):
    decision_id = new_matter(db)
    error = refused(
        db,
        mark_step_not_applicable,
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        kind="专家论证",
        reason="  ",
        accepted_by="甲理事长",
    )
    assert (error.code, error.field) == ("decision_step_na_reason", "reason")


def test_unknown_and_after_steps_are_refused(db, fed):
    decision_id = new_matter(db, category="重要干部任免", body="party_group", amount=None)
    for kind, code in (
        ("专家论证", "decision_step_unknown"),
        ("任前公示", "decision_step_after_early"),
        ("集体讨论决定", "decision_step_discussion"),
    ):
        error = refused(
            db,
            record_step,
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=version_of(db, decision_id),
            kind=kind,
            done_on=PLACED,
            participants=None,
            summary="x",
        )
        assert error.code == code


def test_attachments_keep_name_and_hash_and_are_never_replaced(db, fed):
    decision_id = new_matter(db)
    steps_done(db, decision_id, ("专家论证",))
    first, second = "专家意见：同意。".encode(), b"%PDF-1.4 second opinion"

    def attach(name: str, content: bytes):
        return add_attachment(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=version_of(db, decision_id),
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
    assert attachment_content(db, attachment_id=step.attachments[0].id) == AttachmentFile(
        "专家意见.txt", first
    )
    error = refused(db, attach, "副本.txt", first)
    assert error.code == "decision_attachment_same"
    assert count(db, DecisionAttachment) == 2

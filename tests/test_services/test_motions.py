"""Motions: the workflow through the services, numbering, deadlines, refusals, the list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from models.domain.deadlines import load_calendar, reply_due
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.motion_workflow import MotionState
from models.entities import Motion, MotionStateChange, Reply
from models.services.motions._rules import rules_and_calendar
from models.services.motions.commands.handling import (
    assign_motion,
    extend_deadline,
    receive_motion,
    record_contact,
    unit_return,
)
from models.services.motions.commands.intake import accept_motion, advance_motion, merge_motion
from models.services.motions.commands.replies import feedback_timeout, rate_motion, send_reply
from models.services.motions.contracts import ReplyDraft
from models.services.motions.queries import get_motion, list_motions

from .test_motions_setup import CALENDAR, Setup, build_setup, new_motion

ASSIGNED = date(2026, 1, 5)


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def version(db, motion_id: int) -> int:
    with db.session_factory() as session:
        return session.get(Motion, motion_id).version


def step(db, motion_id: int, action: str, **extra):
    return advance_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        action=action,
        **extra,
    )


def accepted(db, setup: Setup, title: str = "关于加强无障碍环境建设的提案") -> int:
    motion_id = new_motion(db, setup, title)
    step(db, motion_id, "submit")
    step(db, motion_id, "start_review")
    accept_motion(db, user="clerk", motion_id=motion_id, expected_version=version(db, motion_id))
    return motion_id


def assigned(db, setup: Setup, title: str = "关于加强无障碍环境建设的提案") -> int:
    motion_id = accepted(db, setup, title)
    assign_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        units=[(setup.units["康复部"], "主办"), (setup.units["区教委"], "协办")],
        assigned_on=ASSIGNED,
    )
    return motion_id


def handling(db, setup: Setup, title: str = "关于加强无障碍环境建设的提案") -> int:
    motion_id = assigned(db, setup, title)
    receive_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        received_on=date(2026, 1, 6),
    )
    step(db, motion_id, "start_handling")
    return motion_id


def letter(**extra) -> ReplyDraft:
    values = {
        "reply_class": "A",
        "text": "已协调有关部门完成改造。",
        "signer": "王主任",
        "signed_on": date(2026, 3, 1),
        "sent_on": date(2026, 3, 2),
        "document_number": "门残联函〔2026〕12号",
        "handler_name": "李四",
        "handler_phone": "010-69841234",
        "co_unit_opinions": (("区教委", "同意"),),
    }
    values.update(extra)
    return ReplyDraft(**values)


def reply(db, motion_id: int, **extra):
    return send_reply(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        reply=letter(**extra),
    )


def rate(db, motion_id: int, result: str, on: date = date(2026, 3, 10)):
    return rate_motion(
        db,
        user="proposer-clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        attitude="满意",
        result=result,
        rated_on=on,
    )


def changes(db, motion_id: int) -> int:
    with db.session_factory() as session:
        return session.scalar(
            select(func.count())
            .select_from(MotionStateChange)
            .where(MotionStateChange.motion_id == motion_id)
        )


def test_a_motion_goes_from_draft_to_closed_and_every_move_is_recorded(db, setup):
    motion_id = handling(db, setup)
    record_contact(
        db, user="clerk", motion_id=motion_id, contact_date=date(2026, 2, 20), method="电话"
    )
    row = reply(db, motion_id)
    assert row.state is MotionState.REPLIED
    row = rate(db, motion_id, "满意")
    assert row.state is MotionState.CLOSED
    assert row.number == 1 and row.number_text == "第1号"
    assert row.lead_unit == "康复部"
    detail = get_motion(db, motion_id)
    assert [(c.action, c.to_state) for c in detail.history] == [
        ("submit", "submitted"),
        ("start_review", "under_review"),
        ("accept", "accepted"),
        ("assign", "assigned"),
        ("receive", "received"),
        ("start_handling", "handling"),
        ("reply", "replied"),
        ("rate", "closed"),
    ]
    assert {c.by for c in detail.history} == {"clerk", "proposer-clerk"}
    assert detail.replies == (("A", "门残联函〔2026〕12号", "王主任", date(2026, 3, 2)),)
    assert detail.contacts == ((date(2026, 2, 20), "电话", None, "clerk"),)
    assert detail.feedback == (("满意", "满意", False),)


def test_the_reply_deadline_follows_the_working_day_calendar(db, setup):
    motion_id = assigned(db, setup)
    rules, _ = rules_and_calendar(db)
    calendar = load_calendar(CALENDAR.read_text(encoding="utf-8"))
    expected = reply_due(ASSIGNED, rules, calendar).due
    assert get_motion(db, motion_id).row.deadline == expected
    co = [a for a in get_motion(db, motion_id).assignments if a[1] == "协办"]
    assert co[0][3] == date(2026, 2, 5)


def test_a_move_the_table_forbids_is_refused_and_nothing_is_written(db, setup):
    motion_id = new_motion(db, setup)
    with pytest.raises(DomainError) as err:
        accept_motion(db, user="clerk", motion_id=motion_id, expected_version=1)
    assert err.value.code == "transition_not_allowed"
    assert get_motion(db, motion_id).row.state is MotionState.DRAFT
    assert get_motion(db, motion_id).row.number is None
    assert changes(db, motion_id) == 0


def test_reasons_are_required_where_the_table_says(db, setup):
    motion_id = new_motion(db, setup)
    step(db, motion_id, "submit")
    step(db, motion_id, "start_review")
    with pytest.raises(DomainError) as err:
        step(db, motion_id, "return_for_revision", reason="  ")
    assert err.value.code == "reason_required"
    row = step(db, motion_id, "reject", reason="不属于提案范围", as_suggestion=True)
    assert row.state is MotionState.REJECTED
    assert get_motion(db, motion_id).history[-1].reason == "不属于提案范围"


def test_a_stale_edit_is_refused_with_who_and_when(db, setup):
    motion_id = new_motion(db, setup)
    step(db, motion_id, "submit")
    with pytest.raises(DomainError) as err:
        advance_motion(
            db, user="other", motion_id=motion_id, expected_version=1, action="start_review"
        )
    assert err.value.code == "stale_record"
    assert err.value.params["changed_by"] == "clerk"


def test_a_reply_needs_a_class_and_a_signer(db, setup):
    motion_id = handling(db, setup)
    for extra, code in (
        ({"reply_class": ""}, "reply_class_required"),
        ({"reply_class": "Z"}, "reply_class_required"),
        ({"signer": " "}, "reply_signer_required"),
    ):
        with pytest.raises(DomainError) as err:
            reply(db, motion_id, **extra)
        assert err.value.code == code
    assert get_motion(db, motion_id).row.state is MotionState.HANDLING
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Reply)) == 0


def test_an_extension_needs_a_reason_and_stays_within_the_cap(db, setup):
    motion_id = handling(db, setup)

    def extend(new_due: date, reason: str | None):
        return extend_deadline(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=version(db, motion_id),
            new_due=new_due,
            reason=reason,
            granted_on=date(2026, 3, 1),
        )

    with pytest.raises(DomainError) as err:
        extend(date(2026, 7, 6), "需要协调多部门")
    assert err.value.code == "extension_cap_passed"
    assert err.value.params["cap"] == "2026-07-05"
    with pytest.raises(DomainError) as err:
        extend(date(2026, 6, 1), None)
    assert err.value.code == "reason_required"
    row = extend(date(2026, 7, 3), "需要协调多部门")
    assert row.deadline == date(2026, 7, 3)
    assert row.state is MotionState.HANDLING


def test_a_unit_returns_within_the_window_and_the_motion_is_reassigned(db, setup):
    late = assigned(db, setup, "甲")
    with pytest.raises(DomainError) as err:
        unit_return(
            db,
            user="clerk",
            motion_id=late,
            expected_version=version(db, late),
            reason="不属于本单位职责",
            returned_on=date(2026, 1, 20),
        )
    assert err.value.code == "return_window_passed"
    assert err.value.params["last_day"] == "2026-01-12"
    motion_id = assigned(db, setup, "乙")
    row = unit_return(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        reason="不属于本单位职责",
        returned_on=date(2026, 1, 9),
    )
    assert row.state is MotionState.UNIT_RETURNED and row.lead_unit is None
    row, _warning = assign_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        units=[(setup.units["办公室"], "主办")],
        assigned_on=date(2026, 1, 12),
    )
    assert row.state is MotionState.ASSIGNED and row.lead_unit == "办公室"


def test_assignment_needs_exactly_one_lead_unit(db, setup):
    motion_id = accepted(db, setup)
    with pytest.raises(DomainError) as err:
        assign_motion(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=version(db, motion_id),
            units=[(setup.units["办公室"], "协办")],
            assigned_on=ASSIGNED,
        )
    assert err.value.code == "motion_one_lead_unit"


def test_merged_motions_are_numbered_and_replied_with_their_lead(db, setup):
    lead = accepted(db, setup, "主案")
    other = new_motion(db, setup, "并案")
    step(db, other, "submit")
    step(db, other, "start_review")
    row = merge_motion(
        db, user="clerk", motion_id=other, expected_version=version(db, other), lead_id=lead
    )
    assert (row.state, row.number, row.lead_motion_id) == (MotionState.MERGED, 2, lead)
    assign_motion(
        db,
        user="clerk",
        motion_id=lead,
        expected_version=version(db, lead),
        units=[(setup.units["康复部"], "主办")],
        assigned_on=ASSIGNED,
    )
    assert get_motion(db, other).row.lead_unit == "康复部"
    receive_motion(
        db, user="clerk", motion_id=lead, expected_version=None, received_on=date(2026, 1, 6)
    )
    step(db, lead, "start_handling")
    reply(db, lead)
    merged = get_motion(db, other)
    assert merged.row.state is MotionState.REPLIED
    assert merged.replies[0][1] == "门残联函〔2026〕12号"
    assert merged.history[-1].action == "lead_replied"


def test_a_merge_without_a_numbered_lead_is_refused(db, setup):
    other = new_motion(db, setup, "并案")
    draft_lead = new_motion(db, setup, "未立案")
    step(db, other, "submit")
    step(db, other, "start_review")
    with pytest.raises(DomainError) as err:
        merge_motion(db, user="clerk", motion_id=other, expected_version=None, lead_id=draft_lead)
    assert err.value.code == "motion_lead_invalid"
    assert get_motion(db, other).row.number is None


def test_unsatisfied_results_start_rehandling_up_to_the_limit(db, setup):
    motion_id = handling(db, setup)
    reply(db, motion_id)
    row = rate(db, motion_id, "不满意", on=date(2026, 3, 10))
    assert row.state is MotionState.REHANDLING
    assert row.deadline == date(2026, 4, 10)
    assert list_motions(db, today=date(2026, 4, 10))[0].is_overdue is False
    assert list_motions(db, today=date(2026, 4, 13))[0].is_overdue is True
    reply(db, motion_id)
    assert rate(db, motion_id, "不满意").state is MotionState.REHANDLING
    reply(db, motion_id)
    row = rate(db, motion_id, "不满意")
    assert row.state is MotionState.CLOSED
    with db.session_factory() as session:
        motion = session.get(Motion, motion_id)
        assert motion.rehandling_rounds == 2
        assert motion.closing_note


def test_feedback_timeout_waits_for_the_period(db, setup):
    motion_id = handling(db, setup)
    reply(db, motion_id)  # sent 2026-03-02, waited for 30 days
    with pytest.raises(DomainError) as err:
        feedback_timeout(
            db, user="clerk", motion_id=motion_id, expected_version=None, on=date(2026, 4, 1)
        )
    assert err.value.code == "feedback_still_awaited"
    row = feedback_timeout(
        db, user="clerk", motion_id=motion_id, expected_version=None, on=date(2026, 4, 2)
    )
    assert row.state is MotionState.CLOSED
    assert get_motion(db, motion_id).feedback == ((None, "基本满意", True),)


def test_simple_advance_refuses_actions_with_their_own_form(db, setup):
    motion_id = new_motion(db, setup)
    with pytest.raises(DomainError) as err:
        step(db, motion_id, "accept")
    assert err.value.code == "motion_action_own_form"


def test_contacts_are_recorded_from_acceptance_until_closing(db, setup):
    draft_id = new_motion(db, setup, "关于增设盲道的提案")
    with pytest.raises(DomainError) as caught:
        record_contact(
            db, user="clerk", motion_id=draft_id, contact_date=date(2026, 2, 20), method="电话"
        )
    assert caught.value.code == "motion_contact_state"
    assert "草稿" in message(caught.value.code, caught.value.params)
    motion_id = accepted(db, setup)
    record_contact(
        db, user="clerk", motion_id=motion_id, contact_date=date(2026, 2, 20), method="面谈"
    )
    assert [c[1] for c in get_motion(db, motion_id).contacts] == ["面谈"]

"""三重一大 matters through the services on both databases: registering (the deciding body, the
large-funds threshold), editing with a stale copy refused, the emergency path, and the register."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.major_decision import DecisionState
from models.domain.messages import message
from models.services.decisions.commands.matters import (
    create_decision,
    record_emergency,
    report_emergency,
    update_decision,
)
from models.services.decisions.contracts import (
    DecisionDraft,
)
from models.services.decisions.queries import (
    get_decision,
    list_decisions,
)

from ._decisions import (
    MATTER_GATES,
    new_matter,
    plan,
    ready_matter,
    refused,
    version_of,
)
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


# --- registering ----------------------------------------------------------------------------


def test_cadre_appointments_are_refused_for_the_council(db, fed):
    error = refused(db, new_matter, db, category="重要干部任免", body="council", amount=None)
    assert error.code == "decision_body_not_allowed"
    assert "只能由党组决定" in message(error.code, error.params)


def test_large_funds_need_an_amount_at_the_threshold(db, fed):
    assert refused(db, new_matter, db, amount=None).code == "decision_amount_required"
    assert refused(db, new_matter, db, amount=99_999).field == "amount_yuan"
    decision = get_decision(db, decision_id=new_matter(db, amount=100_000))
    assert decision.row.state is DecisionState.DRAFT
    assert decision.row.missing_steps == MATTER_GATES
    assert decision.row.warnings == ("前期调查研究",)
    assert [h.action for h in decision.history] == ["登记事项"]


def test_update_and_stale_edit(db, fed):
    decision_id = new_matter(db)
    old = version_of(db, decision_id)
    update_decision(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=old,
        draft=DecisionDraft("康复中心设备采购（二期）", "大额度资金使用", "council", 2026, 200_000),
    )
    error = refused(
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
    early = plan(db, day=date(2026, 7, 1))
    error = refused(
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
        meeting_id=plan(db, day=date(2026, 7, 28)),
    )
    assert detail.row.state is DecisionState.REPORTED


def test_register_lists_by_year_with_missing_steps(db, fed):
    ready = ready_matter(db)
    draft = new_matter(db, title="无障碍改造项目", category="重大项目安排", amount=None)
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

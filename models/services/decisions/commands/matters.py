"""Registering a 三重一大 matter (or an emergency decision), editing it, reporting an emergency.

Refusals name the field to fix.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.domain.decision_rules import DecisionCategory, DecisionRules
from models.domain.errors import DomainError
from models.domain.major_decision import (
    STATE_NAMES,
    DecisionAction,
    DecisionState,
    check_deciding_body,
)
from models.domain.vocabulary import BodyKind
from models.entities import MajorDecision
from models.services.common.access import guarded
from models.services.common.choices import choice
from models.services.common.text import fitted
from models.services.decisions._core import (
    check_meeting_of_body,
    decision_rules_in_force,
    detail,
    editing_decision,
    log_change,
    move_decision,
)
from models.services.decisions.contracts import DecisionDetail, DecisionDraft
from models.services.meetings.content import load_meeting
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

_LABELS = {"category": "事项类别", "body": "决策机构"}
EDITABLE = (DecisionState.DRAFT, DecisionState.READY, DecisionState.DEFERRED)


def _checked(draft: DecisionDraft, rules: DecisionRules) -> tuple[str, DecisionCategory, BodyKind]:
    title = fitted(draft.title, MajorDecision.title, field="title", label="事项名称")
    if title is None:
        raise DomainError("motion_field_required", field="title", label="事项名称")
    category = choice(DecisionCategory, draft.category, "category", _LABELS)
    if category is None:
        raise DomainError("motion_field_required", field="category", label="事项类别")
    body = choice(BodyKind, draft.body, "body", _LABELS)
    if body is None:
        raise DomainError("motion_field_required", field="body", label="决策机构")
    check_deciding_body(category, body)
    if category is DecisionCategory.LARGE_FUNDS:
        if draft.amount_yuan is None:
            raise DomainError("decision_amount_required", field="amount_yuan")
        if draft.amount_yuan < rules.large_amount_yuan:
            raise DomainError(
                "decision_amount_below",
                field="amount_yuan",
                amount=draft.amount_yuan,
                threshold=rules.large_amount_yuan,
            )
    if draft.amount_yuan is not None and draft.amount_yuan < 0:
        raise DomainError(
            "decision_amount_below", field="amount_yuan", amount=draft.amount_yuan, threshold=0
        )
    if not 2000 <= draft.year <= 2100:
        raise DomainError("calendar_year_invalid", field="year", year=draft.year)
    return title, category, body


def _apply(
    session: Session, decision: MajorDecision, draft: DecisionDraft, rules: DecisionRules
) -> None:
    title, category, body = _checked(draft, rules)
    decision.title = title
    decision.category = category.value
    decision.body = get_body(session, body)
    decision.year = draft.year
    decision.amount_yuan = draft.amount_yuan
    decision.background = (draft.background or "").strip()


@guarded("decisions.edit")
def create_decision(db: Database, *, user: str, draft: DecisionDraft) -> DecisionDetail:
    """A matter 准备中: its steps are then recorded one by one."""
    rules = decision_rules_in_force(db)
    with db.unit_of_work(user) as uow:
        session = uow.session
        decision = MajorDecision(state=DecisionState.DRAFT)
        _apply(session, decision, draft, rules)
        session.add(decision)
        session.flush()
        log_change(session, decision, "create", None, DecisionState.DRAFT)
        result = detail(session, decision, rules)
        uow.commit()
    return result


@guarded("decisions.edit")
def update_decision(
    db: Database, *, user: str, decision_id: int, expected_version: int | None, draft: DecisionDraft
) -> DecisionDetail:
    """Name, category, body, amount and background may change until the matter is decided."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        state = DecisionState(decision.state)
        if state not in EDITABLE:
            raise DomainError(
                "decision_action_not_allowed", action="修改事项信息", state=STATE_NAMES[state]
            )
        _apply(uow.session, decision, draft, rules)
        result = detail(uow.session, decision, rules)
    return result


@guarded("decisions.edit")
def record_emergency(
    db: Database,
    *,
    user: str,
    draft: DecisionDraft,
    decided_by: str,
    decided_on: date,
    reason: str,
) -> DecisionDetail:
    """紧急处置: decided by one person; it must be reported to the body's next meeting."""
    rules = decision_rules_in_force(db)
    by = fitted(decided_by, MajorDecision.emergency_by, field="decided_by", label="处置人")
    if by is None:
        raise DomainError("motion_field_required", field="decided_by", label="处置人")
    if not (reason or "").strip():
        raise DomainError("motion_field_required", field="reason", label="紧急处置的理由")
    with db.unit_of_work(user) as uow:
        session = uow.session
        decision = MajorDecision(state=DecisionState.EMERGENCY)
        _apply(session, decision, draft, rules)
        decision.emergency_by, decision.emergency_on = by, decided_on
        decision.emergency_reason = reason.strip()
        session.add(decision)
        session.flush()
        log_change(session, decision, "emergency", None, DecisionState.EMERGENCY, reason)
        result = detail(session, decision, rules)
        uow.commit()
    return result


@guarded("decisions.edit")
def report_emergency(
    db: Database, *, user: str, decision_id: int, expected_version: int | None, meeting_id: int
) -> DecisionDetail:
    """The emergency decision reported at a meeting of the deciding body on or after its date."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        meeting = load_meeting(uow.session, meeting_id)
        check_meeting_of_body(decision, meeting)
        if decision.emergency_on is not None and meeting.meeting_date < decision.emergency_on:
            raise DomainError(
                "decision_emergency_report_early",
                field="meeting",
                meeting_date=meeting.meeting_date.isoformat(),
                decided_on=decision.emergency_on.isoformat(),
            )
        move_decision(uow.session, decision, DecisionAction.REPORT, rules)
        decision.reported_meeting = meeting
        result = detail(uow.session, decision, rules)
    return result

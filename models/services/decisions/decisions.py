"""三重一大 decisions: registering a matter (or an emergency decision), the register, the record.

One function per clerk's action, each its own transaction; refusals name the field to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.decision_rules import DecisionCategory, DecisionRules
from models.domain.errors import DomainError
from models.domain.major_decision import (
    STATE_NAMES,
    DecisionAction,
    DecisionState,
    check_deciding_body,
    deciding_body_name,
)
from models.domain.vocabulary import BodyKind
from models.entities import AgendaItem, DecisionDiscussion, MajorDecision, Meeting
from models.services.common.choices import choice
from models.services.common.text import fitted
from models.services.common.versioning import ensure_version, refusing_stale
from models.services.decisions.core import (
    decision_rules_in_force,
    detail,
    load_decision,
    log_change,
    move_decision,
    whole_decision,
)
from models.services.decisions.rows import DecisionDetail, DecisionRow, detail_of
from models.services.meetings.content import load_meeting
from models.services.people.terms import get_body
from models.store.unit_of_work import Database


@dataclass(frozen=True)
class DecisionDraft:
    title: str
    category: str  # DecisionCategory value: 重大决策 …
    body: str  # council | party_group
    year: int
    amount_yuan: int | None = None
    background: str = ""


_LABELS = {"category": "事项类别", "body": "决策机构"}


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


def create_decision(db: Database, *, user: str, draft: DecisionDraft) -> DecisionDetail:
    """A matter 准备中: its steps are then recorded one by one."""
    rules = decision_rules_in_force(db)
    with db.unit_of_work(user) as uow:
        session = uow.session
        decision = MajorDecision(state=DecisionState.DRAFT.value)
        _apply(session, decision, draft, rules)
        session.add(decision)
        session.flush()
        log_change(session, decision, "create", None, DecisionState.DRAFT)
        result = detail(session, decision, rules)
        uow.commit()
    return result


def update_decision(
    db: Database, *, user: str, decision_id: int, expected_version: int | None, draft: DecisionDraft
) -> DecisionDetail:
    """Name, category, body, amount and background may change until the matter is decided."""
    rules = decision_rules_in_force(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, MajorDecision, decision_id):
        session = uow.session
        decision = load_decision(session, decision_id)
        ensure_version(decision, expected_version)
        state = DecisionState(decision.state)
        if state not in (DecisionState.DRAFT, DecisionState.READY, DecisionState.DEFERRED):
            raise DomainError(
                "decision_action_not_allowed", action="修改事项信息", state=STATE_NAMES[state]
            )
        _apply(session, decision, draft, rules)
        result = detail(session, decision, rules)
        uow.commit()
    return result


def _loaded():  # type: ignore[no-untyped-def]
    return (
        selectinload(MajorDecision.body),
        selectinload(MajorDecision.steps),
        selectinload(MajorDecision.agenda_item).selectinload(AgendaItem.meeting),
        selectinload(MajorDecision.discussions).selectinload(DecisionDiscussion.meeting),
        selectinload(MajorDecision.reported_meeting),
    )


def list_decisions(db: Database, *, year: int | None = None) -> list[DecisionRow]:
    """The register: newest year first, then in the order they were registered."""
    rules = decision_rules_in_force(db)
    with db.session_factory() as session:
        query = select(MajorDecision).options(*_loaded())
        if year is not None:
            query = query.where(MajorDecision.year == year)
        decisions = session.scalars(
            query.order_by(MajorDecision.year.desc(), MajorDecision.id)
        ).all()
        return [DecisionRow.of(d, rules) for d in decisions]


def get_decision(db: Database, *, decision_id: int) -> DecisionDetail:
    rules = decision_rules_in_force(db)
    with db.session_factory() as session:
        return detail_of(whole_decision(session, decision_id), rules)


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
        decision = MajorDecision(state=DecisionState.EMERGENCY.value)
        _apply(session, decision, draft, rules)
        decision.emergency_by, decision.emergency_on = by, decided_on
        decision.emergency_reason = reason.strip()
        session.add(decision)
        session.flush()
        log_change(session, decision, "emergency", None, DecisionState.EMERGENCY, reason)
        result = detail(session, decision, rules)
        uow.commit()
    return result


def report_emergency(
    db: Database, *, user: str, decision_id: int, expected_version: int | None, meeting_id: int
) -> DecisionDetail:
    """The emergency decision reported at a meeting of the deciding body on or after its date."""
    rules = decision_rules_in_force(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, MajorDecision, decision_id):
        session = uow.session
        decision = load_decision(session, decision_id)
        ensure_version(decision, expected_version)
        meeting = load_meeting(session, meeting_id)
        check_meeting_of_body(decision, meeting)
        if decision.emergency_on is not None and meeting.meeting_date < decision.emergency_on:
            raise DomainError(
                "decision_emergency_report_early",
                field="meeting",
                meeting_date=meeting.meeting_date.isoformat(),
                decided_on=decision.emergency_on.isoformat(),
            )
        move_decision(session, decision, DecisionAction.REPORT, rules)
        decision.reported_meeting = meeting
        result = detail(session, decision, rules)
        uow.commit()
    return result


def check_meeting_of_body(decision: MajorDecision, meeting: Meeting) -> None:
    if meeting.body_id != decision.body_id:
        raise DomainError(
            "decision_meeting_body",
            field="meeting",
            meeting_body=meeting.body.name,
            body=deciding_body_name(decision.body.kind),
        )

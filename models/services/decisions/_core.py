"""What every 三重一大 command shares: the rules in force, loading, moving through the state table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.decision_rules import DecisionRules, load_decision_rules
from models.domain.errors import DomainError
from models.domain.major_decision import (
    DecisionAction,
    DecisionFacts,
    DecisionResult,
    DecisionState,
    deciding_body_name,
    next_state,
)
from models.entities import (
    AgendaItem,
    DecisionDiscussion,
    DecisionParticipant,
    DecisionPosition,
    DecisionStateChange,
    DecisionStep,
    MajorDecision,
    Meeting,
)
from models.entities.base import utcnow
from models.services.common.command import editing
from models.services.common.settings import rules_copy
from models.services.decisions._rows import detail_of, gaps_of
from models.services.decisions.contracts import DecisionDetail
from models.store.unit_of_work import Database, UnitOfWork


def decision_rules_in_force(db: Database) -> DecisionRules:
    """The [decisions] section of the rules copy this database records (defaults when none)."""
    copy = rules_copy(db)
    if copy is None:
        return DecisionRules()
    content, rules_id = copy
    return load_decision_rules(content, rules_id=rules_id)


def _missing(decision_id: int) -> DomainError:
    return DomainError("decision_not_found", decision_id=decision_id)


@contextmanager
def editing_decision(
    db: Database, user: str, decision_id: int, expected_version: int | None
) -> Iterator[tuple[UnitOfWork, MajorDecision]]:
    """The shared edit preamble (stale refusal, load, version check; commit at the end)."""
    with editing(db, user, MajorDecision, decision_id, expected_version, missing=_missing) as pair:
        yield pair


def load_decision(session: Session, decision_id: int) -> MajorDecision:
    decision = session.get(MajorDecision, decision_id)
    if decision is None:
        raise _missing(decision_id)
    return decision


def facts_of(decision: MajorDecision, rules: DecisionRules) -> DecisionFacts:
    gaps = gaps_of(decision, rules)
    return DecisionFacts(
        result=DecisionResult(decision.result) if decision.result else None,
        gates_missing=gaps.gates,
        after_missing=gaps.after,
        follow_ups_open=sum(1 for f in decision.follow_ups if f.done_on is None),
    )


def log_change(
    session: Session,
    decision: MajorDecision,
    action: str,
    before: DecisionState | None,
    after: DecisionState,
    reason: str | None = None,
) -> None:
    # Enum members, not their values: they store the same in a text column and in an enum column.
    session.add(
        DecisionStateChange(
            decision_id=decision.id,
            at=session.info.get("now", utcnow)(),
            by=session.info.get("user_login", ""),
            action=action,
            from_state=before,
            to_state=after,
            reason=(reason or "").strip() or None,
        )
    )


def move_decision(
    session: Session,
    decision: MajorDecision,
    action: DecisionAction,
    rules: DecisionRules,
    reason: str | None = None,
) -> DecisionState:
    """Apply the table's move and record it; a refused move raises before anything is written."""
    session.flush()
    before = DecisionState(decision.state)
    after = next_state(before, action, facts_of(decision, rules))
    decision.state = after
    log_change(session, decision, action.value, before, after, reason)
    return after


def touch(session: Session, decision: MajorDecision) -> None:
    """Bump the version: a step, an attachment or a follow-up of this decision changed."""
    decision.updated_at = session.info["now"]()


def _whole_record() -> tuple[Any, ...]:
    """Everything the record shows, in a dozen queries rather than one per position and person."""
    discussion = selectinload(MajorDecision.discussions)
    return (
        selectinload(MajorDecision.body),
        selectinload(MajorDecision.agenda_item).selectinload(AgendaItem.meeting),
        selectinload(MajorDecision.reported_meeting),
        selectinload(MajorDecision.steps).selectinload(DecisionStep.attachments),
        discussion.selectinload(DecisionDiscussion.meeting),
        discussion.selectinload(DecisionDiscussion.agenda_item),
        discussion.selectinload(DecisionDiscussion.presiding),
        discussion.selectinload(DecisionDiscussion.leader),
        discussion.selectinload(DecisionDiscussion.participants).selectinload(
            DecisionParticipant.person
        ),
        discussion.selectinload(DecisionDiscussion.positions).selectinload(DecisionPosition.person),
        selectinload(MajorDecision.reopenings),
        selectinload(MajorDecision.follow_ups),
        selectinload(MajorDecision.changes),
    )


def whole_decision(session: Session, decision_id: int) -> MajorDecision:
    decision = session.scalars(
        select(MajorDecision)
        .where(MajorDecision.id == decision_id)
        .options(*_whole_record())
        .execution_options(populate_existing=True)
    ).one_or_none()
    if decision is None:
        raise _missing(decision_id)
    return decision


def detail(session: Session, decision: MajorDecision, rules: DecisionRules) -> DecisionDetail:
    """The record as it stands after the change. Expired and lazily read again: within the unit
    of work most people and meetings are already in the session, which beats a fresh eager read."""
    session.flush()
    session.expire(decision)
    return detail_of(decision, rules)


def check_meeting_of_body(decision: MajorDecision, meeting: Meeting) -> None:
    if meeting.body_id != decision.body_id:
        raise DomainError(
            "decision_meeting_body",
            field="meeting",
            meeting_body=meeting.body.name,
            body=deciding_body_name(decision.body.kind),
        )


def agenda_meeting(decision: MajorDecision) -> Meeting:
    if decision.agenda_item is None:
        raise DomainError("decision_not_on_agenda")
    return decision.agenda_item.meeting

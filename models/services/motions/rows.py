"""Frozen read models of motions: the list line and the detail with its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.domain.motion_workflow import MotionState, is_overdue
from models.entities import Motion


def lead_assignment(motion: Motion):  # type: ignore[no-untyped-def]
    """The active 主办 assignment (a merged motion follows its lead's)."""
    source = motion.lead_motion if motion.lead_motion is not None else motion
    for a in source.assignments:
        if a.active and a.role == "主办":
            return a
    return None


def current_deadline(motion: Motion) -> date | None:
    state = MotionState(motion.state)
    if state is MotionState.REHANDLING:
        return motion.rehandling_due
    assignment = lead_assignment(motion)
    return assignment.due_on if assignment is not None else None


@dataclass(frozen=True)
class MotionRow:
    id: int
    version: int
    term: int | None
    number: int | None
    number_text: str | None
    title: str
    proposer: str
    category: str | None
    state: MotionState
    lead_motion_id: int | None
    lead_unit: str | None
    deadline: date | None
    is_overdue: bool

    @classmethod
    def of(cls, motion: Motion, today: date) -> MotionRow:
        state = MotionState(motion.state)
        assignment = lead_assignment(motion)
        deadline = current_deadline(motion)
        return cls(
            id=motion.id,
            version=motion.version,
            term=motion.term.ordinal,
            number=motion.number,
            number_text=motion.number_text,
            title=motion.title,
            proposer=motion.proposer.name,
            category=motion.category,
            state=state,
            lead_motion_id=motion.lead_motion_id,
            lead_unit=assignment.unit.name if assignment is not None else None,
            deadline=deadline,
            is_overdue=is_overdue(state, deadline, today),
        )


@dataclass(frozen=True)
class StateChangeRow:
    at: datetime
    by: str
    action: str
    from_state: str | None
    to_state: str
    reason: str | None


@dataclass(frozen=True)
class MotionDetail:
    row: MotionRow
    body_text: str
    category: str | None
    submitted_on: date | None
    co_signers: tuple[str, ...]
    assignments: tuple[tuple[str, str, date, date, bool], ...]  # unit, role, assigned, due, active
    replies: tuple[tuple[str, str | None, str, date], ...]  # class, 发文字号, signer, sent
    feedback: tuple[tuple[str | None, str, bool], ...]  # attitude, result, timed out
    contacts: tuple[tuple[date, str, str | None, str], ...]  # date, method, note, recorded by
    history: tuple[StateChangeRow, ...]

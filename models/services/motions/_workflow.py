"""What every motion command shares: moving a motion through the table, and who it names."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionAction, MotionFacts, MotionState, next_state
from models.entities import Motion, MotionStateChange, Person
from models.entities.base import utcnow


def move_motion(
    session: Session,
    motion: Motion,
    action: MotionAction,
    facts: MotionFacts | None = None,
    reason: str | None = None,
) -> MotionState:
    """Apply the table's move and record it; refused moves raise before anything is written."""
    before = motion.state
    after = next_state(before, action, facts or MotionFacts(reason=reason))
    motion.state = after
    session.add(
        MotionStateChange(
            motion_id=motion.id,
            at=session.info.get("now", utcnow)(),
            by=session.info.get("user_login", ""),
            action=action.value,
            from_state=before,
            to_state=after,
            reason=(reason or "").strip() or None,
        )
    )
    return after


def person_of(session: Session, person_id: int, field: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", field=field, person_id=person_id)
    return person

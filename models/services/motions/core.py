"""What every motion action shares: loading a motion, moving it through the table, its row."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.motion_workflow import (
    MotionAction,
    MotionFacts,
    MotionState,
    next_state,
)
from models.entities import (
    Motion,
    MotionStateChange,
    Person,
)
from models.entities.base import utcnow
from models.services.motions.rows import (
    MotionRow,
)


def today_local() -> date:
    return utcnow().astimezone(FEDERATION_TZ).date()


def load_motion(session: Session, motion_id: int) -> Motion:
    motion = session.get(Motion, motion_id)
    if motion is None:
        raise DomainError("motion_not_found", motion_id=motion_id)
    return motion


def move_motion(
    session: Session,
    motion: Motion,
    action: MotionAction,
    facts: MotionFacts | None = None,
    reason: str | None = None,
) -> MotionState:
    """Apply the table's move and record it; refused moves raise before anything is written."""
    before = MotionState(motion.state)
    facts = facts or MotionFacts(reason=reason)
    after = next_state(before, action, facts)
    motion.state = after.value
    session.add(
        MotionStateChange(
            motion_id=motion.id,
            at=session.info.get("now", utcnow)(),
            by=session.info.get("user_login", ""),
            action=action.value,
            from_state=before.value,
            to_state=after.value,
            reason=(reason or "").strip() or None,
        )
    )
    return after


def row_of(session: Session, motion: Motion, today: date | None = None) -> MotionRow:
    session.flush()
    return MotionRow.of(motion, today or today_local())


def person_of(session: Session, person_id: int, field: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", field=field, person_id=person_id)
    return person

"""协办单位意见 (DOMAIN §4): each co-unit's opinion — text, date, who gave it — entered when it
arrives, kept on the co-unit's assignment, printed with the reply letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.errors import DomainError
from models.domain.motion_workflow import HandlingRole
from models.entities import Assignment, HandlingUnit, MotionStateChange
from models.entities.base import utcnow
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.motions._rows import load_motion, require_motion_scope, row_of
from models.services.motions.contracts import MotionRow
from models.store.unit_of_work import Database


@dataclass(frozen=True)
class CoUnitEntry:
    """One active 协办 unit of a motion and its opinion so far (what the form starts from)."""

    unit_id: int
    unit: str
    text: str | None
    given_on: date | None
    given_by: str | None


def co_unit_entries(db: Database, *, motion_id: int) -> list[CoUnitEntry]:
    """The motion's active co-units (a merged motion: its lead's), in the order assigned."""
    with db.session_factory() as session:
        motion = load_motion(session, motion_id)
        source = motion.lead_motion if motion.lead_motion is not None else motion
        return [
            CoUnitEntry(a.unit_id, a.unit.name, a.opinion_text, a.opinion_on, a.opinion_by)
            for a in source.assignments
            if a.active and a.role is HandlingRole.CO
        ]


# The history row's action: not a move of the workflow, so no MotionAction of its own.
OPINION_ACTION = "协办单位意见"


@guarded("motions.unit_handling")
def record_co_unit_opinion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    unit_id: int,
    text: str,
    given_on: date,
    given_by: str | None = None,
) -> MotionRow:
    """Enter (or correct) one co-unit's opinion; refused for a unit that is not an active 协办
    unit of the motion (a merged motion: of its lead) and for an empty text."""
    opinion = (text or "").strip()
    if not opinion:
        raise DomainError("co_unit_opinion_missing", field="text")
    person = fitted(given_by or "", Assignment.opinion_by, field="given_by", label="提出人")
    with db.unit_of_work(user) as uow:
        session = uow.session
        motion = load_motion(session, motion_id)
        require_motion_scope(motion, "motions.unit_handling")
        source = motion.lead_motion if motion.lead_motion is not None else motion
        assignment = next(
            (
                a
                for a in source.assignments
                if a.active and a.role is HandlingRole.CO and a.unit_id == unit_id
            ),
            None,
        )
        if assignment is None:
            unit = session.get(HandlingUnit, unit_id)
            name = unit.name if unit is not None else f"承办单位{unit_id}"
            raise DomainError("co_unit_not_co_unit", field="unit", unit=name)
        assignment.opinion_text = opinion
        assignment.opinion_on = given_on
        assignment.opinion_by = person
        session.add(
            MotionStateChange(
                motion_id=motion.id,
                at=session.info.get("now", utcnow)(),
                by=user,
                action=OPINION_ACTION,
                from_state=motion.state,
                to_state=motion.state,
                reason=f"{assignment.unit.name}：{opinion}",
            )
        )
        row = row_of(session, motion)
        uow.commit()
    return row

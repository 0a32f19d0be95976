"""Statistics of a term's motions (DOMAIN §4): the database read into `MotionFigures`, then the
pure models.domain.motion_statistics counts them — overall, by 主办单位 and by category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.motion_statistics import GroupedStatistics, MotionFigures, grouped_statistics
from models.domain.motion_workflow import MotionState, Rating
from models.domain.vocabulary import BodyKind
from models.entities import Assignment, Motion, Term
from models.services.motions.rows import lead_assignment
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


def _rating(value: str | None) -> Rating | None:
    try:
        return Rating(value) if value else None
    except ValueError:
        return None


def figures_of(motion: Motion) -> MotionFigures:
    """What the statistics need of one motion (inside the session that loaded it)."""
    reply = motion.replies[-1] if motion.replies else None
    feedback = motion.feedbacks[-1] if motion.feedbacks else None
    assignment = lead_assignment(motion)
    due: date | None = None
    if reply is not None:
        due = motion.rehandling_due if reply.round else None
        if due is None and assignment is not None:
            due = assignment.due_on
    timed_out = bool(feedback is not None and feedback.timed_out)
    return MotionFigures(
        number=motion.number,
        state=MotionState(motion.state),
        replied_on=reply.sent_on if reply is not None else None,
        due_at_reply=due,
        contacted_before_reply=reply is not None
        and any(c.contact_date <= reply.sent_on for c in motion.contacts),
        reply_class=reply.reply_class if reply is not None else None,
        attitude_rating=_rating(feedback.attitude) if feedback is not None else None,
        result_rating=None if timed_out or feedback is None else _rating(feedback.result),
        result_by_timeout=timed_out,
        lead_unit=assignment.unit.name if assignment is not None else None,
        category=motion.category,
    )


def term_motions(session: Session, term: int | None) -> tuple[Term, list[Motion]]:
    """The presidium term (its 届次, else the current one) and its motions by number."""
    found = find_term(session, BodyKind.PRESIDIUM, None, term)
    motions = session.scalars(
        select(Motion)
        .where(Motion.term_id == found.id)
        .options(
            selectinload(Motion.proposer),
            selectinload(Motion.replies),
            selectinload(Motion.feedbacks),
            selectinload(Motion.contacts),
            selectinload(Motion.assignments).selectinload(Assignment.unit),
            selectinload(Motion.lead_motion)
            .selectinload(Motion.assignments)
            .selectinload(Assignment.unit),
        )
        .order_by(Motion.number.is_(None), Motion.number, Motion.id)
    ).all()
    return found, list(motions)


def term_statistics(db: Database, *, term: int | None = None) -> GroupedStatistics:
    """立案数, 答复率, 按时答复率, 沟通率, class shares and 满意率, overall, by unit, by category."""
    with db.session_factory() as session:
        _found, motions = term_motions(session, term)
        return grouped_statistics([figures_of(m) for m in motions])


@dataclass(frozen=True)
class DueCounts:
    overdue: int
    due_soon: int


def due_counts(db: Database, *, term: int | None = None) -> DueCounts:
    """The current presidium term's overdue motions, and those due soon.

    Due soon: waiting on the unit, not yet past its deadline, and the deadline within the rules'
    number of working days on the database's calendar.
    """
    from models.domain.deadlines import is_due_soon
    from models.domain.motion_workflow import OVERDUE_STATES
    from models.services.motions.core import today_local
    from models.services.motions.deadlines import rules_and_calendar
    from models.services.motions.motions import list_motions

    rows = list_motions(db, term=term)
    rules, calendar = rules_and_calendar(db)
    today = today_local()
    return DueCounts(
        overdue=sum(1 for row in rows if row.is_overdue),
        due_soon=sum(
            1
            for row in rows
            if not row.is_overdue
            and row.state in OVERDUE_STATES
            and row.deadline is not None
            and is_due_soon(row.deadline, today, rules, calendar)
        ),
    )

"""Reading motion entities inside an open session: the list row, the detail, the figures.

Plain functions over loaded entities, shared by the queries, the commands (which return the row
they changed) and the printed papers (models.services.papers.motions).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from models.domain.errors import DomainError
from models.domain.motion_statistics import MotionFigures
from models.domain.motion_workflow import HandlingRole, MotionState, Rating, is_overdue
from models.domain.roles import SignedIn
from models.domain.vocabulary import BodyKind
from models.entities import Assignment, Motion, MotionCoSigner, Term
from models.services.common.access import require_unit_scope
from models.services.common.clock import today_local
from models.services.common.command import editing
from models.services.motions._scope import scoped
from models.services.motions.contracts import MotionDetail, MotionRow, StateChangeRow
from models.services.people.terms import find_term
from models.store.unit_of_work import Database, UnitOfWork


def editing_motion(
    db: Database, user: str, motion_id: int, expected_version: int | None
) -> AbstractContextManager[tuple[UnitOfWork, Motion]]:
    """The shared edit preamble (common/command.py) for one motion."""
    return editing(
        db,
        user,
        Motion,
        motion_id,
        expected_version,
        missing=lambda i: DomainError("motion_not_found", motion_id=i),
        options=_ROW_LOAD,
    )


# What a command's row shows, read with the motion: one query, not four.
_ROW_LOAD = (
    joinedload(Motion.term),
    joinedload(Motion.proposer),
    joinedload(Motion.assignments).joinedload(Assignment.unit),
)


def load_motion(session: Session, motion_id: int) -> Motion:
    """The motion a command changes, read with what its row shows."""
    motion = session.get(Motion, motion_id, options=_ROW_LOAD)
    if motion is None:
        raise DomainError("motion_not_found", motion_id=motion_id)
    return motion


def lead_assignment(motion: Motion) -> Assignment | None:
    """The active 主办 assignment (a merged motion follows its lead's)."""
    source = motion.lead_motion if motion.lead_motion is not None else motion
    for a in source.assignments:
        if a.active and a.role is HandlingRole.LEAD:
            return a
    return None


def require_motion_scope(motion: Motion, action: str) -> None:
    """A 承办单位 account acts only on a motion its unit is assigned to, as 主办 or 协办 (a merged
    motion: its lead's units); the other roles pass (their role was checked by `guarded`)."""
    source = motion.lead_motion if motion.lead_motion is not None else motion
    require_unit_scope({a.unit_id for a in source.assignments if a.active}, action)


def current_deadline(motion: Motion) -> date | None:
    if motion.state is MotionState.REHANDLING:
        return motion.rehandling_due
    assignment = lead_assignment(motion)
    return assignment.due_on if assignment is not None else None


def motion_row(motion: Motion, today: date) -> MotionRow:
    assignment = lead_assignment(motion)
    deadline = current_deadline(motion)
    return MotionRow(
        id=motion.id,
        version=motion.version,
        term=motion.term.ordinal,
        number=motion.number,
        number_text=motion.number_text,
        title=motion.title,
        proposer=motion.proposer.name,
        category=motion.category,
        state=motion.state,
        lead_motion_id=motion.lead_motion_id,
        lead_unit=assignment.unit.name if assignment is not None else None,
        deadline=deadline,
        is_overdue=is_overdue(motion.state, deadline, today),
        co_signers=tuple(c.person.name for c in motion.co_signers),
    )


def row_of(session: Session, motion: Motion, today: date | None = None) -> MotionRow:
    """The row of a motion a command just changed (flushed first, so the version is the new one)."""
    session.flush()
    return motion_row(motion, today or today_local())


def motion_detail(motion: Motion, today: date) -> MotionDetail:
    return MotionDetail(
        row=motion_row(motion, today),
        body_text=motion.body_text,
        category=motion.category,
        submitted_on=motion.submitted_on,
        co_signers=tuple(c.person.name for c in motion.co_signers),
        assignments=tuple(
            (a.unit.name, a.role, a.assigned_on, a.due_on, a.active) for a in motion.assignments
        ),
        replies=tuple(
            (r.reply_class, r.document_number, r.signer, r.sent_on) for r in motion.replies
        ),
        feedback=tuple((f.attitude, f.result, f.timed_out) for f in motion.feedbacks),
        contacts=tuple((c.contact_date, c.method, c.note, c.recorded_by) for c in motion.contacts),
        history=tuple(
            StateChangeRow(
                at=c.at,
                by=c.by,
                action=c.action,
                from_state=c.from_state,
                to_state=c.to_state,
                reason=c.reason,
            )
            for c in motion.changes
        ),
    )


def row_options() -> tuple[LoaderOption, ...]:
    """What a list of rows reads, loaded in a few queries instead of one per motion."""
    return (
        selectinload(Motion.term),
        selectinload(Motion.proposer),
        selectinload(Motion.co_signers).selectinload(MotionCoSigner.person),
        selectinload(Motion.assignments).selectinload(Assignment.unit),
        selectinload(Motion.lead_motion)
        .selectinload(Motion.assignments)
        .selectinload(Assignment.unit),
    )


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
        state=motion.state,
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


def term_motions(
    session: Session, term: int | None, *, reader: SignedIn | None = None
) -> tuple[Term, list[Motion]]:
    """The presidium term (its 届次, else the current one) and its motions by number (a
    承办单位 reader: its unit's only)."""
    found = find_term(session, BodyKind.PRESIDIUM, None, term)
    query = (
        select(Motion)
        .where(Motion.term_id == found.id)
        .options(
            *row_options(),
            selectinload(Motion.replies),
            selectinload(Motion.feedbacks),
            selectinload(Motion.contacts),
        )
        .order_by(Motion.number.is_(None), Motion.number, Motion.id)
    )
    motions = session.scalars(scoped(query, reader)).all()
    return found, list(motions)

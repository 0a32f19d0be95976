"""Motions (提案): one function per clerk action, each one unit of work and one state change.

The workflow table and the deadline arithmetic are pure (models.domain.motion_workflow and
models.domain.deadlines); this module loads, checks the version, applies them and records who moved
the motion, when and why. Numbers come from the term's counter row, incremented by one
`UPDATE … RETURNING` inside the accepting unit of work: the row stays locked until the commit, so
concurrent acceptances on PostgreSQL queue up and numbers stay unique and gap-free (SQLite
serialises writers anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError
from models.domain.motion_workflow import (
    MotionAction,
    MotionFacts,
    MotionState,
)
from models.domain.vocabulary import BodyKind
from models.entities import (
    Assignment,
    Motion,
    MotionCoSigner,
    MotionCounter,
)
from models.services.common.text import fitted
from models.services.common.versioning import ensure_version, refusing_stale
from models.services.motions import deadlines as dl
from models.services.motions.core import load_motion, move_motion, person_of, row_of, today_local
from models.services.motions.rows import (
    MotionDetail,
    MotionRow,
    StateChangeRow,
)
from models.services.people.terms import find_term
from models.store.unit_of_work import Database

# Actions `advance_motion` takes; the others carry data and have their own function.
SIMPLE_ACTIONS = frozenset(
    {
        MotionAction.SUBMIT,
        MotionAction.WITHDRAW,
        MotionAction.START_REVIEW,
        MotionAction.RETURN_FOR_REVISION,
        MotionAction.RESUBMIT,
        MotionAction.REJECT,
        MotionAction.START_HANDLING,
    }
)


# ---------------------------------------------------------------- drafting and review


@dataclass(frozen=True)
class MotionDraft:
    title: str
    proposer_id: int
    body_text: str = ""
    co_signer_ids: tuple[int, ...] = ()
    category: str | None = None
    submitted_on: date | None = None


def register_motion(
    db: Database, *, user: str, draft: MotionDraft, term: int | None = None
) -> MotionRow:
    """A new motion in 草稿, in the presidium's term (`term` = 届次, default the current one)."""
    title = fitted(draft.title, Motion.title, field="title", label="提案标题")
    if title is None:
        raise DomainError("motion_field_required", field="title", label="提案标题")
    if draft.proposer_id in draft.co_signer_ids or len(set(draft.co_signer_ids)) != len(
        draft.co_signer_ids
    ):
        raise DomainError("motion_co_signer_twice", field="co_signers")
    with db.unit_of_work(user) as uow:
        session = uow.session
        term_row = find_term(session, BodyKind.PRESIDIUM, None, term)
        motion = Motion(
            term=term_row,
            title=title,
            body_text=draft.body_text or "",
            proposer=person_of(session, draft.proposer_id, "proposer"),
            category=fitted(draft.category, Motion.category, field="category", label="类别"),
            submitted_on=draft.submitted_on,
            state=MotionState.DRAFT.value,
        )
        for position, person_id in enumerate(draft.co_signer_ids, start=1):
            motion.co_signers.append(
                MotionCoSigner(
                    person=person_of(session, person_id, "co_signers"), position=position
                )
            )
        session.add(motion)
        session.flush()
        row = row_of(session, motion)
        uow.commit()
    return row


def advance_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    action: str,
    reason: str | None = None,
    as_suggestion: bool = False,
) -> MotionRow:
    """submit, withdraw, start_review, return_for_revision, resubmit, reject, start_handling."""
    try:
        act = MotionAction(action)
    except ValueError:
        raise DomainError("motion_action_unknown", field="action", action=action) from None
    if act not in SIMPLE_ACTIONS:
        raise DomainError("motion_action_own_form", field="action", action=action)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = load_motion(session, motion_id)
        ensure_version(motion, expected_version)
        move_motion(session, motion, act, reason=reason)
        if act is MotionAction.SUBMIT and motion.submitted_on is None:
            motion.submitted_on = today_local()
        if act is MotionAction.REJECT:
            motion.as_suggestion = as_suggestion
        row = row_of(session, motion)
        uow.commit()
    return row


def _take_number(session: Session, motion: Motion, fmt: str) -> None:
    """The next number of the term; the counter row stays locked until this unit of work ends."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(MotionCounter)
        .values(term_id=motion.term_id, last_number=0)
        .on_conflict_do_nothing(index_elements=["term_id"])
    )
    number = session.execute(
        update(MotionCounter)
        .where(MotionCounter.term_id == motion.term_id)
        .values(last_number=MotionCounter.last_number + 1)
        .returning(MotionCounter.last_number)
    ).scalar_one()
    motion.number = number
    motion.number_text = fmt.replace("{n}", str(number))


def accept_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None
) -> MotionRow:
    """立案: the motion gets the term's next number."""
    rules, _calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = load_motion(session, motion_id)
        ensure_version(motion, expected_version)
        move_motion(session, motion, MotionAction.ACCEPT)
        _take_number(session, motion, dl.number_format(rules))
        row = row_of(session, motion)
        uow.commit()
    return row


def merge_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, lead_id: int
) -> MotionRow:
    """并案: numbered too, and follows its lead motion (立案 already, same term, not merged)."""
    rules, _calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = load_motion(session, motion_id)
        ensure_version(motion, expected_version)
        lead = session.get(Motion, lead_id)
        has_lead = (
            lead is not None
            and lead.id != motion.id
            and lead.term_id == motion.term_id
            and lead.number is not None
            and lead.lead_motion_id is None
        )
        if lead is not None and not has_lead:
            raise DomainError("motion_lead_invalid", field="lead", lead_id=lead_id)
        move_motion(session, motion, MotionAction.MERGE, MotionFacts(has_lead=has_lead))
        motion.lead_motion = lead
        _take_number(session, motion, dl.number_format(rules))
        row = row_of(session, motion)
        uow.commit()
    return row


def _loaded() -> tuple[Any, ...]:
    return (
        selectinload(Motion.term),
        selectinload(Motion.proposer),
        selectinload(Motion.assignments).selectinload(Assignment.unit),
        selectinload(Motion.lead_motion)
        .selectinload(Motion.assignments)
        .selectinload(Assignment.unit),
    )


def list_motions(
    db: Database,
    *,
    term: int | None = None,
    state: str | None = None,
    today: date | None = None,
) -> list[MotionRow]:
    """By number (unnumbered last, by id); `term` is the presidium's 届次."""
    if state is not None:
        try:
            MotionState(state)
        except ValueError:
            raise DomainError(
                "value_invalid",
                field="state",
                label="状态",
                value=state,
                choices="、".join(s.value for s in MotionState),
            ) from None
    day = today or today_local()
    with db.session_factory() as session:
        query = select(Motion).options(*_loaded())
        if term is not None:
            query = query.where(
                Motion.term_id == find_term(session, BodyKind.PRESIDIUM, None, term).id
            )
        if state is not None:
            query = query.where(Motion.state == state)
        motions = session.scalars(
            query.order_by(Motion.term_id, Motion.number.is_(None), Motion.number, Motion.id)
        ).all()
        return [MotionRow.of(m, day) for m in motions]


def get_motion(db: Database, motion_id: int, *, today: date | None = None) -> MotionDetail:
    with db.session_factory() as session:
        motion = load_motion(session, motion_id)
        return MotionDetail(
            row=MotionRow.of(motion, today or today_local()),
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
            contacts=tuple(
                (c.contact_date, c.method, c.note, c.recorded_by) for c in motion.contacts
            ),
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

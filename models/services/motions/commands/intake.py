"""Motion intake (DOMAIN §4): register a draft, move it through review, 立案 and 并案.

Each function is one clerk action in its own unit of work and one recorded state change. Numbers
come from the term's counter row, incremented by one `UPDATE … RETURNING` inside the accepting unit
of work: the row stays locked until the commit, so concurrent acceptances on PostgreSQL queue up and
numbers stay unique and gap-free (SQLite serialises writers anyway).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionAction, MotionFacts, MotionState
from models.domain.vocabulary import BodyKind
from models.entities import Motion, MotionCoSigner, MotionCounter
from models.services.common.access import guarded
from models.services.common.clock import today_local
from models.services.common.text import fitted
from models.services.motions import _rules as dl
from models.services.motions._rows import (
    editing_motion,
    require_motion_scope,
    row_of,
)
from models.services.motions._workflow import move_motion, person_of
from models.services.motions.contracts import SIMPLE_ACTIONS, MotionDraft, MotionRow
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


@guarded("motions.intake")
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
            state=MotionState.DRAFT,
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
    """submit, withdraw, start_review, return_for_revision, resubmit, reject — the
    secretariat's intake — and start_handling (开始办理), which is the handling unit's."""
    try:
        act = MotionAction(action)
    except ValueError:
        raise DomainError("motion_action_unknown", field="action", action=action) from None
    if act not in SIMPLE_ACTIONS:
        raise DomainError("motion_action_own_form", field="action", action=action)
    if act is MotionAction.START_HANDLING:
        return start_handling(db, user=user, motion_id=motion_id, expected_version=expected_version)
    return _advance(
        db,
        user=user,
        motion_id=motion_id,
        expected_version=expected_version,
        act=act,
        reason=reason,
        as_suggestion=as_suggestion,
    )


@guarded("motions.unit_handling")
def start_handling(
    db: Database, *, user: str, motion_id: int, expected_version: int | None
) -> MotionRow:
    """开始办理 by the lead unit (a 承办单位 account: its own unit's motions only)."""
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        require_motion_scope(motion, "motions.unit_handling")
        move_motion(uow.session, motion, MotionAction.START_HANDLING)
        row = row_of(uow.session, motion)
    return row


@guarded("motions.intake")
def _advance(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    act: MotionAction,
    reason: str | None,
    as_suggestion: bool,
) -> MotionRow:
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        move_motion(session, motion, act, reason=reason)
        if act is MotionAction.SUBMIT and motion.submitted_on is None:
            motion.submitted_on = today_local()
        if act is MotionAction.REJECT:
            motion.as_suggestion = as_suggestion
        row = row_of(session, motion)
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


@guarded("motions.intake")
def accept_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None
) -> MotionRow:
    """立案: the motion gets the term's next number."""
    rules, _calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        move_motion(session, motion, MotionAction.ACCEPT)
        _take_number(session, motion, dl.number_format(rules))
        row = row_of(session, motion)
    return row


@guarded("motions.intake")
def merge_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, lead_id: int
) -> MotionRow:
    """并案: numbered too, and follows its lead motion (立案 already, same term, not merged)."""
    rules, _calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
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
    return row

"""Entering a motion by hand (新建提案, `yishi motions add`), correcting it while it is with the
secretariat, and resubmitting the proposer's revised text (DOMAIN §4).

A motion entered by the clerk has been received on paper: it starts in 已提交 (`submitted`), its
history holding the 提交 step. The proposer is a serving member of the presidium's term, the
co-signers (附议人) serving members of the same term, none twice and not the proposer.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_texts import MotionTexts, compose_body
from models.domain.motion_workflow import (
    EDITABLE_STATES,
    MOTION_CATEGORIES,
    STATE_NAMES,
    MotionAction,
    MotionState,
)
from models.domain.vocabulary import BodyKind
from models.entities import Membership, Motion, MotionCoSigner, MotionStateChange, Term
from models.entities.base import utcnow
from models.services.common.access import guarded
from models.services.common.clock import today_local
from models.services.common.text import fitted
from models.services.motions._rows import editing_motion, row_of
from models.services.motions._workflow import move_motion, person_of
from models.services.motions.contracts import (
    MotionDraft,
    MotionRow,
)
from models.services.people.terms import find_term
from models.store.unit_of_work import Database

EDIT_ACTION = "编辑"  # a history row for a correction of the text; the state stays


def _serving(session: Session, term: Term) -> set[int]:
    return set(
        session.scalars(
            select(Membership.person_id).where(
                Membership.term_id == term.id, Membership.end_date.is_(None)
            )
        )
    )


def _checked(draft: MotionDraft) -> tuple[str, str | None, str]:
    """Title, category and body of the draft, or the refusal of the first wrong field."""
    title = fitted(draft.title, Motion.title, field="title", label="提案标题")
    if title is None:
        raise DomainError("motion_field_required", field="title", label="提案标题")
    category = (draft.category or "").strip() or None
    if category is None:
        raise DomainError("motion_field_required", field="category", label="类别")
    if category not in MOTION_CATEGORIES:
        raise DomainError(
            "motion_category_unknown",
            field="category",
            value=category,
            choices="、".join(MOTION_CATEGORIES),
        )
    texts = MotionTexts(cause=draft.cause, reasons=draft.reasons, proposals=draft.proposals)
    body = compose_body(texts) or draft.body_text.strip()
    return title, category, body


def _set_people(session: Session, motion: Motion, term: Term, draft: MotionDraft) -> None:
    serving = _serving(session, term)
    proposer = person_of(session, draft.proposer_id, "proposer")
    if proposer.id not in serving:
        raise DomainError(
            "proposer_not_member", field="proposer", name=proposer.name, term=term.ordinal
        )
    seen: set[int] = set()
    co_signers = []
    for person_id in draft.co_signer_ids:
        person = person_of(session, person_id, "co_signers")
        if person.id == proposer.id:
            raise DomainError("co_signer_is_proposer", field="co_signers", name=person.name)
        if person.id in seen:
            raise DomainError("co_signer_twice", field="co_signers", name=person.name)
        if person.id not in serving:
            raise DomainError(
                "co_signer_not_member", field="co_signers", name=person.name, term=term.ordinal
            )
        seen.add(person.id)
        co_signers.append(person)
    motion.proposer = proposer
    motion.co_signers.clear()
    session.flush()
    for position, person in enumerate(co_signers, start=1):
        motion.co_signers.append(MotionCoSigner(person=person, position=position))


@guarded("motions.intake")
def add_motion(
    db: Database, *, user: str, draft: MotionDraft, term: int | None = None
) -> MotionRow:
    """新建提案: received on paper, so 已提交 with its history row; `term` = 届次 (default current)."""
    title, category, body = _checked(draft)
    with db.unit_of_work(user) as uow:
        session = uow.session
        term_row = find_term(session, BodyKind.PRESIDIUM, None, term)
        motion = Motion(
            term=term_row,
            title=title,
            body_text=body,
            category=category,
            submitted_on=draft.submitted_on or today_local(),
            state=MotionState.DRAFT,
        )
        _set_people(session, motion, term_row, draft)
        session.add(motion)
        session.flush()
        move_motion(session, motion, MotionAction.SUBMIT)
        session.flush()
        row = row_of(session, motion)
        uow.commit()
    return row


@guarded("motions.intake")
def edit_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    draft: MotionDraft,
    note: str | None = None,
) -> MotionRow:
    """编辑 while 审查中 or 退回修改: the text, people, category and date; one history row."""
    title, category, body = _checked(draft)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        _apply(uow.session, motion, draft, title, category, body)
        uow.session.add(_edit_record(uow.session, motion, note))
        uow.session.flush()
        row = row_of(uow.session, motion)
    return row


@guarded("motions.intake")
def resubmit_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    draft: MotionDraft,
) -> MotionRow:
    """重新提交 after 退回修改, with the proposer's revised text: back to 已提交."""
    title, category, body = _checked(draft)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        if motion.state is not MotionState.REVISING:
            # the table's own refusal names the state and what it allows
            move_motion(session, motion, MotionAction.RESUBMIT)
        _apply(session, motion, draft, title, category, body)
        session.add(_edit_record(session, motion, "修改后重新提交"))
        move_motion(session, motion, MotionAction.RESUBMIT)
        session.flush()
        row = row_of(session, motion)
    return row


def _apply(
    session: Session,
    motion: Motion,
    draft: MotionDraft,
    title: str,
    category: str | None,
    body: str,
) -> None:
    if motion.state not in EDITABLE_STATES:
        raise DomainError(
            "motion_not_editable", title=motion.title, state=STATE_NAMES[motion.state]
        )
    _set_people(session, motion, motion.term, draft)
    motion.title = title
    motion.category = category
    motion.body_text = body
    if draft.submitted_on is not None:
        motion.submitted_on = draft.submitted_on


def _edit_record(session: Session, motion: Motion, note: str | None) -> MotionStateChange:
    return MotionStateChange(
        motion_id=motion.id,
        at=session.info.get("now", utcnow)(),
        by=session.info.get("user_login", ""),
        action=EDIT_ACTION,
        from_state=motion.state,
        to_state=motion.state,
        reason=(note or "").strip() or None,
    )

"""Motions (提案): one function per clerk action, each one unit of work and one state change.

The workflow table and the deadline arithmetic are pure (models.domain.motion_workflow and
models.domain.deadlines); this module loads, checks the version, applies them and records who moved
the motion, when and why. Numbers come from the term's counter row, incremented by one
`UPDATE … RETURNING` inside the accepting unit of work: the row stays locked until the commit, so
concurrent acceptances on PostgreSQL queue up and numbers stay unique and gap-free (SQLite
serialises writers anyway).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.motion_workflow import (
    MotionAction,
    MotionFacts,
    MotionState,
    Rating,
    next_state,
)
from models.domain.vocabulary import BodyKind
from models.entities import (
    Assignment,
    Contact,
    Feedback,
    HandlingUnit,
    Motion,
    MotionCoSigner,
    MotionCounter,
    MotionStateChange,
    Person,
    Reply,
)
from models.entities.base import utcnow
from models.services import motion_deadlines as dl
from models.services.motion_rows import (
    MotionDetail,
    MotionRow,
    StateChangeRow,
    lead_assignment,
)
from models.services.terms import find_term
from models.services.text import fitted
from models.services.versioning import ensure_version, refusing_stale
from models.store.unit_of_work import Database

LEAD, CO = "主办", "协办"
UNIT_KINDS = ("internal", "external")
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


def today_local() -> date:
    return utcnow().astimezone(FEDERATION_TZ).date()


# ---------------------------------------------------------------- handling units


def add_handling_unit(db: Database, *, user: str, name: str, kind: str = "internal") -> int:
    if kind not in UNIT_KINDS:
        raise DomainError(
            "value_invalid",
            field="kind",
            label="单位类别",
            value=kind,
            choices="、".join(UNIT_KINDS),
        )
    text = fitted(name, HandlingUnit.name, field="name", label="承办单位")
    if text is None:
        raise DomainError("motion_field_required", field="name", label="承办单位")
    with db.unit_of_work(user) as uow:
        session = uow.session
        if session.scalar(select(HandlingUnit).where(HandlingUnit.name == text)) is not None:
            raise DomainError("handling_unit_exists", field="name", name=text)
        count = len(session.scalars(select(HandlingUnit.id)).all())
        unit = HandlingUnit(name=text, kind=kind, sort_order=count + 1, active=True)
        session.add(unit)
        session.flush()
        unit_id = unit.id
        uow.commit()
    return unit_id


# ---------------------------------------------------------------- helpers


def _load(session: Session, motion_id: int) -> Motion:
    motion = session.get(Motion, motion_id)
    if motion is None:
        raise DomainError("motion_not_found", motion_id=motion_id)
    return motion


def _move(
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


def _row(session: Session, motion: Motion, today: date | None = None) -> MotionRow:
    session.flush()
    return MotionRow.of(motion, today or today_local())


def _person(session: Session, person_id: int, field: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", field=field, person_id=person_id)
    return person


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
            proposer=_person(session, draft.proposer_id, "proposer"),
            category=fitted(draft.category, Motion.category, field="category", label="类别"),
            submitted_on=draft.submitted_on,
            state=MotionState.DRAFT.value,
        )
        for position, person_id in enumerate(draft.co_signer_ids, start=1):
            motion.co_signers.append(
                MotionCoSigner(person=_person(session, person_id, "co_signers"), position=position)
            )
        session.add(motion)
        session.flush()
        row = _row(session, motion)
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
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        _move(session, motion, act, reason=reason)
        if act is MotionAction.SUBMIT and motion.submitted_on is None:
            motion.submitted_on = today_local()
        if act is MotionAction.REJECT:
            motion.as_suggestion = as_suggestion
        row = _row(session, motion)
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
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        _move(session, motion, MotionAction.ACCEPT)
        _take_number(session, motion, dl.number_format(rules))
        row = _row(session, motion)
        uow.commit()
    return row


def merge_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, lead_id: int
) -> MotionRow:
    """并案: numbered too, and follows its lead motion (立案 already, same term, not merged)."""
    rules, _calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
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
        _move(session, motion, MotionAction.MERGE, MotionFacts(has_lead=has_lead))
        motion.lead_motion = lead
        _take_number(session, motion, dl.number_format(rules))
        row = _row(session, motion)
        uow.commit()
    return row


# ---------------------------------------------------------------- assignment


def assign_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    units: Sequence[tuple[int, str]],
    assigned_on: date,
    reason: str | None = None,
) -> tuple[MotionRow, str | None]:
    """交办 (or 重新交办 after 退办): one 主办, any 协办; returns the row and a calendar warning."""
    roles = [role for _, role in units]
    if roles.count(LEAD) != 1 or any(r not in (LEAD, CO) for r in roles):
        raise DomainError("motion_one_lead_unit", field="units")
    if len({unit_id for unit_id, _ in units}) != len(units):
        raise DomainError("motion_unit_twice", field="units")
    rules, calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        action = (
            MotionAction.REASSIGN
            if motion.state == MotionState.UNIT_RETURNED.value
            else MotionAction.ASSIGN
        )
        _move(session, motion, action, reason=reason)
        for old in motion.assignments:
            old.active = False
        reply = dl.reply_due(assigned_on, rules, calendar)
        co_due = dl.co_unit_due(assigned_on, rules, calendar)
        for unit_id, role in units:
            unit = session.get(HandlingUnit, unit_id)
            if unit is None:
                raise DomainError("handling_unit_not_found", field="units", unit_id=unit_id)
            session.add(
                Assignment(
                    motion=motion,
                    unit=unit,
                    role=role,
                    assigned_on=assigned_on,
                    due_on=reply.due if role == LEAD else co_due.due,
                    active=True,
                )
            )
        row = _row(session, motion)
        uow.commit()
    return row, reply.warning


def _active_lead(motion: Motion) -> Assignment:
    assignment = lead_assignment(motion)
    if assignment is None:
        raise DomainError("motion_not_assigned")
    return assignment


def receive_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, received_on: date
) -> MotionRow:
    """签收 by the lead unit."""
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        _move(session, motion, MotionAction.RECEIVE)
        _active_lead(motion).received_on = received_on
        row = _row(session, motion)
        uow.commit()
    return row


def unit_return(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    reason: str | None,
    returned_on: date,
) -> MotionRow:
    """退办 by the lead unit, with a reason, within the window after assignment."""
    rules, calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        assignment = lead_assignment(motion)
        _move(session, motion, MotionAction.UNIT_RETURN, reason=reason)
        assert assignment is not None  # an assigned motion has its lead unit
        last_day = dl.unit_return_last_day(assignment.assigned_on, rules, calendar)
        if returned_on > last_day:
            raise DomainError(
                "return_window_passed",
                field="returned_on",
                last_day=last_day.isoformat(),
                days=rules.unit_return_window_working_days,
            )
        assignment.returned_on = returned_on
        assignment.return_reason = (reason or "").strip()
        for a in motion.assignments:  # the secretariat reassigns the whole motion
            a.active = False
        row = _row(session, motion)
        uow.commit()
    return row


def extend_deadline(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    new_due: date,
    reason: str | None,
    granted_on: date,
) -> MotionRow:
    """延期: a reason, and the new deadline no later than the cap after assignment."""
    from models.entities import AssignmentExtension

    rules, _calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        assignment = lead_assignment(motion)
        _move(session, motion, MotionAction.EXTEND, reason=reason)
        assert assignment is not None  # a received or handled motion has its lead unit
        dl.check_extension(assignment.assigned_on, new_due, rules)
        if new_due <= assignment.due_on:
            raise DomainError("extension_not_later", field="new_due", due=str(assignment.due_on))
        session.add(
            AssignmentExtension(
                assignment=assignment,
                previous_due=assignment.due_on,
                new_due=new_due,
                reason=(reason or "").strip(),
                granted_on=granted_on,
                granted_by=user,
            )
        )
        assignment.due_on = new_due
        motion.updated_at = utcnow()  # the extension is an edit of the motion (version bump)
        row = _row(session, motion)
        uow.commit()
    return row


def record_contact(
    db: Database,
    *,
    user: str,
    motion_id: int,
    contact_date: date,
    method: str,
    note: str | None = None,
) -> None:
    """沟通 with the proposer (date, method such as 电话、座谈、走访, note)."""
    text = fitted(method, Contact.method, field="method", label="沟通方式")
    if text is None:
        raise DomainError("motion_field_required", field="method", label="沟通方式")
    with db.unit_of_work(user) as uow:
        motion = _load(uow.session, motion_id)
        uow.session.add(
            Contact(
                motion_id=motion.id,
                contact_date=contact_date,
                method=text,
                note=(note or "").strip() or None,
                recorded_by=user,
            )
        )
        uow.commit()


# ---------------------------------------------------------------- reply and feedback


@dataclass(frozen=True)
class ReplyDraft:
    reply_class: str
    text: str
    signer: str
    signed_on: date
    sent_on: date
    document_number: str | None = None  # 发文字号, e.g. 门残联函〔2026〕12号
    handler_name: str | None = None
    handler_phone: str | None = None
    co_unit_opinions: tuple[tuple[str, str], ...] = ()  # (unit, opinion)


def send_reply(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, reply: ReplyDraft
) -> MotionRow:
    """答复: class from the rules' list and a 签发人 are required; merged motions follow."""
    rules, _calendar = dl.rules_and_calendar(db)
    classes = dl.reply_classes(rules)
    if not reply.reply_class or reply.reply_class not in classes:
        raise DomainError("reply_class_required", field="reply_class", choices="、".join(classes))
    signer = fitted(reply.signer, Reply.signer, field="signer", label="签发人")
    if signer is None:
        raise DomainError("reply_signer_required", field="signer")
    if not (reply.text or "").strip():
        raise DomainError("motion_field_required", field="text", label="答复内容")
    number = fitted(
        reply.document_number, Reply.document_number, field="document_number", label="发文字号"
    )
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        _move(session, motion, MotionAction.REPLY)

        def letter(target: Motion) -> Reply:
            return Reply(
                motion_id=target.id,
                round=target.rehandling_rounds,
                reply_class=reply.reply_class,
                text=reply.text.strip(),
                document_number=number,
                handler_name=(reply.handler_name or "").strip() or None,
                handler_phone=(reply.handler_phone or "").strip() or None,
                signer=signer,
                signed_on=reply.signed_on,
                sent_on=reply.sent_on,
                co_unit_opinions=[{"unit": u, "text": t} for u, t in reply.co_unit_opinions]
                or None,
            )

        session.add(letter(motion))
        followers = session.scalars(
            select(Motion).where(
                Motion.lead_motion_id == motion.id, Motion.state == MotionState.MERGED.value
            )
        ).all()
        for merged in followers:
            _move(session, merged, MotionAction.LEAD_REPLIED)
            session.add(letter(merged))
        row = _row(session, motion)
        uow.commit()
    return row


def _rating(value: str | None, field: str) -> Rating:
    try:
        return Rating(value or "")
    except ValueError:
        raise DomainError(
            "value_invalid",
            field=field,
            label="办理态度" if field == "attitude" else "办理结果",
            value=value or "",
            choices="、".join(r.value for r in Rating),
        ) from None


def rate_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    attitude: str,
    result: str,
    rated_on: date,
    remarks: str | None = None,
    closing_note: str | None = None,
) -> MotionRow:
    """反馈: 办理结果 decides; 不满意 below the limit starts 重新办理 with a new deadline."""
    attitude_rating, result_rating = _rating(attitude, "attitude"), _rating(result, "result")
    rules, calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        after = _move(
            session,
            motion,
            MotionAction.RATE,
            MotionFacts(
                result_rating=result_rating,
                rehandling_rounds=motion.rehandling_rounds,
                rehandling_limit=dl.rehandling_limit(rules),
            ),
            reason=remarks,
        )
        session.add(
            Feedback(
                motion_id=motion.id,
                reply_id=motion.replies[-1].id if motion.replies else None,
                attitude=attitude_rating.value,
                result=result_rating.value,
                remarks=(remarks or "").strip() or None,
                timed_out=False,
                recorded_on=rated_on,
            )
        )
        if after is MotionState.REHANDLING:
            motion.rehandling_rounds += 1
            motion.rehandling_due = dl.rehandling_due(rated_on, rules, calendar).due
        elif result_rating is Rating.UNSATISFIED:
            motion.closing_note = (closing_note or "").strip() or "重新办理已达上限，由秘书处办结"
        row = _row(session, motion)
        uow.commit()
    return row


def feedback_timeout(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, on: date
) -> MotionRow:
    """No feedback within the wait after the reply: closed, recorded as 基本满意 and noted."""
    rules, _calendar = dl.rules_and_calendar(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Motion, motion_id):
        session = uow.session
        motion = _load(session, motion_id)
        ensure_version(motion, expected_version)
        last = motion.replies[-1] if motion.replies else None
        if last is not None and on <= dl.feedback_due(last.sent_on, rules):
            raise DomainError(
                "feedback_still_awaited",
                field="on",
                due=str(dl.feedback_due(last.sent_on, rules)),
            )
        _move(session, motion, MotionAction.FEEDBACK_TIMEOUT, reason="反馈逾期，视为基本满意")
        session.add(
            Feedback(
                motion_id=motion.id,
                reply_id=last.id if last else None,
                attitude=None,
                result=Rating.BASICALLY_SATISFIED.value,
                remarks="逾期未反馈，视为基本满意",
                timed_out=True,
                recorded_on=on,
            )
        )
        row = _row(session, motion)
        uow.commit()
    return row


# ---------------------------------------------------------------- reading


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
        motion = _load(session, motion_id)
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
            contacts=tuple((c.contact_date, c.method) for c in motion.contacts),
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

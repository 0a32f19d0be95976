"""答复 and 反馈 (DOMAIN §4): send the reply (merged motions follow), rate it, or close on timeout."""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionAction, MotionFacts, MotionState, Rating
from models.entities import Feedback
from models.entities.motions import REPLY_NUMBER_INDEX
from models.services.common.access import guarded
from models.services.common.taken import names_index
from models.services.motions import _rules as dl
from models.services.motions._replies import checked_draft, number_taken_refusal, record_replies
from models.services.motions._rows import (
    editing_motion,
    load_motion,
    require_motion_scope,
    row_of,
)
from models.services.motions._workflow import move_motion
from models.services.motions.contracts import MotionRow, ReplyDraft
from models.store.unit_of_work import Database


@guarded("motions.reply")
def send_reply(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, reply: ReplyDraft
) -> MotionRow:
    """答复: class from the rules' list and a 签发人 are required; merged motions follow, in one
    joint letter or a letter each with its own 发文字号, as `reply.mode` says."""
    rules, _calendar = dl.rules_and_calendar(db)
    signer, number = checked_draft(reply, dl.reply_classes(rules))
    try:
        with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
            session = uow.session
            require_motion_scope(motion, "motions.reply")
            move_motion(session, motion, MotionAction.REPLY)
            record_replies(session, motion, reply, signer=signer, number=number)
            row = row_of(session, motion)
    except IntegrityError as exc:
        # Two clerks gave one 发文字号 at the same instant: both passed the check, the index
        # refused the second; it reads the same refusal as the check's.
        if not names_index(exc, REPLY_NUMBER_INDEX, "motion_reply.term_id"):
            raise
        with db.session_factory() as session:
            raise number_taken_refusal(session, load_motion(session, motion_id), reply) from exc
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


@guarded("motions.feedback")
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
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        after = move_motion(
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
        row = row_of(session, motion)
    return row


@guarded("motions.feedback")
def feedback_timeout(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, on: date
) -> MotionRow:
    """No feedback within the wait after the reply: closed, recorded as 基本满意 and noted."""
    rules, _calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        last = motion.replies[-1] if motion.replies else None
        if last is not None and on <= dl.feedback_due(last.sent_on, rules):
            raise DomainError(
                "feedback_still_awaited",
                field="on",
                due=str(dl.feedback_due(last.sent_on, rules)),
            )
        move_motion(session, motion, MotionAction.FEEDBACK_TIMEOUT, reason="反馈逾期，视为基本满意")
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
        row = row_of(session, motion)
    return row

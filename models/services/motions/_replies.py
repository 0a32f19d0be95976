"""答复 rows and the letters they make (DOMAIN §4), inside the caller's session.

A lead motion's reply also answers its merged motions (并案), as the clerk chooses: one joint
letter (联合答复: one 发文字号, addressed to every proposer) or a letter each with its own 发文字号.
Either way every merged motion gets its own Reply row, so feedback and rating stay per motion; the
rows of a joint letter point at the lead's reply (`joint_reply_id`) and carry its number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionAction, MotionState
from models.entities import Motion, Reply
from models.services.common.text import fitted
from models.services.motions._workflow import move_motion
from models.services.motions.contracts import LetterSummary, ReplyDraft, ReplyMode


def checked_draft(reply: ReplyDraft, classes: Sequence[str]) -> tuple[str, str | None]:
    """The 签发人 and the lead's 发文字号, trimmed; refuses what no letter may lack."""
    if not reply.reply_class or reply.reply_class not in classes:
        raise DomainError("reply_class_required", field="reply_class", choices="、".join(classes))
    signer = fitted(reply.signer, Reply.signer, field="signer", label="签发人")
    if signer is None:
        raise DomainError("reply_signer_required", field="signer")
    if not (reply.text or "").strip():
        raise DomainError("motion_field_required", field="text", label="答复内容")
    if reply.mode not in tuple(ReplyMode):
        raise DomainError(
            "value_invalid",
            field="mode",
            label="答复方式",
            value=reply.mode,
            choices="、".join(ReplyMode),
        )
    number = fitted(
        reply.document_number, Reply.document_number, field="document_number", label="发文字号"
    )
    return signer, number


def merged_followers(session: Session, lead: Motion) -> list[Motion]:
    """The merged motions still waiting for the lead's reply, by number."""
    return list(
        session.scalars(
            select(Motion)
            .where(Motion.lead_motion_id == lead.id, Motion.state == MotionState.MERGED)
            .order_by(Motion.number, Motion.id)
        )
    )


def _follower_numbers(reply: ReplyDraft, followers: list[Motion]) -> dict[int, str | None]:
    known = {m.id: m for m in followers}
    numbers: dict[int, str | None] = dict.fromkeys(known)
    if reply.mode == ReplyMode.JOINT:
        return numbers
    for motion_id, text in reply.follower_numbers:
        if motion_id not in known:
            raise DomainError(
                "reply_follower_unknown", field="follower_numbers", motion_id=motion_id
            )
        numbers[motion_id] = fitted(
            text, Reply.document_number, field="follower_numbers", label="发文字号"
        )
    return numbers


def _check_numbers(
    session: Session, lead: Motion, numbers: list[tuple[Motion, str | None, str]]
) -> None:
    """A 发文字号 names one letter: refused when given twice now or by another motion's letter of
    the term. The motions answered now are left out of the search: a re-reply after 不满意
    may keep the number of the letter it replaces."""
    seen: dict[str, Motion] = {}
    for motion, number, field in numbers:
        if number is None:
            continue
        if number in seen:
            raise DomainError(
                "reply_number_twice",
                field=field,
                number=number,
                first=seen[number].number_text or "",
                second=motion.number_text or "",
            )
        seen[number] = motion
    if not seen:
        return
    answered = [motion.id for motion, _number, _field in numbers]
    used = session.execute(
        select(Reply.document_number, Motion.number_text)
        .join(Motion, Motion.id == Reply.motion_id)
        .where(
            Motion.term_id == lead.term_id,
            Motion.id.not_in(answered),
            Reply.document_number.in_(list(seen)),
            Reply.joint_reply_id.is_(None),  # a joint letter's rows share one number
        )
        .limit(1)
    ).first()
    if used is not None:
        field = next(f for _m, n, f in numbers if n == used.document_number)
        raise DomainError(
            "reply_number_used",
            field=field,
            number=used.document_number,
            motion=used.number_text or "",
        )


def _keeps_own_number(session: Session, motion: Motion, number: str | None) -> bool:
    """A re-reply keeping the 发文字号 of the motion's own earlier letter: the one repeat of a
    number the database's unique index (term, number) lets through."""
    if number is None:
        return False
    earlier = select(Reply.id).where(
        Reply.motion_id == motion.id,
        Reply.document_number == number,
        Reply.joint_reply_id.is_(None),
    )
    return session.scalar(earlier.limit(1)) is not None


def number_taken_refusal(session: Session, lead: Motion, reply: ReplyDraft) -> DomainError:
    """The same refusal as the check, when the unique index caught what the check could not see
    yet: another clerk's reply with the number, committed a moment ago (read afresh here)."""
    followers = merged_followers(session, lead)
    numbers = _follower_numbers(reply, followers)
    lead_number = (reply.document_number or "").strip() or None
    try:
        _check_numbers(
            session,
            lead,
            [
                (lead, lead_number, "document_number"),
                *((m, numbers[m.id], "follower_numbers") for m in followers),
            ],
        )
    except DomainError as refusal:
        return refusal
    return DomainError(
        "reply_number_used", field="document_number", number=lead_number or "", motion=""
    )


def record_replies(
    session: Session, lead: Motion, reply: ReplyDraft, *, signer: str, number: str | None
) -> Reply:
    """The lead's Reply and one per merged follower, which follow it to 已答复; returns the lead's.

    Runs inside the caller's unit of work after the lead's move: a refusal leaves nothing written.
    """
    followers = merged_followers(session, lead)
    own_numbers = _follower_numbers(reply, followers)
    _check_numbers(
        session,
        lead,
        [
            (lead, number, "document_number"),
            *((m, own_numbers[m.id], "follower_numbers") for m in followers),
        ],
    )

    def letter(target: Motion, document_number: str | None) -> Reply:
        return Reply(
            motion_id=target.id,
            round=target.rehandling_rounds,
            reply_class=reply.reply_class,
            text=reply.text.strip(),
            document_number=document_number,
            handler_name=(reply.handler_name or "").strip() or None,
            handler_phone=(reply.handler_phone or "").strip() or None,
            signer=signer,
            signed_on=reply.signed_on,
            sent_on=reply.sent_on,
            co_unit_opinions=[{"unit": u, "text": t} for u, t in reply.co_unit_opinions] or None,
            term_id=target.term_id,
            repeats_number=_keeps_own_number(session, target, document_number),
        )

    own = letter(lead, number)
    session.add(own)
    session.flush()  # the joint rows point at its id
    for merged in followers:
        move_motion(session, merged, MotionAction.LEAD_REPLIED)
        if reply.mode == ReplyMode.JOINT:
            row = letter(merged, number)
            row.joint_reply_id = own.id
        else:
            row = letter(merged, own_numbers[merged.id])
        session.add(row)
    return own


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class LetterOf:
    """The letter a motion's latest reply is part of: the reply that carries it (the lead's, for a
    joint letter) and the motions it answers, the lead first, then by number."""

    reply: Reply
    motions: tuple[Motion, ...]

    @property
    def is_joint(self) -> bool:
        return len(self.motions) > 1


def letter_of(session: Session, motion: Motion) -> LetterOf | None:
    if not motion.replies:
        return None
    latest = motion.replies[-1]
    carrier = latest
    if latest.joint_reply_id is not None:
        carrier = session.get(Reply, latest.joint_reply_id) or latest
    followers = session.scalars(
        select(Motion)
        .join(Reply, Reply.motion_id == Motion.id)
        .where(Reply.joint_reply_id == carrier.id)
        .order_by(Motion.number, Motion.id)
    ).all()
    lead = session.get(Motion, carrier.motion_id)
    assert lead is not None  # a reply belongs to a motion
    return LetterOf(reply=carrier, motions=(lead, *followers))


def summary_of(session: Session, motion: Motion) -> LetterSummary | None:
    found = letter_of(session, motion)
    if found is None:
        return None
    return LetterSummary(
        joint=found.is_joint,
        document_number=found.reply.document_number,
        lead_number=found.motions[0].number_text,
        numbers=tuple(m.number_text or "" for m in found.motions),
    )

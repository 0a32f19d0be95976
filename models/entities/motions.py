"""Motions (提案) of presidium members: handling units, assignments, contacts, replies, feedback.

`state` is a `MotionState` (stored as its value); every move is one `MotionStateChange` row (who, when, why).
Numbers are given at 立案 or 并案 from the term's `MotionCounter`, locked while it is taken, so
they stay unique and gap-free when several clerks accept at the same moment.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from models.domain.motion_workflow import HandlingRole, MotionState
from models.entities.base import Base, UtcDateTime, Versioned, enum_column
from models.entities.bodies import Term
from models.entities.people import Person


class HandlingUnit(Versioned, Base):
    """承办单位: a department of the federation (internal) or an outside unit (external).

    Versioned: two clerks renaming, moving or stopping one unit — the second is refused."""

    __tablename__ = "handling_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # internal | external
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MotionCounter(Base):
    """The last number given in a term; the row is locked (FOR UPDATE) while the next is taken."""

    __tablename__ = "motion_counter"

    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Motion(Versioned, Base):
    __tablename__ = "motion"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    title: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text, default="")
    proposer_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    category: Mapped[str | None] = mapped_column(String(32))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[MotionState] = mapped_column(enum_column(MotionState, length=24))
    number: Mapped[int | None] = mapped_column(Integer)
    number_text: Mapped[str | None] = mapped_column(String(64))
    lead_motion_id: Mapped[int | None] = mapped_column(ForeignKey("motion.id"))
    # 不予立案 with 转为意见建议.
    as_suggestion: Mapped[bool] = mapped_column(Boolean, default=False)
    rehandling_rounds: Mapped[int] = mapped_column(Integer, default=0)
    # The reply after 不满意 is due from the rating (DOMAIN §8), not from the assignment.
    rehandling_due: Mapped[date | None] = mapped_column(Date)
    closing_note: Mapped[str | None] = mapped_column(Text)

    term: Mapped[Term] = relationship()
    proposer: Mapped[Person] = relationship()
    lead_motion: Mapped[Motion | None] = relationship(remote_side=[id])
    co_signers: Mapped[list[MotionCoSigner]] = relationship(
        back_populates="motion", order_by="MotionCoSigner.position", cascade="all, delete-orphan"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="motion", order_by="Assignment.id"
    )
    contacts: Mapped[list[Contact]] = relationship(order_by="Contact.id")
    replies: Mapped[list[Reply]] = relationship(order_by="Reply.id")
    feedbacks: Mapped[list[Feedback]] = relationship(order_by="Feedback.id")
    changes: Mapped[list[MotionStateChange]] = relationship(order_by="MotionStateChange.id")

    __table_args__ = (
        UniqueConstraint("term_id", "number"),
        Index("ix_motion_state", "state"),
        Index("ix_motion_lead_motion_id", "lead_motion_id"),
    )


class MotionCoSigner(Base):
    """联名: the co-signers in the order they signed."""

    __tablename__ = "motion_co_signer"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    position: Mapped[int] = mapped_column(Integer)

    motion: Mapped[Motion] = relationship(back_populates="co_signers")
    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("motion_id", "person_id"),)


class Assignment(Base):
    """Motion × unit, 主办 or 协办; a 退办 or a reassignment ends it (`active` false)."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("handling_unit.id"))
    role: Mapped[HandlingRole] = mapped_column(enum_column(HandlingRole, length=8))
    assigned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    return_reason: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # 协办单位意见 (a 协办 assignment only): the text, when it was given and by whom.
    opinion_text: Mapped[str | None] = mapped_column(Text)
    opinion_on: Mapped[date | None] = mapped_column(Date)
    opinion_by: Mapped[str | None] = mapped_column(String(64))

    motion: Mapped[Motion] = relationship(back_populates="assignments")
    unit: Mapped[HandlingUnit] = relationship()
    extensions: Mapped[list[AssignmentExtension]] = relationship(
        back_populates="assignment", order_by="AssignmentExtension.id"
    )

    __table_args__ = (Index("ix_assignment_motion_id", "motion_id"),)


class AssignmentExtension(Base):
    __tablename__ = "assignment_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"))
    previous_due: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_on: Mapped[date] = mapped_column(Date)
    granted_by: Mapped[str] = mapped_column(String(64))

    assignment: Mapped[Assignment] = relationship(back_populates="extensions")

    __table_args__ = (Index("ix_assignment_extension_assignment_id", "assignment_id"),)


class Contact(Base):
    """沟通 with the proposer before the reply."""

    __tablename__ = "motion_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    contact_date: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_motion_contact_motion_id", "motion_id"),)


REPLY_NUMBER_INDEX = "uq_motion_reply_term_number"
_NUMBERED = "joint_reply_id IS NULL AND document_number IS NOT NULL AND NOT repeats_number"


class Reply(Base):
    """答复: class from the rules' list, 发文字号, 承办人 and phone, 签发人 and date."""

    __tablename__ = "motion_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    round: Mapped[int] = mapped_column(Integer, default=0)
    reply_class: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    document_number: Mapped[str | None] = mapped_column(String(64))
    handler_name: Mapped[str | None] = mapped_column(String(64))
    handler_phone: Mapped[str | None] = mapped_column(String(32))
    signer: Mapped[str] = mapped_column(String(64))
    signed_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date] = mapped_column(Date)
    # [{"unit": name, "text": opinion}, ...] from the 协办 units.
    co_unit_opinions: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # 联合答复: a merged motion's reply that is part of one joint letter points at the lead's reply
    # (whose 发文字号 the letter carries); the lead's own reply and separate letters leave it empty.
    joint_reply_id: Mapped[int | None] = mapped_column(ForeignKey("motion_reply.id"))
    # The motion's term (a motion never changes term), copied here so that the database can
    # hold a 发文字号 unique in its term; no foreign key: see migration 0013.
    term_id: Mapped[int] = mapped_column(Integer)
    # A re-reply that keeps the 发文字号 of the same motion's earlier letter (after 不满意).
    repeats_number: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("ix_motion_reply_motion_id", "motion_id"),
        Index("ix_motion_reply_joint_reply_id", "joint_reply_id"),
        # One letter per 发文字号 in a term: a joint letter's rows and a re-reply's kept number
        # repeat it legitimately and are left out (migration 0013).
        Index(
            REPLY_NUMBER_INDEX,
            "term_id",
            "document_number",
            unique=True,
            sqlite_where=sql_text(_NUMBERED),
            postgresql_where=sql_text(_NUMBERED),
        ),
    )


class Feedback(Base):
    """反馈: 办理态度 and 办理结果 (满意 / 基本满意 / 不满意), or closed by timeout."""

    __tablename__ = "motion_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("motion_reply.id"))
    attitude: Mapped[str | None] = mapped_column(String(8))
    result: Mapped[str] = mapped_column(String(8))
    remarks: Mapped[str | None] = mapped_column(Text)
    timed_out: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (Index("ix_motion_feedback_motion_id", "motion_id"),)


class MotionStateChange(Base):
    """Append-only: one row per transition."""

    __tablename__ = "motion_state_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    by: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[MotionState | None] = mapped_column(enum_column(MotionState, length=24))
    to_state: Mapped[MotionState] = mapped_column(enum_column(MotionState, length=24))
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_motion_state_change_motion_id", "motion_id"),)


class MotionAttachment(Base):
    """附件 of a motion (the paper's scan, supporting material): kept whole with its SHA-256,
    like the 三重一大 attachments; the same content twice on one motion is refused."""

    __tablename__ = "motion_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: listing a motion's attachments never loads the files themselves.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    added_by: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_motion_attachment_motion_id", "motion_id"),)

"""三重一大 decisions: the matter, its procedure steps with attached files, the discussions with
each member's presence and position, 复议, follow-ups, and every state change (DOMAIN §5).

`state` holds a `DecisionState` value; categories, results, stances and presences hold the
Chinese words DOMAIN §8 uses in JSON. Attached files live in the database with their SHA-256 and
original name, so a shared database and a backup carry them; they are never replaced, only added.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from models.domain.major_decision import DecisionState
from models.entities.base import Base, UtcDateTime, Versioned, enum_column
from models.entities.bodies import Body
from models.entities.meetings import AgendaItem, Meeting
from models.entities.people import Person


class MajorDecision(Versioned, Base):
    __tablename__ = "major_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))  # DecisionCategory value
    amount_yuan: Mapped[int | None] = mapped_column(Integer)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))  # the deciding body
    year: Mapped[int] = mapped_column(Integer)  # the register's year
    background: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[DecisionState] = mapped_column(enum_column(DecisionState, length=16))
    result: Mapped[str | None] = mapped_column(String(8))  # of the latest discussion
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    placed_on_agenda_on: Mapped[date | None] = mapped_column(Date)
    # 紧急处置: decided by one person, reported to the next meeting.
    emergency_by: Mapped[str | None] = mapped_column(String(64))
    emergency_on: Mapped[date | None] = mapped_column(Date)
    emergency_reason: Mapped[str | None] = mapped_column(Text)
    reported_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    completed_on: Mapped[date | None] = mapped_column(Date)

    body: Mapped[Body] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    reported_meeting: Mapped[Meeting | None] = relationship()
    steps: Mapped[list[DecisionStep]] = relationship(
        back_populates="decision", order_by="DecisionStep.id"
    )
    discussions: Mapped[list[DecisionDiscussion]] = relationship(
        back_populates="decision", order_by="DecisionDiscussion.round"
    )
    reopenings: Mapped[list[DecisionReopening]] = relationship(order_by="DecisionReopening.id")
    follow_ups: Mapped[list[DecisionFollowUp]] = relationship(order_by="DecisionFollowUp.id")
    changes: Mapped[list[DecisionStateChange]] = relationship(order_by="DecisionStateChange.id")


class DecisionStep(Base):
    """One procedure step of the category's list: done (date, people, summary) or not applicable."""

    __tablename__ = "decision_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("major_decision.id"))
    kind: Mapped[str] = mapped_column(String(32))
    done_on: Mapped[date | None] = mapped_column(Date)
    participants: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    na_reason: Mapped[str | None] = mapped_column(Text)
    na_accepted_by: Mapped[str | None] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(64))

    decision: Mapped[MajorDecision] = relationship(back_populates="steps")
    attachments: Mapped[list[DecisionAttachment]] = relationship(
        back_populates="step", order_by="DecisionAttachment.id"
    )

    __table_args__ = (UniqueConstraint("decision_id", "kind"),)


class DecisionAttachment(Base):
    __tablename__ = "decision_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("decision_step.id"))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: listing a decision's steps never loads the files themselves.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    added_by: Mapped[str] = mapped_column(String(64))

    step: Mapped[DecisionStep] = relationship(back_populates="attachments")


class DecisionDiscussion(Base):
    """集体讨论: one agenda item of a meeting, with its own attendance, positions and result."""

    __tablename__ = "decision_discussion"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("major_decision.id"))
    round: Mapped[int] = mapped_column(Integer)  # 1, then 2 after 暂缓表决 or 复议 …
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"))
    presiding_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    leader_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    members: Mapped[int] = mapped_column(Integer)  # 应到 before recusal
    recused: Mapped[int] = mapped_column(Integer)
    present: Mapped[int] = mapped_column(Integer)
    agree: Mapped[int] = mapped_column(Integer, default=0)
    disagree: Mapped[int] = mapped_column(Integer, default=0)
    defer: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(8))  # 通过 | 未通过 | 暂缓表决
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[str] = mapped_column(String(64))

    decision: Mapped[MajorDecision] = relationship(back_populates="discussions")
    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem] = relationship()
    presiding: Mapped[Person | None] = relationship(foreign_keys=[presiding_person_id])
    leader: Mapped[Person | None] = relationship(foreign_keys=[leader_person_id])
    participants: Mapped[list[DecisionParticipant]] = relationship(
        order_by="DecisionParticipant.id", cascade="all, delete-orphan"
    )
    positions: Mapped[list[DecisionPosition]] = relationship(
        order_by="DecisionPosition.speaking_order", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("decision_id", "round"),)


class DecisionParticipant(Base):
    """A member's presence for the item: 出席, 缺席, or 回避 with its reason."""

    __tablename__ = "decision_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("decision_discussion.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    presence: Mapped[str] = mapped_column(String(8))
    recusal_reason: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("discussion_id", "person_id"),)


class DecisionPosition(Base):
    __tablename__ = "decision_position"

    id: Mapped[int] = mapped_column(primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("decision_discussion.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    speaking_order: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(8))  # 同意 | 不同意 | 缓议
    remarks: Mapped[str | None] = mapped_column(Text)
    reserved_opinion: Mapped[bool] = mapped_column(Boolean, default=False)  # 保留意见

    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("discussion_id", "person_id"),)


class DecisionReopening(Base):
    """复议: who asked, and how many of the members agreed to reopen."""

    __tablename__ = "decision_reopening"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("major_decision.id"))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_on: Mapped[date] = mapped_column(Date)
    agree: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))


class DecisionFollowUp(Base):
    __tablename__ = "decision_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("major_decision.id"))
    task: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(64))
    due_on: Mapped[date | None] = mapped_column(Date)
    progress: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(64))


class DecisionStateChange(Base):
    __tablename__ = "decision_state_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("major_decision.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    by: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[DecisionState | None] = mapped_column(enum_column(DecisionState, length=16))
    to_state: Mapped[DecisionState] = mapped_column(enum_column(DecisionState, length=16))
    reason: Mapped[str | None] = mapped_column(Text)

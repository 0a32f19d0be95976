"""Meeting, its agenda and attendance, and its minutes with their append-only amendments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.domain.meeting_vocabulary import (
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
)
from models.domain.vocabulary import Association
from models.entities.base import Base, UtcDateTime, Versioned, enum_column
from models.entities.bodies import Body, Term
from models.entities.people import Person


class Meeting(Versioned, Base):
    """Numbered within its term (第八届执行理事会第三次会议) or, for the party group, its year.

    Exactly one of `term_id` and `year` is set, so each unique constraint numbers one kind of run
    (NULLs never collide). `meeting_date` is the local calendar day, which numbering by year and
    the roster on the day go by.
    Changing the agenda, attendance or minutes bumps the meeting's version: one stale check covers
    everything a clerk edits on one meeting.
    """

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    year: Mapped[int | None] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer)
    meeting_date: Mapped[date] = mapped_column(Date)
    # The opening time when known, on `meeting_date` in the federation's time zone (UTC+8).
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    place: Mapped[str | None] = mapped_column(String(200))
    host_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    recorder_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # A recorder from the secretariat who is not in the person registry.
    recorder_name: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus))

    body: Mapped[Body] = relationship()
    term: Mapped[Term | None] = relationship()
    host: Mapped[Person | None] = relationship(foreign_keys=[host_person_id])
    recorder: Mapped[Person | None] = relationship(foreign_keys=[recorder_person_id])
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", order_by="Attendance.position", cascade="all, delete-orphan"
    )
    minutes: Mapped[Minutes | None] = relationship(back_populates="meeting")

    __table_args__ = (
        UniqueConstraint("body_id", "term_id", "ordinal"),
        UniqueConstraint("body_id", "year", "ordinal"),
        CheckConstraint("(term_id IS NULL) <> (year IS NULL)", name="numbered_once"),
        Index("ix_meeting_meeting_date", "meeting_date"),
    )


class AgendaItem(Base):
    """One 议题; its summary and decision are the section the minutes print for it."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AgendaKind] = mapped_column(enum_column(AgendaKind))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")

    __table_args__ = (Index("ix_agenda_item_meeting_id", "meeting_id"),)


class Attendance(Base):
    """One line of the attendance grid: a member, or a 列席 attendee (registered or a guest)."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # A 列席 guest not in the registry: no ID number is asked for.
    guest_name: Mapped[str | None] = mapped_column(String(64))
    guest_organisation: Mapped[str | None] = mapped_column(String(200))
    guest_post: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[AttendanceRole] = mapped_column(enum_column(AttendanceRole))
    status: Mapped[AttendanceStatus] = mapped_column(enum_column(AttendanceStatus))
    leave_reason: Mapped[str | None] = mapped_column(String(200))
    # 委托代为列席: who came in this person's place (name and post as written).
    substitute_name: Mapped[str | None] = mapped_column(String(100))
    # At a council meeting: the specialized association this line stands for (its head's seat).
    association: Mapped[Association | None] = mapped_column(enum_column(Association))
    remarks: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person | None] = relationship()

    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        Index("ix_attendance_meeting_id", "meeting_id"),
    )


class Minutes(Versioned, Base):
    """纪要: built from its meeting; final locks the meeting's content against direct change."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    status: Mapped[MinutesStatus] = mapped_column(enum_column(MinutesStatus))
    finalised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finalised_by: Mapped[str | None] = mapped_column(String(64))

    meeting: Mapped[Meeting] = relationship(back_populates="minutes")
    amendments: Mapped[list[MinutesAmendment]] = relationship(
        back_populates="minutes", order_by="MinutesAmendment.id"
    )


class MinutesAmendment(Base):
    """Append-only: one changed part of final minutes, before and after, with who, when and why."""

    __tablename__ = "minutes_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id"))
    amended_at: Mapped[datetime] = mapped_column(UtcDateTime)
    amended_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    part: Mapped[str] = mapped_column(String(300))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    minutes: Mapped[Minutes] = relationship(back_populates="amendments")

    __table_args__ = (Index("ix_minutes_amendment_minutes_id", "minutes_id"),)

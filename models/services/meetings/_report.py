"""The associations' attendance at the year's council meetings (DOMAIN §6), read from the grids."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.domain.meeting_vocabulary import (
    AttendanceRole,
    AttendanceStatus,
    HeadPresence,
    MeetingStatus,
)
from models.domain.vocabulary import ASSOCIATION_NAMES, Association, BodyKind
from models.entities import Attendance, Meeting
from models.services.meetings._rows import meeting_row
from models.services.meetings.content import title_of
from models.services.meetings.contracts import (
    AssociationAttendanceReport,
    AssociationAttendanceRow,
    AssociationMark,
)
from models.services.people.terms import get_body
from models.store.unit_of_work import Database


def association_attendance_report(db: Database, *, year: int) -> AssociationAttendanceReport:
    """Per association: the year's held council meetings, and how each was attended (DOMAIN §6).

    A meeting whose attendance nobody has entered is counted apart (not_recorded), never as absence.
    """
    with db.session_factory() as session:
        council = get_body(session, BodyKind.EXECUTIVE_COUNCIL)
        meetings = session.scalars(
            select(Meeting)
            .where(
                Meeting.body_id == council.id,
                Meeting.status == MeetingStatus.HELD,
                Meeting.meeting_date >= date(year, 1, 1),
                Meeting.meeting_date <= date(year, 12, 31),
            )
            .options(
                selectinload(Meeting.body),
                selectinload(Meeting.term),
                selectinload(Meeting.host),
                selectinload(Meeting.recorder),
                selectinload(Meeting.minutes),
                selectinload(Meeting.attendance).selectinload(Attendance.person),
            )
            .order_by(Meeting.meeting_date, Meeting.ordinal)
        ).all()
        rows = tuple(_association_row(a, meetings) for a in Association)
        return AssociationAttendanceReport(
            year=year, meetings=tuple(meeting_row(m) for m in meetings), rows=rows
        )


def _association_row(
    association: Association, meetings: Sequence[Meeting]
) -> AssociationAttendanceRow:
    marks = []
    for meeting in meetings:
        presence, name = _presence(meeting, association)
        marks.append(
            AssociationMark(
                meeting_id=meeting.id,
                title=title_of(meeting),
                meeting_date=meeting.meeting_date,
                presence=presence,
                name=name,
            )
        )
    count = {p: sum(m.presence is p for m in marks) for p in HeadPresence}
    return AssociationAttendanceRow(
        association=association,
        name=ASSOCIATION_NAMES[association],
        meetings_held=len(meetings),
        as_attendee=count[HeadPresence.AS_ATTENDEE],
        as_member=count[HeadPresence.AS_MEMBER],
        by_substitute=count[HeadPresence.BY_SUBSTITUTE],
        not_attended=count[HeadPresence.NOT_ATTENDED],
        not_recorded=sum(m.presence is None for m in marks),
        marks=tuple(marks),
    )


def _presence(meeting: Meeting, association: Association) -> tuple[HeadPresence | None, str | None]:
    if not meeting.attendance:
        return None, None
    line = next((a for a in meeting.attendance if a.association is association), None)
    if line is None:
        return HeadPresence.NOT_ATTENDED, None
    name = line.person.name if line.person is not None else line.guest_name
    if line.substitute_name:
        return HeadPresence.BY_SUBSTITUTE, line.substitute_name
    if line.role is AttendanceRole.ATTENDEE and line.status is AttendanceStatus.ATTENDING:
        return HeadPresence.AS_ATTENDEE, name
    if line.role is AttendanceRole.MEMBER and line.status is AttendanceStatus.PRESENT:
        return HeadPresence.AS_MEMBER, name
    return HeadPresence.NOT_ATTENDED, None

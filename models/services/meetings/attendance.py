"""Attendance: the grid proposed from the roster, recorded in one go, and the associations' report.

Who is expected (应到) is the body's roster on the meeting date, so every member serving that day
must be on the grid as 出席, 请假 (with a reason) or 缺席, and nobody else counts as a member.
Non-members come as 列席 — registered people, or guests by name, organisation and post.
委托代为列席: the person is marked 请假 with a reason, and the substitute who came is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import (
    STATUSES_OF_ROLE,
    AttendanceRole,
    AttendanceStatus,
    HeadPresence,
    MeetingStatus,
)
from models.domain.vocabulary import ASSOCIATION_NAMES, Association, BodyKind
from models.entities import Attendance, Meeting, Person
from models.services.common.text import fitted
from models.services.common.versioning import refusing_stale
from models.services.meetings.content import (
    changing_content,
    choice,
    load_meeting,
    members_on,
    open_for_change,
    propose_attendance,
    title_of,
)
from models.services.meetings.meetings import detail_of, meeting_rules_in_force
from models.services.meetings.rows import (
    AssociationAttendanceReport,
    AssociationAttendanceRow,
    AssociationMark,
    AttendanceDraft,
    AttendanceRow,
    MeetingDetail,
    MeetingRow,
)
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

_ROLE_WORDS = {AttendanceRole.MEMBER: "成员", AttendanceRole.ATTENDEE: "列席人员"}


def prefill_attendance(db: Database, *, meeting_id: int) -> tuple[AttendanceRow, ...]:
    """The proposal for an empty grid: members 出席; at council meetings the five association
    heads 列席, or marked on their member line where they sit on the council. Nothing is saved."""
    with db.session_factory() as session:
        return tuple(propose_attendance(session, load_meeting(session, meeting_id)))


def record_attendance(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    lines: Sequence[AttendanceDraft],
    reason: str | None = None,
) -> MeetingDetail:
    """The whole grid in one transaction; on final minutes only as an amendment with a reason."""
    rules = meeting_rules_in_force(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Meeting, meeting_id):
        session = uow.session
        meeting = load_meeting(session, meeting_id)
        open_for_change(meeting, expected_version)
        checked = _checked_lines(session, meeting, lines)
        changing_content(session, meeting, reason=reason, apply=lambda: _replace(meeting, checked))
        detail = detail_of(session, meeting, rules)
        uow.commit()
    return detail


def _checked_lines(
    session: Session, meeting: Meeting, lines: Sequence[AttendanceDraft]
) -> list[Attendance]:
    """Unsaved lines, each checked; then the roster rule across them."""
    seen_people: set[int] = set()
    seen_seats: set[Association] = set()
    checked = []
    for position, draft in enumerate(lines, start=1):
        line = _line(session, meeting, position, draft)
        name = line.person.name if line.person is not None else line.guest_name
        if line.person is not None:
            if line.person.id in seen_people:
                raise DomainError(
                    "attendance_duplicate", field=f"attendance[{position - 1}]", name=name
                )
            seen_people.add(line.person.id)
        if line.association is not None:
            if line.association in seen_seats:
                raise DomainError(
                    "attendance_association_duplicate",
                    field=f"attendance[{position - 1}].association",
                    association=ASSOCIATION_NAMES[line.association],
                )
            seen_seats.add(line.association)
        checked.append(line)
    roster = {person.id: person for person, _ in members_on(session, meeting)}
    for index, line in enumerate(checked):
        if line.role is AttendanceRole.MEMBER and line.person.id not in roster:
            raise DomainError(
                "attendance_not_member",
                field=f"attendance[{index}].role",
                name=line.person.name,
                meeting_date=str(meeting.meeting_date),
                body=meeting.body.name,
            )
    listed = {line.person.id for line in checked if line.role is AttendanceRole.MEMBER}
    missing = [person.name for person_id, person in roster.items() if person_id not in listed]
    if missing:
        raise DomainError(
            "attendance_member_missing",
            field="attendance",
            count=len(missing),
            body=meeting.body.name,
            names="、".join(missing[:10]) + ("等" if len(missing) > 10 else ""),
        )
    return checked


def _line(session: Session, meeting: Meeting, position: int, draft: AttendanceDraft) -> Attendance:
    field = f"attendance[{position - 1}]"
    role = choice(AttendanceRole, draft.role, "role") or AttendanceRole.MEMBER
    status = choice(AttendanceStatus, draft.status, "attendance_status")
    person = None
    if draft.person_id is not None:
        person = session.get(Person, draft.person_id)
        if person is None:
            raise DomainError("person_not_found", field=field, person_id=draft.person_id)
        name = person.name
        guest = (None, None, None)
    else:
        guest = (
            fitted(
                draft.guest_name, Attendance.guest_name, field=f"{field}.guest_name", label="姓名"
            ),
            fitted(
                draft.guest_organisation,
                Attendance.guest_organisation,
                field=f"{field}.guest_organisation",
                label="单位",
            ),
            fitted(
                draft.guest_post, Attendance.guest_post, field=f"{field}.guest_post", label="职务"
            ),
        )
        if not all(guest):
            raise DomainError("attendance_guest_incomplete", field=f"{field}.guest_name")
        name = guest[0]
        if role is AttendanceRole.MEMBER:
            raise DomainError("attendance_guest_not_member", field=f"{field}.role", name=name)
    allowed = STATUSES_OF_ROLE[role]
    if status not in allowed:
        raise DomainError(
            "attendance_status_invalid",
            field=f"{field}.status",
            name=name,
            role=_ROLE_WORDS[role],
            status=draft.status or "",
            choices="、".join(s.value for s in allowed),
        )
    reason = fitted(
        draft.leave_reason, Attendance.leave_reason, field=f"{field}.leave_reason", label="请假原因"
    )
    substitute = fitted(
        draft.substitute_name,
        Attendance.substitute_name,
        field=f"{field}.substitute_name",
        label="代为列席人员",
    )
    if status is AttendanceStatus.LEAVE and not reason:
        raise DomainError("attendance_leave_reason", field=f"{field}.leave_reason", name=name)
    if substitute and status is not AttendanceStatus.LEAVE:
        raise DomainError("attendance_substitute_needs_leave", field=f"{field}.status", name=name)
    association = choice(Association, draft.association, "association")
    if association is not None and meeting.body.kind is not BodyKind.EXECUTIVE_COUNCIL:
        raise DomainError("attendance_association_not_council", field=f"{field}.association")
    return Attendance(
        position=position,
        person=person,
        guest_name=guest[0],
        guest_organisation=guest[1],
        guest_post=guest[2],
        role=role,
        status=status,
        leave_reason=reason if status is AttendanceStatus.LEAVE else None,
        substitute_name=substitute,
        association=association,
        remarks=fitted(draft.remarks, Attendance.remarks, field=f"{field}.remarks", label="备注"),
    )


_FIELDS = (
    "position",
    "guest_organisation",
    "guest_post",
    "role",
    "status",
    "leave_reason",
    "substitute_name",
    "association",
    "remarks",
)


def _replace(meeting: Meeting, checked: list[Attendance]) -> None:
    """Lines of the same person (or the same guest) are updated in place, so the change log shows
    what changed for whom; the rest are added or removed."""

    def key(line: Attendance) -> tuple[object, ...]:
        if line.person is not None:
            return ("person", line.person.id)
        return ("guest", line.guest_name, line.guest_organisation)

    existing = {key(line): line for line in meeting.attendance}
    result = []
    for new in checked:
        line = existing.pop(key(new), None)
        if line is None:
            line = new
        else:
            for name in _FIELDS:
                if getattr(line, name) != getattr(new, name):
                    setattr(line, name, getattr(new, name))
        result.append(line)
    meeting.attendance[:] = result


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
            year=year, meetings=tuple(MeetingRow.of(m) for m in meetings), rows=rows
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

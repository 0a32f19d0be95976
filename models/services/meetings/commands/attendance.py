"""Recording attendance: the whole grid in one go, checked against the roster of the meeting date.

Who is expected (应到) is the body's roster on the meeting date, so every member serving that day
must be on the grid as 出席, 请假 (with a reason) or 缺席, and nobody else counts as a member.
Non-members come as 列席 — registered people, or guests by name, organisation and post.
委托代为列席: the person is marked 请假 with a reason, and the substitute who came is named.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import STATUSES_OF_ROLE, AttendanceRole, AttendanceStatus
from models.domain.vocabulary import ASSOCIATION_NAMES, Association, BodyKind
from models.entities import Attendance, Meeting, Person
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.meetings._detail import detail_of, editing_meeting, meeting_rules_in_force
from models.services.meetings.content import (
    changing_content,
    choice,
    members_on,
    refuse_cancelled,
)
from models.services.meetings.contracts import AttendanceDraft, MeetingDetail
from models.store.unit_of_work import Database

_ROLE_WORDS = {AttendanceRole.MEMBER: "成员", AttendanceRole.ATTENDEE: "列席人员"}


@guarded("meetings.edit")
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
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        change_attendance(session, meeting, lines, reason)
        detail = detail_of(session, meeting, rules)
    return detail


def change_attendance(
    session: Session, meeting: Meeting, lines: Sequence[AttendanceDraft], reason: str | None
) -> None:
    """Replace the grid in the caller's unit of work; on final minutes only with a reason."""
    refuse_cancelled(meeting)
    checked = _checked_lines(session, meeting, lines)
    changing_content(session, meeting, reason=reason, apply=lambda: _replace(meeting, checked))


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
    # A member's line always names a person: _line refuses a guest as a member.
    members = [
        (index, line.person)
        for index, line in enumerate(checked)
        if line.role is AttendanceRole.MEMBER and line.person is not None
    ]
    for index, person in members:
        if person.id not in roster:
            raise DomainError(
                "attendance_not_member",
                field=f"attendance[{index}].role",
                name=person.name,
                meeting_date=str(meeting.meeting_date),
                body=meeting.body.name,
            )
    listed = {person.id for _, person in members}
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
        guest: tuple[str | None, str | None, str | None] = (None, None, None)
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
        guest_name = guest[0]
        if guest_name is None or not all(guest):
            raise DomainError("attendance_guest_incomplete", field=f"{field}.guest_name")
        name = guest_name
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

"""Meeting entities read into their plain contracts: the list line, agenda, attendance, minutes."""

from __future__ import annotations

from models.domain.meeting_vocabulary import (
    FEDERATION_TZ,
    AttendanceRole,
    local_time,
    meeting_title,
)
from models.domain.vocabulary import ASSOCIATION_NAMES, Association, Position
from models.entities import AgendaItem, Attendance, Meeting, Minutes, MinutesAmendment
from models.services.meetings.contracts import (
    AgendaItemRow,
    AmendmentRow,
    AttendanceRow,
    MeetingRow,
    MinutesRow,
)


def meeting_row(meeting: Meeting) -> MeetingRow:
    term = meeting.term.ordinal if meeting.term is not None else None
    kind = meeting.body.kind
    return MeetingRow(
        id=meeting.id,
        body=kind,
        body_name=meeting.body.name,
        term_id=meeting.term_id,
        term=term,
        year=meeting.meeting_date.year,
        number=meeting.ordinal,
        title=meeting_title(
            kind,
            term=term,
            year=meeting.year or meeting.meeting_date.year,
            number=meeting.ordinal,
        ),
        meeting_date=meeting.meeting_date,
        start_time=local_time(meeting.starts_at),
        starts_at=(meeting.starts_at.astimezone(FEDERATION_TZ) if meeting.starts_at else None),
        place=meeting.place,
        host_person_id=meeting.host_person_id,
        host_name=meeting.host.name if meeting.host is not None else None,
        recorder_person_id=meeting.recorder_person_id,
        recorder_name=(
            meeting.recorder.name if meeting.recorder is not None else meeting.recorder_name
        ),
        status=meeting.status,
        minutes_status=meeting.minutes.status if meeting.minutes is not None else None,
        version=meeting.version,
    )


def agenda_item_row(item: AgendaItem) -> AgendaItemRow:
    return AgendaItemRow(item.id, item.position, item.kind, item.title, item.summary, item.decision)


def amendment_row(amendment: MinutesAmendment) -> AmendmentRow:
    return AmendmentRow(
        id=amendment.id,
        amended_at=amendment.amended_at,
        amended_by=amendment.amended_by,
        reason=amendment.reason,
        part=amendment.part,
        before=amendment.before,
        after=amendment.after,
    )


def minutes_row(minutes: Minutes) -> MinutesRow:
    return MinutesRow(
        id=minutes.id,
        status=minutes.status,
        finalised_at=minutes.finalised_at,
        finalised_by=minutes.finalised_by,
        amendments=tuple(amendment_row(a) for a in minutes.amendments),
        version=minutes.version,
    )


def attendance_row(line: Attendance, posts: dict[int, Position]) -> AttendanceRow:
    """A recorded line as a row; `posts` gives members' positions (empty when not needed)."""
    person = line.person
    if person is None:
        name = line.guest_name or ""
        post = f"{line.guest_organisation or ''}{line.guest_post or ''}"
    else:
        name = person.name
        post = post_text(posts.get(person.id), line.association, line.role)
    return AttendanceRow(
        id=line.id,
        person_id=line.person_id,
        name=name,
        post=post,
        role=line.role,
        status=line.status,
        leave_reason=line.leave_reason,
        substitute_name=line.substitute_name,
        association=line.association,
        guest_organisation=line.guest_organisation,
        guest_post=line.guest_post,
        remarks=line.remarks,
    )


def post_text(
    position: Position | None, association: Association | None, role: AttendanceRole
) -> str:
    """理事长; 理事（盲人协会主席）; 聋人协会主席 for a head who comes as 列席."""
    head = f"{ASSOCIATION_NAMES[association]}主席" if association is not None else ""
    if role is AttendanceRole.MEMBER and position is not None:
        return f"{position.value}（{head}）" if head else position.value
    return head

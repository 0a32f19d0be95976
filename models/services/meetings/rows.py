"""Frozen read models of meetings: the list line, the agenda, the attendance grid and the minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from models.domain.meeting_vocabulary import (
    FEDERATION_TZ,
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    HeadPresence,
    MeetingStatus,
    MinutesStatus,
    local_time,
    meeting_title,
    minutes_title,
)
from models.domain.quorum import QuorumResult
from models.domain.vocabulary import Association, BodyKind
from models.entities import AgendaItem, Meeting, Minutes, MinutesAmendment


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body: BodyKind
    body_name: str
    term_id: int | None
    term: int | None  # 届次; None for the party group, numbered by year
    year: int
    ordinal: int
    title: str
    meeting_date: date
    start_time: time | None  # local (UTC+8)
    starts_at: datetime | None  # with its +08:00 offset
    place: str | None
    host_person_id: int | None
    host_name: str | None
    recorder_person_id: int | None
    recorder_name: str | None  # the registered recorder's name, or the one typed
    status: MeetingStatus
    minutes_status: MinutesStatus | None
    version: int

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingRow:
        term = meeting.term.ordinal if meeting.term is not None else None
        kind = meeting.body.kind
        return cls(
            id=meeting.id,
            body=kind,
            body_name=meeting.body.name,
            term_id=meeting.term_id,
            term=term,
            year=meeting.meeting_date.year,
            ordinal=meeting.ordinal,
            title=meeting_title(
                kind,
                term=term,
                year=meeting.year or meeting.meeting_date.year,
                ordinal=meeting.ordinal,
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

    @property
    def minutes_title(self) -> str:
        return minutes_title(self.title)


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    position: int
    kind: AgendaKind
    title: str
    summary: str | None
    decision: str | None

    @classmethod
    def of(cls, item: AgendaItem) -> AgendaItemRow:
        return cls(item.id, item.position, item.kind, item.title, item.summary, item.decision)


@dataclass(frozen=True)
class AttendanceDraft:
    """One line of the grid as the clerk leaves it; enums or their values are both accepted."""

    person_id: int | None = None
    role: str = AttendanceRole.MEMBER.value
    status: str = AttendanceStatus.PRESENT.value
    leave_reason: str | None = None
    substitute_name: str | None = None
    association: str | None = None
    guest_name: str | None = None
    guest_organisation: str | None = None
    guest_post: str | None = None
    remarks: str | None = None


@dataclass(frozen=True)
class AttendanceRow:
    """A recorded line, or (id None) one proposed from the roster on the meeting date."""

    id: int | None
    person_id: int | None
    name: str
    post: str  # 理事长; 盲人协会主席; a guest's organisation and post
    role: AttendanceRole
    status: AttendanceStatus
    leave_reason: str | None = None
    substitute_name: str | None = None
    association: Association | None = None
    guest_organisation: str | None = None
    guest_post: str | None = None
    remarks: str | None = None

    @property
    def is_guest(self) -> bool:
        return self.person_id is None

    def as_draft(self) -> AttendanceDraft:
        return AttendanceDraft(
            person_id=self.person_id,
            role=self.role.value,
            status=self.status.value,
            leave_reason=self.leave_reason,
            substitute_name=self.substitute_name,
            association=self.association.value if self.association else None,
            guest_name=self.name if self.is_guest else None,
            guest_organisation=self.guest_organisation,
            guest_post=self.guest_post,
            remarks=self.remarks,
        )


@dataclass(frozen=True)
class AmendmentRow:
    id: int
    amended_at: datetime
    amended_by: str
    reason: str
    part: str
    before: str | None
    after: str | None

    @classmethod
    def of(cls, amendment: MinutesAmendment) -> AmendmentRow:
        return cls(
            id=amendment.id,
            amended_at=amendment.amended_at,
            amended_by=amendment.amended_by,
            reason=amendment.reason,
            part=amendment.part,
            before=amendment.before,
            after=amendment.after,
        )


@dataclass(frozen=True)
class MinutesRow:
    id: int
    status: MinutesStatus
    finalised_at: datetime | None
    finalised_by: str | None
    amendments: tuple[AmendmentRow, ...]
    version: int

    @property
    def is_final(self) -> bool:
        return self.status is MinutesStatus.FINAL

    @classmethod
    def of(cls, minutes: Minutes) -> MinutesRow:
        return cls(
            id=minutes.id,
            status=minutes.status,
            finalised_at=minutes.finalised_at,
            finalised_by=minutes.finalised_by,
            amendments=tuple(AmendmentRow.of(a) for a in minutes.amendments),
            version=minutes.version,
        )


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the meeting screen and the minutes paper show; `quorum` once attendance is in."""

    meeting: MeetingRow
    agenda: tuple[AgendaItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    minutes: MinutesRow | None
    quorum: QuorumResult | None


@dataclass(frozen=True)
class AssociationMark:
    """One council meeting as one association was present at it; presence None: not recorded."""

    meeting_id: int
    title: str
    meeting_date: date
    presence: HeadPresence | None
    name: str | None  # the head, or the substitute who came


@dataclass(frozen=True)
class AssociationAttendanceRow:
    association: Association
    name: str
    meetings_held: int
    as_attendee: int  # the head came as 列席
    as_member: int  # the head came as a member of the council
    by_substitute: int  # 委托代为列席
    not_attended: int
    not_recorded: int  # held meetings whose attendance nobody has entered yet
    marks: tuple[AssociationMark, ...]


@dataclass(frozen=True)
class AssociationAttendanceReport:
    year: int
    meetings: tuple[MeetingRow, ...]  # the council meetings held in the year
    rows: tuple[AssociationAttendanceRow, ...]  # one per association, in the usual order

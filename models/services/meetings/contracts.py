"""Plain contracts of meetings: drafts, the list line, the detail, the workbench and the quorum count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from models.domain.meeting_vocabulary import (
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    HeadPresence,
    MeetingStatus,
    MinutesStatus,
    minutes_title,
)
from models.domain.quorum import QuorumResult, QuorumRule, quorum
from models.domain.vocabulary import Association, BodyKind


@dataclass(frozen=True)
class MeetingDraft:
    """The header of a meeting as the clerk types it (local date and time)."""

    meeting_date: date
    start_time: time | None = None  # local wall-clock time (UTC+8)
    place: str | None = None
    host_person_id: int | None = None
    recorder_person_id: int | None = None
    recorder_name: str | None = None  # a secretariat clerk not in the registry


@dataclass(frozen=True)
class AgendaItemDraft:
    """An agenda line: `id` keeps an existing item (and its summary and decision)."""

    kind: str
    title: str
    id: int | None = None


@dataclass(frozen=True)
class MinutesSection:
    """What the minutes say of one agenda item; items not given are left as they are."""

    agenda_item_id: int
    summary: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body: BodyKind
    body_name: str
    term_id: int | None
    term: int | None  # 届次; None for the party group, numbered by year
    year: int
    number: int  # the meeting's own number in its term (or, for the party group, its year)
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


@dataclass(frozen=True)
class MeetingWorkbench:
    """Everything the meeting editor shows, loaded in one go."""

    detail: MeetingDetail
    rule: QuorumRule
    # The grid proposed from the roster on the meeting date while none is recorded; else empty.
    proposal: tuple[AttendanceRow, ...]
    hosts: tuple[tuple[int, str], ...]  # (person id, "姓名（职务）") of the body's serving members


def quorum_of(rows: Iterable[AttendanceRow], rule: QuorumRule) -> QuorumResult:
    """Members only: 应到 all of them (on leave included), 实到 those marked 出席.

    Plain, so the attendance grid counts as the clerk edits, the same way the core does.
    """
    members = [r for r in rows if r.role is AttendanceRole.MEMBER]
    present = sum(r.status is AttendanceStatus.PRESENT for r in members)
    return quorum(len(members), present, rule)

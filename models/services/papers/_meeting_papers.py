"""Plain data for the meeting papers (纪要, 签到表, 专门协会列席情况) built from the database."""

from __future__ import annotations

from sqlalchemy import select

from models.documents.layout import doc_number
from models.documents.papers.association_attendance import (
    AssociationAttendanceData,
    AssociationYear,
    CouncilMeeting,
    Mark,
)
from models.documents.papers.minutes import Amendment, Attendee, MinutesData, Section
from models.documents.papers.signin import SigninData, SigninLine
from models.domain.meeting_vocabulary import (
    FEDERATION_TZ,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
)
from models.entities import User
from models.services.meetings.contracts import AttendanceRow, MeetingDetail
from models.services.meetings.queries import (
    association_attendance_report,
    get_meeting,
    list_meetings,
    prefill_attendance,
)
from models.services.papers._common import organisation_name, today
from models.services.papers._refusal import bad_arguments
from models.services.papers.contracts import PAPER_NAMES, PaperKind
from models.store.unit_of_work import Database


def _meeting(db: Database, meeting_id: int | None, paper: PaperKind) -> MeetingDetail:
    if meeting_id is None:
        raise bad_arguments(f"打印{PAPER_NAMES[paper]}需要指明会议（--meeting ID）")
    detail = get_meeting(db, meeting_id=meeting_id)
    if detail.meeting.status is MeetingStatus.CANCELLED:
        raise bad_arguments(f"{detail.meeting.title}已取消，没有{PAPER_NAMES[paper]}")
    return detail


def _minutes_number(db: Database, detail: MeetingDetail) -> str:
    """〔2025〕2号: the meeting's place among its body's meetings of that year (cancelled ones left
    out), so a body's minutes are numbered through each year."""
    row = detail.meeting
    year = row.meeting_date.year
    meetings = [
        m
        for m in list_meetings(db, body=row.body, year=year)
        if m.status is not MeetingStatus.CANCELLED or m.id == row.id
    ]
    place = next((i for i, m in enumerate(meetings, start=1) if m.id == row.id), len(meetings))
    return doc_number(year, place)


def _display_names(db: Database, logins: set[str]) -> dict[str, str]:
    if not logins:
        return {}
    with db.session_factory() as session:
        rows = session.execute(
            select(User.login, User.display_name).where(User.login.in_(sorted(logins)))
        ).all()
    return {login: name or login for login, name in rows}


def _attendee(row: AttendanceRow) -> Attendee:
    return Attendee(
        name=row.name,
        status=row.status,
        member=row.role is AttendanceRole.MEMBER,
        post=row.post,
        leave_reason=row.leave_reason,
        substitute=row.substitute_name,
    )


def minutes_data(db: Database, *, meeting_id: int | None) -> MinutesData:
    detail = _meeting(db, meeting_id, PaperKind.MINUTES)
    row = detail.meeting
    minutes = detail.minutes
    amendments = minutes.amendments if minutes is not None else ()
    names = _display_names(db, {a.amended_by for a in amendments})
    return MinutesData(
        organisation=organisation_name(db),
        meeting=row.title,
        meeting_date=row.meeting_date,
        start=row.start_time,
        place=row.place,
        host=row.host_name,
        recorder=row.recorder_name,
        sections=tuple(Section(i.title, i.summary, i.decision) for i in detail.agenda),
        attendance=tuple(_attendee(a) for a in detail.attendance),
        final=minutes is not None and minutes.is_final,
        amendments=tuple(
            Amendment(
                day=a.amended_at.astimezone(FEDERATION_TZ).date(),
                by=names.get(a.amended_by, a.amended_by),
                part=a.part,
                reason=a.reason,
                before=a.before,
                after=a.after,
            )
            for a in sorted(amendments, key=lambda a: (a.amended_at, a.id))
        ),
        doc_number=_minutes_number(db, detail),
        quorum=detail.quorum.message if detail.quorum is not None else None,
    )


def _substitute_line(substitute: str, head: str) -> SigninLine:
    """余金山（副主席） for 萧雅琴: the name to sign, and 副主席，代萧雅琴列席 as the post."""
    name, bracket, rest = substitute.strip().partition("（")
    extra = rest.rstrip("）").strip() if bracket else ""
    post = f"{extra}，代{head}列席" if extra else f"代{head}列席"
    return SigninLine(name.strip() or substitute, post, member=False)


def signin_data(db: Database, *, meeting_id: int | None) -> SigninData:
    """The recorded attendance, or (none yet) the roster of the meeting date as proposed."""
    detail = _meeting(db, meeting_id, PaperKind.SIGNIN)
    rows = detail.attendance or prefill_attendance(db, meeting_id=detail.meeting.id)
    lines: list[SigninLine] = []
    substitutes: list[SigninLine] = []
    for r in rows:
        member = r.role is AttendanceRole.MEMBER
        lines.append(SigninLine(r.name, r.post, member, r.status is AttendanceStatus.LEAVE))
        if r.substitute_name:
            substitutes.append(_substitute_line(r.substitute_name, r.name))
    row = detail.meeting
    return SigninData(
        organisation=organisation_name(db),
        meeting=row.title,
        meeting_date=row.meeting_date,
        start=row.start_time,
        place=row.place,
        lines=(*lines, *substitutes),
    )


def association_attendance_data(db: Database, *, year: int | None) -> AssociationAttendanceData:
    if year is None:
        raise bad_arguments("打印专门协会列席情况统计表需要指明年份（--year YYYY）")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
        raise bad_arguments(f"年份“{year}”无效")
    report = association_attendance_report(db, year=year)
    return AssociationAttendanceData(
        organisation=organisation_name(db),
        year=year,
        meetings=tuple(CouncilMeeting(m.title, m.meeting_date) for m in report.meetings),
        associations=tuple(
            AssociationYear(name=row.name, marks=tuple(Mark(m.presence, m.name) for m in row.marks))
            for row in report.rows
        ),
        on=today(),
    )

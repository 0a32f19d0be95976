"""Meetings on the dashboard: each body's next meeting and what it still lacks, meetings whose day
has passed unrecorded, minutes not finalised (today's list); the associations' attendance (a group).

What a clerk needs before a meeting: its 议题, 主持人, 地点 and 记录人 (the sign-in sheet and the
minutes are printed from them). After it: the attendance recorded and the meeting marked 已召开,
then the minutes finalised — for meetings of this year and the last (older drafts are history).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from models.domain.composition import Status
from models.domain.dates import chinese_date
from models.domain.errors import Level
from models.domain.meeting_vocabulary import HeadPresence, MeetingStatus, MinutesStatus
from models.domain.vocabulary import ASSOCIATION_NAMES, Association, BodyKind
from models.entities import AgendaItem, Attendance, Meeting, Minutes
from models.services.dashboard.contracts import (
    ItemKind,
    ReformResult,
    ResultGroup,
    Shortfall,
    Target,
    TargetKind,
    TodayItem,
)
from models.services.meetings._rows import meeting_row
from models.services.meetings.contracts import AssociationAttendanceRow, MeetingRow
from models.services.meetings.queries import association_attendance_report
from models.store.unit_of_work import Database


def _loaded() -> tuple[Any, ...]:
    return (
        selectinload(Meeting.body),
        selectinload(Meeting.term),
        selectinload(Meeting.host),
        selectinload(Meeting.recorder),
        selectinload(Meeting.minutes),
    )


def meeting_items(db: Database, on: date) -> list[TodayItem]:
    since = date(on.year - 1, 1, 1)
    with db.session_factory() as session:
        meetings = session.scalars(
            select(Meeting)
            .options(*_loaded())
            .where(
                or_(
                    Meeting.status == MeetingStatus.PLANNED,
                    and_(
                        Meeting.status == MeetingStatus.HELD,
                        Meeting.meeting_date >= since,
                        ~Meeting.minutes.has(Minutes.status == MinutesStatus.FINAL),
                    ),
                )
            )
            .order_by(Meeting.meeting_date, Meeting.body_id, Meeting.ordinal)
        ).all()
        rows = [meeting_row(m) for m in meetings]
        ids = [r.id for r in rows]
        agenda = _counts(session, AgendaItem.meeting_id, ids)
        attendance = _counts(session, Attendance.meeting_id, ids)
    items: list[TodayItem] = []
    next_of_body: set[int] = set()
    for row in rows:
        target = Target(TargetKind.MEETING, id=row.id, body=row.body, term_id=row.term_id)
        when = f"{row.title}（{chinese_date(row.meeting_date)}）"
        if row.status is MeetingStatus.HELD:
            text = f"{when}已召开，纪要尚未定稿"
            items.append(TodayItem(ItemKind.MINUTES_DRAFT, text, row.meeting_date, target))
        elif row.meeting_date < on:
            text = (
                f"{when}日期已过：请记录出席情况并标为已召开"
                if not attendance.get(row.id)
                else f"{when}日期已过，仍为筹备中：请标为已召开"
            )
            items.append(TodayItem(ItemKind.MEETING_UNRECORDED, text, row.meeting_date, target))
        elif row.body not in {r.body for r in rows if r.id in next_of_body}:
            next_of_body.add(row.id)
            missing = _missing(row, agenda.get(row.id, 0))
            lacks = f"尚缺{'、'.join(missing)}" if missing else "议题、主持人、地点、记录人已齐备"
            items.append(
                TodayItem(
                    ItemKind.MEETING_NEXT, f"下次会议：{when}，{lacks}", row.meeting_date, target
                )
            )
    return items


def _missing(row: MeetingRow, agenda_items: int) -> list[str]:
    missing = []
    if not agenda_items:
        missing.append("议题")
    if row.host_person_id is None:
        missing.append("主持人")
    if not row.place:
        missing.append("地点")
    if not row.recorder_name:
        missing.append("记录人")
    return missing


def _counts(session: Any, column: Any, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    found = session.execute(
        select(column, func.count()).where(column.in_(ids)).group_by(column)
    ).all()
    return {meeting_id: n for meeting_id, n in found}


def association_group(db: Database, year: int) -> ResultGroup:
    """Per association: the year's held council meetings its head (or a substitute) attended."""
    report = association_attendance_report(db, year=year)
    terms = {m.id: m.term_id for m in report.meetings}
    results = tuple(_association(row, year, terms) for row in report.rows)
    note = "" if report.meetings else f"{year}年还没有已召开的执行理事会会议。"
    return ResultGroup("associations", f"{year}年专门协会列席执行理事会会议", results, note=note)


def _association(
    row: AssociationAttendanceRow, year: int, terms: dict[int, int | None]
) -> ReformResult:
    came = row.as_attendee + row.as_member + row.by_substitute
    held = row.meetings_held
    missed = [m for m in row.marks if m.presence is HeadPresence.NOT_ATTENDED]
    unknown = [m for m in row.marks if m.presence is None]
    shortfalls = tuple(
        Shortfall(
            f"{m.title}（{chinese_date(m.meeting_date)}）：{'未出席' if m.presence else '未记录出席情况'}",
            Target(
                TargetKind.MEETING,
                id=m.meeting_id,
                body=BodyKind.EXECUTIVE_COUNCIL,
                term_id=terms.get(m.meeting_id),
            ),
        )
        for m in row.marks
        if m.presence in (HeadPresence.NOT_ATTENDED, None)
    )
    status: Status
    if not held:
        status, figure = "skipped", "—"
    else:
        status = "warn" if missed or unknown else "pass"
        figure = f"出席 {came}/{held} 次"
    detail = (
        f"（本人列席 {row.as_attendee} 次，作为理事出席 {row.as_member} 次，"
        f"委托他人 {row.by_substitute} 次）"
    )
    name = ASSOCIATION_NAMES[Association(row.association)]
    message = (
        f"{name}{year}年未召开执行理事会会议"
        if not held
        else f"{name}缺席 {len(missed)} 次、未记录 {len(unknown)} 次{detail}"
        if missed or unknown
        else f"{name}每次会议都有人列席{detail}"
    )
    return ReformResult(
        id=f"associations.attendance.{row.association.value}",
        label=f"{name}列席执行理事会",
        level=Level.WARNING,
        status=status,
        figure=figure,
        message=message,
        shortfalls=shortfalls,
        target=Target(TargetKind.ASSOCIATION_REPORT, year=year),
    )

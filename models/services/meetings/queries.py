"""Reading meetings: the listing, one meeting whole, the editor's workbench, hosts and quorum rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.domain.errors import DomainError
from models.domain.quorum import QuorumResult, QuorumRule
from models.domain.vocabulary import BodyKind, MembershipStatus
from models.entities import Meeting, Membership, Person
from models.services.meetings._detail import detail_of, meeting_rules_in_force
from models.services.meetings._report import association_attendance_report
from models.services.meetings._rows import meeting_row
from models.services.meetings.content import check_meeting_body, load_meeting, propose_attendance
from models.services.meetings.contracts import (
    AttendanceRow,
    MeetingDetail,
    MeetingRow,
    MeetingWorkbench,
)
from models.services.people.terms import find_term, get_body
from models.store.unit_of_work import Database

__all__ = [
    "association_attendance_report",
    "get_meeting",
    "hosts",
    "list_meetings",
    "meeting_quorum",
    "meeting_rules_in_force",
    "meeting_workbench",
    "prefill_attendance",
    "quorum_rule",
]


def _loaded() -> tuple[Any, ...]:
    return (
        selectinload(Meeting.body),
        selectinload(Meeting.term),
        selectinload(Meeting.host),
        selectinload(Meeting.recorder),
        selectinload(Meeting.minutes),
    )


def list_meetings(
    db: Database,
    *,
    body: BodyKind | None = None,
    term: int | None = None,
    year: int | None = None,
) -> list[MeetingRow]:
    """Chronological. `term` (届次) needs `body`; `year` is the meeting date's year."""
    with db.session_factory() as session:
        query = select(Meeting).options(*_loaded())
        if body is not None:
            check_meeting_body(body)
            query = query.where(Meeting.body_id == get_body(session, body).id)
            if term is not None:
                query = query.where(Meeting.term_id == find_term(session, body, None, term).id)
        elif term is not None:
            raise DomainError("bad_arguments", field="term", detail="按届次列出会议时须指明机构")
        if year is not None:
            query = query.where(
                Meeting.meeting_date >= date(year, 1, 1), Meeting.meeting_date <= date(year, 12, 31)
            )
        meetings = session.scalars(
            # Timed meetings of a day first, on both backends (they sort NULL differently).
            query.order_by(
                Meeting.meeting_date,
                Meeting.starts_at.is_(None),
                Meeting.starts_at,
                Meeting.body_id,
                Meeting.ordinal,
            )
        ).all()
        return [meeting_row(m) for m in meetings]


def get_meeting(db: Database, *, meeting_id: int) -> MeetingDetail:
    rules = meeting_rules_in_force(db)
    with db.session_factory() as session:
        return detail_of(session, load_meeting(session, meeting_id), rules)


def meeting_quorum(db: Database, *, meeting_id: int) -> QuorumResult | None:
    """By the rules in force; None until attendance is recorded."""
    return get_meeting(db, meeting_id=meeting_id).quorum


def prefill_attendance(db: Database, *, meeting_id: int) -> tuple[AttendanceRow, ...]:
    """The proposal for an empty grid: members 出席; at council meetings the five association
    heads 列席, or marked on their member line where they sit on the council. Nothing is saved."""
    with db.session_factory() as session:
        return tuple(propose_attendance(session, load_meeting(session, meeting_id)))


def quorum_rule(db: Database, *, body: BodyKind) -> QuorumRule:
    """The body's quorum rule in the rules recorded in the database (the default if none)."""
    return meeting_rules_in_force(db).quorum_rule(body)


def hosts(db: Database, *, term_id: int) -> tuple[tuple[int, str], ...]:
    """(person id, "姓名（职务）") of the term's serving members, in roster order: who may host."""
    with db.session_factory() as session:
        rows = session.execute(
            select(Person.id, Person.name, Membership.position)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.term_id == term_id, Membership.status == MembershipStatus.ELECTED)
            .order_by(Membership.id)
        ).all()
    return tuple(
        (person_id, f"{name}（{position.value}）" if position else name)
        for person_id, name, position in rows
    )


def meeting_workbench(db: Database, *, meeting_id: int, term_id: int) -> MeetingWorkbench:
    """What the meeting editor shows: the meeting, its body's quorum rule, the grid proposed from
    the roster while no attendance is recorded, and who may host (the term's serving members)."""
    detail = get_meeting(db, meeting_id=meeting_id)
    proposal = () if detail.attendance else prefill_attendance(db, meeting_id=meeting_id)
    return MeetingWorkbench(
        detail=detail,
        rule=quorum_rule(db, body=detail.meeting.body),
        proposal=proposal,
        hosts=hosts(db, term_id=term_id),
    )

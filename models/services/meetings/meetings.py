"""Planning meetings, numbering them, listing and opening them, their agenda and their quorum.

A meeting is numbered as the next in its term (第八届执行理事会第三次会议) or, for the party group,
its year (2026年第3次党组会议); a clerk entering earlier meetings may give the number. A cancelled
meeting keeps its number, so a notice already sent out with it never names two meetings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import (
    MEETING_TRANSITIONS,
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
    local_start,
    series_name,
)
from models.domain.quorum import (
    MeetingRules,
    QuorumResult,
    QuorumRule,
    load_quorum_rules,
    quorum,
)
from models.domain.vocabulary import (
    BodyKind,
    Position,
    TermStatus,
    body_has_terms,
    term_display_name,
)
from models.entities import AgendaItem, Meeting, Membership, Person
from models.services.common.settings import RULES_CONTENT, RULES_ID, get_setting
from models.services.common.text import fitted
from models.services.common.versioning import ensure_version, refusing_stale
from models.services.decisions.guards import keep_decision_items
from models.services.meetings.content import (
    changing_content,
    check_meeting_body,
    choice,
    final_refusal,
    is_final,
    load_meeting,
    open_for_change,
    roster_term,
    row_of,
    status_name,
    title_of,
)
from models.services.meetings.rows import (
    AgendaItemRow,
    AttendanceRow,
    MeetingDetail,
    MeetingRow,
    MinutesRow,
)
from models.services.people.terms import find_term, get_body
from models.store.unit_of_work import Database


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


def meeting_rules_in_force(db: Database) -> MeetingRules:
    """The [meetings] section of the rules recorded in the database; none recorded: the default."""
    content = get_setting(db, RULES_CONTENT)
    if content is None:
        return MeetingRules()
    return load_quorum_rules(content, rules_id=get_setting(db, RULES_ID) or "database")


def plan_meeting(
    db: Database,
    *,
    user: str,
    body: BodyKind,
    term: int | None = None,
    draft: MeetingDraft,
    ordinal: int | None = None,
) -> MeetingRow:
    """A planned meeting of the body's term (`term` = 届次, default the current one) or year."""
    check_meeting_body(body)
    with db.unit_of_work(user) as uow:
        session = uow.session
        body_row = get_body(session, body)
        term_row = None
        year = None
        if body_has_terms(body):
            term_row = find_term(session, body, None, term, default=TermStatus.CURRENT)
        elif term is not None:
            raise DomainError("term_for_party_group", field="term")
        else:
            year = draft.meeting_date.year
        meeting = Meeting(body=body_row, term=term_row, year=year, status=MeetingStatus.PLANNED)
        _apply_header(session, meeting, draft)
        series = series_name(body, term=term_row.ordinal if term_row else None, year=year or 0)
        meeting.ordinal = _ordinal(session, meeting, ordinal, series)
        session.add(meeting)
        try:
            session.flush()
        except IntegrityError as exc:  # another clerk took the same number a moment ago
            raise DomainError("meeting_number_conflict", series=series) from exc
        row = MeetingRow.of(meeting)
        uow.commit()
    return row


def _ordinal(session: Session, meeting: Meeting, wanted: int | None, series: str) -> int:
    run = (
        Meeting.body_id == meeting.body.id,
        Meeting.term_id == meeting.term.id if meeting.term else Meeting.year == meeting.year,
    )
    if wanted is None:
        last = session.scalar(select(func.max(Meeting.ordinal)).where(*run))
        return (last or 0) + 1
    if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 1:
        raise DomainError("meeting_ordinal_invalid", field="ordinal", ordinal=wanted)
    taken = session.scalar(select(Meeting).where(*run, Meeting.ordinal == wanted))
    if taken is not None:
        raise DomainError(
            "meeting_ordinal_taken",
            field="ordinal",
            series=series,
            ordinal=wanted,
            title=title_of(taken),
        )
    return wanted


def _apply_header(session: Session, meeting: Meeting, draft: MeetingDraft) -> None:
    term = meeting.term
    if term is not None and (
        (term.start_date is not None and draft.meeting_date < term.start_date)
        or (term.end_date is not None and draft.meeting_date > term.end_date)
    ):
        raise DomainError(
            "meeting_outside_term",
            field="meeting_date",
            meeting_date=str(draft.meeting_date),
            term=f"{term_display_name(term.ordinal)}{term.body.name}",
            start=str(term.start_date or "……"),
            end=str(term.end_date or "……"),
        )
    if (
        meeting.year is not None
        and meeting.id is not None
        and meeting.year != draft.meeting_date.year
    ):
        raise DomainError(
            "meeting_year_changed",
            field="meeting_date",
            title=title_of(meeting),
            year=draft.meeting_date.year,
        )
    recorder_name = fitted(
        draft.recorder_name, Meeting.recorder_name, field="recorder", label="记录人"
    )
    if recorder_name and draft.recorder_person_id is not None:
        raise DomainError("meeting_recorder_twice", field="recorder")
    meeting.meeting_date = draft.meeting_date
    meeting.starts_at = local_start(draft.meeting_date, draft.start_time)
    meeting.place = fitted(draft.place, Meeting.place, field="place", label="会议地点")
    meeting.host = _person(session, draft.host_person_id, "host")
    meeting.recorder = _person(session, draft.recorder_person_id, "recorder")
    meeting.recorder_name = recorder_name


def _person(session: Session, person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", field=field, person_id=person_id)
    return person


def update_meeting(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    draft: MeetingDraft,
    reason: str | None = None,
) -> MeetingRow:
    """Date, time, place, host, recorder; on final minutes only as an amendment with a reason."""
    with db.unit_of_work(user) as uow, refusing_stale(db, Meeting, meeting_id):
        session = uow.session
        meeting = load_meeting(session, meeting_id)
        open_for_change(meeting, expected_version)
        changing_content(
            session, meeting, reason=reason, apply=lambda: _apply_header(session, meeting, draft)
        )
        row = MeetingRow.of(meeting)
        uow.commit()
    return row


def set_meeting_status(
    db: Database, *, user: str, meeting_id: int, expected_version: int | None, status: str
) -> MeetingRow:
    """planned → held or cancelled; back to planned, unless the minutes are final."""
    new = choice(MeetingStatus, status, "status")
    with db.unit_of_work(user) as uow, refusing_stale(db, Meeting, meeting_id):
        meeting = load_meeting(uow.session, meeting_id)
        ensure_version(meeting, expected_version)
        if new is not meeting.status:
            if new not in MEETING_TRANSITIONS[meeting.status]:
                raise DomainError(
                    "meeting_status_change",
                    field="status",
                    before=status_name(meeting.status),
                    after=status_name(new),
                )
            if is_final(meeting):
                raise final_refusal(meeting, field="status")
            meeting.status = new
            uow.session.flush()
        row = MeetingRow.of(meeting)
        uow.commit()
    return row


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
        return [MeetingRow.of(m) for m in meetings]


def detail_of(session: Session, meeting: Meeting, rules: MeetingRules) -> MeetingDetail:
    posts: dict[int, Position] = {}
    term = roster_term(session, meeting)
    if term is not None:
        posts = dict(
            session.execute(  # type: ignore[arg-type]
                select(Membership.person_id, Membership.position)
                .where(Membership.term_id == term.id)
                .order_by(Membership.id)
            ).all()
        )
    lines = sorted(meeting.attendance, key=lambda a: a.position)
    attendance = tuple(row_of(a, posts) for a in lines)
    return MeetingDetail(
        meeting=MeetingRow.of(meeting),
        agenda=tuple(AgendaItemRow.of(i) for i in sorted(meeting.agenda, key=lambda i: i.position)),
        attendance=attendance,
        minutes=MinutesRow.of(meeting.minutes) if meeting.minutes is not None else None,
        quorum=quorum_of(attendance, rules.quorum_rule(meeting.body.kind)) if attendance else None,
    )


def quorum_of(rows: Iterable[AttendanceRow], rule: QuorumRule) -> QuorumResult:
    """Members only: 应到 all of them (on leave included), 实到 those marked 出席."""
    members = [r for r in rows if r.role is AttendanceRole.MEMBER]
    present = sum(r.status is AttendanceStatus.PRESENT for r in members)
    return quorum(len(members), present, rule)


def get_meeting(db: Database, *, meeting_id: int) -> MeetingDetail:
    rules = meeting_rules_in_force(db)
    with db.session_factory() as session:
        return detail_of(session, load_meeting(session, meeting_id), rules)


def meeting_quorum(db: Database, *, meeting_id: int) -> QuorumResult | None:
    """By the rules in force; None until attendance is recorded."""
    return get_meeting(db, meeting_id=meeting_id).quorum


def set_agenda(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    items: Sequence[AgendaItemDraft],
    reason: str | None = None,
) -> MeetingDetail:
    """The agenda in order; items kept by id keep their summary and decision, others go."""
    rules = meeting_rules_in_force(db)
    with db.unit_of_work(user) as uow, refusing_stale(db, Meeting, meeting_id):
        session = uow.session
        meeting = load_meeting(session, meeting_id)
        open_for_change(meeting, expected_version)
        checked = [_checked_item(position, draft) for position, draft in enumerate(items, 1)]
        existing = {item.id: item for item in meeting.agenda}
        for draft in items:
            if draft.id is not None and draft.id not in existing:
                raise DomainError("agenda_item_unknown", field="agenda", item_id=draft.id)
        keep_decision_items(session, existing, {draft.id for draft in items})

        def apply() -> None:
            kept = []
            for (position, kind, title), draft in zip(checked, items, strict=True):
                item = existing.get(draft.id) if draft.id is not None else None
                if item is None:
                    item = AgendaItem(kind=kind, title=title, position=position)
                item.position, item.kind, item.title = position, kind, title
                kept.append(item)
            meeting.agenda[:] = kept

        changing_content(session, meeting, reason=reason, apply=apply)
        detail = detail_of(session, meeting, rules)
        uow.commit()
    return detail


def _checked_item(position: int, draft: AgendaItemDraft) -> tuple[int, AgendaKind, str]:
    field = f"agenda[{position - 1}]"
    kind = choice(AgendaKind, draft.kind, "kind")
    if kind is None:
        kind = AgendaKind.OTHER
    title = fitted(draft.title, AgendaItem.title, field=f"{field}.title", label="议题名称")
    if not title:
        raise DomainError("agenda_title_blank", field=f"{field}.title", position=position)
    return position, kind, title

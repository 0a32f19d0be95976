"""Planning meetings and numbering them, their header, and their status.

A meeting is numbered as the next in its term (第八届执行理事会第三次会议) or, for the party group,
its year (2026年第3次党组会议); a clerk entering earlier meetings may give the number. A cancelled
meeting keeps its number, so a notice already sent out with it never names two meetings.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import (
    MEETING_TRANSITIONS,
    MeetingStatus,
    local_start,
    series_name,
)
from models.domain.vocabulary import BodyKind, TermStatus, body_has_terms, term_display_name
from models.entities import Meeting, Person
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.meetings._detail import editing_meeting
from models.services.meetings._rows import meeting_row
from models.services.meetings.content import (
    changing_content,
    check_meeting_body,
    choice,
    final_refusal,
    is_final,
    refuse_cancelled,
    status_name,
    title_of,
)
from models.services.meetings.contracts import MeetingDraft, MeetingRow
from models.services.people.terms import find_term, get_body
from models.store.unit_of_work import Database


@guarded("meetings.edit")
def plan_meeting(
    db: Database,
    *,
    user: str,
    body: BodyKind,
    term: int | None = None,
    draft: MeetingDraft,
    number: int | None = None,
) -> MeetingRow:
    """A planned meeting of the body's term (`term` = 届次, default the current one) or year."""
    with db.unit_of_work(user) as uow:
        row = meeting_row(planned(uow.session, body=body, term=term, draft=draft, number=number))
        uow.commit()
    return row


def planned(
    session: Session, *, body: BodyKind, term: int | None, draft: MeetingDraft, number: int | None
) -> Meeting:
    """A new planned meeting, numbered and flushed, in the caller's unit of work."""
    check_meeting_body(body)
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
    apply_header(session, meeting, draft)
    series = series_name(body, term=term_row.ordinal if term_row else None, year=year or 0)
    meeting.ordinal = _number(session, meeting, number, series)
    session.add(meeting)
    try:
        session.flush()
    except IntegrityError as exc:  # another clerk took the same number a moment ago
        raise DomainError("meeting_number_conflict", series=series) from exc
    return meeting


def _number(session: Session, meeting: Meeting, wanted: int | None, series: str) -> int:
    run = (
        Meeting.body_id == meeting.body.id,
        Meeting.term_id == meeting.term.id if meeting.term else Meeting.year == meeting.year,
    )
    if wanted is None:
        last = session.scalar(select(func.max(Meeting.ordinal)).where(*run))
        return (last or 0) + 1
    if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 1:
        raise DomainError("meeting_number_invalid", field="number", number=wanted)
    taken = session.scalar(select(Meeting).where(*run, Meeting.ordinal == wanted))
    if taken is not None:
        raise DomainError(
            "meeting_number_taken",
            field="number",
            series=series,
            number=wanted,
            title=title_of(taken),
        )
    return wanted


def apply_header(session: Session, meeting: Meeting, draft: MeetingDraft) -> None:
    """Set the header from the draft, refusing a date outside the term or the party group's year."""
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


def change_header(
    session: Session, meeting: Meeting, draft: MeetingDraft, reason: str | None
) -> None:
    """The header of an open meeting; on final minutes only as an amendment with a reason."""
    refuse_cancelled(meeting)
    changing_content(
        session, meeting, reason=reason, apply=lambda: apply_header(session, meeting, draft)
    )


@guarded("meetings.edit")
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
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        change_header(session, meeting, draft, reason)
        row = meeting_row(meeting)
    return row


def change_status(session: Session, meeting: Meeting, status: str) -> None:
    """planned → held or cancelled; back to planned, unless the minutes are final."""
    new = choice(MeetingStatus, status, "status")
    if new is None:
        raise DomainError("missing_required", field="status", label="状态")
    if new is meeting.status:
        return
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
    session.flush()


@guarded("meetings.edit")
def set_meeting_status(
    db: Database, *, user: str, meeting_id: int, expected_version: int | None, status: str
) -> MeetingRow:
    """planned → held or cancelled; back to planned, unless the minutes are final."""
    choice(MeetingStatus, status, "status")  # an unknown word is refused before any loading
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        change_status(session, meeting, status)
        row = meeting_row(meeting)
    return row

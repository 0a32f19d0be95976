"""Minutes (会议纪要): written as a draft, made final, and after that only amended with a reason.

The minutes are built from the meeting: its header, one section per agenda item (the summary of
the discussion and the decision) and the attendance. Final locks all of it; an amendment keeps the
text before and after each changed part with who, when and why, for the history and the reprint.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AttendanceRole, MeetingStatus, MinutesStatus
from models.entities import Meeting
from models.services.common.access import guarded
from models.services.meetings._detail import detail_of, editing_meeting, meeting_rules_in_force
from models.services.meetings.content import (
    changing_content,
    final_refusal,
    is_final,
    item_of,
    minutes_of,
    refuse_cancelled,
    status_name,
    title_of,
    touch,
)
from models.services.meetings.contracts import MeetingDetail, MinutesSection
from models.store.unit_of_work import Database


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _write_sections(meeting: Meeting, sections: Sequence[MinutesSection]) -> None:
    for section in sections:
        item = item_of(meeting, section.agenda_item_id)
        item.summary = _text(section.summary)
        item.decision = _text(section.decision)


@guarded("meetings.edit")
def write_minutes(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    sections: Sequence[MinutesSection],
) -> MeetingDetail:
    """Save the draft; final minutes are refused, naming the way (amend_minutes, with a reason)."""
    rules = meeting_rules_in_force(db)
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        write_sections(session, meeting, sections)
        detail = detail_of(session, meeting, rules)
    return detail


def write_sections(session: Session, meeting: Meeting, sections: Sequence[MinutesSection]) -> None:
    """The draft's sections in the caller's unit of work; final minutes are refused."""
    refuse_cancelled(meeting)
    if is_final(meeting):
        raise final_refusal(meeting, field=None)
    for section in sections:
        item_of(meeting, section.agenda_item_id)
    minutes_of(session, meeting)
    changing_content(
        session, meeting, reason=None, apply=lambda: _write_sections(meeting, sections)
    )
    touch(session, meeting)


@guarded("meetings.finalise")
def finalise_minutes(
    db: Database, *, user: str, meeting_id: int, expected_version: int | None
) -> MeetingDetail:
    """draft → final, once the meeting was held and its attendance and every section are in."""
    rules = meeting_rules_in_force(db)
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        refuse_cancelled(meeting)
        title = title_of(meeting)
        if is_final(meeting):
            raise final_refusal(meeting, field=None)
        if meeting.status is not MeetingStatus.HELD:
            raise DomainError(
                "minutes_not_held", field="status", title=title, status=status_name(meeting.status)
            )
        if not any(a.role is AttendanceRole.MEMBER for a in meeting.attendance):
            raise DomainError("minutes_no_attendance", field="attendance", title=title)
        if not meeting.agenda:
            raise DomainError("minutes_no_agenda", field="agenda", title=title)
        for item in sorted(meeting.agenda, key=lambda i: i.position):
            if not (item.summary or item.decision):
                raise DomainError(
                    "minutes_section_empty",
                    field=f"agenda[{item.position - 1}]",
                    position=item.position,
                    agenda_title=item.title,
                )
        minutes = minutes_of(session, meeting)
        minutes.status = MinutesStatus.FINAL
        minutes.finalised_at = session.info["now"]()
        minutes.finalised_by = user
        touch(session, meeting)
        session.flush()
        detail = detail_of(session, meeting, rules)
    return detail


@guarded("meetings.edit")
def amend_minutes(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    sections: Sequence[MinutesSection],
    reason: str,
) -> MeetingDetail:
    """Change sections of final minutes: each changed part is kept before and after, with the
    reason, and the reprint shows it. Drafts are simply rewritten (write_minutes)."""
    rules = meeting_rules_in_force(db)
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        amend_sections(session, meeting, sections, reason)
        detail = detail_of(session, meeting, rules)
    return detail


def amend_sections(
    session: Session, meeting: Meeting, sections: Sequence[MinutesSection], reason: str
) -> None:
    """Final minutes' sections in the caller's unit of work, each change kept as an amendment."""
    refuse_cancelled(meeting)
    if not is_final(meeting):
        raise DomainError("minutes_not_final")
    if not (reason or "").strip():
        raise DomainError("minutes_reason_required", field="reason")
    for section in sections:
        item_of(meeting, section.agenda_item_id)
    changed = changing_content(
        session, meeting, reason=reason, apply=lambda: _write_sections(meeting, sections)
    )
    if not changed:
        raise DomainError("minutes_no_change", field="sections")

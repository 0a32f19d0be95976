"""Saving the meeting editor: every changed part in one unit of work, all of it or nothing.

The parts are applied with the same checks as their own commands (planning, agenda, attendance,
minutes), in an order the rules accept: a change of status first (a cancelled meeting must be
reopened before it is edited), except cancelling, which comes last (a cancelled meeting takes no
more edits). A refusal of any part rolls back every part.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.domain.meeting_vocabulary import MeetingStatus
from models.domain.vocabulary import BodyKind
from models.services.common.access import guarded
from models.services.meetings._detail import detail_of, editing_meeting, meeting_rules_in_force
from models.services.meetings.commands.agenda import change_agenda
from models.services.meetings.commands.attendance import change_attendance
from models.services.meetings.commands.minutes import amend_sections, write_sections
from models.services.meetings.commands.planning import change_header, change_status, planned
from models.services.meetings.content import choice, is_final, load_meeting
from models.services.meetings.contracts import (
    AgendaItemDraft,
    AttendanceDraft,
    MeetingDetail,
    MeetingDraft,
    MinutesSection,
)
from models.store.unit_of_work import Database


@guarded("meetings.edit")
def create_meeting(
    db: Database,
    *,
    user: str,
    body: BodyKind,
    term: int | None = None,
    header: MeetingDraft,
    number: int | None = None,
    agenda: Sequence[AgendaItemDraft] = (),
) -> MeetingDetail:
    """A new planned meeting with its first agenda, in one unit of work."""
    rules = meeting_rules_in_force(db)
    with db.unit_of_work(user) as uow:
        session = uow.session
        meeting = planned(session, body=body, term=term, draft=header, number=number)
        meeting = load_meeting(session, meeting.id)
        if agenda:
            change_agenda(session, meeting, agenda, None)
        detail = detail_of(session, meeting, rules)
        uow.commit()
    return detail


@guarded("meetings.edit")
def save_meeting(
    db: Database,
    *,
    user: str,
    meeting_id: int,
    expected_version: int | None,
    status: str | None = None,
    header: MeetingDraft | None = None,
    agenda: Sequence[AgendaItemDraft] | None = None,
    attendance: Sequence[AttendanceDraft] | None = None,
    minutes: Sequence[MinutesSection] | None = None,
    reason: str | None = None,
) -> MeetingDetail:
    """The parts given (None: unchanged); on final minutes only as an amendment with a reason.

    Minutes sections name agenda items that exist once the agenda part is applied.
    """
    rules = meeting_rules_in_force(db)
    cancelling = status is not None and (
        choice(MeetingStatus, status, "status") is MeetingStatus.CANCELLED
    )
    with editing_meeting(db, user, meeting_id, expected_version) as (session, meeting):
        if status is not None and not cancelling:
            change_status(session, meeting, status)
        if header is not None:
            change_header(session, meeting, header, reason)
        if agenda is not None:
            change_agenda(session, meeting, agenda, reason)
        if attendance is not None:
            change_attendance(session, meeting, attendance, reason)
        if minutes is not None:
            if is_final(meeting):
                amend_sections(session, meeting, minutes, reason or "")
            else:
                write_sections(session, meeting, minutes)
        if status is not None and cancelling:
            change_status(session, meeting, status)
        detail = detail_of(session, meeting, rules)
    return detail

"""What the meeting windows ask of the core: typed one-line operations bound to the AppContext.

Imported with the meeting windows (opened from the menu), never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from models.domain.quorum import QuorumRule
from models.domain.vocabulary import BodyKind
from models.services.common.changes import Outcome
from models.services.meetings import queries
from models.services.meetings.commands import minutes, saving
from models.services.meetings.contracts import (
    AgendaItemDraft,
    AssociationAttendanceReport,
    AttendanceDraft,
    MeetingDetail,
    MeetingDraft,
    MeetingRow,
    MeetingWorkbench,
    MinutesSection,
)

if TYPE_CHECKING:
    from models.services.common.context import AppContext

# --- queries -------------------------------------------------------------------------------------


def meetings(ctx: AppContext, *, body: BodyKind, term: int | None) -> list[MeetingRow]:
    return queries.list_meetings(ctx.db, body=body, term=term)


def meeting_workbench(ctx: AppContext, *, meeting_id: int, term_id: int) -> MeetingWorkbench:
    return queries.meeting_workbench(ctx.db, meeting_id=meeting_id, term_id=term_id)


def hosts(ctx: AppContext, *, term_id: int) -> tuple[tuple[int, str], ...]:
    return queries.hosts(ctx.db, term_id=term_id)


def quorum_rule(ctx: AppContext, *, body: BodyKind) -> QuorumRule:
    return queries.quorum_rule(ctx.db, body=body)


def association_report(ctx: AppContext, *, year: int) -> AssociationAttendanceReport:
    return queries.association_attendance_report(ctx.db, year=year)


# --- commands ------------------------------------------------------------------------------------


def create_meeting(
    ctx: AppContext,
    *,
    body: BodyKind,
    term: int | None,
    header: MeetingDraft,
    number: int | None,
    agenda: Sequence[AgendaItemDraft],
) -> Outcome[MeetingDetail]:
    return ctx.command(
        lambda db, user: saving.create_meeting(
            db, user=user, body=body, term=term, header=header, number=number, agenda=agenda
        )
    )


def save_meeting(
    ctx: AppContext,
    *,
    meeting_id: int,
    expected_version: int | None,
    status: str | None,
    header: MeetingDraft | None,
    agenda: Sequence[AgendaItemDraft] | None,
    attendance: Sequence[AttendanceDraft] | None,
    minutes: Sequence[MinutesSection] | None,
    reason: str | None,
) -> Outcome[MeetingDetail]:
    return ctx.command(
        lambda db, user: saving.save_meeting(
            db,
            user=user,
            meeting_id=meeting_id,
            expected_version=expected_version,
            status=status,
            header=header,
            agenda=agenda,
            attendance=attendance,
            minutes=minutes,
            reason=reason,
        )
    )


def finalise_minutes(
    ctx: AppContext, *, meeting_id: int, expected_version: int | None
) -> Outcome[MeetingDetail]:
    return ctx.command(
        lambda db, user: minutes.finalise_minutes(
            db, user=user, meeting_id=meeting_id, expected_version=expected_version
        )
    )

"""Saving a meeting: one service call per changed part, run one after another on the lane.

Each part (status, header, agenda, attendance, minutes) is its own command with its own
transaction, carrying the version the previous one returned. A refusal stops the run: the parts
saved so far stay saved, the rest keeps what the clerk typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from models.domain.meeting_vocabulary import MeetingStatus

# Which tab shows a part, for naming unsaved work and pointing at a refusal.
HEADER, AGENDA, ATTENDANCE, MINUTES = "header", "agenda", "attendance", "minutes"


@dataclass(frozen=True)
class Step:
    part: str
    # Given the meeting id and the current version, the work to run on the lane.
    work: Callable[[int | None, int | None], Callable[[], Any]]


def version_of(result: Any) -> int:
    """Services answer with a MeetingRow or a MeetingDetail."""
    return getattr(result, "meeting", result).version


def meeting_steps(editor: Any, backend: Any) -> list[Step]:
    """The commands the editor's unsaved parts need, in an order the rules accept.

    A change of status comes first (a cancelled meeting must be reopened before it is edited),
    except cancelling, which comes last (a cancelled meeting takes no more edits).
    """
    reason = editor.amend_reason
    header, agenda, attendance, minutes = (
        editor.header,
        editor.agenda,
        editor.attendance,
        editor.minutes,
    )
    steps: list[Step] = []
    if editor.meeting_id is None:
        kind, ordinal = editor.kind, editor.term.term
        draft, number = header.draft(), header.number_value()
        steps.append(
            Step(HEADER, lambda _m, _v: lambda: backend.plan_meeting(kind, ordinal, draft, number))
        )
        if agenda.items():
            items = agenda.items()
            steps.append(Step(AGENDA, lambda m, v: lambda: backend.set_agenda(m, v, items, None)))
        return steps
    status = header.status_value()
    status_step = Step(HEADER, lambda m, v: lambda: backend.set_meeting_status(m, v, status))
    cancelling = status == MeetingStatus.CANCELLED.value
    if header.is_status_dirty() and not cancelling:
        steps.append(status_step)
    if header.is_header_dirty():
        draft = header.draft()
        steps.append(Step(HEADER, lambda m, v: lambda: backend.update_meeting(m, v, draft, reason)))
    if agenda.is_dirty():
        items = agenda.items()
        steps.append(Step(AGENDA, lambda m, v: lambda: backend.set_agenda(m, v, items, reason)))
    if attendance.is_dirty():
        lines = attendance.drafts()
        steps.append(
            Step(ATTENDANCE, lambda m, v: lambda: backend.record_attendance(m, v, lines, reason))
        )
    if minutes.is_dirty():

        def write(m: int | None, v: int | None) -> Callable[[], Any]:
            # Read when the step starts: an agenda saved just before may have removed items.
            kept = editor.saved_item_ids()
            sections = [s for s in minutes.section_drafts() if s.agenda_item_id in kept]
            if editor.is_final():
                return lambda: backend.amend_minutes(m, v, sections, reason or "")
            return lambda: backend.write_minutes(m, v, sections)

        steps.append(Step(MINUTES, write))
    if header.is_status_dirty() and cancelling:
        steps.append(status_step)
    return steps

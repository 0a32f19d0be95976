"""Which of the meeting editor's buttons each role may press (views/permissions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from views.meetings.meeting_editor import MeetingEditor
    from views.permissions import Gate


def gate_meeting_editor(editor: MeetingEditor, gate: Gate) -> bool:
    """A reader opens a meeting to read it: every part stays locked (the editor's _apply_lock
    asks the answer, True when the role may edit), and the buttons that would change it say why
    they are greyed. A leader may finalise the minutes without editing them when the rules file
    says leaders sign off."""
    for button in (
        editor.save_button,
        editor.amend_button,
        editor.stop_amend_button,
        editor.agenda.add_button,
        editor.agenda.remove_button,
        editor.agenda.up_button,
        editor.agenda.down_button,
        editor.attendance.all_present,
        editor.attendance.present_button,
        editor.attendance.leave_button,
        editor.attendance.absent_button,
        editor.attendance.guest_button,
        editor.attendance.remove_button,
    ):
        gate(button, "meetings.edit")
    gate(editor.minutes.finalise_button, "meetings.finalise")
    gate(editor.signin_button, "papers.print")
    gate(editor.print_minutes_button, "papers.print")
    return gate.allowed("meetings.edit")

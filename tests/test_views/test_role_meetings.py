"""Meetings, slates and 三重一大 as a 只读 clerk, a leader (with and without the rules' say) and
the secretariat: a reader opens a meeting and finds it locked, a leader may finalise minutes only
when the rules file says leaders sign, and printing stays with every role that may print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.domain.roles import Role
from views.decisions.decision_list import DecisionList

from .helpers import WindowHarness
from .meeting_support import open_list, open_meeting
from .roles_support import as_role, assert_not_refused, assert_refused
from .test_slate_editor import open_editor

MEETING = "第七届主席团第八次会议"  # held, minutes not final in the demo


def sign_in(h: WindowHarness, role: Role, **account: object) -> None:
    h.window.ctx = as_role(h.ctx, role, **account)  # type: ignore[arg-type]


def test_a_reader_opens_a_meeting_locked(harness: WindowHarness) -> None:
    h = harness
    sign_in(h, Role.READONLY)
    meetings = open_list(h, "主席团")
    assert_refused(meetings.new_button, Role.READONLY, "meetings.edit")
    assert_not_refused([meetings.open_button, meetings.signin_button, meetings.minutes_button])
    editor = open_meeting(h, meetings, MEETING)
    assert_refused(editor.save_button, Role.READONLY, "meetings.edit")
    assert_refused(editor.minutes.finalise_button, Role.READONLY, "meetings.finalise")
    for button in (editor.agenda.add_button, editor.attendance.all_present):
        assert_refused(button, Role.READONLY, "meetings.edit")
    assert editor.header.place.isReadOnly() and not editor.header.host.isEnabled()
    summary, _decision = editor.minutes.editors(0)
    assert summary.isReadOnly()
    agenda = editor.agenda.model
    assert not agenda.flags(agenda.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not editor.is_dirty()
    editor.close()


@pytest.mark.parametrize("leader_signs", [False, True])
def test_a_leader_finalises_minutes_only_when_the_rules_say_so(
    harness: WindowHarness, leader_signs: bool
) -> None:
    h = harness
    sign_in(h, Role.LEADER, leader_signs=leader_signs)
    editor = open_meeting(h, open_list(h, "主席团"), MEETING)
    assert_refused(editor.save_button, Role.LEADER, "meetings.edit")
    finalise = editor.minutes.finalise_button
    if leader_signs:
        assert_not_refused([finalise])
        assert finalise.isEnabled()
    else:
        assert_refused(finalise, Role.LEADER, "meetings.finalise")
    editor._update_state()  # what every edit and save does: enables by state, not by role
    assert finalise.isEnabled() is leader_signs
    editor.close()


def test_the_secretariat_edits_meetings(harness: WindowHarness) -> None:
    h = harness
    sign_in(h, Role.SECRETARIAT)
    editor = open_meeting(h, open_list(h, "主席团"), MEETING)
    assert_not_refused([editor.save_button, editor.minutes.finalise_button])
    assert editor.save_button.isEnabled() and not editor.header.place.isReadOnly()
    editor.close()


def test_a_reader_checks_a_slate_but_saves_nothing(harness: WindowHarness) -> None:
    h = harness
    sign_in(h, Role.READONLY)
    editor = open_editor(h, "代表大会")
    assert_refused(editor.import_button, Role.READONLY, "slates.import")
    assert_refused(editor.save_button, Role.READONLY, "slates.apply_trial")
    assert_refused(editor.save_action, Role.READONLY, "slates.apply_trial")
    assert_not_refused([editor.print_list_button, editor.reset_button, editor.try_button])
    editor.save_action.setEnabled(editor.can_save())  # what a what-if toggle does
    assert_refused(editor.save_button, Role.READONLY, "slates.apply_trial")
    editor.close()


def test_decisions_are_read_by_a_reader_and_registered_by_the_secretariat(
    harness: WindowHarness,
) -> None:
    h = harness
    sign_in(h, Role.READONLY)
    h.window.decisions_action.trigger()
    window = next(iter(h.window.findChildren(DecisionList)))
    h.idle()
    assert_refused(window.new_button, Role.READONLY, "decisions.edit")
    assert_refused(window.emergency_button, Role.READONLY, "decisions.edit")
    assert_not_refused([window.print_button, window.open_button])
    assert window.model.rowCount() > 0
    window.table.selectRow(0)
    detail = window.open_decision()
    assert detail is not None
    h.idle()
    for key, button in detail.buttons.items():
        if key == "print":
            assert_not_refused([button])
        else:
            assert_refused(button, Role.READONLY, "decisions.edit")
    for button in (detail.steps.record_button, detail.steps.attach_button):
        assert_refused(button, Role.READONLY, "decisions.edit")
    detail.close()
    window.close()

"""Attendance in the meeting editor: the grid, the quorum line, leave, guests, refusals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from models.domain.meeting_vocabulary import AttendanceRole, AttendanceStatus
from views.meetings.attendance_table_model import REASON, STATUS

from .helpers import ModalAnswerer, WindowHarness, shot, type_text, unnamed_focusable
from .meeting_support import (
    open_list,
    open_meeting,
    plan_council_meeting,
    saved,
    select_rows,
    with_modals,
)


def test_all_present_then_two_on_leave_updates_the_quorum_and_saves(harness: WindowHarness):
    h = harness
    editor = plan_council_meeting(h, open_list(h, "执行理事会"))
    panel = editor.attendance
    editor.tabs.setCurrentWidget(panel)
    model = panel.model
    # Start from a grid with someone away, then "全部出席" by the keyboard.
    model.mark([0, 1, 2], AttendanceStatus.ABSENT)
    assert "实到12人" in panel.quorum.text()
    editor.activateWindow()
    h.qtbot.waitUntil(editor.isActiveWindow)
    panel.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    h.qtbot.keyClick(panel.view, Qt.Key.Key_A, ctrl_shift)
    # A button's shortcut clicks it the way a mouse would, a moment later.
    h.qtbot.waitUntil(lambda: "实到15人" in panel.quorum.text(), timeout=2000)
    assert {r.status for r in panel.rows()} == {
        AttendanceStatus.PRESENT,
        AttendanceStatus.ATTENDING,
    }
    assert panel.quorum.text().startswith("✓ 应到15人，实到15人")
    # Two members on leave, each with a reason typed in the grid.
    members = [i for i, r in enumerate(panel.rows()) if r.role is AttendanceRole.MEMBER]
    for row, reason in ((members[3], "出差"), (members[7], "因病请假")):
        select_rows(panel.view, [row])
        panel.leave_button.click()
        assert model.index(row, STATUS).data() == "请假"
        assert model.setData(model.index(row, REASON), reason)
    assert "应到15人，实到13人" in panel.quorum.text()
    assert "符合开会要求" in panel.quorum.text() and "不符合" not in panel.quorum.text()
    # 列席 never counts: the association heads away changes nothing.
    heads = [i for i, r in enumerate(panel.rows()) if r.role is AttendanceRole.ATTENDEE]
    model.mark(heads, AttendanceStatus.ABSENT)
    assert "应到15人，实到13人" in panel.quorum.text()
    model.mark(heads, AttendanceStatus.PRESENT)
    assert "另有列席5人，不计入" in panel.quorum.text()
    shot(editor, "meeting-new-council-attendance")

    editor.save()
    h.idle()
    assert editor.message.text() == "已保存。"
    lines = saved(h, editor.meeting_id).attendance
    assert len(lines) == 20
    assert sorted(r.leave_reason for r in lines if r.status is AttendanceStatus.LEAVE) == [
        "出差",
        "因病请假",
    ]
    attendees = [r for r in lines if r.role is AttendanceRole.ATTENDEE]
    assert [r.status for r in attendees] == [AttendanceStatus.ATTENDING] * 5
    assert "（未保存）" not in "".join(editor.tabs.tabText(i) for i in range(4))
    assert "出席情况已登记" in panel.note.text()


def test_exactly_half_present_is_not_a_quorum_by_the_default_rule(harness: WindowHarness):
    h = harness
    window = open_list(h, "主席团")
    editor = open_meeting(h, window, "第七届主席团第八次会议")
    panel = editor.attendance
    members = [i for i, r in enumerate(panel.rows()) if r.role is AttendanceRole.MEMBER]
    assert len(members) == 36
    panel.model.mark(members[:18], AttendanceStatus.ABSENT)
    assert panel.quorum.text() == ("✗ 应到36人，实到18人，未超过半数（至少需19人），不符合开会要求")
    panel.model.mark(members[:1], AttendanceStatus.PRESENT)
    assert panel.quorum.text().startswith("✓ 应到36人，实到19人，超过半数")


def test_a_leave_without_reason_is_refused_and_the_grid_keeps_what_was_typed(
    harness: WindowHarness,
):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    before = saved(h, editor.meeting_id)
    # The header and the agenda change too: saved in the same command, so refused with it.
    editor.header.place.setText("区会议中心")
    editor.agenda.add_item()
    editor.agenda.model.setData(editor.agenda.model.index(1, 2), "临时动议")
    panel = editor.attendance
    panel.model.mark([4], AttendanceStatus.LEAVE)
    panel.model.mark([5], AttendanceStatus.ABSENT)
    name = panel.rows()[4].name
    editor.save()
    h.idle()
    assert editor.message.text() == f"错误：{name}请假，请填写请假原因。"
    assert editor.tabs.currentWidget() is panel
    assert panel.view.currentIndex().row() == 4
    assert panel.view.currentIndex().column() == REASON
    assert panel.rows()[5].status is AttendanceStatus.ABSENT
    assert saved(h, editor.meeting_id) == before, "nothing half-written"
    assert editor.header.place.text() == "区会议中心"
    assert editor.agenda.model.rowCount() == 2
    assert set(editor.dirty_parts()) == {"header", "agenda", "attendance"}


def test_a_guest_is_added_by_name_organisation_and_post_and_never_counted(
    harness: WindowHarness,
):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    panel = editor.attendance
    before = panel.quorum.text()
    problems: list[str] = []

    def fill(dialog: Any) -> None:
        assert unnamed_focusable(dialog) == []
        shot(dialog, "meeting-guest-dialog")
        dialog.ok_button().click()
        problems.append(dialog.message.text())
        type_text(h.qtbot, dialog.name, "郝立新")
        type_text(h.qtbot, dialog.organisation, "区财政局")
        type_text(h.qtbot, dialog.post, "社会保障科科长")
        dialog.ok_button().click()

    with_modals(ModalAnswerer(answer=fill), panel.guest_button.click)
    assert problems == ["错误：请填写姓名。"]
    guest = panel.rows()[-1]
    assert (guest.name, guest.post, guest.role) == (
        "郝立新",
        "区财政局社会保障科科长",
        AttendanceRole.ATTENDEE,
    )
    assert panel.model.index(panel.model.rowCount() - 1, 2).data() == "列席（人员库外）"
    assert panel.quorum.text() == before + "（另有列席1人，不计入）"
    editor.save()
    h.idle()
    guests = [r for r in saved(h, editor.meeting_id).attendance if r.is_guest]
    assert [(r.name, r.guest_organisation, r.guest_post, r.role, r.status) for r in guests] == [
        (
            "郝立新",
            "区财政局",
            "社会保障科科长",
            AttendanceRole.ATTENDEE,
            AttendanceStatus.ATTENDING,
        )
    ]

"""Minutes in the meeting editor: written, finalised, locked, and amended only with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from models.domain.meeting_vocabulary import MeetingStatus, MinutesStatus
from views.meetings.attendance_table_model import STATUS

from .helpers import ModalAnswerer, WindowHarness, shot, type_text
from .meeting_support import answer_yes, open_list, open_meeting, saved, with_modals


def test_minutes_are_written_finalised_locked_and_amended_only_with_a_reason(
    harness: WindowHarness,
):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    meeting_id = editor.meeting_id
    header = editor.header
    header.status.setCurrentIndex(header.status.findData("held"))
    editor.attendance.all_present.click()
    summary, decision = editor.minutes.editors(0)
    summary.setPlainText("会议审议了代表资格审查报告。")
    decision.setPlainText("会议通过代表资格审查报告。")
    assert "纪要（未保存）" in [editor.tabs.tabText(i) for i in range(4)]
    editor.save()
    h.idle()
    assert editor.message.text() == "已保存。"
    detail = saved(h, meeting_id)
    assert detail.minutes is not None and detail.minutes.status is MinutesStatus.DRAFT
    assert detail.meeting.status is MeetingStatus.HELD and detail.quorum is not None
    assert [i.decision for i in detail.agenda] == ["会议通过代表资格审查报告。"]
    assert editor.minutes.finalise_button.isEnabled()

    answerer = ModalAnswerer(answer=answer_yes)
    with_modals(answerer, editor.minutes.finalise_button.click)
    h.idle()
    assert answerer.seen[0]["title"] == "纪要定稿"
    final = saved(h, meeting_id).minutes
    assert final is not None and final.status is MinutesStatus.FINAL
    # Final locks every part: texts read-only, grid and agenda not editable, a way to amend.
    summary, decision = editor.minutes.editors(0)
    assert summary.isReadOnly() and decision.isReadOnly()
    grid = editor.attendance.model
    assert not grid.flags(grid.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert not editor.attendance.all_present.isEnabled()
    assert not editor.agenda.add_button.isEnabled()
    assert editor.header.place.isReadOnly()
    assert editor.amend_button.isVisible() and "已定稿" in editor.lock.text()
    assert not editor.minutes.finalise_button.isEnabled()

    # Amending without a reason is refused by the dialog itself.
    refused: list[str] = []

    def blank_then_cancel(dialog: Any) -> None:
        dialog.ok_button().click()
        refused.append(dialog.message.text())
        dialog.reject()

    with_modals(ModalAnswerer(answer=blank_then_cancel), editor.amend_button.click)
    assert refused == ["错误：修正已定稿的纪要，须填写修正原因。"]
    assert editor.amend_reason is None and decision.isReadOnly()

    def give_reason(dialog: Any) -> None:
        type_text(h.qtbot, dialog.reason, "经主持人核对，补充决定事项")
        dialog.ok_button().click()

    with_modals(ModalAnswerer(answer=give_reason), editor.amend_button.click)
    assert editor.amend_reason == "经主持人核对，补充决定事项"
    assert not decision.isReadOnly()
    assert "正在修正" in editor.lock.text()
    decision.setPlainText("会议通过代表资格审查报告，确认代表资格有效。")
    editor.save()
    h.idle()
    assert editor.message.text() == "已保存。"
    amended = saved(h, meeting_id).minutes
    assert amended is not None
    assert [(a.reason, a.before, a.after) for a in amended.amendments] == [
        (
            "经主持人核对，补充决定事项",
            "会议通过代表资格审查报告。",
            "会议通过代表资格审查报告，确认代表资格有效。",
        )
    ]
    # Locked again, the amendment in the history.
    assert editor.amend_reason is None and editor.minutes.editors(0)[1].isReadOnly()
    history = editor.minutes.history_model
    assert history.rowCount() == 1
    assert history.index(0, 2).data() == "经主持人核对，补充决定事项"
    assert "修正 1 处" in editor.minutes.state.text()
    editor.tabs.setCurrentWidget(editor.minutes)
    assert editor.minutes.history_box.isVisible()
    shot(editor, "meeting-editor-minutes-amended")

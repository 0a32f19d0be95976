"""The meeting editor: planning a new meeting, the header, the agenda, status, stale saves, printing."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest

from models.domain.meeting_vocabulary import AttendanceRole, AttendanceStatus, MeetingStatus
from models.services.meetings.commands.planning import update_meeting
from models.services.meetings.contracts import MeetingDraft
from models.store.unit_of_work import open_database
from views.documents.preview import PaperPreview
from views.meetings.reason_dialog import ReasonDialog
from views.ops import papers as papers_ops

from .helpers import ModalAnswerer, WindowHarness, shot, sqlite_url, type_text, unnamed_focusable
from .meeting_support import (
    COUNCIL_7,
    fake_writer,
    open_list,
    open_meeting,
    plan_council_meeting,
    ready,
    saved,
    with_modals,
)


def test_new_council_meeting_is_planned_and_its_grid_prefilled(harness: WindowHarness):
    h = harness
    window = open_list(h, "执行理事会")
    editor = plan_council_meeting(h, window)
    assert editor.title.text() == "第七届执行理事会第十五次会议"
    meeting = saved(h, editor.meeting_id).meeting
    assert (meeting.place, meeting.number, meeting.start_time) == (
        "区残联三楼会议室",
        15,
        time(9, 30),
    )
    assert [i.title for i in saved(h, editor.meeting_id).agenda] == ["审议2026年第四季度工作安排"]
    rows = editor.attendance.rows()
    members = [r for r in rows if r.role is AttendanceRole.MEMBER]
    attendees = [r for r in rows if r.role is AttendanceRole.ATTENDEE]
    assert len(members) == 15
    assert all(r.status is AttendanceStatus.PRESENT for r in members)
    assert len(attendees) == 5
    assert all(r.status is AttendanceStatus.ATTENDING for r in attendees)
    assert sorted(r.post for r in attendees) == sorted(
        f"{a}主席"
        for a in (
            "盲人协会",
            "聋人协会",
            "肢残人协会",
            "智力残疾人及亲友协会",
            "精神残疾人及亲友协会",
        )
    )
    assert "尚未登记出席情况" in editor.attendance.note.text()
    # A proposal is not saved by saving something else: the clerk confirms it first.
    assert "出席情况" in [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert not editor.is_dirty()
    editor.save()
    assert editor.message.text().startswith("没有需要保存的修改。出席情况仍是按名单生成的建议")
    # The new meeting shows in the list at once.
    h.qtbot.waitUntil(lambda: window.model.rowCount() == 7, timeout=10_000)


def test_a_stale_save_names_who_changed_the_meeting_and_offers_to_reload(
    harness: WindowHarness,
):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    db = open_database(sqlite_url(h.db_path))
    try:
        row = editor.meeting()
        update_meeting(
            db,
            user="other_clerk",
            meeting_id=editor.meeting_id,
            expected_version=row.version,
            draft=MeetingDraft(meeting_date=row.meeting_date, place="区残联五楼会议室"),
        )
    finally:
        db.engine.dispose()
    editor.header.place.setText("区会议中心")
    answerer = ModalAnswerer(button="重新载入")
    with_modals(answerer, lambda: (editor.save(), h.idle()))
    h.idle()
    assert answerer.seen and answerer.seen[0]["title"] == "会议已被修改"
    assert "other_clerk" in answerer.seen[0]["text"]
    assert editor.header.place.text() == "区残联五楼会议室"
    assert saved(h, editor.meeting_id).meeting.place == "区残联五楼会议室"
    assert not editor.is_dirty()


def test_every_control_of_the_editor_has_an_accessible_name(harness: WindowHarness):
    h = harness
    window = open_list(h, "执行理事会")
    editor = open_meeting(h, window, "第七届执行理事会第十次会议")
    names = {"header": "会议信息", "agenda": "议题", "attendance": "出席情况", "minutes": "纪要"}
    for index, name in enumerate(names):
        editor.tabs.setCurrentIndex(index)
        assert unnamed_focusable(editor) == [], name
        shot(editor, f"meeting-editor-{name}")
    new = ready(h, window.new_meeting())
    assert unnamed_focusable(new) == []
    dialog = ReasonDialog("第七届执行理事会第十次会议", editor)
    h.qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_focusable(dialog) == []
    shot(dialog, "meeting-reason-dialog")


def test_closing_the_main_window_asks_an_editor_with_unsaved_work_first(harness: WindowHarness):
    h = harness
    window = open_list(h, "主席团")
    editor = open_meeting(h, window, "第七届主席团第八次会议")
    editor.header.place.setText("区会议中心")
    asked: list[str] = []

    def keep() -> bool:
        asked.append("keep")
        return False

    editor.confirm_discard = keep  # type: ignore[method-assign]
    h.window.close()
    assert asked == ["keep"]
    assert h.window.isVisible() and editor.isVisible()
    assert editor.header.place.text() == "区会议中心"
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]


def test_a_cancelled_meeting_is_locked_until_it_is_planned_again(harness: WindowHarness):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    status = editor.header.status
    status.setCurrentIndex(status.findData("cancelled"))
    editor.save()
    h.idle()
    assert saved(h, editor.meeting_id).meeting.status is MeetingStatus.CANCELLED
    assert editor.lock.text().startswith("【已取消】")
    assert not editor.agenda.add_button.isEnabled()
    assert editor.header.place.isReadOnly() and editor.header.status.isEnabled()
    status.setCurrentIndex(status.findData("planned"))
    editor.save()
    h.idle()
    assert saved(h, editor.meeting_id).meeting.status is MeetingStatus.PLANNED
    assert editor.agenda.add_button.isEnabled() and not editor.header.place.isReadOnly()


def test_a_wrong_time_is_refused_before_saving_and_the_form_keeps_it(harness: WindowHarness):
    h = harness
    editor = ready(h, open_list(h, "执行理事会").new_meeting())
    editor.header.start_time.setText("25:70")
    type_text(h.qtbot, editor.header.place, "区残联三楼会议室")
    editor.save()
    assert editor.message.text() == "错误：时间应写成“时:分”，如 9:30 或 14:00。"
    assert editor.header.start_time.property("invalid") is True
    assert editor.header.start_time.text() == "25:70"
    assert editor.header.place.text() == "区残联三楼会议室"
    assert editor.meeting_id is None


def test_agenda_items_are_added_reordered_removed_and_saved_in_order(harness: WindowHarness):
    h = harness
    editor = open_meeting(h, open_list(h, "主席团"), "第七届主席团第八次会议")
    panel, model = editor.agenda, editor.agenda.model
    (kept,) = saved(h, editor.meeting_id).agenda
    kept_id = kept.id
    panel.add_item()
    model.setData(model.index(1, 1), "提案")
    model.setData(model.index(1, 2), "2026年度主席团委员提案办理情况")
    panel.add_item()
    model.setData(model.index(2, 2), "临时动议")
    panel.view.setCurrentIndex(model.index(1, 2))
    panel.up_button.click()
    assert [model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]
    assert model.index(0, 2).data() == "2026年度主席团委员提案办理情况"
    panel.view.setCurrentIndex(model.index(2, 2))
    panel.remove_button.click()
    assert "议题（未保存）" in [editor.tabs.tabText(i) for i in range(4)]
    editor.save()
    h.idle()
    rows = saved(h, editor.meeting_id).agenda
    assert [(r.position, r.kind.value, r.title) for r in rows] == [
        (1, "提案", "2026年度主席团委员提案办理情况"),
        (2, "其他", "审议区残联第八次代表大会代表资格审查报告"),
    ]
    assert rows[1].id == kept_id  # the saved item kept its identity
    # The minutes tab now has a section for each saved item.
    assert editor.minutes.editors(1)[0].accessibleName() == "第2项议题的讨论情况"


def test_printing_from_the_editor_previews_the_written_pdf_and_saves_docx_on_the_lane(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    h = harness
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(papers_ops, "write_paper", fake_writer(calls))
    editor = open_meeting(h, open_list(h, "执行理事会"), COUNCIL_7[0])
    editor.signin_button.click()
    h.idle()
    h.qtbot.waitUntil(lambda: editor.last_preview is not None, timeout=10_000)
    preview = editor.last_preview
    assert isinstance(preview, PaperPreview)
    assert preview.page_count() == 1
    assert preview.windowTitle() == "打印预览 — 第七届执行理事会第九次会议签到表"
    assert calls[0]["paper"] == "signin" and calls[0]["fmt"] == "pdf"
    assert calls[0]["meeting_id"] == editor.meeting_id
    assert unnamed_focusable(preview) == []
    preview.save_docx(tmp_path / "签到表.docx")
    h.idle()
    assert (tmp_path / "签到表.docx").read_bytes() == b"docx"
    assert calls[1]["fmt"] == "docx" and calls[1]["paper"] == "signin"
    assert "已另存为 Word" in preview.pages.text()
    pdf = calls[0]["path"]
    assert pdf.exists()
    preview.reject()
    h.qtbot.waitUntil(lambda: not pdf.exists(), timeout=5000)

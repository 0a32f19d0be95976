"""The meetings window on the demo: the list, the party group by year, the associations' report."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from views.meetings.attendance_table_model import STATUS
from views.meetings.meeting_editor import MeetingEditor
from views.ops import papers as papers_ops

from .helpers import WindowHarness, shot, unnamed_focusable
from .meeting_support import (
    COUNCIL_7,
    fake_writer,
    open_list,
    open_meeting,
    plan_council_meeting,
    ready,
    shot_image,
)


def test_list_shows_the_councils_meetings_of_the_seventh_term(harness: WindowHarness):
    window = open_list(harness, "执行理事会")
    shot(window, "meeting-list-council")
    model = window.model
    assert [model.meeting(r).title for r in range(model.rowCount())] == COUNCIL_7
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["会议", "日期", "地点", "状态", "纪要状态"]
    assert model.index(0, 1).data() == "2025-03-06 9:30"
    assert model.index(0, 3).data() == "已召开"
    assert model.index(0, 4).data() == "已定稿"
    assert window.count.text() == "共 6 次会议"
    assert window.report_button.isVisible()
    assert unnamed_focusable(window) == []


@pytest.mark.parametrize(
    ("body", "enabled"),
    [
        ("代表大会", True),
        ("主席团", True),
        ("执行理事会", True),
        ("党组", True),
        ("盲人协会", False),
        ("人员库", False),
    ],
)
def test_the_meetings_action_is_offered_for_the_bodies_that_meet(
    harness: WindowHarness, body: str, enabled: bool
):
    harness.choose(body)
    action = harness.window.meetings_action
    assert action.isEnabled() is enabled
    assert action.shortcut().toString() == "Ctrl+G"


def test_party_group_meetings_are_listed_by_year(harness: WindowHarness):
    window = open_list(harness, "党组")
    assert window.year_box.isVisible()
    assert window.year_box.currentData() == 2026
    titles = [window.model.meeting(r).title for r in range(window.model.rowCount())]
    assert titles == [f"2026年第{n}次党组会议" for n in (1, 2, 3, 4)]
    window.year_box.setCurrentIndex(window.year_box.findData(2025))
    assert window.model.rowCount() == 0
    assert window.count.text() == "共 0 次会议"


def test_printing_a_sign_in_sheet_with_the_real_printing_service(harness: WindowHarness):
    h = harness
    window = open_list(h, "执行理事会")
    window.table.selectRow(0)
    window.signin_button.click()
    h.idle()
    h.qtbot.waitUntil(lambda: window.last_preview is not None, timeout=30_000)
    preview = window.last_preview
    assert preview.page_count() >= 1
    assert preview.windowTitle() == "打印预览 — 第七届执行理事会第九次会议签到表"
    # The first page carries ink: the sheet was drawn, not an empty page.
    page = preview.document.render(0, QSize(595, 842))
    assert any(
        page.pixelColor(x, y).lightness() < 128 for x in range(0, 595, 3) for y in range(0, 842, 3)
    )
    shot_image(page, "meeting-signin-page-1")


def test_association_report_counts_each_association_and_prints(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
):
    h = harness
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(papers_ops, "write_paper", fake_writer(calls))
    window = open_list(h, "执行理事会")
    report = window.open_report()
    h.idle()
    report.year.setValue(2025)
    h.idle()
    model = report.model
    assert model.rowCount() == 5
    by_name = {model.line(r).name: model.line(r) for r in range(5)}
    assert by_name["智力残疾人及亲友协会"].by_substitute == 1
    assert by_name["盲人协会"].as_attendee == 2
    rate = model.COLUMNS.index(next(c for c in model.COLUMNS if c[0] == "出席率"))
    for r in range(5):
        line = model.line(r)
        attended = line.as_attendee + line.as_member + line.by_substitute
        recorded = line.meetings_held - line.not_recorded
        text = model.index(r, rate).data()
        assert text.endswith(f"（{attended}/{recorded}）") and "%" in text
    assert model.headerData(rate, Qt.Orientation.Horizontal) == "出席率"
    assert "2025年执行理事会召开会议 2 次" in report.summary.text()
    row = list(by_name).index("智力残疾人及亲友协会")
    report.table.selectRow(row)
    assert report.marks.rowCount() == 2
    texts = {report.marks.item(r, 1).text() for r in range(2)}
    assert texts == {"主席列席", "委托代为列席"}
    assert unnamed_focusable(report) == []
    shot(report, "meeting-association-report")
    report.print_button.click()
    h.idle()
    h.qtbot.waitUntil(lambda: report.last_preview is not None, timeout=10_000)
    assert calls[0]["paper"] == "association-attendance" and calls[0]["year"] == 2025


def test_the_new_models_pass_the_model_tester(harness: WindowHarness, qtmodeltester):
    h = harness
    window = open_list(h, "执行理事会")
    qtmodeltester.check(window.model)
    editor = open_meeting(h, window, "第七届执行理事会第十次会议")
    assert editor.minutes.history_model.rowCount() == 1  # the demo's amended decision
    qtmodeltester.check(editor.minutes.history_model)
    qtmodeltester.check(editor.attendance.model)
    qtmodeltester.check(editor.agenda.model)
    report = window.open_report()
    h.idle()
    qtmodeltester.check(report.model)
    # The editable models also when they are edited, reordered and grown.
    new = plan_council_meeting(h, window)
    new.agenda.add_item()
    new.agenda.model.move(1, -1)
    new.attendance.model.add_guest("郝立新", "区财政局", "科长")
    qtmodeltester.check(new.agenda.model)
    qtmodeltester.check(new.attendance.model)


def test_the_keyboard_opens_a_meeting_and_changes_a_status_in_the_grid(harness: WindowHarness):
    h = harness
    window = open_list(h, "主席团")
    window.activateWindow()
    h.qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    h.qtbot.keyClick(window.table, Qt.Key.Key_Return)
    h.idle()
    (editor,) = window.findChildren(MeetingEditor)
    ready(h, editor)
    assert editor.title.text() == "第七届主席团第八次会议"  # the latest, selected on opening
    # Opening it again raises the same window.
    assert window.open_meeting() is editor

    panel = editor.attendance
    editor.tabs.setCurrentWidget(panel)
    editor.activateWindow()
    h.qtbot.waitUntil(editor.isActiveWindow)
    index = panel.model.index(2, STATUS)
    panel.view.setCurrentIndex(index)
    panel.view.setFocus()
    h.qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "出席情况"
    h.qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.model.index(2, STATUS).data() == "请假"
    assert "实到35人" in panel.quorum.text()

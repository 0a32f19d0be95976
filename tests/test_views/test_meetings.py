"""Meetings in the window on the demo: the list, a new council meeting, attendance and quorum."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from models.domain.meeting_vocabulary import AttendanceRole, AttendanceStatus
from models.services.common.changes import Changes, Outcome
from models.services.meetings.meetings import MeetingDraft, update_meeting
from models.services.papers.contracts import PaperFormat, PaperRequest
from models.store.unit_of_work import open_database
from views.documents.preview import PaperPreview
from views.meetings.attendance_table_model import REASON, STATUS
from views.meetings.meeting_editor import MeetingEditor
from views.meetings.meeting_list import MeetingList
from views.meetings.reason_dialog import ReasonDialog
from views.ops import papers as papers_ops

from .helpers import (
    SHOT_DIR_ENV,
    ModalAnswerer,
    WindowHarness,
    shot,
    sqlite_url,
    type_text,
    unnamed_focusable,
)

COUNCIL_7 = [f"第七届执行理事会第{n}次会议" for n in ("九", "十", "十一", "十二", "十三", "十四")]


def open_list(h: WindowHarness, body: str, term: str | None = None) -> MeetingList:
    h.choose(body)
    if term is not None:
        h.choose_term(term)
    assert h.window.meetings_action.isEnabled()
    window = h.window.open_meetings()
    assert isinstance(window, MeetingList)
    h.idle()
    return window


def shot_image(image: QImage, name: str) -> None:
    """A rendered page for a human to look at, when YISHI_SHOT_DIR is set."""
    folder = os.environ.get(SHOT_DIR_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(folder) / f"{name}.png"))


def select_rows(view: Any, rows: list[int]) -> None:
    """Select exactly these rows, whatever modifier keys an earlier key click left behind."""
    model, selection = view.model(), QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(
        model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def ready(h: WindowHarness, editor: MeetingEditor) -> MeetingEditor:
    h.idle()
    # No question on close at the end of a test: the test decides what is saved.
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]
    return editor


def open_meeting(h: WindowHarness, window: MeetingList, title: str) -> MeetingEditor:
    row = next(r for r in range(window.model.rowCount()) if window.model.meeting(r).title == title)
    window.table.selectRow(row)
    editor = window.open_meeting()
    assert editor is not None
    return ready(h, editor)


def plan_council_meeting(h: WindowHarness, window: MeetingList) -> MeetingEditor:
    editor = ready(h, window.new_meeting())
    type_text(h.qtbot, editor.header.place, "区残联三楼会议室")
    editor.header.start_time.setText("9:30")
    editor.agenda.add_item()
    model = editor.agenda.model
    model.setData(model.index(0, 2), "审议2026年第四季度工作安排")
    editor.save()
    h.idle()
    h.qtbot.waitUntil(lambda: editor.bench is not None, timeout=20_000)
    return editor


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


def test_new_council_meeting_is_planned_and_its_grid_prefilled(harness: WindowHarness):
    h = harness
    window = open_list(h, "执行理事会")
    editor = plan_council_meeting(h, window)
    assert editor.title.text() == "第七届执行理事会第十五次会议"
    assert h.query("SELECT place, ordinal FROM meeting WHERE id = ?", editor.meeting_id) == [
        ("区残联三楼会议室", 15)
    ]
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
    lines = h.query(
        "SELECT role, status, leave_reason FROM attendance WHERE meeting_id = ? ORDER BY position",
        editor.meeting_id,
    )
    assert len(lines) == 20
    assert sorted(r[2] for r in lines if r[1] == "请假") == ["出差", "因病请假"]
    assert sum(1 for r in lines if r[0] == "attendee" and r[1] == "列席") == 5
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
    assert h.query("SELECT count(*) FROM attendance WHERE meeting_id = ?", editor.meeting_id) == [
        (0,)
    ]


def answer_yes(modal: Any) -> None:
    modal.button(QMessageBox.StandardButton.Yes).click()


def with_modals(answerer: ModalAnswerer, action: Any) -> None:
    answerer.start()
    try:
        action()
    finally:
        answerer.stop()


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
    assert h.query("SELECT status FROM minutes WHERE meeting_id = ?", meeting_id) == [("draft",)]
    assert h.query("SELECT decision FROM agenda_item WHERE meeting_id = ?", meeting_id) == [
        ("会议通过代表资格审查报告。",)
    ]
    assert editor.minutes.finalise_button.isEnabled()

    answerer = ModalAnswerer(answer=answer_yes)
    with_modals(answerer, editor.minutes.finalise_button.click)
    h.idle()
    assert answerer.seen[0]["title"] == "纪要定稿"
    assert h.query("SELECT status FROM minutes WHERE meeting_id = ?", meeting_id) == [("final",)]
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
    amendments = h.query(
        "SELECT a.reason, a.before, a.after FROM minutes_amendment a "
        "JOIN minutes m ON m.id = a.minutes_id WHERE m.meeting_id = ?",
        meeting_id,
    )
    assert amendments == [
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
    assert h.query("SELECT place FROM meeting WHERE id = ?", editor.meeting_id) == [
        ("区残联五楼会议室",)
    ]
    assert not editor.is_dirty()


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
    assert h.query(
        "SELECT guest_name, guest_organisation, guest_post, role, status FROM attendance "
        "WHERE meeting_id = ? AND person_id IS NULL",
        editor.meeting_id,
    ) == [("郝立新", "区财政局", "社会保障科科长", "attendee", "列席")]


def fake_writer(calls: list[dict[str, Any]]) -> Any:
    """Stands in for views.ops.papers.write_paper: a one-page PDF, or an empty DOCX file."""

    def write_paper(
        _ctx: Any, *, request: PaperRequest, fmt: PaperFormat, path: Path
    ) -> Outcome[list[str]]:
        calls.append({**vars(request), "fmt": fmt, "path": path})
        if fmt == "pdf":
            pdf = canvas.Canvas(str(path), pagesize=A4)
            pdf.drawString(100, 700, request.paper)
            pdf.showPage()
            pdf.save()
        else:
            path.write_bytes(b"docx")
        return Outcome(["测试提醒"], Changes())

    return write_paper


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
    assert h.query("SELECT status FROM meeting WHERE id = ?", editor.meeting_id) == [("cancelled",)]
    assert editor.lock.text().startswith("【已取消】")
    assert not editor.agenda.add_button.isEnabled()
    assert editor.header.place.isReadOnly() and editor.header.status.isEnabled()
    status.setCurrentIndex(status.findData("planned"))
    editor.save()
    h.idle()
    assert h.query("SELECT status FROM meeting WHERE id = ?", editor.meeting_id) == [("planned",)]
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
    (kept_id,) = h.query("SELECT id FROM agenda_item WHERE meeting_id = ?", editor.meeting_id)[0]
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
    rows = h.query(
        "SELECT id, position, kind, title FROM agenda_item WHERE meeting_id = ? ORDER BY position",
        editor.meeting_id,
    )
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (1, "提案", "2026年度主席团委员提案办理情况"),
        (2, "其他", "审议区残联第八次代表大会代表资格审查报告"),
    ]
    assert rows[1][0] == kept_id  # the saved item kept its identity
    # The minutes tab now has a section for each saved item.
    assert editor.minutes.editors(1)[0].accessibleName() == "第2项议题的讨论情况"

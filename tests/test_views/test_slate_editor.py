"""The slate editor on the demo: the failing presidium quota, a reserve swap that fixes it, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from models.domain.identity import check_digit
from models.domain.vocabulary import BodyKind
from models.importing.slate_reader import read_slate
from models.services.people.commands import end_membership
from models.services.rosters.contracts import SheetPreview
from views.slates.candidate_table_model import MARK_COLUMN
from views.slates.import_dialog import ImportPreview
from views.slates.slate_editor import SlateEditor

from .helpers import ModalAnswerer, WindowHarness, shot, type_text, unnamed_focusable


def open_editor(h: WindowHarness, body: str) -> SlateEditor:
    h.choose(body)
    h.choose_term("第八届（筹备中）")
    assert h.window.slate_action.isEnabled()
    h.window.open_slate_editor()
    editor = next(c for c in h.window.children() if isinstance(c, SlateEditor))
    h.qtbot.addWidget(editor)
    h.qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    return editor


def rule_row(editor: SlateEditor, rule_id: str) -> int:
    return next(r for r in range(editor.rules.rowCount()) if editor.rules.result(r).id == rule_id)


def status_of(editor: SlateEditor, rule_id: str) -> str:
    return editor.rules.result(rule_row(editor, rule_id)).status


def test_the_failing_presidium_quota_is_shown_with_its_gap_and_a_swap(harness: WindowHarness):
    editor = open_editor(harness, "主席团")
    assert status_of(editor, "presidium.category.psychosocial") == "fail"
    # The failing rule is selected first, its message says how many people to replace.
    assert editor.rule_view.currentIndex().row() == rule_row(
        editor, "presidium.category.psychosocial"
    )
    assert "至少需要 1 名" in editor.details.text()
    assert "有 1 项硬性要求未达到" in editor.summary.text()
    # Status in words, never by colour alone.
    row = rule_row(editor, "presidium.category.psychosocial")
    assert editor.rules.index(row, 0).data() == "✗ 未通过"
    assert editor.suggestions.count() >= 1
    assert editor.suggestions.item(0).text().startswith("用候补")
    assert editor.try_button.isEnabled()


def test_trying_the_swap_passes_every_error_rule_at_the_same_total_and_undo_restores(
    harness: WindowHarness,
):
    editor = open_editor(harness, "主席团")
    before = len(editor.state.effective())
    editor.try_button.click()
    assert len(editor.state.effective()) == before
    assert not editor.report.has_failed_errors
    assert "硬性要求全部达到" in editor.summary.text()
    assert "未保存" in editor.summary.text()
    editor.undo_stack.undo()
    assert status_of(editor, "presidium.category.psychosocial") == "fail"
    assert not editor.state.is_changed()


def test_toggling_a_candidate_rechecks_at_the_real_new_total(harness: WindowHarness):
    editor = open_editor(harness, "主席团")
    total = len(editor.state.people)
    first = editor.candidates.record(0)
    index = editor.candidates.index(0, 0)
    editor.candidates.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert editor.candidates.index(0, 0).data() == "不计入"
    assert editor.rules.result(rule_row(editor, "presidium.disabled_or_relative_share")).total == (
        total - 1
    )
    assert f"名单 {total - 1} 人" in editor.summary.text()
    editor.reset_what_if()
    assert editor.state.is_counted(first, reserve=False)
    assert f"名单 {total} 人" in editor.summary.text()


def test_selecting_a_rule_marks_the_people_it_counts(harness: WindowHarness):
    editor = open_editor(harness, "主席团")
    editor.rule_view.selectRow(rule_row(editor, "presidium.category.blind"))
    result = editor.rules.result(rule_row(editor, "presidium.category.blind"))
    marked = [
        editor.candidates.record(r).row
        for r in range(editor.candidates.rowCount())
        if editor.candidates.index(r, MARK_COLUMN).data() == "★ 计入此规则"
    ]
    assert sorted(marked) == sorted(result.counted_rows)
    assert len(marked) == result.count > 0


def test_congress_editor_filters_by_unit_and_shows_seats(harness: WindowHarness):
    editor = open_editor(harness, "代表大会")
    assert not editor.report.has_failed_errors
    assert editor.seats.rowCount() == 13
    assert editor.seats.item(0, 0).text() == "大峪街道"
    all_rows = editor.candidates.rowCount()
    editor.unit_filter.setCurrentIndex(editor.unit_filter.findData("斋堂镇"))
    shown = {
        editor.candidates.record(r).electoral_unit for r in range(editor.candidates.rowCount())
    }
    assert shown == {"斋堂镇"}
    assert 0 < editor.candidates.rowCount() < all_rows
    seats_row = next(r for r in range(13) if editor.seats.item(r, 0).text() == "斋堂镇")
    assert editor.seats.item(seats_row, 2).text() == str(editor.candidates.rowCount())


def test_editor_models_pass_the_model_tester(harness: WindowHarness, qtmodeltester):
    editor = open_editor(harness, "主席团")
    qtmodeltester.check(editor.candidates)
    qtmodeltester.check(editor.reserves)
    qtmodeltester.check(editor.rules)


def test_every_control_of_the_editor_has_an_accessible_name(harness: WindowHarness):
    editor = open_editor(harness, "主席团")
    editor.show()
    assert unnamed_focusable(editor) == []


def _slate_file(path: Path, *, bad_row: bool) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "身份证号", "残疾类别"])
    for i in range(3):
        first17 = f"11010919850304{100 + 2 * i + 1:03d}"
        sheet.append([f"预览{i}", "男", first17 + check_digit(first17), "精神"])
    if bad_row:
        sheet.append(["坏行", "男", "110109198503041238", ""])
    book.save(path)
    return path


@pytest.mark.parametrize("bad_row", [False, True])
def test_import_preview_offers_what_the_file_allows(qtbot, tmp_path, bad_row):
    path = _slate_file(tmp_path / "slate.xlsx", bad_row=bad_row)
    sheet = read_slate(path, body=BodyKind.PRESIDIUM.value)
    preview = ImportPreview(SheetPreview(sheet, (), ()), path)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.import_all.isEnabled() is (not bad_row)
    assert preview.import_valid.isVisible() is bad_row
    assert unnamed_focusable(preview) == []


@pytest.mark.parametrize(
    ("button", "title"),
    [
        ("print_list_button", "打印预览 — 第八届主席团名单"),
        ("print_public_button", "打印预览 — 第八届主席团名单（公示）"),
        ("print_table_button", "打印预览 — 第八届主席团构成统计表"),
    ],
)
def test_the_slate_papers_open_in_the_preview(harness: WindowHarness, button: str, title: str):
    editor = open_editor(harness, "主席团")
    getattr(editor, button).click()
    harness.qtbot.waitUntil(lambda: editor.last_preview is not None, timeout=20_000)
    preview = editor.last_preview
    assert preview.windowTitle() == title
    assert preview.page_count() >= 1
    assert unnamed_focusable(preview) == []
    preview.reject()


# --- saving a trial (保存调整) and the history of saved adjustments (调整记录) -------------------


def _discard(box: QWidget) -> None:
    if isinstance(box, QMessageBox) and box.windowTitle() == "名单调整尚未保存":
        box.button(QMessageBox.StandardButton.Yes).click()


@pytest.fixture
def no_question_at_exit(harness: WindowHarness):
    """A trial a failing test leaves behind is dropped when pytest-qt closes the window, which it
    does before fixtures end: without this the question about it would wait forever."""
    answerer = ModalAnswerer(answer=_discard).start()
    yield answerer
    answerer.stop()


def _status_in_file(h: WindowHarness, membership_id: int) -> str:
    return h.query("SELECT status FROM membership WHERE id = ?", membership_id)[0][0]


def test_a_tried_swap_is_saved_with_a_reason_typed_at_the_keyboard(
    harness: WindowHarness, no_question_at_exit, qtmodeltester
):
    h = harness
    editor = open_editor(h, "主席团")
    editor.show()
    editor.activateWindow()
    h.qtbot.waitExposed(editor)
    assert not editor.save_action.isEnabled()  # nothing tried yet: nothing to save
    assert editor.history.rowCount() == 0
    ((out_row, in_row),) = editor.suggestion or [(None, None)]
    editor.try_button.click()
    assert editor.save_action.isEnabled() and editor.save_button.isEnabled()
    shot(editor, "slate-editor-trial")

    h.qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    h.qtbot.waitUntil(lambda: editor.trial_dialog is not None and editor.trial_dialog.isVisible())
    dialog = editor.trial_dialog
    h.qtbot.waitUntil(dialog.reason.hasFocus)
    assert "转为候补" in dialog.change.text() and "硬性要求全部达到" in dialog.verdict.text()
    assert unnamed_focusable(dialog) == []
    # Enter without a reason: the core refuses, the dialog stays open and names the field.
    h.qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    h.idle()
    assert dialog.isVisible() and "请填写调整名单的理由" in dialog.message.text()
    assert _status_in_file(h, out_row) == "candidate"
    type_text(h.qtbot, dialog.reason, "精神残疾人委员空缺")
    shot(dialog, "slate-trial-reason")
    h.qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    h.idle()

    # The stored slate changed; the editor reloaded it: no trial, no undo steps, nothing failing.
    assert (_status_in_file(h, out_row), _status_in_file(h, in_row)) == ("reserve", "candidate")
    assert not editor.state.is_changed() and not editor.undo_stack.canUndo()
    assert not editor.save_action.isEnabled()
    assert status_of(editor, "presidium.category.psychosocial") == "pass"
    assert in_row in {p.row for p in editor.state.people}
    assert out_row in {r.row for r in editor.state.reserves}
    # The history shows the adjustment with its check result.
    assert editor.tabs.currentIndex() == 1 and editor.history.rowCount() == 1
    cells = [editor.history.index(0, c).data() for c in range(editor.history.columnCount())]
    assert cells[1:3] == ["clerk", "精神残疾人委员空缺"]
    assert cells[3].startswith("换下 ") and "；替补 " in cells[3]
    assert cells[4] == "硬性要求全部达到"
    assert "理由：精神残疾人委员空缺" in editor.history_details.text()
    shot(editor, "slate-editor-history")
    qtmodeltester.check(editor.history)
    assert unnamed_focusable(editor) == []


def test_closing_with_an_unsaved_trial_asks_first(harness: WindowHarness, no_question_at_exit):
    h = harness
    editor = open_editor(h, "主席团")
    editor.show()
    editor.try_button.click()
    no_question_at_exit.stop()  # this test answers the question itself
    try:
        keep = ModalAnswerer(answer=lambda box: box.button(QMessageBox.StandardButton.No).click())
        keep.start()
        try:
            assert not editor.close()
        finally:
            keep.stop()
        assert [s["title"] for s in keep.seen] == ["名单调整尚未保存"]
        assert "试算的调整尚未保存" in keep.seen[0]["text"]
        assert editor.isVisible() and editor.state.is_changed()
        drop = ModalAnswerer(answer=_discard).start()
        try:
            assert editor.close()
        finally:
            drop.stop()
        assert len(drop.seen) == 1 and not editor.isVisible()
    finally:
        no_question_at_exit.start()


def test_a_sitting_terms_trial_stays_a_trial(harness: WindowHarness, no_question_at_exit):
    h = harness
    h.choose("主席团")
    assert h.roster.term_box.currentText() == "第七届（现任）"  # the sitting term by default
    h.window.open_slate_editor()
    editor = next(c for c in h.window.children() if isinstance(c, SlateEditor))
    h.qtbot.addWidget(editor)
    h.qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    editor.candidates.setData(
        editor.candidates.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    assert editor.state.is_changed() and not editor.save_action.isEnabled()
    assert editor.close()  # nothing that could be saved: no question


def test_a_trial_on_a_slate_changed_meanwhile_is_refused_in_the_dialog(
    harness: WindowHarness, no_question_at_exit
):
    h = harness
    editor = open_editor(h, "主席团")
    editor.try_button.click()
    # Another clerk ends a reserve's membership after the editor loaded the slate.
    other = next(r.row for r in editor.state.reserves if r.row not in editor.state.brought_in)
    end_membership(
        h.ctx.db,
        user="王秘书",
        membership_id=other,
        expected_version=None,
        end_date=date(2026, 5, 1),
        reason="辞职",
    )
    editor.save_action.trigger()
    dialog = editor.trial_dialog
    type_text(h.qtbot, dialog.reason, "试算")
    h.qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    h.idle()
    assert dialog.isVisible() and "名单已被 王秘书 于 " in dialog.message.text()
    assert editor.history.rowCount() == 0
    assert h.query("SELECT count(*) FROM change_log WHERE action = 'slate_trial'") == [(0,)]
    dialog.reject()

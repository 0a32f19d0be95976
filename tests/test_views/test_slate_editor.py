"""The slate editor on the demo: the failing presidium quota, a reserve swap that fixes it, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from models.domain.identity import check_digit
from models.domain.vocabulary import BodyKind
from models.importing.slate_reader import read_slate
from models.services.rosters.contracts import SheetPreview
from views.slates.candidate_table_model import MARK_COLUMN
from views.slates.import_dialog import ImportPreview
from views.slates.slate_editor import SlateEditor

from .helpers import WindowHarness, unnamed_focusable


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

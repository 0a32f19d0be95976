"""The working-day calendar editor, opened from the motions window on the demo database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from views.motions.calendar_editor import CalendarEditor, missing_years
from views.motions.motion_list import MotionList
from views.ops import motion_lists as ops

from .helpers import ModalAnswerer, WindowHarness, shot, unnamed_focusable
from .test_motions import ctx


def open_editor(h: WindowHarness) -> tuple[MotionList, CalendarEditor]:
    window = h.window.open_motions()
    assert isinstance(window, MotionList)
    h.idle()
    window.calendar_button.click()
    editor = window.findChild(CalendarEditor)
    assert editor is not None and editor.isVisible()
    h.idle()
    return window, editor


def stored(h: WindowHarness) -> dict[str, dict[str, list[date]]]:
    """The stored calendar by year, as the calendar query reads it back."""
    return {
        str(y.year): {"holidays": list(y.holidays), "make_up_days": list(y.make_up_days)}
        for y in ops.calendar_years(ctx(h))
    }


def choose_year(h: WindowHarness, editor: CalendarEditor, year: int) -> None:
    items = editor.year_list.findItems(f"{year}年", Qt.MatchFlag.MatchStartsWith)
    assert items, f"no year {year}"
    editor.year_list.setCurrentItem(items[0])
    assert editor.year == year


def add_day(h: WindowHarness, editor: CalendarEditor, day: date, kind: str) -> None:
    days = editor.days
    days.first_day.setDate(QDate(day.year, day.month, day.day))
    days.last_day.setDate(QDate(day.year, day.month, day.day))
    days.kind_box.setCurrentIndex(days.kind_box.findText(kind))
    h.qtbot.mouseClick(days.add_button, Qt.MouseButton.LeftButton)


def answering(h: WindowHarness, button: QMessageBox.StandardButton, act) -> list[dict]:
    answerer = ModalAnswerer(answer=lambda box: box.button(button).click()).start()
    try:
        act()
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
    finally:
        answerer.stop()
    return answerer.seen


def test_missing_years_runs_from_this_year_to_the_one_after_the_last() -> None:
    assert missing_years([2024, 2025, 2026], date(2026, 5, 1)) == [2027]
    assert missing_years([2024, 2025, 2026], date(2028, 5, 1)) == [2027, 2028]
    assert missing_years([], date(2026, 5, 1)) == [2026]


def test_add_a_day_and_save_with_ctrl_s(harness: WindowHarness) -> None:
    h = harness
    _window, editor = open_editor(h)
    assert [editor.year_list.item(i).text()[:5] for i in range(editor.year_list.count())] == [
        "2024年",
        "2025年",
        "2026年",
    ]
    assert "2027年尚无数据" in editor.missing.text()
    assert unnamed_focusable(editor) == []
    choose_year(h, editor, 2026)
    assert editor.days.table.rowCount() == 33 + 6
    assert not editor.save_button.isEnabled()

    add_day(h, editor, date(2026, 3, 2), "放假")
    assert editor.is_dirty() and "未保存" in editor.windowTitle()
    row = editor.days.table.currentRow()
    assert [editor.days.table.item(row, c).text() for c in range(3)] == [
        "2026-03-02",
        "星期一",
        "放假",
    ]
    shot(editor, "calendar-editor")
    h.qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    h.idle()
    assert "已保存2026年" in editor.message.text()
    assert not editor.is_dirty()
    assert date(2026, 3, 2) in stored(h)["2026"]["holidays"]
    assert "放假 34 天" in editor.year_list.currentItem().text()

    # Delete in the table removes the chosen day; saved again, the database loses it.
    table = editor.days.table
    table.setFocus()
    editor.days.select_row(
        next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "2026-03-02")
    )
    h.qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert date(2026, 3, 2) not in editor.days.days("holiday")
    editor.save()
    h.idle()
    assert date(2026, 3, 2) not in stored(h)["2026"]["holidays"]


def test_a_new_year_and_a_weekday_make_up_day_refused(harness: WindowHarness) -> None:
    h = harness
    _window, editor = open_editor(h)
    editor.add_year(2027)
    assert editor.year == 2027 and "2027年（未保存）" in editor.year_list.currentItem().text()
    editor.days.add_days(date(2027, 2, 6), date(2027, 2, 12), "holiday")
    add_day(h, editor, date(2027, 2, 3), "调休上班")  # a Wednesday
    editor.save()
    h.idle()
    assert "2027-02-03" in editor.message.text() and "星期三" in editor.message.text()
    shot(editor, "calendar-editor-refused")
    assert editor.days.table.item(editor.days.table.currentRow(), 0).text() == "2027-02-03"
    assert editor.is_dirty() and "2027" not in stored(h)  # nothing written, the draft kept

    h.qtbot.keyClick(editor.days.table, Qt.Key.Key_Delete)
    add_day(h, editor, date(2027, 2, 20), "调休上班")  # a Saturday
    editor.save()
    h.idle()
    assert stored(h)["2027"]["make_up_days"] == [date(2027, 2, 20)]
    assert len(stored(h)["2027"]["holidays"]) == 7
    assert "2028年尚无数据" in editor.missing.text()


def test_unsaved_edits_are_not_dropped_without_asking(harness: WindowHarness) -> None:
    h = harness
    window, editor = open_editor(h)
    choose_year(h, editor, 2025)
    add_day(h, editor, date(2025, 3, 3), "放假")

    seen = answering(
        h, QMessageBox.StandardButton.No, lambda: h.qtbot.keyClick(editor, Qt.Key.Key_Escape)
    )
    assert "2025年的工作日历有未保存的修改" in seen[0]["text"]
    assert editor.isVisible() and editor.is_dirty()

    # Choosing another year asks too; refusing keeps 2025 and its draft.
    answering(h, QMessageBox.StandardButton.No, lambda: choose_2024(editor))
    assert editor.year == 2025 and editor.is_dirty()

    answering(h, QMessageBox.StandardButton.Yes, editor.close)
    assert not editor.isVisible()
    assert date(2025, 3, 3) not in stored(h)["2025"]["holidays"]
    window.calendar_button.click()
    h.idle()
    assert editor.isVisible() and not editor.is_dirty()
    assert date(2025, 3, 3) not in editor.days.days("holiday")


def choose_2024(editor: CalendarEditor) -> None:
    editor.year_list.setCurrentRow(0)


def test_removing_a_year_asks_first(harness: WindowHarness) -> None:
    h = harness
    _window, editor = open_editor(h)
    choose_year(h, editor, 2024)
    answering(h, QMessageBox.StandardButton.No, editor.remove_year_button.click)
    h.idle()
    assert "2024" in stored(h)
    seen = answering(h, QMessageBox.StandardButton.Yes, editor.remove_year_button.click)
    assert "删除2024年的工作日历吗" in seen[0]["text"]
    h.idle()
    assert "2024" not in stored(h) and editor.year_list.count() == 2
    assert "已删除2024年" in editor.message.text()

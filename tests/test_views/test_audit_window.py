"""The 操作记录 window on the demo: opened by Ctrl+Shift+L, filters, an update's before and after
side by side, 核验 intact and after an edit behind its back, 导出…, and the start-up check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.audit_kinds import field_label
from views.audit.audit_window import AuditWindow

from .helpers import WindowHarness, type_text, unnamed_focusable

SHOTS = Path("/tmp/yishi-audit-shots")


def _sql(path: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(sql, params)
        connection.commit()


def open_audit(harness: WindowHarness) -> AuditWindow:
    harness.idle()
    action = harness.window.audit_action
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    with harness.qtbot.waitSignal(harness.window.runner.busy_changed, timeout=10_000):
        action.trigger()
    harness.idle()
    windows = harness.window.findChildren(AuditWindow)
    assert len(windows) == 1
    return windows[0]


def shown_entries(window: AuditWindow) -> list:
    return [window.model.entry(row) for row in range(window.model.rowCount())]


def test_the_list_newest_first_and_its_filters(harness: WindowHarness) -> None:
    window = open_audit(harness)
    assert window.windowTitle() == "操作记录"
    assert unnamed_focusable(window) == []
    newest = harness.query("SELECT max(id) FROM change_log")[0][0]
    rows = shown_entries(window)
    assert rows and rows[0].id == newest
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    assert window.count.text().startswith("显示最新的")

    window.kind_box.setCurrentIndex(window.kind_box.findData("membership"))
    harness.idle()
    rows = shown_entries(window)
    assert rows and {r.entity for r in rows} == {"membership"}
    assert {window.model.index(0, 3).data()} == {"任职"}

    window.kind_box.setCurrentIndex(0)
    name = harness.query("SELECT name FROM person ORDER BY id LIMIT 1")[0][0]
    type_text(harness.qtbot, window.person_edit, name)
    harness.qtbot.keyClick(window.person_edit, Qt.Key.Key_Return)
    harness.idle()
    rows = shown_entries(window)
    assert rows
    person_id = harness.query("SELECT id FROM person WHERE name = ?", name)[0][0]
    assert ("person", str(person_id)) in {(r.entity, r.entity_id) for r in rows}

    window.person_edit.clear()
    harness.idle()
    # 不限 is a day in 2000; the calendar opens on this month all the same.
    calendar = window.from_date.calendarWidget()
    popup = calendar.parentWidget()  # the drop-down the arrow opens, around the calendar
    popup.show()
    harness.qtbot.waitUntil(calendar.isVisible, timeout=5_000)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    popup.hide()
    assert window.from_date.date() == QDate(2000, 1, 1)
    window.from_date.setDate(QDate(2099, 1, 1))
    harness.idle()
    assert shown_entries(window) == []
    assert window.detail.entry is None


def test_an_update_shows_before_and_after_side_by_side(harness: WindowHarness) -> None:
    window = open_audit(harness)
    window.kind_box.setCurrentIndex(window.kind_box.findData("update"))
    harness.idle()
    rows = shown_entries(window)
    assert rows and {r.action for r in rows} == {"update"}
    row = next(i for i, r in enumerate(rows) if r.before and r.after)
    window.table.selectRow(row)
    entry = rows[row]
    detail = window.detail
    assert detail.entry == entry
    assert f"第 {entry.id} 条" in detail.heading.text()
    fields = detail.fields
    assert fields.rowCount() == len(entry.fields())
    assert [fields.horizontalHeaderItem(c).text() for c in range(3)] == ["字段", "修改前", "修改后"]
    first = entry.fields()[0]
    assert fields.item(0, 0).text() == f"{field_label(first)}（已修改）"
    assert detail.changed_fields() == [f"{field_label(name)}（已修改）" for name in entry.fields()]
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "audit-window-update.png"))


def test_verify_says_intact_then_names_the_edited_entry(harness: WindowHarness) -> None:
    window = open_audit(harness)
    count = harness.query("SELECT count(*) FROM change_log")[0][0]
    with harness.qtbot.waitSignal(window.verified, timeout=20_000) as intact:
        harness.qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert intact.args[0].ok
    last, head = harness.query("SELECT id, entry_hash FROM change_log ORDER BY id DESC LIMIT 1")[0]
    assert window.result.text().splitlines() == [
        f"操作记录完整：已核验 {count} 条记录，没有发现被改动、删除或插入的记录。",
        f"最后一条记录：{last}:{head}（请另行保存，以后可核对操作记录没有被整段重写）",
    ]
    edited = harness.query("SELECT id FROM change_log ORDER BY id LIMIT 1 OFFSET 50")[0][0]
    _sql(harness.db_path, "UPDATE change_log SET note = 'x' WHERE id = ?", edited)
    with harness.qtbot.waitSignal(window.verified, timeout=20_000) as broken:
        harness.qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert broken.args[0].first_bad_id == edited
    assert f"第 {edited} 条操作记录" in window.result.text()
    assert "改动过" in window.result.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "audit-window-broken.png"))


def test_export_writes_the_filtered_entries_and_shows_its_own_entry(
    harness: WindowHarness, tmp_path: Path
) -> None:
    window = open_audit(harness)
    window.kind_box.setCurrentIndex(window.kind_box.findData("person"))
    harness.idle()
    path = tmp_path / "操作记录.xlsx"
    people = harness.query("SELECT count(*) FROM change_log WHERE entity = 'person'")[0][0]
    with harness.qtbot.waitSignal(window.exported, timeout=20_000) as done:
        window.export_to(path)
    assert done.args[0].entries == people
    assert load_workbook(path)["操作记录"].max_row == people + 1
    harness.idle()
    window.kind_box.setCurrentIndex(window.kind_box.findData("export"))
    harness.idle()
    rows = shown_entries(window)
    assert rows and rows[0].entity == "change_log" and rows[0].after["file"] == path.name


def test_a_broken_chain_is_a_warning_in_the_status_bar_at_start(
    qtbot, settings: StartupSettings, db_path: Path
) -> None:
    edited = 7
    _sql(db_path, "UPDATE change_log SET after = NULL WHERE id = ?", edited)
    window = build_window(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    qtbot.waitUntil(lambda: getattr(window, "audit_chain", None) is not None, timeout=20_000)
    assert window.audit_chain.first_bad_id == edited
    warning = window.audit_warning
    assert isinstance(warning, QLabel) and warning.isVisible()
    assert "第 7 条起" in warning.text() and "操作记录 → 核验" in warning.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "main-window-warning.png"))
    qtbot.waitUntil(window.runner.is_idle, timeout=20_000)
    window.close()
    assert window.runner.wait_idle(10_000)


def test_an_intact_chain_leaves_the_status_bar_alone(harness: WindowHarness) -> None:
    harness.qtbot.waitUntil(
        lambda: getattr(harness.window, "audit_chain", None) is not None, timeout=20_000
    )
    assert harness.window.audit_chain.ok
    assert getattr(harness.window, "audit_warning", None) is None

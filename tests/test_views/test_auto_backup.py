"""设置 → 自动备份…: the dialog saves the setting; the window backs up on exit or once a day, and an
unreachable folder is a note, never a crash (issue 13, item 5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.services.common.auto_backup import set_auto_backup
from models.store.backup import check_sqlite_file
from views.settings.auto_backup_dialog import AutoBackupDialog

from .helpers import WindowHarness, query, shot, type_text, unnamed_focusable


def _setting(path: Path) -> dict[str, str]:
    return dict(query(path, "SELECT key, value FROM setting WHERE key LIKE 'backup.auto.%'"))


def test_the_dialog_saves_the_setting_from_the_keyboard(harness: WindowHarness, tmp_path):
    actions = [a.text() for a in harness.window.menuBar().actions()[-1].menu().actions()]
    assert "自动备份(&B)…" in actions
    dialog = AutoBackupDialog(harness.window.runner, harness.ctx, parent=harness.window)
    harness.qtbot.addWidget(dialog)
    dialog.show()
    harness.qtbot.waitUntil(lambda: dialog.message.text() == "")
    assert dialog.keep.value() == 10 and dialog.schedule.currentData() == "off"
    assert unnamed_focusable(dialog) == []

    folder = tmp_path / "stick"
    dialog.folder.setFocus()
    type_text(harness.qtbot, dialog.folder, str(folder))
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("daily"))
    dialog.keep.setValue(3)
    shot(dialog, "auto-backup-dialog")
    harness.qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)
    harness.qtbot.waitUntil(lambda: dialog.saved is not None)
    assert _setting(harness.db_path) == {
        "backup.auto.folder": str(folder),
        "backup.auto.schedule": "daily",
        "backup.auto.keep": "3",
    }


def test_a_schedule_without_a_folder_is_refused_in_the_dialog(harness: WindowHarness):
    dialog = AutoBackupDialog(harness.window.runner, harness.ctx, parent=harness.window)
    harness.qtbot.addWidget(dialog)
    dialog.show()
    harness.qtbot.waitUntil(lambda: dialog.message.text() == "")
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("exit"))
    dialog.submit()
    harness.qtbot.waitUntil(lambda: "文件夹" in dialog.message.text())
    assert dialog.isVisible() and dialog.saved is None
    assert _setting(harness.db_path) == {}
    shot(dialog, "auto-backup-refused")
    dialog.reject()


def test_the_window_backs_up_on_exit_and_says_when_the_folder_is_gone(
    harness: WindowHarness, tmp_path, monkeypatch
):
    folder = tmp_path / "stick"
    set_auto_backup(harness.ctx.db, user="clerk", folder=str(folder), schedule="exit", keep=2)
    harness.window.interactive = True
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    harness.window._backup_on_exit()
    written = list(folder.glob("yishi-*.sqlite3"))
    assert len(written) == 1 and not warned
    assert check_sqlite_file(written[0])

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    set_auto_backup(harness.ctx.db, user="clerk", folder=str(blocker / "gone"), schedule="exit")
    harness.window._backup_on_exit()
    assert warned and "无法写入备份文件夹" in warned[0]
    harness.window.interactive = False


def test_the_daily_backup_runs_once_at_start_on_the_lane(harness: WindowHarness, tmp_path):
    folder = tmp_path / "daily"
    set_auto_backup(harness.ctx.db, user="clerk", folder=str(folder), schedule="daily")
    harness.window._daily_backup()
    harness.idle()
    assert len(list(folder.glob("yishi-*.sqlite3"))) == 1
    assert "已自动备份到" in harness.window.statusBar().currentMessage()
    harness.window._daily_backup()
    harness.idle()
    assert len(list(folder.glob("yishi-*.sqlite3"))) == 1

"""Issue 13 item 4 in the window: a failure on the Runner's lane or in a slot is a Chinese
message (a bug's with the path of its crash report, ID numbers masked), and the window keeps
working afterwards."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import views.ops.people
from views import error_presenter
from views.error_presenter import PresentedError, describe, excepthook

SECRET_ID = "11010519491231002X"
WHOLE_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9*])")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "crash-reports"
    monkeypatch.setattr(error_presenter._CrashReports, "folder", lambda: folder)
    return folder


def saved(folder: Path) -> list[Path]:
    return sorted(folder.glob("yishi-*.txt")) if folder.is_dir() else []


def assert_clean(text: str) -> None:
    assert "Traceback" not in text and "[parameters:" not in text
    assert SECRET_ID not in text and not WHOLE_ID.search(text), text


def _fail_members(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def failing(ctx, *, term_id):
        raise error

    monkeypatch.setattr(views.ops.people, "members", failing)


def _reload_and_wait_failure(harness) -> str:
    roster = harness.window.roster
    with harness.qtbot.waitSignal(roster.load_failed, timeout=20_000) as failed:
        roster.reload()
    return failed.args[0]


def _still_responds(harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    roster = harness.window.roster
    with harness.qtbot.waitSignal(roster.roster_shown, timeout=20_000):
        roster.reload()
    assert roster.model.rowCount() > 0
    assert harness.window.isVisible()


def test_a_bug_in_a_runner_job_is_a_message_and_a_report(harness, reports, monkeypatch):
    _fail_members(
        monkeypatch,
        RuntimeError(f"row {SECRET_ID} vanished\n[parameters: ('{SECRET_ID}', '张三')]"),
    )
    text = _reload_and_wait_failure(harness)
    [report] = saved(reports)
    assert "意外错误" in text and str(report) in text
    assert "RuntimeError" not in text
    assert_clean(text)
    content = report.read_text(encoding="utf-8")
    assert "Traceback" in content and "RuntimeError" in content and "failing" in content
    assert "110105********002X" in content and "张三" not in content
    assert SECRET_ID not in content and not WHOLE_ID.search(content)
    _still_responds(harness, monkeypatch)


def test_a_damaged_database_in_a_runner_job_is_its_message(harness, reports, monkeypatch):
    _fail_members(monkeypatch, sqlite3.DatabaseError("database disk image is malformed"))
    text = _reload_and_wait_failure(harness)
    assert "无法使用数据库" in text and "损坏" in text and "sqlite3" not in text
    assert saved(reports) == []  # expected: no report
    _still_responds(harness, monkeypatch)


def test_a_handler_that_shows_str_error_shows_a_sentence(qtbot, reports):
    """Handlers that print str(error) get the message too: the Runner hands them a refusal."""
    from views.background import Runner

    runner = Runner()
    received: list[BaseException] = []

    def broken():
        raise ValueError(f"bad {SECRET_ID}")

    runner.submit(broken, on_done=lambda _v: None, on_error=received.append)
    qtbot.waitUntil(lambda: bool(received), timeout=10_000)
    [error] = received
    assert isinstance(error, PresentedError) and error.code == "unexpected_failure"
    assert isinstance(error.__cause__, ValueError)
    assert "意外错误" in str(error) and str(saved(reports)[0]) in str(error)
    assert describe(error) == str(error)  # asking again writes no second report
    assert len(saved(reports)) == 1
    assert runner.wait_idle(10_000)


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_is_a_box_with_the_report(harness, reports, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", excepthook)

    def slot():
        raise KeyError(f"no member {SECRET_ID}")

    QTimer.singleShot(0, slot)

    def uncaught_box() -> QMessageBox | None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QMessageBox)
                and widget.objectName() == "uncaught_error"
                and widget.isVisible()
            ):
                return widget
        return None

    harness.qtbot.waitUntil(lambda: uncaught_box() is not None, timeout=10_000)
    box = uncaught_box()
    assert box is not None
    [report] = saved(reports)
    assert "意外错误" in box.text() and str(report) in box.text()
    assert_clean(box.text())
    content = report.read_text(encoding="utf-8")
    assert "KeyError" in content and "slot" in content
    assert SECRET_ID not in content and "110105********002X" in content
    box.accept()
    harness.qtbot.waitUntil(lambda: uncaught_box() is None, timeout=10_000)
    _still_responds(harness, monkeypatch)

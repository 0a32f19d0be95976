"""导入提案… offscreen on a day-one database: the motions window's button opens the preview of a
file with bad rows; 全部导入 is refused, 只导入无误的行 registers the rest and writes the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.gui import open_context
from desktop.settings import StartupSettings
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services.test_motion_import import (
    good_rows,
    motions_file,
    presidium,
    thirty_with_three_bad,
)
from views.background import Runner
from views.motions.motion_import_dialog import MotionImportDialog
from views.motions.motion_list import MotionList

from .helpers import ModalAnswerer, query, shot, sqlite_url, unnamed_focusable


class Office:
    def __init__(self, path: Path, runner: Runner, ctx) -> None:
        self.path, self.runner, self.ctx = path, runner, ctx


@pytest.fixture
def office(qtbot, tmp_path) -> Iterator[Office]:
    path = tmp_path / "yishi.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    migrate.upgrade(engine)
    presidium(Database(engine))
    engine.dispose()
    runner = Runner()
    ctx = open_context(StartupSettings(database_url=sqlite_url(path), user="clerk"))
    yield Office(path, runner, ctx)
    assert runner.wait_idle(10_000)
    ctx.db.engine.dispose()


def message_boxes() -> ModalAnswerer:
    """Closes each message box; the import's busy bar is left to close itself."""

    def answer(modal) -> None:
        if isinstance(modal, QMessageBox):
            modal.accept()

    return ModalAnswerer(answer=answer).start()


def motion_count(office: Office) -> int:
    return query(office.path, "SELECT count(*) FROM motion")[0][0]


def test_window_imports_the_valid_rows(qtbot, tmp_path, office) -> None:
    window = MotionList(office.runner, office.ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.import_button.text().startswith("导入提案")
    path = thirty_with_three_bad(tmp_path / "提案.xlsx")
    dialog = window.import_motions(path)
    assert isinstance(dialog, MotionImportDialog)
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=30_000)
    assert "读取 30 行，无误 27 行，有错误 3 行" in dialog.summary.text()
    assert dialog.rows.rowCount() == 30
    assert dialog.rows.item(4, 0).text() == "6"
    assert "不是第七届主席团委员" in dialog.rows.item(4, 6).text()
    assert dialog.rows.item(0, 6).text() == "无误"
    assert "第 22 行［标题］" in dialog.problems.toPlainText()
    assert not dialog.import_all.isEnabled() and dialog.import_valid.isVisible()
    assert unnamed_focusable(dialog) == []
    shot(dialog, "motion_import_dialog")
    dialog.grab().save("/tmp/shots/motion_import_dialog.png")
    assert motion_count(office) == 0  # the preview writes nothing

    answerer = message_boxes()
    try:
        dialog.import_valid.click()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
        qtbot.waitUntil(lambda: any(s["title"] == "导入完成" for s in answerer.seen))
    finally:
        answerer.stop()
    assert dialog.outcome.imported == 27
    assert motion_count(office) == 27
    assert (tmp_path / "提案.rejected.xlsx").exists()
    assert "已登记 27 件提案" in dialog.summary.text()
    assert not dialog.import_valid.isVisible() and not dialog.import_all.isEnabled()
    # The list hears of the new motions.
    qtbot.waitUntil(lambda: window.model.rowCount() == 27, timeout=30_000)
    dialog.grab().save("/tmp/shots/motion_import_done.png")


def test_clean_file_imports_all(qtbot, tmp_path, office) -> None:
    path = motions_file(tmp_path / "好.xlsx", good_rows(3))
    dialog = MotionImportDialog(office.runner, office.ctx, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=30_000)
    assert dialog.import_all.isEnabled() and not dialog.import_valid.isVisible()
    assert dialog.problems.toPlainText() == "没有发现问题。"
    answerer = message_boxes()
    try:
        dialog.import_all.click()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    finally:
        answerer.stop()
    assert motion_count(office) == 3


def test_unreadable_file_is_named(qtbot, tmp_path, office) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"not a workbook")
    answerer = message_boxes()
    try:
        dialog = MotionImportDialog(office.runner, office.ctx, path)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: bool(answerer.seen), timeout=30_000)
    finally:
        answerer.stop()
    assert answerer.seen[0]["type"] == "QMessageBox"
    assert "坏.xlsx" in answerer.seen[0]["text"]
    assert not dialog.import_all.isEnabled()
    assert motion_count(office) == 0

"""A hostile file in the window's import previews (issue 13 item 2): the file is read in a child
process, so a reader that aborts ends the child, and the clerk sees a Chinese message in a live
window."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.gui import open_context
from desktop.settings import StartupSettings
from models.domain.rules import FileLimits
from models.domain.vocabulary import BodyKind
from models.services.people.contracts import TermRow
from tests.test_cli.fresh_office import day_one_database
from tests.test_importing import hostile
from views.background import Runner
from views.people.roster_import_dialog import RosterImportDialog
from views.slates.import_dialog import start_import

from .helpers import ModalAnswerer, query, shot, sqlite_url, type_text


@pytest.fixture
def office(qtbot, tmp_path) -> Iterator[tuple[Path, TermRow, Runner, object]]:
    path = tmp_path / "yishi.sqlite3"
    term = day_one_database(path)
    runner = Runner()
    ctx = open_context(StartupSettings(database_url=sqlite_url(path), user="clerk"))
    yield path, term, runner, ctx
    assert runner.wait_idle(10_000)
    ctx.db.engine.dispose()


def preview_roster(qtbot, office, file: Path) -> str:
    """Type `file` into 导入在任名单, press Enter; the warning's text (answered with OK)."""
    _, term, runner, ctx = office
    dialog = RosterImportDialog(runner, ctx, kind=BodyKind.CONGRESS, association=None, term=term)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.file, str(file))
    answerer = warnings("hostile_roster_preview")
    try:
        qtbot.keyClick(dialog.file, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(warned(answerer)), timeout=30_000)
    finally:
        answerer.stop()
    assert dialog.isVisible() and dialog.panel.preview is None
    return warned(answerer)[0]


def warnings(name: str) -> ModalAnswerer:
    """Answers each message box with OK (after a screenshot); leaves the busy dialogs be."""

    def answer(modal: QWidget) -> None:
        if isinstance(modal, QMessageBox):
            shot(modal, name)
            modal.accept()

    return ModalAnswerer(answer=answer).start()


def warned(answerer: ModalAnswerer) -> list[str]:
    return [seen["text"] for seen in answerer.seen if seen["type"] == "QMessageBox"]


def test_a_bomb_is_refused_before_reading(qtbot, tmp_path, office):
    text = preview_roster(qtbot, office, hostile.far_cell(tmp_path / "far.xlsx"))
    assert "表格过大或已损坏" in text and "1,048,576 行" in text
    assert query(office[0], "SELECT count(*) FROM person") == [(0,)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_a_reader_that_aborts_ends_the_child_not_the_window(qtbot, tmp_path, office, monkeypatch):
    # Limits that let the far cell through the guard: only the child's memory cap stops it.
    import models.services.rosters.queries as roster_queries

    wide = FileLimits(max_rows=10_000_000, max_columns=100_000)
    monkeypatch.setattr(roster_queries, "file_limits_in_force", lambda db: wide)
    monkeypatch.setattr("models.importing.isolated.MEMORY_CAP_MB", 1024)
    text = preview_roster(qtbot, office, hostile.far_cell(tmp_path / "far.xlsx"))
    assert "表格过大或已损坏" in text and "读取已中止" in text


def test_the_slate_preview_reports_a_bomb(qtbot, tmp_path, office):
    path, term, runner, ctx = office
    parent = QWidget()
    qtbot.addWidget(parent)
    answerer = warnings("hostile_slate_preview")
    try:
        start_import(
            parent,
            runner,
            ctx,
            kind=BodyKind.CONGRESS,
            term=term,
            done=lambda: None,
            path=hostile.whitespace_bomb(tmp_path / "white.xlsx"),
        )
        qtbot.waitUntil(lambda: bool(warned(answerer)), timeout=30_000)
    finally:
        answerer.stop()
    assert "表格过大或已损坏" in warned(answerer)[0]
    assert query(path, "SELECT count(*) FROM person") == [(0,)]

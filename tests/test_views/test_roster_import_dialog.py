"""导入在任名单 offscreen on a day-one database: type the file, preview, decide on the units and
the people the file describes otherwise, import; and the slate preview's same panel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.gui import open_context
from desktop.settings import StartupSettings
from models.domain.identity import check_digit
from models.domain.vocabulary import BodyKind, TermStatus
from models.importing.slate_reader import read_slate
from models.services.people.commands import add_person
from models.services.people.contracts import PersonDraft, TermRow
from models.services.rosters.contracts import SheetPreview
from models.services.terms.commands import open_term
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from views.background import Runner
from views.people.roster_import_dialog import RosterImportDialog
from views.slates.import_dialog import ImportPreview, start_import

from .helpers import ModalAnswerer, query, shot, sqlite_url, type_text, unnamed_focusable


def an_id(index: int) -> str:
    first17 = f"11010819750607{200 + 2 * index + 1:03d}"
    return first17 + check_digit(first17)


def roster_file(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "身份证号", "选举单位", "职务"])
    for index, unit in enumerate(["大峪街道", "斋堂镇", "大峪街道"]):
        cells = [f"在任{index}", "男", an_id(index), unit, None]
        sheet.append(cells)
        sheet.cell(row=index + 2, column=3).data_type = "s"
    sheet.append(["坏行", "男", "110108197506072000", "大峪街道", "主席"])
    book.save(path)
    return path


class Office:
    def __init__(self, path: Path, term: TermRow, runner: Runner, ctx) -> None:
        self.path, self.term, self.runner, self.ctx = path, term, runner, ctx


@pytest.fixture
def office(qtbot, tmp_path) -> Iterator[Office]:
    path = tmp_path / "yishi.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    migrate.upgrade(engine)
    db = Database(engine)
    term = open_term(
        db,
        user="setup",
        kind=BodyKind.CONGRESS,
        term=7,
        status=TermStatus.DRAFT,
        start_date=date(2021, 12, 1),
    )
    add_person(db, user="setup", draft=PersonDraft(name="旧名", gender="男", id_number=an_id(1)))
    engine.dispose()
    runner = Runner()
    ctx = open_context(StartupSettings(database_url=sqlite_url(path), user="clerk"))
    yield Office(path, term, runner, ctx)
    assert runner.wait_idle(10_000)
    ctx.db.engine.dispose()


def test_a_clerk_imports_the_sitting_congress_by_keyboard(qtbot, tmp_path, office):
    dialog = RosterImportDialog(
        office.runner, office.ctx, kind=BodyKind.CONGRESS, association=None, term=office.term
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert "第七届代表大会" in dialog.windowTitle()
    assert unnamed_focusable(dialog) == []
    path = roster_file(tmp_path / "第七届代表.xlsx")
    dialog.file.setFocus()
    type_text(qtbot, dialog.file, str(path))
    qtbot.keyClick(dialog.file, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.panel.preview is not None, timeout=10_000)
    panel = dialog.panel
    assert "读取 4 行，无误 0 行，有错误 4 行" in panel.summary.text()
    assert panel.create_units.isVisible() and "大峪街道、斋堂镇" in panel.units_label.text()
    assert not dialog.import_all.isEnabled() and not dialog.import_valid.isVisible()
    assert not panel.conflicts.isVisible()  # rows with errors are not matched yet

    panel.create_units.setFocus()
    qtbot.keyClick(panel.create_units, Qt.Key.Key_Space)
    assert "无误 3 行，有错误 1 行" in panel.summary.text()
    assert "职务“主席”不是代表大会的职务" in panel.problems.toPlainText()
    assert dialog.import_valid.isVisible() and not dialog.import_all.isEnabled()
    assert panel.conflicts.isVisible() and panel.conflicts.rowCount() == 1
    assert panel.conflicts.item(0, 2).text() == an_id(1)[:6] + "********" + an_id(1)[-4:]
    assert "人员库“旧名”，本表“在任1”" in panel.conflicts.item(0, 4).text()
    assert unnamed_focusable(dialog) == []
    shot(dialog, "roster_import_dialog")

    # Tab follows the screen: the problems, the units' tick, then the people.
    panel.problems.setFocus()
    qtbot.keyClick(panel.problems, Qt.Key.Key_Tab)
    assert panel.create_units.hasFocus()
    qtbot.keyClick(panel.create_units, Qt.Key.Key_Tab)
    assert panel.conflicts.hasFocus()
    panel.conflicts.setCurrentCell(0, 0)
    qtbot.keyClick(panel.conflicts, Qt.Key.Key_Space)
    assert panel.choices(valid_only=True).rows_from_file == frozenset({3})
    qtbot.mouseClick(dialog.import_valid, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert "已导入 3 行（新增人员 2 人，更新人员 1 人）" in dialog.status.text()
    assert "已新建选举单位：大峪街道、斋堂镇" in dialog.status.text()
    assert ".rejected.xlsx" in dialog.status.text()
    assert not dialog.import_all.isEnabled() and dialog.close_button.hasFocus()
    shot(dialog, "roster_import_done")
    assert query(office.path, "SELECT name FROM person ORDER BY id") == [
        ("在任1",),
        ("在任0",),
        ("在任2",),
    ]
    assert query(
        office.path, "SELECT DISTINCT status, start_reason, start_date FROM membership"
    ) == [("elected", "当选", "2021-12-01")]
    assert query(office.path, "SELECT count(*), sum(seats) FROM seat_allocation") == [(2, 0)]


def test_the_template_is_saved_from_the_dialog(qtbot, tmp_path, office):
    dialog = RosterImportDialog(
        office.runner, office.ctx, kind=BodyKind.CONGRESS, association=None, term=office.term
    )
    qtbot.addWidget(dialog)
    dialog.write_template(tmp_path / "模板")
    qtbot.waitUntil(lambda: "已保存模板" in dialog.status.text(), timeout=10_000)
    saved = tmp_path / "模板.xlsx"
    assert str(saved) in dialog.status.text()
    from openpyxl import load_workbook

    assert "职务" in [cell.value for cell in load_workbook(saved).worksheets[0][1]]


def test_a_past_term_takes_no_roster(qtbot, office):
    past = TermRow(**{**office.term.__dict__, "status": TermStatus.PAST})
    dialog = RosterImportDialog(
        office.runner, office.ctx, kind=BodyKind.CONGRESS, association=None, term=past
    )
    qtbot.addWidget(dialog)
    assert not dialog.file.isEnabled() and not dialog.import_all.isEnabled()


def test_the_slate_preview_shares_the_panel(qtbot, tmp_path):
    path = roster_file(tmp_path / "slate.xlsx")
    sheet = read_slate(path, body="congress", known_units=["大峪街道"])
    with_units = read_slate(path, body="congress", known_units=["大峪街道", "斋堂镇"])
    preview = ImportPreview(
        SheetPreview(sheet, (), ("斋堂镇",), SheetPreview(with_units, (), ("斋堂镇",))), path
    )
    qtbot.addWidget(preview)
    preview.show()
    assert preview.import_valid.isVisible() and not preview.import_all.isEnabled()
    preview.panel.create_units.setChecked(True)
    assert preview.choices().create_units is True
    assert "无误 3 行，有错误 1 行" in preview.panel.summary.text()
    assert "职务" not in preview.panel.problems.toPlainText()  # a slate has no 职务 column
    assert preview.import_valid.isVisible()
    assert unnamed_focusable(preview) == []
    shot(preview, "slate_import_preview")


def test_ctrl_shift_i_opens_it_for_the_chosen_body_and_term(harness):
    harness.choose("主席团")
    term = harness.roster.current_term()
    answerer = ModalAnswerer().start()
    try:
        harness.qtbot.keyClick(
            harness.window,
            Qt.Key.Key_I,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        harness.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
    finally:
        answerer.stop()
    [seen] = answerer.seen
    assert seen["type"] == "RosterImportDialog"
    assert seen["title"] == f"导入在任名单 — {term.name}主席团"


def test_the_slate_import_offers_the_same_decisions(harness, tmp_path):
    from views.slates.slate_editor import SlateEditor

    harness.choose("代表大会")
    harness.choose_term("第八届（筹备中）")
    harness.window.open_slate_editor()
    editor = next(c for c in harness.window.children() if isinstance(c, SlateEditor))
    harness.qtbot.addWidget(editor)
    harness.qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    [(id_number, name, gender)] = harness.query(
        "SELECT id_number, name, gender FROM person ORDER BY id LIMIT 1"
    )
    [(unit,)] = harness.query("SELECT name FROM electoral_unit ORDER BY sort_order LIMIT 1")
    book = Workbook()
    book.active.append(["姓名", "性别", "身份证号", "选举单位"])
    book.active.append(["改过的名字", gender, id_number, unit])
    book.active.append(["新来的", "男", an_id(7), "新建街道"])
    for row in (2, 3):
        book.active.cell(row=row, column=3).data_type = "s"
    path = tmp_path / "第八届补充.xlsx"
    book.save(path)
    seen: list[str] = []

    def answer(modal):
        if isinstance(modal, ImportPreview):
            seen.append(modal.panel.summary.text())
            modal.panel.create_units.setChecked(True)
            seen.append(modal.panel.conflicts.item(0, 4).text())
            modal.panel.set_from_file(2, True)
            modal.import_all.click()
        elif isinstance(modal, QMessageBox):
            seen.append(modal.text())
            modal.accept()

    answerer = ModalAnswerer(answer=answer).start()
    try:
        start_import(
            editor,
            editor.runner,
            editor.ctx,
            kind=BodyKind.CONGRESS,
            term=editor.term,
            done=lambda: None,
            path=path,
        )
        harness.qtbot.waitUntil(lambda: len(seen) == 3, timeout=20_000)
    finally:
        answerer.stop()
    assert "无误 1 行，有错误 1 行" in seen[0]
    assert f"人员库“{name}”，本表“改过的名字”" in seen[1]
    assert "已导入 2 行（新增人员 1 人，更新人员 1 人）" in seen[2]
    assert "已新建选举单位：新建街道" in seen[2]
    harness.idle()
    assert harness.query("SELECT name FROM person WHERE id_number = ?", id_number) == [
        ("改过的名字",)
    ]

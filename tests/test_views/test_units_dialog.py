"""选举单位与名额 offscreen, on a day-one database: units added, seats typed, reordered, removed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.services.common.context import AppContext
from models.services.electoral.commands import set_seats
from models.services.electoral.queries import units_of_congress_term
from models.services.people.commands import add_memberships, add_person
from models.services.people.contracts import MembershipDraft, PersonDraft, TermRow
from models.services.terms.commands import open_term
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from views.background import Runner
from views.terms.units_dialog import SEATS_COLUMN, UnitEditor, UnitsDialog

from .helpers import ModalAnswerer, shot, type_text, unnamed_focusable


@dataclass
class Office:
    db: Database
    term: TermRow
    runner: Runner
    qtbot: object

    def seats(self) -> list[tuple[str, str, int | None, int]]:
        units = units_of_congress_term(self.db, term_id=self.term.id)
        return [(u.name, u.kind, u.seats, u.members) for u in units.units]

    def idle(self) -> None:
        self.qtbot.waitUntil(self.runner.is_idle, timeout=20_000)  # type: ignore[attr-defined]
        self.runner.wait_idle(20_000)


@pytest.fixture
def office(qtbot, tmp_path: Path) -> Iterator[Office]:
    """A migrated empty file (day one) with the 8th congress term being prepared."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    migrate.upgrade(engine)
    db = Database(engine)
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    runner = Runner()
    yield Office(db, term, runner, qtbot)
    runner.wait_idle(20_000)
    engine.dispose()


def activate(qtbot, dialog: UnitsDialog) -> None:
    """Shortcuts reach only the active window (again, after a modal editor)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()


def open_dialog(office: Office) -> UnitsDialog:
    dialog = UnitsDialog(office.runner, AppContext(office.db, "clerk"), term=office.term)
    office.qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    office.idle()
    activate(office.qtbot, dialog)
    return dialog


def fill_editor(qtbot, name: str, seats: str = "", kind: str | None = None):
    """Answer the 新增/改名 editor as a clerk types: the name, the seats, Enter."""

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, UnitEditor)
        assert unnamed_focusable(widget) == []
        assert widget.name_edit.hasFocus()
        widget.name_edit.selectAll()
        qtbot.keyClick(widget.name_edit, Qt.Key.Key_Backspace)
        type_text(qtbot, widget.name_edit, name)
        if kind is not None:
            widget.kind_box.setCurrentIndex(widget.kind_box.findText(kind))
        if seats and widget.seats_edit is not None:
            qtbot.keyClicks(widget.seats_edit, seats)
        shot(widget, "unit_editor")
        qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)

    return ModalAnswerer(answer=answer)


def add(office: Office, dialog: UnitsDialog, name: str, seats: str = "", kind=None) -> None:
    seen = press(office, dialog, Qt.Key.Key_Insert, fill_editor(office.qtbot, name, seats, kind))
    assert [s["type"] for s in seen] == ["UnitEditor"]


def commit(qtbot, dialog: UnitsDialog, editor: QWidget) -> None:
    """Enter in the cell: the view commits it on its next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def press(office: Office, dialog: UnitsDialog, key: Qt.Key, answerer: ModalAnswerer) -> list:
    """Press a key on the table with `answerer` ready for the modal it may open; what it saw."""
    answerer.start()
    try:
        office.qtbot.keyClick(dialog.table, key)  # type: ignore[attr-defined]
        office.idle()
    finally:
        answerer.stop()
    return answerer.seen


def cells(dialog: UnitsDialog, column: int) -> list[str]:
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def test_a_clerk_sets_up_units_and_seats_from_the_keyboard(office, qtbot, qtmodeltester):
    dialog = open_dialog(office)
    assert dialog.model.rowCount() == 0 and "还没有选举单位" in dialog.total.text()
    assert dialog.windowTitle() == "选举单位与名额 — 第八届代表大会"
    assert unnamed_focusable(dialog) == []

    add(office, dialog, "大峪街道", "28")
    add(office, dialog, "王平镇")
    add(office, dialog, "助残组织", "3", kind="界别")
    assert office.seats() == [
        ("大峪街道", "街道", 28, 0),
        ("王平镇", "镇", None, 0),
        ("助残组织", "界别", 3, 0),
    ]
    qtmodeltester.check(dialog.model)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["序号", "选举单位", "类型", "名额", "已用人数"]
    assert cells(dialog, SEATS_COLUMN) == ["28", "未分配", "3"]
    assert dialog.selected().name == "助残组织" and "已新增“助残组织”" in dialog.message.text()
    assert "名额合计 31 名" in dialog.total.text()

    # Typing digits on a row edits its 名额; Enter saves.
    dialog.select_row(1)
    qtbot.keyClick(dialog.table, "1")  # opens the cell's editor, which has the focus from now
    editor = dialog.table.focusWidget()
    assert editor is not dialog.table
    qtbot.keyClicks(editor, "2x")  # digits only: the x is not taken
    assert editor.text() == "12"
    commit(qtbot, dialog, editor)
    office.idle()
    assert office.seats()[1] == ("王平镇", "镇", 12, 0)
    assert "名额合计 43 名" in dialog.total.text() and "王平镇的名额已改为 12 名" in (
        dialog.message.text()
    )
    # F2 then an emptied cell: the term allocates it no seats.
    dialog.select_row(2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = dialog.table.focusWidget()
    assert editor.accessibleName() == "名额"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    commit(qtbot, dialog, editor)
    office.idle()
    assert office.seats()[2] == ("助残组织", "界别", None, 0)

    # Ctrl+Up moves the selected unit up; the order is saved.
    dialog.select_row(1)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    office.idle()
    assert [s[0] for s in office.seats()] == ["王平镇", "大峪街道", "助残组织"]
    assert cells(dialog, 1) == ["王平镇", "大峪街道", "助残组织"]
    assert dialog.selected().name == "王平镇"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    office.idle()
    assert [s[0] for s in office.seats()] == ["大峪街道", "王平镇", "助残组织"]

    # 改名 keeps the seats.
    dialog.select_row(2)
    answerer = fill_editor(qtbot, "助残社会组织").start()
    try:
        dialog.rename_button.click()
        office.idle()
    finally:
        answerer.stop()
    assert office.seats()[2] == ("助残社会组织", "界别", None, 0)
    shot(dialog, "units_dialog")

    # Tab leaves the table for the buttons; Esc in a cell leaves the cell, then the dialog.
    assert unnamed_focusable(dialog) == []
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.add_button.hasFocus()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    qtbot.keyClick(dialog.table.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert office.seats()[0] == ("大峪街道", "街道", 28, 0)


def test_a_unit_in_use_is_not_removed_and_an_unused_one_is_after_asking(office, qtbot):
    set_seats(
        office.db, user="setup", term_id=office.term.id, seats=[("大峪街道", 28), ("王平镇", 12)]
    )
    person = add_person(
        office.db, user="setup", draft=PersonDraft("张三", "男", "110109198001021239")
    )
    add_memberships(
        office.db,
        user="setup",
        term_id=office.term.id,
        entries=[
            (
                person.id,
                MembershipDraft(
                    position="代表",
                    status=MembershipStatus.CANDIDATE.value,
                    start_reason=None,
                    electoral_unit="大峪街道",
                ),
            )
        ],
    )
    dialog = open_dialog(office)
    assert cells(dialog, 4) == ["1", "0"] and "已用 1 人" in dialog.total.text()

    # In use: no question asked, the refusal says who uses it (counts only), nothing removed.
    dialog.select_row(0)
    assert press(office, dialog, Qt.Key.Key_Delete, ModalAnswerer(button="删除")) == []
    assert "第八届代表大会 1 人" in dialog.message.text() and "张三" not in dialog.message.text()
    assert [s[0] for s in office.seats()] == ["大峪街道", "王平镇"]

    # Unused: 取消 keeps it, 删除 removes it with its seats.
    dialog.select_row(1)
    activate(qtbot, dialog)
    seen = press(office, dialog, Qt.Key.Key_Delete, ModalAnswerer(button="取消"))
    assert [s["title"] for s in seen] == ["删除选举单位"]
    assert "王平镇" in seen[0]["text"] and "12 名" in seen[0]["text"]
    assert len(office.seats()) == 2
    activate(qtbot, dialog)
    assert len(press(office, dialog, Qt.Key.Key_Delete, ModalAnswerer(button="删除"))) == 1
    assert office.seats() == [("大峪街道", "街道", 28, 1)]
    assert cells(dialog, 1) == ["大峪街道"] and "已删除“王平镇”" in dialog.message.text()


def test_a_name_already_taken_keeps_the_editor_open_and_says_so(office, qtbot):
    set_seats(office.db, user="setup", term_id=office.term.id, seats=[("大峪街道", 28)])
    dialog = open_dialog(office)
    seen: list[str] = []

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, UnitEditor)
        type_text(qtbot, widget.name_edit, "大峪街道")
        qtbot.keyClick(widget.name_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "已有选举单位" in widget.message.text())
        seen.append(widget.message.text())
        assert widget.isVisible() and widget.name_edit.text() == "大峪街道"
        shot(widget, "unit_editor_refused")
        widget.reject()

    press(office, dialog, Qt.Key.Key_Insert, ModalAnswerer(answer=answer))
    assert seen == ["错误：已有选举单位“大峪街道”，请换一个名称。"]
    assert office.seats() == [("大峪街道", "街道", 28, 0)]


def test_ctrl_shift_u_opens_it_for_the_congress_term_shown(harness, qtbot):
    """The window's 任职 → 选举单位与名额… (wired by the frame) opens this dialog on the term shown."""
    h = harness
    h.choose("代表大会")
    h.choose_term("第八届（筹备中）")
    seen: list[tuple[str, list[str]]] = []

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, UnitsDialog)
        qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
        seen.append((widget.windowTitle(), cells(widget, SEATS_COLUMN)))
        widget.reject()

    answerer = ModalAnswerer(answer=answer).start()
    try:
        h.window.activateWindow()
        qtbot.waitUntil(h.window.isActiveWindow)
        qtbot.keyClick(
            h.window,
            Qt.Key.Key_U,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: len(seen) == 1)
    finally:
        answerer.stop()
    title, seats = seen[0]
    assert title == "选举单位与名额 — 第八届代表大会"
    # The demo's 8th term allocates 28 seats to 大峪街道, its first unit.
    assert seats[0] == "28"

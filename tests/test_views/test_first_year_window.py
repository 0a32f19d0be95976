"""The first year of an office through the window, never the demo (issue 12 item 8).

An empty database: the first-run dialog, the 7th congress opened in 届次管理, its units and seats,
its sitting roster imported, the handover; the 7th presidium drawn from those delegates, elected
and made current; the 8th congress opened, its slate imported and checked in the slate editor,
elected and made current. Dialogs are driven by keyboard where a clerk types.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.vocabulary import BodyKind
from tests.test_cli.slate_files import HEADERS, passing_rows, write_slate
from views.people.roster_import_dialog import RosterImportDialog
from views.slates.import_dialog import ImportPreview, start_import
from views.slates.slate_editor import SlateEditor
from views.terms.term_forms import (
    CandidatesFromCongressForm,
    ElectionForm,
    HandoverForm,
    OpenTermForm,
)
from views.terms.units_dialog import UnitsDialog

from .helpers import ModalAnswerer, WindowHarness, shot, sqlite_url, type_text
from .terms_support import activate, column, open_dialog, press, saved


@pytest.fixture
def office(qtbot, tmp_path: Path) -> Iterator[WindowHarness]:
    """The window on a file that does not exist yet: opening it creates and migrates it."""
    path = tmp_path / "office.sqlite3"
    settings = StartupSettings(database_url=sqlite_url(path), user="王秘书")
    window = build_window(settings, interactive=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    harness = WindowHarness(qtbot, window, path)
    yield harness
    if window.first_run is not None:
        window.first_run.done(0)
    harness.idle()
    window.close()
    assert window.runner.wait_idle(10_000)


def first_run(h: WindowHarness) -> None:
    """The clerk types the federation's names and presses Enter."""
    qtbot = h.qtbot
    qtbot.waitUntil(lambda: h.window.first_run is not None and h.window.first_run.isVisible())
    dialog = h.window.first_run
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.facts is not None)
    edits = dialog.profile_fields.edits
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edits["full_name"])
    for name, text in (("full_name", "延庆区残疾人联合会"), ("short_name", "延残联")):
        type_text(qtbot, edits[name], text)
        qtbot.keyClick(edits[name], Qt.Key.Key_Tab)
    qtbot.keyClick(edits["short_name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)


def open_term(h: WindowHarness, body: BodyKind, name: str, ordinal: int, start: str) -> None:
    """届次管理 → 新建一届 (Alt+N): the 届次 typed over the default, the start date typed."""
    dialog = open_dialog(h, body, name)
    form = press(h, dialog, Qt.Key.Key_N)
    assert isinstance(form, OpenTermForm)
    form.ordinal.setFocus()
    form.ordinal.selectAll()
    h.qtbot.keyClicks(form.ordinal, str(ordinal))
    start_edit = form.fields["start_date"]
    start_edit.setFocus()
    type_text(h.qtbot, start_edit, start)
    h.qtbot.keyClick(start_edit, Qt.Key.Key_Return)
    saved(h, dialog)
    dialog.close()


def hand_over(h: WindowHarness, body: BodyKind, name: str, ordinal: int, day: QDate) -> None:
    """届次管理 → 设为现任 (Alt+C) on the date, confirmed."""
    dialog = open_dialog(h, body, name)
    dialog.select_term(ordinal)
    form = press(h, dialog, Qt.Key.Key_C)
    assert isinstance(form, HandoverForm)
    form.day.setDate(day)
    answerer = ModalAnswerer(button="设为现任").start()
    try:
        h.qtbot.keyClick(form.day, Qt.Key.Key_Return)
        saved(h, dialog)
    finally:
        answerer.stop()
    dialog.close()


def elect_all(h: WindowHarness, body: BodyKind, name: str, ordinal: int, day: QDate) -> None:
    """届次管理 → 记录选举结果 (Alt+E): every candidate 当选, the default, on the date."""
    dialog = open_dialog(h, body, name)
    dialog.select_term(ordinal)
    form = press(h, dialog, Qt.Key.Key_E)
    assert isinstance(form, ElectionForm)
    form.day.setDate(day)
    h.qtbot.keyClick(form.day, Qt.Key.Key_Return)
    saved(h, dialog)
    dialog.close()


def show_term(h: WindowHarness, label: str) -> None:
    """The term in the roster's box, chosen unless the box already shows it."""
    h.qtbot.waitUntil(lambda: label in h.term_labels())
    h.idle()
    if h.roster.term_box.currentText() != label:
        h.choose_term(label)


def statuses(h: WindowHarness, body: str, ordinal: int) -> dict[str, int]:
    rows = h.query(
        "SELECT m.status, count(*) FROM membership m JOIN term t ON t.id = m.term_id"
        " JOIN body b ON b.id = t.body_id WHERE b.code = ? AND t.ordinal = ? GROUP BY m.status",
        body,
        ordinal,
    )
    return dict(rows)


def test_the_first_year_through_the_window(office: WindowHarness, tmp_path: Path) -> None:
    h = office
    first_run(h)
    assert h.query("SELECT value FROM setting WHERE key = 'profile.short_name'") == [("延残联",)]

    # Day one: the congress has no term, and 届次管理 is how the first one opens.
    assert h.choose("代表大会") == 0
    assert h.term_labels() == [] and h.window.terms_action.isEnabled()
    assert not h.window.add_member_action.isEnabled()
    open_term(h, BodyKind.CONGRESS, "代表大会", 7, "2021-06-18")
    show_term(h, "第七届（筹备中）")

    # Its sitting roster from the office's file; the units it names are created on request.
    rows = passing_rows(0) + passing_rows(10)
    path = write_slate(tmp_path / "第七届代表.xlsx", rows, (*HEADERS, "职务"))
    term = h.roster.current_term()
    dialog = RosterImportDialog(
        h.window.runner, h.ctx, kind=BodyKind.CONGRESS, association=None, term=term, parent=h.window
    )
    h.qtbot.addWidget(dialog)
    dialog.show()
    dialog.file.setFocus()
    type_text(h.qtbot, dialog.file, str(path))
    h.qtbot.keyClick(dialog.file, Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: dialog.panel.preview is not None, timeout=20_000)
    dialog.panel.create_units.setFocus()
    h.qtbot.keyClick(dialog.panel.create_units, Qt.Key.Key_Space)
    assert dialog.import_all.isEnabled(), dialog.panel.summary.text()
    dialog.import_all.setFocus()
    h.qtbot.keyClick(dialog.import_all, Qt.Key.Key_Space)
    h.qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20_000)
    shot(dialog, "first_year_roster_import")
    dialog.close()
    h.idle()
    assert statuses(h, "congress", 7) == {"elected": 20}
    h.qtbot.waitUntil(lambda: h.roster.visible_count() == 20)

    # The seats of one unit typed in 选举单位与名额.
    units = UnitsDialog(h.window.runner, h.ctx, term=h.roster.current_term(), parent=h.window)
    h.qtbot.addWidget(units)
    units.show()
    h.idle()
    activate(h, units)
    assert units.model.rowCount() == 5
    units.select_row(0)
    units.table.setFocus()
    h.qtbot.keyClick(units.table, "6")
    editor = units.table.focusWidget()
    h.qtbot.keyClick(editor, Qt.Key.Key_Return)
    h.idle()
    h.qtbot.waitUntil(lambda: "名额合计 6 名" in units.total.text())
    units.close()

    hand_over(h, BodyKind.CONGRESS, "代表大会", 7, QDate(2021, 6, 18))
    h.qtbot.waitUntil(lambda: h.term_labels() == ["第七届（现任）"])

    # The presidium, drawn from the delegates: all of them ticked by keyboard, elected, current.
    h.choose("主席团")
    open_term(h, BodyKind.PRESIDIUM, "主席团", 7, "2021-06-18")
    terms = open_dialog(h, BodyKind.PRESIDIUM, "主席团")
    terms.select_term(7)
    form = press(h, terms, Qt.Key.Key_A)
    assert isinstance(form, CandidatesFromCongressForm)
    delegates = form.delegates
    assert delegates.count() == 20
    delegates.setFocus()
    delegates.setCurrentRow(0)
    for _ in range(10):
        h.qtbot.keyClick(delegates, Qt.Key.Key_Space)
        h.qtbot.keyClick(delegates, Qt.Key.Key_Down)
    form.ok_button().setFocus()
    h.qtbot.keyClick(form.ok_button(), Qt.Key.Key_Space)
    saved(h, terms)
    assert column(terms, "人数") == ["候选 10"]
    terms.close()
    elect_all(h, BodyKind.PRESIDIUM, "主席团", 7, QDate(2021, 6, 18))
    hand_over(h, BodyKind.PRESIDIUM, "主席团", 7, QDate(2021, 6, 18))
    assert statuses(h, "presidium", 7) == {"elected": 10}

    # The 8th congress: opened, its slate imported and checked in the slate editor.
    h.choose("代表大会")
    open_term(h, BodyKind.CONGRESS, "代表大会", 8, "2026-12-20")
    show_term(h, "第八届（筹备中）")
    h.window.open_slate_editor()
    editor = next(c for c in h.window.children() if isinstance(c, SlateEditor))
    h.qtbot.addWidget(editor)
    h.qtbot.waitUntil(lambda: editor.report is not None, timeout=20_000)
    slate = write_slate(tmp_path / "第八届候选人.xlsx", passing_rows(15) + passing_rows(30))
    answered: list[str] = []

    def answer(modal) -> None:
        if isinstance(modal, ImportPreview):
            answered.append(modal.panel.summary.text())
            modal.import_all.click()
        elif isinstance(modal, QMessageBox):
            answered.append(modal.text())
            modal.accept()

    answerer = ModalAnswerer(answer=answer).start()
    try:
        start_import(
            editor,
            editor.runner,
            editor.ctx,
            kind=BodyKind.CONGRESS,
            term=editor.term,
            done=editor.load,
            path=slate,
        )
        h.qtbot.waitUntil(lambda: len(answered) == 2, timeout=20_000)
    finally:
        answerer.stop()
    assert "已导入 20 行" in answered[1], answered
    h.idle()
    h.qtbot.waitUntil(
        lambda: editor.report is not None and len(editor.report.results) > 0, timeout=20_000
    )
    h.qtbot.waitUntil(lambda: "名单 20 人" in editor.summary.text(), timeout=20_000)
    assert all(r.status != "fail" for r in editor.report.results)
    shot(editor, "first_year_slate_editor")
    editor.close()

    elect_all(h, BodyKind.CONGRESS, "代表大会", 8, QDate(2026, 12, 20))
    hand_over(h, BodyKind.CONGRESS, "代表大会", 8, QDate(2026, 12, 20))
    h.qtbot.waitUntil(lambda: "第八届（现任）" in h.term_labels())
    assert sorted(h.term_labels()) == sorted(["第八届（现任）", "第七届（往届）"]), h.term_labels()
    assert statuses(h, "congress", 8) == {"elected": 20}
    assert statuses(h, "congress", 7) == {"ended": 20}
    show_term(h, "第八届（现任）")
    h.qtbot.waitUntil(lambda: h.roster.visible_count() == 20)
    shot(h.window, "first_year_window")

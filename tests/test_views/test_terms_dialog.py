"""届次管理 on a day-one database (never the demo): open, elect, hand over, draw the presidium's
candidates from the congress, delete a draft; the roster's term box follows every change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.vocabulary import BodyKind
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._terms import Federation, build_federation
from views.ops import terms as ops
from views.terms.term_forms import ElectionForm, HandoverForm, OpenTermForm

from .helpers import ModalAnswerer, WindowHarness, shot, sqlite_url, type_text, unnamed_focusable
from .terms_support import activate, column, open_dialog, press, saved


@pytest.fixture
def office(qtbot, tmp_path: Path) -> Iterator[tuple[WindowHarness, Federation]]:
    """The window on an office's own database: the 7th congress sitting, the 8th's slate in."""
    path = tmp_path / "office.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    migrate.upgrade(engine)
    fed = build_federation(Database(engine))
    engine.dispose()
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    # Not interactive: this office has no profile, and the first-run dialog is not the subject.
    window = build_window(settings, interactive=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    harness = WindowHarness(qtbot, window, path)
    yield harness, fed
    harness.idle()
    window.close()
    assert window.runner.wait_idle(10_000)


def statuses(h: WindowHarness, term_id: int) -> dict[str, str]:
    rows = h.query(
        "SELECT p.name, m.status FROM membership m JOIN person p ON p.id = m.person_id"
        " WHERE m.term_id = ?",
        term_id,
    )
    return dict(rows)


def test_the_menu_action_opens_the_body_s_terms(office):
    h, _fed = office
    answerer = ModalAnswerer().start()
    try:
        h.window.terms_action.trigger()
    finally:
        answerer.stop()
    assert [(s["type"], s["title"]) for s in answerer.seen] == [
        ("TermsDialog", "代表大会 — 届次管理")
    ]


def test_a_new_term_from_the_keyboard_shows_in_the_roster(office):
    h, _fed = office
    dialog = open_dialog(h, BodyKind.CONGRESS, "代表大会")
    assert column(dialog, "届次") == ["第七届", "第八届"]
    assert column(dialog, "状态") == ["现任", "筹备中"]
    assert column(dialog, "人数") == ["在任 2", "候选 3，候补 1"]
    assert unnamed_focusable(dialog) == []
    shot(dialog, "terms_dialog")
    form = press(h, dialog, Qt.Key.Key_N)
    assert isinstance(form, OpenTermForm) and form.ordinal.value() == 9
    assert unnamed_focusable(form) == []
    start = form.fields["start_date"]
    start.setFocus()
    type_text(h.qtbot, start, "2031-12-12")
    shot(form, "terms_open_form")
    h.qtbot.keyClick(start, Qt.Key.Key_Return)
    saved(h, dialog)
    assert column(dialog, "届次") == ["第七届", "第八届", "第九届"]
    assert dialog.selected().term.name == "第九届"
    assert "已新建第九届" in dialog.message.text()
    h.qtbot.waitUntil(lambda: "第九届（筹备中）" in h.term_labels())
    assert h.roster.current_term().name == "第七届"  # the clerk's chosen term stays


def test_a_date_that_is_not_a_date_is_named(office):
    h, _fed = office
    dialog = open_dialog(h, BodyKind.CONGRESS, "代表大会")
    form = press(h, dialog, Qt.Key.Key_N)
    end = form.fields["end_date"]
    end.setFocus()
    type_text(h.qtbot, end, "明年")
    h.qtbot.keyClick(end, Qt.Key.Key_Return)
    assert form.isVisible() and "结束日期“明年”不是有效日期" in form.message.text()
    form.reject()


def test_handover_waits_for_the_election_then_ends_the_sitting_term(office):
    h, fed = office
    dialog = open_dialog(h, BodyKind.CONGRESS, "代表大会")
    dialog.select_term(8)
    form = press(h, dialog, Qt.Key.Key_C)
    assert isinstance(form, HandoverForm)
    answerer = ModalAnswerer(button="设为现任").start()
    try:
        h.qtbot.keyClick(form.day, Qt.Key.Key_Return)
        h.qtbot.waitUntil(lambda: "候选人没有记录选举结果" in form.message.text())
    finally:
        answerer.stop()
    assert h.query("SELECT status FROM term WHERE id = ?", fed.seventh) == [("current",)]
    form.reject()
    h.qtbot.waitUntil(lambda: dialog.form is None)

    # The election: 孙三 not elected (space unticks him), the reserve 周五 moves up.
    form = press(h, dialog, Qt.Key.Key_E)
    assert isinstance(form, ElectionForm)
    assert unnamed_focusable(form) == []
    candidates: QListWidget = form.candidates
    assert [candidates.item(i).text().split("（")[0] for i in range(candidates.count())] == [
        "赵一",
        "孙三",
        "李四",
    ]
    candidates.setFocus()
    candidates.setCurrentRow(0)
    h.qtbot.keyClick(candidates, Qt.Key.Key_Down)
    h.qtbot.keyClick(candidates, Qt.Key.Key_Space)
    form.reserves.setFocus()
    form.reserves.setCurrentRow(0)
    h.qtbot.keyClick(form.reserves, Qt.Key.Key_Space)
    assert form.tally.text() == "当选 2 人，未当选 1 人，递补 1 人"
    shot(form, "terms_election_form")
    h.qtbot.keyClick(form.day, Qt.Key.Key_Return)
    saved(h, dialog)
    assert statuses(h, fed.eighth) == {
        "赵一": "elected",
        "孙三": "not_elected",
        "李四": "elected",
        "周五": "elected",
    }
    assert h.query(
        "SELECT start_reason FROM membership WHERE term_id = ? AND person_id = ?",
        fed.eighth,
        fed.people["周五"],
    ) == [("递补",)]

    form = press(h, dialog, Qt.Key.Key_C)
    assert "第七届转为往届" in form.summary.text() and "其 2 名在任人员" in form.summary.text()
    shot(form, "terms_handover_form")
    answerer = ModalAnswerer(button="设为现任").start()
    try:
        h.qtbot.keyClick(form.day, Qt.Key.Key_Return)
        saved(h, dialog)
    finally:
        answerer.stop()
    (confirmation,) = [s for s in answerer.seen if s["type"] == "QMessageBox"]
    assert "2 名在任人员以“届满”结束任职" in confirmation["text"]
    assert column(dialog, "状态") == ["往届", "现任"]
    assert set(statuses(h, fed.seventh).values()) == {"ended"}
    h.qtbot.waitUntil(lambda: h.term_labels() == ["第七届（往届）", "第八届（现任）"])


def test_presidium_candidates_are_drawn_from_the_congress(office):
    h, fed = office
    dialog = open_dialog(h, BodyKind.PRESIDIUM, "主席团")
    assert not dialog.elect_button.isHidden() and not dialog.candidates_button.isHidden()
    form = press(h, dialog, Qt.Key.Key_A)
    assert unnamed_focusable(form) == []
    delegates: QListWidget = form.delegates
    assert delegates.count() == 3
    delegates.setFocus()
    delegates.setCurrentRow(0)
    h.qtbot.keyClick(delegates, Qt.Key.Key_End)
    h.qtbot.keyClick(delegates, Qt.Key.Key_Space)
    shot(form, "terms_candidates_form")
    form.ok_button().setFocus()
    h.qtbot.keyClick(form.ok_button(), Qt.Key.Key_Space)
    saved(h, dialog)
    assert h.query(
        "SELECT p.name, m.position, m.status, m.disability_category FROM membership m"
        " JOIN person p ON p.id = m.person_id WHERE m.term_id = ?",
        fed.presidium,
    ) == [("李四", "委员", "candidate", "肢体")]
    assert column(dialog, "人数") == ["候选 1"]


def test_an_empty_draft_is_deleted_after_confirming(office):
    h, _fed = office
    dialog = open_dialog(h, BodyKind.EXECUTIVE_COUNCIL, "执行理事会")
    assert dialog.elect_button.isHidden() and dialog.candidates_button.isHidden()
    assert "还没有届次" in dialog.message.text()
    form = press(h, dialog, Qt.Key.Key_N)
    assert form.ordinal.value() == 1
    h.qtbot.keyClick(form.ordinal, Qt.Key.Key_Return)
    saved(h, dialog)
    assert column(dialog, "届次") == ["第一届"] and dialog.delete_button.isEnabled()
    activate(h, dialog)
    answerer = ModalAnswerer(button="删除").start()
    try:
        h.qtbot.keyClick(dialog.table, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
        h.qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    finally:
        answerer.stop()
    (confirmation,) = [s for s in answerer.seen if s["type"] == "QMessageBox"]
    assert "确定删除执行理事会第一届吗" in confirmation["text"]
    assert h.query("SELECT count(*) FROM term WHERE ordinal = 1") == [(0,)]


def test_a_change_made_elsewhere_shows_in_the_open_dialog(office):
    h, _fed = office
    dialog = open_dialog(h, BodyKind.CONGRESS, "代表大会")
    h.window.runner.submit_command(
        lambda: ops.open_term(
            h.ctx, kind=BodyKind.CONGRESS, association=None, term=9, start_date=None, end_date=None
        ),
        on_done=lambda _row: None,
        on_error=lambda error: pytest.fail(str(error)),
    )
    h.qtbot.waitUntil(lambda: column(dialog, "届次") == ["第七届", "第八届", "第九届"])

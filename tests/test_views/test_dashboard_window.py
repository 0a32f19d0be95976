"""改革落实情况 on a database built without the demo: opened from the main window (Ctrl+Shift+R),
every rule of the overview shown with its badge word, today's items and shortfalls one click from
the window that fixes them, reloaded when data changes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.vocabulary import Employment
from models.services.dashboard.contracts import ItemKind, TargetKind
from models.services.dashboard.queries import reform_overview
from models.services.organisation.contracts import CadreDraft
from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._dashboard import Built, build
from views.dashboard.dashboard_window import TARGET_ROLE, DashboardWindow, badge_of, badge_text
from views.decisions.decision_detail import DecisionDetailWindow
from views.documents.reform_report import ReformReportDialog
from views.meetings.meeting_editor import MeetingEditor
from views.motions.motion_list import MotionList
from views.ops import organisation as ops
from views.organisation.registers_window import RegistersWindow
from views.slates.slate_editor import SlateEditor

from .helpers import WindowHarness, sqlite_url, unnamed_focusable

SHOTS = Path(os.environ.get("YISHI_SHOT_DIR", "/tmp"))


@pytest.fixture
def fresh_file(tmp_path: Path) -> tuple[Path, Built]:
    path = tmp_path / "fresh.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    migrate.upgrade(engine)
    built = build(Database(engine))
    engine.dispose()
    return path, built


@pytest.fixture
def fresh(qtbot, fresh_file: tuple[Path, Built]) -> Iterator[tuple[WindowHarness, Built]]:
    path, built = fresh_file
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    window = build_window(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    harness = WindowHarness(qtbot, window, path)
    yield harness, built
    harness.idle()
    window.close()
    assert window.runner.wait_idle(10_000)


def _open(h: WindowHarness) -> DashboardWindow:
    h.idle()
    action = h.window.dashboard_action
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+R"
    action.trigger()
    window = next(iter(h.window.findChildren(DashboardWindow)))
    h.qtbot.waitUntil(lambda: window.overview is not None, timeout=20_000)
    h.idle()
    return window


def _rows(window: DashboardWindow) -> dict[str, QTreeWidgetItem]:
    return {
        str(item.data(0, Qt.ItemDataRole.UserRole + 1)): item
        for item in window.rules.result_items()
    }


def test_every_rule_is_shown_with_its_badge_and_figure(fresh) -> None:
    h, _built = fresh
    window = _open(h)
    window.resize(1400, 900)
    h.idle()
    window.grab().save(str(SHOTS / "dashboard_fresh.png"))
    menu = next(a.menu() for a in h.window.menuBar().actions() if a.text() == "组织(&O)")
    assert h.window.dashboard_action in menu.actions()
    expected = reform_overview(h.ctx.db, year=date.today().year)
    shown = _rows(window)
    for group in expected.groups:
        for result in group.results:
            item = shown[f"{group.key}:{result.id}"]
            assert item.text(0) == result.label
            assert item.text(1) == badge_of(result)[0]  # the word, not colour alone
            assert item.text(2) == result.figure
            assert item.childCount() == len(result.shortfalls)
    groups = [window.rules.topLevelItem(i).text(0) for i in range(window.rules.topLevelItemCount())]
    assert len(groups) == len(expected.groups) == 10
    assert any("主席团提案办理" in g for g in groups) and any("三重一大" in g for g in groups)
    assert window.today.count() == len(window.today_list.items) > 0
    assert window.charts and all(c.bars() for c in window.charts)
    assert not window.progress.isVisible()
    assert unnamed_focusable(window) == []


def test_a_click_opens_where_the_thing_is_fixed(fresh) -> None:
    h, built = fresh
    window = _open(h)
    items = {
        window.today.item(i).data(Qt.ItemDataRole.UserRole).kind: window.today.item(i)
        for i in range(window.today.count())
    }
    entries = {e.target.kind: e for e in window.today_list.items}
    assert entries[TargetKind.MOTION].kind is ItemKind.MOTION_OVERDUE

    motion_item = next(
        window.today.item(i)
        for i in range(window.today.count())
        if window.today.item(i).data(Qt.ItemDataRole.UserRole).id == built.overdue_motion
        and window.today.item(i).data(Qt.ItemDataRole.UserRole).kind is TargetKind.MOTION
    )
    rect = window.today.visualItemRect(motion_item)
    h.qtbot.mouseClick(window.today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    h.idle()
    motions = next(iter(h.window.findChildren(MotionList)))
    h.qtbot.waitUntil(lambda: motions.selected() is not None, timeout=10_000)
    assert motions.selected().id == built.overdue_motion

    window.today.setCurrentItem(items[TargetKind.DECISION])
    h.qtbot.keyClick(window.today, Qt.Key.Key_Return)
    h.idle()
    record = [w for w in h.window.findChildren(DecisionDetailWindow) if w.isVisible()]
    decision_ids = {
        e.target.id for e in window.today_list.items if e.target.kind is TargetKind.DECISION
    }
    assert record and record[0].decision_id in decision_ids

    window.today.setCurrentItem(items[TargetKind.MEETING])
    h.qtbot.keyClick(window.today, Qt.Key.Key_Return)
    h.idle()
    meeting_ids = {
        e.target.id for e in window.today_list.items if e.target.kind is TargetKind.MEETING
    }
    editors = [e for e in h.window.findChildren(MeetingEditor) if e.isVisible()]
    assert editors and editors[0].meeting_id in meeting_ids

    # A shortfall of a slate rule opens the slate editor of that term.
    slate_rule = next(
        item
        for item in window.rules.result_items()
        if item.childCount()
        and str(item.data(0, Qt.ItemDataRole.UserRole + 1)).startswith("slates.")
    )
    window.rules.setCurrentItem(slate_rule.child(0))
    h.qtbot.keyClick(window.rules, Qt.Key.Key_Return)
    h.idle()
    slates = [e for e in h.window.findChildren(SlateEditor) if e.isVisible()]
    assert slates and slates[0].term.id == slate_rule.child(0).data(0, TARGET_ROLE).term_id

    # A failing rule in today's list leads to that rule below.
    window.today.setCurrentItem(items[TargetKind.RULE])
    h.qtbot.keyClick(window.today, Qt.Key.Key_Return)
    current = window.rules.currentItem()
    assert current is not None and current.text(1) == badge_text("fail")
    window.grab().save(str(SHOTS / "dashboard_rule_selected.png"))

    # 打印年度报告… opens the report's dialog on the year shown.
    window.year.setValue(2025)
    h.idle()
    h.qtbot.mouseClick(window.report_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ReformReportDialog)
    assert dialog is not None and dialog.isVisible() and dialog.year.value() == 2025
    dialog.reject()


def test_a_register_shortfall_opens_its_register_and_a_change_reloads(fresh) -> None:
    h, _built = fresh
    window = _open(h)
    leadership = next(
        item
        for item in window.rules.result_items()
        if str(item.data(0, Qt.ItemDataRole.UserRole + 1)).endswith(":staff.seconded")
    )
    assert leadership.text(1) == badge_text("fail") and leadership.childCount() == 1
    window.rules.setCurrentItem(leadership.child(0))
    h.qtbot.keyClick(window.rules, Qt.Key.Key_Return)
    h.idle()
    registers = next(iter(h.window.findChildren(RegistersWindow)))
    assert registers.isVisible()
    assert registers.tabs.tabText(registers.tabs.currentIndex()) == "干部"

    # A 挂职 cadre entered elsewhere: the dashboard reloads by itself and the rule passes.
    h.window.runner.submit_command(
        lambda: ops.add_record(
            h.ctx,
            draft=CadreDraft(name="吴刚", employment=Employment.SECONDED, post="挂职副理事长"),
        ),
        on_done=lambda _row: None,
        on_error=lambda error: pytest.fail(str(error)),
    )
    h.idle()
    h.qtbot.waitUntil(lambda: not window.loading, timeout=20_000)
    h.idle()
    rows = _rows(window)
    key = next(k for k in rows if k.endswith(":staff.seconded"))
    assert rows[key].text(1) == badge_text("pass")

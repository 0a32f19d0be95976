"""The start-up notice of overdue and due-soon motions on the demo: counts, click, no dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from views.motions.due_notice import DueNotice
from views.motions.motion_list import MotionList

from .helpers import WindowHarness
from .test_motions import term_rows


def test_notice_shows_the_demo_overdue_count(harness: WindowHarness) -> None:
    harness.idle()
    notice = harness.window.due_notice
    assert isinstance(notice, DueNotice)
    rows = term_rows(harness)
    overdue = sum(1 for r in rows if r.is_overdue)
    assert overdue, "the demo has overdue motions"
    assert notice.counts.overdue == overdue
    assert notice.isVisible()
    assert notice.text() == f"提案：逾期 {overdue} 件，即将到期 {notice.counts.due_soon} 件"
    assert notice.accessibleName() == "提案到期提醒"
    # Non-modal: nothing waits for a click at start.
    assert QApplication.activeModalWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def test_clicking_the_notice_opens_the_motions_window(harness: WindowHarness) -> None:
    harness.idle()
    notice = harness.window.due_notice
    assert not harness.window.findChildren(MotionList)
    harness.qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    harness.idle()
    windows = harness.window.findChildren(MotionList)
    assert len(windows) == 1
    assert windows[0].isVisible()

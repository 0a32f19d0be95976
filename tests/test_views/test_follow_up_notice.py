"""三重一大 follow-ups past their due date on the demo: the status-bar count beside the motions'
notice, its click opening the register filtered to 逾期跟进, and the filter itself."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from models.services.common.changes import Changes, RecordKind
from models.services.decisions.commands.follow_up import add_follow_up
from models.services.decisions.queries import follow_up_due, get_decision
from views.decisions.decision_list import FOLLOW_UP_OVERDUE, DecisionList
from views.motions.due_notice import FollowUpNotice

from ._decisions import database, decided
from .helpers import WindowHarness, shot


def _overdue_follow_up(h: WindowHarness) -> int:
    decision_id = decided(h)
    db = database(h)
    add_follow_up(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=get_decision(db, decision_id=decision_id).version,
        task="签订采购合同",
        owner="办公室",
        due_on=date.today() - timedelta(days=3),
    )
    return decision_id


def test_the_status_bar_counts_overdue_follow_ups_and_opens_the_filter(
    harness: WindowHarness,
) -> None:
    h = harness
    h.idle()
    decision_id = _overdue_follow_up(h)
    expected = follow_up_due(database(h))
    assert decision_id in expected.overdue_decisions and expected.overdue >= 1
    h.window._on_data_changed(_decisions_changed(), None)
    h.idle()
    notice = h.window.follow_up_notice
    assert isinstance(notice, FollowUpNotice)
    assert notice.isVisible() and notice.accessibleName() == "三重一大跟进到期提醒"
    assert notice.text() == (
        f"三重一大跟进：逾期 {expected.overdue} 项，即将到期 {expected.due_soon} 项"
    )
    shot(h.window.statusBar(), "follow_up_notice")

    h.qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    h.idle()
    window = next(iter(h.window.findChildren(DecisionList)))
    h.idle()
    assert window.state_box.currentData() == FOLLOW_UP_OVERDUE
    assert window.state_box.currentText() == "逾期跟进"
    assert window.year_box.currentData() is None  # every year
    shown = {r.id for r in window.visible_rows()}
    assert shown == set(expected.overdue_decisions)
    assert window.model.rowCount() == len(shown)
    assert window.count.text() == f"共 {len(shown)} 项"
    shot(window, "decision_register_follow_ups")

    window.state_box.setCurrentIndex(0)  # 全部状态: the other decisions come back
    assert len(window.visible_rows()) > len(shown)


def _decisions_changed() -> Changes:
    return Changes(frozenset({RecordKind.DECISIONS}))

"""Motions in the window on the demo: the list and its filters, the detail, allowed moves only."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from models.domain.motion_workflow import MotionAction, MotionState, allowed_actions
from models.services.common.changes import RecordKind
from views.motions.motion_detail import MotionDetailWindow
from views.motions.motion_list import MotionList
from views.motions.motion_table_model import MotionTableModel
from views.ops import motions as ops

from .helpers import WindowHarness, type_text, unnamed_focusable

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.motions.contracts import MotionDetail, MotionRow


def ctx(h: WindowHarness) -> AppContext:
    return h.window.ctx


def term_rows(h: WindowHarness) -> list[MotionRow]:
    """Every motion of the current term, as the window's list query returns them."""
    return ops.term_motions(ctx(h))


def motion(h: WindowHarness, motion_id: int) -> MotionDetail:
    return ops.motion(ctx(h), motion_id=motion_id)


def open_list(h: WindowHarness) -> MotionList:
    assert h.window.motions_action.isEnabled()
    window = h.window.open_motions()
    assert isinstance(window, MotionList)
    h.idle()
    return window


def open_detail(h: WindowHarness, window: MotionList, state: MotionState) -> MotionDetailWindow:
    row = next(r for r in range(window.model.rowCount()) if window.model.motion(r).state is state)
    window.table.selectRow(row)
    detail = window.open_motion()
    assert detail is not None
    h.idle()
    assert detail.detail is not None
    return detail


def column(window: MotionList, header: str) -> list[str]:
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    c = headers.index(header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def test_list_shows_the_demo_and_filters(harness: WindowHarness) -> None:
    window = open_list(harness)
    assert window.model.rowCount() == 41
    overdue = [r for r in term_rows(harness) if r.is_overdue]
    assert overdue, "the demo has overdue motions"
    assert "逾期" in window.overdue_summary.text()

    window.filters.overdue_box.setChecked(True)
    assert window.model.rowCount() == len(overdue)
    assert set(column(window, "逾期")) == {"逾期"}  # said in words, not colour alone
    window.filters.overdue_box.setChecked(False)

    states = window.filters.state_box
    states.setCurrentIndex(states.findData(MotionState.HANDLING.value))
    assert {window.model.motion(r).state for r in range(window.model.rowCount())} == {
        MotionState.HANDLING
    }
    window.filters.state_box.setCurrentIndex(0)

    proposer = term_rows(harness)[0].proposer
    type_text(harness.qtbot, window.filters.search, proposer)
    shown = [window.model.motion(r) for r in range(window.model.rowCount())]
    assert shown and all(proposer in m.proposer or proposer in m.title for m in shown)
    assert unnamed_focusable(window) == []
    window.close()


def test_detail_shows_history_and_only_allowed_actions(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.HANDLING)
    assert detail.history.rowCount() == len(detail.detail.history) > 0
    assert "→" in detail.history.item(0, 3).text()
    assert set(detail.action_buttons) == set(allowed_actions(MotionState.HANDLING))
    assert unnamed_focusable(detail) == []
    detail.close()
    window.close()


def test_start_review_moves_the_motion_and_adds_history(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.SUBMITTED)
    before = detail.history.rowCount()
    motion_id = detail.motion_id
    # The core, not the window, says what the move changed: this motion.
    with harness.qtbot.waitSignal(harness.window.runner.data_changed, timeout=20_000) as changed:
        detail.action_buttons[MotionAction.START_REVIEW].click()
    changes, initiator = changed.args
    assert changes.motions and motion_id in changes.ids_of(RecordKind.MOTIONS)
    assert initiator is detail
    harness.idle()
    harness.idle()
    assert detail.detail.row.state is MotionState.UNDER_REVIEW
    assert detail.history.rowCount() == before + 1
    assert "审查中" in detail.history.item(before, 3).text()
    assert set(detail.action_buttons) == set(allowed_actions(MotionState.UNDER_REVIEW))
    assert motion(harness, motion_id).row.state is MotionState.UNDER_REVIEW
    # The list reloads with the new state.
    row = window.model.row_of(motion_id)
    assert window.model.motion(row).state is MotionState.UNDER_REVIEW
    detail.close()
    window.close()


def test_a_refused_move_is_explained_in_chinese(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.HANDLING)
    assert MotionAction.START_REVIEW not in detail.action_buttons
    detail.perform(MotionAction.START_REVIEW)
    harness.idle()
    text = detail.message.text()
    assert "不能执行" in text and "开始审查" in text and "办理中" in text
    assert detail.detail.row.state is MotionState.HANDLING
    detail.close()
    window.close()


def test_reject_needs_a_reason(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.UNDER_REVIEW)
    detail.perform(MotionAction.REJECT, reason="")
    harness.idle()
    assert "须填写理由" in detail.message.text()
    detail.perform(MotionAction.REJECT, reason="不属于残联职责范围")
    harness.idle()
    harness.idle()
    assert detail.detail.row.state is MotionState.REJECTED
    assert detail.action_buttons == {}
    detail.close()
    window.close()


def test_motion_model(qtmodeltester: Any, harness: WindowHarness) -> None:
    window = open_list(harness)
    model = MotionTableModel()
    model.set_rows(term_rows(harness))
    qtmodeltester.check(model)
    window.close()


def test_feedback_timeout_closes_a_replied_motion_once_the_wait_is_over(
    harness: WindowHarness,
) -> None:
    from datetime import date, timedelta

    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.REPLIED)
    motion_id = detail.motion_id
    button = detail.action_buttons[MotionAction.FEEDBACK_TIMEOUT]
    assert button.isEnabled()
    sent_on = max(sent for _class, _number, _signer, sent in motion(harness, motion_id).replies)
    waited = date.today() - sent_on > timedelta(days=30)
    button.click()
    harness.idle()
    harness.idle()
    state = motion(harness, motion_id).row.state
    if waited:
        assert state is MotionState.CLOSED
    else:  # still within the 30 days: refused in words, nothing changed
        assert state is MotionState.REPLIED and "反馈等待期" in detail.message.text()
    detail.close()
    window.close()


def test_the_motion_windows_import_no_database_layer() -> None:
    """The 提案 windows load their data through views.ops on the lane: opening the module imports
    contracts only, so neither SQLAlchemy nor a motion service is pulled in before it is needed."""
    script = (
        "import sys\n"
        "import views.motions.motion_list, views.ops.motions\n"
        "loaded = [m for m in sys.modules if m.startswith(('sqlalchemy', 'models.store',"
        " 'models.entities', 'models.services.motions.queries', 'models.services.motions.commands'))]\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

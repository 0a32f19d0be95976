"""Bulk actions on the motion list (demo): 批量交办, 批量打印答复函, 统计."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QPushButton

from models.domain.motion_workflow import HandlingRole, MotionState
from views.documents.reply_letters import ReplyLetterJob
from views.motions.bulk_actions import BulkAssignDialog
from views.motions.motion_list import MotionList

from .helpers import WindowHarness, unnamed_focusable
from .test_motions import motion as detail_of
from .test_motions import open_list, term_rows

REPLIED = {MotionState.REPLIED, MotionState.CLOSED}


def select(window: MotionList, motions: list[Any]) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for motion in motions:
        selection.select(window.model.index(window.model.row_of(motion.id), 0), flags)


def rows_in(window: MotionList, states: set[MotionState]) -> list[Any]:
    return [
        window.model.motion(r)
        for r in range(window.model.rowCount())
        if window.model.motion(r).state in states
    ]


def wait_job(h: WindowHarness, window: MotionList) -> None:
    h.qtbot.waitUntil(lambda: window.job is not None and window.job.done, timeout=60_000)
    h.idle()


def test_bulk_assign_assigns_the_allowed_and_reports_the_rest(harness: WindowHarness) -> None:
    window = open_list(harness)
    accepted = rows_in(window, {MotionState.ACCEPTED})[:2]
    assert len(accepted) == 2, "the demo has two accepted motions"
    other = next(
        m
        for m in term_rows(harness)
        if m.state not in {MotionState.ACCEPTED, MotionState.UNIT_RETURNED}
    )
    select(window, [*accepted, other])
    assert len(window.selected_motions()) == 3
    assert window.assign_button.isEnabled()
    window.bulk_assign()
    harness.idle()
    dialog = window.assign_dialog
    assert isinstance(dialog, BulkAssignDialog) and dialog.isVisible()
    assert unnamed_focusable(dialog) == []
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "主办单位" in dialog.message.text() and dialog.isVisible()
    dialog.lead.setCurrentIndex(1)
    co = dialog.co_units.item(2)
    dialog.set_co_unit(co.data(0x0100))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    wait_job(harness, window)
    job = window.job
    assert job is not None and not job.cancelled
    assert job.progress.maximum() == 2 and job.reached == 2
    assert len(job.results) == 2
    for motion in accepted:
        detail = detail_of(harness, motion.id)
        assert detail.row.state is MotionState.ASSIGNED
        roles = [role for _unit, role, _on, _due, active in detail.assignments if active]
        assert sorted(roles) == sorted([HandlingRole.LEAD, HandlingRole.CO])
    assert detail_of(harness, other.id).row.state is other.state
    assert "已交办 2 件" in window.last_report
    assert other.title in window.last_report and "不能交办" in window.last_report
    harness.idle()
    shown = [window.model.motion(r) for r in range(window.model.rowCount())]
    states = {m.id: m.state for m in shown}
    assert all(states[m.id] is MotionState.ASSIGNED for m in accepted)
    window.report_box.close()
    window.close()


def test_bulk_print_writes_one_letter_per_replied_motion(
    harness: WindowHarness, tmp_path: Path
) -> None:
    window = open_list(harness)
    replied = rows_in(window, REPLIED)
    assert replied, "the demo has replied or closed motions"
    folder = tmp_path / "letters"
    folder.mkdir()
    window.print_replies(folder, "PDF")
    wait_job(harness, window)
    job = window.job
    assert isinstance(job, ReplyLetterJob) and job.error is None and not job.cancelled
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == job.progress.maximum() == job.reached == len(replied)
    assert all(f.stat().st_size > 0 for f in files)
    assert all(f.stem.endswith("答复函") and f.stem.startswith("第") for f in files)
    assert f"已写出 {len(files)} 个文件" in window.last_report and str(folder) in window.last_report
    window.report_box.close()
    window.close()


def test_bulk_print_can_be_cancelled(harness: WindowHarness, tmp_path: Path) -> None:
    window = open_list(harness)
    window.print_replies(tmp_path, "docx")
    harness.qtbot.waitUntil(lambda: window.job is not None, timeout=20_000)
    button = window.job.progress.findChild(QPushButton)
    assert button is not None
    button.click()
    wait_job(harness, window)
    assert window.job.cancelled
    assert len(list(tmp_path.glob("*.docx"))) <= 1
    assert "已取消" in window.last_report
    window.report_box.close()
    window.close()


def test_bulk_print_into_a_file_instead_of_a_folder_is_refused(
    harness: WindowHarness, tmp_path: Path
) -> None:
    window = open_list(harness)
    plain = tmp_path / "letters.txt"
    plain.write_text("not a folder")
    window.print_replies(plain, "pdf")
    wait_job(harness, window)
    assert window.job is not None and window.job.error is not None
    assert "不是文件夹" in window.last_report
    window.report_box.close()
    window.close()


def test_list_is_accessible_and_opens_statistics(harness: WindowHarness) -> None:
    window = open_list(harness)
    assert unnamed_focusable(window) == []
    stats = window.open_statistics()
    assert stats is not None and stats.isVisible()
    harness.idle()
    stats.close()
    window.close()

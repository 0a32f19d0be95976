"""Every motion paper opens in the minutes' preview from the motions window and a motion's window:
提案表, 交办单, 答复函, the term's 汇总表 and the blank 提案表 (written by the real engine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu, QPushButton

from models.domain.motion_workflow import MotionState
from views.documents.preview import PaperPreview
from views.documents.reply_letters import ReplyLetterJob

from .helpers import WindowHarness, shot, unnamed_focusable
from .test_motion_bulk import rows_in, select, wait_job
from .test_motions import open_list


def _trigger(h: WindowHarness, owner, text: str) -> PaperPreview:
    before = set(owner.findChildren(PaperPreview))
    menu = owner.papers_button.findChild(QMenu)
    assert menu is not None
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text().startswith(text))
    assert action.isEnabled(), text
    action.trigger()
    h.qtbot.waitUntil(
        lambda: any(p.isVisible() for p in set(owner.findChildren(PaperPreview)) - before),
        timeout=60_000,
    )
    preview = next(p for p in set(owner.findChildren(PaperPreview)) - before if p.isVisible())
    assert preview.is_loaded() and preview.page_count() >= 1
    assert unnamed_focusable(preview) == []
    return preview


def test_each_paper_previews_from_the_list_and_the_detail(harness: WindowHarness) -> None:
    window = open_list(harness)
    replied = rows_in(window, {MotionState.REPLIED, MotionState.CLOSED})[0]
    select(window, [replied])
    for text, title in (
        ("提案表", "提案表"),
        ("交办单", "提案交办单"),
        ("答复函", "提案答复函"),
        ("本届提案办理情况汇总表", "提案办理情况汇总表"),
        ("空白提案表", "空白提案表"),
    ):
        preview = _trigger(harness, window, text)
        assert preview.windowTitle().endswith(title), preview.windowTitle()
        harness.qtbot.wait(200)  # the page renders after the first paint
        shot(preview, f"papers-preview-{text}")
        preview.close()
        harness.idle()
    detail = window.open_motion()
    assert detail is not None
    harness.idle()
    preview = _trigger(harness, detail, "提案表")
    shot(detail, "papers-motion-detail")
    preview.close()
    detail.close()
    window.close()


def test_motion_papers_need_a_motion_chosen(harness: WindowHarness) -> None:
    window = open_list(harness)
    window.table.selectionModel().clearSelection()
    menu = window.papers_button.findChild(QMenu)
    menu.aboutToShow.emit()
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    assert not enabled["提案表(&F)"] and not enabled["答复函(&L)"]
    assert enabled["空白提案表(&B)"] and enabled["本届提案办理情况汇总表(&M)"]
    window.close()


def test_combined_pdf_from_the_window(harness: WindowHarness, tmp_path: Path) -> None:
    window = open_list(harness)
    replied = rows_in(window, {MotionState.REPLIED, MotionState.CLOSED})
    target = tmp_path / "out" / "全部答复函.pdf"
    target.parent.mkdir()
    window.print_replies(target, "combined")
    wait_job(harness, window)
    job = window.job
    assert isinstance(job, ReplyLetterJob) and job.combined and job.error is None
    assert job.progress.maximum() == job.reached == len(replied) > 1
    assert target.exists() and list(target.parent.iterdir()) == [target]
    assert f"已把 {len(replied)} 份答复函合成一个 PDF" in window.last_report
    window.report_box.close()
    window.close()


def test_combined_pdf_can_be_cancelled(harness: WindowHarness, tmp_path: Path) -> None:
    window = open_list(harness)
    target = tmp_path / "out" / "全部答复函.pdf"
    target.parent.mkdir()
    window.print_replies(target, "combined")
    harness.qtbot.waitUntil(lambda: window.job is not None, timeout=20_000)
    button = window.job.progress.findChild(QPushButton)
    assert button is not None
    button.click()
    wait_job(harness, window)
    assert window.job.cancelled and not target.exists()
    assert "已取消" in window.last_report
    window.report_box.close()
    window.close()

"""附件 in the motion window: add through the panel, listed with size, opened through this
session's private copies (checked against the hash), removed after a confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from models.domain.motion_workflow import MotionState
from views.decisions.attachment_copies import AttachmentCopies
from views.ops import motions as ops

from .helpers import WindowHarness, shot, unnamed_focusable
from .test_motions import ctx, open_detail, open_list


def test_attach_open_and_remove_in_the_motion_window(
    harness: WindowHarness, tmp_path: Path
) -> None:
    h = harness
    window = open_list(h)
    detail = open_detail(h, window, MotionState.UNDER_REVIEW)
    panel = detail.attachments
    h.idle()
    assert panel.list.count() == 0 and not panel.open_button.isEnabled()
    assert unnamed_focusable(panel) == []

    scan = tmp_path / "提案原件扫描.pdf"
    scan.write_bytes(b"%PDF-1.4 the paper" * 100)
    panel.add_attachment(scan)
    h.idle()
    h.qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert "已添加附件“提案原件扫描.pdf”" in detail.message.text()
    assert "提案原件扫描.pdf" in panel.list.item(0).text()
    assert "2 KB" in panel.list.item(0).text()
    assert detail.history.item(detail.history.rowCount() - 1, 4).text() == "提案原件扫描.pdf"
    assert panel.remove_button.isEnabled()

    # the same content again is refused, named in the window; nothing added
    copy = tmp_path / "副本.pdf"
    copy.write_bytes(scan.read_bytes())
    panel.add_attachment(copy)
    h.idle()
    assert "内容相同" in detail.message.text()
    assert len(ops.motion_attachments(ctx(h), motion_id=detail.motion_id)) == 1

    opened: list[QUrl] = []
    panel.open_url = lambda url: opened.append(url) or True
    panel.copies = AttachmentCopies(tmp_path / "copies")
    (tmp_path / "copies").mkdir()
    panel.open_attachment()
    h.idle()
    h.qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert panel.last_opened is not None
    assert panel.last_opened.read_bytes() == scan.read_bytes()
    assert panel.last_opened.parent.parent.parent == tmp_path / "copies"
    shot(detail, "motion-detail-attachments")

    # 删除: "No" keeps it; "Yes" removes it
    panel.confirm_remove = lambda _a: False  # type: ignore[method-assign]
    panel.remove_attachment()
    h.idle()
    assert panel.list.count() == 1
    panel.confirm_remove = lambda _a: True  # type: ignore[method-assign]
    panel.remove_attachment()
    h.idle()
    h.qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
    assert "已删除附件" in detail.message.text()
    assert ops.motion_attachments(ctx(h), motion_id=detail.motion_id) == []


def test_remove_is_disabled_once_the_motion_is_being_handled(
    harness: WindowHarness, tmp_path: Path
) -> None:
    h = harness
    window = open_list(h)
    detail = open_detail(h, window, MotionState.HANDLING)
    panel = detail.attachments
    scan = tmp_path / "办理材料.docx"
    scan.write_bytes(b"materials")
    panel.add_attachment(scan)
    h.idle()
    h.qtbot.waitUntil(lambda: panel.list.count() >= 1, timeout=10_000)
    assert panel.open_button.isEnabled()
    assert not panel.remove_button.isEnabled()

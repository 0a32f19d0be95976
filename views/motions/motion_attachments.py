"""附件 of a motion in its window: the list, 添加附件… (a file dialog), 打开 and 删除.

Opening writes a copy into this session's private folder (views/decisions/attachment_copies,
the same as the 三重一大 attachments) and hands it to the system's viewer; the copy is deleted
on quit. Removing asks first, and the core allows it only while the motion is with the
secretariat (已提交, 审查中, 退回修改).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_workflow import MotionState
from views.background import Runner
from views.decisions.attachment_copies import AttachmentCopies, open_copy, session_copies
from views.error_presenter import describe
from views.motions.motion_gates import ATTACH
from views.ops import motions as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.decisions.contracts import AttachmentFile
    from models.services.motions.queries import MotionAttachmentRow

# Mirrors models.services.motions.commands.attachments.REMOVABLE_STATES (the core refuses too).
REMOVABLE = frozenset({MotionState.SUBMITTED, MotionState.UNDER_REVIEW, MotionState.REVISING})


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class MotionAttachmentsPanel(QWidget):
    """The motion's files; `on_changed` reloads the window (its history shows each change)."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        motion_id: int,
        *,
        on_changed: Callable[[], None],
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx, self.motion_id = runner, ctx, motion_id
        self.on_changed, self.report = on_changed, report
        self.state: MotionState | None = None
        self.rows: list[MotionAttachmentRow] = []
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.last_opened: Path | None = None
        # Where opened attachments are copied: this session's private folder (tests give theirs).
        self.copies: AttachmentCopies = session_copies()

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("提案附件"))
        self.list.setAccessibleDescription(self.tr("文件名、大小、添加人和时间；双击打开"))
        self.list.setMaximumHeight(64)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_attachment())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        label = QLabel(self.tr("附件(&A)："))
        label.setBuddy(self.list)
        self.add_button = QPushButton(self.tr("添加附件(&T)…"))
        self.add_button.setAccessibleName(self.tr("添加附件"))
        self.add_button.setToolTip(self.tr("每个文件不超过 50 MB；内容相同的文件不会重复添加"))
        self.add_button.clicked.connect(lambda: self.add_attachment())
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.open_button.setAccessibleName(self.tr("打开附件"))
        self.open_button.clicked.connect(lambda: self.open_attachment())
        self.remove_button = QPushButton(self.tr("删除(&D)"))
        self.remove_button.setAccessibleName(self.tr("删除附件"))
        self.remove_button.setToolTip(self.tr("只有已提交、审查中或退回修改的提案才能删除附件"))
        self.remove_button.clicked.connect(lambda: self.remove_attachment())
        # Opening a file is reading; adding and removing belong to intake.
        gate(self.add_button, ctx, ATTACH)
        gate(self.remove_button, ctx, ATTACH)

        buttons = QVBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addLayout(row)
        self._update_buttons()

    # --- showing --------------------------------------------------------------------------------

    def show_for(self, state: MotionState) -> None:
        """Called when the window (re)loads: read the list again."""
        self.state = state
        ctx, motion_id = self.ctx, self.motion_id
        self.runner.submit(
            lambda: ops.motion_attachments(ctx, motion_id=motion_id),
            on_done=self._listed,
            on_error=lambda e: self.report(describe(e)),
        )

    def _listed(self, rows: list[MotionAttachmentRow]) -> None:
        chosen = self.selected()
        self.rows = rows
        self.list.clear()
        for a in rows:
            text = f"{a.filename}　{size_text(a.size)}　{a.added_by} {a.added_at:%Y-%m-%d}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(f"SHA-256: {a.sha256}")
            self.list.addItem(item)
            if chosen is not None and a.id == chosen.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> MotionAttachmentRow | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.rows if a.id == wanted), None)

    def _update_buttons(self) -> None:
        has_file = self.selected() is not None
        self.open_button.setEnabled(has_file)
        self.remove_button.setEnabled(has_file and self.state in REMOVABLE)

    # --- commands -------------------------------------------------------------------------------

    def add_attachment(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("为提案添加附件"))
            if not chosen:
                return
            path = Path(chosen)
        ctx, motion_id, source = self.ctx, self.motion_id, Path(path)
        self.report(self.tr("正在添加附件…"))
        # Read on the lane: a scanned file may be tens of megabytes.
        self.runner.submit_command(
            lambda: ops.attach_to_motion(ctx, motion_id=motion_id, path=source),
            on_done=lambda _id: self._changed(
                self.tr("已添加附件“%1”。").replace("%1", source.name)
            ),
            on_error=lambda e: self.report(self.tr("未添加附件：") + describe(e)),
            initiator=self,
        )

    def confirm_remove(self, attachment: MotionAttachmentRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("删除附件"),
            self.tr("删除附件“%1”吗？删除后只能从备份恢复；办理经过中会留下记录。").replace(
                "%1", attachment.filename
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_attachment(self) -> None:
        attachment = self.selected()
        if attachment is None or not self.confirm_remove(attachment):
            return
        ctx, attachment_id, name = self.ctx, attachment.id, attachment.filename
        self.runner.submit_command(
            lambda: ops.remove_motion_attachment(ctx, attachment_id=attachment_id),
            on_done=lambda _none: self._changed(self.tr("已删除附件“%1”。").replace("%1", name)),
            on_error=lambda e: self.report(self.tr("未删除附件：") + describe(e)),
            initiator=self,
        )

    def _changed(self, text: str) -> None:
        self.on_changed()
        self.report(text)

    # --- opening --------------------------------------------------------------------------------

    def open_attachment(self) -> None:
        attachment = self.selected()
        if attachment is None:
            return
        ctx, attachment_id = self.ctx, attachment.id
        self.runner.submit(
            lambda: ops.motion_attachment_content(ctx, attachment_id=attachment_id),
            on_done=lambda stored: self._write_and_open(attachment_id, stored),
            on_error=lambda e: self.report(describe(e)),
        )

    def _write_and_open(self, attachment_id: int, stored: AttachmentFile) -> None:
        """A private copy (attachment_copies) for the system's viewer, deleted on quit."""
        path, problem = open_copy(
            self.copies, attachment_id, stored.filename, stored.content, self.open_url
        )
        if path is not None:
            self.last_opened = path
        if problem:
            self.report(problem)

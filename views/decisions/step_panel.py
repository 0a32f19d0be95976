"""The step checklist of one decision: each step's timing, state in words, and its files.

A file is only ever added (the service refuses identical content); opening writes a copy, under
its name made safe, into this session's private folder (attachment_copies), deleted on quit, so
the system's own viewer shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.decision_rules import StepTiming
from models.domain.filenames import safe_filename
from models.domain.major_decision import DecisionResult
from models.services.common.changes import Outcome
from models.services.decisions.contracts import (
    AttachmentFile,
    AttachmentRow,
    DecisionDetail,
    StepRow,
)
from views.background import Runner
from views.decisions.attachment_copies import AttachmentCopies, open_copy, session_copies
from views.decisions.step_forms import NotApplicableForm, StepForm
from views.error_presenter import describe
from views.ops import decisions as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.context import AppContext

HEADERS = ("程序", "时机", "要求", "状态", "完成日期", "参加人员", "情况摘要或不适用理由", "附件")
MISSING = QColor("#c0392b")
WARNING = QColor("#b9770e")
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def step_state(step: StepRow, detail: DecisionDetail) -> tuple[str, QColor | None]:
    """The words for a step, and the colour that repeats them (never the colour alone)."""
    passed = detail.row.result is DecisionResult.PASSED
    if step.timing is StepTiming.AT:
        if detail.discussions:
            return "已讨论：" + detail.discussions[-1].result.value, None
        return "待会议讨论", None
    if step.done_on is not None:
        return "已完成", None
    if step.not_applicable:
        return "不适用", None
    if step.timing is StepTiming.AFTER and not passed:
        return "通过后办理", None
    if not step.required:
        return "未完成（建议补充）", WARNING
    return "未完成", MISSING


def step_note(step: StepRow) -> str:
    if step.not_applicable:
        return f"不适用：{step.na_reason or ''}（认可人：{step.na_accepted_by or ''}）"
    return step.summary or ""


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


class StepPanel(QWidget):
    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        on_saved: Callable[[DecisionDetail], None],
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.on_saved, self.report = on_saved, report
        self.detail: DecisionDetail | None = None
        self.form: StepForm | NotApplicableForm | None = None
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.last_opened: Path | None = None
        # Where opened attachments are copied: this session's private folder (tests give theirs).
        self.copies: AttachmentCopies = session_copies()

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName(self.tr("必经程序"))
        self.table.setAccessibleDescription(self.tr("每项程序的时机、要求、完成情况和附件数"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)

        self.record_button = QPushButton(self.tr("登记完成情况(&R)…"))
        self.record_button.clicked.connect(lambda: self.record_step())
        self.na_button = QPushButton(self.tr("注明不适用(&U)…"))
        self.na_button.clicked.connect(lambda: self.mark_not_applicable())
        self.attach_button = QPushButton(self.tr("添加附件(&F)…"))
        self.attach_button.setToolTip(self.tr("附件只增不换：内容相同的文件不会重复添加"))
        self.attach_button.clicked.connect(lambda: self.add_attachment())
        for button in (self.record_button, self.na_button, self.attach_button):
            gate(button, ctx, "decisions.edit")  # opening and saving a copy are reading

        self.attachments = QListWidget()
        self.attachments.setAccessibleName(self.tr("所选程序的附件"))
        self.attachments.setMaximumHeight(110)
        self.attachments.itemDoubleClicked.connect(lambda _item: self.open_attachment())
        attachments_label = QLabel(self.tr("所选程序的附件(&J)："))
        attachments_label.setBuddy(self.attachments)
        self.open_button = QPushButton(self.tr("打开附件"))
        self.open_button.clicked.connect(lambda: self.open_attachment())
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.clicked.connect(lambda: self.save_attachment())

        step_buttons = QHBoxLayout()
        for button in (self.record_button, self.na_button, self.attach_button):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(self.open_button)
        file_buttons.addWidget(self.save_button)
        file_buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        files.addLayout(file_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(step_buttons)
        layout.addWidget(attachments_label)
        layout.addLayout(files)

        self.table.itemSelectionChanged.connect(self._step_chosen)
        self.attachments.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_detail(self, detail: DecisionDetail) -> None:
        chosen = self.selected_step()
        self.detail = detail
        self.table.setRowCount(len(detail.steps))
        for i, step in enumerate(detail.steps):
            state, colour = step_state(step, detail)
            cells = (
                step.kind,
                step.timing_name,
                self.tr("必经") if step.required else self.tr("建议"),
                state,
                step.done_on.isoformat() if step.done_on else "",
                step.participants or "",
                step_note(step),
                str(len(step.attachments)) if step.attachments else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour is not None and column in (0, 3):
                    item.setForeground(QBrush(colour))
                self.table.setItem(i, column, item)
        self.table.resizeRowsToContents()
        kinds = [s.kind for s in detail.steps]
        row = kinds.index(chosen.kind) if chosen is not None and chosen.kind in kinds else 0
        if kinds:
            self.table.selectRow(row)
        self._step_chosen()

    def selected_step(self) -> StepRow | None:
        if self.detail is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.detail.steps[rows[0].row()] if rows else None

    def select_step(self, kind: str) -> StepRow | None:
        assert self.detail is not None
        row = next(i for i, s in enumerate(self.detail.steps) if s.kind == kind)
        self.table.selectRow(row)
        return self.selected_step()

    def selected_attachment(self) -> AttachmentRow | None:
        item = self.attachments.currentItem()
        return item.data(ATTACHMENT_ROLE) if item is not None else None

    def _step_chosen(self) -> None:
        self.attachments.clear()
        step = self.selected_step()
        for a in step.attachments if step is not None else ():
            text = f"{a.filename}（{size_text(a.size)}，{a.added_by} {a.added_at:%Y-%m-%d}）"
            item = QListWidgetItem(text)
            item.setData(ATTACHMENT_ROLE, a)
            item.setToolTip(f"SHA-256：{a.sha256}")
            self.attachments.addItem(item)
        if self.attachments.count():
            self.attachments.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.selected_step()
        editable = step is not None and step.timing is not StepTiming.AT
        if editable and step is not None and step.timing is StepTiming.AFTER:
            editable = self.detail is not None and self.detail.row.result is DecisionResult.PASSED
        for button in (self.record_button, self.na_button, self.attach_button):
            button.setEnabled(editable)
        has_file = self.selected_attachment() is not None
        self.open_button.setEnabled(has_file)
        self.save_button.setEnabled(has_file)

    # --- the step -------------------------------------------------------------------------------

    def record_step(self) -> StepForm | None:
        step = self.selected_step()
        if step is None or self.detail is None:
            return None
        form = StepForm(self.runner, self.ctx, self.detail, step, self)
        self._open(form)
        return form

    def mark_not_applicable(self) -> NotApplicableForm | None:
        step = self.selected_step()
        if step is None or self.detail is None:
            return None
        form = NotApplicableForm(self.runner, self.ctx, self.detail, step, self)
        self._open(form)
        return form

    def _open(self, form: StepForm | NotApplicableForm) -> None:
        # The Runner tells the other windows; this one shows the detail the command returned.
        form.saved.connect(self.on_saved)
        self.form = form
        form.open()

    # --- files ----------------------------------------------------------------------------------

    def add_attachment(self, path: Path | None = None) -> None:
        step = self.selected_step()
        if step is None or self.detail is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("为“%1”添加附件").replace("%1", step.kind)
            )
            if not chosen:
                return
            path = Path(chosen)
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        kind, source = step.kind, Path(path)

        def work() -> Outcome[DecisionDetail]:
            # Read on the lane: a scanned file may be tens of megabytes.
            return ops.add_attachment(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                kind=kind,
                filename=source.name,
                content=source.read_bytes(),
            )

        self.report(self.tr("正在添加附件…"))
        self.runner.submit_command(
            work,
            on_done=lambda detail: self._attached(detail, source.name),
            on_error=lambda e: self.report(self.tr("未添加附件：") + describe(e)),
            initiator=self,
        )

    def _attached(self, detail: DecisionDetail, name: str) -> None:
        self.on_saved(detail)
        self.report(self.tr("已添加附件“%1”。").replace("%1", name))

    def open_attachment(self) -> None:
        attachment = self.selected_attachment()
        if attachment is None:
            return
        attachment_id = attachment.id
        self._fetch(attachment, lambda stored: self._write_and_open(attachment_id, stored))

    def _write_and_open(self, attachment_id: int, stored: AttachmentFile) -> None:
        """A private copy (attachment_copies) for the system's viewer, deleted on quit."""
        path, problem = open_copy(
            self.copies, attachment_id, stored.filename, stored.content, self.open_url
        )
        if path is not None:
            self.last_opened = path
        if problem:
            self.report(problem)

    def save_attachment(self, target: Path | None = None) -> None:
        attachment = self.selected_attachment()
        if attachment is None:
            return
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("附件另存为"), safe_filename(attachment.filename)
            )
            if not chosen:
                return
            target = Path(chosen)
        destination = Path(target)

        def write(stored: AttachmentFile) -> None:
            destination.write_bytes(stored.content)
            self.report(self.tr("附件已另存为 %1").replace("%1", str(destination)))

        self._fetch(attachment, write)

    def _fetch(self, attachment: AttachmentRow, then: Callable[[AttachmentFile], None]) -> None:
        ctx, attachment_id = self.ctx, attachment.id
        self.runner.submit(
            lambda: ops.attachment_content(ctx, attachment_id=attachment_id),
            on_done=then,
            on_error=lambda e: self.report(describe(e)),
        )

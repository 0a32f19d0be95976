"""Importing a slate file from the window: a preview of its rows first, the import off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import Level
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.services.people.contracts import TermRow
from models.services.slates.contracts import ImportOutcome
from views.background import Runner
from views.error_presenter import show_error
from views.ops import slates as slates_ops

if TYPE_CHECKING:
    from models.importing.slate_reader import SlateSheet
    from models.services.common.context import AppContext


def _busy(parent: QWidget, text: str) -> QProgressDialog:
    """An indeterminate bar: reading and importing are one step each, with no partial progress."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAccessibleName(text)
    progress.show()
    return progress


class ImportPreview(QDialog):
    """What the file holds, what is wrong with it, and how to import it."""

    def __init__(self, sheet: Any, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入名单预览"))
        self.setAccessibleName(self.tr("导入名单预览"))
        errors = [p for p in sheet.problems if p.level is Level.ERROR]
        warnings = [p for p in sheet.problems if p.level is Level.WARNING]
        summary = QLabel(
            self.tr("%1：读取 %2 行，无误 %3 行，有错误 %4 行，提醒 %5 条。")
            .replace("%1", path.name)
            .replace("%2", str(sheet.total))
            .replace("%3", str(len(sheet.records)))
            .replace("%4", str(len(sheet.excluded_rows)))
            .replace("%5", str(len(warnings)))
        )
        summary.setWordWrap(True)
        details = QPlainTextEdit()
        details.setReadOnly(True)
        details.setAccessibleName(self.tr("问题清单"))
        lines = [
            f"第 {p.row} 行［{p.column}］{'错误' if p.level is Level.ERROR else '提醒'}："
            f"{message(p.code, p.params)}"
            for p in sheet.problems
        ]
        details.setPlainText("\n".join(lines) or self.tr("没有发现问题。"))
        self.reserve = QCheckBox(self.tr("作为候补人选导入(&R)"))
        buttons = QDialogButtonBox()
        self.import_all = buttons.addButton(
            self.tr("全部导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_valid = buttons.addButton(
            self.tr("只导入无误的行"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_all.setEnabled(not errors and bool(sheet.records))
        self.import_valid.setVisible(bool(errors) and bool(sheet.records))
        if errors:
            self.import_valid.setToolTip(self.tr("有错误的行将另存为 .rejected.xlsx，不会丢失"))
        self.valid_only = False
        self.import_all.clicked.connect(self.accept)
        self.import_valid.clicked.connect(self._valid_only)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, details, self.reserve, buttons):
            layout.addWidget(widget)
        self.resize(720, 480)

    def _valid_only(self) -> None:
        self.valid_only = True
        self.accept()


def start_import(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    *,
    kind: BodyKind,
    term: TermRow,
    done: Callable[[], None],
    path: Path | None = None,
) -> None:
    """Pick a file (unless given), preview it on the lane, then import it on the lane."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("选择名单文件"), "", parent.tr("Excel 名单 (*.xlsx *.xls)")
        )
        if not chosen:
            return
        path = Path(chosen)
    reading = _busy(parent, parent.tr("正在读取名单…"))

    def previewed(sheet: SlateSheet) -> None:
        reading.close()
        preview = ImportPreview(sheet, path, parent)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return
        valid_only, reserve = preview.valid_only, preview.reserve.isChecked()
        importing = _busy(parent, parent.tr("正在导入名单…"))

        def import_failed(error: BaseException) -> None:
            importing.close()
            show_error(parent, error)

        runner.submit_command(
            lambda: slates_ops.import_slate(
                ctx, path=path, kind=kind, term=term.term, valid_only=valid_only, reserve=reserve
            ),
            on_done=lambda outcome: imported(importing, outcome),
            on_error=import_failed,
        )

    def imported(importing: QProgressDialog, outcome: ImportOutcome) -> None:
        importing.close()
        text = (
            parent.tr("已导入 %1 行（新增人员 %2 人，更新人员 %3 人）。")
            .replace("%1", str(outcome.imported))
            .replace("%2", str(outcome.added_people))
            .replace("%3", str(outcome.updated_people))
        )
        if outcome.rejected_file:
            text += parent.tr("\n有错误的行已另存为：%1").replace("%1", str(outcome.rejected_file))
        QMessageBox.information(parent, parent.tr("导入完成"), text)
        done()

    def preview_failed(error: BaseException) -> None:
        reading.close()
        show_error(parent, error)

    runner.submit(
        lambda: slates_ops.preview(ctx, path=path, kind=kind, term_id=term.id),
        on_done=previewed,
        on_error=preview_failed,
    )

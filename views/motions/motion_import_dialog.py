"""导入提案…: a motions file previewed (its rows and their problems), then imported on the lane.

The preview reads the file in a child process (views.ops.motions.preview_motion_file); nothing is
written until the clerk chooses 全部导入 (only when every row is right) or 只导入无误的行 (the
rows with errors go to `<file>.rejected.xlsx` beside it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.messages import message
from views.background import Runner
from views.error_presenter import show_error
from views.ops import motions as ops
from views.permissions import gate
from views.slates.import_dialog import import_buttons

if TYPE_CHECKING:
    from models.importing.motion_reader import MotionSheet
    from models.services.common.context import AppContext
    from models.services.motions.importing import MotionImportOutcome

_HEADERS = ("行", "提案人", "附议人", "标题", "类别", "收到日期", "问题")
_SHOWN = ("提案人", "附议人", "标题", "类别", "收到日期")


class MotionImportDialog(QDialog):
    """The file's rows and problems; 全部导入, 只导入无误的行 or 取消."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        path: Path,
        *,
        term: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx, self.path, self.term = runner, ctx, path, term
        self.read: MotionSheet | None = None
        self.outcome: MotionImportOutcome | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("导入提案预览"))
        self.setAccessibleName(self.windowTitle())
        self.summary = QLabel(self.tr("正在读取 %1 …").replace("%1", path.name))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("读取结果"))
        self.rows = QTableWidget(0, len(_HEADERS))
        self.rows.setHorizontalHeaderLabels([self.tr(h) for h in _HEADERS])
        self.rows.setAccessibleName(self.tr("文件中的提案"))
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().setVisible(False)
        self.rows.setTabKeyNavigation(False)
        self.rows.horizontalHeader().setSectionResizeMode(
            len(_HEADERS) - 1, QHeaderView.ResizeMode.Stretch
        )
        rows_label = QLabel(self.tr("文件中的提案(&R)："))
        rows_label.setBuddy(self.rows)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)
        self.problems.setAccessibleName(self.tr("问题清单"))
        problems_label = QLabel(self.tr("问题清单(&P)："))
        problems_label.setBuddy(self.problems)
        buttons = QDialogButtonBox()
        self.import_all, self.import_valid = import_buttons(self, buttons)
        self.import_all.setAccessibleName(self.tr("全部导入"))
        self.import_valid.setAccessibleName(self.tr("只导入无误的行"))
        self.cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel.setAccessibleName(self.tr("取消"))
        self.import_all.clicked.connect(lambda: self.start_import(valid_only=False))
        self.import_valid.clicked.connect(lambda: self.start_import(valid_only=True))
        self.cancel.clicked.connect(self.reject)
        gate(self.import_all, ctx, "motions.intake")
        gate(self.import_valid, ctx, "motions.intake")
        layout = QVBoxLayout(self)
        for widget in (self.summary, rows_label, self.rows, problems_label, self.problems, buttons):
            layout.addWidget(widget)
        layout.setStretch(2, 3)
        layout.setStretch(4, 1)
        self._enable()
        self.resize(900, 560)
        runner.submit(
            lambda: ops.preview_motion_file(ctx, path=path, term=term),
            on_done=self.show_preview,
            on_error=self._failed,
        )

    def show_preview(self, read: MotionSheet) -> None:
        from models.importing.cells import text_of  # the reader's modules: loaded with a file
        from models.importing.workbook import normalise_header

        self.read = read
        sheet = read.sheet
        bad = len(sheet.excluded_rows)
        self.summary.setText(
            self.tr("%1：读取 %2 行，无误 %3 行，有错误 %4 行。")
            .replace("%1", self.path.name)
            .replace("%2", str(sheet.total))
            .replace("%3", str(sheet.total - bad))
            .replace("%4", str(bad))
            + (
                self.tr("\n有错误时不能全部导入：请改正后重新导入，或只导入无误的行。")
                if bad
                else ""
            )
        )
        by_row: dict[int, list[str]] = {}
        for problem in read.errors:
            by_row.setdefault(problem.row, []).append(message(problem.code, problem.params))
        columns: dict[str, int] = {h: i for i, h in enumerate(sheet.headers)}
        lookup = {normal: columns.get(normal) for normal in _SHOWN}
        if None in lookup.values():  # headers typed otherwise (`*标题`, spaces): match them
            found = {normalise_header(h): i for i, h in enumerate(sheet.headers)}
            lookup = {normal: found.get(normal) for normal in _SHOWN}
        self.rows.setRowCount(len(sheet.raw_rows))
        for index, (number, values) in enumerate(sheet.raw_rows):
            cells = [str(number)]
            for header in _SHOWN:
                column = lookup[header]
                value = values[column] if column is not None else None
                cells.append(text_of(value) or "")
            cells.append("；".join(by_row.get(number, [])) or self.tr("无误"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if number in by_row:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.rows.setItem(index, column, item)
        self.rows.resizeColumnsToContents()
        self.problems.setPlainText(
            "\n".join(
                self.tr("第 %1 行［%2］%3")
                .replace("%1", str(p.row))
                .replace("%2", p.column)
                .replace("%3", message(p.code, p.params))
                for p in read.errors
            )
            or self.tr("没有发现问题。")
        )
        self._enable()

    def _enable(self) -> None:
        sheet = self.read.sheet if self.read is not None else None
        has_rows = sheet is not None and sheet.total > 0
        has_errors = sheet is not None and bool(sheet.excluded_rows)
        valid_rows = sheet is not None and sheet.total > len(sheet.excluded_rows)
        self.import_all.setEnabled(has_rows and not has_errors and self.outcome is None)
        self.import_valid.setVisible(has_errors and valid_rows and self.outcome is None)

    def start_import(self, *, valid_only: bool) -> None:
        ctx, path, term = self.ctx, self.path, self.term
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)
        progress = QProgressDialog(self.tr("正在登记提案…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAccessibleName(self.tr("正在登记提案"))
        progress.show()
        self.progress = progress
        self.runner.submit_command(
            lambda: ops.import_motion_file(ctx, path=path, term=term, valid_only=valid_only),
            on_done=self._imported,
            on_error=self._failed,
            initiator=self,
        )

    def _imported(self, outcome: MotionImportOutcome) -> None:
        self._close_progress()
        self.outcome = outcome
        text = self.tr("已登记 %1 件提案（已提交）。").replace("%1", str(outcome.imported))
        if outcome.rejected_file:
            text += self.tr("\n有错误的行已另存为：%1").replace("%1", str(outcome.rejected_file))
        self.summary.setText(text)
        self._enable()
        self.cancel.setText(self.tr("关闭"))
        self.cancel.setAccessibleName(self.tr("关闭"))
        QMessageBox.information(self, self.tr("导入完成"), text)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.summary.setText(self.tr("未能读取或导入：%1").replace("%1", self.path.name))
        self._enable()
        show_error(self, error)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None


def start_motion_import(
    parent: QWidget, runner: Runner, ctx: AppContext, *, path: Path | None = None
) -> MotionImportDialog | None:
    """Pick a file (unless given) and open its preview."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("选择提案文件"), "", parent.tr("Excel 提案表 (*.xlsx *.xls)")
        )
        if not chosen:
            return None
        path = Path(chosen)
    dialog = MotionImportDialog(runner, ctx, path, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

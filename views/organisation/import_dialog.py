"""从 Excel 导入…: a register's sheet previewed (its rows as the file has them and their
problems), then imported on the lane; and 下载模板…, the register's template.

The preview reads the file in a child process and checks it against the database in a
transaction it rolls back; nothing is written until the clerk chooses 全部导入 (only when every
row is right) or 只导入无误的行 (the rows with errors go to `<file>.rejected.xlsx` beside it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from models.services.organisation.contracts import Register
from views.background import Runner
from views.error_presenter import show_error
from views.ops import organisation as ops
from views.permissions import gate
from views.slates.import_dialog import import_buttons

if TYPE_CHECKING:
    from models.importing.register_reader import RegisterSheet
    from models.services.common.context import AppContext
    from models.services.organisation.importing import RegisterImportOutcome

# The registers with a sheet of their own, and the sheet that fills the others: townships and
# population come with 村和社区, an organisation's officers with 基层组织.
SHEET_OF: dict[Register, Register] = {
    Register.CADRES: Register.CADRES,
    Register.CONTACTS: Register.CONTACTS,
    Register.VISITS: Register.VISITS,
    Register.ORGANISATIONS: Register.ORGANISATIONS,
    Register.HOMES: Register.HOMES,
    Register.PLACES: Register.PLACES,
    Register.POPULATION: Register.PLACES,
    Register.TOWNSHIPS: Register.PLACES,
}
SHEET_TITLES: dict[Register, str] = {
    Register.CADRES: "干部名册",
    Register.CONTACTS: "联系点",
    Register.VISITS: "走访记录",
    Register.ORGANISATIONS: "基层组织",
    Register.HOMES: "温馨家园",
    Register.PLACES: "村和社区",
}
IMPORT = "organisation.edit"


class RegisterImportDialog(QDialog):
    """The file's rows and problems; 全部导入, 只导入无误的行 or 取消."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        register: Register,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx, self.register, self.path = runner, ctx, register, path
        self.read: RegisterSheet | None = None
        self.outcome: RegisterImportOutcome | None = None
        self.progress: QProgressDialog | None = None
        title = SHEET_TITLES[register]
        self.setWindowTitle(self.tr("导入%1预览").replace("%1", title))
        self.setAccessibleName(self.windowTitle())
        self.summary = QLabel(self.tr("正在读取 %1 …").replace("%1", path.name))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("读取结果"))
        self.rows = QTableWidget(0, 0)
        self.rows.setAccessibleName(self.tr("文件中的行"))
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().setVisible(False)
        self.rows.setTabKeyNavigation(False)
        self.rows.setWordWrap(False)
        rows_label = QLabel(self.tr("文件中的行(&R)："))
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
        gate(self.import_all, ctx, IMPORT)
        gate(self.import_valid, ctx, IMPORT)
        layout = QVBoxLayout(self)
        for widget in (self.summary, rows_label, self.rows, problems_label, self.problems, buttons):
            layout.addWidget(widget)
        layout.setStretch(2, 3)
        layout.setStretch(4, 1)
        self._enable()
        self.resize(980, 560)
        runner.submit(
            lambda: ops.preview_register_file(ctx, register=register, path=path),
            on_done=self.show_preview,
            on_error=self._failed,
        )

    def show_preview(self, read: RegisterSheet) -> None:
        from models.importing.cells import text_of  # the reader's modules: loaded with a file

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
        headers = [self.tr("行"), *sheet.headers, self.tr("问题")]
        self.rows.setColumnCount(len(headers))
        self.rows.setHorizontalHeaderLabels(headers)
        self.rows.setRowCount(len(sheet.raw_rows))
        for index, (number, values) in enumerate(sheet.raw_rows):
            cells = [str(number), *(text_of(v) or "" for v in values)]
            cells += [""] * (len(headers) - 1 - len(cells))
            cells = cells[: len(headers) - 1]
            cells.append("；".join(by_row.get(number, [])) or self.tr("无误"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if number in by_row:
                    item.setForeground(Qt.GlobalColor.darkRed)
                if column == len(cells) - 1:
                    item.setToolTip(text)
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
        ctx, register, path = self.ctx, self.register, self.path
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)
        progress = QProgressDialog(self.tr("正在导入…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAccessibleName(self.tr("正在导入"))
        progress.show()
        self.progress = progress
        self.runner.submit_command(
            lambda: ops.import_register_file(
                ctx, register=register, path=path, valid_only=valid_only
            ),
            on_done=self._imported,
            on_error=self._failed,
            initiator=self,
        )

    def _imported(self, outcome: RegisterImportOutcome) -> None:
        self._close_progress()
        self.outcome = outcome
        text = self.tr("已导入 %1 行。").replace("%1", str(outcome.imported))
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


def start_register_import(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    register: Register,
    *,
    path: Path | None = None,
) -> RegisterImportDialog | None:
    """Pick a file (unless given) and open its preview."""
    sheet = SHEET_OF[register]
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent,
            parent.tr("选择%1文件").replace("%1", SHEET_TITLES[sheet]),
            "",
            parent.tr("Excel 文件 (*.xlsx *.xls)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    dialog = RegisterImportDialog(runner, ctx, sheet, path, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def save_register_template(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    register: Register,
    *,
    path: Path | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> None:
    """下载模板…: where to save it (unless given), then written on the lane; the result is
    said in `parent`'s message box."""
    sheet = SHEET_OF[register]
    title = SHEET_TITLES[sheet]
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            parent.tr("保存%1导入模板").replace("%1", title),
            parent.tr("%1导入模板.xlsx").replace("%1", title),
            "Excel (*.xlsx)",
        )
        if not chosen:
            return
        path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    target = path

    def written(saved: Path) -> None:
        if on_done is not None:
            on_done(saved)
        else:
            QMessageBox.information(
                parent,
                parent.tr("模板已保存"),
                parent.tr("已保存模板：%1").replace("%1", str(saved)),
            )

    runner.submit(
        lambda: ops.write_register_template(ctx, register=sheet, path=target),
        on_done=written,
        on_error=lambda error: show_error(parent, error),
    )

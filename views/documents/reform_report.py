"""年度改革方案落实情况报告 from the window: the year, the format and the file, then the core writes
the report on the lane (as `yishi print reform-report` does) while a busy bar runs.

The dashboard's button calls `print_reform_report(parent, runner, ctx)`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.services.papers.contracts import PaperFormat
from views.background import Runner
from views.error_presenter import describe
from views.ops import papers as papers_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

FORMATS = ((PaperFormat.PDF, "PDF"), (PaperFormat.DOCX, "Word（DOCX）"))


def default_name(year: int, fmt: PaperFormat) -> str:
    return f"{year}年改革方案落实情况报告.{fmt}"


class ReformReportDialog(QDialog):
    """`written` carries the file once the report is written (warnings shown in the dialog)."""

    written = Signal(object)

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.running = False
        self.setWindowTitle(self.tr("年度改革方案落实情况报告"))
        self.setAccessibleName(self.windowTitle())

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setAccessibleName(self.tr("年度"))
        year_text = self.year.findChild(QLineEdit)  # the spin box's own editor takes the focus
        if year_text is not None:
            year_text.setAccessibleName(self.tr("年度"))
        self.format = QComboBox()
        for fmt, label in FORMATS:
            self.format.addItem(self.tr(label), fmt)
        self.format.setAccessibleName(self.tr("格式"))
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("保存到"))
        self.path.setText(str(Path.home() / default_name(self.year.value(), PaperFormat.PDF)))
        self.browse = QPushButton(self.tr("浏览…"))
        self.browse.setAccessibleName(self.tr("选择保存位置"))
        self.browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)

        form = QFormLayout()
        form.addRow(self.tr("年度："), self.year)
        form.addRow(self.tr("格式："), self.format)
        form.addRow(self.tr("保存到："), where)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("进度"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel(self.tr("选择年度和保存位置后点击“生成”。"))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("状态"))

        self.buttons = QDialogButtonBox()
        self.generate = self.buttons.addButton(
            self.tr("生成"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.generate.setAccessibleName(self.tr("生成报告"))
        self.close_button = self.buttons.addButton(
            self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setAccessibleName(self.tr("关闭"))
        self.generate.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.year.valueChanged.connect(self._rename)
        self.format.currentIndexChanged.connect(self._rename)
        self.resize(560, self.sizeHint().height())

    def chosen_format(self) -> PaperFormat:
        return PaperFormat(self.format.currentData())

    def _rename(self) -> None:
        """Keep the suggested file name in step with the year and the format."""
        current = Path(self.path.text().strip() or str(Path.home()))
        folder = current.parent if current.suffix else current
        self.path.setText(str(folder / default_name(self.year.value(), self.chosen_format())))

    def choose_file(self) -> None:
        fmt = self.chosen_format()
        filters = (
            self.tr("PDF 文件 (*.pdf)") if fmt == PaperFormat.PDF else self.tr("Word 文件 (*.docx)")
        )
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("报告保存为"), self.path.text(), filters
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_suffix(f".{fmt}")
            self.path.setText(str(path))

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("请先选择保存位置。"))
            return
        path = Path(text).expanduser()
        fmt = self.chosen_format()
        if path.suffix.lower() != f".{fmt}":
            path = path.with_suffix(f".{fmt}")
            self.path.setText(str(path))
        year = self.year.value()
        self._busy(True)
        self.status.setText(self.tr("正在汇总%1年的检查结果并生成报告…").replace("%1", str(year)))
        self.runner.submit_command(
            lambda: papers_ops.write_reform_report(self.ctx, year=year, fmt=fmt, path=path),
            on_done=lambda warnings: self._done(path, warnings),
            on_error=self._failed,
        )

    def _busy(self, running: bool) -> None:
        self.running = running
        self.progress.setRange(0, 0 if running else 1)  # 0–0: Qt's busy bar
        self.progress.setValue(0 if running else 1)
        for widget in (self.generate, self.year, self.format, self.path, self.browse):
            widget.setEnabled(not running)

    def _done(self, path: Path, warnings: list[str]) -> None:
        self._busy(False)
        lines = [self.tr("已生成：%1").replace("%1", str(path))]
        lines += [self.tr("提醒：%1").replace("%1", w) for w in warnings]
        self.status.setText("\n".join(lines))
        self.written.emit(path)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("未能生成报告：%1").replace("%1", describe(error)))

    def reject(self) -> None:
        if self.running:  # the report is being written: it finishes on the lane
            self.status.setText(self.tr("报告正在生成，请稍候…"))
            return
        super().reject()


def print_reform_report(parent: QWidget, runner: Runner, ctx: AppContext) -> ReformReportDialog:
    """Open the dialog (non-modal, owned by `parent`) and return it."""
    dialog = ReformReportDialog(runner, ctx, parent)
    dialog.show()
    dialog.raise_()
    return dialog

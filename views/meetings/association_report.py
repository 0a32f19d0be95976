"""The yearly report of how the five specialized associations attended the council's meetings."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import HEAD_PRESENCE_NAMES
from models.services.papers.contracts import PaperKind, PaperRequest
from views.background import Runner
from views.documents.papers import open_paper
from views.error_presenter import describe
from views.form_dialog import name_widget
from views.meetings.association_report_model import AssociationReportModel
from views.ops import meetings as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.changes import Changes
    from models.services.common.context import AppContext
    from models.services.meetings.contracts import AssociationAttendanceReport, AssociationMark


def presence_text(mark: AssociationMark) -> str:
    if mark.presence is None:
        return "未登记出席情况"
    return HEAD_PRESENCE_NAMES[mark.presence]


class AssociationReport(QWidget):
    def __init__(
        self, runner: Runner, ctx: AppContext, *, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self.report: AssociationAttendanceReport | None = None
        self.last_preview: Any = None
        self.setWindowTitle(self.tr("专门协会列席执行理事会会议情况"))
        self.setAccessibleName(self.windowTitle())
        self.year = QSpinBox()
        self.year.setRange(2000, date.today().year + 5)
        self.year.setValue(year)
        self.year.setSuffix(self.tr("年"))
        name_widget(self.year, self.tr("年份"))
        year_label = QLabel(self.tr("年份(&Y)："))
        year_label.setBuddy(self.year)
        self.summary = QLabel(self.tr("正在载入…"))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("统计说明"))
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.print_button.setToolTip(self.tr("预览并打印本年度的专门协会列席情况表"))
        self.print_button.clicked.connect(self.print_report)
        gate(self.print_button, ctx, "papers.print")

        self.model = AssociationReportModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("各专门协会列席情况"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.marks = QTableWidget(0, 3)
        self.marks.setHorizontalHeaderLabels([self.tr("会议"), self.tr("情况"), self.tr("人员")])
        self.marks.setAccessibleName(self.tr("所选协会逐次会议情况"))
        self.marks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.marks.verticalHeader().setVisible(False)
        self.marks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.marks.horizontalHeader().setStretchLastSection(True)
        self.marks_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.marks_label)
        layout.addWidget(self.marks, 1)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_marks())
        runner.data_changed.connect(self._on_data_changed)
        self.resize(900, 620)
        self.load()

    def load(self) -> None:
        ctx, year = self.ctx, self.year.value()
        self.runner.submit(
            lambda: ops.association_report(ctx, year=year),
            on_done=self._loaded,
            on_error=lambda e: self.summary.setText(describe(e)),
        )

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.meetings:
            self.load()

    def _loaded(self, report: AssociationAttendanceReport) -> None:
        if report.year != self.year.value():
            return  # an older answer, overtaken by the clerk's next year
        self.report = report
        self.model.set_rows(report.rows)
        held = len(report.meetings)
        self.summary.setText(
            self.tr(
                "%1年执行理事会召开会议 %2 次。会议出席情况未登记的，单列为“未登记”，不算未参加；"
                "出席率＝主席列席、以理事身份出席或委托代为列席的次数÷已登记的会议次数。"
            )
            .replace("%1", str(report.year))
            .replace("%2", str(held))
        )
        self.print_button.setEnabled(True)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_marks()

    def _show_marks(self) -> None:
        index = self.table.currentIndex()
        if self.report is None or not index.isValid():
            self.marks.setRowCount(0)
            self.marks_label.setText("")
            return
        line = self.model.line(index.row())
        self.marks_label.setText(self.tr("%1逐次会议：").replace("%1", line.name))
        self.marks.setRowCount(len(line.marks))
        for row, mark in enumerate(line.marks):
            texts = (
                f"{mark.title}（{mark.meeting_date.isoformat()}）",
                presence_text(mark),
                mark.name or "",
            )
            for column, text in enumerate(texts):
                self.marks.setItem(row, column, QTableWidgetItem(text))

    def print_report(self) -> None:
        year = self.year.value()
        title = self.tr("%1年专门协会列席执行理事会会议情况").replace("%1", str(year))
        open_paper(
            self,
            self.runner,
            self.ctx,
            PaperRequest(PaperKind.ASSOCIATION_ATTENDANCE, year=year),
            title,
            on_shown=lambda preview: setattr(self, "last_preview", preview),
        )

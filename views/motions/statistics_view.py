"""提案统计: 立案数, 答复率, 按时答复率, 沟通率, class shares and 满意率, overall and per 主办单位.

The figures come from models.services.motions.queries.term_statistics (views.ops.motions) on the database lane;
the table gives every figure, and two bar charts (views/motions/bar_chart.py, drawn with QPainter
rather than QtCharts — see there) show 答复率 and 满意率 per unit, each bar with its figure written.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_statistics import GroupedStatistics, MotionStatistics, percent
from views.background import Runner
from views.error_presenter import describe
from views.motions.bar_chart import Bar, BarChart
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

OVERALL = "全部"
NO_UNIT = "（尚未交办）"
CLASSES = ("A", "B", "C")
HEADERS = (
    "主办单位",
    "立案数",
    "答复率",
    "按时答复率",
    "沟通率",
    *(f"{code}类占比" for code in CLASSES),
    "满意率（办理态度）",
    "满意率（办理结果）",
)


def unit_label(unit: str) -> str:
    return unit or NO_UNIT


def row_texts(name: str, stats: MotionStatistics) -> list[str]:
    shares = stats.class_shares
    texts = [
        name,
        str(stats.numbered),
        percent(stats.reply_rate),
        percent(stats.on_time_rate),
        percent(stats.contact_rate),
        *(percent(shares.get(code)) if shares else "—" for code in CLASSES),
        percent(stats.attitude.rate),
        percent(stats.result.rate),
    ]
    for i, counts in ((-2, stats.attitude), (-1, stats.result)):
        if counts.timeouts:
            texts[i] += f"（含逾期未评 {counts.timeouts} 件）"
    return texts


def unit_bars(grouped: GroupedStatistics, figure: str) -> list[Bar]:
    """One bar per unit that has the figure (`figure`: "reply" or "satisfaction")."""
    bars = []
    for unit, stats in grouped.by_unit.items():
        if not unit:  # not yet assigned: no unit to chart (the table still lists it)
            continue
        value: Fraction | None = stats.reply_rate if figure == "reply" else stats.result.rate
        if value is not None:
            bars.append(Bar(unit_label(unit), value, percent(value)))
    return bars


class StatisticsWindow(QWidget):
    """The current presidium term's motion statistics, in a window of its own."""

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self.statistics: GroupedStatistics | None = None
        self.setWindowTitle("提案统计")
        self.setAccessibleName("提案统计")
        self.resize(960, 640)

        self.status = QLabel("正在统计……")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("提案统计表")
        self.table.setAccessibleDescription("总体及各主办单位的立案数、答复率、沟通率与满意率")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reply_chart = BarChart("各主办单位答复率")
        self.satisfaction_chart = BarChart("各主办单位满意率（办理结果）")
        self.refresh_button = QPushButton("刷新(&R)")
        self.refresh_button.setAccessibleName("刷新统计")
        self.refresh_button.clicked.connect(self.load)
        self.close_button = QPushButton("关闭(&C)")
        self.close_button.setAccessibleName("关闭")
        self.close_button.clicked.connect(self.close)

        charts = QHBoxLayout()
        charts.addWidget(self.reply_chart)
        charts.addWidget(self.satisfaction_chart)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(charts)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.status.setText("正在统计……")
        self.refresh_button.setEnabled(False)
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.term_statistics(ctx), on_done=self._on_loaded, on_error=self._on_failed
        )

    def _on_loaded(self, grouped: GroupedStatistics) -> None:
        self.statistics = grouped
        self.refresh_button.setEnabled(True)
        rows = [(OVERALL, grouped.overall)] + [
            (unit_label(unit), stats) for unit, stats in grouped.by_unit.items()
        ]
        self.table.setRowCount(len(rows))
        for r, (name, stats) in enumerate(rows):
            for c, text in enumerate(row_texts(name, stats)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.reply_chart.set_bars(unit_bars(grouped, "reply"))
        self.satisfaction_chart.set_bars(unit_bars(grouped, "satisfaction"))
        overall = grouped.overall
        self.status.setText(
            f"本届立案 {overall.numbered} 件，已答复 {overall.replied} 件，"
            f"答复率 {percent(overall.reply_rate)}。"
        )

    def _on_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(describe(error))

"""提案统计: 立案数, 答复率, 按时答复率, 沟通率, class shares and 满意率, overall and grouped.

The figures come from models.services.motions.queries.term_statistics (views.ops.motions) on the
database lane. Three tabs — 按承办单位, 按类别, 按状态 — each give the figures in a table (the
whole term first) and draw them (views/motions/bar_chart.py, drawn with QPainter rather than
QtCharts — see there): 答复率 and 满意率 per unit and per category, 件数 per state (by state the
rates are 0% or 100% by definition, so the share of the term's motions is what tells).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_statistics import GroupedStatistics, MotionStatistics, percent
from models.domain.motion_workflow import STATE_NAMES, MotionState
from views.background import Runner
from views.error_presenter import describe
from views.motions.bar_chart import Bar, BarChart
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

OVERALL = "全部"
NO_UNIT = "（尚未交办）"
NO_CATEGORY = "（未分类）"
CLASSES = ("A", "B", "C")
HEADERS = (
    "主办单位",
    "件数",
    "立案数",
    "答复率",
    "按时答复率",
    "沟通率",
    *(f"{code}类占比" for code in CLASSES),
    "满意率（办理态度）",
    "满意率（办理结果）",
)
# grouping → (tab text, first column's header, what the tab groups by in words)
GROUPINGS: dict[str, tuple[str, str, str]] = {
    "unit": ("按承办单位(&U)", "主办单位", "主办单位"),
    "category": ("按类别(&G)", "类别", "类别"),
    "state": ("按状态(&S)", "状态", "状态"),
}


def unit_label(unit: str) -> str:
    return unit or NO_UNIT


def group_label(grouping: str, key: str) -> str:
    """The words for one group: a unit, a category, or a state's Chinese name."""
    if grouping == "state":
        return STATE_NAMES[MotionState(key)]
    if grouping == "category":
        return key or NO_CATEGORY
    return unit_label(key)


def row_texts(name: str, stats: MotionStatistics) -> list[str]:
    shares = stats.class_shares
    texts = [
        name,
        str(stats.total),
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


def group_bars(grouped: GroupedStatistics, grouping: str, figure: str) -> list[Bar]:
    """One bar per group that has the figure (`figure`: "reply", "satisfaction" or "count").

    A unit's or category's "" group (not yet assigned, no category) has no bar; the table still
    lists it. "count" is each group's share of the term's motions, written as 件数 and share.
    """
    bars = []
    everything = grouped.overall.total
    for key, stats in grouped.grouping(grouping).items():
        if not key:
            continue
        label = group_label(grouping, key)
        if figure == "count":
            share = Fraction(stats.total, everything) if everything else None
            bars.append(Bar(label, share, f"{stats.total} 件（{percent(share)}）"))
            continue
        value = stats.reply_rate if figure == "reply" else stats.result.rate
        if value is not None:
            bars.append(Bar(label, value, percent(value)))
    return bars


class GroupPage(QWidget):
    """One grouping's table and charts."""

    def __init__(self, grouping: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grouping = grouping
        _tab, column, words = GROUPINGS[grouping]
        self.setAccessibleName(f"按{words}统计")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([column, *HEADERS[1:]])
        self.table.setAccessibleName(f"按{words}统计表")
        self.table.setAccessibleDescription(
            f"全部及各{words}的件数、立案数、答复率、沟通率与满意率"
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if grouping == "state":
            self.charts = {"count": BarChart("各状态件数（占本届提案）")}
        else:
            self.charts = {
                "reply": BarChart(f"各{words}答复率"),
                "satisfaction": BarChart(f"各{words}满意率（办理结果）"),
            }
        drawn = QWidget()
        charts = QHBoxLayout(drawn)
        charts.setContentsMargins(0, 0, 0, 0)
        for chart in self.charts.values():
            charts.addWidget(chart)
        # The charts scroll, so a long one (fifteen states) leaves the table its room; the
        # splitter lets the clerk give either more.
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(drawn)
        self.chart_area.setAccessibleName(f"按{words}统计图")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1, 1])  # half each to start
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def show_statistics(self, grouped: GroupedStatistics) -> None:
        groups: Mapping[str, MotionStatistics] = grouped.grouping(self.grouping)
        rows = [(OVERALL, grouped.overall)] + [
            (group_label(self.grouping, key), stats) for key, stats in groups.items()
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
        for figure, chart in self.charts.items():
            chart.set_bars(group_bars(grouped, self.grouping, figure))


class StatisticsWindow(QWidget):
    """The current presidium term's motion statistics, in a window of its own."""

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self.statistics: GroupedStatistics | None = None
        self.setWindowTitle("提案统计")
        self.setAccessibleName("提案统计")
        self.resize(1040, 700)

        self.status = QLabel("正在统计……")
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("统计分组")
        self.pages = {grouping: GroupPage(grouping) for grouping in GROUPINGS}
        for grouping, page in self.pages.items():
            self.tabs.addTab(page, GROUPINGS[grouping][0])
        unit = self.pages["unit"]
        # The by-unit page's widgets, by their old names.
        self.table = unit.table
        self.reply_chart, self.satisfaction_chart = (
            unit.charts["reply"],
            unit.charts["satisfaction"],
        )
        self.refresh_button = QPushButton("刷新(&R)")
        self.refresh_button.setAccessibleName("刷新统计")
        self.refresh_button.clicked.connect(self.load)
        self.close_button = QPushButton("关闭(&C)")
        self.close_button.setAccessibleName("关闭")
        self.close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
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
        for page in self.pages.values():
            page.show_statistics(grouped)
        overall = grouped.overall
        self.status.setText(
            f"本届提案 {overall.total} 件，立案 {overall.numbered} 件，已答复 {overall.replied} 件，"
            f"答复率 {percent(overall.reply_rate)}。"
        )

    def _on_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(describe(error))

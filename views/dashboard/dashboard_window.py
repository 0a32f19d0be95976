"""改革落实情况: what needs the clerk today, then every rule of the reform plan with its badge,
figure and what makes it fall short, and the charts a clerk would rather look at than read.

Loaded on the lane (the Runner) with a busy bar; reloaded whenever a command changes data.
Badges are coloured and worded (达标 / 提醒 / 未达标 / 不适用): colour is never the only sign.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.messages import message
from models.services.dashboard.contracts import (
    STATUS_NAMES,
    ReformOverview,
    ReformResult,
    ResultGroup,
    Target,
    TargetKind,
    TodayItem,
    TodayList,
)
from views.dashboard.targets import TargetOpener
from views.error_presenter import describe
from views.motions.bar_chart import Bar, BarChart
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.changes import Changes
    from models.services.common.context import AppContext
    from views.background import Runner

TARGET_ROLE = Qt.ItemDataRole.UserRole
RULE_ROLE = Qt.ItemDataRole.UserRole + 1

# (text colour, background) per status; the word and a sign go with it.
BADGES: dict[str, tuple[str, str, str]] = {
    "pass": ("✔", "#1d6b3a", "#d4efdf"),
    "warn": ("！", "#8a5a00", "#fdebc8"),
    "fail": ("✖", "#a93226", "#f6d5d1"),
    "skipped": ("—", "#555555", "#e5e7e9"),
}


def badge_text(status: str) -> str:
    return f"{BADGES[status][0]} {STATUS_NAMES[status]}"


def badge_of(result: ReformResult) -> tuple[str, str, str]:
    """(word, ink, paper): a figure the rules file sets no target for is shown, not judged."""
    if not result.has_target and result.status == "pass":
        return "ℹ 仅统计", BADGES["skipped"][1], BADGES["skipped"][2]
    _sign, ink, paper = BADGES[result.status]
    return badge_text(result.status), ink, paper


class TodayListWidget(QListWidget):
    """今天要办: a click, or Enter, opens where the item is fixed."""

    def __init__(self, opener: TargetOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.setAccessibleName(self.tr("今天要办"))
        self.setAccessibleDescription(self.tr("单击或回车打开处理该事项的窗口"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(self.open_item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.open_item(self.currentItem())
            return
        super().keyPressEvent(event)

    def open_item(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if isinstance(target, Target):
            self.opener.open(target)

    def show_items(self, today: TodayList) -> None:
        self.clear()
        for entry in today.items:
            item = QListWidgetItem(f"【{entry.kind_name}】{entry.text}")
            item.setData(TARGET_ROLE, entry.target)
            item.setToolTip(self._tip(entry))
            if entry.kind.value.endswith(("overdue", "unreported", "failing")):
                item.setForeground(QBrush(QColor(BADGES["fail"][1])))
            self.addItem(item)
        if not today.items:
            item = QListWidgetItem(message("dashboard_nothing_today"))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)

    def _tip(self, entry: TodayItem) -> str:
        where = {
            TargetKind.MOTION: self.tr("打开提案列表并选中这件提案"),
            TargetKind.DECISION: self.tr("打开这件三重一大事项"),
            TargetKind.MEETING: self.tr("打开会议编辑窗口"),
            TargetKind.RULE: self.tr("转到下方这条规则"),
        }
        return where.get(entry.target.kind, self.tr("打开"))


class RuleTree(QTreeWidget):
    """The rule groups: each result with its badge and figure; its shortfalls below it. Click a
    result to list its shortfalls; click a shortfall, or press Enter, to open where it is fixed."""

    def __init__(self, opener: TargetOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("规则"), self.tr("状态"), self.tr("情况"), self.tr("说明")])
        self.setAccessibleName(self.tr("改革方案各项规则"))
        self.setAccessibleDescription(
            self.tr("单击规则展开未达标的明细；单击明细或按回车打开处理它的窗口")
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 290)
        self.setColumnWidth(1, 90)
        self.setColumnWidth(2, 250)
        self.itemClicked.connect(self._clicked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.open_item(item)
            return
        super().keyPressEvent(event)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.childCount():
            item.setExpanded(not item.isExpanded())
        else:
            self.open_item(item)

    def open_item(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, TARGET_ROLE)
        if isinstance(target, Target):
            self.opener.open(target)
        elif item.childCount():
            item.setExpanded(not item.isExpanded())

    def show_overview(self, overview: ReformOverview) -> None:
        self.clear()
        for group in overview.groups:
            self.addTopLevelItem(self._group(group))
        for result in self.result_items():  # spanning holds only for items in the tree
            for j in range(result.childCount()):
                child = result.child(j)
                if child is not None:
                    child.setFirstColumnSpanned(True)

    def _group(self, group: ResultGroup) -> QTreeWidgetItem:
        counts = {s: sum(r.status == s for r in group.results) for s in BADGES}
        summary = "，".join(
            f"{STATUS_NAMES[s]} {n} 项" for s, n in counts.items() if n and s != "skipped"
        )
        item = QTreeWidgetItem([group.title, "", summary, group.note])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, RULE_ROLE, group.key)
        item.setToolTip(0, group.title)
        item.setToolTip(3, group.note)
        for result in group.results:
            item.addChild(self._result(group, result))
        self.addTopLevelItem(item)
        # A group with nothing to apply (an empty slate) stays folded: its rules are all 不适用.
        item.setExpanded(not group.results or any(r.status != "skipped" for r in group.results))
        return item

    def _result(self, group: ResultGroup, result: ReformResult) -> QTreeWidgetItem:
        word, ink, paper = badge_of(result)
        item = QTreeWidgetItem([result.label, word, result.figure, result.message])
        item.setForeground(1, QBrush(QColor(ink)))
        item.setBackground(1, QBrush(QColor(paper)))
        item.setData(0, RULE_ROLE, f"{group.key}:{result.id}")
        item.setData(0, TARGET_ROLE, result.target)
        item.setToolTip(0, result.id)
        item.setToolTip(3, result.message)
        level = self.tr("必须") if result.level.value == "error" else self.tr("提倡")
        item.setToolTip(
            1,
            f"{word}（{level}）" if result.has_target else self.tr("规则文件未规定目标，只列数字"),
        )
        for short in result.shortfalls:
            child = QTreeWidgetItem([short.text])
            child.setData(0, TARGET_ROLE, short.target)
            child.setToolTip(0, self.tr("单击打开"))
            item.addChild(child)
        return item

    def result_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            if group is not None:
                found += [c for j in range(group.childCount()) if (c := group.child(j))]
        return found

    def go_to_rule(self, key: str) -> None:
        for item in self.result_items():
            if item.data(0, RULE_ROLE) == key:
                self.setCurrentItem(item)
                item.setExpanded(True)
                self.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
                self.setFocus()
                return


class DashboardWindow(QWidget):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self.loading = False
        self.reload_wanted = False
        self.today_list: TodayList | None = None
        self.overview: ReformOverview | None = None
        self.setWindowTitle(self.tr("改革落实情况"))
        self.setAccessibleName(self.windowTitle())
        self.opener = TargetOpener(self, runner, ctx)

        title = QLabel(self.tr("改革落实情况"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.year.setAccessibleName(self.tr("年度"))
        self.year.lineEdit().setAccessibleName(self.tr("年度"))
        year_label = QLabel(self.tr("年度(&Y)："))
        year_label.setBuddy(self.year)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the reads report no steps
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("正在载入"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("载入情况"))
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.load)
        self.report_button = QPushButton(self.tr("打印年度报告(&P)…"))
        self.report_button.setToolTip(
            self.tr("所选年度的改革方案落实情况报告（PDF 或 Word），各项规则、未达标明细和图表")
        )
        self.report_button.clicked.connect(lambda: self.print_report())
        gate(self.report_button, ctx, "papers.print")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.status)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.report_button)
        top.addWidget(self.refresh_button)

        today_title = QLabel(self.tr("今天要办(&D)"))
        bold = today_title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        today_title.setFont(bold)
        self.today = TodayListWidget(self.opener)
        today_title.setBuddy(self.today)
        rules_title = QLabel(self.tr("各项规则(&U)"))
        rules_title.setFont(bold)
        self.rules = RuleTree(self.opener)
        rules_title.setBuddy(self.rules)
        # A failing rule in today's list leads to the rule below, not to another window.
        self.opener.on_rule = self.rules.go_to_rule

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(today_title)
        left_layout.addWidget(self.today, 2)
        left_layout.addWidget(rules_title)
        left_layout.addWidget(self.rules, 5)

        self.charts_box = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_layout.addStretch(1)
        charts = QScrollArea()
        charts.setWidgetResizable(True)
        charts.setWidget(self.charts_box)
        charts.setAccessibleName(self.tr("图表"))
        self.charts: list[BarChart] = []

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 460])
        charts.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        runner.data_changed.connect(self._on_data_changed)
        self.resize(1280, 800)
        self.load()

    def print_report(self) -> QWidget:
        """The yearly report's dialog, on the year shown here."""
        from views.documents.reform_report import print_reform_report

        dialog = print_reform_report(self, self.runner, self.ctx)
        dialog.year.setValue(self.year.value())
        self.report_dialog = dialog
        return dialog

    # --- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        if self.loading:
            self.reload_wanted = True
            return
        from views.ops import dashboard as ops

        ctx, year = self.ctx, self.year.value()
        today = date.today()
        on = today if today.year == year else date(year, 12, 31)
        self.loading = True
        self.progress.show()
        self.status.setText(self.tr("正在载入…"))
        self.runner.submit(
            lambda: ops.dashboard(ctx, on=on),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, loaded: tuple[TodayList, ReformOverview]) -> None:
        self.loading = False
        self.today_list, self.overview = loaded
        self.today.show_items(self.today_list)
        self.rules.show_overview(self.overview)
        self._show_charts(self.overview)
        self.progress.hide()
        results = self.overview.results()
        failing = sum(r.status == "fail" for r in results)
        warned = sum(r.status == "warn" for r in results)
        self.status.setText(
            self.tr("今天要办 %1 项；%2 项规则未达标，%3 项提醒")
            .replace("%1", str(len(self.today_list.items)))
            .replace("%2", str(failing))
            .replace("%3", str(warned))
        )
        self._again()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.progress.hide()
        self.status.setText(describe(error))
        self._again()

    def _again(self) -> None:
        if self.reload_wanted:
            self.reload_wanted = False
            self.load()

    def _show_charts(self, overview: ReformOverview) -> None:
        for chart in self.charts:
            self.charts_layout.removeWidget(chart)
            chart.deleteLater()
        self.charts = []
        for data in overview.charts:
            chart = BarChart(data.title)
            chart.set_bars(
                [
                    Bar(
                        b.label,
                        Fraction(b.count, b.total) if b.total else None,
                        b.text,
                        Fraction(b.required, b.total) if b.required and b.total else None,
                    )
                    for b in data.bars
                ]
            )
            self.charts_layout.insertWidget(self.charts_layout.count() - 1, chart)
            chart.show()
            self.charts.append(chart)

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes:
            self.load()

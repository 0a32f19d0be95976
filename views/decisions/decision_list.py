"""The 三重一大事项台账 window: a year's decisions with their state and missing steps."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.decision_rules import DecisionCategory
from models.domain.major_decision import STATE_NAMES, DecisionResult, DecisionState
from models.services.common.changes import Changes
from models.services.decisions.contracts import DecisionDetail, DecisionRow
from views.background import Runner
from views.decisions.decision_detail import DecisionDetailWindow
from views.decisions.decision_forms import EmergencyForm, MatterForm
from views.decisions.decision_table_model import (
    MEETING_COLUMN,
    MISSING_COLUMN,
    DecisionTableModel,
)
from views.error_presenter import describe
from views.ops import decisions as ops
from views.permissions import gate
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.decisions.queries import FollowUpDue

YEARS_BACK = 5
# The state box's 逾期跟进 entry: decisions with a follow-up past its due date, in any state.
FOLLOW_UP_OVERDUE = "follow_up_overdue"


def state_filters() -> list[tuple[str, tuple[str, str | None] | None]]:
    """已决定 splits into 通过 and 未通过, as the register shows it."""
    choices: list[tuple[str, tuple[str, str | None] | None]] = []
    for state in DecisionState:
        if state is DecisionState.DECIDED:
            choices += [
                (r.value, (state.value, r.value)) for r in DecisionResult if r.value != "暂缓表决"
            ]
        else:
            choices.append((STATE_NAMES[state], (state.value, None)))
    return choices


class DecisionList(QWidget):
    loaded = Signal()

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self._all: list[DecisionRow] = []
        self._overdue: frozenset[int] = frozenset()  # decisions with 逾期跟进
        self.form: MatterForm | None = None
        self.last_preview: Any = None  # the paper preview, from views/documents
        self.setWindowTitle(self.tr("三重一大事项台账"))
        self.setAccessibleName(self.windowTitle())

        self.year_box = QComboBox()
        self.year_box.setAccessibleName(self.tr("年度"))
        this_year = date.today().year
        for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1):
            self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.year_box.addItem(self.tr("全部年度"), None)
        self.year_box.setCurrentIndex(self.year_box.findData(this_year))
        year_label = QLabel(self.tr("年度(&Y)："))
        year_label.setBuddy(self.year_box)
        self.state_box = QComboBox()
        self.state_box.setAccessibleName(self.tr("状态"))
        self.state_box.addItem(self.tr("全部状态"), None)
        for text, value in state_filters():
            self.state_box.addItem(text, value)
        self.state_box.addItem(self.tr("逾期跟进"), FOLLOW_UP_OVERDUE)
        state_label = QLabel(self.tr("状态(&S)："))
        state_label.setBuddy(self.state_box)
        self.category_box = QComboBox()
        self.category_box.setAccessibleName(self.tr("类别"))
        self.category_box.addItem(self.tr("全部类别"), None)
        for category in DecisionCategory:
            self.category_box.addItem(category.value, category.value)
        category_label = QLabel(self.tr("类别(&C)："))
        category_label.setBuddy(self.category_box)
        self.count = QLabel(self.tr("正在载入…"))
        self.count.setAccessibleName(self.tr("事项数"))

        self.model = DecisionTableModel(self)
        self.table = row_table_view(
            self.model,
            name=self.tr("三重一大事项列表"),
            description=self.tr("回车或双击打开所选事项"),
            open_row=self.open_decision,
            open_text=self.tr("打开"),
        )
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in ((MISSING_COLUMN, 240), (MEETING_COLUMN, 250)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.new_button = QPushButton(self.tr("新建事项(&N)…"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip(self.tr("登记一项三重一大事项（Ctrl+N）"))
        self.new_button.clicked.connect(lambda: self.new_decision())
        self.emergency_button = QPushButton(self.tr("紧急处置登记(&E)…"))
        self.emergency_button.setToolTip(self.tr("个人紧急处置的事项，须向下次会议报告"))
        self.emergency_button.clicked.connect(lambda: self.new_emergency())
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.open_button.setToolTip(self.tr("查看所选事项的程序、讨论和执行情况（回车）"))
        self.open_button.clicked.connect(self.open_decision)
        self.print_button = QPushButton(self.tr("打印台账(&P)…"))
        self.print_button.setToolTip(self.tr("所选年度的三重一大事项年度台账"))
        self.print_button.clicked.connect(lambda: self.print_register())
        refresh = QPushButton(self.tr("刷新"))
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.setToolTip(self.tr("重新载入（F5）"))
        refresh.clicked.connect(self.load)
        gate(self.new_button, ctx, "decisions.edit")
        gate(self.emergency_button, ctx, "decisions.edit")
        gate(self.print_button, ctx, "papers.print")

        filters = QHBoxLayout()
        for widget in (
            year_label,
            self.year_box,
            state_label,
            self.state_box,
            category_label,
            self.category_box,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.emergency_button, self.open_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self.year_box.currentIndexChanged.connect(lambda _i: self.load())
        self.state_box.currentIndexChanged.connect(lambda _i: self._show())
        self.category_box.currentIndexChanged.connect(lambda _i: self._show())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        runner.data_changed.connect(self._on_data_changed)
        self.resize(1320, 600)
        self._update_buttons()
        self.load()

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        ctx, year = self.ctx, self.year_box.currentData()
        self.runner.submit(
            lambda: ops.decisions(ctx, year=year),
            on_done=self._loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )
        self.runner.submit(
            lambda: ops.follow_up_due(ctx),
            on_done=self._follow_ups_loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )

    def _follow_ups_loaded(self, due: FollowUpDue) -> None:
        self._overdue = due.overdue_decisions
        if self.state_box.currentData() == FOLLOW_UP_OVERDUE:
            self._show()

    def show_overdue_follow_ups(self) -> None:
        """逾期跟进 of every year (the status bar's notice opens the register so)."""
        self.state_box.setCurrentIndex(self.state_box.findData(FOLLOW_UP_OVERDUE))
        everything = self.year_box.findData(None)
        if self.year_box.currentIndex() != everything:
            self.year_box.setCurrentIndex(everything)  # reloads
        else:
            self.load()

    def _loaded(self, rows: list[DecisionRow]) -> None:
        self._all = rows
        self._show()
        self.loaded.emit()

    def visible_rows(self) -> list[DecisionRow]:
        state, category = self.state_box.currentData(), self.category_box.currentData()
        return [
            r
            for r in self._all
            if (
                state is None
                or (state == FOLLOW_UP_OVERDUE and r.id in self._overdue)
                or (
                    state != FOLLOW_UP_OVERDUE
                    and r.state == state[0]
                    and (state[1] is None or r.result == state[1])
                )
            )
            and (category is None or r.category == category)
        ]

    def _show(self) -> None:
        selected = self.selected()
        rows = self.visible_rows()
        self.model.set_rows(rows)
        missing = sum(1 for r in rows if r.missing_steps)
        text = self.tr("共 %1 项").replace("%1", str(len(rows)))
        if missing:
            text += self.tr("，%1 项缺少程序").replace("%1", str(missing))
        self.count.setText(text)
        if rows:
            row = self.model.row_of(selected.id) if selected is not None else -1
            self.table.selectRow(max(row, 0))
        self._update_buttons()

    def _on_data_changed(self, changes: object, _initiator: object) -> None:
        if isinstance(changes, Changes) and changes.decisions:
            self.load()

    def selected(self) -> DecisionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.decision(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    # --- actions --------------------------------------------------------------------------------

    def new_decision(self) -> MatterForm:
        form = MatterForm(self.runner, self.ctx, None, self)
        form.saved.connect(self._created)
        self.form = form
        form.open()
        return form

    def new_emergency(self) -> EmergencyForm:
        form = EmergencyForm(self.runner, self.ctx, self)
        form.saved.connect(self._created)
        self.form = form
        form.open()
        return form

    def _created(self, detail: DecisionDetail) -> None:
        # The register reloads when the Runner reports the new decision; open its record now.
        self.show_decision(detail.id)

    def open_decision(self) -> DecisionDetailWindow | None:
        decision = self.selected()
        return self.show_decision(decision.id) if decision is not None else None

    def show_decision(self, decision_id: int) -> DecisionDetailWindow:
        window = next(
            (w for w in self.findChildren(DecisionDetailWindow) if w.decision_id == decision_id),
            None,
        )
        if window is None:
            window = DecisionDetailWindow(self.runner, self.ctx, decision_id, parent=self)
        else:
            window.load()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def print_register(self) -> None:
        from models.services.papers.contracts import PaperKind, PaperRequest
        from views.documents.papers import open_paper

        year = self.year_box.currentData() or date.today().year
        open_paper(
            self,
            self.runner,
            self.ctx,
            PaperRequest(PaperKind.DECISION_REGISTER, year=year),
            self.tr("%1年三重一大事项年度台账").replace("%1", str(year)),
            on_shown=lambda preview: setattr(self, "last_preview", preview),
        )

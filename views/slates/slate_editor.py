"""The slate editor window: candidates and reserves, the composition re-checked on every edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.composition import check_slate, suggest_swaps
from models.domain.vocabulary import BodyKind, TermStatus, body_display_name, term_display_name
from models.services.people.contracts import TermRow
from models.services.slates.contracts import SavedTrial, SlateWorkbench
from views.background import Runner
from views.error_presenter import describe
from views.ops import slates as slates_ops
from views.permissions import gate
from views.slates.candidate_table_model import ALL_UNITS, CandidateTableModel
from views.slates.rule_table_model import BAR_COLUMN, BarDelegate, RuleTableModel
from views.slates.rule_titles import rule_title
from views.slates.trial_history import TrialHistoryModel, trial_details
from views.slates.what_if import ToggleCommand, WhatIf

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setAccessibleName(name)
    return view


class SlateEditor(QWidget):
    """Opened for one term of the congress, the presidium or the council."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        term: TermRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx, self.kind, self.term = runner, ctx, kind, term
        self.bench: SlateWorkbench | None = None
        self.state = WhatIf([], [])
        self.report: Any = None
        self.suggestion: list[tuple[int, int]] | None = None
        self.last_preview: Any = None
        self.versions: dict[int, int] = {}  # of the memberships loaded: a stale trial is refused
        self.trial_dialog: Any = None
        title = f"{term_display_name(term.term)}{body_display_name(kind)}名单构成"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.undo_stack = QUndoStack(self)

        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self.tr("正在载入…"))
        self.summary.setAccessibleName(self.tr("名单概况"))
        self.import_button = QPushButton(self.tr("导入名单(&I)…"))
        self.import_button.setEnabled(kind in (BodyKind.CONGRESS, BodyKind.PRESIDIUM))
        undo = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        self.undo_button = QPushButton(self.tr("撤销(&Z)"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.reset_button = QPushButton(self.tr("恢复原名单(&R)"))
        self.reset_button.setToolTip(self.tr("取消所有试算调整，回到数据库中的名单"))
        self.reset_button.clicked.connect(self.reset_what_if)
        self.save_action = QAction(self.tr("保存调整…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setEnabled(False)
        self.save_action.triggered.connect(self.save_trial)
        self.addAction(self.save_action)
        self.save_button = QPushButton(self.tr("保存调整(&S)…"))
        self.save_button.setToolTip(
            self.tr("把试算的调整保存为名单（Ctrl+S）：换下的候选人转为候补，替补的候补转为候选人")
        )
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_action.trigger)
        self.save_action.enabledChanged.connect(self.save_button.setEnabled)
        self.reload_button = QPushButton(self.tr("重新载入(&L)"))
        self.reload_button.setToolTip(self.tr("按数据库中的最新名单重新载入（F5）"))
        self.reload_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_button.clicked.connect(self.reload)
        printable = kind in (BodyKind.CONGRESS, BodyKind.PRESIDIUM)
        self.print_list_button = QPushButton(self.tr("打印名单(&P)"))
        self.print_public_button = QPushButton(self.tr("打印公示名单"))
        self.print_public_button.setToolTip(self.tr("公示用：不印身份证号和残疾人证号"))
        self.print_table_button = QPushButton(self.tr("打印构成统计表(&B)"))
        for button, paper, public in (
            (self.print_list_button, "slate", False),
            (self.print_public_button, "slate", True),
            (self.print_table_button, "composition", False),
        ):
            button.setVisible(printable)
            button.clicked.connect(lambda _c=False, p=paper, pub=public: self.print_paper(p, pub))
            gate(button, ctx, "papers.print")
        # Trying swaps changes nothing (a reader may check a slate); importing and saving do.
        gate(self.import_button, ctx, "slates.import")
        gate(self.save_action, ctx, "slates.apply_trial")
        gate(self.save_button, ctx, "slates.apply_trial")

        self.unit_filter = QComboBox()
        self.unit_filter.setAccessibleName(self.tr("按选举单位筛选"))
        self.unit_filter.addItem(self.tr("全部选举单位"), ALL_UNITS)
        unit_label = QLabel(self.tr("选举单位(&U)："))
        unit_label.setBuddy(self.unit_filter)
        self.candidates = CandidateTableModel(self.state, reserve=False, parent=self)
        self.reserves = CandidateTableModel(self.state, reserve=True, parent=self)
        self.candidate_view = _table(self.candidates, self.tr("候选人名单"))
        self.reserve_view = _table(self.reserves, self.tr("候补人选"))
        for model in (self.candidates, self.reserves):
            model.toggle_requested.connect(self.toggle)
        self.seats = QTableWidget(0, 4)
        self.seats.setHorizontalHeaderLabels(["选举单位", "名额", "已提名", "差额"])
        self.seats.setAccessibleName(self.tr("名额分配"))
        self.seats.horizontalHeader().setStretchLastSection(True)
        self.seats.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.seats.setVisible(kind is BodyKind.CONGRESS)

        self.rules = RuleTableModel(self)
        self.rule_view = _table(self.rules, self.tr("构成要求"))
        self.rule_view.setItemDelegateForColumn(BAR_COLUMN, BarDelegate(self.rule_view))
        self.rule_view.horizontalHeader().setSectionResizeMode(
            BAR_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self.rule_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_rule())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("规则说明"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(self.tr("调整建议"))
        self.try_button = QPushButton(self.tr("试用此方案(&T)"))
        self.try_button.setEnabled(False)
        self.try_button.clicked.connect(self.try_suggestion)
        self.history = TrialHistoryModel(self)
        self.history_view = _table(self.history, self.tr("调整记录"))
        self.history_view.horizontalHeader().setStretchLastSection(False)
        self.history_view.horizontalHeader().setSectionResizeMode(
            2,
            QHeaderView.ResizeMode.Stretch,  # the reason; the panel below shows it whole
        )
        self.history_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_trial())
        self.history_details = QLabel()
        self.history_details.setWordWrap(True)
        self.history_details.setAccessibleName(self.tr("调整记录详情"))
        self.history_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        bar = QHBoxLayout()
        bar.addWidget(unit_label)
        bar.addWidget(self.unit_filter, 1)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.candidate_view, 3)
        left_layout.addWidget(QLabel(self.tr("候补人选（勾选即试算替补计入）：")))
        left_layout.addWidget(self.reserve_view, 1)
        left_layout.addWidget(self.seats, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.rule_view, 3)
        right_layout.addWidget(self.details)
        suggestions_label = QLabel(self.tr("调整建议（用候补替换，总人数不变）："))
        suggestions_label.setBuddy(self.suggestions)
        right_layout.addWidget(suggestions_label)
        right_layout.addWidget(self.suggestions, 1)
        right_layout.addWidget(self.try_button)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_view, 3)
        history_layout.addWidget(self.history_details, 1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("构成检查与调整记录"))
        self.tabs.tabBar().setAccessibleName(self.tr("构成检查与调整记录"))
        self.tabs.addTab(right, self.tr("构成检查(&K)"))
        self.tabs.addTab(history, self.tr("调整记录(&H)"))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([640, 560])
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (
            self.import_button,
            self.undo_button,
            self.reset_button,
            self.save_button,
            self.reload_button,
            self.print_list_button,
            self.print_public_button,
            self.print_table_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.unit_filter.currentIndexChanged.connect(
            lambda _i: self.candidates.set_unit(self.unit_filter.currentData())
        )
        self.import_button.clicked.connect(self.import_slate)
        self.resize(1280, 820)
        self.load()

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        ctx, kind, term, term_id = self.ctx, self.kind, self.term.term, self.term.id

        def read() -> tuple[dict[int, int], SlateWorkbench, list[SavedTrial]]:
            # The versions first: a change made between the two reads makes a save refuse.
            versions = slates_ops.slate_versions(ctx, term_id=term_id)
            bench = slates_ops.workbench(ctx, kind=kind, term=term)
            return versions, bench, slates_ops.saved_trials(ctx, term_id=term_id)

        self.runner.submit(
            read,
            on_done=lambda loaded: self._loaded(*loaded),
            on_error=lambda e: self.summary.setText(describe(e)),
        )

    def _loaded(
        self, versions: dict[int, int], bench: SlateWorkbench, trials: list[SavedTrial]
    ) -> None:
        self.bench, self.versions = bench, versions
        self.history.set_rows(trials)
        if trials:
            self.history_view.selectRow(0)  # the newest, with its details below
            self._show_trial()
        else:
            self.history_details.setText(self.tr("尚未保存过调整。"))
        self.undo_stack.clear()
        self.state = WhatIf(list(bench.slate.people), list(bench.slate.reserves))
        self.candidates.set_state(self.state)
        self.reserves.set_state(self.state)
        units = sorted({p.electoral_unit for p in self.state.people if p.electoral_unit})
        order = [name for name, _seats in bench.seats] or units
        self.unit_filter.blockSignals(True)
        while self.unit_filter.count() > 1:
            self.unit_filter.removeItem(1)
        for name in order:
            self.unit_filter.addItem(name, name)
        self.unit_filter.blockSignals(False)
        self.recheck()
        if self.rules.rowCount():
            self.rule_view.selectRow(self._first_failing_row())

    def _first_failing_row(self) -> int:
        for row in range(self.rules.rowCount()):
            if self.rules.result(row).status == "fail":
                return row
        return 0

    # --- the check, on every edit --------------------------------------------------------------

    def recheck(self) -> None:
        if self.bench is None:
            return
        slate = self.bench.slate
        effective = self.state.effective()
        self.report = check_slate(
            effective,
            self.bench.rules,
            self.kind.value,
            previous=slate.previous,
            delegates_ids=slate.delegate_ids,
        )
        self.rules.set_results(list(self.report.results))
        failing = [r for r in self.report.results if r.status == "fail"]
        change = ""
        if self.state.is_changed():
            change = (
                self.tr("（试算：换下 %1 人，替补 %2 人，未保存）")
                .replace("%1", str(len(self.state.left_out)))
                .replace("%2", str(len(self.state.brought_in)))
            )
        verdict = (
            self.tr("有 %1 项硬性要求未达到").replace("%1", str(len(failing)))
            if failing
            else self.tr("硬性要求全部达到")
        )
        self.summary.setText(
            self.tr("名单 %1 人，候补 %2 人；")
            .replace("%1", str(len(effective)))
            .replace("%2", str(len(self.state.reserves)))
            + verdict
            + change
        )
        self._update_seats(effective)
        self.candidates.refresh()
        self.reserves.refresh()
        self._suggest(self.bench, effective)
        self._show_rule()
        self.save_action.setEnabled(self.can_save())

    def _update_seats(self, effective: list[Any]) -> None:
        if self.bench is None or not self.bench.seats:
            return
        nominated: dict[str, int] = {}
        for person in effective:
            if person.electoral_unit:
                nominated[person.electoral_unit] = nominated.get(person.electoral_unit, 0) + 1
        self.seats.setRowCount(len(self.bench.seats))
        for row, (unit, seats) in enumerate(self.bench.seats):
            count = nominated.get(unit, 0)
            gap = count - seats
            words = "持平" if gap == 0 else (f"多 {gap}" if gap > 0 else f"缺 {-gap}")
            for column, text in enumerate((unit, str(seats), str(count), words)):
                self.seats.setItem(row, column, QTableWidgetItem(text))

    def _suggest(self, bench: SlateWorkbench, effective: list[Any]) -> None:
        self.suggestions.clear()
        self.suggestion = None
        self.try_button.setEnabled(False)
        if self.report is None or not self.report.has_failed_errors:
            self.suggestions.addItem(self.tr("所有硬性要求均已达到，无需调整。"))
            return
        pool = [r for r in self.state.reserves if r.row not in self.state.brought_in]
        slate = bench.slate
        swaps = suggest_swaps(
            effective, pool, bench.rules, self.kind.value, previous=slate.previous
        )
        if not swaps:
            self.suggestions.addItem(
                self.tr(
                    "候补人选中找不到能同时满足所有硬性要求的替换方案，请增补候补人选或调整名单。"
                )
            )
            return
        by_row = {r.row: r for r in [*effective, *self.state.reserves]}
        self.suggestion = swaps
        for out_row, in_row in swaps:
            out, into = by_row[out_row], by_row[in_row]
            self.suggestions.addItem(
                self.tr("用候补 %1 替换 %2")
                .replace("%1", self._describe(into))
                .replace("%2", self._describe(out))
            )
        self.try_button.setEnabled(True)

    @staticmethod
    def _describe(record: Any) -> str:
        facts = [
            f
            for f in (record.electoral_unit, record.category.value if record.category else None)
            if f
        ]
        return f"{record.name}（{'，'.join(facts)}）" if facts else record.name

    def _show_rule(self) -> None:
        index = self.rule_view.currentIndex()
        if not index.isValid() or self.report is None:
            self.details.clear()
            self.candidates.set_marked(frozenset())
            self.reserves.set_marked(frozenset())
            return
        result = self.rules.result(index.row())
        self.details.setText(result.message)
        marked = frozenset(result.counted_rows)
        self.candidates.set_marked(marked)
        self.reserves.set_marked(marked)

    # --- what-if, undoable -----------------------------------------------------------------------

    def toggle(self, row: int, reserve: bool) -> None:
        name = next(
            (
                r.name
                for r in (self.state.reserves if reserve else self.state.people)
                if r.row == row
            ),
            "",
        )
        self.undo_stack.push(
            ToggleCommand(
                self.state, [(row, reserve)], self.tr("试算：%1").replace("%1", name), self.recheck
            )
        )

    def try_suggestion(self) -> None:
        if not self.suggestion:
            return
        # A reserve already brought in is taken back out of the reserves, not of the slate.
        toggles = [(out_row, out_row in self.state.brought_in) for out_row, _ in self.suggestion]
        toggles += [(in_row, True) for _, in_row in self.suggestion]
        self.undo_stack.push(
            ToggleCommand(self.state, toggles, self.tr("试用替换方案"), self.recheck)
        )

    def reset_what_if(self) -> None:
        while self.undo_stack.canUndo():
            self.undo_stack.undo()

    # --- saving the trial as the slate -----------------------------------------------------------

    def is_draft(self) -> bool:
        return self.bench is not None and self.bench.slate.term_status is TermStatus.DRAFT

    def can_save(self) -> bool:
        """Only a term in preparation has a slate to adjust; a sitting term's trial stays one."""
        return self.is_draft() and self.state.is_changed()

    def _names(self, rows: set[int], records: list[Any]) -> str:
        return "、".join(r.name for r in records if r.row in rows)

    def save_trial(self) -> None:
        if not self.can_save() or self.report is None:
            return
        from views.slates.trial_dialog import TrialReasonDialog

        parts = []
        if self.state.left_out:
            parts.append(
                self.tr("换下候选人 %1（转为候补）").replace(
                    "%1", self._names(self.state.left_out, self.state.people)
                )
            )
        if self.state.brought_in:
            parts.append(
                self.tr("以候补 %1 替补").replace(
                    "%1", self._names(self.state.brought_in, self.state.reserves)
                )
            )
        failing = [r for r in self.report.results if r.status == "fail"]
        verdict = (
            self.tr("名单 %1 人；仍有 %2 项硬性要求未达到：%3")
            .replace("%1", str(len(self.state.effective())))
            .replace("%2", str(len(failing)))
            .replace("%3", "、".join(rule_title(r.id) for r in failing))
            if failing
            else self.tr("名单 %1 人；硬性要求全部达到").replace(
                "%1", str(len(self.state.effective()))
            )
        )
        assert self.bench is not None  # can_save says it is loaded
        dialog = TrialReasonDialog(
            self.runner,
            self.ctx,
            term_id=self.bench.slate.term_id,
            left_out=sorted(self.state.left_out),
            brought_in=sorted(self.state.brought_in),
            expected_versions=self.versions,
            change="；".join(parts),
            verdict=verdict,
            parent=self,
        )
        dialog.accepted.connect(self._trial_saved)
        self.trial_dialog = dialog
        dialog.open()

    def _trial_saved(self) -> None:
        # The stored slate is now the trial: reloading clears the trial and its undo steps.
        self.tabs.setCurrentIndex(1)
        self.load()

    def _show_trial(self) -> None:
        index = self.history_view.currentIndex()
        if index.isValid():
            self.history_details.setText(trial_details(self.history.trial(index.row())))

    def confirm_discard(self) -> bool:
        """A trial that could be saved is not dropped without asking."""
        if not self.can_save():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("名单调整尚未保存"),
            self.tr("试算的调整尚未保存，放弃这些调整吗？（要保存请选“否”，再按“保存调整”）"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def reload(self) -> None:
        if self.confirm_discard():
            self.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def print_paper(self, paper: str, public: bool = False) -> None:
        """The stored slate, as printed: what-if changes are a trial and never printed."""
        from models.services.papers.contracts import PaperKind, PaperRequest
        from views.documents.papers import open_paper

        names = {"slate": self.tr("名单"), "composition": self.tr("构成统计表")}
        title = self.windowTitle().replace("名单构成", "") + names[paper]
        if public:
            title += self.tr("（公示）")
        request = PaperRequest(PaperKind(paper), body=self.kind, term=self.term.term, public=public)
        open_paper(
            self,
            self.runner,
            self.ctx,
            request,
            title,
            on_shown=self._preview_shown,
        )

    def _preview_shown(self, preview: Any) -> None:
        self.last_preview = preview

    def import_slate(self) -> None:
        from views.slates.import_dialog import start_import

        start_import(
            self, self.runner, self.ctx, kind=self.kind, term=self.term, done=self._imported
        )

    def _imported(self) -> None:
        self.load()

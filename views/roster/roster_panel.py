"""The right-hand side of the main window: term selector, instant search and the member table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.vocabulary import Association, BodyKind, TermStatus, body_has_terms
from views.background import Runner
from views.error_presenter import describe
from views.roster.roster_table_model import (
    COLUMNS_OF_BODY,
    MEMBER_COLUMNS,
    REGISTRY_COLUMNS,
    Column,
    RosterTableModel,
)

if TYPE_CHECKING:
    from models.services.common.changes import Changes
    from models.services.common.context import AppContext
    from models.services.people.contracts import FirstRoster, RosterEntry, TermRow

_TERM_STATUS = {TermStatus.DRAFT: "筹备中", TermStatus.CURRENT: "现任", TermStatus.PAST: "往届"}


class RosterPanel(QWidget):
    roster_shown = Signal(int)  # rows visible once a roster has been loaded (0 = known empty)
    selection_changed = Signal()
    load_failed = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx: AppContext | None = None
        self._body: tuple[BodyKind, Association | None] | None = None
        self._entries: list[RosterEntry] = []
        self._generation = 0
        self._terms_generation = 0  # the term list's own: a member reload must not drop it
        # The generation of the first roster read before the database opened, while it is shown.
        self._early: int | None = None

        self.title = QLabel(self.tr("请选择机构"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

        self.term_box = QComboBox()
        self.term_box.setAccessibleName(self.tr("届次"))
        self.term_box.setAccessibleDescription(self.tr("选择要查看的届次"))
        term_label = QLabel(self.tr("届次(&T)："))
        term_label.setBuddy(self.term_box)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("姓名、全拼、拼音首字母或身份证号末几位"))
        self.search.setAccessibleName(self.tr("查找人员"))
        self.search.setAccessibleDescription(
            self.tr("输入姓名、全拼、拼音首字母（如 zs 查找张三）或身份证号末几位，即时筛选下表")
        )
        search_label = QLabel(self.tr("查找(&F)："))
        search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("人数"))

        self.model = RosterTableModel(MEMBER_COLUMNS, self)
        self.model.sorted.connect(self._on_sorted)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setAccessibleName(self.tr("成员列表"))
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)

        bar = QHBoxLayout()
        bar.addWidget(term_label)
        bar.addWidget(self.term_box, 1)
        bar.addSpacing(16)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.count_label)
        # Said in place of a roster the signed-in account may not read.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("说明"))
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.term_box.currentIndexChanged.connect(self._on_term_chosen)
        runner.data_changed.connect(self._on_data_changed)
        self.search.textChanged.connect(self._apply_search)
        self.setTabOrder(self.term_box, self.search)
        self.setTabOrder(self.search, self.table)

    # --- what the window asks ------------------------------------------------------------------

    def set_context(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.note.setVisible(False)
        self.search.setEnabled(True)

    def clear(self, note: str = "") -> None:
        """Signed out, or an account that may not read the registry: nothing of it stays shown,
        and what is still loading is dropped when it arrives."""
        self._ctx = None
        self._early = None
        self._generation += 1
        self._terms_generation += 1
        self._entries = []
        self.term_box.blockSignals(True)
        self.term_box.clear()
        self.term_box.blockSignals(False)
        self.model.set_rows([])
        self.count_label.setText("")
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def show_unavailable(self, title: str, note: str) -> None:
        """No roster for this account: said in its place, and known to be empty."""
        self.clear(note)
        self.title.setText(title)
        self.term_box.setEnabled(False)
        self.search.setEnabled(False)
        self.roster_shown.emit(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def is_registry(self) -> bool:
        return self._body is None

    def current_body(self) -> tuple[BodyKind, Association | None] | None:
        return self._body

    def current_term(self) -> TermRow | None:
        return self.term_box.currentData()

    def current_entry(self) -> RosterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry(rows[0].row())

    def visible_count(self) -> int:
        return self.model.rowCount()

    def show_body(self, body: tuple[BodyKind, Association | None] | None, title: str) -> None:
        """Switch to a body (its terms, then its members) or, with None, to the registry."""
        self._body = body
        self.title.setText(title)
        self._generation += 1
        generation = self._generation
        self.term_box.blockSignals(True)
        self.term_box.clear()
        self.term_box.blockSignals(False)
        ctx = self._ctx
        if ctx is None:
            if self._early is not None:  # another body chosen before the database opened
                self._early = None
                self._entries = []
                self.model.set_rows([])
                self.count_label.setText("")
            return
        if body is None:
            self._terms_generation += 1
            self.term_box.setEnabled(False)
            self._load_registry(generation)
            return
        self.term_box.setEnabled(body_has_terms(body[0]))
        self._load_terms(keep=None)

    def show_first(self, first: FirstRoster, title: str) -> None:
        """The first roster, read before the database opened (people/first_roster.py): shown as
        the body's own, its term list held still until `take_first` adopts it."""
        self._body = (first.kind, None)
        self.title.setText(title)
        self._generation += 1
        self._terms_generation += 1
        self._early = self._generation
        self._fill_terms(list(first.terms))
        if first.term_index >= 0:
            self.term_box.blockSignals(True)
            self.term_box.setCurrentIndex(first.term_index)
            self.term_box.blockSignals(False)
        self.term_box.setEnabled(False)
        self._show(list(first.entries), registry=False)

    def take_first(self) -> bool:
        """The database is open: keep the first roster if it is still what is shown (the same
        lines the normal path reads: a test compares them). False if there is none to keep."""
        early, self._early = self._early, None
        if early is None or early != self._generation or self._body is None:
            return False
        self.term_box.setEnabled(body_has_terms(self._body[0]))
        return True

    def drop_first(self) -> None:
        """The database did not open as the first roster assumed (or asks for sign-in first):
        nothing read early stays shown."""
        if self._early is not None:
            self.clear()

    def reload_terms(self) -> None:
        """Load the body's terms again (one was opened, handed over or deleted), keeping the
        chosen term when it is still there."""
        if self._body is not None and self._ctx is not None:
            term = self.current_term()
            self._load_terms(keep=term.id if term is not None else None)

    def _load_terms(self, *, keep: int | None) -> None:
        ctx, body = self._ctx, self._body
        if ctx is None or body is None:
            return
        # Imported once the database is open (the lane has loaded the data layer by then).
        from views.ops import people as people_ops

        kind, association = body
        self._terms_generation += 1
        generation = self._terms_generation
        self._runner.submit(
            lambda: people_ops.terms(ctx, kind=kind, association=association),
            on_done=lambda terms: self._on_terms(terms, generation, keep),
            on_error=self._on_error,
        )

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.terms:
            self.reload_terms()

    def reload(self) -> None:
        """Load the shown roster again, keeping the term and the search text."""
        self._generation += 1
        if self._body is None:
            self._load_registry(self._generation)
            return
        term = self.current_term()
        if term is not None:
            self._load_members(term.id, self._generation)

    # --- loading ---------------------------------------------------------------------------------

    def _load_registry(self, generation: int) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        from views.ops import people as people_ops

        self._load(lambda: people_ops.registry(ctx), generation, registry=True)

    def _load_members(self, term_id: int, generation: int) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        from views.ops import people as people_ops

        self._load(lambda: people_ops.members(ctx, term_id=term_id), generation)

    def _fill_terms(self, terms: list[TermRow]) -> None:
        self.term_box.blockSignals(True)
        self.term_box.clear()
        for term in terms:
            label = (
                term.name if term.term is None else f"{term.name}（{_TERM_STATUS[term.status]}）"
            )
            self.term_box.addItem(label, term)
        self.term_box.blockSignals(False)

    def _on_terms(self, terms: list[TermRow], generation: int, keep: int | None = None) -> None:
        if generation != self._terms_generation:
            return
        self._fill_terms(terms)
        if not terms:
            self._generation += 1
            self._show([], registry=False)
            return
        from models.services.people.contracts import preferred_term

        ids = [term.id for term in terms]
        self.term_box.setCurrentIndex(ids.index(keep) if keep in ids else preferred_term(terms))
        self._on_term_chosen(self.term_box.currentIndex())

    def _on_term_chosen(self, index: int) -> None:
        term = self.term_box.itemData(index)
        if term is None or self._ctx is None:
            return
        self._generation += 1
        self._load_members(term.id, self._generation)

    def _load(
        self, work: Callable[[], list[RosterEntry]], generation: int, *, registry: bool = False
    ) -> None:
        self.count_label.setText(self.tr("正在载入…"))
        self._runner.submit(
            work,
            on_done=lambda entries: (
                self._show(entries, registry=registry) if generation == self._generation else None
            ),
            on_error=self._on_error,
        )

    def _show(self, entries: list[RosterEntry], *, registry: bool) -> None:
        columns: tuple[Column, ...]
        if registry or self._body is None:
            columns = REGISTRY_COLUMNS
        else:
            columns = COLUMNS_OF_BODY.get(self._body[0], MEMBER_COLUMNS)
        self.model.set_rows([], columns)
        self.model.order_rows(entries)  # once per load; every search keeps this order
        self._entries = entries
        self._apply_search()
        self.fit_columns()
        self.roster_shown.emit(self.visible_count())

    def _on_sorted(self) -> None:
        self.model.order_rows(self._entries)

    def _apply_search(self) -> None:
        from models.services.people.search import search_entries  # pure and in memory

        hits = search_entries(self._entries, self.search.text())
        self.model.set_rows(hits)
        if self.search.text().strip():
            self.count_label.setText(self.tr("找到 %n 人", "", len(hits)))
        else:
            self.count_label.setText(self.tr("共 %n 人", "", len(hits)))

    def _on_error(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("载入失败"))
        self.load_failed.emit(describe(error))

    def fit_columns(self, sample: int = 60) -> None:
        """Fit columns to the header and the first rows only: fitting 100,000 rows costs seconds."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        rows = min(self.model.rowCount(), sample)
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(self.model.data(self.model.index(r, column)) or "") for r in range(rows)]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            header.resizeSection(column, min(max(widest + 28, 64), 280))

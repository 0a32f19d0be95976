"""The agenda tab: add, remove and reorder items, each with its kind and title."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.services.meetings.contracts import AgendaItemDraft, AgendaItemRow
from views.meetings.agenda_table_model import KIND, KIND_CHOICES, TITLE, AgendaTableModel
from views.meetings.choice_delegate import ChoiceDelegate


class AgendaPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: list[AgendaItemDraft] = []
        self.model = AgendaTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("议题列表"))
        self.view.setAccessibleDescription(
            self.tr("每行一项议题：类别从五类中选择，名称直接输入；F2 编辑所选单元格")
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(KIND, ChoiceDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)

        self.add_button = QPushButton(self.tr("添加议题(&A)"))
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.remove_button = QPushButton(self.tr("删除议题"))
        self.up_button = QPushButton(self.tr("上移(&U)"))
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.down_button = QPushButton(self.tr("下移(&W)"))
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.add_button.setToolTip(self.tr("在末尾添加一项议题（Ctrl+Shift+N）"))
        self.remove_button.setToolTip(self.tr("删除所选议题；已写的讨论情况和决定事项随之删除"))
        self.up_button.setToolTip(self.tr("把所选议题上移一位（Alt+↑）"))
        self.down_button.setToolTip(self.tr("把所选议题下移一位（Alt+↓）"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.note = QLabel(self.tr("议题的类别：") + "、".join(t for t, _ in KIND_CHOICES))
        self.note.setWordWrap(True)

        bar = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
        ):
            signal.connect(lambda *_: self.changed.emit())

    def load(self, items: Sequence[AgendaItemRow]) -> None:
        """The agenda as saved."""
        self._loaded = [AgendaItemDraft(kind=i.kind.value, title=i.title, id=i.id) for i in items]
        self.model.set_items(self._loaded)

    def items(self) -> list[AgendaItemDraft]:
        return self.model.items()

    def is_dirty(self) -> bool:
        return self.model.items() != self._loaded

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_item(self) -> None:
        row = self.model.add()
        index = self.model.index(row, TITLE)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def remove_item(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove(row)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), TITLE))

    def move_item(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        column = self.view.currentIndex().column()
        self.view.setCurrentIndex(self.model.index(self.model.move(row, delta), column))

    def set_read_only(self, read_only: bool) -> None:
        self.model.set_read_only(read_only)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)

    def focus_problem(self, row: int, column: str) -> None:
        index = self.model.index(row, KIND if column == "kind" else TITLE)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.setFocus()

"""The list windows' table: whole rows selected, read-only, Enter or a double click opens one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table_view(
    model: QAbstractItemModel,
    *,
    name: str,
    description: str,
    open_row: Callable[[], object],
    open_text: str,
    multiple: bool = False,
) -> QTableView:
    """Columns sized to their contents, the last one stretched; callers may resize further."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multiple
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    open_action = QAction(open_text, table)
    open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    open_action.triggered.connect(lambda: open_row())
    table.addAction(open_action)
    table.doubleClicked.connect(lambda _index: open_row())
    return table

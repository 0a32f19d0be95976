"""A read-only table over frozen rows, one (header, text of a row) pair per column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Columns = tuple[tuple[str, Callable[[Any], str]], ...]


class RowTableModel(QAbstractTableModel):
    """Subclasses give `COLUMNS`; `numbered` shows 1, 2, 3 … in the vertical header."""

    COLUMNS: Columns = ()
    numbered = True

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        """Roles a subclass adds (alignment …); None by default."""
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.COLUMNS[index.column()][1](row)
        if role == ROW_ROLE:
            return row
        return self.extra_data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section][0]
        if orientation == Qt.Orientation.Vertical and self.numbered:
            return section + 1
        return None

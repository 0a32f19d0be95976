"""Table model over frozen MotionRow lines: 编号, 标题, 提案人, 状态, 主办单位, 办理期限, 逾期."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain.motion_workflow import STATE_NAMES

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def number_text(row: Any) -> str:
    return row.number_text or (str(row.number) if row.number is not None else "未编号")


_COLUMNS: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("编号", number_text),
    ("标题", lambda r: r.title),
    ("提案人", lambda r: r.proposer),
    ("状态", lambda r: STATE_NAMES[r.state]),
    ("主办单位", lambda r: r.lead_unit or ""),
    ("办理期限", lambda r: r.deadline.isoformat() if r.deadline is not None else ""),
    ("逾期", lambda r: "逾期" if r.is_overdue else ""),
)


class MotionTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def motion(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, motion_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == motion_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _COLUMNS[index.column()][1](row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_COLUMNS):
            return _COLUMNS[section][0]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

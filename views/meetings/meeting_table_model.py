"""Table model over frozen MeetingRow lines: 会议, 日期, 地点, 状态, 纪要状态."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain.meeting_vocabulary import MEETING_STATUS_NAMES, MINUTES_STATUS_NAMES

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def when_text(row: Any) -> str:
    """2025-03-06 9:30, or the date alone while the time is open."""
    text = row.meeting_date.isoformat()
    if row.start_time is not None:
        text += f" {row.start_time.hour}:{row.start_time.minute:02d}"
    return text


def minutes_text(row: Any) -> str:
    return MINUTES_STATUS_NAMES[row.minutes_status] if row.minutes_status else "未写"


_COLUMNS: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("会议", lambda r: r.title),
    ("日期", when_text),
    ("地点", lambda r: r.place or ""),
    ("状态", lambda r: MEETING_STATUS_NAMES[r.status]),
    ("纪要状态", minutes_text),
)


class MeetingTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def meeting(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == meeting_id), -1)

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

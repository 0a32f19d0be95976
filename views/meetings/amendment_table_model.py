"""The amendment history of final minutes: when, by whom, why, which part, before and after."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.services.meetings.contracts import AmendmentRow

_HEADERS = ("修正时间", "修正人", "原因", "修正部分", "原内容", "修正后")


def beijing(instant: datetime) -> str:
    """Stored instants are shown in the federation's time, whatever the machine's zone."""
    return instant.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M")


def _when(row: AmendmentRow) -> str:
    return beijing(row.amended_at)


_TEXT = (
    _when,
    lambda r: r.amended_by,
    lambda r: r.reason,
    lambda r: r.part,
    lambda r: r.before or "（无）",
    lambda r: r.after or "（无）",
)


class AmendmentTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AmendmentRow] = []

    def set_rows(self, rows: Sequence[AmendmentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return _TEXT[index.column()](self._rows[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

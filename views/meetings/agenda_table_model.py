"""The agenda as an editable table: 序号, 类别 (the five kinds), 议题名称; reordered in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain.meeting_vocabulary import AgendaKind
from models.services.meetings.contracts import AgendaItemDraft
from views.meetings.choice_delegate import CHOICES_ROLE

NUMBER, KIND, TITLE = range(3)
_HEADERS = ("序号", "类别", "议题名称")
KIND_CHOICES = tuple((kind.value, kind.value) for kind in AgendaKind)


class AgendaTableModel(QAbstractTableModel):
    """Holds frozen AgendaItemDraft lines; an edit replaces the line. `id` keeps saved items."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaItemDraft] = []
        self._read_only = False

    def set_items(self, items: Sequence[AgendaItemDraft]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[AgendaItemDraft]:
        return list(self._items)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, TITLE))

    def add(self, kind: str = AgendaKind.OTHER.value, title: str = "") -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(AgendaItemDraft(kind=kind, title=title))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._items):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()
        self._renumber(row)

    def move(self, row: int, delta: int) -> int:
        """Move a line up (-1) or down (+1); returns where it now is."""
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return row
        # beginMoveRows names the row the moved one lands before, hence +1 going down.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        self._renumber(min(row, target))
        return target

    def _renumber(self, first: int) -> None:
        if first < len(self._items):
            self.dataChanged.emit(
                self.index(first, NUMBER), self.index(len(self._items) - 1, NUMBER)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item, column = self._items[index.row()], index.column()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            if column == NUMBER:
                return str(index.row() + 1)
            if column == KIND:
                return item.kind
            if role == Qt.ItemDataRole.DisplayRole and not item.title.strip():
                return "（请填写议题名称）"
            return item.title
        if role == CHOICES_ROLE and column == KIND:
            return KIND_CHOICES
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        item = self._items[index.row()]
        if index.column() == KIND:
            if value not in {v for _t, v in KIND_CHOICES}:
                return False
            self._items[index.row()] = replace(item, kind=value)
        else:
            self._items[index.row()] = replace(item, title=str(value or "").strip())
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != NUMBER and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        return None
